/** Who reads the audit log, declared once. */
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';

/** Roles that read the audit log: administrators and discipline inspectors. */
export const AUDIT_READER_ROLES: readonly TRole[] = ['admin', 'discipline'];

/** Abilities of the audit log. */
export const auditAbilities = defineAbilities('audit', {
  read: (u) => AUDIT_READER_ROLES.includes(u.role),
});
