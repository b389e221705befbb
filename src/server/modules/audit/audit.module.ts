/** 审计日志: the search over the audit log. */
import { defineModule } from '../../lib/module.js';
import { auditAbilities } from './audit.policy.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule = defineModule({
  name: 'audit',
  routes: [{ prefix: '/api/audit', plugin: auditRoutes }],
  abilities: auditAbilities,
});
