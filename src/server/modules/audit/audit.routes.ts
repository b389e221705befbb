/** /api/audit: the admin's search over the audit log. */
import { ZAuditPage, ZAuditQuery } from '../../../shared/contracts/admin.js';
import { requireAbility } from '../../plugins/auth.js';
import type { TApp } from '../../lib/types.js';
import { findAudit } from './audit.repo.js';
import { auditAbilities } from './audit.policy.js';

export async function auditRoutes(app: TApp) {
  app.get('/', { schema: { tags: ['admin'], querystring: ZAuditQuery, response: { 200: ZAuditPage } } }, async (req) => {
    requireAbility(req, auditAbilities, 'read');
    const { items, total } = await findAudit(app.deps.db, req.query);
    return {
      items: items.map((e) => ({ ...e, at: e.at.toISOString() })),
      total,
      totalCapped: false,
      page: req.query.page,
      pageSize: req.query.pageSize,
    };
  });
}
