/**
 * Use cases of volunteers (志愿者): teams in the user's area, their members (phones masked for
 * roles without personal-data rights), activities with hours and photos, hours by team.
 */
import type { TActivityBody, TTeamBody, TUpdateTeamBody } from '../../../shared/contracts/volunteers.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { isAreaInScope } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import * as attachments from '../attachments/attachments.port.js';
import { maskPhone } from '../citizen/citizen.port.js';
import { ACTIVITY_OWNER_TYPE, canSeePhones } from './volunteers.policy.js';
import * as repo from './volunteers.repo.js';

function presentTeam(t: repo.TTeamRecord, user: TUser) {
  return { ...t, leaderPhone: canSeePhones(user) ? t.leaderPhone : maskPhone(t.leaderPhone) };
}

async function areaInScope(db: Db, user: TUser, areaId: number) {
  const area = await repo.findArea(db, areaId);
  if (!area || !isAreaInScope(user, area.code)) {
    throw new AppError('VALIDATION_FAILED', '所选区域不存在或不在您的管辖范围内', { areaId: '区域不在管辖范围内' });
  }
  return area;
}

async function teamInScope(db: Db, user: TUser, id: number) {
  const t = await repo.findTeam(db, user, id);
  if (!t) notFound('志愿服务队');
  return t;
}

/** Teams in scope. */
export async function listTeams(db: Db, user: TUser) {
  return (await repo.findTeams(db, user)).map((t) => presentTeam(t, user));
}

/** Creates a team in an area of the user's scope. */
export async function createTeam(db: Db, user: TUser, body: TTeamBody) {
  const area = await areaInScope(db, user, body.areaId);
  const id = await repo.insertTeam(db, { ...body, leaderPhone: body.leaderPhone ?? null, areaCode: area.code });
  return presentTeam(await teamInScope(db, user, id), user);
}

/** Updates a team in scope (its new area must be in scope too). */
export async function updateTeam(db: Db, user: TUser, id: number, body: TUpdateTeamBody) {
  const before = await teamInScope(db, user, id);
  const areaCode = body.areaId != null ? (await areaInScope(db, user, body.areaId)).code : undefined;
  await repo.updateTeam(db, id, { ...body, ...(areaCode ? { areaCode } : {}) });
  return { before: presentTeam(before, user), after: presentTeam(await teamInScope(db, user, id), user) };
}

/** Members of a team in scope. */
export async function listMembers(db: Db, user: TUser, teamId: number) {
  await teamInScope(db, user, teamId);
  const show = canSeePhones(user);
  return (await repo.findMembers(db, teamId)).map((m) => ({ id: m.id, teamId: m.teamId, name: m.name, phone: show ? m.phone : maskPhone(m.phone), isActive: m.isActive }));
}

/** Adds a member to a team in scope. */
export async function addMember(db: Db, user: TUser, teamId: number, body: { name: string; phone?: string | null }) {
  await teamInScope(db, user, teamId);
  const m = await repo.insertMember(db, { teamId, name: body.name, phone: body.phone ?? null });
  return { id: m.id, teamId, name: m.name, phone: canSeePhones(user) ? m.phone : maskPhone(m.phone), isActive: m.isActive };
}

/** Deactivates a member (past activities keep counting). */
export async function removeMember(db: Db, user: TUser, teamId: number, memberId: number) {
  await teamInScope(db, user, teamId);
  if (!(await repo.deactivateMember(db, teamId, memberId))) notFound('队员');
}

function presentActivity(a: Awaited<ReturnType<typeof repo.findActivities>>[number], photos: { id: string; thumbKey: string | null }[]) {
  return {
    id: a.id,
    teamId: a.teamId,
    day: a.day,
    place: a.place,
    description: a.description,
    memberIds: a.memberIds,
    hoursPerMember: a.hoursPerMember,
    totalHours: a.totalHours,
    photos: photos.map((p) => ({ id: p.id, url: `/api/attachments/${p.id}/public`, thumbUrl: p.thumbKey ? `/api/attachments/${p.id}/thumb` : null })),
  };
}

/** Activities of a team in scope, with their photos' EXIF-free copies. */
export async function listActivities(db: Db, user: TUser, teamId: number) {
  await teamInScope(db, user, teamId);
  const rows = await repo.findActivities(db, teamId);
  const files = await attachments.findByOwners(db, ACTIVITY_OWNER_TYPE, rows.map((r) => r.id));
  return rows.map((a) => presentActivity(a, files.filter((f) => f.ownerId === String(a.id))));
}

/**
 * Records an activity: participants must be the team's active members; hours are given per
 * member (total = hours × participants) or in total; photos are the user's unlinked uploads.
 */
export async function createActivity(db: Db, user: TUser, teamId: number, body: TActivityBody) {
  await teamInScope(db, user, teamId);
  const memberIds = [...new Set(body.memberIds)];
  if ((await repo.countTeamMembers(db, teamId, memberIds)) !== memberIds.length) {
    throw new AppError('VALIDATION_FAILED', '参与队员须为本队在册队员', { memberIds: '参与队员须为本队在册队员' });
  }
  await attachments.assertClaimable(db, user.id, body.attachmentIds, { what: '照片' });
  const totalHours = body.hoursPerMember != null ? Math.round(body.hoursPerMember * memberIds.length * 10) / 10 : body.totalHours!;
  const id = await db.transaction(async (t) => {
    const newId = await repo.insertActivity(t, {
      teamId,
      day: body.day,
      place: body.place,
      description: body.description,
      memberIds,
      hoursPerMember: body.hoursPerMember ?? null,
      totalHours,
      createdById: user.id,
    });
    await attachments.link(t, body.attachmentIds, ACTIVITY_OWNER_TYPE, newId, 'evidence');
    return newId;
  });
  return (await listActivities(db, user, teamId)).find((a) => a.id === id)!;
}

/** Hours served per team in scope between two zone dates (inclusive). */
export async function hoursByTeam(db: Db, user: TUser, from: string, to: string) {
  if (from > to) throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', { from: '开始日期不能晚于结束日期' });
  return repo.sumHoursByTeam(db, user, from, to);
}
