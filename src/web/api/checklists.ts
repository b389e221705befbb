/** Queries and mutations of checklist templates and inspections (现场检查). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TChecklistTemplate,
  TChecklistTemplateRow,
  TCompleteInspectionBody,
  TCreateInspectionBody,
  TInspectionCaseRef,
  TInspectionDetail,
  TInspectionPage,
  TRaiseCaseBody,
  TRecordResultBody,
  TSaveChecklistBody,
} from '../../shared/contracts/checklists';
import { api, type TQueryValue } from './client';

/** Templates, optionally including disabled ones (the editors' page). */
export function useChecklists(opts: { includeInactive?: boolean } = {}) {
  return useQuery({
    queryKey: ['checklists', 'list', !!opts.includeInactive],
    queryFn: ({ signal }) =>
      api.get<TChecklistTemplateRow[]>('/checklists', { includeInactive: opts.includeInactive ? 'true' : undefined }, signal),
  });
}

/** One template with its items. */
export function useChecklist(id: number | null) {
  return useQuery({
    queryKey: ['checklists', 'detail', id],
    queryFn: ({ signal }) => api.get<TChecklistTemplate>(`/checklists/${id}`, undefined, signal),
    enabled: id != null,
  });
}

/** Creates (id null) or replaces a template. */
export function useSaveChecklist() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: TSaveChecklistBody }) =>
      id == null ? api.post<TChecklistTemplate>('/checklists', body) : api.put<TChecklistTemplate>(`/checklists/${id}`, body),
    onSuccess: (t) => {
      qc.setQueryData(['checklists', 'detail', t.id], t);
      qc.invalidateQueries({ queryKey: ['checklists', 'list'] });
    },
  });
}

/** A page of inspections. */
export function useInspections(params: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: ['inspections', 'list', params],
    queryFn: ({ signal }) => api.get<TInspectionPage>('/inspections', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** One inspection with its items and answers. */
export function useInspection(id: number) {
  return useQuery({
    queryKey: ['inspections', 'detail', id],
    queryFn: ({ signal }) => api.get<TInspectionDetail>(`/inspections/${id}`, undefined, signal),
  });
}

/** Starts an inspection. */
export function useCreateInspection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateInspectionBody) => api.post<TInspectionDetail>('/inspections', body),
    onSuccess: (d) => {
      qc.setQueryData(['inspections', 'detail', d.id], d);
      qc.invalidateQueries({ queryKey: ['inspections', 'list'] });
    },
  });
}

/** Records, raises a case from, or completes an inspection; every answer refreshes the inspection. */
export function useInspectionActions(id: number) {
  const qc = useQueryClient();
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['inspections', 'detail', id] });
    qc.invalidateQueries({ queryKey: ['inspections', 'list'] });
  };
  const record = useMutation({
    mutationFn: ({ itemId, body }: { itemId: number; body: TRecordResultBody }) =>
      api.put<TInspectionDetail>(`/inspections/${id}/results/${itemId}`, body),
    // Show the answer at once; answers to several items may be in flight, so the settled
    // state is refetched rather than taken from whichever response arrives last.
    onMutate: ({ itemId, body }) => {
      qc.setQueryData<TInspectionDetail>(['inspections', 'detail', id], (d) =>
        d ? { ...d, items: d.items.map((i) => (i.id === itemId ? { ...i, result: body.result, note: body.note ?? null } : i)) } : d,
      );
    },
    onSettled: refresh,
  });
  const raiseCase = useMutation({
    mutationFn: ({ itemId, body }: { itemId: number; body: TRaiseCaseBody }) =>
      api.post<TInspectionCaseRef>(`/inspections/${id}/results/${itemId}/case`, body),
    onSettled: () => {
      refresh();
      qc.invalidateQueries({ queryKey: ['cases'] });
      qc.invalidateQueries({ queryKey: ['home'] });
    },
  });
  const complete = useMutation({
    mutationFn: (body: TCompleteInspectionBody) => api.post<TInspectionDetail>(`/inspections/${id}/complete`, body),
    onSuccess: (d) => qc.setQueryData(['inspections', 'detail', id], d),
    onSettled: () => qc.invalidateQueries({ queryKey: ['inspections', 'list'] }),
  });
  return { record, raiseCase, complete };
}
