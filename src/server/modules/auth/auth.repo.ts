/** Queries for users' credentials, sessions and login throttling. */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { areas, loginThrottle, sessions, units, users } from '../../db/schema/core.js';
import { evictSessions } from './session-cache.js';

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  areaId: users.areaId,
  areaName: areas.name,
  areaCode: areas.code,
  areaPrefix: areas.prefix,
  isActive: users.isActive,
  mustChangePassword: users.mustChangePassword,
};

/** A user with the names of their unit and area, by username. */
export async function findUserByUsername(db: Db, username: string) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.username, username))
    .limit(1);
  return row ?? null;
}

/** A live session and its user, by session id hash. */
export async function findSession(db: Db, sessionId: string) {
  const [row] = await db
    .select({
      ...userColumns,
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(areas, eq(areas.id, users.areaId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row ?? null;
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: number; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db.insert(sessions).values(s);
}

export async function touchSession(db: Db, id: string, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: new Date(), expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string) {
  evictSessions({ id });
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a user (password change, disable), optionally keeping one. */
export async function deleteUserSessions(db: Db, userId: number, keepId?: string) {
  evictSessions({ userId, keepId });
  await db
    .delete(sessions)
    .where(keepId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepId}`) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

export async function getThrottle(db: Db, key: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  return row ?? null;
}

/** Records one failure for a key in the current window; locks the key when the limit is reached. */
export async function recordFailure(db: Db, key: string, windowMs: number, limit: number, lockMs: number) {
  const now = new Date();
  const floor = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const lockUntil = sql`${new Date(now.getTime() + lockMs).toISOString()}::timestamptz`;
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.windowStart} < ${floor} then 1 else ${loginThrottle.failures} + 1 end`,
        windowStart: sql`case when ${loginThrottle.windowStart} < ${floor} then ${nowSql} else ${loginThrottle.windowStart} end`,
        lockedUntil: sql`case when (case when ${loginThrottle.windowStart} < ${floor} then 1 else ${loginThrottle.failures} + 1 end) >= ${limit} then ${lockUntil} else ${loginThrottle.lockedUntil} end`,
      },
    });
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

export async function updatePassword(db: Db, userId: number, passwordHash: string) {
  await db
    .update(users)
    .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() })
    .where(eq(users.id, userId));
}
