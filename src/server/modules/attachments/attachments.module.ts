/**
 * Attachments: upload, and the original, thumbnail and public copy of a file. Who may read a
 * linked file is the owner module's declaration (`attachmentOwners` in its manifest).
 */
import { defineModule } from '../../lib/module.js';
import { attachmentRoutes } from './attachments.routes.js';

export const attachmentsModule = defineModule({
  name: 'attachments',
  routes: [{ prefix: '/api/attachments', plugin: attachmentRoutes }],
});
