/** What each role sees in the UI (the server enforces the same rules independently). */
import type { TRole } from '../../shared/domain/roles';
import { SUPERVISOR_ROLES, UNIT_SCOPED_ROLES } from '../../shared/domain/roles';

/** Roles that may raise a case (mirrors the server's CASE_CREATOR_ROLES). */
export const CASE_CREATOR_ROLES: readonly TRole[] = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre', 'discipline'];

/** True when the role may raise cases. */
export function canCreateCase(role: TRole): boolean {
  return CASE_CREATOR_ROLES.includes(role);
}

/** True when the role supervises (assigns, verifies, runs inspections). */
export function isSupervisorRole(role: TRole): boolean {
  return SUPERVISOR_ROLES.includes(role);
}

/** True when the role answers cases for a unit. */
export function isUnitRole(role: TRole): boolean {
  return UNIT_SCOPED_ROLES.includes(role);
}

/** True when the role may bulk-assign cases (supervisors and township cadres). */
export function canAssign(role: TRole): boolean {
  return isSupervisorRole(role) || role === 'township_cadre';
}

/** True when the role may search the audit log. */
export function canReadAudit(role: TRole): boolean {
  return role === 'admin' || role === 'discipline';
}
