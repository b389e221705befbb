/**
 * A few seconds of memory for resolved sessions, so a busy page does not look up its session
 * on every request. The database stays the source of truth: entries live SESSION_CACHE_MS at
 * most, and every deletion of a session on this instance evicts it at once. Another instance
 * may keep serving a session deleted elsewhere for at most that long.
 */
import type { TSessionUser } from '../../lib/types.js';

export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { user: TSessionUser; until: number }>();

/** The cached user of a session id hash, if still fresh. */
export function getCachedSession(id: string): TSessionUser | null {
  const e = entries.get(id);
  if (!e) return null;
  if (e.until <= Date.now()) {
    entries.delete(id);
    return null;
  }
  return e.user;
}

/** Remembers a resolved session until `min(now + SESSION_CACHE_MS, expiresAt)`. */
export function cacheSession(user: TSessionUser, expiresAt: Date): void {
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(user.sessionId, { user, until: Math.min(Date.now() + SESSION_CACHE_MS, expiresAt.getTime()) });
}

/** Forgets one session, or every session of a user except `keepId`. */
export function evictSessions(match: { id?: string; userId?: number; keepId?: string }): void {
  if (match.id) entries.delete(match.id);
  if (match.userId != null) {
    for (const [id, e] of entries) if (e.user.id === match.userId && id !== match.keepId) entries.delete(id);
  }
}
