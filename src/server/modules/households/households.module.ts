/** 防返贫监测: the registry, screening, leads and procedures, assistance, archives, import/export. */
import { intIds } from '../../lib/ids.js';
import { defineModule } from '../../lib/module.js';
import { ARCHIVE_OWNER_TYPE } from './archives.repo.js';
import * as assistanceRepo from './assistance.repo.js';
import { householdAssistanceRoutes } from './assistance.routes.js';
import { householdJobs } from './households.jobs.js';
import { GUARANTEE_OWNER_TYPE, registryAbilities } from './households.policy.js';
import { householdRoutes } from './households.routes.js';
import { assistanceAbilities, leadAbilities } from './leads.policy.js';
import { hardshipReportRoutes, householdLeadRoutes } from './leads.routes.js';
import { recordLeadCaseEvent } from './leads.service.js';

/** Files of households in scope: the owner ids are household ids (or '<household id>:<year>'). */
const householdFiles = (householdOf: (ownerId: string) => string) => ({
  readableIds: async (db: Parameters<typeof assistanceRepo.findHouseholdIdsInScope>[0], user: Parameters<typeof assistanceRepo.findHouseholdIdsInScope>[1], ids: readonly string[]) => {
    const readable = new Set((await assistanceRepo.findHouseholdIdsInScope(db, user, intIds(ids.map(householdOf)))).map(String));
    return new Set(ids.filter((id) => readable.has(householdOf(id))));
  },
});

export const householdsModule = defineModule({
  name: 'households',
  routes: [
    { prefix: '/api/households', plugin: householdRoutes },
    { prefix: '/api/households', plugin: householdAssistanceRoutes },
    { prefix: '/api/household-leads', plugin: householdLeadRoutes },
    { prefix: '/api/public/hardship-reports', plugin: hardshipReportRoutes },
  ],
  abilities: [registryAbilities, leadAbilities, assistanceAbilities],
  caseOrigins: {
    // An overdue lead's case: the lead's history records when it is closed or reopened.
    household_lead: {
      onCaseClosed: (e) => recordLeadCaseEvent(e.db, e.originId, { action: 'case_closed', caseCode: e.caseCode, status: e.status, actor: e.actor }),
      onCaseReopened: (e) => recordLeadCaseEvent(e.db, e.originId, { action: 'case_reopened', caseCode: e.caseCode, status: e.status, actor: e.actor }),
    },
    // A visit's problem: the visit shows its case's status (read through case_view).
    household_visit: {},
  },
  attachmentOwners: {
    household_visit: {
      readableIds: async (db, user, ids) => new Set((await assistanceRepo.findVisitIdsInScope(db, user, intIds(ids))).map(String)),
    },
    [ARCHIVE_OWNER_TYPE]: householdFiles((id) => id),
    [GUARANTEE_OWNER_TYPE]: householdFiles((id) => id.split(':')[0]),
  },
  jobs: householdJobs,
});
