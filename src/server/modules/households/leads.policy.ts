/**
 * Authorization of leads, procedures, measures and visits, declared once. Scope is in the
 * repository queries; who may take a procedure step is the shared step machine's (procedure.ts).
 */
import type { TRole } from '../../../shared/domain/roles.js';

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
