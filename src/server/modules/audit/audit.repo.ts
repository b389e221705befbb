/** Writes and searches the audit log. */
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema/core.js';
import { zoneDayEnd, zoneDayStart } from '../../lib/time.js';

export interface TAuditInput {
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  detail?: string | null;
  ip?: string | null;
}

/** Appends one entry. */
export async function insertAudit(db: Db, e: TAuditInput) {
  await db.insert(auditLog).values({
    userId: e.userId,
    username: e.username,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    before: e.before ?? null,
    after: e.after ?? null,
    detail: e.detail ?? null,
    ip: e.ip ?? null,
  });
}

export interface TAuditFilter {
  username?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One page of entries, newest first. */
export async function findAudit(db: Db, f: TAuditFilter) {
  const conds: SQL[] = [];
  if (f.username) conds.push(eq(auditLog.username, f.username));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, zoneDayStart(f.from)));
  if (f.to) conds.push(lte(auditLog.at, zoneDayEnd(f.to)));
  const where = conds.length ? and(...conds) : undefined;
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total };
}
