/**
 * /api/admin: areas, units and users (administrators only), and /api/lookup: the pickers'
 * areas and units for any signed-in user. Every write is audited; no response or audit row
 * ever carries a password hash.
 */
import type { FastifyRequest } from 'fastify';
import {
  ZArea,
  ZCreateAreaBody,
  ZCreateUnitBody,
  ZCreateUserBody,
  ZLookupUnit,
  ZLookupUnitQuery,
  ZLookupUser,
  ZLookupUserQuery,
  ZResetPasswordBody,
  ZUnit,
  ZUnitQuery,
  ZUpdateAreaBody,
  ZUpdateUnitBody,
  ZUpdateUserBody,
  ZUser,
  ZUserPage,
  ZUserQuery,
  ZJobRuns,
} from '../../../shared/contracts/admin.js';
import { ZIdParams, ZOk } from '../../../shared/contracts/common.js';
import { listJobRuns } from '../../lib/jobs.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import * as repo from './admin.repo.js';
import * as service from './admin.service.js';
import { adminAbilities } from './admin.policy.js';

async function auditChange<T>(req: FastifyRequest, action: string, entity: string, change: service.TAdminChange<T>) {
  await audit(req, { action, entity, entityId: change.id, before: change.before, after: change.after });
}

const tags = ['admin'];

/** Administrators' endpoints, registered at /api/admin. */
export async function adminRoutes(app: TApp) {
  const { db } = app.deps;
  app.addHook('onRequest', async (req) => {
    requireAbility(req, adminAbilities, 'manage');
  });

  app.get('/jobs', { schema: { tags, summary: '各模块定时任务的安排与最近运行', response: { 200: ZJobRuns } } }, async () =>
    listJobRuns(db, app.modules),
  );

  app.get('/areas', { schema: { tags, response: { 200: ZArea.array() } } }, async () =>
    (await repo.findAllAreas(db)).map(service.presentArea),
  );

  app.post('/areas', { schema: { tags, body: ZCreateAreaBody, response: { 201: ZArea } } }, async (req, reply) => {
    const change = await service.createArea(db, req.body);
    await auditChange(req, 'area.create', 'area', change);
    reply.code(201);
    return change.record;
  });

  app.patch('/areas/:id', { schema: { tags, params: ZIdParams, body: ZUpdateAreaBody, response: { 200: ZArea } } }, async (req) => {
    const change = await service.updateArea(db, req.params.id, req.body);
    await auditChange(req, 'area.update', 'area', change);
    return change.record;
  });

  app.get('/units', { schema: { tags, querystring: ZUnitQuery, response: { 200: ZUnit.array() } } }, async (req) =>
    service.listUnits(db, req.query),
  );

  app.post('/units', { schema: { tags, body: ZCreateUnitBody, response: { 201: ZUnit } } }, async (req, reply) => {
    const change = await service.createUnit(db, req.body);
    await auditChange(req, 'unit.create', 'unit', change);
    reply.code(201);
    return change.record;
  });

  app.patch('/units/:id', { schema: { tags, params: ZIdParams, body: ZUpdateUnitBody, response: { 200: ZUnit } } }, async (req) => {
    const change = await service.updateUnit(db, req.params.id, req.body);
    await auditChange(req, 'unit.update', 'unit', change);
    return change.record;
  });

  app.get('/users', { schema: { tags, querystring: ZUserQuery, response: { 200: ZUserPage } } }, async (req) => {
    const { items, total } = await repo.findUsers(db, req.query);
    return { items: items.map(service.presentUser), total, totalCapped: false, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/users', { schema: { tags, body: ZCreateUserBody, response: { 201: ZUser } } }, async (req, reply) => {
    const change = await service.createUser(db, req.body);
    await auditChange(req, 'user.create', 'user', change);
    reply.code(201);
    return change.record;
  });

  app.patch('/users/:id', { schema: { tags, params: ZIdParams, body: ZUpdateUserBody, response: { 200: ZUser } } }, async (req) => {
    const change = await service.updateUser(db, requireUser(req), req.params.id, req.body);
    await auditChange(req, 'user.update', 'user', change);
    return change.record;
  });

  app.post(
    '/users/:id/reset-password',
    { schema: { tags, params: ZIdParams, body: ZResetPasswordBody, response: { 200: ZOk } } },
    async (req) => {
      const change = await service.resetPassword(db, req.params.id, req.body.password);
      await auditChange(req, 'user.reset_password', 'user', change);
      return { ok: true as const };
    },
  );
}

/** Pickers' lookups for any signed-in user, to be registered at /api/lookup. */
export async function lookupRoutes(app: TApp) {
  const { db } = app.deps;

  app.get('/areas', { schema: { tags: ['lookup'], response: { 200: ZArea.array() } } }, async (req) =>
    service.lookupAreas(db, requireUser(req)),
  );

  app.get('/users', { schema: { tags: ['lookup'], querystring: ZLookupUserQuery, response: { 200: ZLookupUser.array() } } }, async (req) =>
    service.lookupUsers(db, requireUser(req), req.query),
  );

  app.get('/units', { schema: { tags: ['lookup'], querystring: ZLookupUnitQuery, response: { 200: ZLookupUnit.array() } } }, async (req) => {
    requireUser(req);
    return service.lookupUnits(db, req.query);
  });
}
