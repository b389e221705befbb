/** Queries of 创文's reference data: the working-day calendar, categories, places, settings, case links. */
import { aliasedTable, and, asc, between, eq, gte, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { TPlaceListQuery } from '../../../shared/contracts/chuangwen.js';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { cwCasePlaces, cwCategories, cwPlaces, cwSettings } from '../../db/schema/chuangwen.js';
import { areas, calendarDays, units } from '../../db/schema/core.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import { containsPattern } from '../../db/like.js';

// ── calendar ────────────────────────────────────────────────────────────────────────────

/** Calendar overrides with day in [from, to] (zone dates, inclusive), by date. */
export async function findCalendarDays(db: Db, from: string, to: string) {
  return db
    .select({ day: calendarDays.day, isWorkday: calendarDays.isWorkday, note: calendarDays.note })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, from), lte(calendarDays.day, to)))
    .orderBy(asc(calendarDays.day));
}

/** Replaces every override of a year with `days`, in one transaction. */
export async function replaceCalendarYear(db: Db, year: number, days: { day: string; isWorkday: boolean; note: string | null }[]) {
  await db.transaction(async (tx) => {
    await tx.delete(calendarDays).where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`));
    if (days.length) await tx.insert(calendarDays).values(days);
  });
}

// ── categories ──────────────────────────────────────────────────────────────────────────

const categoryColumns = {
  id: cwCategories.id,
  code: cwCategories.code,
  name: cwCategories.name,
  kind: cwCategories.kind,
  groupName: cwCategories.groupName,
  defaultUnitType: cwCategories.defaultUnitType,
  defaultUnitId: cwCategories.defaultUnitId,
  defaultUnitName: units.name,
  deadlineValue: cwCategories.deadlineValue,
  deadlineUnit: cwCategories.deadlineUnit,
  urgency: cwCategories.urgency,
  sortOrder: cwCategories.sortOrder,
  isActive: cwCategories.isActive,
};

/** Every category (active only unless asked), in code order. Categories are zone-wide reference data. */
export async function findCategories(db: Db, includeInactive: boolean) {
  return db
    .select(categoryColumns)
    .from(cwCategories)
    .leftJoin(units, eq(units.id, cwCategories.defaultUnitId))
    .where(includeInactive ? undefined : eq(cwCategories.isActive, true))
    .orderBy(asc(cwCategories.sortOrder), asc(cwCategories.code));
}
export type TCategoryRecord = Awaited<ReturnType<typeof findCategories>>[number];

/** One category by code, or null. */
export async function findCategoryByCode(db: Db, code: string) {
  const [row] = await db
    .select(categoryColumns)
    .from(cwCategories)
    .leftJoin(units, eq(units.id, cwCategories.defaultUnitId))
    .where(eq(cwCategories.code, code))
    .limit(1);
  return row ?? null;
}

/** Inserts a category; returns false when the code is taken. */
export async function insertCategory(db: Db, values: typeof cwCategories.$inferInsert): Promise<boolean> {
  const rows = await db.insert(cwCategories).values(values).onConflictDoNothing().returning({ id: cwCategories.id });
  return rows.length === 1;
}

/** Updates a category by code; returns false when absent. */
export async function updateCategory(db: Db, code: string, patch: Partial<typeof cwCategories.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(cwCategories)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cwCategories.code, code))
    .returning({ id: cwCategories.id });
  return rows.length === 1;
}

// ── places ──────────────────────────────────────────────────────────────────────────────

const community = aliasedTable(units, 'community_unit');
const property = aliasedTable(units, 'property_unit');
const department = aliasedTable(units, 'department_unit');

/**
 * Places in the user's scope: inside their area's subtree, or — for unit staff — places their
 * unit answers for in any of its three roles (社区, 物业, 职能部门).
 */
export function placeScope(user: TUser): SQL {
  return or(
    scopeCondition(user, { areaCode: cwPlaces.areaCode, unitId: cwPlaces.communityUnitId }),
    scopeCondition(user, { areaCode: cwPlaces.areaCode, unitId: cwPlaces.propertyUnitId }),
    scopeCondition(user, { areaCode: cwPlaces.areaCode, unitId: cwPlaces.departmentUnitId }),
  )!;
}

const placeColumns = {
  id: cwPlaces.id,
  name: cwPlaces.name,
  kind: cwPlaces.kind,
  areaId: cwPlaces.areaId,
  areaCode: cwPlaces.areaCode,
  areaName: areas.name,
  address: cwPlaces.address,
  lat: cwPlaces.lat,
  lng: cwPlaces.lng,
  communityUnitId: cwPlaces.communityUnitId,
  communityUnitName: community.name,
  propertyUnitId: cwPlaces.propertyUnitId,
  propertyUnitName: property.name,
  departmentUnitId: cwPlaces.departmentUnitId,
  departmentUnitName: department.name,
  isActive: cwPlaces.isActive,
  updatedAt: cwPlaces.updatedAt,
};

function placeQuery(db: Db) {
  return db
    .select(placeColumns)
    .from(cwPlaces)
    .innerJoin(areas, eq(areas.id, cwPlaces.areaId))
    .leftJoin(community, eq(community.id, cwPlaces.communityUnitId))
    .leftJoin(property, eq(property.id, cwPlaces.propertyUnitId))
    .leftJoin(department, eq(department.id, cwPlaces.departmentUnitId));
}

/** One page of places in scope, filtered, ordered by area code then name; and the total. */
export async function findPlaces(db: Db, user: TUser, q: TPlaceListQuery, areaPrefix: string | null) {
  const conds: SQL[] = [placeScope(user)];
  if (q.includeInactive !== 'true') conds.push(eq(cwPlaces.isActive, true));
  if (q.kind) conds.push(eq(cwPlaces.kind, q.kind));
  if (areaPrefix) {
    const [low, high] = areaRange(areaPrefix);
    conds.push(between(cwPlaces.areaCode, low, high));
  }
  if (q.q) {
    const like = containsPattern(q.q);
    conds.push(or(ilike(cwPlaces.name, like), ilike(cwPlaces.address, like))!);
  }
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    placeQuery(db)
      .where(where)
      .orderBy(asc(cwPlaces.areaCode), asc(cwPlaces.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(cwPlaces).where(where),
  ]);
  return { items, total: n };
}
export type TPlaceRecord = Awaited<ReturnType<typeof findPlaces>>['items'][number];

/** One place in scope, or null (absent or outside scope alike). */
export async function findPlaceById(db: Db, user: TUser, id: number) {
  const [row] = await placeQuery(db)
    .where(and(eq(cwPlaces.id, id), placeScope(user)))
    .limit(1);
  return row ?? null;
}

/** Inserts a place; returns its id, or null when the area already has a place of that name. */
export async function insertPlace(db: Db, values: typeof cwPlaces.$inferInsert): Promise<number | null> {
  const rows = await db.insert(cwPlaces).values(values).onConflictDoNothing().returning({ id: cwPlaces.id });
  return rows[0]?.id ?? null;
}

/** Updates a place by id (scope is checked by the caller's load). */
export async function updatePlace(db: Db, id: number, patch: Partial<typeof cwPlaces.$inferInsert>) {
  await db
    .update(cwPlaces)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(cwPlaces.id, id));
}

/** The active units among `ids`, with their types. */
export async function findActiveUnits(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: units.id, name: units.name, type: units.type })
    .from(units)
    .where(and(inArray(units.id, ids), eq(units.isActive, true)));
}

/** The township office (乡镇/办事处) over an area code, or null. */
export async function findTownshipUnit(db: Db, areaCode: string) {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.type, 'township_office'), eq(units.areaCode, `${areaCode.slice(0, 9)}000`), eq(units.isActive, true)))
    .limit(1);
  return row?.id ?? null;
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';

// ── settings and case links ─────────────────────────────────────────────────────────────

/** A module setting's JSON value, or null when never set. */
export async function findSetting(db: Db, key: string): Promise<unknown> {
  const [row] = await db.select({ value: cwSettings.value }).from(cwSettings).where(eq(cwSettings.key, key)).limit(1);
  return row?.value ?? null;
}

/** Writes a module setting. */
export async function upsertSetting(db: Db, key: string, value: unknown, userId: number | null) {
  await db
    .insert(cwSettings)
    .values({ key, value, updatedById: userId })
    .onConflictDoUpdate({ target: cwSettings.key, set: { value, updatedById: userId, updatedAt: new Date() } });
}

/** An active category whose name is exactly `name`, or null. */
export async function findActiveCategoryByName(db: Db, name: string) {
  const [row] = await db
    .select({ code: cwCategories.code })
    .from(cwCategories)
    .where(and(eq(cwCategories.name, name), eq(cwCategories.isActive, true)))
    .orderBy(asc(cwCategories.sortOrder), asc(cwCategories.code))
    .limit(1);
  return row?.code ?? null;
}

/** Records which place and category a case concerns. */
export async function insertCaseLink(db: Db, values: typeof cwCasePlaces.$inferInsert) {
  await db.insert(cwCasePlaces).values(values).onConflictDoNothing();
}
