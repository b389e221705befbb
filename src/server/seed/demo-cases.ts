/**
 * Demo supervision cases with consistent histories. Pure code: given the zone (ids from the
 * database), a generator and "now", it plans each case (problem, place, unit, target status,
 * age) and plays its history through the shared state machine, so every event is one a real
 * user could have caused, in order, with counters and version to match.
 */
import {
  decideTransition,
  type TCaseAction,
  type TCaseOutcome,
  type TCaseStatus,
} from '../../shared/domain/case-machine.js';
import type { TCaseOrigin } from '../../shared/domain/case-origins.js';
import type { TCaseModule, TCaseSeverity, TCaseSource } from '../../shared/domain/case-vocab.js';
import { isSupervisor, type TRole } from '../../shared/domain/roles.js';
import type { caseEvents, cases } from '../db/schema/cases.js';
import { addDays, zoneDate, zoneDayEnd, zoneDayStart } from '../lib/time.js';
import {
  CANCEL_REASONS,
  DEMO_PROBLEMS,
  DEMO_SITES,
  DEMO_STREETS,
  EXTENSION_NOTES,
  MODULE_WEIGHTS,
  REFUSE_EXTENSION_NOTES,
  RETURN_NOTES,
  SUBMIT_NOTES,
  VERIFY_NOTES,
  type TDemoProblem,
} from './demo-catalog.js';
import { committeeName, TOWNSHIPS } from './base.js';

/** A cases row as the seed inserts it. */
export type TNewCaseRow = typeof cases.$inferInsert;
/** A case_events row as the seed inserts it. */
export type TNewEventRow = typeof caseEvents.$inferInsert;

/** The zone as the generator needs it: names to ids, who works where, and the clock. */
export interface TDemoWorld {
  areaByName: Map<string, { id: number; code: string }>;
  unitByName: Map<string, { id: number; type: string; areaCode: string }>;
  /** Every user the generator may pick as an actor. */
  userById: Map<number, { role: TRole; unitId: number | null }>;
  /** Users of each unit, who submit its rectifications and ask for extensions. */
  usersByUnit: Map<number, number[]>;
  /** Leaders and inspectors: they assign, verify, return, approve and cancel. */
  supervisors: number[];
  leaderId: number;
  inspectorIds: number[];
  disciplineId: number;
  /** Township cadre per township name, village cadre per village name. */
  townshipCadre: Map<string, number>;
  villageCadre: Map<string, number>;
  /** "Now" for the generator (tests may pin it). */
  now: Date;
}

/** One case to generate: what, where, who answers, and where its history ends. */
export interface TCaseSpec {
  problem: TDemoProblem;
  areaName: string;
  place: string;
  unitName: string;
  source: TCaseSource;
  severity: TCaseSeverity;
  /** Days between the finding and today. */
  ageDays: number;
  target: TCaseStatus;
  /** Who found it; derived from the source when omitted. */
  finderId?: number;
  /** Assigned on the spot by the finder (现场交办). */
  onSite?: boolean;
  returns?: number;
  extension?: 'approve' | 'refuse' | null;
  lateClose?: boolean;
  /** Days the unit gets to rectify; derived from severity and module when omitted. */
  deadlineDays?: number;
  /** Title override, e.g. the seed article's wording. */
  title?: string;
  origin?: TCaseOrigin;
}

/** A weighted pick. */
export function pick<T>(rand: () => number, items: readonly T[], weight: (t: T) => number = () => 1): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let r = rand() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1];
}

/** An integer in [lo, hi]. */
export function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

const RURAL_TOWNSHIPS = TOWNSHIPS.slice(0, 2);
const TOWN = TOWNSHIPS[2];
const PROPERTY_OF: Record<string, string> = {
  中原社区A区: '周口中原物业服务有限公司',
  中原社区B区: '周口安居物业管理有限公司',
  文昌社区: '周口文昌物业服务有限公司',
};
const HEALTH_UNITS = {
  hospital: ['搬口办事处卫生院', '许湾乡卫生院'],
  village_clinic: ['贾寨行政村卫生室', '石庄行政村卫生室'],
  pharmacy: ['文昌大药房', '人和堂药店'],
};

/** The township a village or community belongs to. */
export function townshipOf(areaName: string): string {
  for (const t of TOWNSHIPS) if (t.name === areaName || t.villages.includes(areaName)) return t.name;
  return TOWN.name;
}

const committee = committeeName;

/** Chooses area, place and unit for a problem. `areaName` pins the area where the target allows it. */
export function placeProblem(
  rand: () => number,
  p: TDemoProblem,
  world: TDemoWorld,
  areaName?: string,
): { areaName: string; place: string; unitName: string } {
  const codeToName = new Map([...world.areaByName].map(([name, a]) => [a.code, name]));
  const own = (fallback: string[]) => (p.places ? pick(rand, p.places) : pick(rand, fallback));
  const t = p.target;
  switch (t.kind) {
    case 'compound': {
      const area = areaName ?? pick(rand, TOWN.villages, (v) => (v === '中原社区A区' ? 5 : PROPERTY_OF[v] ? 2 : 1));
      const building = `${randInt(rand, 1, 18)}号楼${randInt(rand, 1, 4)}单元`;
      return {
        areaName: area,
        place: `${area}${own([building, building, '北门', '南门岗亭旁', '地下车库入口', '中心花园', '东侧围墙', '垃圾分类投放点'])}`,
        unitName: PROPERTY_OF[area] ?? committee(area),
      };
    }
    case 'street': {
      const area = areaName ?? pick(rand, TOWN.villages);
      const street = pick(rand, DEMO_STREETS);
      const other = pick(rand, DEMO_STREETS.filter((s) => s !== street));
      return {
        areaName: area,
        place: own([`${street}与${other}交叉口`, `${street}沿街商铺门前`, `${street}背街小巷`, `${street}公厕`, `${area}东侧背街小巷`]),
        unitName: t.unit ?? '示范区城市管理局',
      };
    }
    case 'village': {
      const villages = RURAL_TOWNSHIPS.flatMap((x) => x.villages);
      const area = areaName ?? pick(rand, villages, (v) => (v === '贾寨行政村' || v === '石庄行政村' ? 3 : 1));
      const spots =
        p.module === 'assistance'
          ? ['村委会档案室', '党群服务中心', '一组', '三组', '五组', '七组']
          : ['村东头坑塘', '村委会门前', '村小学南侧', '主干道两侧', '文化广场', '二组', '四组'];
      const unit = t.unit === 'committee' ? committee(area) : t.unit === 'township' ? townshipOf(area) : t.unit;
      return { areaName: area, place: `${area}${own(spots)}`, unitName: unit };
    }
    case 'site': {
      const site = pick(rand, DEMO_SITES);
      return {
        areaName: site.area,
        place: `${site.name}${own(['施工现场', '东侧围挡', '项目部', 'K0+300段', '雨污管网标段', '北侧出入口'])}`,
        unitName: t.unit ?? site.contractor,
      };
    }
    case 'health': {
      const unitName = pick(rand, t.kinds.flatMap((k) => HEALTH_UNITS[k]));
      const unit = world.unitByName.get(unitName)!;
      return {
        areaName: codeToName.get(unit.areaCode)!,
        place: `${unitName}${own(unitName.endsWith('卫生院') ? ['发热门诊', '预检分诊台', '药房', '门诊大厅'] : ['诊室', '药品柜台', '收费处'])}`,
        unitName,
      };
    }
    case 'township': {
      const area = areaName ?? pick(rand, TOWNSHIPS.map((x) => x.name));
      return {
        areaName: area,
        place: ((spot) => (/^(高铁|大广)/.test(spot) ? spot : `${area}${spot}`))(own(['便民服务中心', '党政办', '财政所', '疫情防控卡点'])),
        unitName: t.unit ?? area,
      };
    }
  }
}

const SEVERITY_WEIGHTS: Record<TCaseSeverity, number> = { normal: 70, serious: 22, urgent: 8 };

/** Target status by age: fresh cases are mostly open, old ones mostly closed. */
function statusForAge(rand: () => number, ageDays: number): TCaseStatus {
  const w: Record<TCaseStatus, number> =
    ageDays < 7
      ? { pending_assign: 30, rectifying: 38, pending_verify: 18, extension_requested: 3, returned: 4, closed: 10, cancelled: 2 }
      : ageDays < 28
        ? { pending_assign: 5, rectifying: 26, pending_verify: 12, extension_requested: 8, returned: 10, closed: 36, cancelled: 4 }
        : { pending_assign: 1, rectifying: 6, pending_verify: 2, extension_requested: 3, returned: 4, closed: 80, cancelled: 4 };
  return pick(rand, Object.keys(w) as TCaseStatus[], (s) => w[s]);
}

/** A random case spec: module by share, problem by weight, status by age. */
export function randomSpec(rand: () => number, world: TDemoWorld): TCaseSpec {
  const module = pick(rand, Object.keys(MODULE_WEIGHTS) as TCaseModule[], (m) => MODULE_WEIGHTS[m]);
  const problem = pick(rand, DEMO_PROBLEMS.filter((p) => p.module === module), (p) => p.weight ?? 1);
  const ageDays = Math.floor(84 * rand() ** 1.25);
  const source = rand() < 0.55 ? problem.sources[0] : pick(rand, problem.sources);
  const severity = pick(rand, Object.keys(SEVERITY_WEIGHTS) as TCaseSeverity[], (s) =>
    SEVERITY_WEIGHTS[s] * (module === 'discipline' && s !== 'normal' ? 2 : 1),
  );
  return { problem, ...placeProblem(rand, problem, world), source, severity, ageDays, target: statusForAge(rand, ageDays) };
}

/** Days a unit gets to rectify, by severity and module. */
function deadlineDays(rand: () => number, spec: TCaseSpec): number {
  const base = spec.severity === 'urgent' ? randInt(rand, 1, 3) : spec.severity === 'serious' ? randInt(rand, 3, 7) : randInt(rand, 5, 14);
  if (spec.problem.module === 'project') return base + randInt(rand, 5, 15);
  if (spec.problem.module === 'assistance') return base + randInt(rand, 3, 10);
  return base;
}

interface TStep {
  action: 'create' | TCaseAction;
  actorId: number;
  day: number;
  note: string | null;
  /** Same instant as the previous step (现场交办: create and assign in one transaction). */
  sameInstant?: boolean;
  outcome?: TCaseOutcome;
  extensionDays?: number;
}

/** The generator's result for one case. */
export interface TGeneratedCase {
  row: TNewCaseRow;
  events: TNewEventRow[];
}

const MINUTE = 60_000;
const DAY_START_MIN = 8 * 60 + 30;
const DAY_END_MIN = 18 * 60 + 30;

/**
 * Plays one case's history and returns the row and its events. Throws if the state machine
 * refuses a step: that would be a bug in the generator, never silently bad data.
 */
export function generateCase(rand: () => number, world: TDemoWorld, spec: TCaseSpec, id: number): TGeneratedCase {
  const nowMs = world.now.getTime();
  const today = zoneDate(world.now);
  const nowMinute = Math.floor((nowMs - zoneDayStart(today).getTime()) / MINUTE);
  // Events happen in office hours; before 9:00 nothing has happened yet today.
  const lastDay = nowMinute >= 9 * 60 ? 0 : -1;
  const foundDay = Math.min(-spec.ageDays, lastDay);
  const unit = world.unitByName.get(spec.unitName);
  if (!unit) throw new Error(`demo seed: unknown unit ${spec.unitName}`);
  const area = world.areaByName.get(spec.areaName);
  if (!area) throw new Error(`demo seed: unknown area ${spec.areaName}`);
  const township = townshipOf(spec.areaName);
  const module = spec.problem.module;

  const finderId =
    spec.finderId ??
    (module === 'discipline'
      ? world.disciplineId
      : spec.source === 'leader' || spec.source === 'meeting'
        ? world.leaderId
        : spec.source === 'citizen'
          ? (world.villageCadre.get(spec.areaName) ?? world.townshipCadre.get(township)!)
          : spec.source === 'secret_visit' && rand() < 0.4
            ? world.leaderId
            : pick(rand, world.inspectorIds));
  const finder = world.userById.get(finderId)!;
  const finderAssigns = isSupervisor(finder.role) || finder.role === 'township_cadre';
  const assignerId = finderAssigns ? finderId : finder.role === 'village_cadre' ? world.townshipCadre.get(township)! : world.leaderId;
  const supervisor = () => pick(rand, world.supervisors);
  const submitter = () => pick(rand, world.usersByUnit.get(unit.id) ?? []);
  if (!(world.usersByUnit.get(unit.id)?.length)) throw new Error(`demo seed: no user for unit ${spec.unitName}`);

  // 1. The plan: which actions, by whom (days come after).
  const target = spec.target;
  const steps: TStep[] = [{ action: 'create', actorId: finderId, day: foundDay, note: spec.problem.description }];
  const post: TStep[] = [];
  let onSite = false;
  let assignDay = foundDay;
  if (target !== 'pending_assign' && !(target === 'cancelled' && rand() < 0.35)) {
    onSite = spec.onSite ?? (finderAssigns && spec.source !== 'citizen' && spec.source !== 'system_alert' && rand() < 0.45);
    assignDay = onSite ? foundDay : Math.min(foundDay + randInt(rand, 0, 2), lastDay);
    steps.push({ action: 'assign', actorId: assignerId, day: assignDay, note: null, sameInstant: onSite });
    const returns =
      spec.returns ??
      (target === 'returned'
        ? 1 + (rand() < 0.25 ? 1 : 0)
        : target === 'closed' || target === 'pending_verify'
          ? rand() < 0.22
            ? rand() < 0.2
              ? 2
              : 1
            : 0
          : 0);
    const extension =
      spec.extension !== undefined
        ? spec.extension
        : target !== 'extension_requested' && target !== 'cancelled' && rand() < 0.16
          ? rand() < 0.75
            ? 'approve'
            : 'refuse'
          : null;
    if (extension) {
      post.push({ action: 'request_extension', actorId: 0, day: 0, note: pick(rand, EXTENSION_NOTES), extensionDays: randInt(rand, 3, 10) });
      post.push(
        extension === 'approve'
          ? { action: 'approve_extension', actorId: 0, day: 0, note: rand() < 0.5 ? '同意延期，请按新期限完成整改。' : null }
          : { action: 'refuse_extension', actorId: 0, day: 0, note: pick(rand, REFUSE_EXTENSION_NOTES) },
      );
    }
    for (let i = 0; i < returns; i++) {
      post.push({ action: 'submit', actorId: 0, day: 0, note: pick(rand, SUBMIT_NOTES[module]) });
      post.push({ action: 'return', actorId: 0, day: 0, note: pick(rand, RETURN_NOTES) });
    }
    if (target === 'pending_verify' || target === 'closed') {
      post.push({ action: 'submit', actorId: 0, day: 0, note: pick(rand, SUBMIT_NOTES[module]) });
    }
    if (target === 'closed') {
      const outcome: TCaseOutcome = rand() < 0.86 ? 'fixed' : rand() < 0.7 ? 'partly_fixed' : 'cannot_fix';
      post.push({ action: 'verify', actorId: 0, day: 0, note: pick(rand, VERIFY_NOTES), outcome });
    }
    if (target === 'extension_requested') {
      post.push({ action: 'request_extension', actorId: 0, day: 0, note: pick(rand, EXTENSION_NOTES), extensionDays: randInt(rand, 3, 10) });
    }
  }
  if (target === 'cancelled') {
    const reason = pick(rand, CANCEL_REASONS);
    post.push({ action: 'cancel', actorId: 0, day: 0, note: reason.note, outcome: reason.outcome });
  }
  for (const s of post) {
    s.actorId = s.action === 'submit' || s.action === 'request_extension' ? submitter() : supervisor();
  }

  // 2. The days: the last step lands at an end day that makes the case on time or late.
  let deadlineDay = assignDay + (spec.deadlineDays ?? deadlineDays(rand, spec));
  const approvedDays = post.find((s) => s.action === 'request_extension' && post.some((x) => x.action === 'approve_extension'))?.extensionDays ?? 0;
  const finalDeadline = deadlineDay + approvedDays;
  const span = Math.max(0, lastDay - assignDay);
  let endDay: number;
  if (target === 'closed') {
    const late = spec.lateClose ?? rand() < 0.22;
    endDay = late
      ? Math.min(finalDeadline + randInt(rand, 1, 8), lastDay)
      : assignDay + Math.round((Math.max(0, Math.min(finalDeadline, lastDay) - assignDay)) * (0.35 + 0.65 * rand()));
  } else if (target === 'cancelled') {
    endDay = assignDay + Math.min(span, randInt(rand, 0, 6));
  } else {
    endDay = assignDay + Math.round(span * (0.45 + 0.55 * rand()));
  }
  const days = post.map(() => assignDay + Math.floor(rand() * (endDay - assignDay + 1))).sort((a, b) => a - b);
  if (days.length) days[days.length - 1] = endDay;
  post.forEach((s, i) => {
    s.day = days[i];
  });
  steps.push(...post);

  // 3. The instants: sorted office-hour minutes within each day; today stops before now.
  const byDay = new Map<number, TStep[]>();
  for (const s of steps) if (!s.sameInstant) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  const at = new Map<TStep, Date>();
  for (const [day, list] of byDay) {
    const hi = day === 0 ? Math.min(DAY_END_MIN, nowMinute - 1) : DAY_END_MIN;
    const lo = Math.min(DAY_START_MIN, hi - list.length);
    const picked = new Set<number>();
    while (picked.size < list.length) picked.add(lo + Math.floor(rand() * (hi - lo)));
    const minutes = [...picked].sort((a, b) => a - b);
    const dayStart = zoneDayStart(addDays(today, day)).getTime();
    list.forEach((s, i) => {
      at.set(s, new Date(dayStart + minutes[i] * MINUTE + randInt(rand, 0, 59) * 1000));
    });
  }
  steps.forEach((s, i) => {
    if (s.sameInstant) at.set(s, at.get(steps[i - 1])!);
  });

  // 4. Play the history through the state machine.
  const createdAt = at.get(steps[0])!;
  const foundAt = new Date(createdAt.getTime() - randInt(rand, 0, 20) * MINUTE);
  let status: TCaseStatus = 'pending_assign';
  let unitId: number | null = null;
  let deadline: Date | null = null;
  let requestedDeadline: Date | null = null;
  let lastSubmitterId: number | null = null;
  let assignedAt: Date | null = null;
  let submittedAt: Date | null = null;
  let closedAt: Date | null = null;
  let outcome: TCaseOutcome | null = null;
  let returnCount = 0;
  let extensionCount = 0;
  let version = 1;
  const events: TNewEventRow[] = [];
  for (const s of steps) {
    const when = at.get(s)!;
    if (s.action === 'create') {
      events.push({ caseId: id, at: when, actorId: s.actorId, action: 'create', fromStatus: null, toStatus: 'pending_assign', note: s.note, data: null, attachmentIds: [] });
      continue;
    }
    const actor = world.userById.get(s.actorId)!;
    let inputDeadline: string | null = null;
    if (s.action === 'assign') inputDeadline = zoneDayEnd(addDays(today, deadlineDay)).toISOString();
    if (s.action === 'request_extension') {
      const whenDay = Math.round((zoneDayStart(zoneDate(when)).getTime() - zoneDayStart(today).getTime()) / 86_400_000);
      const asked = Math.max(deadlineDay, whenDay) + s.extensionDays!;
      inputDeadline = zoneDayEnd(addDays(today, asked)).toISOString();
    }
    const decision = decideTransition(
      { status, unitId, foundById: finderId, lastSubmitterId },
      { id: s.actorId, role: actor.role, unitId: actor.unitId },
      {
        action: s.action,
        note: s.note,
        unitId: s.action === 'assign' ? unit.id : null,
        deadline: inputDeadline,
        currentDeadline: deadline?.toISOString() ?? null,
        outcome: s.outcome ?? null,
        attachmentIds: [],
      },
    );
    if (!decision.ok) throw new Error(`demo seed: case ${id} ${s.action} refused: ${decision.code} ${decision.message}`);
    let data: Record<string, unknown> | null = null;
    switch (s.action) {
      case 'assign':
        data = { unitId: unit.id, deadline: inputDeadline, previousUnitId: null };
        unitId = unit.id;
        deadline = new Date(inputDeadline!);
        assignedAt = when;
        break;
      case 'submit':
        lastSubmitterId = s.actorId;
        submittedAt = when;
        break;
      case 'return':
        returnCount++;
        break;
      case 'request_extension':
        data = { requestedDeadline: inputDeadline, previousDeadline: deadline?.toISOString() ?? null };
        requestedDeadline = new Date(inputDeadline!);
        break;
      case 'approve_extension':
        data = { deadline: requestedDeadline!.toISOString(), previousDeadline: deadline?.toISOString() ?? null };
        deadline = requestedDeadline;
        deadlineDay = Math.round((zoneDayStart(zoneDate(deadline!)).getTime() - zoneDayStart(today).getTime()) / 86_400_000);
        requestedDeadline = null;
        extensionCount++;
        break;
      case 'refuse_extension':
        requestedDeadline = null;
        break;
      case 'verify':
      case 'cancel':
        data = s.outcome ? { outcome: s.outcome } : null;
        closedAt = when;
        outcome = s.outcome ?? null;
        break;
      default:
        break;
    }
    events.push({ caseId: id, at: when, actorId: s.actorId, action: s.action, fromStatus: status, toStatus: decision.to, note: s.note, data, attachmentIds: [] });
    status = decision.to;
    // 现场交办 happens inside the create transaction: no version bump, as in the service.
    if (!s.sameInstant) version++;
  }
  if (status !== target) throw new Error(`demo seed: case ${id} ended ${status}, planned ${target}`);

  const centre = areaCentre(area.code);
  const row: TNewCaseRow = {
    id,
    code: `DB${zoneDate(foundAt).replace(/-/g, '')}${String(id).padStart(6, '0')}`,
    title: spec.title ?? spec.problem.title,
    description: spec.problem.description,
    module,
    category: spec.problem.category,
    areaId: area.id,
    areaCode: area.code,
    place: spec.place,
    lat: centre.lat + (rand() - 0.5) * 0.004,
    lng: centre.lng + (rand() - 0.5) * 0.004,
    source: spec.source,
    severity: spec.severity,
    foundById: finderId,
    foundAt,
    unitId,
    deadline,
    status,
    outcome,
    returnCount,
    extensionCount,
    requestedDeadline,
    lastSubmitterId,
    assignedAt,
    submittedAt,
    closedAt,
    createdById: finderId,
    createdAt,
    updatedAt: at.get(steps[steps.length - 1])!,
    version,
    originType: spec.origin?.type ?? null,
    originId: spec.origin?.id ?? null,
  };
  return { row, events };
}

/** A plausible centre for an area (around 周口 示范区), stable per code. */
function areaCentre(code: string): { lat: number; lng: number } {
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return { lat: 33.6 + (h % 1000) / 20_000, lng: 114.68 + ((h >>> 10) % 1000) / 15_000 };
}
