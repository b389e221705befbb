/** 系统管理: areas, units, users and the list of scheduled jobs; lookups for pickers. */
import { defineModule } from '../../lib/module.js';
import { adminAbilities } from './admin.policy.js';
import { adminRoutes, lookupRoutes } from './admin.routes.js';

export const adminModule = defineModule({
  name: 'admin',
  routes: [
    { prefix: '/api/admin', plugin: adminRoutes },
    { prefix: '/api/lookup', plugin: lookupRoutes },
  ],
  abilities: adminAbilities,
});
