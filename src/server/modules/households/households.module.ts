/** 防返贫监测: the registry, screening, leads and procedures, assistance, archives, import/export. */
import { defineModule } from '../../lib/module.js';
import { householdAssistanceRoutes } from './assistance.routes.js';
import { householdJobs } from './households.jobs.js';
import { registryAbilities } from './households.policy.js';
import { householdRoutes } from './households.routes.js';
import { assistanceAbilities, leadAbilities } from './leads.policy.js';
import { hardshipReportRoutes, householdLeadRoutes } from './leads.routes.js';

export const householdsModule = defineModule({
  name: 'households',
  routes: [
    { prefix: '/api/households', plugin: householdRoutes },
    { prefix: '/api/households', plugin: householdAssistanceRoutes },
    { prefix: '/api/household-leads', plugin: householdLeadRoutes },
    { prefix: '/api/public/hardship-reports', plugin: hardshipReportRoutes },
  ],
  abilities: [registryAbilities, leadAbilities, assistanceAbilities],
  caseOrigins: { household_lead: {}, household_visit: {} },
  jobs: householdJobs,
});
