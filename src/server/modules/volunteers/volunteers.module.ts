/** 志愿服务: teams, members, activities and hours. */
import { defineModule } from '../../lib/module.js';
import { volunteerAbilities } from './volunteers.policy.js';
import { volunteerRoutes } from './volunteers.routes.js';

export const volunteersModule = defineModule({
  name: 'volunteers',
  routes: [{ prefix: '/api/volunteers', plugin: volunteerRoutes }],
  abilities: volunteerAbilities,
});
