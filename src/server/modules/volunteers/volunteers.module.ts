/** 志愿服务: teams, members, activities and hours. */
import { intIds } from '../../lib/ids.js';
import { defineModule } from '../../lib/module.js';
import { ACTIVITY_OWNER_TYPE, volunteerAbilities } from './volunteers.policy.js';
import * as repo from './volunteers.repo.js';
import { volunteerRoutes } from './volunteers.routes.js';

export const volunteersModule = defineModule({
  name: 'volunteers',
  routes: [{ prefix: '/api/volunteers', plugin: volunteerRoutes }],
  abilities: volunteerAbilities,
  attachmentOwners: {
    // An activity's photos: whoever manages the team's volunteers (its area).
    [ACTIVITY_OWNER_TYPE]: {
      readableIds: async (db, user, ids) =>
        volunteerAbilities.can(user, 'manage') ? new Set((await repo.findActivityIdsInScope(db, user, intIds(ids))).map(String)) : new Set(),
    },
  },
});
