/** Lookups used by forms: areas in the caller's scope, responsible units and people. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TArea, TLookupUnit, TLookupUser, TLookupUserQuery } from '../../shared/contracts/admin';
import type { TUnitType } from '../../shared/domain/units';
import { api } from './client';

/** A unit as the lookup returns it. */
export type TUnitOption = TLookupUnit;

/** Areas the caller may file cases in (their area's subtree). */
export function useAreas() {
  return useQuery({
    queryKey: ['lookup', 'areas'],
    queryFn: ({ signal }) => api.get<TArea[]>('/lookup/areas', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** Active responsible units, optionally of one type. */
export function useUnits(type?: TUnitType) {
  return useQuery({
    queryKey: ['lookup', 'units', type ?? null],
    queryFn: ({ signal }) => api.get<TUnitOption[]>('/lookup/units', { type }, signal),
    staleTime: 10 * 60_000,
  });
}

/** People inside the caller's area (max 50), optionally of one role and matching `q`; empty for unit staff. */
export function useLookupUsers(query: TLookupUserQuery, opts: { enabled?: boolean } = {}) {
  const q = query.q?.trim() || undefined;
  return useQuery({
    queryKey: ['lookup', 'users', query.role ?? null, q ?? null],
    queryFn: ({ signal }) => api.get<TLookupUser[]>('/lookup/users', { role: query.role, q }, signal),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    enabled: opts.enabled ?? true,
  });
}
