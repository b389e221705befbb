/** 现场检查: checklist templates and inspections; a failed item becomes a case (现场交办). */
import { intIds } from '../../lib/ids.js';
import { defineModule } from '../../lib/module.js';
import { checklistAbilities } from './checklists.policy.js';
import * as repo from './checklists.repo.js';
import { checklistRoutes } from './checklists.routes.js';

export const checklistsModule = defineModule({
  name: 'checklists',
  routes: [{ prefix: '/api', plugin: checklistRoutes }],
  abilities: checklistAbilities,
  // A failed item's case: nothing to do when it closes (the inspection shows the case's status).
  caseOrigins: { inspection_result: {} },
  attachmentOwners: {
    // Photos of an item's result: whoever sees the inspection (its area).
    inspection_result: { readableIds: async (db, user, ids) => new Set((await repo.findResultIdsInScope(db, user, intIds(ids))).map(String)) },
  },
});
