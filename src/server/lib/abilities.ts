/**
 * Declaring a module's abilities once: a rule per ability name of `shared/contracts/abilities.ts`
 * (the compiler checks that every name has a rule and no rule lacks a name). Routes enforce them
 * with `requireAbility`; `/api/auth/me` sends every module's answers to the UI.
 */
import type { TAbilityModule, TAbilityName } from '../../shared/contracts/abilities.js';
import type { TUser } from './types.js';

/** One module's declared abilities. */
export interface TAbilitySet<M extends TAbilityModule = TAbilityModule> {
  module: M;
  /** True when `user` has the ability `name`. */
  can(user: TUser, name: TAbilityName<M>): boolean;
  /** Every ability of the module for `user`. */
  for(user: TUser): Record<TAbilityName<M>, boolean>;
}

/** A set of any module, as the module registry holds them. */
export interface TAnyAbilitySet {
  module: TAbilityModule;
  for(user: TUser): Record<string, boolean>;
}

/** Declares the rules of module `module`'s abilities. */
export function defineAbilities<M extends TAbilityModule>(
  module: M,
  rules: { [K in TAbilityName<M>]: (user: TUser) => boolean },
): TAbilitySet<M> {
  const names = Object.keys(rules) as TAbilityName<M>[];
  return {
    module,
    can: (user, name) => rules[name](user),
    for: (user) => Object.fromEntries(names.map((n) => [n, rules[n](user)])) as Record<TAbilityName<M>, boolean>,
  };
}
