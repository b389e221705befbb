/** Who manages volunteers, declared once; scope (area subtree) is in the repository queries. */
import { PII_ROLES, type TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';

/** Roles that read and manage teams, members and activities in their area. */
export const VOLUNTEER_ROLES: readonly TRole[] = ['leader', 'inspector', 'township_cadre'];

/** True when phones are shown unmasked to the user. */
export function canSeePhones(user: TUser): boolean {
  return PII_ROLES.includes(user.role);
}

/** Abilities of 志愿服务 for the UI. */
export const volunteerAbilities = defineAbilities('volunteers', {
  manage: (u) => VOLUNTEER_ROLES.includes(u.role),
});

/** The owner type of an activity's photos. */
export const ACTIVITY_OWNER_TYPE = 'volunteer_activity';
