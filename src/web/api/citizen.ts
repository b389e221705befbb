/**
 * Citizens' reports: the public endpoints (/api/public, no login) used by the 随手拍 and
 * tracking pages, and moderation, settings and Open311 keys (/api/citizen, signed in).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TAcceptReportBody,
  TCitizenSettings,
  TCreateReportBody,
  TReportRow,
  TTrackResult,
  ZApiKeyRow,
  ZCreatedApiKey,
  ZCreateReportResult,
  ZPublicArea,
  ZPublicCategory,
  ZPublicPhoto,
} from '../../shared/contracts/citizen';
import { api, apiRequest, type TQueryValue } from './client';

export type TPublicCategory = z.infer<typeof ZPublicCategory>;
export type TPublicArea = z.infer<typeof ZPublicArea>;
export type TPublicPhoto = z.infer<typeof ZPublicPhoto>;
export type TCreateReportResult = z.infer<typeof ZCreateReportResult>;
export type TApiKeyRow = z.infer<typeof ZApiKeyRow>;
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export interface TReportPage {
  items: TReportRow[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

// ── public (no login) ───────────────────────────────────────────────────────────────────

export function usePublicCategories() {
  return useQuery({
    queryKey: ['public', 'categories'],
    queryFn: () => api.get<TPublicCategory[]>('/public/categories'),
    staleTime: 30 * 60_000,
  });
}

export function usePublicAreas() {
  return useQuery({ queryKey: ['public', 'areas'], queryFn: () => api.get<TPublicArea[]>('/public/areas'), staleTime: 30 * 60_000 });
}

/** Uploads one photo (EXIF removed by the server). */
export function uploadPublicPhoto(file: File): Promise<TPublicPhoto> {
  const form = new FormData();
  form.append('file', file);
  return api.post<TPublicPhoto>('/public/photos', form);
}

export function useSubmitReport() {
  return useMutation({ mutationFn: (body: TCreateReportBody) => api.post<TCreateReportResult>('/public/reports', body) });
}

export const trackKey = (code: string) => ['public', 'track', code] as const;

export function useTrack(code: string) {
  return useQuery({
    queryKey: trackKey(code),
    queryFn: ({ signal }) => api.get<TTrackResult>(`/public/track/${encodeURIComponent(code)}`, undefined, signal),
    enabled: code.length > 0,
    staleTime: 0,
  });
}

export function useReopenReport(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api.post<TTrackResult>(`/public/track/${encodeURIComponent(code)}/reopen`, { note }),
    onSuccess: (r) => qc.setQueryData(trackKey(code), r),
  });
}

// ── moderation (signed in) ──────────────────────────────────────────────────────────────

export const citizenKeys = {
  all: ['citizen'] as const,
  reports: (q: Record<string, TQueryValue>) => ['citizen', 'reports', q] as const,
  report: (id: number) => ['citizen', 'report', id] as const,
  settings: ['citizen', 'settings'] as const,
  keys: ['citizen', 'api-keys'] as const,
};

export function useReports(q: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: citizenKeys.reports(q),
    queryFn: ({ signal }) => api.get<TReportPage>('/citizen/reports', q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: number) {
  return useQuery({
    queryKey: citizenKeys.report(id),
    queryFn: ({ signal }) => api.get<TReportRow>(`/citizen/reports/${id}`, undefined, signal),
    enabled: Number.isFinite(id) && id > 0,
  });
}

export type TModeration =
  | { action: 'accept'; body: TAcceptReportBody }
  | { action: 'merge'; body: { caseId: number } }
  | { action: 'reject'; body: { reason: string } };

/** Accepts (→ case), merges into a case, or rejects a pending report. */
export function useModerate(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: TModeration) => api.post<TReportRow>(`/citizen/reports/${id}/${m.action}`, m.body),
    onSuccess: (r) => {
      qc.setQueryData(citizenKeys.report(id), r);
      qc.invalidateQueries({ queryKey: ['citizen', 'reports'] });
      qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useCitizenSettings() {
  return useQuery({ queryKey: citizenKeys.settings, queryFn: ({ signal }) => api.get<TCitizenSettings>('/citizen/settings', undefined, signal) });
}

export function useSaveCitizenSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCitizenSettings) => api.put<TCitizenSettings>('/citizen/settings', body),
    onSuccess: (s) => qc.setQueryData(citizenKeys.settings, s),
  });
}

export function useApiKeys() {
  return useQuery({ queryKey: citizenKeys.keys, queryFn: ({ signal }) => api.get<TApiKeyRow[]>('/citizen/api-keys', undefined, signal) });
}

export function useIssueApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<TCreatedApiKey>('/citizen/api-keys', { name }),
    onSuccess: () => qc.invalidateQueries({ queryKey: citizenKeys.keys }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<{ ok: true }>(`/citizen/api-keys/${id}/revoke`, { method: 'POST', body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: citizenKeys.keys }),
  });
}
