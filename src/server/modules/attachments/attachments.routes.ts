/** /api/attachments (placeholder until the attachments service lands). */
import type { TApp } from '../../lib/types.js';

export async function attachmentRoutes(_app: TApp) {}
