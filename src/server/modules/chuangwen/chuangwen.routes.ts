/**
 * /api/chuangwen: working-day calendar, problem categories, places, score settings,
 * measures and ranking, the 清零 board and the weekly 通报 (JSON, .docx, .xlsx).
 */
import {
  ZBoard,
  ZBoardQuery,
  ZBulletin,
  ZBulletinQuery,
  ZCalendarYear,
  ZCalendarYearParams,
  ZCategory,
  ZCategoryCodeParams,
  ZCategoryDefaults,
  ZCategoryDefaultsQuery,
  ZCategoryList,
  ZCategoryListQuery,
  ZCreateCategoryBody,
  ZCreatePlaceBody,
  ZCreatePlaceCaseBody,
  ZDeadlineAnswer,
  ZDeadlineQuery,
  ZMeasures,
  ZMeasureSettings,
  ZMeasuresQuery,
  ZPlace,
  ZPlaceListQuery,
  ZPlacePage,
  ZReplaceCalendarBody,
  ZUpdateCategoryBody,
  ZUpdatePlaceBody,
} from '../../../shared/contracts/chuangwen.js';
import { ZCaseDetail } from '../../../shared/contracts/cases.js';
import { ZIdParams } from '../../../shared/contracts/common.js';
import { deadlineRuleLabel } from '../../../shared/domain/chuangwen/workdays.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import { renderBulletinDocx, renderBulletinXlsx } from './bulletin.render.js';
import { attachmentDisposition, DOCX_MIME, XLSX_MIME } from '../../lib/http.js';
import { getCaseDetail } from '../cases/cases.port.js';
import * as service from './chuangwen.service.js';
import * as measures from './measures.service.js';
import { chuangwenAbilities } from './chuangwen.policy.js';

const tags = ['chuangwen'];

/** Registers the module's routes; mount with prefix /api/chuangwen. */
export async function chuangwenRoutes(app: TApp) {
  const { db } = app.deps;

  // ── calendar ──
  app.get('/calendar/deadline', { schema: { tags, querystring: ZDeadlineQuery, response: { 200: ZDeadlineAnswer } } }, async (req) => {
    requireUser(req);
    const rule = { value: req.query.value, unit: req.query.unit };
    const deadline = await service.computeDeadline(db, req.query.at ? new Date(req.query.at) : new Date(), rule);
    return { deadline: deadline.toISOString(), label: deadlineRuleLabel(rule) };
  });

  app.get('/calendar/:year', { schema: { tags, params: ZCalendarYearParams, response: { 200: ZCalendarYear } } }, async (req) => {
    requireUser(req);
    return service.getCalendarYear(db, req.params.year);
  });

  app.put(
    '/calendar/:year',
    { schema: { tags, params: ZCalendarYearParams, body: ZReplaceCalendarBody, response: { 200: ZCalendarYear } } },
    async (req) => {
      requireAbility(req, chuangwenAbilities, 'editCalendar');
      const before = await service.getCalendarYear(db, req.params.year);
      const after = await service.replaceCalendarYear(db, req.params.year, req.body.days);
      await audit(req, { action: 'calendar.replace', entity: 'calendar', entityId: req.params.year, before: before.days, after: after.days });
      return after;
    },
  );

  // ── categories ──
  app.get('/categories', { schema: { tags, querystring: ZCategoryListQuery, response: { 200: ZCategoryList } } }, async (req) => {
    requireUser(req);
    return { items: await service.listCategories(db, req.query.includeInactive === 'true') };
  });

  app.post('/categories', { schema: { tags, body: ZCreateCategoryBody, response: { 201: ZCategory } } }, async (req, reply) => {
    requireAbility(req, chuangwenAbilities, 'editCategories');
    const created = await service.createCategory(db, req.body);
    await audit(req, { action: 'cw_category.create', entity: 'cw_category', entityId: created.code, after: created });
    reply.code(201);
    return created;
  });

  app.patch(
    '/categories/:code',
    { schema: { tags, params: ZCategoryCodeParams, body: ZUpdateCategoryBody, response: { 200: ZCategory } } },
    async (req) => {
      requireAbility(req, chuangwenAbilities, 'editCategories');
      const { before, after } = await service.updateCategory(db, req.params.code, req.body);
      await audit(req, { action: 'cw_category.update', entity: 'cw_category', entityId: req.params.code, before, after });
      return after;
    },
  );

  app.get(
    '/categories/:code/defaults',
    { schema: { tags, params: ZCategoryCodeParams, querystring: ZCategoryDefaultsQuery, response: { 200: ZCategoryDefaults } } },
    async (req) => {
      const user = requireUser(req);
      return service.categoryDefaults(db, user, req.params.code, {
        placeId: req.query.placeId,
        at: req.query.at ? new Date(req.query.at) : undefined,
      });
    },
  );

  // ── places ──
  app.get('/places', { schema: { tags, querystring: ZPlaceListQuery, response: { 200: ZPlacePage } } }, async (req) =>
    service.listPlaces(db, requireUser(req), req.query),
  );

  app.get('/places/:id', { schema: { tags, params: ZIdParams, response: { 200: ZPlace } } }, async (req) =>
    service.getPlace(db, requireUser(req), req.params.id),
  );

  app.post('/places', { schema: { tags, body: ZCreatePlaceBody, response: { 201: ZPlace } } }, async (req, reply) => {
    const user = requireAbility(req, chuangwenAbilities, 'editPlaces');
    const created = await service.createPlace(db, user, req.body);
    await audit(req, { action: 'cw_place.create', entity: 'cw_place', entityId: created.id, after: created });
    reply.code(201);
    return created;
  });

  app.patch('/places/:id', { schema: { tags, params: ZIdParams, body: ZUpdatePlaceBody, response: { 200: ZPlace } } }, async (req) => {
    const user = requireUser(req);
    const { before, after } = await service.updatePlace(db, user, req.params.id, req.body);
    await audit(req, { action: 'cw_place.update', entity: 'cw_place', entityId: req.params.id, before, after });
    return after;
  });

  // ── a 创文 case at a place ──
  app.post('/cases', { schema: { tags, body: ZCreatePlaceCaseBody, response: { 201: ZCaseDetail } } }, async (req, reply) => {
    const user = requireAbility(req, chuangwenAbilities, 'raiseCase');
    const change = await service.createPlaceCase(db, user, req.body);
    await audit(req, { action: 'case.create', entity: 'case', entityId: change.caseId, before: change.before, after: change.after });
    reply.code(201);
    return getCaseDetail(db, user, change.caseId);
  });

  // ── settings ──
  app.get('/settings/measures', { schema: { tags, response: { 200: ZMeasureSettings } } }, async (req) => {
    requireUser(req);
    return service.getMeasureSettings(db);
  });

  app.put('/settings/measures', { schema: { tags, body: ZMeasureSettings, response: { 200: ZMeasureSettings } } }, async (req) => {
    const user = requireAbility(req, chuangwenAbilities, 'editCategories');
    const { before, after } = await service.saveMeasureSettings(db, user, req.body);
    await audit(req, { action: 'cw_settings.update', entity: 'cw_settings', entityId: 'measures', before, after });
    return after;
  });

  // ── measures, board, bulletin ──
  app.get('/measures', { schema: { tags, querystring: ZMeasuresQuery, response: { 200: ZMeasures } } }, async (req) =>
    measures.getMeasures(db, requireUser(req), req.query),
  );

  app.get('/board', { schema: { tags, querystring: ZBoardQuery, response: { 200: ZBoard } } }, async (req) =>
    measures.getBoard(db, requireUser(req), req.query.module),
  );

  app.get('/bulletin', { schema: { tags, querystring: ZBulletinQuery, response: { 200: ZBulletin } } }, async (req) =>
    measures.getBulletin(db, requireUser(req), req.query),
  );

  app.get('/bulletin.docx', { schema: { tags, querystring: ZBulletinQuery } }, async (req, reply) => {
    const now = new Date();
    const b = await measures.getBulletin(db, requireUser(req), req.query, now);
    const images = await measures.loadBulletinImages(db, app.deps.storage, b);
    const file = await renderBulletinDocx(b, measures.periodWindow(b.from, b.to, now).cutoff, images);
    return reply
      .header('content-type', DOCX_MIME)
      .header('content-disposition', attachmentDisposition(`创文督导通报${b.issueLabel}.docx`, `chuangwen-bulletin-${b.issueNo}.docx`))
      .send(file);
  });

  app.get('/bulletin.xlsx', { schema: { tags, querystring: ZBulletinQuery } }, async (req, reply) => {
    const now = new Date();
    const b = await measures.getBulletin(db, requireUser(req), req.query, now);
    const file = await renderBulletinXlsx(b, measures.periodWindow(b.from, b.to, now).cutoff);
    return reply
      .header('content-type', XLSX_MIME)
      .header('content-disposition', attachmentDisposition(`创文督导通报${b.issueLabel}.xlsx`, `chuangwen-bulletin-${b.issueNo}.xlsx`))
      .send(file);
  });
}
