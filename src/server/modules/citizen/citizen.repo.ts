/**
 * Queries of citizens' reports, Open311 keys and public throttling. Moderation reads are
 * scoped by area in the query; public reads go by tracking code (a secret) or by report id
 * (Open311, which shows moderated content only).
 */
import { and, asc, between, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { TReportListQuery } from '../../../shared/contracts/citizen.js';
import { areaRange } from '../../../shared/domain/areas.js';
import { OPEN_STATUSES } from '../../../shared/domain/case-machine.js';
import type { Db } from '../../db/client.js';
import { caseView } from '../../db/schema/case-view.js';
import { attachments } from '../../db/schema/attachments.js';
import { cwCategories } from '../../db/schema/chuangwen.js';
import { citizenApiKeys, citizenReports, publicThrottle } from '../../db/schema/citizen.js';
import { areas, units } from '../../db/schema/core.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

// ── throttling ──────────────────────────────────────────────────────────────────────────

/**
 * Counts one hit for `key` in a fixed window of `windowMs` and returns the hits in the window,
 * this one included. One atomic upsert, so concurrent requests are all counted.
 */
export async function hitThrottle(db: Db, key: string, windowMs: number): Promise<number> {
  const now = new Date();
  const floor = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(publicThrottle)
    .values({ key, hits: 1, windowStart: now })
    .onConflictDoUpdate({
      target: publicThrottle.key,
      set: {
        hits: sql`case when ${publicThrottle.windowStart} < ${floor} then 1 else ${publicThrottle.hits} + 1 end`,
        windowStart: sql`case when ${publicThrottle.windowStart} < ${floor} then ${nowSql} else ${publicThrottle.windowStart} end`,
      },
    })
    .returning({ hits: publicThrottle.hits });
  return row.hits;
}

// ── reference data for the public form ──────────────────────────────────────────────────

/** Active village-level areas (行政村 / 社区) with their township's name, for the public form. */
export async function findPublicAreas(db: Db) {
  const town = sql`(select t.name from ${areas} t where t.id = ${areas.parentId})`;
  return db
    .select({ id: areas.id, name: areas.name, townshipName: sql<string>`coalesce(${town}, '')` })
    .from(areas)
    .where(and(eq(areas.level, 'village'), eq(areas.isActive, true)))
    .orderBy(asc(areas.code));
}

/** One active village-level area by id. */
export async function findVillageArea(db: Db, id: number) {
  const [row] = await db
    .select({ id: areas.id, code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.id, id), eq(areas.level, 'village'), eq(areas.isActive, true)))
    .limit(1);
  return row ?? null;
}

/** An active category's name by code. */
export async function findActiveCategory(db: Db, code: string) {
  const [row] = await db
    .select({ code: cwCategories.code, name: cwCategories.name })
    .from(cwCategories)
    .where(and(eq(cwCategories.code, code), eq(cwCategories.isActive, true)))
    .limit(1);
  return row ?? null;
}

// ── photos ──────────────────────────────────────────────────────────────────────────────

/** A public upload (no uploader) not yet linked to anything: the only photo a new report may claim. */
export async function findClaimablePublicPhoto(db: Db, id: string) {
  const [row] = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.id, id), isNull(attachments.uploadedById), isNull(attachments.ownerType), sql`${attachments.publicKey} is not null`))
    .limit(1);
  return row ?? null;
}

/** Whether the file is a report's own photo (a report names it). */
export async function isReportPhoto(db: Db, attachmentId: string): Promise<boolean> {
  const [row] = await db.select({ id: citizenReports.id }).from(citizenReports).where(eq(citizenReports.photoId, attachmentId)).limit(1);
  return row !== undefined;
}

/** Whether some report follows the case (accepted into it, or merged with it). */
export async function isCaseFollowed(db: Db, caseId: number): Promise<boolean> {
  const [row] = await db.select({ id: citizenReports.id }).from(citizenReports).where(eq(citizenReports.caseId, caseId)).limit(1);
  return row !== undefined;
}

// ── reports ─────────────────────────────────────────────────────────────────────────────

/** Whether a tracking code is taken. */
export async function isTrackingCodeTaken(db: Db, code: string): Promise<boolean> {
  const [row] = await db.select({ id: citizenReports.id }).from(citizenReports).where(eq(citizenReports.trackingCode, code)).limit(1);
  return row !== undefined;
}

/** Inserts a report and links its photo to it, in the caller's transaction. */
export async function insertReport(db: Db, values: typeof citizenReports.$inferInsert): Promise<number> {
  const [row] = await db.insert(citizenReports).values(values).returning({ id: citizenReports.id });
  if (values.photoId) {
    await db.update(attachments).set({ ownerType: 'citizen_report', ownerId: String(row.id) }).where(eq(attachments.id, values.photoId));
  }
  return row.id;
}

const reportColumns = {
  id: citizenReports.id,
  trackingCode: citizenReports.trackingCode,
  categoryCode: citizenReports.categoryCode,
  categoryName: sql<string>`coalesce(${cwCategories.name}, ${citizenReports.categoryCode})`,
  description: citizenReports.description,
  areaId: citizenReports.areaId,
  areaCode: citizenReports.areaCode,
  areaName: areas.name,
  address: citizenReports.address,
  lat: citizenReports.lat,
  lng: citizenReports.lng,
  phone: citizenReports.phone,
  name: citizenReports.name,
  photoId: citizenReports.photoId,
  photoThumbKey: attachments.thumbKey,
  status: citizenReports.status,
  channel: citizenReports.channel,
  caseId: citizenReports.caseId,
  rejectReason: citizenReports.rejectReason,
  moderatedAt: citizenReports.moderatedAt,
  reopenCount: citizenReports.reopenCount,
  createdAt: citizenReports.createdAt,
  updatedAt: citizenReports.updatedAt,
  caseCode: caseView.code,
  caseStatus: caseView.status,
  caseOutcome: caseView.outcome,
  caseDeadline: caseView.deadline,
  caseClosedAt: caseView.closedAt,
  caseUpdatedAt: caseView.updatedAt,
  caseVersion: caseView.version,
  unitName: units.name,
};

function reportQuery(db: Db) {
  return db
    .select(reportColumns)
    .from(citizenReports)
    .innerJoin(areas, eq(areas.id, citizenReports.areaId))
    .leftJoin(cwCategories, eq(cwCategories.code, citizenReports.categoryCode))
    .leftJoin(attachments, eq(attachments.id, citizenReports.photoId))
    .leftJoin(caseView, eq(caseView.id, citizenReports.caseId))
    .leftJoin(units, eq(units.id, caseView.unitId));
}
/** A report with its category, area, photo and case facts. */
export type TReportRecord = Awaited<ReturnType<ReturnType<typeof reportQuery>['execute']>>[number];

/** A report by its tracking code (public; the code is the reporter's secret). */
export async function findReportByCode(db: Db, code: string): Promise<TReportRecord | null> {
  const [row] = await reportQuery(db).where(eq(citizenReports.trackingCode, code)).limit(1);
  return row ?? null;
}

/** A report by id inside the moderator's area, or null. */
/** The reports among `ids` in the user's area (attachment access). */
export async function findReportIdsInScope(db: Db, user: TUser, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: citizenReports.id })
    .from(citizenReports)
    .where(and(inArray(citizenReports.id, [...ids]), scopeCondition(user, { areaCode: citizenReports.areaCode })));
  return rows.map((r) => r.id);
}

export async function findReportInScope(db: Db, user: TUser, id: number): Promise<TReportRecord | null> {
  const [row] = await reportQuery(db)
    .where(and(eq(citizenReports.id, id), scopeCondition(user, { areaCode: citizenReports.areaCode })))
    .limit(1);
  return row ?? null;
}

/** One page of reports in the moderator's area, newest first (pending first when unfiltered). */
export async function findReports(db: Db, user: TUser, q: TReportListQuery, areaPrefix: string | null) {
  const conds: SQL[] = [scopeCondition(user, { areaCode: citizenReports.areaCode })];
  if (q.status) conds.push(eq(citizenReports.status, q.status));
  if (areaPrefix) conds.push(between(citizenReports.areaCode, ...areaRange(areaPrefix)));
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    reportQuery(db)
      .where(where)
      .orderBy(sql`(${citizenReports.status} = 'pending') desc`, desc(citizenReports.createdAt), desc(citizenReports.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(citizenReports).where(where),
  ]);
  return { items, total: n };
}

/** Moderates a pending report; false when it was no longer pending (someone else was first). */
export async function moderateReport(
  db: Db,
  id: number,
  patch: { status: 'accepted' | 'merged' | 'rejected'; caseId?: number | null; rejectReason?: string | null; moderatedById: number },
): Promise<boolean> {
  const rows = await db
    .update(citizenReports)
    .set({ ...patch, moderatedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(citizenReports.id, id), eq(citizenReports.status, 'pending')))
    .returning({ id: citizenReports.id });
  return rows.length === 1;
}

/** Counts one "not fixed" on every report following the case. */
export async function markReopened(db: Db, caseId: number) {
  await db
    .update(citizenReports)
    .set({ reopenCount: sql`${citizenReports.reopenCount} + 1`, updatedAt: new Date() })
    .where(eq(citizenReports.caseId, caseId));
}

/** The reopen rule of a category (for the new deadline after "not fixed"). */
export async function findCategoryRule(db: Db, code: string) {
  const [row] = await db
    .select({ value: cwCategories.deadlineValue, unit: cwCategories.deadlineUnit })
    .from(cwCategories)
    .where(eq(cwCategories.code, code))
    .limit(1);
  return row ?? null;
}

// ── Open311 reads ───────────────────────────────────────────────────────────────────────

/** Filters of GET /requests (already validated). */
export interface TOpen311Filter {
  ids?: number[];
  serviceCode?: string;
  start: Date;
  end: Date;
  status?: 'open' | 'closed';
  limit: number;
}

const OPEN_LIST = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(', '));

/** Reports for Open311: by ids (overriding the rest), or by code, period and open/closed. */
export async function findOpen311Requests(db: Db, f: TOpen311Filter): Promise<TReportRecord[]> {
  if (f.ids) {
    if (!f.ids.length) return [];
    return reportQuery(db).where(inArray(citizenReports.id, f.ids)).orderBy(desc(citizenReports.id)).limit(f.limit);
  }
  const conds: SQL[] = [gte(citizenReports.createdAt, f.start), lte(citizenReports.createdAt, f.end)];
  if (f.serviceCode) conds.push(eq(citizenReports.categoryCode, f.serviceCode));
  const isOpen = sql`(${citizenReports.status} = 'pending' or (${citizenReports.status} in ('accepted', 'merged') and ${caseView.status} in (${OPEN_LIST})))`;
  if (f.status === 'open') conds.push(isOpen);
  if (f.status === 'closed') conds.push(sql`not ${isOpen}`);
  return reportQuery(db)
    .where(and(...conds))
    .orderBy(desc(citizenReports.createdAt), desc(citizenReports.id))
    .limit(f.limit);
}

/** A report by id, for Open311. */
export async function findReportById(db: Db, id: number): Promise<TReportRecord | null> {
  const [row] = await reportQuery(db).where(eq(citizenReports.id, id)).limit(1);
  return row ?? null;
}

// ── API keys ────────────────────────────────────────────────────────────────────────────

/** Every issued key, newest first. */
export async function findApiKeys(db: Db) {
  return db.select().from(citizenApiKeys).orderBy(desc(citizenApiKeys.id));
}

/** Stores a new key's hash. */
export async function insertApiKey(db: Db, values: typeof citizenApiKeys.$inferInsert) {
  const [row] = await db.insert(citizenApiKeys).values(values).returning();
  return row;
}

/** Revokes a key; the row, or null when absent. */
export async function revokeApiKey(db: Db, id: number) {
  const [row] = await db
    .update(citizenApiKeys)
    .set({ revokedAt: sql`coalesce(${citizenApiKeys.revokedAt}, now())` })
    .where(eq(citizenApiKeys.id, id))
    .returning();
  return row ?? null;
}

/** A live (unrevoked) key by its hash. */
export async function findLiveApiKey(db: Db, keyHash: string) {
  const [row] = await db
    .select({ id: citizenApiKeys.id, name: citizenApiKeys.name })
    .from(citizenApiKeys)
    .where(and(eq(citizenApiKeys.keyHash, keyHash), isNull(citizenApiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
