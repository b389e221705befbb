/**
 * /api/checklists (templates) and /api/inspections (督导检查, 现场交办), registered at prefix /api.
 * Handlers validate, authorize, call the service and present; every write is audited.
 */
import type { FastifyRequest } from 'fastify';
import {
  ZChecklistQuery,
  ZChecklistTemplate,
  ZChecklistTemplateRow,
  ZCompleteInspectionBody,
  ZCreateInspectionBody,
  ZInspectionCaseRef,
  ZInspectionDetail,
  ZInspectionItemParams,
  ZInspectionPage,
  ZInspectionQuery,
  ZRaiseCaseBody,
  ZRecordResultBody,
  ZSaveChecklistBody,
} from '../../../shared/contracts/checklists.js';
import { ZIdParams } from '../../../shared/contracts/common.js';
import type { TCaseStatus } from '../../../shared/domain/case-machine.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import * as service from './checklists.service.js';
import { checklistAbilities } from './checklists.policy.js';

async function auditChange(req: FastifyRequest, action: string, entity: string, change: service.TChecklistChange) {
  await audit(req, { action, entity, entityId: change.id, before: change.before, after: change.after });
}

/** Checklist and inspection endpoints. */
export async function checklistRoutes(app: TApp) {
  const { db } = app.deps;
  const tags = ['checklists'];

  app.get('/checklists', { schema: { tags, querystring: ZChecklistQuery, response: { 200: ZChecklistTemplateRow.array() } } }, async (req) => {
    requireUser(req);
    return service.listTemplates(db, req.query);
  });

  app.get('/checklists/:id', { schema: { tags, params: ZIdParams, response: { 200: ZChecklistTemplate } } }, async (req) =>
    service.getTemplate(db, requireUser(req), req.params.id),
  );

  app.post('/checklists', { schema: { tags, body: ZSaveChecklistBody, response: { 201: ZChecklistTemplate } } }, async (req, reply) => {
    const user = requireAbility(req, checklistAbilities, 'editTemplates');
    const change = await service.createTemplate(db, user, req.body);
    await auditChange(req, 'checklist.create', 'checklist', change);
    reply.code(201);
    return service.getTemplate(db, user, change.id);
  });

  app.put(
    '/checklists/:id',
    { schema: { tags, params: ZIdParams, body: ZSaveChecklistBody, response: { 200: ZChecklistTemplate } } },
    async (req) => {
      const user = requireAbility(req, checklistAbilities, 'editTemplates');
      const change = await service.replaceTemplate(db, user, req.params.id, req.body);
      await auditChange(req, 'checklist.update', 'checklist', change);
      return service.getTemplate(db, user, change.id);
    },
  );

  const itags = ['inspections'];

  app.get('/inspections', { schema: { tags: itags, querystring: ZInspectionQuery, response: { 200: ZInspectionPage } } }, async (req) =>
    service.listInspections(db, requireUser(req), req.query),
  );

  app.post('/inspections', { schema: { tags: itags, body: ZCreateInspectionBody, response: { 201: ZInspectionDetail } } }, async (req, reply) => {
    const user = requireAbility(req, checklistAbilities, 'inspect');
    const change = await service.createInspection(db, app.modules, user, req.body);
    await auditChange(req, 'inspection.create', 'inspection', change);
    reply.code(201);
    return service.getInspectionDetail(db, user, change.id);
  });

  app.get('/inspections/:id', { schema: { tags: itags, params: ZIdParams, response: { 200: ZInspectionDetail } } }, async (req) =>
    service.getInspectionDetail(db, requireUser(req), req.params.id),
  );

  app.put(
    '/inspections/:id/results/:itemId',
    { schema: { tags: itags, params: ZInspectionItemParams, body: ZRecordResultBody, response: { 200: ZInspectionDetail } } },
    async (req) => {
      const user = requireUser(req);
      const change = await service.recordResult(db, user, req.params.id, req.params.itemId, req.body);
      await auditChange(req, 'inspection.result', 'inspection_result', change);
      return service.getInspectionDetail(db, user, req.params.id);
    },
  );

  app.post(
    '/inspections/:id/results/:itemId/case',
    { schema: { tags: itags, params: ZInspectionItemParams, body: ZRaiseCaseBody.nullish(), response: { 201: ZInspectionCaseRef } } },
    async (req, reply) => {
      const user = requireUser(req);
      const change = await service.raiseCase(db, app.modules, user, req.params.id, req.params.itemId, req.body ?? {});
      await audit(req, { action: 'case.create', entity: 'case', entityId: change.caseId, before: null, after: change.after });
      reply.code(201);
      const after = change.after as { code: string; status: TCaseStatus };
      return { id: change.caseId, code: after.code, status: after.status };
    },
  );

  app.post(
    '/inspections/:id/complete',
    { schema: { tags: itags, params: ZIdParams, body: ZCompleteInspectionBody.nullish(), response: { 200: ZInspectionDetail } } },
    async (req) => {
      const user = requireUser(req);
      const change = await service.completeInspection(db, user, req.params.id, req.body ?? {});
      await auditChange(req, 'inspection.complete', 'inspection', change);
      return service.getInspectionDetail(db, user, req.params.id);
    },
  );
}
