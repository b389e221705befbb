/**
 * Queries and mutations of the work on households: leads and their procedures (识别纳入 / 风险消除),
 * department list screening, the public hardship self-report, measures and funds, visits,
 * the 风险消除 check, slow payments, visit statistics and data-quality checks.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TArchiveCompleteness,
  THouseholdArchive,
  THouseholdStats,
  TCreateLeadBody,
  TDepartmentImportResult,
  TEliminationCheck,
  TFundBody,
  THardshipReportBody,
  TLeadDetail,
  TLeadStepBody,
  TMeasure,
  TMeasureBody,
  TProcedureSettings,
  TVisit,
  TVisitBody,
  ZEscalateResult,
  ZHardshipReceipt,
  ZLeadPage,
  ZMeasureList,
  ZPublicVillages,
  ZQualityReport,
  ZSlowPayments,
  ZVisitList,
  ZVisitStats,
} from '../../shared/contracts/households-work';
import type { TDepartmentSource } from '../../shared/domain/households/vocab';
import { api, apiRequest, type TQueryValue } from './client';

export type TLeadPage = z.infer<typeof ZLeadPage>;
export type TSlowPayments = z.infer<typeof ZSlowPayments>;
export type TVisitStats = z.infer<typeof ZVisitStats>;
export type TQualityReport = z.infer<typeof ZQualityReport>;
export type TPublicVillages = z.infer<typeof ZPublicVillages>;
export type THardshipReceipt = z.infer<typeof ZHardshipReceipt>;
export type TEscalateResult = z.infer<typeof ZEscalateResult>;

export const hwKeys = {
  leads: ['household-leads'] as const,
  leadList: (q: Record<string, TQueryValue>) => ['household-leads', 'list', q] as const,
  lead: (id: number) => ['household-leads', 'detail', id] as const,
  settings: ['household-leads', 'settings'] as const,
  measures: (householdId: number) => ['households', 'work', householdId, 'measures'] as const,
  visits: (householdId: number) => ['households', 'work', householdId, 'visits'] as const,
  elimination: (householdId: number) => ['households', 'work', householdId, 'elimination'] as const,
  slow: (areaId?: number) => ['households', 'slow-payments', areaId ?? null] as const,
  visitStats: (q: Record<string, TQueryValue>) => ['households', 'visit-stats', q] as const,
  quality: (areaId?: number) => ['households', 'quality', areaId ?? null] as const,
};

// ---- leads ---------------------------------------------------------------------------------------

/** A page of leads for the given filters. */
export function useLeads(q: Record<string, TQueryValue>, opts: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: hwKeys.leadList(q),
    queryFn: ({ signal }) => api.get<TLeadPage>('/household-leads', q, signal),
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}

/** One lead with its steps, events and the caller's abilities. */
export function useLead(id: number) {
  return useQuery({
    queryKey: hwKeys.lead(id),
    queryFn: ({ signal }) => api.get<TLeadDetail>(`/household-leads/${id}`, undefined, signal),
    enabled: Number.isFinite(id) && id > 0,
  });
}

/** The procedure settings (time limit, publicity minimum …). */
export function useProcedureSettings() {
  return useQuery({
    queryKey: hwKeys.settings,
    queryFn: ({ signal }) => api.get<TProcedureSettings>('/household-leads/settings', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** Raises a lead by hand (干部排查 by default). */
export function useCreateLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateLeadBody) => api.post<TLeadDetail>('/household-leads', body),
    onSuccess: (d) => {
      qc.setQueryData(hwKeys.lead(d.id), d);
      void qc.invalidateQueries({ queryKey: hwKeys.leads });
    },
  });
}

/** Completes or refuses a step of a lead's procedure. */
export function useLeadStep(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TLeadStepBody) => api.post<TLeadDetail>(`/household-leads/${id}/steps`, body),
    onSuccess: (d) => {
      qc.setQueryData(hwKeys.lead(id), d);
      void qc.invalidateQueries({ queryKey: hwKeys.leads });
      void qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

/** Turns every overdue lead into a supervision case (once each). */
export function useEscalateOverdue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TEscalateResult>('/household-leads/escalate-overdue', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: hwKeys.leads }),
  });
}

/** Uploads a department list (.xlsx) and raises leads for matched people. */
export function useDepartmentImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { department: TDepartmentSource; file: File }) => {
      const form = new FormData();
      form.append('file', v.file);
      return apiRequest<TDepartmentImportResult>('/household-leads/department-import', {
        method: 'POST',
        query: { department: v.department },
        body: form,
      });
    },
    onSuccess: (r) => {
      if (r.leadsRaised) void qc.invalidateQueries({ queryKey: hwKeys.leads });
    },
  });
}

// ---- public self-report ----------------------------------------------------------------------------

/** Villages for the public self-report picker (no login). */
export function usePublicVillages() {
  return useQuery({
    queryKey: ['public', 'hardship-villages'],
    queryFn: ({ signal }) => api.get<TPublicVillages>('/public/hardship-reports/villages', undefined, signal),
    staleTime: 30 * 60_000,
  });
}

/** Sends a self-report; the answer is a receipt number. */
export function useSubmitHardship() {
  return useMutation({ mutationFn: (body: THardshipReportBody) => api.post<THardshipReceipt>('/public/hardship-reports', body) });
}

// ---- measures, funds, visits, elimination ---------------------------------------------------------

/** The measures of a household with their funds. */
export function useMeasures(householdId: number) {
  return useQuery({
    queryKey: hwKeys.measures(householdId),
    queryFn: ({ signal }) => api.get<z.infer<typeof ZMeasureList>>(`/households/${householdId}/measures`, undefined, signal),
  });
}

/** Adds a measure, or a fund row (allocation / payment) to a measure. */
export function useMeasureActions(householdId: number) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: hwKeys.measures(householdId) });
    void qc.invalidateQueries({ queryKey: hwKeys.elimination(householdId) });
    void qc.invalidateQueries({ queryKey: ['households', 'slow-payments'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: TMeasureBody) => api.post<TMeasure>(`/households/${householdId}/measures`, body),
      onSuccess: refresh,
    }),
    addFund: useMutation({
      mutationFn: (v: { measureId: number; body: TFundBody }) => api.post<TMeasure>(`/households/measures/${v.measureId}/funds`, v.body),
      onSuccess: refresh,
    }),
    setStatus: useMutation({
      mutationFn: (v: { measureId: number; status: TMeasure['status']; version: number }) =>
        api.patch<TMeasure>(`/households/measures/${v.measureId}`, { status: v.status, version: v.version }),
      onSuccess: refresh,
    }),
  };
}

/** The visits of a household, newest first. */
export function useVisits(householdId: number) {
  return useQuery({
    queryKey: hwKeys.visits(householdId),
    queryFn: ({ signal }) => api.get<z.infer<typeof ZVisitList>>(`/households/${householdId}/visits`, undefined, signal),
  });
}

/** Records a visit (the caller is the visitor); a problem becomes a case. */
export function useRecordVisit(householdId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TVisitBody) => api.post<TVisit>(`/households/${householdId}/visits`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: hwKeys.visits(householdId) });
      void qc.invalidateQueries({ queryKey: ['households', 'visit-stats'] });
    },
  });
}

/** The 风险消除 criteria of a household. */
export function useEliminationCheck(householdId: number, enabled: boolean) {
  return useQuery({
    queryKey: hwKeys.elimination(householdId),
    queryFn: ({ signal }) => api.get<TEliminationCheck>(`/households/${householdId}/elimination-check`, undefined, signal),
    enabled,
  });
}

/** Starts the 风险消除 procedure of a household. */
export function useStartElimination(householdId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string | null) => api.post<TLeadDetail>(`/households/${householdId}/elimination`, { note }),
    onSuccess: (d) => {
      qc.setQueryData(hwKeys.lead(d.id), d);
      void qc.invalidateQueries({ queryKey: hwKeys.leads });
    },
  });
}

// ---- reports ------------------------------------------------------------------------------------

/** Measures with money allocated and not paid for too long. */
export function useSlowPayments(areaId?: number) {
  return useQuery({
    queryKey: hwKeys.slow(areaId),
    queryFn: ({ signal }) => api.get<TSlowPayments>('/households/measures/slow-payments', { areaId }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Visits per cadre and per village over a period. */
export function useVisitStats(q: { from: string; to: string; areaId?: number }) {
  return useQuery({
    queryKey: hwKeys.visitStats(q),
    queryFn: ({ signal }) => api.get<TVisitStats>('/households/visits/stats', q, signal),
    placeholderData: keepPreviousData,
  });
}

/** Data-quality issues per village. */
export function useQualityChecks(areaId?: number) {
  return useQuery({
    queryKey: hwKeys.quality(areaId),
    queryFn: ({ signal }) => api.get<TQualityReport>('/households/quality-checks', { areaId }, signal),
    placeholderData: keepPreviousData,
  });
}

// ---- archives (一户一档) and nightly jobs ------------------------------------------------------------

/** The archive of a household: each document present or missing, with its files. */
export function useHouseholdArchive(householdId: number) {
  return useQuery({
    queryKey: ['households', 'work', householdId, 'archive'] as const,
    queryFn: ({ signal }) => api.get<THouseholdArchive>(`/households/${householdId}/archive`, undefined, signal),
  });
}

/** Files uploads under a document of the archive, or takes a file out. */
export function useArchiveActions(householdId: number) {
  const qc = useQueryClient();
  const onSuccess = (data: THouseholdArchive) => {
    qc.setQueryData(['households', 'work', householdId, 'archive'], data);
    void qc.invalidateQueries({ queryKey: ['households', 'archive-completeness'] });
  };
  return {
    add: useMutation({
      mutationFn: (v: { docCode: string; attachmentIds: string[] }) =>
        api.post<THouseholdArchive>(`/households/${householdId}/archive/${v.docCode}`, { attachmentIds: v.attachmentIds }),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (attachmentId: string) => apiRequest<THouseholdArchive>(`/households/${householdId}/archive/files/${attachmentId}`, { method: 'DELETE' }),
      onSuccess,
    }),
  };
}

/** Completeness of archives by village (optionally under an area). */
export function useArchiveCompleteness(areaId?: number) {
  return useQuery({
    queryKey: ['households', 'archive-completeness', areaId ?? null] as const,
    queryFn: ({ signal }) => api.get<TArchiveCompleteness>('/households/archive-completeness', { areaId }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Household statistics per township and village (optionally under an area). */
export function useHouseholdStats(areaId?: number) {
  return useQuery({
    queryKey: ['households', 'stats', areaId ?? null] as const,
    queryFn: ({ signal }) => api.get<THouseholdStats>('/households/stats', { areaId }, signal),
    placeholderData: keepPreviousData,
  });
}

