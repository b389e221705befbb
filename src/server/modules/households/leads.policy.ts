/**
 * Authorization of leads, procedures, measures and visits, declared once. Scope is in the
 * repository queries; who may take a procedure step is the shared step machine's (procedure.ts).
 */
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import { canReadHouseholds } from './households.policy.js';

/** Roles that raise leads by hand (干部排查) and import department lists. */
export const LEAD_CREATOR_ROLES: readonly TRole[] = ['admin', 'leader', 'township_cadre', 'village_cadre'];

/** Roles that change the procedure settings and escalate overdue leads. */
export const PROCEDURE_ADMIN_ROLES: readonly TRole[] = ['admin', 'leader'];

/** Roles that start a 风险消除 procedure. */
export const ELIMINATION_STARTER_ROLES: readonly TRole[] = ['admin', 'township_cadre', 'village_cadre'];

/** Roles that keep measures and their funds. */
export const MEASURE_EDITOR_ROLES: readonly TRole[] = ['admin', 'township_cadre', 'village_cadre'];

/** Roles that record visits (a problem found becomes a case, so they must be case creators). */
export const VISITOR_ROLES: readonly TRole[] = ['admin', 'leader', 'inspector', 'township_cadre', 'village_cadre'];

/** Abilities of leads and procedures for the UI. */
export const leadAbilities = defineAbilities('householdLeads', {
  read: canReadHouseholds,
  create: (u) => LEAD_CREATOR_ROLES.includes(u.role),
  administer: (u) => PROCEDURE_ADMIN_ROLES.includes(u.role),
  startElimination: (u) => ELIMINATION_STARTER_ROLES.includes(u.role),
});

/** Abilities of assistance (measures, funds, visits) for the UI. */
export const assistanceAbilities = defineAbilities('householdAssistance', {
  editMeasures: (u) => MEASURE_EDITOR_ROLES.includes(u.role),
  visit: (u) => VISITOR_ROLES.includes(u.role),
});
