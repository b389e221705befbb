/** Every query of the household registry: scoped lists and reads, versioned writes, screening batches. */
import { caseView } from '../../db/schema/case-view.js';
import { and, asc, between, desc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { THouseholdListQuery } from '../../../shared/contracts/households.js';
import { areaRange } from '../../../shared/domain/areas.js';
import type { TScreeningMember } from '../../../shared/domain/households/screening.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import {
  areas,
  householdGuarantees,
  householdIncomes,
  householdLeads,
  householdMeasureFunds,
  householdMeasures,
  householdMembers,
  households,
  householdVisits,
  memberMoves,
  monitoringSettings,
  screeningFlags,
  users,
} from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TScope } from '../../lib/actor.js';
import type { TUser } from '../../lib/types.js';
import { prefixPattern } from '../../db/like.js';

/** Counting stops here: a list answers "10000+" rather than scanning the whole registry. */
export const COUNT_CAP = 10_000;

const inScope = (user: TScope) => scopeCondition(user, { areaCode: households.areaCode });

/** True when a database error is a unique violation (PostgreSQL 23505), whichever driver raised it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';

/** A user's id and display name, for 帮扶责任人. */
export async function findUser(db: Db, userId: number) {
  const [u] = await db.select({ id: users.id, displayName: users.displayName, isActive: users.isActive }).from(users).where(eq(users.id, userId)).limit(1);
  return u ?? null;
}

const ruleList = (rules: readonly string[]) => sql.join(rules.map((r) => sql`${r}`), sql`, `);

/**
 * The household has an open flag (of one of `rules`). `probeEach` keeps the test a per-household
 * probe of the open-flag index (`offset 0` stops PostgreSQL from turning it into a join): for a
 * village's few thousand households that beats the hash of every open flag the planner would build.
 */
const openFlagExists = (rules?: readonly string[], o: { probeEach?: boolean } = {}) =>
  sql`exists (select 1 from ${screeningFlags} f where f.household_id = ${households.id} and f.resolved_at is null${
    rules?.length ? sql` and f.rule in (${ruleList(rules)})` : sql``
  }${o.probeEach ? sql` offset 0` : sql``})`;

/**
 * The household is among those with an open flag of one of `rules`, as an id list read once from
 * the open-flags-by-rule index: a count over a township or the zone then visits only those
 * households instead of scanning every household against a hash of the flags.
 */
const openFlagAmong = (rules: readonly string[]) =>
  sql`${households.id} = any(array(select f.household_id from ${screeningFlags} f where f.resolved_at is null and f.rule in (${ruleList(rules)})))`;

/** A lead or procedure of the household is in progress. */
function openLeadExists(): SQL {
  return sql`exists (select 1 from ${householdLeads} l where l.household_id = ${households.id} and l.status = 'in_progress')`;
}

/**
 * The list's conditions, shaped for the page (ordered, 20 rows: the planner's semi-joins stop
 * early) or for the count (every match up to COUNT_CAP, where the flag tests are written so the
 * plan visits only the matching households; the planner, pricing index probes as disk reads,
 * otherwise scans every household or every open flag).
 */
function listConditions(user: TUser, q: THouseholdListQuery, areaPrefix: string | null, purpose: 'page' | 'count' = 'page'): SQL {
  const conds: SQL[] = [inScope(user), eq(households.isActive, true)];
  const isCount = purpose === 'count';
  // A village (12-digit prefix) holds a few thousand households at most.
  const isVillage = Math.max(user.areaPrefix.length, areaPrefix?.length ?? 0) >= 12;
  if (areaPrefix) {
    const [low, high] = areaRange(areaPrefix);
    conds.push(between(households.areaCode, low, high));
  }
  if (q.type?.length) conds.push(inArray(households.type, q.type));
  if (q.category?.length) conds.push(inArray(households.monitoringCategory, q.category));
  if (q.riskType?.length) conds.push(sql`${households.riskTypes} && array[${sql.join(q.riskType.map((r) => sql`${r}`), sql`, `)}]::text[]`);
  if (q.cadreUserId) conds.push(eq(households.cadreUserId, q.cadreUserId));
  if (q.flagged === 'true') conds.push(openFlagExists(undefined, { probeEach: isCount && isVillage }));
  if (q.flagged === 'false') conds.push(sql`not ${openFlagExists()}`);
  if (q.flagRule?.length) {
    conds.push(isCount && !isVillage ? openFlagAmong(q.flagRule) : openFlagExists(q.flagRule, { probeEach: isCount }));
  }
  if (q.hasOpenLead === 'true') conds.push(openLeadExists());
  if (q.hasOpenLead === 'false') conds.push(sql`not ${openLeadExists()}`);
  if (q.q) {
    // 户编号 exactly, or a member whose name starts with the text (surname or full name): a
    // prefix match the btree on name (text_pattern_ops) serves; the few matching households are
    // then joined by id instead of probing every household.
    const prefix = prefixPattern(q.q);
    conds.push(
      sql`${households.id} in (
        select m.household_id from ${householdMembers} m where m.name like ${prefix} and m.is_active
        union all select h2.id from ${households} h2 where h2.code = ${q.q})`,
    );
  }
  return and(...conds)!;
}

const rowColumns = {
  id: households.id,
  code: households.code,
  areaId: households.areaId,
  areaCode: households.areaCode,
  areaName: areas.name,
  hamlet: households.hamlet,
  phone: households.phone,
  type: households.type,
  monitoringCategory: households.monitoringCategory,
  riskTypes: households.riskTypes,
  cadreUserId: households.cadreUserId,
  cadreName: sql<string | null>`coalesce(${households.cadreName}, (select u.display_name from ${users} u where u.id = ${households.cadreUserId}))`,
  housingGrade: households.housingGrade,
  drinkingWater: households.drinkingWater,
  headName: sql<string | null>`(select m.name from ${householdMembers} m where m.household_id = ${households.id} and m.is_active and m.relation = 'head' order by m.id limit 1)`,
  memberCount: sql<number>`(select count(*)::int from ${householdMembers} m where m.household_id = ${households.id} and m.is_active)`,
  openFlags: sql<number>`(select count(*)::int from ${screeningFlags} f where f.household_id = ${households.id} and f.resolved_at is null)`,
  updatedAt: households.updatedAt,
  version: households.version,
};

const SORT_COLUMNS = { code: households.code, updatedAt: households.updatedAt, id: households.id };

/** One page of households in scope, and the count (capped at COUNT_CAP). */
export async function findHouseholds(db: Db, user: TUser, q: THouseholdListQuery, areaPrefix: string | null) {
  const dir = q.order === 'asc' ? asc : desc;
  const order = [dir(SORT_COLUMNS[q.sort]), dir(households.id)];
  // The page's ids first, then the columns with subqueries (head, members, flags) for those rows
  // only: computed in one query, they ran for every row skipped by the offset too (page 50: 1,000).
  const pageIds = db
    .select({ id: households.id })
    .from(households)
    .where(listConditions(user, q, areaPrefix, 'page'))
    .orderBy(...order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const countWhere = listConditions(user, q, areaPrefix, 'count');
  const [items, countRows] = await Promise.all([
    db
      .select(rowColumns)
      .from(households)
      .innerJoin(areas, eq(areas.id, households.areaId))
      .where(inArray(households.id, pageIds))
      .orderBy(...order),
    db.execute(sql`select count(*)::int as n from (select 1 from ${households} where ${countWhere} limit ${COUNT_CAP + 1}) t`),
  ]);
  const n = rowsOf<{ n: number }>(countRows)[0]?.n ?? 0;
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}
/** A list row as the repository returns it. */
export type THouseholdListRow = Awaited<ReturnType<typeof findHouseholds>>['items'][number];

/** One household in scope with the list columns and the rest; null when absent or out of scope. */
export async function findHouseholdById(db: Db, user: TUser, id: number) {
  const [row] = await db
    .select({
      ...rowColumns,
      address: households.address,
      identifiedAt: households.identifiedAt,
      riskEliminatedAt: households.riskEliminatedAt,
      isActive: households.isActive,
      createdAt: households.createdAt,
    })
    .from(households)
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(and(eq(households.id, id), inScope(user)))
    .limit(1);
  return row ?? null;
}
/** A household in scope with every column the detail shows. */
export type THouseholdRecord = NonNullable<Awaited<ReturnType<typeof findHouseholdById>>>;

/** A household by 户编号, in any area (uniqueness checks and imports). */
export async function findHouseholdByCode(db: Db, code: string) {
  const [row] = await db.select({ id: households.id, areaCode: households.areaCode }).from(households).where(eq(households.code, code)).limit(1);
  return row ?? null;
}

/** A household row to insert. */
export type TNewHousehold = typeof households.$inferInsert;
/** Columns a household update may change. */
export type THouseholdPatch = Partial<TNewHousehold>;

/** Inserts a household and returns its id. */
export async function insertHousehold(db: Db, values: TNewHousehold): Promise<number> {
  const [row] = await db.insert(households).values(values).returning({ id: households.id });
  return row.id;
}

/** Applies a patch only if the household still has `version`; false when someone changed it first. */
export async function updateHouseholdVersioned(db: Db, id: number, version: number, patch: THouseholdPatch): Promise<boolean> {
  const updated = await db
    .update(households)
    .set({ ...patch, version: sql`${households.version} + 1`, updatedAt: new Date() })
    .where(and(eq(households.id, id), eq(households.version, version)))
    .returning({ id: households.id });
  return updated.length === 1;
}

/** Marks a household as changed (a member or a year's figures changed), bumping its version. */
export async function touchHousehold(db: Db, id: number) {
  await db.update(households).set({ version: sql`${households.version} + 1`, updatedAt: new Date() }).where(eq(households.id, id));
}

/** Members of a household, current first. */
export async function findMembers(db: Db, householdId: number) {
  return db
    .select()
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(desc(householdMembers.isActive), sql`${householdMembers.relation} = 'head' desc`, asc(householdMembers.birthDate), asc(householdMembers.id));
}
/** A member row as stored. */
export type TMemberRecord = typeof householdMembers.$inferSelect;

/** Number of current members of a household. */
export async function countActiveMembers(db: Db, householdId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.isActive, true)));
  return r?.n ?? 0;
}

/** A member whose household lies in scope; null otherwise. */
export async function findMemberById(db: Db, user: TUser, memberId: number) {
  const [row] = await db
    .select({ member: householdMembers })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(and(eq(householdMembers.id, memberId), inScope(user)))
    .limit(1);
  return row?.member ?? null;
}

/** Who already holds an ID number, anywhere in the registry, with their household's code and village. */
export async function findMemberByIdNumber(db: Db, idNumber: string) {
  const [row] = await db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      isActive: householdMembers.isActive,
      householdId: households.id,
      householdCode: households.code,
      areaName: areas.name,
    })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(eq(householdMembers.idNumber, idNumber))
    .limit(1);
  return row ?? null;
}

/** A member row to insert. */
export type TNewMember = typeof householdMembers.$inferInsert;

/** Inserts a member and returns the id. */
export async function insertMember(db: Db, values: TNewMember): Promise<number> {
  const [row] = await db.insert(householdMembers).values(values).returning({ id: householdMembers.id });
  return row.id;
}

/** Versioned update of a member; false when someone changed it first. */
export async function updateMemberVersioned(db: Db, id: number, version: number, patch: Partial<TNewMember>): Promise<boolean> {
  const updated = await db
    .update(householdMembers)
    .set({ ...patch, version: sql`${householdMembers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(householdMembers.id, id), eq(householdMembers.version, version)))
    .returning({ id: householdMembers.id });
  return updated.length === 1;
}

/** Appends a join, move or leave to the history. */
export async function insertMove(db: Db, values: typeof memberMoves.$inferInsert) {
  await db.insert(memberMoves).values(values);
}

/** History of members into and out of a household, newest first. */
export async function findMoves(db: Db, householdId: number) {
  return db
    .select({
      id: memberMoves.id,
      memberId: memberMoves.memberId,
      memberName: householdMembers.name,
      kind: memberMoves.kind,
      fromHouseholdId: memberMoves.fromHouseholdId,
      toHouseholdId: memberMoves.toHouseholdId,
      movedOn: memberMoves.movedOn,
      note: memberMoves.note,
      at: memberMoves.at,
    })
    .from(memberMoves)
    .innerJoin(householdMembers, eq(householdMembers.id, memberMoves.memberId))
    .where(or(eq(memberMoves.fromHouseholdId, householdId), eq(memberMoves.toHouseholdId, householdId)))
    .orderBy(desc(memberMoves.movedOn), desc(memberMoves.id));
}

/** A year's income row to write. */
export type TNewIncome = typeof householdIncomes.$inferInsert;

/** Writes a household's income for a year, replacing an earlier entry for that year. */
export async function upsertIncome(db: Db, values: TNewIncome) {
  const { householdId: _h, year: _y, ...rest } = values;
  await db
    .insert(householdIncomes)
    .values(values)
    .onConflictDoUpdate({ target: [householdIncomes.householdId, householdIncomes.year], set: { ...rest, recordedAt: new Date() } });
}

/** A household's income for one year. */
export async function findIncome(db: Db, householdId: number, year: number) {
  const [row] = await db
    .select()
    .from(householdIncomes)
    .where(and(eq(householdIncomes.householdId, householdId), eq(householdIncomes.year, year)))
    .limit(1);
  return row ?? null;
}

/** A household's income by year, newest first. */
export async function findIncomes(db: Db, householdId: number) {
  return db.select().from(householdIncomes).where(eq(householdIncomes.householdId, householdId)).orderBy(desc(householdIncomes.year));
}

/** Writes the checked items of a year, replacing earlier checks of the same items. */
export async function upsertGuarantees(db: Db, rows: (typeof householdGuarantees.$inferInsert)[]) {
  if (!rows.length) return;
  await db
    .insert(householdGuarantees)
    .values(rows)
    .onConflictDoUpdate({
      target: [householdGuarantees.householdId, householdGuarantees.year, householdGuarantees.item],
      set: {
        status: sql`excluded.status`,
        note: sql`excluded.note`,
        attachmentIds: sql`excluded.attachment_ids`,
        checkedById: sql`excluded.checked_by_id`,
        checkedAt: sql`excluded.checked_at`,
      },
    });
}

/** The guarantee checks of a household, newest year first. */
export async function findGuarantees(db: Db, householdId: number) {
  return db
    .select()
    .from(householdGuarantees)
    .where(eq(householdGuarantees.householdId, householdId))
    .orderBy(desc(householdGuarantees.year), asc(householdGuarantees.id));
}

/** Open flags and the 20 most recently resolved ones of a household. */
export async function findFlags(db: Db, householdId: number) {
  return db
    .select()
    .from(screeningFlags)
    .where(eq(screeningFlags.householdId, householdId))
    .orderBy(sql`${screeningFlags.resolvedAt} is null desc`, desc(screeningFlags.year), desc(screeningFlags.resolvedAt), asc(screeningFlags.id))
    .limit(100);
}

/** Writes the monitoring line of a year for an area prefix ('' = the whole zone). */
export async function upsertMonitoringSetting(db: Db, values: typeof monitoringSettings.$inferInsert) {
  await db
    .insert(monitoringSettings)
    .values(values)
    .onConflictDoUpdate({
      target: [monitoringSettings.year, monitoringSettings.areaPrefix],
      set: { incomeLine: values.incomeLine, params: values.params, sourceNote: values.sourceNote, updatedById: values.updatedById, updatedAt: new Date() },
    });
}

/** Monitoring lines, optionally of one year; newest year first, zone-wide before local lines. */
export async function findMonitoringSettings(db: Db, year?: number) {
  return db
    .select()
    .from(monitoringSettings)
    .where(year ? eq(monitoringSettings.year, year) : undefined)
    .orderBy(desc(monitoringSettings.year), asc(monitoringSettings.areaPrefix));
}

// ---- screening --------------------------------------------------------------------------------

/** Which batch of households a screening reads next. */
export interface TScreeningBatchOptions {
  areaPrefix: string | null;
  afterId: number;
  limit: number;
}

/** Active households in scope after `afterId` (keyset batches), optionally under an area prefix. */
function batchConditions(user: TScope, o: { areaPrefix: string | null; afterId: number }): SQL[] {
  const conds: SQL[] = [inScope(user), eq(households.isActive, true), gt(households.id, o.afterId)];
  if (o.areaPrefix) {
    const [low, high] = areaRange(o.areaPrefix);
    conds.push(between(households.areaCode, low, high));
  }
  return conds;
}

/** One household of a screening batch, as the rules read it. */
export interface TScreeningHousehold {
  id: number;
  areaCode: string;
  type: string;
  housingGrade: string | null;
  drinkingWater: string | null;
}

/** An active member of a batch's household, in the shape the rules read, with the household's id. */
export type TScreeningMemberRow = TScreeningMember & { householdId: number };

/** A batch household's income of the year and the year before, as one row. */
export interface TScreeningIncomeRow {
  householdId: number;
  /** Null when no income is recorded for the year (a stored row always has it). */
  perCapita: number | null;
  medicalSelfPay: number | null;
  educationCost: number | null;
  disasterLoss: number | null;
  /** Null when no income is recorded for the year before. */
  previousPerCapita: number | null;
}

/** A batch household's checks of the year, item → status. */
export interface TScreeningGuaranteeRow {
  householdId: number;
  items: Record<string, string>;
}

/** An open flag of the year of a batch's household. */
export interface TOpenFlagRow {
  id: number;
  householdId: number;
  rule: string;
  message: string;
}

/** The next batch of households in scope (keyset by id) with the columns the rules read. */
export async function findScreeningHouseholds(db: Db, user: TScope, o: TScreeningBatchOptions) {
  return rowsOf<TScreeningHousehold>(
    await db.execute(sql`
      select ${households.id} as id, ${households.areaCode} as "areaCode", ${households.type} as type,
             ${households.housingGrade} as "housingGrade", ${households.drinkingWater} as "drinkingWater"
      from ${households} where ${and(...batchConditions(user, o))}
      order by ${households.id} limit ${o.limit}`),
  );
}

/**
 * What the rules read of a batch's households (as `findScreeningHouseholds` returned them, in id
 * order) for a year, every list ordered by household id (members by id within a household) so
 * the caller walks them in step with the households, without maps; rows come as the driver parses
 * them (no per-row mapping: a full screening reads ~600,000 rows).
 *
 * Each read is a single-table index range scan, whatever the planner's statistics: a dense batch
 * (most ids of its range are in it, the usual case) is read by its id range alone and the caller's
 * walk skips the few other households' rows; a sparse one (a village's households among the
 * others') by its id list. A join or semi-join to households here becomes a quadratic nested loop
 * on a database without statistics (PGlite, a fresh import).
 */
export async function loadScreeningFacts(db: Db, o: { year: number; households: TScreeningHousehold[] }) {
  const hs = o.households;
  if (!hs.length) return { members: [], incomes: [], guarantees: [], openFlags: [] };
  const first = hs[0].id;
  const last = hs[hs.length - 1].id;
  const isDense = hs.length * 2 >= last - first + 1;
  const idList = `{${hs.map((h) => h.id).join(',')}}`;
  const ofBatch = (col: SQL) =>
    isDense ? sql`${col} between ${first} and ${last}` : sql`${col} between ${first} and ${last} and ${col} = any(${idList}::int[])`;
  const [members, incomes, guarantees, openFlags] = await Promise.all([
    db.execute(sql`
      select m.household_id as "householdId", m.name, m.birth_date::text as "birthDate", m.school_status as "schoolStatus",
             m.has_medical_insurance as "hasMedicalInsurance", m.disability_grade as "disabilityGrade", m.labour_skill as "labourSkill"
      from ${householdMembers} m
      where ${ofBatch(sql`m.household_id`)} and m.is_active
      order by m.household_id, m.id`),
    db.execute(sql`
      select i.household_id as "householdId",
             max(i.per_capita) filter (where i.year = ${o.year}) as "perCapita",
             max(i.medical_self_pay) filter (where i.year = ${o.year})::float8 as "medicalSelfPay",
             max(i.education_cost) filter (where i.year = ${o.year})::float8 as "educationCost",
             max(i.disaster_loss) filter (where i.year = ${o.year})::float8 as "disasterLoss",
             max(i.per_capita) filter (where i.year = ${o.year - 1}) as "previousPerCapita"
      from ${householdIncomes} i
      where ${ofBatch(sql`i.household_id`)} and i.year in (${o.year}, ${o.year - 1})
      group by i.household_id order by i.household_id`),
    db.execute(sql`
      select g.household_id as "householdId", jsonb_object_agg(g.item, g.status) as items
      from ${householdGuarantees} g
      where ${ofBatch(sql`g.household_id`)} and g.year = ${o.year}
      group by g.household_id order by g.household_id`),
    db.execute(sql`
      -- float8: a number on both drivers (int8 would be a string or a bigint), exact below 2^53
      select f.id::float8 as id, f.household_id as "householdId", f.rule, f.message
      from ${screeningFlags} f
      where ${ofBatch(sql`f.household_id`)} and f.year = ${o.year} and f.resolved_at is null
      order by f.household_id`),
  ]);
  return {
    members: rowsOf<TScreeningMemberRow>(members),
    incomes: rowsOf<TScreeningIncomeRow>(incomes),
    guarantees: rowsOf<TScreeningGuaranteeRow>(guarantees),
    openFlags: rowsOf<TOpenFlagRow>(openFlags),
  };
}

/** A flag raised for a household by a screening run. */
export interface TFlagWrite {
  householdId: number;
  rule: string;
  message: string;
  numbers: Record<string, number | string>;
}

/** The flag changes of one batch, worked out by the service against the open flags it read. */
export interface TScreeningWrites {
  year: number;
  at: Date;
  /** Flags raised for the first time. */
  inserts: TFlagWrite[];
  /** Open flags whose message (and numbers) changed. */
  updates: { id: number; message: string; numbers: Record<string, number | string> }[];
  /** Open flags no longer raised. */
  resolveIds: number[];
}

/**
 * Writes one batch's changes in one statement (atomic without a transaction's extra round
 * trips), each kind of change taking its rows as one JSON parameter; nothing to write, no
 * statement: a repeated run over unchanged data writes nothing.
 */
export async function writeScreeningBatch(db: Db, w: TScreeningWrites): Promise<void> {
  const at = w.at.toISOString();
  const parts: SQL[] = [];
  if (w.inserts.length) {
    const payload = JSON.stringify(w.inserts.map((r) => ({ household_id: r.householdId, rule: r.rule, message: r.message, numbers: r.numbers })));
    parts.push(sql`inserted as (
      insert into screening_flags (household_id, year, rule, message, numbers, raised_at, checked_at)
      select x.household_id, ${w.year}, x.rule, x.message, x.numbers, ${at}::timestamptz, ${at}::timestamptz
      from jsonb_to_recordset(${payload}::jsonb) as x(household_id int, rule text, message text, numbers jsonb))`);
  }
  if (w.updates.length) {
    parts.push(sql`updated as (
      update screening_flags f set message = x.message, numbers = x.numbers, checked_at = ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(w.updates)}::jsonb) as x(id bigint, message text, numbers jsonb)
      where f.id = x.id and f.resolved_at is null)`);
  }
  if (w.resolveIds.length) {
    parts.push(sql`resolved as (
      update screening_flags set resolved_at = ${at}::timestamptz
      where id in (select value::bigint from jsonb_array_elements_text(${JSON.stringify(w.resolveIds)}::jsonb)) and resolved_at is null)`);
  }
  // Data-modifying WITH parts run whether or not the final select reads them; their rows are disjoint.
  if (parts.length) await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

// ---- import ------------------------------------------------------------------------------------

/** Villages (and hamlets) in the user's scope, for matching names in imported files. */
export async function findVillagesInScope(db: Db, user: TUser) {
  const [low, high] = areaRange(user.areaPrefix);
  return db
    .select({ id: areas.id, name: areas.name, code: areas.code })
    .from(areas)
    .where(and(between(areas.code, low, high), inArray(areas.level, ['village', 'hamlet']), eq(areas.isActive, true)));
}

const IMPORT_CHUNK = 5000;
function chunks<T>(items: T[], size = IMPORT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs a lookup keyed by a list (户编号, ID numbers, household ids) in chunks of IMPORT_CHUNK keys,
 * each passed as one JSON array parameter (`keys`), and concatenates the rows.
 */
async function lookupInChunks<TRow, TKey>(db: Db, keys: TKey[], query: (keys: string) => SQL): Promise<TRow[]> {
  const out: TRow[] = [];
  for (const part of chunks(keys)) out.push(...rowsOf<TRow>(await db.execute(query(JSON.stringify(part)))));
  return out;
}

/** Households by 户编号, anywhere (the caller checks scope). */
export async function findHouseholdsByCodes(db: Db, codes: string[]) {
  return lookupInChunks<{ id: number; code: string; areaCode: string }, string>(db, codes, (keys) => sql`
    select h.id, h.code, h.area_code as "areaCode" from households h
    where h.code in (select value from jsonb_array_elements_text(${keys}::jsonb))`);
}

/** Members by ID number, anywhere, with their household's 户编号. */
export async function findMembersByIdNumbers(db: Db, idNumbers: string[]) {
  return lookupInChunks<{ id: number; idNumber: string; householdCode: string }, string>(db, idNumbers, (keys) => sql`
    select m.id, m.id_number as "idNumber", h.code as "householdCode"
    from household_members m join households h on h.id = m.household_id
    where m.id_number in (select value from jsonb_array_elements_text(${keys}::jsonb))`);
}

/**
 * Inserts or updates imported households by 户编号 (one statement per chunk). Unchanged rows are
 * not rewritten. Returns the counts and the id of every household of the file.
 */
export async function upsertImportedHouseholds(db: Db, rows: Record<string, unknown>[]) {
  let created = 0;
  let updated = 0;
  const idByCode = new Map<string, number>();
  for (const part of chunks(rows)) {
    const payload = JSON.stringify(
      part.map((h) => ({
        code: h.code,
        area_id: h.areaId,
        area_code: h.areaCode,
        hamlet: h.hamlet ?? null,
        address: h.address ?? null,
        phone: h.phone ?? null,
        type: h.type,
        monitoring_category: h.monitoringCategory ?? null,
      })),
    );
    const written = rowsOf<{ inserted: boolean }>(
      await db.execute(sql`
        insert into households (code, area_id, area_code, hamlet, address, phone, type, monitoring_category)
        select x.code, x.area_id, x.area_code, x.hamlet, x.address, x.phone, x.type, x.monitoring_category
        from jsonb_to_recordset(${payload}::jsonb)
          as x(code text, area_id int, area_code text, hamlet text, address text, phone text, type text, monitoring_category text)
        on conflict (code) do update set
          area_id = excluded.area_id, area_code = excluded.area_code, hamlet = excluded.hamlet, address = excluded.address,
          phone = excluded.phone, type = excluded.type, monitoring_category = excluded.monitoring_category,
          version = households.version + 1, updated_at = now()
        where (households.area_id, households.hamlet, households.address, households.phone, households.type, households.monitoring_category)
          is distinct from (excluded.area_id, excluded.hamlet, excluded.address, excluded.phone, excluded.type, excluded.monitoring_category)
        returning (xmax = 0) as inserted`),
    );
    created += written.filter((w) => w.inserted).length;
    updated += written.filter((w) => !w.inserted).length;
  }
  for (const h of await findHouseholdsByCodes(db, rows.map((r) => r.code as string))) idByCode.set(h.code, h.id);
  return { created, updated, idByCode };
}

/**
 * Inserts or updates imported members by ID number; a new member gets a 建档登记 history row in
 * the same statement. An existing member is only updated inside their own household (the
 * caller refuses rows that would move someone). Unchanged rows are not rewritten.
 */
export async function upsertImportedMembers(db: Db, rows: Record<string, unknown>[], o: { actorId: number; today: string }) {
  let created = 0;
  let updated = 0;
  for (const part of chunks(rows)) {
    const payload = JSON.stringify(
      part.map((m) => ({
        household_id: m.householdId,
        name: m.name,
        id_number: m.idNumber,
        sex: m.sex,
        birth_date: m.birthDate,
        relation: m.relation,
        ethnicity: m.ethnicity ?? null,
        education: m.education ?? null,
        school_status: m.schoolStatus ?? null,
        health: m.health ?? null,
        disability_grade: m.disabilityGrade ?? null,
        labour_skill: m.labourSkill ?? null,
        migrant_months: m.migrantMonths ?? null,
        has_medical_insurance: m.hasMedicalInsurance ?? null,
        has_critical_illness_insurance: m.hasCriticalIllnessInsurance ?? null,
      })),
    );
    const [counts] = rowsOf<{ created: number; updated: number }>(
      await db.execute(sql`
        with x as (
          select * from jsonb_to_recordset(${payload}::jsonb) as x(
            household_id int, name text, id_number text, sex text, birth_date date, relation text, ethnicity text,
            education text, school_status text, health text, disability_grade smallint, labour_skill text,
            migrant_months smallint, has_medical_insurance boolean, has_critical_illness_insurance boolean)
        ), written as (
          insert into household_members (household_id, name, id_number, sex, birth_date, relation, ethnicity, education,
            school_status, health, disability_grade, labour_skill, migrant_months, has_medical_insurance, has_critical_illness_insurance)
          select household_id, name, id_number, sex, birth_date, relation, ethnicity, education, school_status, health,
            disability_grade, labour_skill, migrant_months, has_medical_insurance, has_critical_illness_insurance from x
          on conflict (id_number) do update set
            name = excluded.name, relation = excluded.relation, ethnicity = excluded.ethnicity, education = excluded.education,
            school_status = excluded.school_status, health = excluded.health, disability_grade = excluded.disability_grade,
            labour_skill = excluded.labour_skill, migrant_months = excluded.migrant_months,
            has_medical_insurance = excluded.has_medical_insurance,
            has_critical_illness_insurance = excluded.has_critical_illness_insurance,
            version = household_members.version + 1, updated_at = now()
          where household_members.household_id = excluded.household_id
            and (household_members.name, household_members.relation, household_members.ethnicity, household_members.education,
                 household_members.school_status, household_members.health, household_members.disability_grade,
                 household_members.labour_skill, household_members.migrant_months, household_members.has_medical_insurance,
                 household_members.has_critical_illness_insurance)
              is distinct from
                (excluded.name, excluded.relation, excluded.ethnicity, excluded.education, excluded.school_status, excluded.health,
                 excluded.disability_grade, excluded.labour_skill, excluded.migrant_months, excluded.has_medical_insurance,
                 excluded.has_critical_illness_insurance)
          returning id, household_id, (xmax = 0) as inserted
        ), moved as (
          insert into member_moves (member_id, kind, to_household_id, moved_on, note, actor_id)
          select id, 'registered', household_id, ${o.today}::date, '批量导入', ${o.actorId} from written where inserted
        )
        select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated from written`),
    );
    created += counts?.created ?? 0;
    updated += counts?.updated ?? 0;
  }
  return { created, updated };
}

/** A year's income of a household as the import writes it (figures computed by computeIncome). */
export interface TImportedIncome {
  householdId: number;
  year: number;
  wage: number;
  business: number;
  productionCost: number;
  property: number;
  transfer: number;
  householdSize: number;
  netIncome: number;
  perCapita: number;
}

/** Current members per household, for the households given (absent: none). */
export async function countActiveMembersByHousehold(db: Db, householdIds: number[]): Promise<Map<number, number>> {
  const rows = await lookupInChunks<{ householdId: number; n: number }, number>(db, householdIds, (keys) => sql`
    select m.household_id as "householdId", count(*)::int as n from household_members m
    where m.is_active and m.household_id in (select value::int from jsonb_array_elements_text(${keys}::jsonb))
    group by m.household_id`);
  return new Map(rows.map((r) => [r.householdId, r.n]));
}

/**
 * Inserts or updates imported incomes by household and year (one statement per chunk), as the
 * income form's upsertIncome does, but only the columns the file carries: rigid expenses and the
 * note entered on the household page are kept. Unchanged years are not rewritten; a household
 * whose income changed is marked changed (version), like after the form.
 */
export async function upsertImportedIncomes(db: Db, rows: TImportedIncome[], o: { actorId: number }) {
  let created = 0;
  let updated = 0;
  for (const part of chunks(rows)) {
    const payload = JSON.stringify(
      part.map((r) => ({
        household_id: r.householdId,
        year: r.year,
        wage: r.wage,
        business: r.business,
        production_cost: r.productionCost,
        property: r.property,
        transfer: r.transfer,
        household_size: r.householdSize,
        net_income: r.netIncome,
        per_capita: r.perCapita,
      })),
    );
    const [counts] = rowsOf<{ created: number; updated: number }>(
      await db.execute(sql`
        with x as (
          select * from jsonb_to_recordset(${payload}::jsonb) as x(
            household_id int, year smallint, wage numeric, business numeric, production_cost numeric, property numeric,
            transfer numeric, household_size smallint, net_income numeric, per_capita int)
        ), written as (
          insert into household_incomes (household_id, year, wage, business, production_cost, property, transfer,
            household_size, net_income, per_capita, recorded_by_id)
          select household_id, year, wage, business, production_cost, property, transfer, household_size, net_income, per_capita, ${o.actorId}::int
          from x
          on conflict (household_id, year) do update set
            wage = excluded.wage, business = excluded.business, production_cost = excluded.production_cost,
            property = excluded.property, transfer = excluded.transfer, household_size = excluded.household_size,
            net_income = excluded.net_income, per_capita = excluded.per_capita,
            recorded_by_id = excluded.recorded_by_id, recorded_at = now()
          where (household_incomes.wage, household_incomes.business, household_incomes.production_cost, household_incomes.property,
                 household_incomes.transfer, household_incomes.household_size)
            is distinct from
                (excluded.wage, excluded.business, excluded.production_cost, excluded.property, excluded.transfer, excluded.household_size)
          returning household_id, (xmax = 0) as inserted
        ), touched as (
          update households set version = version + 1, updated_at = now() where id in (select household_id from written)
        )
        select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated from written`),
    );
    created += counts?.created ?? 0;
    updated += counts?.updated ?? 0;
  }
  return { created, updated };
}

// ---- export ------------------------------------------------------------------------------------

/** The next batch of households in scope (keyset by id) with their current members, for export. */
export async function loadExportBatch(db: Db, user: TUser, o: { areaPrefix: string | null; afterId: number; limit: number }) {
  const conds = batchConditions(user, o);
  const hs = await db
    .select({
      id: households.id,
      code: households.code,
      areaName: areas.name,
      hamlet: households.hamlet,
      address: households.address,
      phone: households.phone,
      type: households.type,
      monitoringCategory: households.monitoringCategory,
      riskTypes: households.riskTypes,
      cadreName: rowColumns.cadreName,
      housingGrade: households.housingGrade,
      drinkingWater: households.drinkingWater,
      identifiedAt: households.identifiedAt,
      riskEliminatedAt: households.riskEliminatedAt,
    })
    .from(households)
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(and(...conds))
    .orderBy(asc(households.id))
    .limit(o.limit);
  if (!hs.length) return { households: hs, members: [] as TMemberRecord[] };
  const batchIds = db
    .select({ id: households.id })
    .from(households)
    .where(and(...conds, between(households.id, hs[0].id, hs[hs.length - 1].id)));
  const members = await db
    .select()
    .from(householdMembers)
    .where(
      and(
        between(householdMembers.householdId, hs[0].id, hs[hs.length - 1].id),
        inArray(householdMembers.householdId, batchIds),
        eq(householdMembers.isActive, true),
      ),
    )
    .orderBy(asc(householdMembers.householdId), sql`${householdMembers.relation} = 'head' desc`, asc(householdMembers.id));
  return { households: hs, members };
}

/** Every year's income of the given households (an export batch), by household and year. */
export async function loadIncomesOf(db: Db, householdIds: number[]) {
  if (!householdIds.length) return [];
  return db
    .select({
      householdId: householdIncomes.householdId,
      year: householdIncomes.year,
      wage: householdIncomes.wage,
      business: householdIncomes.business,
      productionCost: householdIncomes.productionCost,
      property: householdIncomes.property,
      transfer: householdIncomes.transfer,
      householdSize: householdIncomes.householdSize,
    })
    .from(householdIncomes)
    .where(inArray(householdIncomes.householdId, householdIds))
    .orderBy(asc(householdIncomes.householdId), asc(householdIncomes.year));
}

/** The current heads of households by 户编号 (import checks one head per household). */
export async function findHeadsByCodes(db: Db, codes: string[]) {
  return lookupInChunks<{ code: string; idNumber: string }, string>(db, codes, (keys) => sql`
    select h.code, m.id_number as "idNumber"
    from households h join household_members m on m.household_id = h.id and m.is_active and m.relation = 'head'
    where h.code in (select value from jsonb_array_elements_text(${keys}::jsonb))`);
}

// ---- standard tables (exports) -----------------------------------------------------------------

/** Options of one keyset batch of a standard table: scope, area, after which key, how many. */
export interface TTableBatchOptions {
  areaPrefix: string | null;
  /** The last key of the previous batch: [id] or, for 三保障, [household id, year]. */
  after: [number, number?];
  limit: number;
}

function tableWhere(user: TUser, areaPrefix: string | null): SQL {
  const conds: SQL[] = [scopeCondition(user, { areaCode: households.areaCode }), eq(households.isActive, true)];
  if (areaPrefix) conds.push(between(households.areaCode, ...areaRange(areaPrefix)));
  return and(...conds)!;
}

// The household's place (county, township, village) and head, shared by every table.
const placeAndHead = sql`
  tw.name as "townshipName", v.name as "villageName", ct.name as "countyName", ${households.code} as "householdCode",
  hd.name as "headName", hd.id_number as "headIdNumber", ${households.phone} as phone`;
const placeJoins = sql`
  join ${areas} v on v.id = ${households.areaId}
  left join ${areas} tw on tw.id = v.parent_id
  left join ${areas} ct on ct.id = tw.parent_id
  left join lateral (select m.name, m.id_number from ${householdMembers} m
                     where m.household_id = ${households.id} and m.is_active and m.relation = 'head' order by m.id limit 1) hd on true`;

/** The place and head columns every standard-table row carries. */
export interface TTablePlace {
  countyName: string | null;
  townshipName: string | null;
  villageName: string;
  householdCode: string;
  headName: string | null;
  headIdNumber: string | null;
  phone: string | null;
}

/** 监测对象表: monitored households in scope, with size, latest income and elimination. */
export async function loadMonitoredBatch(db: Db, user: TUser, o: TTableBatchOptions) {
  return rowsOf<TTablePlace & { id: number; category: string | null; riskTypes: string[]; members: number; identifiedAt: string | null; riskEliminatedAt: string | null; cadreName: string | null; incomeYear: number | null; perCapita: number | null }>(
    await db.execute(sql`
      select ${households.id} as id, ${placeAndHead}, ${households.monitoringCategory} as category, ${households.riskTypes} as "riskTypes",
             (select count(*)::int from ${householdMembers} m where m.household_id = ${households.id} and m.is_active) as members,
             ${households.identifiedAt}::text as "identifiedAt", ${households.riskEliminatedAt}::text as "riskEliminatedAt",
             coalesce(${households.cadreName}, (select u.display_name from ${users} u where u.id = ${households.cadreUserId})) as "cadreName",
             inc.year as "incomeYear", inc.per_capita::float8 as "perCapita"
      from ${households} ${placeJoins}
      left join lateral (select i.year, i.per_capita from ${householdIncomes} i where i.household_id = ${households.id} order by i.year desc limit 1) inc on true
      where ${tableWhere(user, o.areaPrefix)} and ${households.type} = 'monitored' and ${households.id} > ${o.after[0]}
      order by ${households.id} limit ${o.limit}`),
  );
}

/** 帮扶措施表: measures of households in scope, with allocated and paid totals. */
export async function loadMeasuresBatch(db: Db, user: TUser, o: TTableBatchOptions) {
  return rowsOf<TTablePlace & { id: number; type: string; content: string; amount: number | null; startOn: string; endOn: string | null; unitName: string | null; status: string; allocated: number; paid: number }>(
    await db.execute(sql`
      select ms.id, ${placeAndHead}, ms.type, ms.content, ms.amount::float8 as amount, ms.start_on::text as "startOn", ms.end_on::text as "endOn",
             ms.unit_name as "unitName", ms.status,
             coalesce((select sum(f.amount) from ${householdMeasureFunds} f where f.measure_id = ms.id and f.kind = 'allocation'), 0)::float8 as allocated,
             coalesce((select sum(f.amount) from ${householdMeasureFunds} f where f.measure_id = ms.id and f.kind = 'payment'), 0)::float8 as paid
      from ${householdMeasures} ms join ${households} on ${households.id} = ms.household_id ${placeJoins}
      where ${tableWhere(user, o.areaPrefix)} and ms.id > ${o.after[0]}
      order by ms.id limit ${o.limit}`),
  );
}

/** 走访记录表: visits to households in scope. */
export async function loadVisitsBatch(db: Db, user: TUser, o: TTableBatchOptions) {
  return rowsOf<TTablePlace & { id: number; visitedOn: string; visitorName: string; findings: string; hasProblem: boolean; caseId: number | null; photos: number }>(
    await db.execute(sql`
      select vs.id, ${placeAndHead}, vs.visited_on::text as "visitedOn", vs.visitor_name as "visitorName", vs.findings,
             vs.has_problem as "hasProblem", vc.id as "caseId", cardinality(vs.attachment_ids)::int as photos
      from ${householdVisits} vs join ${households} on ${households.id} = vs.household_id ${placeJoins}
      left join ${caseView} vc on vc.origin_type = 'household_visit' and vc.origin_id = vs.id
      where ${tableWhere(user, o.areaPrefix)} and vs.id > ${o.after[0]}
      order by vs.id limit ${o.limit}`),
  );
}

/** 两不愁三保障及饮水: one row per household in scope and year, each item's status and note. */
export async function loadGuaranteesBatch(db: Db, user: TUser, o: TTableBatchOptions) {
  return rowsOf<TTablePlace & { householdId: number; year: number; items: Record<string, { status: string; note: string | null }> }>(
    await db.execute(sql`
      select g.household_id as "householdId", g.year::int as year, ${placeAndHead},
             jsonb_object_agg(g.item, jsonb_build_object('status', g.status, 'note', g.note)) as items
      from ${householdGuarantees} g join ${households} on ${households.id} = g.household_id ${placeJoins}
      where ${tableWhere(user, o.areaPrefix)} and (g.household_id, g.year) > (${o.after[0]}, ${o.after[1] ?? 0})
      group by g.household_id, g.year, tw.name, v.name, ct.name, ${households.code}, hd.name, hd.id_number, ${households.phone}
      order by g.household_id, g.year limit ${o.limit}`),
  );
}
