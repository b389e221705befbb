/** Lookups used by forms: areas in the caller's scope and responsible units. */
import { useQuery } from '@tanstack/react-query';
import type { TArea, TLookupUnit } from '../../shared/contracts/admin';
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
