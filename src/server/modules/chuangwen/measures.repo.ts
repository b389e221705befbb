/**
 * Aggregates over cases for 创文's measures, 清零 board and 通报. Everything is counted in SQL
 * (one pass per question over the caller's scope), so a year of 100,000 cases stays fast;
 * only names and capped lists of cases come back as rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TMeasureCounts, TMeasureSettings } from '../../../shared/domain/chuangwen/measures.js';
import { OPEN_STATUSES } from '../../../shared/domain/case-machine.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { caseView } from '../../db/schema/case-view.js';
import { cwCasePlaces, cwPlaces } from '../../db/schema/chuangwen.js';
import { areas, units } from '../../db/schema/core.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(','));
const tsParam = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function caseScope(user: TUser): SQL {
  return scopeCondition(user, { areaCode: caseView.areaCode, unitId: caseView.unitId });
}

function inList(values: readonly string[]): SQL {
  if (!values.length) return sql`false`;
  return sql`${caseView.source} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

export interface TMeasureWindow {
  start: Date;
  end: Date;
  cutoff: Date;
}

/**
 * The raw counts of `countMeasures` (shared/domain/chuangwen/measures.ts), per unit or per
 * place, computed in one aggregate query. Keep the two in step: the test compares them.
 */
export async function countMeasuresSql(
  db: Db,
  user: TUser,
  opts: { module: string; groupBy: 'unit' | 'place'; window: TMeasureWindow; settings: TMeasureSettings },
): Promise<TMeasureCounts[]> {
  const { start, end, cutoff } = opts.window;
  const s = opts.settings;
  const [S, E, C] = [tsParam(start), tsParam(end), tsParam(cutoff)];
  const group = opts.groupBy === 'unit' ? sql`${caseView.unitId}` : sql`${cwCasePlaces.placeId}`;
  const join = opts.groupBy === 'place' ? sql`join ${cwCasePlaces} on ${cwCasePlaces.caseId} = ${caseView.id}` : sql``;
  const closedAt = sql`(case when ${caseView.status} = 'closed' then ${caseView.closedAt} end)`;
  const r = await db.execute(sql`
    with base as (
      select ${group} as g,
        ${caseView.deadline} as deadline, ${closedAt} as closed_at,
        ${caseView.returnCount} as return_count, ${caseView.extensionCount} as extension_count,
        ((${caseView.deadline} >= ${S} and ${caseView.deadline} < ${E}) or (${closedAt} >= ${S} and ${closedAt} < ${E})) as is_due,
        (${caseView.deadline} < ${C} and ${caseView.foundAt} < ${C} and not coalesce(${closedAt} < ${C}, false)) as is_over,
        (case when ${inList(s.doubleSources)} then ${s.doubleWeight}::float8 else 1::float8 end) as w,
        (case when ${caseView.assignedAt} is not null and ${caseView.submittedAt} >= ${caseView.assignedAt}
              then extract(epoch from ${caseView.submittedAt} - ${caseView.assignedAt}) / 3600 end)::float8 as rectify_h
      from ${caseView} ${join}
      where ${caseView.module} = ${opts.module} and ${caseView.status} <> 'cancelled' and ${group} is not null
        and ${caseScope(user)}
        and ((${caseView.deadline} >= ${S} and ${caseView.deadline} < ${E})
          or (${caseView.closedAt} >= ${S} and ${caseView.closedAt} < ${E})
          or (${caseView.deadline} < ${C} and ${caseView.foundAt} < ${C} and (${caseView.status} <> 'closed' or ${caseView.closedAt} >= ${C})))
    )
    select g as "groupId",
      count(*) filter (where is_due)::int as "due",
      count(*) filter (where is_due and closed_at < ${E})::int as "closed",
      count(*) filter (where is_due and closed_at < ${E} and (deadline is null or closed_at <= deadline))::int as "closedOnTime",
      count(*) filter (where is_due and return_count >= 1)::int as "returned",
      count(*) filter (where is_due and extension_count >= 1)::int as "extended",
      count(*) filter (where is_over)::int as "overdue",
      coalesce(sum(rectify_h) filter (where is_due and closed_at < ${E}), 0)::float8 as "rectifyHoursSum",
      count(rectify_h) filter (where is_due and closed_at < ${E})::int as "rectifyCount",
      coalesce(sum(w) filter (where is_due and return_count >= 1 and return_count < ${s.returnedManyThreshold}), 0)::float8 as "wReturned",
      coalesce(sum(w) filter (where is_due and return_count >= ${s.returnedManyThreshold}), 0)::float8 as "wReturnedMany",
      coalesce(sum(w) filter (where is_over), 0)::float8 as "wOverdue"
    from base
    where is_due or is_over
    group by g
  `);
  return rowsOf<TMeasureCounts>(r).map((row) => ({ ...row, groupId: Number(row.groupId) }));
}

/** Names of units or places by id. */
export async function findGroupNames(db: Db, groupBy: 'unit' | 'place', ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const table = groupBy === 'unit' ? units : cwPlaces;
  const rows = await db
    .select({ id: table.id, name: table.name })
    .from(table)
    .where(sql`${table.id} in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface TBoardWindow {
  now: Date;
  todayStart: Date;
  tomorrowStart: Date;
  weekStart: Date;
  nextWeekStart: Date;
}

/** Open cases per unit (null = not yet assigned): overdue, age buckets, due today and this week. */
export async function countBoard(db: Db, user: TUser, module: string, w: TBoardWindow) {
  const now = tsParam(w.now);
  const r = await db.execute(sql`
    select ${caseView.unitId} as "unitId", coalesce(${units.name}, '未交办') as "unitName",
      count(*)::int as "open",
      count(*) filter (where ${caseView.deadline} < ${now})::int as "overdue",
      count(*) filter (where ${caseView.foundAt} > ${now} - interval '3 days')::int as "lt3",
      count(*) filter (where ${caseView.foundAt} <= ${now} - interval '3 days' and ${caseView.foundAt} > ${now} - interval '7 days')::int as "d3to7",
      count(*) filter (where ${caseView.foundAt} <= ${now} - interval '7 days' and ${caseView.foundAt} > ${now} - interval '14 days')::int as "d7to14",
      count(*) filter (where ${caseView.foundAt} <= ${now} - interval '14 days')::int as "gt14",
      count(*) filter (where ${caseView.deadline} >= ${tsParam(w.todayStart)} and ${caseView.deadline} < ${tsParam(w.tomorrowStart)})::int as "dueToday",
      count(*) filter (where ${caseView.deadline} >= ${tsParam(w.weekStart)} and ${caseView.deadline} < ${tsParam(w.nextWeekStart)})::int as "dueThisWeek"
    from ${caseView} left join ${units} on ${units.id} = ${caseView.unitId}
    where ${caseView.module} = ${module} and ${caseView.status} in (${openList}) and ${caseScope(user)}
    group by 1, 2
    order by 3 desc, 2
  `);
  return rowsOf<{
    unitId: number | null;
    unitName: string;
    open: number;
    overdue: number;
    lt3: number;
    d3to7: number;
    d7to14: number;
    gt14: number;
    dueToday: number;
    dueThisWeek: number;
  }>(r);
}

/** Which cases a list in the board or the bulletin shows. */
export type TCaseListKind =
  | { kind: 'open_due'; from: Date; to: Date }
  | { kind: 'found'; from: Date; to: Date }
  | { kind: 'closed'; from: Date; to: Date }
  | { kind: 'overdue_at'; cutoff: Date }
  | { kind: 'typical'; from: Date; to: Date };

function listCondition(k: TCaseListKind): { where: SQL; order: SQL } {
  switch (k.kind) {
    case 'open_due':
      return {
        where: sql`${caseView.status} in (${openList}) and ${caseView.deadline} >= ${tsParam(k.from)} and ${caseView.deadline} < ${tsParam(k.to)}`,
        order: sql`${caseView.deadline} asc, ${caseView.id}`,
      };
    case 'found':
      return {
        where: sql`${caseView.status} <> 'cancelled' and ${caseView.foundAt} >= ${tsParam(k.from)} and ${caseView.foundAt} < ${tsParam(k.to)}`,
        order: sql`${caseView.foundAt} asc, ${caseView.id}`,
      };
    case 'closed':
      return {
        where: sql`${caseView.status} = 'closed' and ${caseView.closedAt} >= ${tsParam(k.from)} and ${caseView.closedAt} < ${tsParam(k.to)}`,
        order: sql`${caseView.closedAt} asc, ${caseView.id}`,
      };
    case 'overdue_at': {
      const c = tsParam(k.cutoff);
      return {
        where: sql`${caseView.status} <> 'cancelled' and ${caseView.unitId} is not null and ${caseView.deadline} < ${c} and ${caseView.foundAt} < ${c}
          and (${caseView.status} <> 'closed' or ${caseView.closedAt} >= ${c})`,
        order: sql`${caseView.deadline} asc, ${caseView.id}`,
      };
    }
    case 'typical':
      // Returned twice or more, serious or urgent, or raised by a leader or an unannounced visit.
      return {
        where: sql`${caseView.status} <> 'cancelled' and ${caseView.foundAt} >= ${tsParam(k.from)} and ${caseView.foundAt} < ${tsParam(k.to)}
          and (${caseView.returnCount} >= 2 or ${caseView.severity} in ('serious', 'urgent') or ${caseView.source} in ('leader', 'secret_visit'))`,
        order: sql`${caseView.returnCount} desc, (${caseView.severity} = 'urgent') desc, (${caseView.severity} = 'serious') desc, ${caseView.foundAt} asc, ${caseView.id}`,
      };
  }
}

/** A capped list of cases of one kind in scope, and how many there are in all. */
export async function findCaseList(db: Db, user: TUser, module: string, k: TCaseListKind, limit: number) {
  const { where, order } = listCondition(k);
  const cond = sql`${caseView.module} = ${module} and ${caseScope(user)} and ${where}`;
  const [items, total] = await Promise.all([
    db
      .select({
        id: caseView.id,
        code: caseView.code,
        title: caseView.title,
        category: caseView.category,
        place: caseView.place,
        areaName: areas.name,
        unitId: caseView.unitId,
        unitName: units.name,
        source: caseView.source,
        severity: caseView.severity,
        status: caseView.status,
        foundAt: caseView.foundAt,
        deadline: caseView.deadline,
        closedAt: caseView.closedAt,
        returnCount: caseView.returnCount,
      })
      .from(caseView)
      .innerJoin(areas, sql`${areas.id} = ${caseView.areaId}`)
      .leftJoin(units, sql`${units.id} = ${caseView.unitId}`)
      .where(cond)
      .orderBy(order)
      .limit(limit),
    db.execute(sql`select count(*)::int as n from ${caseView} where ${cond}`),
  ]);
  return { items, total: rowsOf<{ n: number }>(total)[0]?.n ?? 0 };
}
export type TCaseListRow = Awaited<ReturnType<typeof findCaseList>>['items'][number];

/** Cases found before `cutoff` and neither closed nor cancelled by then. */
export async function countOpenAt(db: Db, user: TUser, module: string, cutoff: Date): Promise<number> {
  const c = tsParam(cutoff);
  const r = await db.execute(sql`
    select count(*)::int as n from ${caseView}
    where ${caseView.module} = ${module} and ${caseScope(user)} and ${caseView.foundAt} < ${c}
      and (${caseView.closedAt} is null or ${caseView.closedAt} >= ${c})`);
  return rowsOf<{ n: number }>(r)[0]?.n ?? 0;
}
