/**
 * The supervision case (督办事项) state machine: pure code shared by server and web.
 *
 * 待交办 → 整改中 → 待复核 → 已销号, with 退回 (returned for rework), 延期申请
 * (extension requested, approved or refused) and 撤销 (cancelled). The server asks
 * `decideTransition` whether an actor may take an action on a case and what the case
 * becomes; the UI asks `allowedActions` which buttons to show. Neither touches I/O.
 */
import { isSupervisor, type TRole } from './roles.js';

export const CASE_STATUSES = [
  'pending_assign',
  'rectifying',
  'extension_requested',
  'pending_verify',
  'returned',
  'closed',
  'cancelled',
] as const;
export type TCaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<TCaseStatus, string> = {
  pending_assign: '待交办',
  rectifying: '整改中',
  extension_requested: '延期申请中',
  pending_verify: '待复核',
  returned: '已退回',
  closed: '已销号',
  cancelled: '已撤销',
};

/** Statuses in which a case is still open (counts toward overdue). */
export const OPEN_STATUSES: readonly TCaseStatus[] = [
  'pending_assign',
  'rectifying',
  'extension_requested',
  'pending_verify',
  'returned',
];

/** Statuses in which the responsible unit owes work (the deadline binds them). */
export const UNIT_WORK_STATUSES: readonly TCaseStatus[] = ['rectifying', 'returned', 'extension_requested'];

export const CASE_ACTIONS = [
  'assign',
  'reassign',
  'submit',
  'verify',
  'return',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'cancel',
  'reopen',
] as const;
export type TCaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<TCaseAction, string> = {
  assign: '交办',
  reassign: '改派',
  submit: '提交整改',
  verify: '复核销号',
  return: '退回',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  refuse_extension: '不同意延期',
  cancel: '撤销',
  reopen: '重新打开',
};

/** Outcomes are kept apart from closure: "closed" is not "fixed". */
export const CASE_OUTCOMES = ['fixed', 'partly_fixed', 'not_ours', 'duplicate', 'unfounded', 'cannot_fix'] as const;
export type TCaseOutcome = (typeof CASE_OUTCOMES)[number];
export const CASE_OUTCOME_LABELS: Record<TCaseOutcome, string> = {
  fixed: '已整改到位',
  partly_fixed: '部分整改',
  not_ours: '非本单位职责',
  duplicate: '重复问题',
  unfounded: '反映不属实',
  cannot_fix: '暂不具备整改条件',
};

/** The facts about a case that the machine needs. */
export interface TCaseFacts {
  status: TCaseStatus;
  unitId: number | null;
  foundById: number | null;
  /** The user who submitted the latest rectification, if any. */
  lastSubmitterId: number | null;
}

/** The facts about an actor that the machine needs. Scope is checked before. */
export interface TActorFacts {
  id: number;
  role: TRole;
  unitId: number | null;
}

/** What an action carries; the machine validates that the required parts are there. */
export interface TActionInput {
  action: TCaseAction;
  note?: string | null;
  unitId?: number | null;
  deadline?: string | null;
  currentDeadline?: string | null;
  outcome?: TCaseOutcome | null;
  attachmentIds?: readonly string[];
}

/** The machine's answer: either the next status, or a refusal with a stable code. */
export type TDecision =
  | { ok: true; to: TCaseStatus; counts?: { returns?: 1; extensions?: 1 } }
  | { ok: false; code: TRefusalCode; message: string };

export type TRefusalCode =
  | 'CASE_ACTION_NOT_ALLOWED_IN_STATUS'
  | 'CASE_FORBIDDEN_FOR_ROLE'
  | 'CASE_NOT_RESPONSIBLE_UNIT'
  | 'CASE_SELF_VERIFY'
  | 'CASE_INPUT_REQUIRED';

/** Which status each action may start from, and where it leads. */
const TABLE: Record<TCaseAction, { from: readonly TCaseStatus[]; to: TCaseStatus }> = {
  assign: { from: ['pending_assign'], to: 'rectifying' },
  reassign: { from: ['rectifying', 'returned', 'extension_requested'], to: 'rectifying' },
  submit: { from: ['rectifying', 'returned'], to: 'pending_verify' },
  verify: { from: ['pending_verify'], to: 'closed' },
  return: { from: ['pending_verify'], to: 'returned' },
  request_extension: { from: ['rectifying', 'returned'], to: 'extension_requested' },
  approve_extension: { from: ['extension_requested'], to: 'rectifying' },
  refuse_extension: { from: ['extension_requested'], to: 'rectifying' },
  cancel: { from: ['pending_assign', 'rectifying', 'extension_requested', 'pending_verify', 'returned'], to: 'cancelled' },
  reopen: { from: ['closed'], to: 'rectifying' },
};

function refuse(code: TRefusalCode, message: string): TDecision {
  return { ok: false, code, message };
}

function isResponsible(c: TCaseFacts, a: TActorFacts): boolean {
  return c.unitId != null && a.unitId === c.unitId;
}

/** Who may take each action, given case and actor. Returns a refusal or null. */
function checkActor(action: TCaseAction, c: TCaseFacts, a: TActorFacts): TDecision | null {
  const supervisor = isSupervisor(a.role);
  switch (action) {
    case 'assign':
    case 'reassign':
      return supervisor || a.role === 'township_cadre'
        ? null
        : refuse('CASE_FORBIDDEN_FOR_ROLE', '只有督导组、区领导或乡镇干部可以交办');
    case 'submit':
    case 'request_extension':
      return isResponsible(c, a) ? null : refuse('CASE_NOT_RESPONSIBLE_UNIT', '只有责任单位可以提交整改或申请延期');
    case 'verify':
    case 'return':
      if (!supervisor) return refuse('CASE_FORBIDDEN_FOR_ROLE', '只有督导组或区领导可以复核');
      if (isResponsible(c, a) || c.lastSubmitterId === a.id) {
        return refuse('CASE_SELF_VERIFY', '责任单位不能复核本单位的整改');
      }
      return null;
    case 'approve_extension':
    case 'refuse_extension':
      if (!supervisor) return refuse('CASE_FORBIDDEN_FOR_ROLE', '只有督导组或区领导可以审批延期');
      if (isResponsible(c, a)) return refuse('CASE_SELF_VERIFY', '责任单位不能审批本单位的延期申请');
      return null;
    case 'cancel':
      return supervisor || a.role === 'admin' ? null : refuse('CASE_FORBIDDEN_FOR_ROLE', '只有督导组、区领导或管理员可以撤销');
    case 'reopen':
      return supervisor ? null : refuse('CASE_FORBIDDEN_FOR_ROLE', '只有督导组或区领导可以重新打开');
  }
}

/** Checks that an action carries what it needs (a unit, a deadline, a reason, …). */
function checkInput(input: TActionInput): TDecision | null {
  const note = input.note?.trim() ?? '';
  switch (input.action) {
    case 'assign':
    case 'reassign':
      if (input.unitId == null) return refuse('CASE_INPUT_REQUIRED', '请选择责任单位');
      if (!input.deadline) return refuse('CASE_INPUT_REQUIRED', '请设置整改期限');
      return null;
    case 'submit':
      if (!note && !(input.attachmentIds?.length)) return refuse('CASE_INPUT_REQUIRED', '请填写整改情况或上传整改照片');
      return null;
    case 'return':
    case 'cancel':
    case 'refuse_extension':
    case 'reopen':
      return note ? null : refuse('CASE_INPUT_REQUIRED', '请填写理由');
    case 'request_extension':
      if (!note) return refuse('CASE_INPUT_REQUIRED', '请填写延期理由');
      if (!input.deadline) return refuse('CASE_INPUT_REQUIRED', '请选择申请延期至的日期');
      if (input.currentDeadline && input.deadline <= input.currentDeadline) {
        return refuse('CASE_INPUT_REQUIRED', '延期后的期限必须晚于当前期限');
      }
      return null;
    case 'verify':
      return null;
    case 'approve_extension':
      return null;
  }
}

/**
 * Decides whether `actor` may take `input.action` on case `c`, and what the case becomes.
 * Order of checks: the status allows the action, the actor may take it, the input is complete.
 */
export function decideTransition(c: TCaseFacts, actor: TActorFacts, input: TActionInput): TDecision {
  const rule = TABLE[input.action];
  if (!rule.from.includes(c.status)) {
    return refuse(
      'CASE_ACTION_NOT_ALLOWED_IN_STATUS',
      `当前状态“${CASE_STATUS_LABELS[c.status]}”不能执行“${CASE_ACTION_LABELS[input.action]}”`,
    );
  }
  const actorRefusal = checkActor(input.action, c, actor);
  if (actorRefusal) return actorRefusal;
  const inputRefusal = checkInput(input);
  if (inputRefusal) return inputRefusal;
  const to = rule.to;
  if (input.action === 'return') return { ok: true, to, counts: { returns: 1 } };
  if (input.action === 'approve_extension') return { ok: true, to, counts: { extensions: 1 } };
  return { ok: true, to };
}

/** The actions this actor may take on this case now (input completeness aside). */
export function allowedActions(c: TCaseFacts, actor: TActorFacts): TCaseAction[] {
  return CASE_ACTIONS.filter((action) => TABLE[action].from.includes(c.status) && checkActor(action, c, actor) === null);
}

/** True when the case is open and its deadline has passed at `now`. */
export function isOverdue(status: TCaseStatus, deadline: Date | string | null, now: Date = new Date()): boolean {
  if (!deadline || !OPEN_STATUSES.includes(status)) return false;
  return new Date(deadline).getTime() < now.getTime();
}

/** The facts the citizen's "not fixed" feedback is decided on. */
export interface TCitizenReopenFacts {
  status: TCaseStatus;
  closedAt: Date | string | null;
  /** Days after closure during which the reporter may say "not fixed". */
  windowDays: number;
  now?: Date;
}

/**
 * Whether the reporter of a citizen's report may reopen its case ("not fixed"). This is the
 * machine's `reopen` (closed → 整改中) taken on the citizen's behalf, not by a user: it needs no
 * role, only a closed case within `windowDays` of its closure. The event is recorded as
 * `reopen` with no actor and the citizen's words as its note.
 */
export function decideCitizenReopen(f: TCitizenReopenFacts): TDecision {
  if (!TABLE.reopen.from.includes(f.status) || !f.closedAt) {
    return refuse('CASE_ACTION_NOT_ALLOWED_IN_STATUS', `当前状态“${CASE_STATUS_LABELS[f.status]}”不能反馈未整改`);
  }
  const now = f.now ?? new Date();
  if (now.getTime() - new Date(f.closedAt).getTime() > f.windowDays * 86_400_000) {
    return refuse('CASE_ACTION_NOT_ALLOWED_IN_STATUS', `办结已超过 ${f.windowDays} 天，不能再反馈未整改`);
  }
  return { ok: true, to: TABLE.reopen.to };
}
