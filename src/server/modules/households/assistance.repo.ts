/** Every query of assistance measures, their funds, cadre visits and the facts of 风险消除. */
import { caseView } from '../../db/schema/case-view.js';
import { and, between, desc, eq, inArray, sql } from 'drizzle-orm';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import {
  areas,
  householdGuarantees,
  householdIncomes,
  householdMeasureFunds,
  householdMeasures,
  householdMembers,
  households,
  householdVisits,
  monitoringSettings,
  units,
} from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

const inScope = (user: TUser) => scopeCondition(user, { areaCode: households.areaCode });

/** A household in scope (id, code, area); null otherwise. */
export async function findHousehold(db: Db, user: TUser, id: number) {
  const [h] = await db
    .select({ id: households.id, code: households.code, areaId: households.areaId, areaCode: households.areaCode, type: households.type, identifiedAt: households.identifiedAt })
    .from(households)
    .where(and(eq(households.id, id), inScope(user)))
    .limit(1);
  return h ?? null;
}

/** A measure row to insert. */
export type TNewMeasure = typeof householdMeasures.$inferInsert;

/** Inserts a measure; returns its id. */
export async function insertMeasure(db: Db, values: TNewMeasure): Promise<number> {
  const [r] = await db.insert(householdMeasures).values(values).returning({ id: householdMeasures.id });
  return r.id;
}

/** A measure whose household is in scope. */
export async function findMeasureById(db: Db, user: TUser, id: number) {
  const [r] = await db
    .select({ measure: householdMeasures })
    .from(householdMeasures)
    .innerJoin(households, eq(households.id, householdMeasures.householdId))
    .where(and(eq(householdMeasures.id, id), inScope(user)))
    .limit(1);
  return r?.measure ?? null;
}

/** Versioned update of a measure. */
export async function updateMeasureVersioned(db: Db, id: number, version: number, patch: Partial<TNewMeasure>): Promise<boolean> {
  const r = await db
    .update(householdMeasures)
    .set({ ...patch, version: sql`${householdMeasures.version} + 1`, updatedAt: new Date() })
    .where(and(eq(householdMeasures.id, id), eq(householdMeasures.version, version)))
    .returning({ id: householdMeasures.id });
  return r.length === 1;
}

/** Measures of households, newest first, with their funds. */
export async function findMeasures(db: Db, householdIds: number[], measureIds?: number[]) {
  const where = measureIds ? inArray(householdMeasures.id, measureIds) : inArray(householdMeasures.householdId, householdIds);
  const measures = await db.select().from(householdMeasures).where(where).orderBy(desc(householdMeasures.startOn), desc(householdMeasures.id));
  const funds = measures.length
    ? await db.select().from(householdMeasureFunds).where(inArray(householdMeasureFunds.measureId, measures.map((m) => m.id))).orderBy(householdMeasureFunds.on, householdMeasureFunds.id)
    : [];
  return { measures, funds };
}

/** Records an allocation or a payment. */
export async function insertFund(db: Db, values: typeof householdMeasureFunds.$inferInsert) {
  await db.insert(householdMeasureFunds).values(values);
}

/** Allocated and paid totals of a measure. */
export async function fundTotals(db: Db, measureId: number) {
  const [r] = await db
    .select({
      allocated: sql<number>`coalesce(sum(amount) filter (where kind = 'allocation'), 0)::float8`,
      paid: sql<number>`coalesce(sum(amount) filter (where kind = 'payment'), 0)::float8`,
    })
    .from(householdMeasureFunds)
    .where(eq(householdMeasureFunds.measureId, measureId));
  return r;
}

/** An active unit by id. */
export async function findUnit(db: Db, id: number) {
  const [u] = await db.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.id, id), eq(units.isActive, true))).limit(1);
  return u ?? null;
}

/** Measures in scope with money allocated and paid less than allocated, the first allocation before `before`. */
export async function findSlowPayments(db: Db, user: TUser, o: { before: string; areaPrefix: string | null }) {
  const area = o.areaPrefix ? sql`and ${households.areaCode} between ${areaRange(o.areaPrefix)[0]} and ${areaRange(o.areaPrefix)[1]}` : sql``;
  return rowsOf<{ measureId: number; householdId: number; householdCode: string; areaName: string; type: string; content: string; allocated: number; paid: number; firstAllocatedOn: string }>(
    await db.execute(sql`
      select m.id as "measureId", ${households.id} as "householdId", ${households.code} as "householdCode", a.name as "areaName", m.type, m.content,
             f.allocated::float8 as allocated, f.paid::float8 as paid, f.first_on::text as "firstAllocatedOn"
      from ${householdMeasures} m
      join ${households} on ${households.id} = m.household_id
      join ${areas} a on a.id = ${households.areaId}
      join (select measure_id,
                   sum(amount) filter (where kind = 'allocation') as allocated,
                   coalesce(sum(amount) filter (where kind = 'payment'), 0) as paid,
                   min("on") filter (where kind = 'allocation') as first_on
            from ${householdMeasureFunds} group by measure_id) f on f.measure_id = m.id
      where f.allocated > f.paid and f.first_on < ${o.before} and m.status <> 'cancelled'
        and ${scopeCondition(user, { areaCode: households.areaCode })} ${area}
      order by f.first_on, m.id
      limit 500`),
  );
}

/** Inserts a visit; returns its id. */
export async function insertVisit(db: Db, values: typeof householdVisits.$inferInsert): Promise<number> {
  const [r] = await db.insert(householdVisits).values(values).returning({ id: householdVisits.id });
  return r.id;
}

/** Visits of a household, newest first. */
export async function findVisits(db: Db, householdId: number) {
  return db
    .select({
      id: householdVisits.id,
      householdId: householdVisits.householdId,
      visitedOn: householdVisits.visitedOn,
      visitorId: householdVisits.visitorId,
      visitorName: householdVisits.visitorName,
      findings: householdVisits.findings,
      attachmentIds: householdVisits.attachmentIds,
      hasProblem: householdVisits.hasProblem,
      createdAt: householdVisits.createdAt,
      // The case a problem found became (its origin is the visit).
      caseId: caseView.id,
    })
    .from(householdVisits)
    .leftJoin(caseView, and(eq(caseView.originType, 'household_visit'), eq(caseView.originId, householdVisits.id)))
    .where(eq(householdVisits.householdId, householdId))
    .orderBy(desc(householdVisits.visitedOn), desc(householdVisits.id));
}

/** Visits per cadre and per village in scope over a period. */
export async function visitStats(db: Db, user: TUser, o: { from: string; to: string; areaPrefix: string | null }) {
  const scope = scopeCondition(user, { areaCode: households.areaCode });
  const area = o.areaPrefix ? sql`and ${households.areaCode} between ${areaRange(o.areaPrefix)[0]} and ${areaRange(o.areaPrefix)[1]}` : sql``;
  const byCadre = rowsOf<{ visitorId: number | null; visitorName: string; visits: number; households: number }>(
    await db.execute(sql`
      select v.visitor_id as "visitorId", v.visitor_name as "visitorName", count(*)::int as visits, count(distinct v.household_id)::int as households
      from ${householdVisits} v join ${households} on ${households.id} = v.household_id
      where v.visited_on between ${o.from} and ${o.to} and ${scope} ${area}
      group by v.visitor_id, v.visitor_name order by visits desc, "visitorName"`),
  );
  const byVillage = rowsOf<{ areaId: number; areaName: string; visits: number; householdsVisited: number; monitored: number; monitoredVisited: number }>(
    await db.execute(sql`
      select a.id as "areaId", a.name as "areaName",
             coalesce(sum(vv.n), 0)::int as visits,
             count(*) filter (where vv.n > 0)::int as "householdsVisited",
             count(*) filter (where ${households.type} = 'monitored' and ${households.riskEliminatedAt} is null)::int as monitored,
             count(*) filter (where ${households.type} = 'monitored' and ${households.riskEliminatedAt} is null and vv.n > 0)::int as "monitoredVisited"
      from ${households}
      join ${areas} a on a.id = ${households.areaId}
      left join (select household_id, count(*) as n from ${householdVisits} where visited_on between ${o.from} and ${o.to} group by household_id) vv
        on vv.household_id = ${households.id}
      where ${households.isActive} and ${scope} ${area}
      group by a.id, a.name, a.code order by a.code`),
  );
  return { byCadre, byVillage };
}

/** Facts of 风险消除 for a household: delivered measures, incomes, lines, latest guarantees, active members. */
export async function loadEliminationFacts(db: Db, householdId: number, deliveredStatuses: readonly string[]) {
  const [measures, incomes, lines, guarantees, members] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(householdMeasures).where(and(eq(householdMeasures.householdId, householdId), inArray(householdMeasures.status, [...deliveredStatuses]))),
    db.select({ year: householdIncomes.year, perCapita: householdIncomes.perCapita }).from(householdIncomes).where(eq(householdIncomes.householdId, householdId)),
    db.select({ year: monitoringSettings.year, areaPrefix: monitoringSettings.areaPrefix, incomeLine: monitoringSettings.incomeLine }).from(monitoringSettings),
    db.select({ year: householdGuarantees.year, item: householdGuarantees.item, status: householdGuarantees.status }).from(householdGuarantees).where(eq(householdGuarantees.householdId, householdId)),
    db.select({ birthDate: householdMembers.birthDate, labourSkill: householdMembers.labourSkill }).from(householdMembers).where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.isActive, true))),
  ]);
  return { delivered: measures[0]?.n ?? 0, incomes, lines, guarantees, members };
}

/** The areas' range helper for callers filtering by an area. */
export function areaBetween(prefix: string) {
  return between(households.areaCode, ...areaRange(prefix));
}

/** Facts for the data-quality checks: monitored or lifted households in scope, with members and 雨露计划. */
export async function loadQualityFacts(db: Db, user: TUser, areaPrefix: string | null) {
  const conds = [inScope(user), eq(households.isActive, true), inArray(households.type, ['monitored', 'lifted'])];
  if (areaPrefix) conds.push(areaBetween(areaPrefix));
  const hs = await db
    .select({ id: households.id, code: households.code, areaId: households.areaId, areaName: areas.name, areaCode: households.areaCode, identifiedAt: households.identifiedAt, riskEliminatedAt: households.riskEliminatedAt, riskTypes: households.riskTypes })
    .from(households)
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(and(...conds))
    .orderBy(households.areaCode, households.code);
  const ids = hs.map((h) => h.id);
  if (!ids.length) return { households: hs, members: [], yulu: new Set<number>() };
  const [members, yulu] = await Promise.all([
    db.select({ householdId: householdMembers.householdId, schoolStatus: householdMembers.schoolStatus, migrantMonths: householdMembers.migrantMonths }).from(householdMembers).where(and(inArray(householdMembers.householdId, ids), eq(householdMembers.isActive, true))),
    db.select({ householdId: householdMeasures.householdId }).from(householdMeasures).where(and(inArray(householdMeasures.householdId, ids), eq(householdMeasures.type, 'yulu'), sql`${householdMeasures.status} <> 'cancelled'`)),
  ]);
  return { households: hs, members, yulu: new Set(yulu.map((y) => y.householdId)) };
}

/** The visits among `visitIds` whose household lies in the user's scope (attachment access). */
export async function findVisitIdsInScope(db: Db, user: TUser, visitIds: readonly number[]): Promise<number[]> {
  if (!visitIds.length) return [];
  const rows = await db
    .select({ id: householdVisits.id })
    .from(householdVisits)
    .innerJoin(households, eq(households.id, householdVisits.householdId))
    .where(and(inArray(householdVisits.id, [...visitIds]), inScope(user)));
  return rows.map((r) => r.id);
}

/** The households among `ids` in the user's scope (attachment access: archives, 三保障 evidence). */
export async function findHouseholdIdsInScope(db: Db, user: TUser, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: households.id })
    .from(households)
    .where(and(inArray(households.id, [...ids]), inScope(user)));
  return rows.map((r) => r.id);
}
