/** Every query of leads and their procedures, settings, and the household facts they need. */
import { caseView } from '../../db/schema/case-view.js';
import { and, asc, between, desc, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { TLeadListQuery } from '../../../shared/contracts/households-work.js';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { areas, householdLeadEvents, householdLeads, householdMembers, households, householdWorkSettings, users } from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

const inScope = (user: TUser) => scopeCondition(user, { areaCode: householdLeads.areaCode });

/** A lead row to insert. */
export type TNewLead = typeof householdLeads.$inferInsert;

/** Inserts a lead with its code derived from the id; returns id and code. */
export async function insertLead(db: Db, values: Omit<TNewLead, 'code'>, codePrefix: string) {
  const r = rowsOf<{ id: number }>(await db.execute(sql`select nextval(pg_get_serial_sequence('household_leads', 'id'))::int as id`));
  const id = r[0].id;
  const code = `${codePrefix}${String(id).padStart(6, '0')}`;
  await db.insert(householdLeads).values({ ...values, id, code });
  return { id, code };
}

/** Appends an event to a lead's history. */
export async function insertLeadEvent(db: Db, values: typeof householdLeadEvents.$inferInsert) {
  await db.insert(householdLeadEvents).values(values);
}

/** The case raised when the lead went overdue (its origin is the lead), or null. */
function escalatedCaseId() {
  return sql<number | null>`(select ${caseView.id} from ${caseView} where ${caseView.originType} = 'household_lead' and ${caseView.originId} = ${householdLeads.id})`;
}

const rowColumns = {
  id: householdLeads.id,
  code: householdLeads.code,
  kind: householdLeads.kind,
  channel: householdLeads.channel,
  department: householdLeads.department,
  householdId: householdLeads.householdId,
  householdCode: households.code,
  personName: householdLeads.personName,
  idNumber: householdLeads.idNumber,
  phone: householdLeads.phone,
  areaId: householdLeads.areaId,
  areaCode: householdLeads.areaCode,
  areaName: areas.name,
  reason: householdLeads.reason,
  numbers: householdLeads.numbers,
  raisedAt: householdLeads.raisedAt,
  raisedOn: householdLeads.raisedOn,
  status: householdLeads.status,
  steps: householdLeads.steps,
  refusedStep: householdLeads.refusedStep,
  refusedReason: householdLeads.refusedReason,
  closedAt: householdLeads.closedAt,
  escalatedCaseId: escalatedCaseId(),
  version: householdLeads.version,
};

/** One page of leads in scope; `overdueBefore` keeps in-progress leads raised before that date. */
export async function findLeads(db: Db, user: TUser, q: TLeadListQuery, o: { areaPrefix: string | null; overdueBefore: string }) {
  const conds: SQL[] = [inScope(user), eq(householdLeads.kind, q.kind)];
  if (o.areaPrefix) conds.push(between(householdLeads.areaCode, ...areaRange(o.areaPrefix)));
  if (q.status?.length) conds.push(inArray(householdLeads.status, q.status));
  if (q.channel?.length) conds.push(inArray(householdLeads.channel, q.channel));
  if (q.householdId) conds.push(eq(householdLeads.householdId, q.householdId));
  if (q.hasOpenLead) {
    const open = sql`exists (select 1 from ${householdLeads} o where o.household_id = ${householdLeads.householdId} and o.status = 'in_progress')`;
    conds.push(q.hasOpenLead === 'true' ? open : sql`(${householdLeads.householdId} is not null and not ${open})`);
  }
  if (q.overdue === 'true') conds.push(eq(householdLeads.status, 'in_progress'), sql`${householdLeads.raisedOn} < ${o.overdueBefore}`);
  if (q.overdue === 'false') conds.push(sql`not (${householdLeads.status} = 'in_progress' and ${householdLeads.raisedOn} < ${o.overdueBefore})`);
  const where = and(...conds)!;
  const [items, count] = await Promise.all([
    db
      .select(rowColumns)
      .from(householdLeads)
      .innerJoin(areas, eq(areas.id, householdLeads.areaId))
      .leftJoin(households, eq(households.id, householdLeads.householdId))
      .where(where)
      .orderBy(desc(householdLeads.raisedAt), desc(householdLeads.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(householdLeads).where(where),
  ]);
  return { items, total: count[0]?.n ?? 0 };
}
/** A lead as the repository returns it. */
export type TLeadRecord = Awaited<ReturnType<typeof findLeads>>['items'][number];

/** One lead in scope; null when absent or out of scope. */
export async function findLeadById(db: Db, user: TUser, id: number): Promise<TLeadRecord | null> {
  const [row] = await db
    .select(rowColumns)
    .from(householdLeads)
    .innerJoin(areas, eq(areas.id, householdLeads.areaId))
    .leftJoin(households, eq(households.id, householdLeads.householdId))
    .where(and(eq(householdLeads.id, id), inScope(user)))
    .limit(1);
  return row ?? null;
}

/** A lead's history, oldest first. */
export async function findLeadEvents(db: Db, leadId: number) {
  return db
    .select({
      id: householdLeadEvents.id,
      at: householdLeadEvents.at,
      actorName: users.displayName,
      action: householdLeadEvents.action,
      step: householdLeadEvents.step,
      fromStatus: householdLeadEvents.fromStatus,
      toStatus: householdLeadEvents.toStatus,
      note: householdLeadEvents.note,
    })
    .from(householdLeadEvents)
    .leftJoin(users, eq(users.id, householdLeadEvents.actorId))
    .where(eq(householdLeadEvents.leadId, leadId))
    .orderBy(asc(householdLeadEvents.id));
}

/** Applies a patch if the lead still has `version`; false when someone changed it first. */
export async function updateLeadVersioned(db: Db, id: number, version: number, patch: Partial<TNewLead>): Promise<boolean> {
  const r = await db
    .update(householdLeads)
    .set({ ...patch, version: sql`${householdLeads.version} + 1`, updatedAt: new Date() })
    .where(and(eq(householdLeads.id, id), eq(householdLeads.version, version)))
    .returning({ id: householdLeads.id });
  return r.length === 1;
}

/** In-progress leads raised before `before` (overdue) and not escalated yet (no case of theirs), in any area. */
export async function findOverdueUnescalated(db: Db, before: string) {
  return db
    .select({ id: householdLeads.id, code: householdLeads.code, kind: householdLeads.kind, areaId: householdLeads.areaId, raisedOn: householdLeads.raisedOn, personName: householdLeads.personName, householdCode: households.code, reason: householdLeads.reason })
    .from(householdLeads)
    .leftJoin(households, eq(households.id, householdLeads.householdId))
    .where(and(eq(householdLeads.status, 'in_progress'), sql`${householdLeads.raisedOn} < ${before}`, sql`not exists (select 1 from ${caseView} where ${caseView.originType} = 'household_lead' and ${caseView.originId} = ${householdLeads.id})`))
    .orderBy(asc(householdLeads.id));
}

/** A lead's status, by id (no scope: the case port reports on a lead it was raised for). */
export async function findLeadStatus(db: Db, id: number) {
  const [row] = await db.select({ status: householdLeads.status }).from(householdLeads).where(eq(householdLeads.id, id)).limit(1);
  return row ?? null;
}

/** Whether a household has a procedure of this kind in progress. */
export async function hasOpenLead(db: Db, householdId: number, kind: string): Promise<boolean> {
  const r = await db
    .select({ id: householdLeads.id })
    .from(householdLeads)
    .where(and(eq(householdLeads.householdId, householdId), eq(householdLeads.kind, kind), eq(householdLeads.status, 'in_progress')))
    .limit(1);
  return r.length > 0;
}

/** Households (ids) with an identification lead in progress, among the given ones. */
export async function findHouseholdsWithOpenLeads(db: Db, householdIds: number[]): Promise<Set<number>> {
  if (!householdIds.length) return new Set();
  const r = await db
    .select({ id: householdLeads.householdId })
    .from(householdLeads)
    .where(and(inArray(householdLeads.householdId, householdIds), eq(householdLeads.kind, 'identification'), eq(householdLeads.status, 'in_progress')));
  return new Set(r.map((x) => x.id!));
}

/** Self-reports since `since` from an IP address and from a phone number (throttling). */
export async function countRecentSelfReports(db: Db, o: { ip: string; ipSince: Date; phone: string; phoneSince: Date }) {
  const [r] = await db
    .select({
      byIp: sql<number>`count(*) filter (where ${householdLeads.reporterIp} = ${o.ip} and ${householdLeads.createdAt} >= ${o.ipSince.toISOString()}::timestamptz)::int`,
      byPhone: sql<number>`count(*) filter (where ${householdLeads.phone} = ${o.phone} and ${householdLeads.createdAt} >= ${o.phoneSince.toISOString()}::timestamptz)::int`,
    })
    .from(householdLeads)
    .where(and(eq(householdLeads.channel, 'self_report'), gte(householdLeads.createdAt, o.ipSince < o.phoneSince ? o.ipSince : o.phoneSince)));
  return { byIp: r?.byIp ?? 0, byPhone: r?.byPhone ?? 0 };
}

/** The villages of the zone for the public picker. */
export async function findPublicVillages(db: Db) {
  return db.execute(sql`
    select v.id, v.name, coalesce(t.name, '') as "townshipName"
    from ${areas} v left join ${areas} t on t.id = v.parent_id
    where v.level = 'village' and v.is_active
    order by v.code`);
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';

/** The household holding an active member with this ID number, if any. */
export async function findHouseholdByMemberIdNumber(db: Db, idNumber: string) {
  const [r] = await db
    .select({ householdId: households.id, areaId: households.areaId, areaCode: households.areaCode, type: households.type, name: householdMembers.name })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(and(eq(householdMembers.idNumber, idNumber), eq(householdMembers.isActive, true)))
    .limit(1);
  return r ?? null;
}

/** Households by the ID numbers of their active members (department screening). */
export async function findHouseholdsByIdNumbers(db: Db, idNumbers: string[]) {
  if (!idNumbers.length) return [];
  return db
    .select({ idNumber: householdMembers.idNumber, name: householdMembers.name, householdId: households.id, areaId: households.areaId, areaCode: households.areaCode, type: households.type })
    .from(householdMembers)
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .where(and(inArray(householdMembers.idNumber, idNumbers), eq(householdMembers.isActive, true)));
}

/** A household's monitoring facts, in scope. */
export async function findHouseholdForProcedure(db: Db, user: TUser, id: number) {
  const [h] = await db
    .select({ id: households.id, code: households.code, areaId: households.areaId, areaCode: households.areaCode, type: households.type, identifiedAt: households.identifiedAt, riskEliminatedAt: households.riskEliminatedAt, riskTypes: households.riskTypes, version: households.version })
    .from(households)
    .where(and(eq(households.id, id), scopeCondition(user, { areaCode: households.areaCode }), eq(households.isActive, true)))
    .limit(1);
  return h ?? null;
}

/** Makes a household monitored (纳入监测). */
export async function setMonitored(db: Db, id: number, o: { category: string; identifiedAt: string; riskTypes?: string[] }) {
  await db
    .update(households)
    .set({
      type: 'monitored',
      monitoringCategory: o.category,
      identifiedAt: o.identifiedAt,
      riskEliminatedAt: null,
      ...(o.riskTypes ? { riskTypes: o.riskTypes } : {}),
      version: sql`${households.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(households.id, id));
}

/** Records 风险消除 on a household. */
export async function setRiskEliminated(db: Db, id: number, on: string) {
  await db.update(households).set({ riskEliminatedAt: on, version: sql`${households.version} + 1`, updatedAt: new Date() }).where(eq(households.id, id));
}

/** A settings value by key, or null. */
export async function findSetting(db: Db, key: string) {
  const [r] = await db.select().from(householdWorkSettings).where(eq(householdWorkSettings.key, key)).limit(1);
  return r ?? null;
}

/** Writes a settings value. */
export async function upsertSetting(db: Db, key: string, value: unknown, userId: number | null) {
  await db
    .insert(householdWorkSettings)
    .values({ key, value, updatedById: userId })
    .onConflictDoUpdate({ target: householdWorkSettings.key, set: { value, updatedById: userId, updatedAt: new Date() } });
}

/** Households (ids) among the given that are monitored with the risk not eliminated. */
export async function findMonitoredHouseholds(db: Db, householdIds: number[]): Promise<number[]> {
  if (!householdIds.length) return [];
  const r = await db
    .select({ id: households.id })
    .from(households)
    .where(and(inArray(households.id, householdIds), eq(households.type, 'monitored'), isNull(households.riskEliminatedAt)));
  return r.map((x) => x.id);
}

