/** Aggregates for the home page, in one pass per grouping over the caller's scope. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { cases } from '../../db/schema/cases.js';
import { OPEN_STATUSES } from '../../../shared/domain/case-machine.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import { todoCondition } from './cases.repo.js';

const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(','));

export interface TCounts {
  open: number;
  overdue: number;
  closedInWeek: number;
  closedInPeriod: number;
  closedOnTimeInPeriod: number;
  pendingVerify: number;
  myTodo: number;
}

/**
 * Headline counts: open, overdue, closed since `weekStart`, on-time closures since `periodStart`.
 * Two queries, each answered from its own index: open cases (cases_open_idx) and recent
 * closures (cases_closed_at_idx); an OR of both would make the planner read the whole table.
 */
export async function countHeadline(db: Db, user: TUser, weekStart: Date, periodStart: Date): Promise<TCounts> {
  const scope = scopeCondition(user, { areaCode: cases.areaCode, unitId: cases.unitId });
  const since = sql`${periodStart.toISOString()}::timestamptz`;
  const [open, closed] = await Promise.all([
    db.execute(sql`
      select
        count(*)::int as "open",
        count(*) filter (where ${cases.deadline} < now())::int as "overdue",
        count(*) filter (where ${cases.status} = 'pending_verify')::int as "pendingVerify",
        count(*) filter (where ${todoCondition(user)})::int as "myTodo"
      from ${cases}
      where ${scope} and ${cases.status} in (${openList})`),
    db.execute(sql`
      select
        count(*) filter (where ${cases.closedAt} >= ${weekStart.toISOString()}::timestamptz)::int as "closedInWeek",
        count(*)::int as "closedInPeriod",
        count(*) filter (where ${cases.deadline} is null or ${cases.closedAt} <= ${cases.deadline})::int as "closedOnTimeInPeriod"
      from ${cases}
      where ${scope} and ${cases.status} = 'closed' and ${cases.closedAt} >= ${since}`),
  ]);
  return { ...rowsOf<Omit<TCounts, 'closedInWeek' | 'closedInPeriod' | 'closedOnTimeInPeriod'>>(open)[0], ...rowsOf<Pick<TCounts, 'closedInWeek' | 'closedInPeriod' | 'closedOnTimeInPeriod'>>(closed)[0] };
}

/** Open and overdue per module; count per status (open statuses only, plus recent closures). */
export async function countByModuleAndStatus(db: Db, user: TUser) {
  const scope = scopeCondition(user, { areaCode: cases.areaCode, unitId: cases.unitId });
  const [byModule, byStatus] = await Promise.all([
    db.execute(sql`
      select ${cases.module} as module,
        count(*)::int as open,
        count(*) filter (where ${cases.deadline} < now())::int as overdue
      from ${cases} where ${scope} and ${cases.status} in (${openList})
      group by 1 order by 2 desc`),
    db.execute(sql`
      select ${cases.status} as status, count(*)::int as count
      from ${cases} where ${scope} and ${cases.status} in (${openList})
      group by 1`),
  ]);
  return {
    byModule: rowsOf<{ module: string; open: number; overdue: number }>(byModule),
    byStatus: rowsOf<{ status: string; count: number }>(byStatus),
  };
}
