/** /api/volunteers: teams, members, activities and hours by team (signed in, area-scoped). */
import { ZIdParams, ZOk } from '../../../shared/contracts/common.js';
import {
  ZActivity,
  ZActivityBody,
  ZHoursQuery,
  ZMember,
  ZMemberBody,
  ZTeam,
  ZTeamBody,
  ZTeamHours,
  ZTeamMemberParams,
  ZTeamParams,
  ZUpdateTeamBody,
} from '../../../shared/contracts/volunteers.js';
import type { TApp } from '../../lib/types.js';
import { audit } from '../../plugins/audit.js';
import { requireAbility } from '../../plugins/auth.js';
import * as service from './volunteers.service.js';
import { volunteerAbilities } from './volunteers.policy.js';

const tags = ['volunteers'];

/** Volunteer endpoints, registered at /api/volunteers. */
export async function volunteerRoutes(app: TApp) {
  const { db } = app.deps;
  const user = (req: Parameters<typeof requireAbility>[0]) => requireAbility(req, volunteerAbilities, 'manage');

  app.get('/teams', { schema: { tags, response: { 200: ZTeam.array() } } }, async (req) => service.listTeams(db, user(req)));
  app.post('/teams', { schema: { tags, body: ZTeamBody, response: { 201: ZTeam } } }, async (req, reply) => {
    const team = await service.createTeam(db, user(req), req.body);
    await audit(req, { action: 'volunteer_team.create', entity: 'volunteer_team', entityId: String(team.id), before: null, after: team });
    reply.code(201);
    return team;
  });
  app.patch('/teams/:id', { schema: { tags, params: ZIdParams, body: ZUpdateTeamBody, response: { 200: ZTeam } } }, async (req) => {
    const change = await service.updateTeam(db, user(req), req.params.id, req.body);
    await audit(req, { action: 'volunteer_team.update', entity: 'volunteer_team', entityId: String(req.params.id), before: change.before, after: change.after });
    return change.after;
  });

  app.get('/teams/:teamId/members', { schema: { tags, params: ZTeamParams, response: { 200: ZMember.array() } } }, async (req) =>
    service.listMembers(db, user(req), req.params.teamId),
  );
  app.post('/teams/:teamId/members', { schema: { tags, params: ZTeamParams, body: ZMemberBody, response: { 201: ZMember } } }, async (req, reply) => {
    const m = await service.addMember(db, user(req), req.params.teamId, req.body);
    await audit(req, { action: 'volunteer_member.create', entity: 'volunteer_member', entityId: String(m.id), before: null, after: { teamId: m.teamId, name: m.name } });
    reply.code(201);
    return m;
  });
  app.delete(
    '/teams/:teamId/members/:id',
    { schema: { tags, params: ZTeamMemberParams, response: { 200: ZOk } } },
    async (req) => {
      await service.removeMember(db, user(req), req.params.teamId, req.params.id);
      await audit(req, { action: 'volunteer_member.deactivate', entity: 'volunteer_member', entityId: String(req.params.id), before: null, after: { isActive: false } });
      return { ok: true as const };
    },
  );

  app.get('/teams/:teamId/activities', { schema: { tags, params: ZTeamParams, response: { 200: ZActivity.array() } } }, async (req) =>
    service.listActivities(db, user(req), req.params.teamId),
  );
  app.post('/teams/:teamId/activities', { schema: { tags, params: ZTeamParams, body: ZActivityBody, response: { 201: ZActivity } } }, async (req, reply) => {
    const a = await service.createActivity(db, user(req), req.params.teamId, req.body);
    await audit(req, { action: 'volunteer_activity.create', entity: 'volunteer_activity', entityId: String(a.id), before: null, after: a });
    reply.code(201);
    return a;
  });

  app.get('/hours', { schema: { tags, querystring: ZHoursQuery, response: { 200: ZTeamHours.array() } } }, async (req) =>
    service.hoursByTeam(db, user(req), req.query.from, req.query.to),
  );
}
