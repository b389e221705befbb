/**
 * What the signed-in user may do, as the server says (`abilities` of /api/auth/me, decided by
 * each module's policy). Menus, pages and buttons ask here; the web keeps no role lists of its
 * own. A record's own `abilities` (what the caller may do to that record) come with the record.
 */
import type { TAbilities, TAbilityModule, TAbilityName } from '../../shared/contracts/abilities';
import { useMe } from '../api/session';

/** True when `abilities` grant any of the `names` of `module`. */
export function can<M extends TAbilityModule>(abilities: TAbilities | undefined, module: M, ...names: TAbilityName<M>[]): boolean {
  if (!abilities) return false;
  const granted = abilities[module] as Record<TAbilityName<M>, boolean>;
  return names.some((n) => granted[n] === true);
}

/** The current user's abilities (undefined while signed out). */
export function useAbilities(): TAbilities | undefined {
  return useMe().data?.abilities;
}

/** True when the current user has any of the `names` of `module`. */
export function useCan<M extends TAbilityModule>(module: M, ...names: TAbilityName<M>[]): boolean {
  return can(useAbilities(), module, ...names);
}
