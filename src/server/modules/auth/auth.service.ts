/**
 * Sign-in, sessions and passwords. Sessions live in the database so several app
 * instances can serve one user; the cookie holds a random token whose SHA-256 is the id.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { TRole } from '../../../shared/domain/roles.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../lib/password.js';
import type { TAppConfig, TSessionUser } from '../../lib/types.js';
import * as repo from './auth.repo.js';
import { cacheSession, getCachedSession } from './session-cache.js';

export const SESSION_COOKIE = 'zhili_sid';

/** Throttling: failures within the window before the key is locked. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perUser: 5,
  perIp: 30,
};

// A hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function assertNotLocked(db: Db, key: string) {
  const t = await repo.getThrottle(db, key);
  if (t?.lockedUntil && t.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.ceil((t.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('LOGIN_THROTTLED', `登录失败次数过多，请 ${minutes} 分钟后再试`);
  }
}

/** Checks credentials (throttled per user and per IP) and opens a session. Returns the cookie token. */
export async function login(
  db: Db,
  config: TAppConfig,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; user: TSessionUser }> {
  const userKey = `u:${input.username.toLowerCase()}`;
  const ipKey = `ip:${input.ip ?? 'unknown'}`;
  await assertNotLocked(db, userKey);
  await assertNotLocked(db, ipKey);
  const user = await repo.findUserByUsername(db, input.username);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.isActive) {
    await repo.recordFailure(db, userKey, THROTTLE.windowMs, THROTTLE.perUser, THROTTLE.lockMs);
    await repo.recordFailure(db, ipKey, THROTTLE.windowMs, THROTTLE.perIp, THROTTLE.lockMs);
    if (user && ok && !user.isActive) throw new AppError('LOGIN_FAILED', '该账号已停用，请联系管理员');
    throw new AppError('LOGIN_FAILED', '用户名或密码错误');
  }
  await repo.clearThrottle(db, userKey);
  const token = randomBytes(32).toString('base64url');
  const session = { id: tokenHash(token), csrfToken: randomBytes(24).toString('base64url') };
  await repo.insertSession(db, {
    ...session,
    userId: user.id,
    expiresAt: new Date(Date.now() + config.sessionIdleMs),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, user: toSessionUser({ ...user, sessionId: session.id, csrfToken: session.csrfToken }) };
}

/** Resolves a cookie token to the signed-in user, sliding the idle expiry; null when absent or expired. */
export async function resolveSession(db: Db, config: TAppConfig, token: string): Promise<TSessionUser | null> {
  const id = tokenHash(token);
  const cached = getCachedSession(id);
  if (cached) return cached;
  const row = await repo.findSession(db, id);
  if (!row) return null;
  const now = Date.now();
  if (row.expiresAt.getTime() <= now || now - row.createdAt.getTime() > config.sessionMaxMs || !row.isActive) {
    await repo.deleteSession(db, row.sessionId);
    return null;
  }
  // Slide the idle expiry, but write at most once a minute per session.
  let expiresAt = row.expiresAt;
  if (now - row.lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now + config.sessionIdleMs);
    await repo.touchSession(db, row.sessionId, expiresAt);
  }
  const user = toSessionUser(row);
  cacheSession(user, expiresAt);
  return user;
}

type TUserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserByUsername>>> & { sessionId: string; csrfToken: string };

function toSessionUser(row: TUserRow): TSessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role as TRole,
    unitId: row.unitId,
    unitName: row.unitName,
    areaId: row.areaId,
    areaName: row.areaName,
    areaCode: row.areaCode,
    areaPrefix: row.areaPrefix,
    mustChangePassword: row.mustChangePassword,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
}

export async function logout(db: Db, user: TSessionUser) {
  await repo.deleteSession(db, user.sessionId);
}

/** Changes the caller's password and ends their other sessions. */
export async function changePassword(db: Db, user: TSessionUser, oldPassword: string, newPassword: string) {
  const row = await repo.findUserByUsername(db, user.username);
  if (!row || !(await verifyPassword(oldPassword, row.passwordHash))) {
    throw new AppError('VALIDATION_FAILED', '原密码不正确', { oldPassword: '原密码不正确' });
  }
  const problem = passwordProblem(newPassword);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { newPassword: problem });
  if (oldPassword === newPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与原密码相同', { newPassword: '新密码不能与原密码相同' });
  }
  await repo.updatePassword(db, user.id, await hashPassword(newPassword));
  await repo.deleteUserSessions(db, user.id, user.sessionId);
}
