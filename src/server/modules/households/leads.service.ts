/**
 * Use cases of leads and their procedures: raise a lead (staff, public self-report), take a step
 * (the shared step machine decides), list overdue leads and escalate them as supervision cases,
 * start a 风险消除 procedure, and the procedure settings. Routes audit the returned changes.
 */
import type {
  TCreateLeadBody,
  THardshipReportBody,
  TLeadDetail,
  TLeadListQuery,
  TLeadRow,
  TLeadStepBody,
  TProcedureSettings,
} from '../../../shared/contracts/households-work.js';
import { maskIdNumber, maskPhone } from '../../../shared/domain/households/id-number.js';
import {
  decideStep,
  deadlineStatus,
  openSteps,
  PROCEDURES,
  PROCEDURE_STATUS_LABELS,
  stepsForRole,
  type TProcedureKind,
  type TProcedureState,
  type TProcedureStatus,
  type TProcedureStep,
  type TStepRecord,
} from '../../../shared/domain/households/procedure.js';
import type { TDepartmentSource, TLeadChannel } from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { isAreaInScope } from '../../lib/scope.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { actorUserId, type TActor } from '../../lib/actor.js';
import * as cases from '../cases/cases.port.js';
import type { THouseholdChange } from './households.service.js';
import { parseIdNumber } from './households.service.js';
import { checkHouseholdElimination } from './assistance.service.js';
import * as repo from './leads.repo.js';

/** Defaults of the procedure settings (examples from domain.md; admins change them). */
export const DEFAULT_PROCEDURE_SETTINGS: TProcedureSettings = {
  identificationLimitDays: 15,
  publicityMinDays: 5,
  slowPaymentDays: 30,
  eliminationMinMonths: 6,
  selfReportPerIpPerHour: 5,
  selfReportPerPhonePerDay: 3,
};

const SETTINGS_KEY = 'procedure';
const fail = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
};

/** The procedure settings (defaults for anything unset). */
export async function getProcedureSettings(db: Db): Promise<TProcedureSettings> {
  const row = await repo.findSetting(db, SETTINGS_KEY);
  return { ...DEFAULT_PROCEDURE_SETTINGS, ...((row?.value as Partial<TProcedureSettings>) ?? {}) };
}

/** Replaces the procedure settings. */
export async function setProcedureSettings(db: Db, user: TUser, body: TProcedureSettings): Promise<THouseholdChange> {
  const before = await getProcedureSettings(db);
  await repo.upsertSetting(db, SETTINGS_KEY, body, user.id);
  return { entity: 'monitoring_setting', entityId: SETTINGS_KEY, action: 'procedure_settings.set', before: { ...before }, after: { ...body } };
}

function stateOf(l: repo.TLeadRecord): TProcedureState {
  return { kind: l.kind as TProcedureKind, status: l.status as TProcedureStatus, done: l.steps as TProcedureState['done'] };
}

/** A lead row as the API shows it (ID number and phone masked). */
export function presentLead(l: repo.TLeadRecord, settings: TProcedureSettings, today = zoneDate()): TLeadRow {
  const state = stateOf(l);
  const end = l.closedAt ? zoneDate(l.closedAt) : today;
  const d = deadlineStatus(l.raisedOn, end, settings.identificationLimitDays);
  return {
    id: l.id,
    code: l.code,
    kind: state.kind,
    channel: l.channel as TLeadChannel | null,
    department: l.department as TDepartmentSource | null,
    householdId: l.householdId,
    householdCode: l.householdCode,
    personName: l.personName,
    idNumber: maskIdNumber(l.idNumber),
    phone: maskPhone(l.phone),
    areaId: l.areaId,
    areaName: l.areaName,
    reason: l.reason,
    raisedAt: l.raisedAt.toISOString(),
    raisedOn: l.raisedOn,
    status: state.status,
    statusLabel: PROCEDURE_STATUS_LABELS[state.kind][state.status],
    openSteps: openSteps(state),
    limitDays: settings.identificationLimitDays,
    daysUsed: d.daysUsed,
    daysRemaining: d.daysRemaining,
    isOverdue: state.status === 'in_progress' && d.isOverdue,
    escalatedCaseId: l.escalatedCaseId,
    version: l.version,
  };
}

async function resolveArea(db: Db, user: TUser | null, areaId: number) {
  const area = await repo.findArea(db, areaId);
  if (!area || !area.isActive || (user && !isAreaInScope(user, area.code))) return fail('areaId', '所选村不存在或不在您的管辖范围内');
  if (area.level !== 'village') return fail('areaId', '请选择行政村（社区）');
  return area;
}

/** One page of leads in scope (unit-scoped roles see none). */
export async function listLeads(db: Db, user: TUser, q: TLeadListQuery) {
  const settings = await getProcedureSettings(db);
  const today = zoneDate();
  let areaPrefix: string | null = null;
  if (q.areaId) areaPrefix = (await repo.findArea(db, q.areaId))?.prefix ?? fail('areaId', '区域不存在');
  const overdueBefore = addDays(today, -settings.identificationLimitDays);
  const { items, total } = await repo.findLeads(db, user, q, { areaPrefix, overdueBefore });
  return { items: items.map((l) => presentLead(l, settings, today)), total, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

/** A lead with its steps, history and the steps the caller may take; 404 outside scope. */
export async function getLeadDetail(db: Db, user: TUser, id: number): Promise<TLeadDetail> {
  const l = await repo.findLeadById(db, user, id);
  if (!l) notFound('线索');
  const settings = await getProcedureSettings(db);
  const state = stateOf(l);
  const open = new Set(openSteps(state));
  const events = await repo.findLeadEvents(db, id);
  return {
    ...presentLead(l, settings),
    numbers: l.numbers as Record<string, number | string>,
    steps: PROCEDURES[state.kind].map((d) => {
      const r = state.done[d.step];
      return {
        step: d.step,
        label: d.label,
        state: r ? 'done' : open.has(d.step) ? 'open' : 'waiting',
        after: [...d.after],
        roles: [...d.roles],
        hasPublicity: Boolean(d.hasPublicity),
        on: r?.on ?? null,
        byName: r?.byName ?? null,
        note: r?.note ?? null,
        publicityStart: r?.publicityStart ?? null,
        publicityEnd: r?.publicityEnd ?? null,
      };
    }),
    refusedStep: l.refusedStep as TProcedureStep | null,
    refusedReason: l.refusedReason,
    closedAt: l.closedAt?.toISOString() ?? null,
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    abilities: { steps: stepsForRole(state, user.role) },
  };
}

interface TRaise {
  kind: TProcedureKind;
  channel: TLeadChannel | null;
  department?: TDepartmentSource | null;
  householdId: number | null;
  personName: string | null;
  idNumber: string | null;
  phone: string | null;
  areaId: number;
  areaCode: string;
  reason: string;
  numbers?: Record<string, number | string>;
  raisedAt: Date;
  reporterIp?: string | null;
  actorId: number | null;
}

const CODE_PREFIX: Record<TProcedureKind, string> = { identification: 'XS', elimination: 'XC' };

/** Inserts a lead and its creation event (in the caller's transaction when given one). */
export async function raiseLead(db: Db, r: TRaise) {
  const raisedOn = zoneDate(r.raisedAt);
  const { id, code } = await repo.insertLead(
    db,
    {
      kind: r.kind,
      channel: r.channel,
      department: r.department ?? null,
      householdId: r.householdId,
      personName: r.personName,
      idNumber: r.idNumber,
      phone: r.phone,
      areaId: r.areaId,
      areaCode: r.areaCode,
      reason: r.reason,
      numbers: r.numbers ?? {},
      raisedAt: r.raisedAt,
      raisedOn,
      status: 'in_progress',
      steps: {},
      reporterIp: r.reporterIp ?? null,
      createdById: r.actorId,
    },
    `${CODE_PREFIX[r.kind]}${raisedOn.replace(/-/g, '')}`,
  );
  await repo.insertLeadEvent(db, { leadId: id, actorId: r.actorId, action: 'create', fromStatus: null, toStatus: 'in_progress', note: r.reason });
  return { id, code };
}

/** Raises a lead by staff: on a registered household, or on a person by ID number (matched to their household when registered). */
export async function createLead(db: Db, user: TUser, body: TCreateLeadBody): Promise<THouseholdChange & { leadId: number }> {
  let householdId: number | null = null;
  let areaId: number;
  let areaCode: string;
  let idNumber: string | null = null;
  if (body.idNumber) idNumber = parseIdNumber(body.idNumber).value;
  if (body.householdId) {
    const h = await repo.findHouseholdForProcedure(db, user, body.householdId);
    if (!h) return fail('householdId', '农户不存在或不在您的管辖范围内');
    ({ id: householdId, areaId, areaCode } = h);
  } else {
    const holder = idNumber ? await repo.findHouseholdByMemberIdNumber(db, idNumber) : null;
    if (holder && isAreaInScope(user, holder.areaCode)) ({ householdId, areaId, areaCode } = holder);
    else {
      if (!body.areaId) return fail('areaId', '该人员未在农户库登记，请选择所在村');
      const area = await resolveArea(db, user, body.areaId);
      ({ id: areaId, code: areaCode } = area);
    }
  }
  if (householdId && (await repo.hasOpenLead(db, householdId, 'identification'))) {
    throw new AppError('DUPLICATE', '该户已有正在识别的线索，请在原线索中办理', { householdId: '该户已有正在识别的线索' });
  }
  const raisedAt = body.raisedAt ? new Date(body.raisedAt) : new Date();
  if (raisedAt.getTime() > Date.now() + 60_000) fail('raisedAt', '发现时间不能晚于现在');
  const { id, code } = await db.transaction((t) =>
    raiseLead(t, {
      kind: 'identification',
      channel: body.channel,
      householdId,
      personName: body.personName ?? null,
      idNumber,
      phone: body.phone ?? null,
      areaId,
      areaCode,
      reason: body.reason,
      raisedAt,
      actorId: user.id,
    }),
  );
  return {
    entity: 'household',
    entityId: id,
    leadId: id,
    householdId: householdId ?? undefined,
    action: 'lead.create',
    before: null,
    after: { code, channel: body.channel, householdId, idNumber: maskIdNumber(idNumber), areaId, reason: body.reason },
  };
}

/**
 * The public self-report (no login): validated ID number, throttled per IP and per phone,
 * becomes a lead with channel 自主申报. Returns the receipt number.
 */
export async function submitHardshipReport(db: Db, body: THardshipReportBody, ip: string) {
  const settings = await getProcedureSettings(db);
  const now = new Date();
  const counts = await repo.countRecentSelfReports(db, {
    ip,
    ipSince: new Date(now.getTime() - 3600_000),
    phone: body.phone,
    phoneSince: new Date(now.getTime() - 86_400_000),
  });
  if (counts.byIp >= settings.selfReportPerIpPerHour || counts.byPhone >= settings.selfReportPerPhonePerDay) {
    throw new AppError('RATE_LIMITED', '提交过于频繁，请稍后再试；如情况紧急，请拨打 12317 热线或联系村干部');
  }
  const id = parseIdNumber(body.idNumber);
  const area = await resolveArea(db, null, body.areaId);
  const holder = await repo.findHouseholdByMemberIdNumber(db, id.value);
  const householdId = holder && holder.areaCode === area.code ? holder.householdId : null;
  const who = body.isOnBehalf ? `（${body.reporterName || '他人'}代为申报）` : '（本人申报）';
  const { id: leadId, code } = await db.transaction((t) =>
    raiseLead(t, {
      kind: 'identification',
      channel: 'self_report',
      householdId,
      personName: body.name,
      idNumber: id.value,
      phone: body.phone,
      areaId: area.id,
      areaCode: area.code,
      reason: `${body.description}${who}`,
      raisedAt: now,
      reporterIp: ip,
      actorId: null,
    }),
  );
  return {
    receipt: { receiptNo: code, message: `已收到您的申报，回执号 ${code}。村干部将在 15 日内入户核实，请保持电话畅通。` },
    change: { entity: 'household' as const, entityId: leadId, action: 'lead.self_report', before: null, after: { code, areaId: area.id, idNumber: maskIdNumber(id.value) } },
  };
}

/** Takes a step of a lead's procedure (complete or refuse), checked by the shared machine. */
export async function takeStep(db: Db, user: TUser, leadId: number, body: TLeadStepBody): Promise<THouseholdChange> {
  const l = await repo.findLeadById(db, user, leadId);
  if (!l) notFound('线索');
  if (l.version !== body.version) throw new AppError('STALE_VERSION', '该线索已被他人更新，请刷新后重试');
  const settings = await getProcedureSettings(db);
  const state = stateOf(l);
  const today = zoneDate();
  const decision = decideStep(state, { id: user.id, name: user.displayName, role: user.role }, {
    step: body.step,
    action: body.action,
    note: body.note,
    publicityStart: body.publicityStart,
    publicityEnd: body.publicityEnd,
    today,
    publicityMinDays: settings.publicityMinDays,
  });
  if (!decision.ok) throw new AppError(decision.code, decision.message, decision.field ? { [decision.field]: decision.message } : undefined);

  let householdId = l.householdId;
  const isCompleting = decision.status === 'completed';
  if (isCompleting && state.kind === 'identification') {
    if (!body.category) fail('category', '纳入监测须选择监测对象类别');
    if (!householdId) {
      if (!body.householdId) fail('householdId', '该线索尚未关联农户，请先在农户库登记该户后选择');
      const h = await repo.findHouseholdForProcedure(db, user, body.householdId!);
      if (!h) fail('householdId', '农户不存在或不在您的管辖范围内');
      householdId = h!.id;
    }
  }
  if (isCompleting && state.kind === 'elimination') {
    const check = await checkHouseholdElimination(db, user, householdId!);
    if (!check.isEligible) throw eliminationUnmet(check.criteria);
  }
  const steps = { ...state.done, [body.step]: decision.record } as Record<string, TStepRecord>;
  const closed = decision.status !== 'in_progress';
  const ok = await db.transaction(async (t) => {
    const patch: Partial<repo.TNewLead> = { steps, status: decision.status, householdId };
    if (closed) patch.closedAt = new Date();
    if (decision.status === 'refused') Object.assign(patch, { refusedStep: body.step, refusedReason: decision.record.note });
    if (!(await repo.updateLeadVersioned(t, leadId, body.version, patch))) return false;
    await repo.insertLeadEvent(t, {
      leadId,
      actorId: user.id,
      action: body.action,
      step: body.step,
      fromStatus: state.status,
      toStatus: decision.status,
      note: decision.record.note,
      data: decision.record.publicityStart ? { publicityStart: decision.record.publicityStart, publicityEnd: decision.record.publicityEnd } : null,
    });
    if (isCompleting && state.kind === 'identification') {
      await repo.setMonitored(t, householdId!, { category: body.category!, identifiedAt: today, riskTypes: body.riskTypes });
    }
    if (isCompleting && state.kind === 'elimination') await repo.setRiskEliminated(t, householdId!, today);
    return true;
  });
  if (!ok) throw new AppError('STALE_VERSION', '该线索已被他人更新，请刷新后重试');
  return {
    entity: 'household',
    entityId: leadId,
    householdId: householdId ?? undefined,
    action: `lead.${body.action}`,
    before: { status: state.status },
    after: { step: body.step, status: decision.status, note: decision.record.note, ...(body.category ? { category: body.category } : {}) },
  };
}

/** 409 listing every unmet 风险消除 criterion. */
export function eliminationUnmet(criteria: { isMet: boolean; label: string; message: string }[]) {
  const unmet = criteria.filter((c) => !c.isMet);
  return new AppError('ELIMINATION_CRITERIA_UNMET', `不符合风险消除条件：${unmet.map((c) => `${c.label}（${c.message}）`).join('；')}`);
}

/** Starts a 风险消除 procedure on a monitored household that meets every criterion. */
export async function startElimination(db: Db, user: TUser, householdId: number, note: string | null): Promise<THouseholdChange & { leadId: number }> {
  const h = await repo.findHouseholdForProcedure(db, user, householdId);
  if (!h) notFound('农户');
  if (h.type !== 'monitored' || h.riskEliminatedAt) throw new AppError('CONFLICT', '只有风险未消除的监测户才能启动风险消除程序');
  if (await repo.hasOpenLead(db, householdId, 'elimination')) throw new AppError('DUPLICATE', '该户已有正在办理的风险消除程序');
  const check = await checkHouseholdElimination(db, user, householdId);
  if (!check.isEligible) throw eliminationUnmet(check.criteria);
  const { id, code } = await db.transaction((t) =>
    raiseLead(t, {
      kind: 'elimination',
      channel: null,
      householdId,
      personName: null,
      idNumber: null,
      phone: null,
      areaId: h.areaId,
      areaCode: h.areaCode,
      reason: note || '经系统核对，符合风险消除条件，启动风险消除程序',
      raisedAt: new Date(),
      actorId: user.id,
    }),
  );
  return { entity: 'household', entityId: id, leadId: id, householdId, action: 'elimination.start', before: null, after: { code } };
}

/**
 * Records on a lead that the case raised for it (its overdue escalation) closed or reopened: the
 * case port tells the lead's module, in the case change's transaction.
 */
export async function recordLeadCaseEvent(
  db: Db,
  leadId: number,
  e: { action: 'case_closed' | 'case_reopened'; caseCode: string; status: string; actor: TActor },
): Promise<void> {
  const lead = await repo.findLeadStatus(db, leadId);
  if (!lead) return;
  await repo.insertLeadEvent(db, {
    leadId,
    actorId: actorUserId(e.actor),
    action: e.action,
    fromStatus: lead.status,
    toStatus: lead.status,
    note: e.action === 'case_closed' ? `督办事项 ${e.caseCode} ${e.status === 'cancelled' ? '已撤销' : '已销号'}` : `督办事项 ${e.caseCode} 重新整改`,
    data: { caseCode: e.caseCode, caseStatus: e.status },
  });
}

/**
 * Escalates every overdue lead (past the limit, still in progress) as a supervision case
 * (module 帮扶, source 系统预警), once per lead (the lead is the case's origin). Run by an admin
 * or a leader, or by the nightly job as the system.
 */
export async function escalateOverdueLeads(db: Db, actor: cases.TRaisingActor) {
  const settings = await getProcedureSettings(db);
  const today = zoneDate();
  const overdue = await repo.findOverdueUnescalated(db, addDays(today, -settings.identificationLimitDays));
  const caseIds: number[] = [];
  for (const l of overdue) {
    const used = deadlineStatus(l.raisedOn, today, settings.identificationLimitDays).daysUsed;
    const who = l.householdCode ? `户编号 ${l.householdCode}` : (l.personName ?? '');
    const what = l.kind === 'elimination' ? '风险消除' : '监测对象识别';
    const caseId = await db.transaction(async (t) => {
      const c = await cases.raiseCase(t, {
        actor,
        origin: { type: 'household_lead', id: l.id },
        case: {
          title: `${what}超时：线索 ${l.code}（${who}）`,
          description: `线索 ${l.code} 于 ${l.raisedOn} 发现，已用 ${used} 天，超过 ${settings.identificationLimitDays} 天办理时限。线索内容：${l.reason}`,
          module: 'assistance',
          areaId: l.areaId,
          source: 'system_alert',
          severity: 'serious',
          attachmentIds: [],
        },
      });
      await repo.insertLeadEvent(t, {
        leadId: l.id,
        actorId: actorUserId(actor),
        action: 'escalate',
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        note: `${actor.kind === 'system' ? '系统' : ''}超时督办，督办事项 ${c.code}`,
      });
      return c.caseId;
    }).catch((err) => {
      // Escalated concurrently (another instance, another click): the lead has its case.
      if (err instanceof AppError && err.code === 'DUPLICATE') return null;
      throw err;
    });
    if (caseId) caseIds.push(caseId);
  }
  return { escalated: caseIds.length, caseIds };
}
