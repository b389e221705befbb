/**
 * The two review procedures of 防止返贫动态监测, as one pure step machine:
 * - identification (识别纳入): 入户核实 → 信息比对 ∥ 村级评议公示 → 乡镇审核 → 区县审批 → 结果公告 → 纳入监测;
 * - elimination (风险消除): 入户核实 → 民主评议公示 → 审核确认公告.
 * Each step names the roles of its level and the steps it waits for (信息比对 and 村级评议 run in
 * parallel after 入户核实). Any step open to an actor may instead refuse the procedure, with a reason.
 */
import type { TRole } from '../roles.js';

/** Kinds of procedure. */
export const PROCEDURE_KINDS = ['identification', 'elimination'] as const;
/** One of PROCEDURE_KINDS. */
export type TProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** Every step of both procedures. */
export const PROCEDURE_STEPS = [
  'home_visit', 'data_check', 'village_review', 'township_review', 'district_approval', 'announcement', 'enroll',
  'review_publicity', 'confirm_announce',
] as const;
/** One of PROCEDURE_STEPS. */
export type TProcedureStep = (typeof PROCEDURE_STEPS)[number];

/** Status of a procedure. */
export const PROCEDURE_STATUSES = ['in_progress', 'completed', 'refused'] as const;
/** One of PROCEDURE_STATUSES. */
export type TProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/** Chinese labels of statuses, per kind. */
export const PROCEDURE_STATUS_LABELS: Record<TProcedureKind, Record<TProcedureStatus, string>> = {
  identification: { in_progress: '识别中', completed: '已纳入监测', refused: '不予纳入' },
  elimination: { in_progress: '消除审核中', completed: '风险已消除', refused: '不予消除' },
};

/** One step's definition. */
export interface TStepDef {
  step: TProcedureStep;
  label: string;
  /** Roles of the level that performs the step. */
  roles: readonly TRole[];
  /** Steps that must be done first. */
  after: readonly TProcedureStep[];
  /** The step records a publicity period (公示) with a minimum length. */
  hasPublicity?: boolean;
}

const DISTRICT: readonly TRole[] = ['leader', 'admin'];

/** The steps of each procedure, in display order. */
export const PROCEDURES: Record<TProcedureKind, readonly TStepDef[]> = {
  identification: [
    { step: 'home_visit', label: '入户核实', roles: ['village_cadre'], after: [] },
    { step: 'data_check', label: '信息比对', roles: DISTRICT, after: ['home_visit'] },
    { step: 'village_review', label: '村级评议公示', roles: ['village_cadre'], after: ['home_visit'], hasPublicity: true },
    { step: 'township_review', label: '乡镇审核', roles: ['township_cadre'], after: ['data_check', 'village_review'] },
    { step: 'district_approval', label: '区县审批', roles: DISTRICT, after: ['township_review'] },
    { step: 'announcement', label: '结果公告', roles: ['village_cadre', 'township_cadre'], after: ['district_approval'] },
    { step: 'enroll', label: '纳入监测', roles: ['village_cadre', 'township_cadre'], after: ['announcement'] },
  ],
  elimination: [
    { step: 'home_visit', label: '入户核实', roles: ['village_cadre'], after: [] },
    { step: 'review_publicity', label: '民主评议公示', roles: ['village_cadre'], after: ['home_visit'], hasPublicity: true },
    { step: 'confirm_announce', label: '审核确认公告', roles: ['township_cadre'], after: ['review_publicity'] },
  ],
};

/** The record of a done step. */
export interface TStepRecord {
  on: string;
  byId: number | null;
  byName: string | null;
  note: string | null;
  publicityStart?: string | null;
  publicityEnd?: string | null;
}

/** What the machine needs to know of a procedure. */
export interface TProcedureState {
  kind: TProcedureKind;
  status: TProcedureStatus;
  done: Partial<Record<TProcedureStep, TStepRecord>>;
}

/** The step asked for. */
export interface TStepInput {
  step: TProcedureStep;
  action: 'complete' | 'refuse';
  note?: string | null;
  publicityStart?: string | null;
  publicityEnd?: string | null;
  /** Zone date of the action. */
  today: string;
  publicityMinDays: number;
}

/** Codes the machine refuses with (mapped to AppError codes by the server). */
export type TStepRefusalCode = 'PROCEDURE_CLOSED' | 'PROCEDURE_STEP_NOT_AVAILABLE' | 'PROCEDURE_FORBIDDEN_FOR_ROLE' | 'VALIDATION_FAILED';

/** The machine's answer. */
export type TStepDecision =
  | { ok: true; status: TProcedureStatus; record: TStepRecord; isFinal: boolean }
  | { ok: false; code: TStepRefusalCode; message: string; field?: string };

/** The definition of a step in a procedure, or undefined when the kind has no such step. */
export function stepDef(kind: TProcedureKind, step: TProcedureStep): TStepDef | undefined {
  return PROCEDURES[kind].find((d) => d.step === step);
}

/** Steps that may be done now (prerequisites done, not done yet), in order. */
export function openSteps(state: TProcedureState): TProcedureStep[] {
  if (state.status !== 'in_progress') return [];
  return PROCEDURES[state.kind].filter((d) => !state.done[d.step] && d.after.every((a) => state.done[a])).map((d) => d.step);
}

/** Open steps a role may act on (what the UI offers). */
export function stepsForRole(state: TProcedureState, role: TRole): TProcedureStep[] {
  return openSteps(state).filter((s) => stepDef(state.kind, s)!.roles.includes(role));
}

/** Days from `from` to `to` (YYYY-MM-DD), counting both ends. */
export function inclusiveDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Decides a step: completes it (maybe ending the procedure) or refuses the whole procedure. */
export function decideStep(state: TProcedureState, actor: { id: number; name: string; role: TRole }, input: TStepInput): TStepDecision {
  const labels = PROCEDURE_STATUS_LABELS[state.kind];
  if (state.status !== 'in_progress') return { ok: false, code: 'PROCEDURE_CLOSED', message: `该事项已办结（${labels[state.status]}），不能再办理` };
  const def = stepDef(state.kind, input.step);
  if (!def) return { ok: false, code: 'PROCEDURE_STEP_NOT_AVAILABLE', message: '该程序没有这一环节' };
  if (state.done[input.step]) return { ok: false, code: 'PROCEDURE_STEP_NOT_AVAILABLE', message: `“${def.label}”已完成` };
  const waiting = def.after.filter((a) => !state.done[a]);
  if (waiting.length) {
    const names = waiting.map((w) => stepDef(state.kind, w)!.label).join('、');
    return { ok: false, code: 'PROCEDURE_STEP_NOT_AVAILABLE', message: `请先完成“${names}”再办理“${def.label}”` };
  }
  if (!def.roles.includes(actor.role)) {
    return { ok: false, code: 'PROCEDURE_FORBIDDEN_FOR_ROLE', message: `“${def.label}”须由${roleLevelLabel(def.roles)}办理` };
  }
  const note = input.note?.trim() || null;
  const base: TStepRecord = { on: input.today, byId: actor.id, byName: actor.name, note };
  if (input.action === 'refuse') {
    if (!note) return { ok: false, code: 'VALIDATION_FAILED', message: '请填写不予通过的理由', field: 'note' };
    return { ok: true, status: 'refused', record: base, isFinal: true };
  }
  if (def.hasPublicity) {
    const { publicityStart: s, publicityEnd: e } = input;
    if (!s) return { ok: false, code: 'VALIDATION_FAILED', message: '请填写公示开始日期', field: 'publicityStart' };
    if (!e) return { ok: false, code: 'VALIDATION_FAILED', message: '请填写公示结束日期', field: 'publicityEnd' };
    if (e < s) return { ok: false, code: 'VALIDATION_FAILED', message: '公示结束日期不能早于开始日期', field: 'publicityEnd' };
    if (e > input.today) return { ok: false, code: 'VALIDATION_FAILED', message: '公示期尚未结束，结束后再办理', field: 'publicityEnd' };
    const days = inclusiveDays(s, e);
    if (days < input.publicityMinDays) {
      return { ok: false, code: 'VALIDATION_FAILED', message: `公示期 ${days} 天，不少于 ${input.publicityMinDays} 天`, field: 'publicityEnd' };
    }
    base.publicityStart = s;
    base.publicityEnd = e;
  }
  const done = { ...state.done, [input.step]: base };
  const isFinal = PROCEDURES[state.kind].every((d) => done[d.step]);
  return { ok: true, status: isFinal ? 'completed' : 'in_progress', record: base, isFinal };
}

function roleLevelLabel(roles: readonly TRole[]): string {
  if (roles.includes('leader')) return '区县级（区领导或管理员）';
  const parts: string[] = [];
  if (roles.includes('village_cadre')) parts.push('村干部');
  if (roles.includes('township_cadre')) parts.push('乡镇干部');
  return parts.join('或');
}

/** Time used against the procedure's limit: days since it was raised, remaining, overdue. */
export function deadlineStatus(raisedOn: string, endOn: string, limitDays: number) {
  const used = Math.max(0, inclusiveDays(raisedOn, endOn) - 1);
  return { daysUsed: used, daysRemaining: limitDays - used, isOverdue: used > limitDays };
}
