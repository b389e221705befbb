/** /api/home: the counts on the home page. */
import { ZHomeStats, type THomeStats } from '../../../shared/contracts/cases.js';
import { homeStatsCache, scopeKey } from './cases.cache.js';
import { addDays, zoneDate, zoneDayStart, zoneWeekStart } from '../../lib/time.js';
import type { TApp } from '../../lib/types.js';
import { requireUser } from '../../plugins/auth.js';
import * as repo from './cases.home.repo.js';

export async function homeRoutes(app: TApp) {
  app.get('/stats', { schema: { tags: ['home'], response: { 200: ZHomeStats } } }, async (req) => {
    const user = requireUser(req);
    const key = scopeKey(app.deps.db, user);
    const hit = homeStatsCache.get(key);
    if (hit) return hit;
    const weekStart = zoneDayStart(zoneWeekStart());
    // 按期销号率 over the last 30 days, so the figure does not collapse on a Monday.
    const periodStart = zoneDayStart(addDays(zoneDate(), -29));
    const [c, groups] = await Promise.all([
      repo.countHeadline(app.deps.db, user, weekStart, periodStart),
      repo.countByModuleAndStatus(app.deps.db, user),
    ]);
    const stats: THomeStats = {
      open: c.open,
      overdue: c.overdue,
      closedThisWeek: c.closedInWeek,
      onTimeCloseRate: c.closedInPeriod ? c.closedOnTimeInPeriod / c.closedInPeriod : null,
      pendingVerify: c.pendingVerify,
      myTodo: c.myTodo,
      byModule: groups.byModule as never,
      byStatus: groups.byStatus as never,
    };
    homeStatsCache.set(key, stats);
    return stats;
  });
}
