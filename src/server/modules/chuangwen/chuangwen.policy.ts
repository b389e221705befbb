/**
 * Who may do what in 创文, declared once. Scope (which places and cases exist for a user)
 * is in the repository queries; reading the lists, measures, board and bulletin needs only
 * a session, and the numbers cover what the caller's scope covers.
 */
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';
import { caseAbilities } from '../cases/cases.port.js';

/** Edit problem categories and the score's deductions. */
export const CATEGORY_ADMIN_ROLES: readonly TRole[] = ['admin', 'leader'];

/** Replace the official working-day calendar. */
export const CALENDAR_ADMIN_ROLES: readonly TRole[] = ['admin'];

/** Create and edit places (inside their own area). */
export const PLACE_EDITOR_ROLES: readonly TRole[] = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];

/** True when the user may create or edit places in their area. */
export function canEditPlaces(user: TUser): boolean {
  return PLACE_EDITOR_ROLES.includes(user.role);
}

/** Abilities of 创文 for the UI. Its pages read the caller's scope, so every signed-in user may read them. */
export const chuangwenAbilities = defineAbilities('chuangwen', {
  read: () => true,
  editPlaces: canEditPlaces,
  editCategories: (u) => CATEGORY_ADMIN_ROLES.includes(u.role),
  editCalendar: (u) => CALENDAR_ADMIN_ROLES.includes(u.role),
  raiseCase: (u) => caseAbilities.can(u, 'create'),
});
