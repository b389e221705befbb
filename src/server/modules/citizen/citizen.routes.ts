/**
 * Citizens' reports over HTTP: `citizenRoutes` (public, no login; at /api/public) and
 * `citizenModerationRoutes` (signed in; at /api/citizen): moderation, settings, Open311 keys.
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ZAcceptReportBody,
  ZApiKeyRow,
  ZCitizenSettings,
  ZCreateApiKeyBody,
  ZCreatedApiKey,
  ZCreateReportBody,
  ZCreateReportResult,
  ZMergeReportBody,
  ZPublicArea,
  ZPublicCategory,
  ZPublicPhoto,
  ZRejectReportBody,
  ZReopenBody,
  ZReportListQuery,
  ZReportPage,
  ZReportRow,
  ZTrackParams,
  ZTrackResult,
} from '../../../shared/contracts/citizen.js';
import { ZIdParams, ZOk } from '../../../shared/contracts/common.js';
import { readUploadedFile } from '../../lib/http.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility } from '../../plugins/auth.js';
import { tooLarge } from '../attachments/attachments.port.js';
import * as service from './citizen.service.js';
import { citizenAbilities } from './citizen.policy.js';

const publicTags = ['public'];
const tags = ['citizen'];

function sendPhoto(reply: FastifyReply, file: { data: Buffer; mime: string }) {
  return reply
    .type(file.mime)
    .header('cache-control', 'public, max-age=86400')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .send(file.data);
}

/** The public pages' endpoints (no login), registered at /api/public. */
export async function citizenRoutes(app: TApp) {
  const { db, storage, config } = app.deps;
  // Public answers may hold citizens' text: JSON only, never sniffed as HTML.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });

  app.get('/categories', { schema: { tags: publicTags, response: { 200: ZPublicCategory.array() } } }, async () =>
    service.listPublicCategories(db),
  );
  app.get('/areas', { schema: { tags: publicTags, response: { 200: ZPublicArea.array() } } }, async () => service.listPublicAreas(db));

  app.post(
    '/photos',
    { schema: { tags: publicTags, summary: '上传照片 (multipart: file；仅 JPG/PNG/WebP)', consumes: ['multipart/form-data'], response: { 201: ZPublicPhoto } } },
    async (req, reply) => {
      const { fields: _f, ...file } = await readUploadedFile(req, { maxBytes: config.maxUploadBytes, tooLarge: () => tooLarge(config.maxUploadBytes), what: '照片' });
      const photo = await service.uploadPublicPhoto(db, storage, req.ip, { ...file, kind: 'before' }, config.maxUploadBytes);
      reply.code(201);
      return photo;
    },
  );

  for (const [suffix, variant] of [['', 'public'], ['/thumb', 'thumb']] as const) {
    app.get(`/photos/:id${suffix}`, { schema: { tags: publicTags, params: z.object({ id: z.uuid() }) } }, async (req, reply) =>
      sendPhoto(reply, await service.openPublicPhoto(db, storage, req.params.id, variant)),
    );
  }

  app.post('/reports', { schema: { tags: publicTags, body: ZCreateReportBody, response: { 201: ZCreateReportResult } } }, async (req, reply) => {
    const { trackingCode, message } = await service.submitReport(db, req.body, { ip: req.ip, channel: 'web' });
    reply.code(201);
    return { trackingCode, message };
  });

  app.get('/track/:code', { schema: { tags: publicTags, params: ZTrackParams, response: { 200: ZTrackResult } } }, async (req) =>
    service.trackReport(db, req.params.code, req.ip),
  );

  app.post(
    '/track/:code/reopen',
    { schema: { tags: publicTags, params: ZTrackParams, body: ZReopenBody, response: { 200: ZTrackResult } } },
    async (req) => {
      const change = await service.reopenByCitizen(db, app.modules, req.params.code, req.body.note, req.ip);
      await audit(req, { action: 'case.citizen_reopen', entity: 'case', entityId: String(change.caseId), before: change.before, after: change.after });
      return service.trackReport(db, req.params.code, req.ip);
    },
  );
}

/** Moderation, settings and Open311 keys (signed in), registered at /api/citizen. */
export async function citizenModerationRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/reports', { schema: { tags, querystring: ZReportListQuery, response: { 200: ZReportPage } } }, async (req) =>
    service.listReports(db, requireAbility(req, citizenAbilities, 'moderate'), req.query),
  );
  app.get('/reports/:id', { schema: { tags, params: ZIdParams, response: { 200: ZReportRow } } }, async (req) =>
    service.getReport(db, requireAbility(req, citizenAbilities, 'moderate'), req.params.id),
  );

  app.post('/reports/:id/accept', { schema: { tags, params: ZIdParams, body: ZAcceptReportBody, response: { 200: ZReportRow } } }, async (req) => {
    const user = requireAbility(req, citizenAbilities, 'moderate');
    const change = await service.acceptReport(db, user, req.params.id, req.body);
    await audit(req, { action: 'citizen_report.accept', entity: 'citizen_report', entityId: String(change.reportId), before: change.before, after: change.after });
    await audit(req, { action: 'case.create', entity: 'case', entityId: String(change.caseId), before: null, after: { source: 'citizen', reportId: change.reportId } });
    return service.getReport(db, user, req.params.id);
  });

  app.post('/reports/:id/merge', { schema: { tags, params: ZIdParams, body: ZMergeReportBody, response: { 200: ZReportRow } } }, async (req) => {
    const user = requireAbility(req, citizenAbilities, 'moderate');
    const change = await service.mergeReport(db, user, req.params.id, req.body.caseId);
    await audit(req, { action: 'citizen_report.merge', entity: 'citizen_report', entityId: String(change.reportId), before: change.before, after: change.after });
    return service.getReport(db, user, req.params.id);
  });

  app.post('/reports/:id/reject', { schema: { tags, params: ZIdParams, body: ZRejectReportBody, response: { 200: ZReportRow } } }, async (req) => {
    const user = requireAbility(req, citizenAbilities, 'moderate');
    const change = await service.rejectReport(db, user, req.params.id, req.body.reason);
    await audit(req, { action: 'citizen_report.reject', entity: 'citizen_report', entityId: String(change.reportId), before: change.before, after: change.after });
    return service.getReport(db, user, req.params.id);
  });

  app.get('/settings', { schema: { tags, response: { 200: ZCitizenSettings } } }, async (req) => {
    requireAbility(req, citizenAbilities, 'moderate', 'administer');
    return service.getSettings(db);
  });
  app.put('/settings', { schema: { tags, body: ZCitizenSettings, response: { 200: ZCitizenSettings } } }, async (req) => {
    const user = requireAbility(req, citizenAbilities, 'administer');
    const change = await service.saveSettings(db, user, req.body);
    await audit(req, { action: 'citizen.settings', entity: 'setting', entityId: 'citizen', before: change.before, after: change.after });
    return change.after;
  });

  app.get('/api-keys', { schema: { tags, response: { 200: ZApiKeyRow.array() } } }, async (req) => {
    requireAbility(req, citizenAbilities, 'administer');
    return service.listApiKeys(db);
  });
  app.post('/api-keys', { schema: { tags, body: ZCreateApiKeyBody, response: { 201: ZCreatedApiKey } } }, async (req, reply) => {
    const user = requireAbility(req, citizenAbilities, 'administer');
    const created = await service.issueApiKey(db, user, req.body.name);
    const { key: _key, ...safe } = created;
    await audit(req, { action: 'open311_key.issue', entity: 'open311_key', entityId: String(created.id), before: null, after: safe });
    reply.code(201);
    return created;
  });
  app.post('/api-keys/:id/revoke', { schema: { tags, params: ZIdParams, response: { 200: ZOk } } }, async (req) => {
    requireAbility(req, citizenAbilities, 'administer');
    const row = await service.revokeApiKey(db, req.params.id);
    await audit(req, { action: 'open311_key.revoke', entity: 'open311_key', entityId: String(row.id), before: null, after: row });
    return { ok: true as const };
  });
}
