/**
 * /api/households: the registry of 防止返贫动态监测. Register with
 * `await app.register(householdRoutes, { prefix: '/api/households' })`.
 */
import type { FastifyRequest } from 'fastify';
import { ZIdParams } from '../../../shared/contracts/common.js';
import {
  ZCreateHouseholdBody,
  ZCreateMemberBody,
  ZExportQuery,
  ZGuaranteesBody,
  ZHouseholdDetail,
  ZHouseholdListQuery,
  ZHouseholdPage,
  ZImportQuery,
  ZImportReportParams,
  ZImportResult,
  ZIncomeBody,
  ZMember,
  ZMemberParams,
  ZMonitoringLineBody,
  ZMonitoringLines,
  ZMoveMemberBody,
  ZRevealQuery,
  ZScreeningRunBody,
  ZScreeningRunResult,
  ZHouseholdTimeline,
  ZTimelineQuery,
  ZUpdateHouseholdBody,
  ZUpdateMemberBody,
  ZYearParam,
  ZYearParams,
} from '../../../shared/contracts/households.js';
import { EXPORT_TABLE_LABELS, ZExportTableParams } from '../../../shared/contracts/households-work.js';
import { AppError } from '../../lib/app-error.js';
import type { TApp, TUser } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import { canReadHouseholds, canRevealPii, registryAbilities } from './households.policy.js';
import { PassThrough } from 'node:stream';
import * as exporter from './households.export.js';
import * as importer from './households.import.js';
import * as service from './households.service.js';
import { getHouseholdTimeline } from './households.timeline.service.js';

const tags = ['households'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Imports may be far larger than an attachment: 100,000 rows is about 10–20 MB. */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const attachment = (filename: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

async function auditChange(req: FastifyRequest, change: service.THouseholdChange) {
  await audit(req, { action: change.action, entity: change.entity, entityId: change.entityId, before: change.before, after: change.after });
}

/** A reader of the registry; unit-scoped roles have no households (their lists are empty, records 404). */
function requireReader(req: FastifyRequest): TUser {
  return requireUser(req);
}

/** Whether this read shows personal data in full: the role must allow it and the caller must ask. */
function wantsReveal(user: TUser, reveal: 'true' | 'false'): boolean {
  if (reveal !== 'true') return false;
  if (!canRevealPii(user)) throw new AppError('FORBIDDEN', '当前角色无权查看完整的证件号码和电话');
  return true;
}

/** The routes of the household registry. */
export async function householdRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/', { schema: { tags, querystring: ZHouseholdListQuery, response: { 200: ZHouseholdPage } } }, async (req) => {
    const user = requireReader(req);
    if (!canReadHouseholds(user)) return { items: [], total: 0, totalCapped: false, page: req.query.page, pageSize: req.query.pageSize };
    return service.listHouseholds(db, user, req.query);
  });

  app.post('/', { schema: { tags, body: ZCreateHouseholdBody, response: { 201: ZHouseholdDetail } } }, async (req, reply) => {
    const user = requireAbility(req, registryAbilities, 'edit');
    const change = await service.createHousehold(db, user, req.body);
    await auditChange(req, change);
    reply.code(201);
    return service.getHouseholdDetail(db, user, change.householdId!, { reveal: false });
  });

  app.get('/settings/monitoring-lines', { schema: { tags, response: { 200: ZMonitoringLines } } }, async (req) => {
    requireReader(req);
    return service.listMonitoringLines(db);
  });

  app.put(
    '/settings/monitoring-lines/:year',
    { schema: { tags, params: ZYearParam, body: ZMonitoringLineBody, response: { 200: ZMonitoringLines } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'setMonitoring');
      await auditChange(req, await service.setMonitoringLine(db, user, req.params.year, req.body));
      return service.listMonitoringLines(db);
    },
  );

  app.post('/screening', { schema: { tags, body: ZScreeningRunBody, response: { 200: ZScreeningRunResult } } }, async (req) => {
    const user = requireAbility(req, registryAbilities, 'screen');
    const { change, ...result } = await service.runScreening(db, user, req.body);
    await auditChange(req, change);
    return result;
  });

  app.get('/import/template.xlsx', { schema: { tags, summary: '下载农户成员及家庭收入导入模板' } }, async (req, reply) => {
    requireAbility(req, registryAbilities, 'edit');
    return reply.type(XLSX).header('content-disposition', attachment('农户成员及收入导入模板.xlsx', 'household-template.xlsx')).send(await importer.buildImportTemplate());
  });

  app.post(
    '/import',
    { schema: { tags, summary: '导入农户、成员及家庭收入 (multipart: file)', querystring: ZImportQuery, response: { 200: ZImportResult } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      const file = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });
      if (!file) throw new AppError('VALIDATION_FAILED', '请选择要导入的 .xlsx 文件', { file: '请选择文件' });
      if (!/\.xlsx$/i.test(file.filename)) {
        file.file.resume();
        throw new AppError('VALIDATION_FAILED', '只支持 .xlsx 格式（Excel 2007 及以上）', { file: '只支持 .xlsx 格式' });
      }
      let result: importer.TImportResult;
      try {
        result = await importer.importHouseholds(db, app.deps.storage, user, file.file, req.query.mode);
      } catch (err) {
        file.file.resume();
        if (err instanceof AppError) throw err;
        if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
        req.log.warn({ err }, 'household import: unreadable file');
        throw new AppError('VALIDATION_FAILED', '无法读取该文件，请确认是 .xlsx 格式且未加密', { file: '无法读取该文件' });
      }
      if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE', '文件太大');
      const { errors: _e, ...counts } = result;
      await audit(req, { action: 'household.import', entity: 'household', entityId: null, after: counts, detail: file.filename });
      return result;
    },
  );

  app.get('/export.xlsx', { schema: { tags, summary: '导出农户及成员表', querystring: ZExportQuery } }, async (req, reply) => {
    const user = requireReader(req);
    const reveal = wantsReveal(user, req.query.reveal);
    const areaPrefix = req.query.areaId ? await service.findAreaPrefix(db, req.query.areaId) : null;
    if (reveal) {
      await audit(req, {
        action: 'pii.reveal',
        entity: 'household',
        entityId: null,
        detail: `导出含完整证件号码和电话的农户成员表（范围：${areaPrefix ?? user.areaPrefix}）`,
      });
    }
    const out = new PassThrough();
    // Unit-scoped roles get an empty workbook: the scope condition finds no household for them.
    void (async () => {
      try {
        await exporter.writeHouseholdExport(db, user, { reveal, areaPrefix }, out);
      } catch (err) {
        req.log.error({ err }, 'household export failed');
        out.destroy(err as Error);
      }
    })();
    return reply
      .type(XLSX)
      .header('content-disposition', attachment(reveal ? '农户成员表（含完整证件号码）.xlsx' : '农户成员表.xlsx', 'households.xlsx'))
      .send(out);
  });

  app.get('/export/:table', { schema: { tags, summary: '导出标准表（监测对象、帮扶措施、走访记录、三保障）', params: ZExportTableParams, querystring: ZExportQuery } }, async (req, reply) => {
    const user = requireReader(req);
    const { table } = req.params;
    const reveal = wantsReveal(user, req.query.reveal);
    const areaPrefix = req.query.areaId ? await service.findAreaPrefix(db, req.query.areaId) : null;
    const name = EXPORT_TABLE_LABELS[table];
    if (reveal) {
      await audit(req, {
        action: 'pii.reveal',
        entity: 'household',
        entityId: null,
        detail: `导出含完整证件号码和电话的${name}（范围：${areaPrefix ?? user.areaPrefix}）`,
      });
    }
    const out = new PassThrough();
    void (async () => {
      try {
        await exporter.writeTableExport(db, user, table, { reveal, areaPrefix }, out);
      } catch (err) {
        req.log.error({ err, table }, 'household table export failed');
        out.destroy(err as Error);
      }
    })();
    return reply
      .type(XLSX)
      .header('content-disposition', attachment(reveal ? `${name}（含完整证件号码）.xlsx` : `${name}.xlsx`, `${table}.xlsx`))
      .send(out);
  });

  app.get('/import/:reportId/errors.xlsx', { schema: { tags, params: ZImportReportParams } }, async (req, reply) => {
    const user = requireAbility(req, registryAbilities, 'edit');
    const data = await app.deps.storage.get(importer.errorReportKey(user, req.params.reportId));
    if (!data) throw new AppError('NOT_FOUND', '错误报告不存在或已过期');
    return reply.type(XLSX).header('content-disposition', attachment('导入错误报告.xlsx', 'import-errors.xlsx')).send(data);
  });

  app.patch(
    '/members/:memberId',
    { schema: { tags, params: ZMemberParams, body: ZUpdateMemberBody, response: { 200: ZMember } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      await auditChange(req, await service.updateMember(db, user, req.params.memberId, req.body));
      return service.getMember(db, user, req.params.memberId);
    },
  );

  app.post(
    '/members/:memberId/move',
    { schema: { tags, params: ZMemberParams, body: ZMoveMemberBody, response: { 200: ZMember } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      await auditChange(req, await service.moveMember(db, user, req.params.memberId, req.body));
      return service.getMember(db, user, req.params.memberId);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, params: ZIdParams, querystring: ZRevealQuery, response: { 200: ZHouseholdDetail } } },
    async (req) => {
      const user = requireReader(req);
      const reveal = wantsReveal(user, req.query.reveal);
      const detail = await service.getHouseholdDetail(db, user, req.params.id, { reveal });
      if (reveal) {
        await audit(req, {
          action: 'pii.reveal',
          entity: 'household',
          entityId: req.params.id,
          detail: `查看农户 ${detail.code} 的完整证件号码和电话（${detail.members.length} 名成员）`,
        });
      }
      return detail;
    },
  );

  app.get(
    '/:id/timeline',
    { schema: { tags, summary: '农户时间线：建档、成员变动、收入、三保障、风险提示、线索与程序、帮扶、走访、档案、督办', params: ZIdParams, querystring: ZTimelineQuery, response: { 200: ZHouseholdTimeline } } },
    async (req) => getHouseholdTimeline(db, requireReader(req), req.params.id, req.query),
  );

  app.patch(
    '/:id',
    { schema: { tags, params: ZIdParams, body: ZUpdateHouseholdBody, response: { 200: ZHouseholdDetail } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      await auditChange(req, await service.updateHousehold(db, user, req.params.id, req.body));
      return service.getHouseholdDetail(db, user, req.params.id, { reveal: false });
    },
  );

  app.post(
    '/:id/members',
    { schema: { tags, params: ZIdParams, body: ZCreateMemberBody, response: { 201: ZMember } } },
    async (req, reply) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      const change = await service.addMember(db, user, req.params.id, req.body);
      await auditChange(req, change);
      reply.code(201);
      return service.getMember(db, user, Number(change.entityId));
    },
  );

  app.put(
    '/:id/income/:year',
    { schema: { tags, params: ZYearParams, body: ZIncomeBody, response: { 200: ZHouseholdDetail } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      await auditChange(req, await service.recordIncome(db, user, req.params.id, req.params.year, req.body));
      return service.getHouseholdDetail(db, user, req.params.id, { reveal: false });
    },
  );

  app.put(
    '/:id/guarantees/:year',
    { schema: { tags, params: ZYearParams, body: ZGuaranteesBody, response: { 200: ZHouseholdDetail } } },
    async (req) => {
      const user = requireAbility(req, registryAbilities, 'edit');
      await auditChange(req, await service.recordGuarantees(db, user, req.params.id, req.params.year, req.body));
      return service.getHouseholdDetail(db, user, req.params.id, { reveal: false });
    },
  );
}
