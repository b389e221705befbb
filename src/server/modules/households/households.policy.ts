/**
 * Authorization of the household registry, declared once. Which households exist for a user
 * (their area's subtree; none for unit-scoped roles) is in the repository queries; this file
 * says who may change what and who may see personal data unmasked.
 */
import { PII_ROLES, UNIT_SCOPED_ROLES, type TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';

/** Roles that keep the registry: create and edit households, members, income and 三保障 checks. */
export const HOUSEHOLD_EDITOR_ROLES: readonly TRole[] = ['admin', 'township_cadre', 'village_cadre'];

/** Roles that set the year's monitoring line and screening parameters. */
export const MONITORING_SETTING_ROLES: readonly TRole[] = ['admin', 'leader'];

/** Roles that may run a screening over their scope. */
export const SCREENING_ROLES: readonly TRole[] = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];

/** Roles that read the registry at all (area-scoped roles). */
export function canReadHouseholds(user: TUser): boolean {
  return !UNIT_SCOPED_ROLES.includes(user.role);
}

/** Whether the user may edit the registry. */
export function canEditHouseholds(user: TUser): boolean {
  return HOUSEHOLD_EDITOR_ROLES.includes(user.role);
}

/** Whether the user may ask for ID numbers and phones unmasked (every such read is audited). */
export function canRevealPii(user: TUser): boolean {
  return PII_ROLES.includes(user.role);
}

/** Abilities shown with a household, so the UI offers only what the server will allow. */
export function householdAbilities(user: TUser) {
  return { canEdit: canEditHouseholds(user), canReveal: canRevealPii(user) };
}

/** Abilities of the registry for the UI. */
export const registryAbilities = defineAbilities('households', {
  read: canReadHouseholds,
  edit: canEditHouseholds,
  revealPii: canRevealPii,
  setMonitoring: (u) => MONITORING_SETTING_ROLES.includes(u.role),
  screen: (u) => SCREENING_ROLES.includes(u.role),
});

/** The owner type of 两不愁三保障 evidence; its owner id is '<household id>:<year>'. */
export const GUARANTEE_OWNER_TYPE = 'household_guarantee';
