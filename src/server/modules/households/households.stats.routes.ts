/**
 * Household statistics under /api/households: GET /stats per township and village. Registered
 * by householdAssistanceRoutes, so it shares the /api/households prefix.
 */
import { ZHouseholdStats, ZHouseholdStatsQuery } from '../../../shared/contracts/households-work.js';
import type { TApp } from '../../lib/types.js';
import { requireUser } from '../../plugins/auth.js';
import { findAreaPrefix } from './households.service.js';
import * as stats from './households.stats.service.js';

const tags = ['households'];

/** The routes of household statistics. */
export async function householdStatsRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/stats', { schema: { tags, summary: '按乡镇、村统计农户、监测对象、线索、预警和收入', querystring: ZHouseholdStatsQuery, response: { 200: ZHouseholdStats } } }, async (req) => {
    const user = requireUser(req);
    return stats.getHouseholdStats(db, user, req.query.areaId ? await findAreaPrefix(db, req.query.areaId) : null);
  });
}
