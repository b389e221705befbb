/**
 * Household archives (一户一档) under /api/households: the required-documents setting, a
 * household's archive, filing and removing scans, completeness by village. Registered by
 * householdAssistanceRoutes, so it shares the /api/households prefix.
 */
import type { FastifyRequest } from 'fastify';
import { ZIdParams } from '../../../shared/contracts/common.js';
import {
  ZArchiveCompleteness,
  ZArchiveCompletenessQuery,
  ZArchiveDocParams,
  ZArchiveDocumentSettings,
  ZArchiveFileParams,
  ZArchiveFilesBody,
  ZHouseholdArchive,
} from '../../../shared/contracts/households-work.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import * as archives from './archives.service.js';
import { findAreaPrefix, type THouseholdChange } from './households.service.js';
import { registryAbilities } from './households.policy.js';

const tags = ['households'];

async function auditChange(req: FastifyRequest, c: THouseholdChange, entity: string) {
  await audit(req, { action: c.action, entity, entityId: c.entityId, before: c.before, after: c.after });
}

/** The routes of household archives. */
export async function householdArchiveRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/settings/archive-documents', { schema: { tags, response: { 200: ZArchiveDocumentSettings } } }, async (req) => {
    requireUser(req);
    return archives.getArchiveDocuments(db);
  });

  app.put('/settings/archive-documents', { schema: { tags, body: ZArchiveDocumentSettings, response: { 200: ZArchiveDocumentSettings } } }, async (req) => {
    const user = requireAbility(req, registryAbilities, 'setMonitoring');
    await auditChange(req, await archives.setArchiveDocuments(db, user, req.body), 'monitoring_setting');
    return archives.getArchiveDocuments(db);
  });

  app.get('/archive-completeness', { schema: { tags, querystring: ZArchiveCompletenessQuery, response: { 200: ZArchiveCompleteness } } }, async (req) => {
    const user = requireUser(req);
    return archives.getArchiveCompleteness(db, user, req.query.areaId ? await findAreaPrefix(db, req.query.areaId) : null);
  });

  app.get('/:id/archive', { schema: { tags, params: ZIdParams, response: { 200: ZHouseholdArchive } } }, async (req) => {
    return archives.getHouseholdArchive(db, requireUser(req), req.params.id);
  });

  app.post('/:id/archive/:docCode', { schema: { tags, params: ZArchiveDocParams, body: ZArchiveFilesBody, response: { 201: ZHouseholdArchive } } }, async (req, reply) => {
    const user = requireAbility(req, registryAbilities, 'edit');
    await auditChange(req, await archives.addArchiveFiles(db, user, req.params.id, req.params.docCode, req.body), 'household_archive');
    reply.code(201);
    return archives.getHouseholdArchive(db, user, req.params.id);
  });

  app.delete('/:id/archive/files/:attachmentId', { schema: { tags, params: ZArchiveFileParams, response: { 200: ZHouseholdArchive } } }, async (req) => {
    const user = requireAbility(req, registryAbilities, 'edit');
    await auditChange(req, await archives.removeArchiveFile(db, user, req.params.id, req.params.attachmentId), 'household_archive');
    return archives.getHouseholdArchive(db, user, req.params.id);
  });
}
