/** 督办事项: the supervision case loop every module feeds, and the home page's counts. */
import { defineModule } from '../../lib/module.js';
import { homeRoutes } from '../home/home.routes.js';
import { caseAbilities } from './cases.policy.js';
import { caseRoutes } from './cases.routes.js';

export const casesModule = defineModule({
  name: 'cases',
  routes: [
    { prefix: '/api/cases', plugin: caseRoutes },
    { prefix: '/api/home', plugin: homeRoutes },
  ],
  abilities: caseAbilities,
});
