/** /api/admin: areas, units and users (placeholder until the admin module lands). */
import type { TApp } from '../../lib/types.js';

export async function adminRoutes(_app: TApp) {}
