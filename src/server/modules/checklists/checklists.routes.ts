/** /api/checklists and /api/inspections (placeholder until the module lands). */
import type { TApp } from '../../lib/types.js';

export async function checklistRoutes(_app: TApp) {}
