/**
 * Every query of the household statistics by township and village: set-based counts grouped by
 * village (the household's area), each scoped by the caller's area like every registry read.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { areas, householdLeads, households } from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

/** Area-code filter on a column (nothing when no area was chosen). */
function underArea(col: AnyColumn, areaPrefix: string | null): SQL {
  if (!areaPrefix) return sql`true`;
  const [low, high] = areaRange(areaPrefix);
  return sql`${col} between ${low} and ${high}`;
}

/** Villages (and communities) in scope, with their township. */
export async function findStatsVillages(db: Db, user: TUser, o: { areaPrefix: string | null }) {
  return rowsOf<{ areaId: number; areaName: string; areaCode: string; townshipId: number; townshipName: string; townshipCode: string }>(
    await db.execute(sql`
      select ${areas.id} as "areaId", ${areas.name} as "areaName", ${areas.code} as "areaCode", t.id as "townshipId", t.name as "townshipName", t.code as "townshipCode"
      from ${areas} join ${areas} t on t.id = ${areas.parentId}
      where ${areas.level} = 'village' and ${scopeCondition(user, { areaCode: areas.code })} and ${underArea(areas.code, o.areaPrefix)}
      order by ${areas.code}`),
  );
}

/** Households and members per village, by 户类型, monitoring category and elimination since a date. */
export async function countHouseholdsByVillage(db: Db, user: TUser, o: { areaPrefix: string | null; yearStart: string }) {
  return rowsOf<{
    areaId: number;
    households: number;
    members: number;
    ordinary: number;
    lifted: number;
    monitoredType: number;
    monitored: number;
    unstable: number;
    marginal: number;
    sudden: number;
    eliminated: number;
  }>(
    await db.execute(sql`
      with hh as (
        select id, area_id, type, monitoring_category, risk_eliminated_at
        from ${households}
        where is_active and ${scopeCondition(user, { areaCode: households.areaCode })} and ${underArea(households.areaCode, o.areaPrefix)}
      ), mem as (
        select hh.area_id, count(*)::int as n
        from household_members m join hh on hh.id = m.household_id
        where m.is_active group by hh.area_id
      )
      select hh.area_id as "areaId",
        count(*)::int as households,
        coalesce(max(mem.n), 0)::int as members,
        count(*) filter (where hh.type = 'ordinary')::int as ordinary,
        count(*) filter (where hh.type = 'lifted')::int as lifted,
        count(*) filter (where hh.type = 'monitored')::int as "monitoredType",
        count(*) filter (where hh.type = 'monitored' and hh.risk_eliminated_at is null)::int as monitored,
        count(*) filter (where hh.type = 'monitored' and hh.risk_eliminated_at is null and hh.monitoring_category = 'unstable')::int as unstable,
        count(*) filter (where hh.type = 'monitored' and hh.risk_eliminated_at is null and hh.monitoring_category = 'marginal')::int as marginal,
        count(*) filter (where hh.type = 'monitored' and hh.risk_eliminated_at is null and hh.monitoring_category = 'sudden')::int as sudden,
        count(*) filter (where hh.risk_eliminated_at >= ${o.yearStart})::int as eliminated
      from hh left join mem on mem.area_id = hh.area_id
      group by hh.area_id`),
  );
}

/** The latest year with an income record among active households in scope (null when none). */
export async function findLatestIncomeYear(db: Db, user: TUser, o: { areaPrefix: string | null }): Promise<number | null> {
  const [row] = rowsOf<{ year: number | null }>(
    await db.execute(sql`
      select max(i.year)::int as year from household_incomes i join ${households} on ${households.id} = i.household_id
      where ${households.isActive} and ${scopeCondition(user, { areaCode: households.areaCode })} and ${underArea(households.areaCode, o.areaPrefix)}`),
  );
  return row?.year ?? null;
}

/** The zone-wide monitoring line of a year (area prefix ''), or null. */
export async function findZoneLine(db: Db, year: number): Promise<number | null> {
  const [row] = rowsOf<{ line: number }>(await db.execute(sql`select income_line as line from monitoring_settings where year = ${year} and area_prefix = '' limit 1`));
  return row?.line ?? null;
}

/**
 * Income of a year per village: households with a record, the sum of their 人均纯收入, and how many
 * fall below the line that applies to the village (the setting with the longest matching prefix).
 */
export async function sumIncomeByVillage(db: Db, user: TUser, o: { areaPrefix: string | null; year: number }) {
  return rowsOf<{ areaId: number; withIncome: number; sumPerCapita: number; belowLine: number }>(
    await db.execute(sql`
      select ${households.areaId} as "areaId",
        count(*)::int as "withIncome",
        sum(i.per_capita)::float8 as "sumPerCapita",
        count(*) filter (where line.income_line is not null and i.per_capita < line.income_line)::int as "belowLine"
      from ${households}
      join household_incomes i on i.household_id = ${households.id} and i.year = ${o.year}
      left join lateral (
        select s.income_line from monitoring_settings s
        where s.year = ${o.year} and ${households.areaCode} like s.area_prefix || '%'
        order by length(s.area_prefix) desc limit 1
      ) line on true
      where ${households.isActive} and ${scopeCondition(user, { areaCode: households.areaCode })} and ${underArea(households.areaCode, o.areaPrefix)}
      group by ${households.areaId}`),
  );
}

/** Leads in progress per village, and those raised before `overdueBefore` (past the limit). */
export async function countLeadsByVillage(db: Db, user: TUser, o: { areaPrefix: string | null; overdueBefore: string }) {
  return rowsOf<{ areaId: number; inProgress: number; overdue: number }>(
    await db.execute(sql`
      select ${householdLeads.areaId} as "areaId",
        count(*)::int as "inProgress",
        count(*) filter (where ${householdLeads.raisedOn} < ${o.overdueBefore})::int as overdue
      from ${householdLeads}
      where ${householdLeads.status} = 'in_progress' and ${scopeCondition(user, { areaCode: householdLeads.areaCode })} and ${underArea(householdLeads.areaCode, o.areaPrefix)}
      group by ${householdLeads.areaId}`),
  );
}

/** Open screening flags per village, and the households carrying them. */
export async function countOpenFlagsByVillage(db: Db, user: TUser, o: { areaPrefix: string | null }) {
  return rowsOf<{ areaId: number; flags: number; households: number }>(
    await db.execute(sql`
      select ${households.areaId} as "areaId", count(*)::int as flags, count(distinct ${households.id})::int as households
      from screening_flags f join ${households} on ${households.id} = f.household_id
      where f.resolved_at is null and ${households.isActive} and ${scopeCondition(user, { areaCode: households.areaCode })} and ${underArea(households.areaCode, o.areaPrefix)}
      group by ${households.areaId}`),
  );
}
