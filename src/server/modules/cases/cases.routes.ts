/** /api/cases: list, create, detail, transitions, bulk actions. */
import {
  ZBulkBody,
  ZBulkResult,
  ZCaseDetail,
  ZCaseListQuery,
  ZCasePage,
  ZCreateCaseBody,
  ZTransitionBody,
} from '../../../shared/contracts/cases.js';
import { ZIdParams } from '../../../shared/contracts/common.js';
import type { FastifyRequest } from 'fastify';
import { userActor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import * as repo from './cases.repo.js';
import * as service from './cases.service.js';
import { caseAbilities } from './cases.policy.js';

async function auditChange(req: FastifyRequest, change: service.TCaseChange) {
  await audit(req, { action: `case.${change.action}`, entity: 'case', entityId: change.caseId, before: change.before, after: change.after });
}

export async function caseRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/', { schema: { tags: ['cases'], querystring: ZCaseListQuery, response: { 200: ZCasePage } } }, async (req, reply) => {
    const user = requireUser(req);
    let areaPrefix: string | null = null;
    if (req.query.areaId) {
      const area = await repo.findArea(db, req.query.areaId);
      if (!area) throw new AppError('VALIDATION_FAILED', '区域不存在', { areaId: '区域不存在' });
      areaPrefix = area.prefix;
    }
    const { page, cachedJson } = await service.listCases(db, user, req.query, areaPrefix);
    // A cached page was validated against ZCasePage when first served; send its JSON as is.
    if (cachedJson) return reply.type('application/json; charset=utf-8').send(cachedJson as unknown as typeof page);
    return page;
  });

  app.post('/', { schema: { tags: ['cases'], body: ZCreateCaseBody, response: { 201: ZCaseDetail } } }, async (req, reply) => {
    const user = requireAbility(req, caseAbilities, 'create');
    const change = await service.createCase(db, userActor(user), req.body);
    await auditChange(req, change);
    reply.code(201);
    return service.getCaseDetail(db, user, change.caseId);
  });

  app.post('/bulk', { schema: { tags: ['cases'], body: ZBulkBody, response: { 200: ZBulkResult } } }, async (req) => {
    const user = requireUser(req);
    const { done, failed, changes } = await service.bulkTransition(db, app.modules, user, req.body);
    for (const change of changes) await auditChange(req, change);
    return { done, failed };
  });

  app.get('/:id', { schema: { tags: ['cases'], params: ZIdParams, response: { 200: ZCaseDetail } } }, async (req) =>
    service.getCaseDetail(db, requireUser(req), req.params.id),
  );

  app.post(
    '/:id/transitions',
    { schema: { tags: ['cases'], params: ZIdParams, body: ZTransitionBody, response: { 200: ZCaseDetail } } },
    async (req) => {
      const user = requireUser(req);
      const change = await service.transitionCase(db, app.modules, user, req.params.id, req.body);
      await auditChange(req, change);
      return service.getCaseDetail(db, user, req.params.id);
    },
  );
}
