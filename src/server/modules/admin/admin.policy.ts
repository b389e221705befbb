/** Who may use the admin pages, declared once. Lookups are open to every signed-in user. */
import type { TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';

/** Roles that manage areas, units and users. */
export const ADMIN_ROLES: readonly TRole[] = ['admin'];

/** Abilities of 系统管理 for the UI: areas, units, users and scheduled jobs. */
export const adminAbilities = defineAbilities('admin', {
  manage: (u) => ADMIN_ROLES.includes(u.role),
});
