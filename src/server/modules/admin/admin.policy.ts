/** Who may use the admin pages, declared once. Lookups are open to every signed-in user. */
import type { TRole } from '../../../shared/domain/roles.js';

/** Roles that manage areas, units and users. */
export const ADMIN_ROLES: readonly TRole[] = ['admin'];
