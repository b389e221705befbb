/** Queries and mutations of the household registry (防止返贫动态监测). */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateMemberBody,
  TGuaranteesBody,
  THouseholdDetail,
  THouseholdPage,
  TImportResult,
  TIncomeBody,
  TMember,
  TMonitoringLineBody,
  THouseholdTimeline,
  TScreeningRunResult,
  TTimelineKind,
  TUpdateMemberBody,
} from '../../shared/contracts/households';
import { api, apiRequest, toQueryString, type TQueryValue } from './client';

/** A monitoring line of a year as the API returns it. */
export interface TMonitoringLineDto {
  year: number;
  areaPrefix: string;
  incomeLine: number;
  params: Record<string, number>;
  sourceNote: string;
  updatedAt: string;
}

export const hhKeys = {
  all: ['households'] as const,
  list: (q: Record<string, TQueryValue>) => ['households', 'list', q] as const,
  detail: (id: number, reveal: boolean) => ['households', 'detail', id, reveal] as const,
  lines: ['households', 'lines'] as const,
};

/** A page of households for the given filters. */
export function useHouseholds(q: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: hhKeys.list(q),
    queryFn: ({ signal }) => api.get<THouseholdPage>('/households', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** One household; with `reveal` the ID numbers and phones come unmasked (the server audits it). */
export function useHousehold(id: number, reveal: boolean) {
  return useQuery({
    queryKey: hhKeys.detail(id, reveal),
    queryFn: ({ signal }) => api.get<THouseholdDetail>(`/households/${id}`, reveal ? { reveal: 'true' } : undefined, signal),
    enabled: Number.isFinite(id) && id > 0,
    // A revealed answer is never kept around longer than it is on screen.
    gcTime: reveal ? 0 : undefined,
    staleTime: reveal ? 0 : undefined,
  });
}

/** Writes on one household: members, income of a year, 三保障 of a year. Each answer refreshes the page. */
export function useHouseholdActions(id: number) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['households'] });
  return {
    addMember: useMutation({
      mutationFn: (body: TCreateMemberBody) => api.post<TMember>(`/households/${id}/members`, body),
      onSuccess: refresh,
    }),
    updateMember: useMutation({
      mutationFn: (v: { memberId: number; body: TUpdateMemberBody }) => api.patch<TMember>(`/households/members/${v.memberId}`, v.body),
      onSuccess: refresh,
    }),
    recordIncome: useMutation({
      mutationFn: (v: { year: number; body: TIncomeBody }) => api.put<THouseholdDetail>(`/households/${id}/income/${v.year}`, v.body),
      onSuccess: refresh,
    }),
    recordGuarantees: useMutation({
      mutationFn: (v: { year: number; body: TGuaranteesBody }) =>
        api.put<THouseholdDetail>(`/households/${id}/guarantees/${v.year}`, v.body),
      onSuccess: refresh,
    }),
  };
}

/** A household's timeline, newest first, 30 events a page (older pages by the cursor); optionally only some kinds. */
export function useHouseholdTimeline(id: number, kinds: readonly TTimelineKind[]) {
  return useInfiniteQuery({
    queryKey: ['households', 'timeline', id, kinds] as const,
    queryFn: ({ pageParam, signal }) =>
      api.get<THouseholdTimeline>(`/households/${id}/timeline`, { limit: 30, before: pageParam, kinds }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Number.isFinite(id) && id > 0,
  });
}

/** The monitoring lines of every year. */
export function useMonitoringLines() {
  return useQuery({
    queryKey: hhKeys.lines,
    queryFn: ({ signal }) => api.get<{ items: TMonitoringLineDto[] }>('/households/settings/monitoring-lines', undefined, signal),
  });
}

/** Sets a year's monitoring line. */
export function useSaveMonitoringLine() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { year: number; body: TMonitoringLineBody }) =>
      api.put<{ items: TMonitoringLineDto[] }>(`/households/settings/monitoring-lines/${v.year}`, v.body),
    onSuccess: (data) => qc.setQueryData(hhKeys.lines, data),
  });
}

/** Runs the risk screening over the caller's scope for a year. */
export function useRunScreening() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; areaId?: number }) => api.post<TScreeningRunResult>('/households/screening', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['households'] }),
  });
}

/** Uploads an .xlsx of households and members. */
export function useImportHouseholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; mode: 'all_or_nothing' | 'good_rows' }) => {
      const form = new FormData();
      form.append('file', v.file);
      return apiRequest<TImportResult>('/households/import', { method: 'POST', query: { mode: v.mode }, body: form });
    },
    onSuccess: (r) => {
      if (r.isWritten) qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

/** Download addresses (plain GETs with the session cookie). */
export const householdFiles = {
  template: '/api/households/import/template.xlsx',
  errorReport: (reportId: string) => `/api/households/import/${reportId}/errors.xlsx`,
  export: (q: { reveal?: boolean; areaId?: number }) =>
    `/api/households/export.xlsx${toQueryString({ reveal: q.reveal ? 'true' : undefined, areaId: q.areaId })}`,
  /** A standard table: monitored, measures, visits, guarantees. */
  table: (table: string, q: { reveal?: boolean; areaId?: number }) =>
    `/api/households/export/${table}${toQueryString({ reveal: q.reveal ? 'true' : undefined, areaId: q.areaId })}`,
};
