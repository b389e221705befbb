/** Queries and mutations of the supervision case (督办事项). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { THomeStats, TBulkBody, TBulkResult, TCaseDetail, TCasePage, TCreateCaseBody, TTransitionBody } from '../../shared/contracts/cases';
import { api, isStale, type TQueryValue } from './client';

/** Query parameters of GET /api/cases as the UI keeps them (strings, comma lists). */
export type TCaseListParams = Record<string, TQueryValue>;

export const caseKeys = {
  all: ['cases'] as const,
  list: (params: TCaseListParams) => ['cases', 'list', params] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  home: ['home', 'stats'] as const,
};

/** A page of cases for the given filters, keeping the previous page on screen while loading. */
export function useCaseList(params: TCaseListParams, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: ({ signal }) => api.get<TCasePage>('/cases', params, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** One case with its timeline and the caller's allowed actions. */
export function useCaseDetail(id: number) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => api.get<TCaseDetail>(`/cases/${id}`, undefined, signal),
    enabled: Number.isFinite(id) && id > 0,
  });
}

/** The home page counts. */
export function useHomeStats() {
  return useQuery({ queryKey: caseKeys.home, queryFn: ({ signal }) => api.get<THomeStats>('/home/stats', undefined, signal) });
}

/** Creates a case (and assigns it when a unit and a deadline are given). */
export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCaseBody) => api.post<TCaseDetail>('/cases', body),
    onSuccess: (detail) => {
      qc.setQueryData(caseKeys.detail(detail.id), detail);
      qc.invalidateQueries({ queryKey: caseKeys.all, refetchType: 'none' });
      qc.invalidateQueries({ queryKey: caseKeys.home });
    },
  });
}

/**
 * Takes an action on a case. The answer replaces the cached detail; a stale version
 * (someone else changed the case) refetches it so the user sees the latest state.
 */
export function useTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TTransitionBody) => api.post<TCaseDetail>(`/cases/${id}/transitions`, body),
    onSuccess: (detail) => {
      qc.setQueryData(caseKeys.detail(id), detail);
      qc.invalidateQueries({ queryKey: ['cases', 'list'] });
      qc.invalidateQueries({ queryKey: caseKeys.home });
    },
    onError: (err) => {
      if (isStale(err)) qc.invalidateQueries({ queryKey: caseKeys.detail(id) });
    },
  });
}

/** Bulk assign or bulk verify from the list; answers which ids were done and which failed. */
export function useBulkAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBulkBody) => api.post<TBulkResult>('/cases/bulk', body),
    onSettled: () => {
      qc.invalidateQueries({ queryKey: caseKeys.all });
      qc.invalidateQueries({ queryKey: caseKeys.home });
    },
  });
}
