/**
 * Use cases of assistance: measures (帮扶措施) with fund allocations and payments, slow payments,
 * cadre visits (走访) where a problem found becomes a supervision case, visit statistics, and the
 * system's check of the 风险消除 criteria. Routes audit the returned changes.
 */
import type { TFundBody, TMeasure, TMeasureBody, TUpdateMeasureBody, TVisit, TVisitBody } from '../../../shared/contracts/households-work.js';
import { checkElimination } from '../../../shared/domain/households/elimination.js';
import { checkQuality, type TQualityFacts, type TQualityRule } from '../../../shared/domain/households/quality.js';
import {
  DELIVERED_MEASURE_STATUSES,
  MEASURE_STATUS_LABELS,
  MEASURE_TYPE_LABELS,
  type TFundKind,
  type TGuaranteeItem,
  type TGuaranteeStatus,
  type TLabourSkill,
  type TMeasureStatus,
  type TMeasureType,
  type TSchoolStatus,
} from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { userActor } from '../../lib/actor.js';
import * as attachments from '../attachments/attachments.port.js';
import * as cases from '../cases/cases.port.js';
import type { THouseholdChange } from './households.service.js';
import { pickLine } from './assistance.lines.js';
import * as repo from './assistance.repo.js';

const fail = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
};
const stale = () => new AppError('STALE_VERSION', '该记录已被他人更新，请刷新后重试');

async function loadSettings(db: Db) {
  // Imported lazily: leads.service imports this module too.
  const { getProcedureSettings } = await import('./leads.service.js');
  return getProcedureSettings(db);
}

async function unitFields(db: Db, unitId: number | null | undefined, unitName: string | null | undefined) {
  if (unitId == null) return { unitId: null, unitName: unitName ?? null };
  const u = await repo.findUnit(db, unitId);
  if (!u) return fail('unitId', '责任单位不存在或已停用');
  return { unitId: u.id, unitName: unitName ?? u.name };
}

function assertDates(startOn: string, endOn: string | null | undefined) {
  if (endOn && endOn < startOn) fail('endOn', '结束日期不能早于开始日期');
}

/** Presents measures with their funds and totals. */
export function presentMeasures(data: Awaited<ReturnType<typeof repo.findMeasures>>): TMeasure[] {
  return data.measures.map((m) => {
    const funds = data.funds.filter((f) => f.measureId === m.id);
    const sum = (k: TFundKind) => Math.round(funds.filter((f) => f.kind === k).reduce((s, f) => s + f.amount, 0) * 100) / 100;
    return {
      id: m.id,
      householdId: m.householdId,
      type: m.type as TMeasureType,
      typeLabel: MEASURE_TYPE_LABELS[m.type as TMeasureType] ?? m.type,
      content: m.content,
      amount: m.amount,
      startOn: m.startOn,
      endOn: m.endOn,
      unitId: m.unitId,
      unitName: m.unitName,
      status: m.status as TMeasureStatus,
      statusLabel: MEASURE_STATUS_LABELS[m.status as TMeasureStatus] ?? m.status,
      allocated: sum('allocation'),
      paid: sum('payment'),
      funds: funds.map((f) => ({ id: f.id, kind: f.kind as TFundKind, amount: f.amount, on: f.on, note: f.note })),
      version: m.version,
    };
  });
}

/** The measures of a household in scope. */
export async function listMeasures(db: Db, user: TUser, householdId: number) {
  if (!(await repo.findHousehold(db, user, householdId))) notFound('农户');
  return { items: presentMeasures(await repo.findMeasures(db, [householdId])) };
}

/** One measure in scope. */
export async function getMeasure(db: Db, user: TUser, measureId: number): Promise<TMeasure> {
  if (!(await repo.findMeasureById(db, user, measureId))) notFound('帮扶措施');
  return presentMeasures(await repo.findMeasures(db, [], [measureId]))[0];
}

/** Adds a measure to a household in scope. */
export async function createMeasure(db: Db, user: TUser, householdId: number, body: TMeasureBody): Promise<THouseholdChange> {
  if (!(await repo.findHousehold(db, user, householdId))) notFound('农户');
  assertDates(body.startOn, body.endOn);
  const unit = await unitFields(db, body.unitId, body.unitName);
  const values = { householdId, type: body.type, content: body.content, amount: body.amount ?? null, startOn: body.startOn, endOn: body.endOn ?? null, ...unit, status: body.status, createdById: user.id };
  const id = await repo.insertMeasure(db, values);
  return { entity: 'household', entityId: id, householdId, action: 'measure.create', before: null, after: values };
}

/** Updates a measure (versioned). */
export async function updateMeasure(db: Db, user: TUser, measureId: number, body: TUpdateMeasureBody): Promise<THouseholdChange> {
  const m = await repo.findMeasureById(db, user, measureId);
  if (!m) notFound('帮扶措施');
  if (m.version !== body.version) throw stale();
  const { version, unitId, unitName, ...rest } = body;
  const patch: Partial<repo.TNewMeasure> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (unitId !== undefined || unitName !== undefined) Object.assign(patch, await unitFields(db, unitId === undefined ? m.unitId : unitId, unitName === undefined ? m.unitName : unitName));
  assertDates(patch.startOn ?? m.startOn, patch.endOn === undefined ? m.endOn : patch.endOn);
  if (!(await repo.updateMeasureVersioned(db, measureId, version, patch))) throw stale();
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(patch)) before[k] = (m as Record<string, unknown>)[k];
  return { entity: 'household', entityId: measureId, householdId: m.householdId, action: 'measure.update', before, after: patch };
}

/** Records an allocation or a payment; payments may not exceed what was allocated. */
export async function addFund(db: Db, user: TUser, measureId: number, body: TFundBody): Promise<THouseholdChange> {
  const m = await repo.findMeasureById(db, user, measureId);
  if (!m) notFound('帮扶措施');
  if (m.status === 'cancelled') throw new AppError('CONFLICT', '该措施已取消，不能再登记资金');
  if (body.on > zoneDate()) fail('on', '日期不能晚于今天');
  if (body.kind === 'payment') {
    const t = await repo.fundTotals(db, measureId);
    if (t.paid + body.amount > t.allocated + 0.001) fail('amount', `拨付金额超过已安排资金（已安排 ${t.allocated} 元，已拨付 ${t.paid} 元）`);
  }
  await repo.insertFund(db, { measureId, kind: body.kind, amount: body.amount, on: body.on, note: body.note ?? null, recordedById: user.id });
  return { entity: 'household', entityId: measureId, householdId: m.householdId, action: `measure.${body.kind}`, before: null, after: { ...body } };
}

/** Measures with money allocated but not fully paid for longer than the setting (资金拨付滞后). */
export async function listSlowPayments(db: Db, user: TUser, areaPrefix: string | null) {
  const settings = await loadSettings(db);
  const today = zoneDate();
  const rows = await repo.findSlowPayments(db, user, { before: addDays(today, -settings.slowPaymentDays), areaPrefix });
  return {
    days: settings.slowPaymentDays,
    items: rows.map((r) => ({
      ...r,
      type: r.type as TMeasureType,
      typeLabel: MEASURE_TYPE_LABELS[r.type as TMeasureType] ?? r.type,
      allocated: Number(r.allocated),
      paid: Number(r.paid),
      daysWaiting: Math.round((Date.parse(today) - Date.parse(r.firstAllocatedOn)) / 86_400_000),
    })),
  };
}

function presentVisit(v: Awaited<ReturnType<typeof repo.findVisits>>[number], photos: attachments.TAttachmentRow[]): TVisit {
  // The visit's own order of photos, as the visitor picked them.
  const byId = new Map(photos.map((p) => [p.id, p]));
  return {
    id: v.id,
    householdId: v.householdId,
    visitedOn: v.visitedOn,
    visitorId: v.visitorId,
    visitorName: v.visitorName,
    findings: v.findings,
    photos: v.attachmentIds.flatMap((id) => (byId.has(id) ? [attachments.presentAttachment(byId.get(id)!)] : [])),
    hasProblem: v.hasProblem,
    caseId: v.caseId,
    createdAt: v.createdAt.toISOString(),
  };
}

/** The visits of a household in scope. */
export async function listVisits(db: Db, user: TUser, householdId: number) {
  if (!(await repo.findHousehold(db, user, householdId))) notFound('农户');
  const visits = await repo.findVisits(db, householdId);
  const photos = await attachments.findByOwners(db, 'household_visit', visits.map((v) => v.id));
  return { items: visits.map((v) => presentVisit(v, photos.filter((p) => p.ownerId === String(v.id)))) };
}

/**
 * Records a visit by the caller; photos are claimed attachments. A problem found becomes a
 * supervision case (module 帮扶, source 督导检查) in the same transaction.
 */
export async function recordVisit(db: Db, user: TUser, householdId: number, body: TVisitBody): Promise<THouseholdChange & { caseId: number | null }> {
  const h = await repo.findHousehold(db, user, householdId);
  if (!h) notFound('农户');
  if (body.visitedOn > zoneDate()) fail('visitedOn', '走访日期不能晚于今天');
  const ids = [...new Set(body.attachmentIds)];
  await attachments.assertClaimable(db, user.id, ids);
  const result = await db.transaction(async (t) => {
    const id = await repo.insertVisit(t, {
      householdId,
      visitedOn: body.visitedOn,
      visitorId: user.id,
      visitorName: user.displayName,
      findings: body.findings,
      attachmentIds: ids,
      hasProblem: Boolean(body.problem),
      createdById: user.id,
    });
    let caseId: number | null = null;
    if (body.problem) {
      const c = await cases.raiseCase(t, {
        actor: userActor(user),
        origin: { type: 'household_visit', id },
        case: {
          title: body.problem.title,
          description: `${body.problem.description || body.findings}（走访户编号 ${h.code}，${body.visitedOn}）`,
          module: 'assistance',
          areaId: h.areaId,
          source: 'inspection',
          severity: body.problem.severity,
          attachmentIds: [],
        },
      });
      caseId = c.caseId;
    }
    if (ids.length) await attachments.link(t, ids, 'household_visit', id, 'photo');
    return { id, caseId };
  });
  return {
    entity: 'household',
    entityId: result.id,
    householdId,
    caseId: result.caseId,
    action: 'visit.create',
    before: null,
    after: { visitedOn: body.visitedOn, findings: body.findings, caseId: result.caseId, photos: ids.length },
  };
}

/** Visits per cadre and village in scope over a period. */
export async function getVisitStats(db: Db, user: TUser, q: { from: string; to: string }, areaPrefix: string | null) {
  if (q.to < q.from) fail('to', '结束日期不能早于开始日期');
  return { from: q.from, to: q.to, ...(await repo.visitStats(db, user, { ...q, areaPrefix })) };
}

/** Checks the 风险消除 criteria of a household in scope (each criterion explained). */
export async function checkHouseholdElimination(db: Db, user: TUser, householdId: number) {
  const h = await repo.findHousehold(db, user, householdId);
  if (!h) notFound('农户');
  const settings = await loadSettings(db);
  const f = await repo.loadEliminationFacts(db, householdId, DELIVERED_MEASURE_STATUSES);
  const lines: Record<number, number> = {};
  for (const year of new Set(f.lines.map((l) => l.year))) {
    const line = pickLine(f.lines.filter((l) => l.year === year), h.areaCode);
    if (line != null) lines[year] = line;
  }
  const latestYear = Math.max(0, ...f.guarantees.map((g) => g.year));
  const items: Partial<Record<TGuaranteeItem, TGuaranteeStatus>> = {};
  for (const g of f.guarantees) if (g.year === latestYear) items[g.item as TGuaranteeItem] = g.status as TGuaranteeStatus;
  return checkElimination({
    today: zoneDate(),
    identifiedAt: h.identifiedAt,
    minMonths: settings.eliminationMinMonths,
    deliveredMeasures: f.delivered,
    incomes: f.incomes,
    lines,
    guarantees: latestYear ? { year: latestYear, items } : null,
    members: f.members.map((m) => ({ birthDate: m.birthDate, labourSkill: m.labourSkill as TLabourSkill | null })),
  });
}

/** Data-quality issues of monitored and lifted households in scope, grouped by village. */
export async function listQualityIssues(db: Db, user: TUser, areaPrefix: string | null) {
  const f = await repo.loadQualityFacts(db, user, areaPrefix);
  const members = new Map<number, TQualityFacts['members']>();
  for (const m of f.members) {
    const list = members.get(m.householdId) ?? [];
    list.push({ schoolStatus: m.schoolStatus as TSchoolStatus | null, migrantMonths: m.migrantMonths });
    members.set(m.householdId, list);
  }
  const villages = new Map<number, { areaId: number; areaName: string; issues: { householdId: number; householdCode: string; rule: TQualityRule; label: string; message: string }[] }>();
  let total = 0;
  for (const h of f.households) {
    const issues = checkQuality({ identifiedAt: h.identifiedAt, riskEliminatedAt: h.riskEliminatedAt, riskTypes: h.riskTypes, hasYuluMeasure: f.yulu.has(h.id), members: members.get(h.id) ?? [] });
    if (!issues.length) continue;
    const v = villages.get(h.areaId) ?? { areaId: h.areaId, areaName: h.areaName, issues: [] };
    for (const i of issues) v.issues.push({ householdId: h.id, householdCode: h.code, ...i });
    villages.set(h.areaId, v);
    total += issues.length;
  }
  return { total, villages: [...villages.values()] };
}
