/** Every query of the admin pages and the pickers' lookups: areas, units, users. */
import { and, asc, between, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { TUnitType } from '../../../shared/domain/units.js';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { areas, units, users } from '../../db/schema/core.js';
import { containsPattern } from '../../db/like.js';

export type TAreaRow = typeof areas.$inferSelect;
export type TUnitRecord = typeof units.$inferSelect;


/** True when a database error is a unique-constraint violation (a race past the duplicate check). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return true;
  }
  return false;
}

// ---------------------------------------------------------------- areas

/** The whole area tree, flat, ordered by code (a parent comes before its children). */
export async function findAllAreas(db: Db) {
  return db.select().from(areas).orderBy(asc(areas.code));
}

/** Areas in the subtree of `prefix`, ordered by code; only active ones unless asked. */
export async function findAreasUnder(db: Db, prefix: string, activeOnly = true) {
  const [low, high] = areaRange(prefix);
  return db
    .select()
    .from(areas)
    .where(and(between(areas.code, low, high), activeOnly ? eq(areas.isActive, true) : undefined))
    .orderBy(asc(areas.code));
}

export async function findAreaById(db: Db, id: number) {
  const [row] = await db.select().from(areas).where(eq(areas.id, id)).limit(1);
  return row ?? null;
}

export async function findAreaByCode(db: Db, code: string) {
  const [row] = await db.select().from(areas).where(eq(areas.code, code)).limit(1);
  return row ?? null;
}

export async function insertArea(db: Db, values: typeof areas.$inferInsert) {
  const [row] = await db.insert(areas).values(values).returning();
  return row;
}

export async function updateArea(db: Db, id: number, patch: Partial<Pick<TAreaRow, 'name' | 'isActive'>>) {
  const [row] = await db.update(areas).set(patch).where(eq(areas.id, id)).returning();
  return row ?? null;
}

// ---------------------------------------------------------------- units

const unitColumns = {
  id: units.id,
  name: units.name,
  type: units.type,
  areaId: units.areaId,
  areaName: areas.name,
  contact: units.contact,
  phone: units.phone,
  isActive: units.isActive,
};

export interface TUnitFilter {
  type?: TUnitType;
  areaId?: number;
  q?: string;
  includeInactive?: boolean;
}

/** Units with their area's name, ordered by type then name. */
export async function findUnits(db: Db, f: TUnitFilter) {
  const conds: (SQL | undefined)[] = [
    f.type ? eq(units.type, f.type) : undefined,
    f.areaId ? eq(units.areaId, f.areaId) : undefined,
    f.q ? ilike(units.name, containsPattern(f.q)) : undefined,
    f.includeInactive ? undefined : eq(units.isActive, true),
  ];
  return db
    .select(unitColumns)
    .from(units)
    .innerJoin(areas, eq(areas.id, units.areaId))
    .where(and(...conds))
    .orderBy(asc(units.type), asc(units.name));
}

/** One unit with its area's name. */
export async function findUnitById(db: Db, id: number) {
  const [row] = await db.select(unitColumns).from(units).innerJoin(areas, eq(areas.id, units.areaId)).where(eq(units.id, id)).limit(1);
  return row ?? null;
}

/** Whether another unit already has this name. */
export async function isUnitNameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.name, name), exceptId ? sql`${units.id} <> ${exceptId}` : undefined))
    .limit(1);
  return !!row;
}

export async function insertUnit(db: Db, values: typeof units.$inferInsert) {
  const [row] = await db.insert(units).values(values).returning({ id: units.id });
  return row.id;
}

export async function updateUnit(db: Db, id: number, patch: Partial<typeof units.$inferInsert>) {
  await db.update(units).set(patch).where(eq(units.id, id));
}

/** The area prefix of a unit's area (scope of unit-scoped roles in pickers). */
export async function findUnitAreaPrefix(db: Db, unitId: number): Promise<string | null> {
  const [row] = await db
    .select({ prefix: areas.prefix })
    .from(units)
    .innerJoin(areas, eq(areas.id, units.areaId))
    .where(eq(units.id, unitId))
    .limit(1);
  return row?.prefix ?? null;
}

// ---------------------------------------------------------------- users

/** User columns safe to show: never the password hash. */
const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  areaId: users.areaId,
  areaName: areas.name,
  phone: users.phone,
  isActive: users.isActive,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

export interface TUserFilter {
  q?: string;
  role?: string;
  /** Only users whose area lies under this code prefix. */
  areaPrefix?: string;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

/** One page of users (without password hashes) and the total. */
export async function findUsers(db: Db, f: TUserFilter) {
  const where = and(
    f.q ? or(ilike(users.username, containsPattern(f.q)), ilike(users.displayName, containsPattern(f.q))) : undefined,
    f.role ? eq(users.role, f.role) : undefined,
    f.areaPrefix ? between(areas.code, ...areaRange(f.areaPrefix)) : undefined,
    f.includeInactive ? undefined : eq(users.isActive, true),
  );
  const [items, [{ total }]] = await Promise.all([
    db
      .select(userColumns)
      .from(users)
      .innerJoin(areas, eq(areas.id, users.areaId))
      .leftJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(users).innerJoin(areas, eq(areas.id, users.areaId)).where(where),
  ]);
  return { items, total };
}

/** One user (without password hash) with unit and area names. */
export async function findUserById(db: Db, id: number) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}
export type TUserRecord = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function isUsernameTaken(db: Db, username: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
  return !!row;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<number> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row.id;
}

export async function updateUser(db: Db, id: number, patch: Partial<Omit<typeof users.$inferInsert, 'passwordHash'>>) {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/** Sets a new password that the user must change at next sign-in. */
export async function setTemporaryPassword(db: Db, id: number, passwordHash: string) {
  await db.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date() }).where(eq(users.id, id));
}
