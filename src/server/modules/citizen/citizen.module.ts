/** 群众随手拍: citizens' reports (public pages), moderation, and Open311 GeoReport v2. */
import { defineModule } from '../../lib/module.js';
import { citizenAbilities } from './citizen.policy.js';
import { citizenModerationRoutes, citizenRoutes } from './citizen.routes.js';
import { open311Routes } from './open311.routes.js';

export const citizenModule = defineModule({
  name: 'citizen',
  routes: [
    { prefix: '/api/public', plugin: citizenRoutes },
    { prefix: '/api/citizen', plugin: citizenModerationRoutes },
    { prefix: '/open311/v2', plugin: open311Routes },
  ],
  abilities: citizenAbilities,
  caseOrigins: { citizen_report: {} },
});
