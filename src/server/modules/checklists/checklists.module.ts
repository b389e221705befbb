/** 现场检查: checklist templates and inspections; a failed item becomes a case (现场交办). */
import { defineModule } from '../../lib/module.js';
import { checklistAbilities } from './checklists.policy.js';
import { checklistRoutes } from './checklists.routes.js';

export const checklistsModule = defineModule({
  name: 'checklists',
  routes: [{ prefix: '/api', plugin: checklistRoutes }],
  abilities: checklistAbilities,
  caseOrigins: { inspection_result: {} },
});
