/** 群众随手拍: citizens' reports (public pages), moderation, and Open311 GeoReport v2. */
import { intIds } from '../../lib/ids.js';
import { defineModule } from '../../lib/module.js';
import { citizenAbilities } from './citizen.policy.js';
import * as repo from './citizen.repo.js';
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
  // The report's status follows its case (read through case_view): nothing to write on close.
  caseOrigins: { citizen_report: {} },
  attachmentOwners: {
    // A citizen's own photo: published (its EXIF-free copy is on the public tracking page);
    // the original stays with the moderators of the report's area.
    citizen_report: {
      isPublished: true,
      readableIds: async (db, user, ids) => new Set((await repo.findReportIdsInScope(db, user, intIds(ids))).map(String)),
    },
  },
});
