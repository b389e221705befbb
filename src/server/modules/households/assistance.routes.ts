/**
 * Assistance on households: measures and funds, slow payments, cadre visits and their statistics,
 * the 风险消除 check and start (archives and statistics are sub-plugins). Mounted next to the registry:
 * `await app.register(householdAssistanceRoutes, { prefix: '/api/households' })`.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZIdParams } from '../../../shared/contracts/common.js';
import {
  ZEliminationCheck,
  ZFundBody,
  ZLeadDetail,
  ZMeasure,
  ZMeasureBody,
  ZMeasureList,
  ZSlowPaymentQuery,
  ZSlowPayments,
  ZUpdateMeasureBody,
  ZVisit,
  ZVisitBody,
  ZVisitList,
  ZVisitStatsQuery,
  ZVisitStats,
  ZQualityQuery,
  ZQualityReport,
} from '../../../shared/contracts/households-work.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility, requireUser } from '../../plugins/auth.js';
import { householdArchiveRoutes } from './archives.routes.js';
import { householdStatsRoutes } from './households.stats.routes.js';
import * as assistance from './assistance.service.js';
import type { THouseholdChange } from './households.service.js';
import { findAreaPrefix } from './households.service.js';
import * as leads from './leads.service.js';
import { assistanceAbilities, leadAbilities } from './leads.policy.js';

const tags = ['households'];
const ZMeasureParams = z.object({ measureId: z.coerce.number().int().positive() });
const ZStartEliminationBody = z.object({ note: z.string().trim().max(2000).nullable().optional() });

async function auditChange(req: FastifyRequest, c: THouseholdChange, entity: string) {
  await audit(req, { action: c.action, entity, entityId: c.entityId, before: c.before, after: c.after });
}

/** The routes of measures, funds, visits and elimination. */
export async function householdAssistanceRoutes(app: TApp) {
  const { db } = app.deps;
  await app.register(householdArchiveRoutes);
  await app.register(householdStatsRoutes);

  app.get('/measures/slow-payments', { schema: { tags, querystring: ZSlowPaymentQuery, response: { 200: ZSlowPayments } } }, async (req) => {
    const user = requireUser(req);
    return assistance.listSlowPayments(db, user, req.query.areaId ? await findAreaPrefix(db, req.query.areaId) : null);
  });

  app.patch('/measures/:measureId', { schema: { tags, params: ZMeasureParams, body: ZUpdateMeasureBody, response: { 200: ZMeasure } } }, async (req) => {
    const user = requireAbility(req, assistanceAbilities, 'editMeasures');
    await auditChange(req, await assistance.updateMeasure(db, user, req.params.measureId, req.body), 'household_measure');
    return assistance.getMeasure(db, user, req.params.measureId);
  });

  app.post('/measures/:measureId/funds', { schema: { tags, params: ZMeasureParams, body: ZFundBody, response: { 201: ZMeasure } } }, async (req, reply) => {
    const user = requireAbility(req, assistanceAbilities, 'editMeasures');
    await auditChange(req, await assistance.addFund(db, user, req.params.measureId, req.body), 'household_measure');
    reply.code(201);
    return assistance.getMeasure(db, user, req.params.measureId);
  });

  app.get('/visits/stats', { schema: { tags, querystring: ZVisitStatsQuery, response: { 200: ZVisitStats } } }, async (req) => {
    const user = requireUser(req);
    return assistance.getVisitStats(db, user, req.query, req.query.areaId ? await findAreaPrefix(db, req.query.areaId) : null);
  });

  app.get('/quality-checks', { schema: { tags, querystring: ZQualityQuery, response: { 200: ZQualityReport } } }, async (req) => {
    const user = requireUser(req);
    return assistance.listQualityIssues(db, user, req.query.areaId ? await findAreaPrefix(db, req.query.areaId) : null);
  });

  app.get('/:id/measures', { schema: { tags, params: ZIdParams, response: { 200: ZMeasureList } } }, async (req) => {
    return assistance.listMeasures(db, requireUser(req), req.params.id);
  });

  app.post('/:id/measures', { schema: { tags, params: ZIdParams, body: ZMeasureBody, response: { 201: ZMeasure } } }, async (req, reply) => {
    const user = requireAbility(req, assistanceAbilities, 'editMeasures');
    const change = await assistance.createMeasure(db, user, req.params.id, req.body);
    await auditChange(req, change, 'household_measure');
    reply.code(201);
    return assistance.getMeasure(db, user, Number(change.entityId));
  });

  app.get('/:id/visits', { schema: { tags, params: ZIdParams, response: { 200: ZVisitList } } }, async (req) => {
    return assistance.listVisits(db, requireUser(req), req.params.id);
  });

  app.post('/:id/visits', { schema: { tags, params: ZIdParams, body: ZVisitBody, response: { 201: ZVisit } } }, async (req, reply) => {
    const user = requireAbility(req, assistanceAbilities, 'visit');
    const change = await assistance.recordVisit(db, user, req.params.id, req.body);
    await auditChange(req, change, 'household_visit');
    reply.code(201);
    return (await assistance.listVisits(db, user, req.params.id)).items.find((v) => v.id === change.entityId)!;
  });

  app.get('/:id/elimination-check', { schema: { tags, params: ZIdParams, response: { 200: ZEliminationCheck } } }, async (req) => {
    return assistance.checkHouseholdElimination(db, requireUser(req), req.params.id);
  });

  app.post('/:id/elimination', { schema: { tags, params: ZIdParams, body: ZStartEliminationBody, response: { 201: ZLeadDetail } } }, async (req, reply) => {
    const user = requireAbility(req, leadAbilities, 'startElimination');
    const change = await leads.startElimination(db, user, req.params.id, req.body.note ?? null);
    await auditChange(req, change, 'household_lead');
    reply.code(201);
    return leads.getLeadDetail(db, user, change.leadId);
  });
}
