/** `audit(req, entry)`: records who did what from where; used for every write and every unmasked read. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/app-error.js';
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

/**
 * Whether a read or export shows personal data (ID numbers, phones) in full: the caller asked
 * (`reveal`), and their role may (`mayReveal`, else 403). Every such read is audited as
 * `pii.reveal` with what was shown; call it before reading, so a refused read leaves no trace
 * of data and an allowed one is on record even if the read then fails.
 */
export async function auditedReveal(
  req: FastifyRequest,
  o: { reveal: boolean | 'true' | 'false' | undefined; mayReveal: boolean; entity: string; entityId: string | number | null; detail: string },
): Promise<boolean> {
  if (o.reveal !== true && o.reveal !== 'true') return false;
  if (!o.mayReveal) throw new AppError('FORBIDDEN', '当前角色无权查看完整的证件号码和电话');
  await audit(req, { action: 'pii.reveal', entity: o.entity, entityId: o.entityId == null ? null : String(o.entityId), detail: o.detail });
  return true;
}
