/** `audit(req, entry)`: records who did what from where; used for every write and every unmasked read. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { insertAudit, type TAuditInput } from '../modules/audit/audit.repo.js';

export type TAuditEntry = Omit<TAuditInput, 'userId' | 'username' | 'ip'>;

/** Writes an audit entry for the request's user. Pass `db` to write inside a transaction. */
export async function audit(req: FastifyRequest, entry: TAuditEntry, db: Db = req.server.deps.db): Promise<void> {
  await insertAudit(db, {
    ...entry,
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    ip: req.ip,
  });
}
