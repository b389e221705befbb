/** Every query of the supervision case: scoped lists, one case, events, versioned updates. */
import { aliasedTable, and, asc, between, desc, eq, gte, ilike, inArray, like as likeOp, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TCaseListQuery } from '../../../shared/contracts/cases.js';
import { areaRange } from '../../../shared/domain/areas.js';
import { OPEN_STATUSES, type TCaseStatus } from '../../../shared/domain/case-machine.js';
import { isSupervisor } from '../../../shared/domain/roles.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { caseEvents, cases } from '../../db/schema/cases.js';
import { areas, units, users } from '../../db/schema/core.js';
import { scopeCondition } from '../../lib/scope.js';
import { zoneDayEnd, zoneDayStart } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { containsPattern } from '../../db/like.js';

/** Counting stops here: a list answers "10000+" rather than scanning a million rows. */
export const COUNT_CAP = 10_000;
/** A text search cannot use an index, so its count stops sooner ("1000+"). */
export const TEXT_COUNT_CAP = 1_000;

const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(','));
const unitWork: TCaseStatus[] = ['rectifying', 'returned'];

/** The cases this user must act on now (我的待办), as a condition. */
export function todoCondition(user: TUser): SQL {
  const parts: SQL[] = [];
  if (user.unitId != null) {
    parts.push(and(eq(cases.unitId, user.unitId), inArray(cases.status, unitWork))!);
  }
  if (isSupervisor(user.role)) {
    const review = and(
      inArray(cases.status, ['pending_assign', 'pending_verify', 'extension_requested']),
      user.unitId != null ? sql`${cases.unitId} is distinct from ${user.unitId}` : undefined,
    )!;
    parts.push(review);
  } else if (user.role === 'township_cadre') {
    parts.push(eq(cases.status, 'pending_assign'));
  } else if (user.role === 'discipline') {
    parts.push(and(sql`${cases.status} in (${openList})`, lt(cases.deadline, sql`now()`))!);
  }
  return parts.length ? or(...parts)! : sql`false`;
}

function listConditions(user: TUser, q: TCaseListQuery, areaPrefix: string | null): SQL {
  const conds: SQL[] = [scopeCondition(user, { areaCode: cases.areaCode, unitId: cases.unitId })];
  if (q.module?.length) conds.push(inArray(cases.module, q.module));
  if (q.status?.length) conds.push(inArray(cases.status, q.status));
  if (q.source?.length) conds.push(inArray(cases.source, q.source));
  if (areaPrefix) {
    const [low, high] = areaRange(areaPrefix);
    conds.push(between(cases.areaCode, low, high));
  }
  if (q.unitId) conds.push(eq(cases.unitId, q.unitId));
  if (q.overdue === 'true') conds.push(and(sql`${cases.status} in (${openList})`, lt(cases.deadline, sql`now()`))!);
  if (q.overdue === 'false') conds.push(sql`not (${cases.status} in (${openList}) and ${cases.deadline} < now())`);
  if (q.from) conds.push(gte(cases.foundAt, zoneDayStart(q.from)));
  if (q.to) conds.push(lte(cases.foundAt, zoneDayEnd(q.to)));
  if (q.dueFrom) conds.push(gte(cases.deadline, zoneDayStart(q.dueFrom)));
  if (q.dueTo) conds.push(lte(cases.deadline, zoneDayEnd(q.dueTo)));
  if (q.q) {
    const like = containsPattern(q.q);
    // Chinese has no letter case: plain LIKE matches the same rows as ILIKE, at a fraction of the cost.
    const match = q.q.toLowerCase() === q.q.toUpperCase() ? likeOp : ilike;
    conds.push(or(match(cases.title, like), match(cases.place, like), eq(cases.code, q.q))!);
  }
  if (q.mine === 'true') conds.push(todoCondition(user));
  return and(...conds)!;
}

const rowColumns = {
  id: cases.id,
  code: cases.code,
  title: cases.title,
  module: cases.module,
  category: cases.category,
  areaId: cases.areaId,
  areaName: areas.name,
  place: cases.place,
  source: cases.source,
  severity: cases.severity,
  unitId: cases.unitId,
  unitName: units.name,
  foundAt: cases.foundAt,
  deadline: cases.deadline,
  status: cases.status,
  outcome: cases.outcome,
  returnCount: cases.returnCount,
  extensionCount: cases.extensionCount,
  closedAt: cases.closedAt,
  updatedAt: cases.updatedAt,
  version: cases.version,
};

const SORT_COLUMNS = { foundAt: cases.foundAt, deadline: cases.deadline, updatedAt: cases.updatedAt, id: cases.id };

/** One page of cases in scope, and the count (capped at COUNT_CAP). */
export async function findCases(db: Db, user: TUser, q: TCaseListQuery, areaPrefix: string | null) {
  const where = listConditions(user, q, areaPrefix);
  const cap = q.q ? TEXT_COUNT_CAP : COUNT_CAP;
  const sortCol = SORT_COLUMNS[q.sort];
  const dir = q.order === 'asc' ? asc : desc;
  const [items, countRows] = await Promise.all([
    db
      .select(rowColumns)
      .from(cases)
      .innerJoin(areas, eq(areas.id, cases.areaId))
      .leftJoin(units, eq(units.id, cases.unitId))
      .where(where)
      .orderBy(q.sort === 'deadline' ? sql`${sortCol} ${sql.raw(q.order)} nulls last` : dir(sortCol), dir(cases.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.execute(sql`select count(*)::int as n from (select 1 from ${cases} where ${where} limit ${cap + 1}) t`),
  ]);
  const n = rowsOf<{ n: number }>(countRows)[0]?.n ?? 0;
  return { items, total: Math.min(n, cap), totalCapped: n > cap };
}

const foundBy = aliasedTable(users, 'found_by');

/** One case in scope, with names; null when absent or out of scope. */
export async function findCaseById(db: Db, user: TUser, id: number) {
  const [row] = await db
    .select({
      ...rowColumns,
      description: cases.description,
      lat: cases.lat,
      lng: cases.lng,
      areaCode: cases.areaCode,
      foundById: cases.foundById,
      foundByName: foundBy.displayName,
      requestedDeadline: cases.requestedDeadline,
      lastSubmitterId: cases.lastSubmitterId,
      assignedAt: cases.assignedAt,
      submittedAt: cases.submittedAt,
      createdAt: cases.createdAt,
      originType: cases.originType,
      originId: cases.originId,
    })
    .from(cases)
    .innerJoin(areas, eq(areas.id, cases.areaId))
    .leftJoin(units, eq(units.id, cases.unitId))
    .leftJoin(foundBy, eq(foundBy.id, cases.foundById))
    .where(and(eq(cases.id, id), scopeCondition(user, { areaCode: cases.areaCode, unitId: cases.unitId })))
    .limit(1);
  return row ?? null;
}
export type TCaseRecord = NonNullable<Awaited<ReturnType<typeof findCaseById>>>;

/**
 * The facts of a case that a citizen's page acts on, found by id without a user's scope (the
 * citizen holds the tracking code of a report that follows the case).
 */
export async function findCaseForCitizen(db: Db, id: number) {
  const [row] = await db
    .select({
      id: cases.id,
      code: cases.code,
      status: cases.status,
      closedAt: cases.closedAt,
      deadline: cases.deadline,
      version: cases.version,
      originType: cases.originType,
      originId: cases.originId,
    })
    .from(cases)
    .where(eq(cases.id, id))
    .limit(1);
  return row ?? null;
}

/** The cases among `ids` that lie in scope (bulk actions resolve permissions in one query). */
export async function findCasesByIds(db: Db, user: TUser, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: cases.id })
    .from(cases)
    .where(and(inArray(cases.id, ids), scopeCondition(user, { areaCode: cases.areaCode, unitId: cases.unitId })));
}

/** The event log of a case, oldest first, with actor names. */
export async function findEvents(db: Db, caseId: number) {
  return db
    .select({
      id: caseEvents.id,
      at: caseEvents.at,
      actorId: caseEvents.actorId,
      actorKind: caseEvents.actorKind,
      actorRef: caseEvents.actorRef,
      actorName: users.displayName,
      action: caseEvents.action,
      fromStatus: caseEvents.fromStatus,
      toStatus: caseEvents.toStatus,
      note: caseEvents.note,
      data: caseEvents.data,
      attachmentIds: caseEvents.attachmentIds,
    })
    .from(caseEvents)
    .leftJoin(users, eq(users.id, caseEvents.actorId))
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

/** Reserves the next case id, so the readable code can be written with the row. */
export async function nextCaseId(db: Db): Promise<number> {
  const r = await db.execute(sql`select nextval(pg_get_serial_sequence('cases', 'id'))::int as id`);
  return rowsOf<{ id: number }>(r)[0].id;
}

export type TNewCase = typeof cases.$inferInsert;
export type TCasePatch = Partial<typeof cases.$inferInsert>;

/** Inserts a case; false when its origin already raised one (the origin's unique key). */
export async function insertCase(db: Db, values: TNewCase): Promise<boolean> {
  const rows = await db
    .insert(cases)
    .values(values)
    .onConflictDoNothing({ target: [cases.originType, cases.originId] })
    .returning({ id: cases.id });
  return rows.length === 1;
}

/**
 * Applies a patch only if the case still has `version`; bumps the version.
 * Returns false when another change got there first (the caller answers 409).
 */
export async function updateCaseVersioned(db: Db, id: number, version: number, patch: TCasePatch): Promise<boolean> {
  const updated = await db
    .update(cases)
    .set({ ...patch, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(and(eq(cases.id, id), eq(cases.version, version)))
    .returning({ id: cases.id });
  return updated.length === 1;
}

export async function insertEvent(db: Db, values: typeof caseEvents.$inferInsert) {
  await db.insert(caseEvents).values(values);
}

/** Whether a unit exists and is active; returns its area code. */
export async function findActiveUnit(db: Db, unitId: number) {
  const [u] = await db
    .select({ id: units.id, name: units.name, areaCode: units.areaCode })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.isActive, true)))
    .limit(1);
  return u ?? null;
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';
