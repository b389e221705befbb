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
import type { TErrorCode } from '../../shared/errors';
import { api, ApiError, apiRequest, type TQueryValue } from './client';

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

/**
 * Calls a public endpoint without the session cookie (so a signed-in staff member's
 * session and CSRF rules never get in the way), parsing errors like the app's client.
 */
async function publicRequest<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) body = init.body;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/public${path}`, { method: init.method ?? 'GET', headers, body, credentials: 'omit' });
  } catch {
    throw new ApiError({ code: 'NETWORK', status: 0, message: '网络连接失败，请检查网络后重试' });
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null)?.error;
    throw new ApiError({
      code: (e?.code as TErrorCode) ?? (res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      status: res.status,
      message: e?.message ?? (res.status >= 500 ? '服务器开小差了，请稍后重试' : `请求失败（${res.status}）`),
      fields: e?.fields,
    });
  }
  return data as T;
}

export function usePublicCategories() {
  return useQuery({
    queryKey: ['public', 'categories'],
    queryFn: () => publicRequest<TPublicCategory[]>('/categories'),
    staleTime: 30 * 60_000,
  });
}

export function usePublicAreas() {
  return useQuery({ queryKey: ['public', 'areas'], queryFn: () => publicRequest<TPublicArea[]>('/areas'), staleTime: 30 * 60_000 });
}

/** Uploads one photo (EXIF removed by the server). */
export function uploadPublicPhoto(file: File): Promise<TPublicPhoto> {
  const form = new FormData();
  form.append('file', file);
  return publicRequest<TPublicPhoto>('/photos', { method: 'POST', body: form });
}

export function useSubmitReport() {
  return useMutation({ mutationFn: (body: TCreateReportBody) => publicRequest<TCreateReportResult>('/reports', { method: 'POST', body }) });
}

export const trackKey = (code: string) => ['public', 'track', code] as const;

export function useTrack(code: string) {
  return useQuery({
    queryKey: trackKey(code),
    queryFn: () => publicRequest<TTrackResult>(`/track/${encodeURIComponent(code)}`),
    enabled: code.length > 0,
    staleTime: 0,
  });
}

export function useReopenReport(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => publicRequest<TTrackResult>(`/track/${encodeURIComponent(code)}/reopen`, { method: 'POST', body: { note } }),
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
