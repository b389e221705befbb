/** 督办事项: the supervision case loop every module feeds, and the home page's counts. */
import { intIds } from '../../lib/ids.js';
import { defineModule } from '../../lib/module.js';
import { homeRoutes } from './cases.home.routes.js';
import { caseAbilities } from './cases.policy.js';
import * as repo from './cases.repo.js';
import { caseRoutes } from './cases.routes.js';

export const casesModule = defineModule({
  name: 'cases',
  routes: [
    { prefix: '/api/cases', plugin: caseRoutes },
    { prefix: '/api/home', plugin: homeRoutes },
  ],
  abilities: caseAbilities,
  attachmentOwners: {
    // Photos and evidence of a case and its events: whoever sees the case.
    case: {
      readableIds: async (db, user, ids) =>
        new Set((await repo.findCasesByIds(db, user, intIds(ids))).map((c) => String(c.id))),
    },
  },
});
