/**
 * /api/household-leads: leads and their procedures (识别纳入, 风险消除), settings, overdue
 * escalation; and /api/public/hardship-reports: the public self-report (no login). Register with
 * `await app.register(householdLeadRoutes, { prefix: '/api/household-leads' })` and
 * `await app.register(hardshipReportRoutes, { prefix: '/api/public/hardship-reports' })`.
 */
import { userActor } from '../../lib/actor.js';
import type { FastifyRequest } from 'fastify';
import { ZIdParams } from '../../../shared/contracts/common.js';
import {
  ZCreateLeadBody,
  ZDepartmentImportQuery,
  ZDepartmentImportResult,
  ZEscalateResult,
  ZHardshipReceipt,
  ZHardshipReportBody,
  ZLeadDetail,
  ZLeadListQuery,
  ZLeadPage,
  ZLeadStepBody,
  ZProcedureSettings,
  ZPublicVillages,
} from '../../../shared/contracts/households-work.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import type { THouseholdChange } from './households.service.js';
import { canReadHouseholds } from './households.policy.js';
import * as service from './leads.service.js';
import * as repo from './leads.repo.js';
import { rowsOf } from '../../db/rows.js';
import { AppError } from '../../lib/app-error.js';
import { importDepartmentList } from './leads.import.js';
import { leadAbilities } from './leads.policy.js';

/** Department lists are small next to registry imports. */
const MAX_LIST_BYTES = 50 * 1024 * 1024;

const tags = ['household-leads'];

async function auditChange(req: FastifyRequest, c: THouseholdChange) {
  await audit(req, { action: c.action, entity: c.entity === 'household' ? 'household_lead' : c.entity, entityId: c.entityId, before: c.before, after: c.after });
}

/** The routes of leads and procedures. */
export async function householdLeadRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/', { schema: { tags, querystring: ZLeadListQuery, response: { 200: ZLeadPage } } }, async (req) => {
    const user = requireUser(req);
    if (!canReadHouseholds(user)) return { items: [], total: 0, totalCapped: false, page: req.query.page, pageSize: req.query.pageSize };
    return service.listLeads(db, user, req.query);
  });

  app.post('/', { schema: { tags, body: ZCreateLeadBody, response: { 201: ZLeadDetail } } }, async (req, reply) => {
    const user = requireAbility(req, leadAbilities, 'create');
    const change = await service.createLead(db, user, req.body);
    await auditChange(req, change);
    reply.code(201);
    return service.getLeadDetail(db, user, change.leadId);
  });

  app.get('/settings', { schema: { tags, response: { 200: ZProcedureSettings } } }, async (req) => {
    requireUser(req);
    return service.getProcedureSettings(db);
  });

  app.put('/settings', { schema: { tags, body: ZProcedureSettings, response: { 200: ZProcedureSettings } } }, async (req) => {
    const user = requireAbility(req, leadAbilities, 'administer');
    await auditChange(req, await service.setProcedureSettings(db, user, req.body));
    return service.getProcedureSettings(db);
  });

  app.post('/escalate-overdue', { schema: { tags, summary: '超时线索转督办（每条一次）', response: { 200: ZEscalateResult } } }, async (req) => {
    const user = requireAbility(req, leadAbilities, 'administer');
    const result = await service.escalateOverdueLeads(db, userActor(user));
    await audit(req, { action: 'lead.escalate_overdue', entity: 'household_lead', entityId: null, after: result });
    return result;
  });

  app.post(
    '/department-import',
    { schema: { tags, summary: '导入部门筛查名单 (multipart: file)', querystring: ZDepartmentImportQuery, response: { 200: ZDepartmentImportResult } } },
    async (req) => {
      const user = requireAbility(req, leadAbilities, 'create');
      const file = await req.file({ limits: { fileSize: MAX_LIST_BYTES, files: 1 } });
      if (!file) throw new AppError('VALIDATION_FAILED', '请选择要导入的 .xlsx 文件', { file: '请选择文件' });
      if (!/\.xlsx$/i.test(file.filename)) {
        file.file.resume();
        throw new AppError('VALIDATION_FAILED', '只支持 .xlsx 格式（Excel 2007 及以上）', { file: '只支持 .xlsx 格式' });
      }
      let result;
      try {
        result = await importDepartmentList(db, user, req.query.department, file.file);
      } catch (err) {
        file.file.resume();
        if (err instanceof AppError) throw err;
        if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
        req.log.warn({ err }, 'department list import: unreadable file');
        throw new AppError('VALIDATION_FAILED', '无法读取该文件，请确认是 .xlsx 格式且未加密', { file: '无法读取该文件' });
      }
      if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
      const { errors: _e, ...counts } = result;
      await audit(req, { action: 'lead.department_import', entity: 'household_lead', entityId: null, after: counts, detail: file.filename });
      return result;
    },
  );

  app.get('/:id', { schema: { tags, params: ZIdParams, response: { 200: ZLeadDetail } } }, async (req) => {
    return service.getLeadDetail(db, requireUser(req), req.params.id);
  });

  app.post('/:id/steps', { schema: { tags, params: ZIdParams, body: ZLeadStepBody, response: { 200: ZLeadDetail } } }, async (req) => {
    const user = requireUser(req);
    await auditChange(req, await service.takeStep(db, user, req.params.id, req.body));
    return service.getLeadDetail(db, user, req.params.id);
  });
}

/** The public self-report: a village list and the report itself (no login; throttled). */
export async function hardshipReportRoutes(app: TApp) {
  const { db } = app.deps;
  const tags = ['public'];

  app.get('/villages', { schema: { tags, response: { 200: ZPublicVillages } } }, async () => {
    return { items: rowsOf<{ id: number; name: string; townshipName: string }>(await repo.findPublicVillages(db)) };
  });

  app.post('/', { schema: { tags, body: ZHardshipReportBody, response: { 201: ZHardshipReceipt } } }, async (req, reply) => {
    const { receipt, change } = await service.submitHardshipReport(db, req.body, req.ip);
    await audit(req, { action: change.action, entity: 'household_lead', entityId: change.entityId, before: null, after: change.after });
    reply.code(201);
    return receipt;
  });
}
