/**
 * Use cases of the supervision case: create, transition, bulk actions, detail.
 * Rules come from the pure state machine; this layer adds scope, concurrency and events.
 */
import type {
  TBulkBody,
  TCaseListQuery,
  TCasePage,
  TCreateCaseBody,
  TTransitionBody,
} from '../../../shared/contracts/cases.js';
import {
  allowedActions,
  decideCitizenReopen,
  decideTransition,
  isOverdue,
  type TCaseAction,
  type TCaseOutcome,
  type TCaseStatus,
} from '../../../shared/domain/case-machine.js';
import { CASE_ORIGINS, type TCaseOrigin } from '../../../shared/domain/case-origins.js';
import type { Db } from '../../db/client.js';
import { actorRef, actorUserId, citizenActor, scopeOf, userActor, type TActor, type TSystemActor, type TUserActor } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { TModuleRegistry } from '../../lib/module.js';
import { isAreaInScope } from '../../lib/scope.js';
import { zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import * as attachments from '../attachments/attachments.port.js';
import * as repo from './cases.repo.js';
import { caseListCache, invalidateCaseReads, scopeKey } from './cases.cache.js';
import { actorFacts, caseFacts } from './cases.policy.js';

/** What a caller passes to audit: the service says what changed; the route writes it. */
export interface TCaseChange {
  caseId: number;
  /** The case's readable code (DB…), known once it is created. */
  code?: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}


function assertFutureDeadline(deadline: string, field = 'deadline') {
  if (zoneDate(new Date(deadline)) < zoneDate()) {
    throw new AppError('VALIDATION_FAILED', '整改期限不能早于今天', { [field]: '整改期限不能早于今天' });
  }
}

export interface TCreateCaseOptions {
  /** The record in another module that raised the case (CASE_ORIGINS); one case per origin. */
  origin?: TCaseOrigin;
  /** Skip the future-deadline check (demo data and imports of history). */
  allowPastDeadline?: boolean;
}

/** Who may raise a case: a user in their scope, or the system (a scheduled job) zone-wide. */
export type TRaisingActor = TUserActor | TSystemActor;

/** The origin handlers of the module registry, as the case loop needs them. */
export type TCaseOrigins = Pick<TModuleRegistry, 'caseOrigin'>;

/**
 * Creates a case in the actor's scope; with a unit and a deadline it is assigned in the same
 * step (现场交办). A user must be allowed to assign by the state machine; the system raises
 * cases on rules its module owns (an overdue lead, an alarm) and needs no role. Runs in the
 * caller's transaction when given one, so the origin's own writes commit with the case.
 */
export async function createCase(
  db: Db,
  actor: TRaisingActor,
  input: TCreateCaseBody,
  opts: TCreateCaseOptions = {},
): Promise<TCaseChange> {
  const area = await repo.findArea(db, input.areaId);
  if (!area || !isAreaInScope(scopeOf(actor), area.code)) {
    throw new AppError('VALIDATION_FAILED', '所选区域不存在或不在您的管辖范围内', { areaId: '区域不在管辖范围内' });
  }
  if (opts.origin && !Object.hasOwn(CASE_ORIGINS, opts.origin.type)) throw new Error(`unknown case origin ${opts.origin.type}`);
  const assignNow = input.unitId != null && input.deadline != null;
  if ((input.unitId != null) !== (input.deadline != null)) {
    throw new AppError('VALIDATION_FAILED', '现场交办需要同时选择责任单位和整改期限', {
      [input.unitId == null ? 'unitId' : 'deadline']: '请同时填写责任单位和整改期限',
    });
  }
  const userId = actorUserId(actor);
  if (assignNow) {
    if (actor.kind === 'user') {
      const decision = decideTransition(
        { status: 'pending_assign', unitId: null, foundById: userId, lastSubmitterId: null },
        actorFacts(actor.user),
        { action: 'assign', unitId: input.unitId, deadline: input.deadline },
      );
      if (!decision.ok) throw new AppError(decision.code, decision.message);
    }
    if (!(await repo.findActiveUnit(db, input.unitId!))) {
      throw new AppError('VALIDATION_FAILED', '责任单位不存在或已停用', { unitId: '责任单位不存在或已停用' });
    }
    if (!opts.allowPastDeadline) assertFutureDeadline(input.deadline!);
  }
  if (input.attachmentIds.length) {
    if (actor.kind !== 'user') throw new AppError('VALIDATION_FAILED', '附件无效或已被使用，请重新上传', { attachmentIds: '附件无效或已被使用' });
    await attachments.assertClaimable(db, actor.user.id, input.attachmentIds);
  }

  const now = new Date();
  const foundAt = input.foundAt ? new Date(input.foundAt) : now;
  const status: TCaseStatus = assignNow ? 'rectifying' : 'pending_assign';
  const who = { actorId: userId, actorKind: actor.kind, actorRef: actorRef(actor) };
  const change = await db.transaction(async (t) => {
    const id = await repo.nextCaseId(t);
    const code = `DB${zoneDate(foundAt).replace(/-/g, '')}${String(id).padStart(6, '0')}`;
    const values: repo.TNewCase = {
      id,
      code,
      title: input.title,
      description: input.description ?? '',
      module: input.module,
      category: input.category ?? null,
      areaId: area.id,
      areaCode: area.code,
      place: input.place ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      source: input.source,
      severity: input.severity ?? 'normal',
      foundById: userId,
      foundAt,
      unitId: assignNow ? input.unitId! : null,
      deadline: assignNow ? new Date(input.deadline!) : null,
      assignedAt: assignNow ? now : null,
      status,
      createdById: userId,
      originType: opts.origin?.type ?? null,
      originId: opts.origin?.id ?? null,
    };
    if (!(await repo.insertCase(t, values))) {
      throw new AppError('DUPLICATE', `该${CASE_ORIGINS[opts.origin!.type].label}已生成督办事项，不能重复生成`);
    }
    await repo.insertEvent(t, {
      caseId: id,
      ...who,
      action: 'create',
      fromStatus: null,
      toStatus: 'pending_assign',
      note: input.description || null,
      attachmentIds: input.attachmentIds,
    });
    if (assignNow) {
      await repo.insertEvent(t, {
        caseId: id,
        ...who,
        action: 'assign',
        fromStatus: 'pending_assign',
        toStatus: 'rectifying',
        note: null,
        data: { unitId: input.unitId, deadline: input.deadline },
        attachmentIds: [],
      });
    }
    await attachments.link(t, input.attachmentIds, 'case', id, 'before');
    return { caseId: id, code, action: 'create', before: null, after: { ...values, foundAt: foundAt.toISOString() } };
  });
  invalidateCaseReads();
  return change;
}

/** Tells the origin's module that its case closed or reopened, in the change's transaction. */
async function notifyOrigin(
  db: Db,
  origins: TCaseOrigins,
  c: { id: number; code: string; originType: string | null; originId: number | null },
  e: { status: TCaseStatus; outcome: string | null; actor: TActor },
) {
  if (c.originType == null || c.originId == null) return;
  const handlers = origins.caseOrigin(c.originType);
  const event = { db, caseId: c.id, caseCode: c.code, originId: c.originId, ...e };
  if (e.status === 'closed' || e.status === 'cancelled') await handlers?.onCaseClosed?.(event);
  else await handlers?.onCaseReopened?.(event);
}

function snapshot(c: repo.TCaseRecord) {
  return {
    status: c.status,
    unitId: c.unitId,
    deadline: c.deadline?.toISOString() ?? null,
    outcome: c.outcome,
    returnCount: c.returnCount,
    extensionCount: c.extensionCount,
    version: c.version,
  };
}

/** The patch each action applies beyond the status. */
function patchFor(
  action: TCaseAction,
  c: repo.TCaseRecord,
  body: TTransitionBody,
  user: TUser,
  now: Date,
): repo.TCasePatch {
  switch (action) {
    case 'assign':
    case 'reassign':
      return { unitId: body.unitId!, deadline: new Date(body.deadline!), assignedAt: now, requestedDeadline: null };
    case 'submit':
      return { lastSubmitterId: user.id, submittedAt: now };
    case 'verify':
      return { closedAt: now, outcome: (body.outcome ?? 'fixed') as TCaseOutcome };
    case 'return':
      return { returnCount: c.returnCount + 1 };
    case 'request_extension':
      return { requestedDeadline: new Date(body.deadline!) };
    case 'approve_extension':
      return { deadline: c.requestedDeadline, requestedDeadline: null, extensionCount: c.extensionCount + 1 };
    case 'refuse_extension':
      return { requestedDeadline: null };
    case 'cancel':
      return { closedAt: now, outcome: (body.outcome ?? null) as TCaseOutcome | null };
    case 'reopen':
      return { closedAt: null, outcome: null };
  }
}

/**
 * Takes one action on a case: scope (404), permission and state (state machine), input,
 * optimistic concurrency (409 on a stale version), then the update and its event in one transaction.
 */
export async function transitionCase(db: Db, origins: TCaseOrigins, user: TUser, id: number, body: TTransitionBody): Promise<TCaseChange> {
  const c = await repo.findCaseById(db, user, id);
  if (!c) notFound('督办事项');
  if (c.version !== body.version) throw new AppError('STALE_VERSION', '该事项已被他人更新，请刷新后重试');
  const decision = decideTransition(caseFacts(c), actorFacts(user), {
    action: body.action,
    note: body.note,
    unitId: body.unitId,
    deadline: body.deadline,
    currentDeadline: c.deadline?.toISOString() ?? null,
    outcome: body.outcome,
    attachmentIds: body.attachmentIds,
  });
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  if (body.action === 'assign' || body.action === 'reassign') {
    if (!(await repo.findActiveUnit(db, body.unitId!))) {
      throw new AppError('VALIDATION_FAILED', '责任单位不存在或已停用', { unitId: '责任单位不存在或已停用' });
    }
    assertFutureDeadline(body.deadline!);
  }
  if (body.action === 'request_extension') assertFutureDeadline(body.deadline!);
  await attachments.assertClaimable(db, user.id, body.attachmentIds);

  const now = new Date();
  const patch = { ...patchFor(body.action, c, body, user, now), status: decision.to };
  const before = snapshot(c);
  await db.transaction(async (t) => {
    if (!(await repo.updateCaseVersioned(t, id, body.version, patch))) {
      throw new AppError('STALE_VERSION', '该事项已被他人更新，请刷新后重试');
    }
    await repo.insertEvent(t, {
      caseId: id,
      actorId: user.id,
      actorKind: 'user',
      action: body.action,
      fromStatus: c.status,
      toStatus: decision.to,
      note: body.note ?? null,
      data: eventData(body, c),
      attachmentIds: body.attachmentIds,
    });
    await attachments.link(t, body.attachmentIds, 'case', id, body.action === 'submit' ? 'after' : 'evidence');
    if (decision.to !== c.status && (decision.to === 'closed' || decision.to === 'cancelled' || body.action === 'reopen')) {
      await notifyOrigin(t, origins, c, { status: decision.to, outcome: patch.outcome ?? null, actor: userActor(user) });
    }
  });
  invalidateCaseReads();
  const after = { ...before, ...patch, deadline: (patch.deadline ?? c.deadline)?.toISOString() ?? null, version: c.version + 1 };
  return { caseId: id, action: body.action, before, after: JSON.parse(JSON.stringify(after)) };
}

/** A citizen's "not fixed": what the citizen's page knows of the case, and what they said. */
export interface TCitizenReopenInput {
  caseId: number;
  /** The version the citizen's page read; a change since then answers 409. */
  version: number;
  /** Days after closure during which the reporter may reopen (the citizen module's setting). */
  windowDays: number;
  /** The fresh deadline (from the report's category), or null to keep the old one. */
  deadline: Date | null;
  note: string;
  data?: Record<string, unknown>;
}

/**
 * The machine's `reopen` taken by a citizen on their report (decideCitizenReopen): within the
 * window after closure the case goes back to 整改中, recorded as a citizen's event, and the
 * origin's module is told. Runs in the caller's transaction when given one.
 */
export async function reopenByCitizen(db: Db, origins: TCaseOrigins, reportId: number, input: TCitizenReopenInput): Promise<TCaseChange> {
  const actor = citizenActor(reportId);
  const c = await repo.findCaseForCitizen(db, input.caseId);
  if (!c) notFound('督办事项');
  const decision = decideCitizenReopen({ status: c.status as TCaseStatus, closedAt: c.closedAt, windowDays: input.windowDays });
  if (!decision.ok) throw new AppError('REPORT_REOPEN_NOT_ALLOWED', decision.message);
  const patch: repo.TCasePatch = { status: decision.to, closedAt: null, outcome: null, ...(input.deadline ? { deadline: input.deadline } : {}) };
  await db.transaction(async (t) => {
    if (c.version !== input.version || !(await repo.updateCaseVersioned(t, c.id, input.version, patch))) {
      throw new AppError('STALE_VERSION', '该事项刚刚有更新，请刷新后重试');
    }
    await repo.insertEvent(t, {
      caseId: c.id,
      actorId: null,
      actorKind: actor.kind,
      actorRef: actorRef(actor),
      action: 'reopen',
      fromStatus: c.status,
      toStatus: decision.to,
      note: input.note,
      data: input.data ?? null,
      attachmentIds: [],
    });
    await notifyOrigin(t, origins, c, { status: decision.to, outcome: null, actor });
  });
  invalidateCaseReads();
  return {
    caseId: c.id,
    code: c.code,
    action: 'reopen',
    before: { status: c.status },
    after: { status: decision.to, deadline: (input.deadline ?? c.deadline)?.toISOString() ?? null },
  };
}

function eventData(body: TTransitionBody, c: repo.TCaseRecord): Record<string, unknown> | null {
  switch (body.action) {
    case 'assign':
    case 'reassign':
      return { unitId: body.unitId, deadline: body.deadline, previousUnitId: c.unitId };
    case 'request_extension':
      return { requestedDeadline: body.deadline, previousDeadline: c.deadline?.toISOString() ?? null };
    case 'approve_extension':
      return { deadline: c.requestedDeadline?.toISOString() ?? null, previousDeadline: c.deadline?.toISOString() ?? null };
    case 'verify':
    case 'cancel':
      return body.outcome ? { outcome: body.outcome } : null;
    default:
      return null;
  }
}

/** Bulk assign or verify from the list: each case on its own, reporting what failed and why. */
export async function bulkTransition(db: Db, origins: TCaseOrigins, user: TUser, body: TBulkBody) {
  const done: number[] = [];
  const changes: TCaseChange[] = [];
  const failed: { id: number; code: string; message: string }[] = [];
  const inScope = new Set((await repo.findCasesByIds(db, user, body.items.map((i) => i.id))).map((r) => r.id));
  for (const item of body.items) {
    if (!inScope.has(item.id)) {
      failed.push({ id: item.id, code: 'NOT_FOUND', message: '督办事项不存在或无权访问' });
      continue;
    }
    try {
      changes.push(
        await transitionCase(db, origins, user, item.id, {
          action: body.action,
          version: item.version,
          note: body.note,
          unitId: body.unitId,
          deadline: body.deadline,
          outcome: body.outcome,
          attachmentIds: [],
        }),
      );
      done.push(item.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id: item.id, code: err.code, message: err.message });
    }
  }
  return { done, failed, changes };
}

/**
 * One page of the case list in the caller's scope. A fresh micro-cache entry comes back with
 * `cachedJson`, the page already serialized, which the route sends as it is.
 */
export async function listCases(
  db: Db,
  user: TUser,
  q: TCaseListQuery,
  areaPrefix: string | null,
): Promise<{ page: TCasePage; cachedJson: string | null }> {
  const key = scopeKey(db, user, q, areaPrefix);
  const hit = caseListCache.get(key);
  if (hit) return { page: hit.page, cachedJson: hit.json };
  const { items, total, totalCapped } = await repo.findCases(db, user, q, areaPrefix);
  const now = new Date();
  const page = { items: items.map((c) => presentRow(c, now)), total, totalCapped, page: q.page, pageSize: q.pageSize };
  caseListCache.set(key, { page, json: JSON.stringify(page) });
  return { page, cachedJson: null };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A case with its events, attachments and the caller's allowed actions. */
export async function getCaseDetail(db: Db, user: TUser, id: number) {
  const c = await repo.findCaseById(db, user, id);
  if (!c) notFound('督办事项');
  const [events, files] = await Promise.all([
    repo.findEvents(db, id),
    attachments.findByOwners(db, 'case', [id]),
  ]);
  const byId = new Map(files.map((f) => [f.id, f]));
  const now = new Date();
  return {
    ...presentRow(c, now),
    description: c.description,
    lat: c.lat,
    lng: c.lng,
    foundById: c.foundById,
    foundByName: c.foundByName,
    requestedDeadline: iso(c.requestedDeadline),
    assignedAt: iso(c.assignedAt),
    submittedAt: iso(c.submittedAt),
    createdAt: c.createdAt.toISOString(),
    originType: c.originType,
    originId: c.originId,
    attachments: files.filter((f) => f.kind === 'before').map(attachments.presentAttachment),
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorKind: e.actorKind,
      actorRef: e.actorRef,
      actorName: e.actorKind === 'system' ? '系统' : e.actorKind === 'citizen' ? '群众' : e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      data: (e.data as Record<string, unknown> | null) ?? null,
      attachments: e.attachmentIds.map((aid) => byId.get(aid)).filter((f) => f !== undefined).map(attachments.presentAttachment),
    })),
    allowedActions: allowedActions(caseFacts(c), actorFacts(user)),
  };
}

type TRowLike = Awaited<ReturnType<typeof repo.findCases>>['items'][number];

/** A list row as the API shows it. */
export function presentRow(c: TRowLike, now: Date) {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    module: c.module as never,
    category: c.category,
    areaId: c.areaId,
    areaName: c.areaName,
    place: c.place,
    source: c.source as never,
    severity: c.severity as never,
    unitId: c.unitId,
    unitName: c.unitName,
    foundAt: c.foundAt.toISOString(),
    deadline: iso(c.deadline),
    status: c.status as TCaseStatus,
    outcome: c.outcome as TCaseOutcome | null,
    isOverdue: isOverdue(c.status as TCaseStatus, c.deadline, now),
    returnCount: c.returnCount,
    extensionCount: c.extensionCount,
    closedAt: iso(c.closedAt),
    updatedAt: c.updatedAt.toISOString(),
    version: c.version,
  };
}
