/** Queries and mutations of the admin pages: areas, units, users, audit log. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TArea, TAuditEntry, TJobRuns, TCreateAreaBody, TCreateUnitBody, TCreateUserBody, TUnit, TAdminUser } from '../../shared/contracts/admin';
import { api, type TQueryValue } from './client';

interface TPage<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/** Every area, active or not. */
export function useAdminAreas() {
  return useQuery({ queryKey: ['admin', 'areas'], queryFn: ({ signal }) => api.get<TArea[]>('/admin/areas', undefined, signal) });
}

/** Units matching the filters. */
export function useAdminUnits(params: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: ['admin', 'units', params],
    queryFn: ({ signal }) => api.get<TUnit[]>('/admin/units', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** A page of users. */
export function useAdminUsers(params: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: ['admin', 'users', params],
    queryFn: ({ signal }) => api.get<TPage<TAdminUser>>('/admin/users', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** A page of the audit log. */
export function useAuditLog(params: Record<string, TQueryValue>) {
  return useQuery({
    queryKey: ['admin', 'audit', params],
    queryFn: ({ signal }) => api.get<TPage<TAuditEntry>>('/audit', params, signal),
    placeholderData: keepPreviousData,
  });
}

/** Creates or updates an admin record; refreshes the admin lists and the pickers. */
export function useAdminSave<TBody, TResult>(kind: 'areas' | 'units' | 'users') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: TBody }) =>
      id == null ? api.post<TResult>(`/admin/${kind}`, body) : api.patch<TResult>(`/admin/${kind}/${id}`, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['admin', kind] });
      qc.invalidateQueries({ queryKey: ['lookup'] });
    },
  });
}

/** Sets a new password for a user. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => api.post<{ ok: true }>(`/admin/users/${id}/reset-password`, { password }),
  });
}

export type { TArea, TCreateAreaBody, TCreateUnitBody, TCreateUserBody, TUnit, TAdminUser };

/** The schedule and latest runs of every module's scheduled jobs (admins). */
export function useJobRuns(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'jobs'] as const,
    queryFn: ({ signal }) => api.get<TJobRuns>('/admin/jobs', undefined, signal),
    enabled,
  });
}
