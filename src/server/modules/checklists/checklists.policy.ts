/**
 * Authorization of checklists and inspections, declared once. Templates are global: every
 * signed-in user reads them, a few roles edit them. Inspections are scoped by area in the
 * repository (out of scope answers 404); only the inspector who owns one records its results,
 * raises cases from it and completes it.
 */
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';
import { caseAbilities } from '../cases/cases.port.js';

/** Roles that create and edit checklist templates. */
export const TEMPLATE_EDITOR_ROLES: readonly TRole[] = ['admin', 'leader', 'inspector'];

/** Roles that carry out inspections inside their scope. */
export const INSPECTOR_ROLES: readonly TRole[] = ['inspector', 'leader', 'township_cadre', 'village_cadre', 'discipline'];

/** True when the user may edit templates. */
export function canEditTemplates(user: TUser): boolean {
  return TEMPLATE_EDITOR_ROLES.includes(user.role);
}

/** True when the user owns the inspection (records results, raises cases, completes it). */
export function isInspectionOwner(user: TUser, inspection: { inspectorId: number }): boolean {
  return inspection.inspectorId === user.id;
}

/**
 * True when the user may assign a new case on the spot: the case state machine decides,
 * so a village cadre's 现场交办 leaves the case 待交办 for a township cadre or 督导组.
 */
export function canAssignOnSpot(user: TUser): boolean {
  return caseAbilities.can(user, 'assign');
}

/** Abilities of 现场检查 for the UI. */
export const checklistAbilities = defineAbilities('checklists', {
  editTemplates: canEditTemplates,
  inspect: (u) => INSPECTOR_ROLES.includes(u.role),
});
