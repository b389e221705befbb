/**
 * Demo data of the people around 创文: volunteer teams with their members and activities over
 * the last twelve weeks, and citizens' reports in every state (待审核, accepted into a case,
 * merged into another report's case, rejected with a reason, and one whose closed case the
 * citizen reopened as "not fixed"). Tracking codes are random and printed nowhere.
 */
import { CATEGORY_SEEDS } from '../../shared/domain/chuangwen/categories.js';
import type { Db } from '../db/client.js';
import { citizenReports } from '../db/schema/citizen.js';
import { volunteerActivities, volunteerMembers, volunteerTeams } from '../db/schema/volunteers.js';
import { addDays, zoneDate } from '../lib/time.js';
import { generateTrackingCode } from '../modules/citizen/citizen.service.js';
import { fakeName, type TBaseSeed } from './base.js';
import { DEMO_PROBLEMS, type TDemoProblem } from './demo-catalog.js';
import { pick, placeProblem, randInt, type TCaseSpec, type TDemoWorld, type TGeneratedCase } from './demo-cases.js';

const HOUR = 3_600_000;

const TEAMS: { name: string; areaName: string; activities: string[] }[] = [
  { name: '文昌社区党员志愿服务队', areaName: '文昌社区', activities: ['清理楼道小广告', '文明交通劝导', '背街小巷垃圾捡拾'] },
  { name: '人和社区巾帼志愿服务队', areaName: '人和社区', activities: ['农贸市场秩序劝导', '垃圾分类宣传', '关爱空巢老人'] },
  { name: '中原社区青年志愿服务队', areaName: '中原社区A区', activities: ['整治楼道杂物', '电动车规范停放引导', '创文知识入户宣传'] },
  { name: '贾寨村新时代文明实践志愿队', areaName: '贾寨行政村', activities: ['村庄环境清洁', '移风易俗宣传', '助农秋收'] },
];

/** Four teams of 5–8 members and a dozen activities spread over the last twelve weeks. */
export async function seedVolunteersDemo(db: Db, base: TBaseSeed, rand: () => number, world: TDemoWorld, placeNames: string[]) {
  const today = zoneDate(world.now);
  const teamIds = await db
    .insert(volunteerTeams)
    .values(
      TEAMS.map((t) => {
        const area = base.areaByName.get(t.areaName)!;
        return { name: t.name, areaId: area.id, areaCode: area.code, leaderName: fakeName(rand), leaderPhone: `139${String(randInt(rand, 10_000_000, 99_999_999))}` };
      }),
    )
    .returning({ id: volunteerTeams.id });
  const members = await db
    .insert(volunteerMembers)
    .values(
      teamIds.flatMap((t) =>
        Array.from({ length: randInt(rand, 5, 8) }, () => ({ teamId: t.id, name: fakeName(rand), phone: `137${String(randInt(rand, 10_000_000, 99_999_999))}` })),
      ),
    )
    .returning({ id: volunteerMembers.id, teamId: volunteerMembers.teamId });
  const activities: (typeof volunteerActivities.$inferInsert)[] = [];
  for (let week = 0; week < 12; week++) {
    const ti = week % TEAMS.length;
    const team = teamIds[ti];
    const mine = members.filter((m) => m.teamId === team.id).map((m) => m.id);
    const taking = mine.filter(() => rand() < 0.75);
    const memberIds = taking.length >= 2 ? taking : mine.slice(0, 3);
    const hoursPerMember = pick(rand, [2, 2.5, 3, 4]);
    activities.push({
      teamId: team.id,
      day: addDays(today, -(week * 7 + randInt(rand, 1, 5))),
      place: pick(rand, placeNames.filter((p) => p.includes(TEAMS[ti].areaName.slice(0, 2))).concat(TEAMS[ti].areaName)),
      description: pick(rand, TEAMS[ti].activities),
      memberIds,
      hoursPerMember,
      totalHours: hoursPerMember * memberIds.length,
      createdById: world.leaderId,
    });
  }
  await db.insert(volunteerActivities).values(activities);
}

/** A citizen-reported problem of the demo: the catalogue entry and its 创文 category code. */
const REPORTED: [string, string][] = [
  ['杂物乱堆乱放', '杂物乱堆乱放'],
  ['小广告乱贴', '小广告乱贴'],
  ['随处晾晒', '随处晾晒衣物'],
  ['电线私拉乱扯', '电线私拉乱扯'],
  ['垃圾乱倒', '垃圾乱倒'],
];
const REPORT_AREAS = ['中原社区A区', '人和社区', '庆丰社区', '文昌社区', '光明社区', '泰山社区'];

const categoryCode = (name: string) => CATEGORY_SEEDS.find((c) => c.name === name)!.code;

/** What one accepted report needs of the case it became. */
export interface TCitizenCasePlan {
  spec: TCaseSpec;
  categoryCode: string;
  description: string;
  address: string;
  /** The citizen says "not fixed" after closure. */
  reopened?: boolean;
}

/**
 * Cases that citizens' reports became: one 待交办, two 整改中, one 待复核, one closed and one
 * closed then reopened by the citizen (see `reopenByCitizen` for what that writes).
 */
export function planCitizenCases(rand: () => number, world: TDemoWorld): TCitizenCasePlan[] {
  const plans: [TCaseSpec['target'], number, boolean][] = [
    ['pending_assign', 1, false],
    ['rectifying', 3, false],
    ['rectifying', 9, false],
    ['pending_verify', 6, false],
    ['closed', 20, false],
    ['closed', 12, true],
  ];
  return plans.map(([target, ageDays, reopened], i) => {
    const [problemName, categoryName] = REPORTED[i % REPORTED.length];
    const p: TDemoProblem =
      DEMO_PROBLEMS.find((x) => x.module === 'chuangwen' && x.category === problemName && x.target.kind === 'compound') ??
      DEMO_PROBLEMS.find((x) => x.module === 'chuangwen' && x.category === problemName)!;
    const placed = placeProblem(rand, p, world, REPORT_AREAS[i % REPORT_AREAS.length]);
    return {
      spec: {
        problem: p,
        ...placed,
        source: 'citizen',
        severity: 'normal',
        ageDays,
        target,
        lateClose: false,
        extension: null,
        title: `群众反映：${categoryName}`,
        origin: { type: 'citizen_report', id: 0 },
      },
      categoryCode: categoryCode(categoryName),
      description: `${placed.place}：${p.title}，请尽快处理。`.slice(0, 300),
      address: placed.place,
      reopened,
    };
  });
}

/**
 * Writes ~15 reports: one per planned citizen case (accepted), two merged into those cases,
 * four waiting for review and three rejected with a reason; links the cases back to their
 * report (origin) and plays the citizen's reopen on the case planned for it.
 */
export async function seedCitizenReportsDemo(
  db: Db,
  base: TBaseSeed,
  rand: () => number,
  world: TDemoWorld,
  plans: TCitizenCasePlan[],
  generated: Map<TCaseSpec, TGeneratedCase>,
) {
  const nowMs = world.now.getTime();
  const moderator = world.inspectorIds[0];
  const phone = () => (rand() < 0.6 ? `1${pick(rand, ['38', '39', '58', '86'])}${String(randInt(rand, 10_000_000, 99_999_999))}` : null);
  const codes = new Set<string>();
  const code = () => {
    let c = generateTrackingCode();
    while (codes.has(c)) c = generateTrackingCode();
    codes.add(c);
    return c;
  };
  const area = (name: string) => base.areaByName.get(name)!;
  const rows: (typeof citizenReports.$inferInsert)[] = [];
  const accepted: TGeneratedCase[] = [];
  for (const p of plans) {
    const g = generated.get(p.spec)!;
    accepted.push(g);
    const a = area(p.spec.areaName);
    rows.push({
      trackingCode: code(),
      categoryCode: p.categoryCode,
      description: p.description,
      areaId: a.id,
      areaCode: a.code,
      address: p.address,
      phone: phone(),
      status: 'accepted',
      caseId: g.row.id!,
      moderatedById: moderator,
      moderatedAt: g.row.createdAt!,
      createdAt: new Date(g.row.foundAt!.getTime()),
      updatedAt: g.row.createdAt!,
      reopenCount: p.reopened ? 1 : 0,
    });
  }
  // Two more citizens report the same problems later: merged into the existing cases.
  for (const i of [1, 3]) {
    const base0 = rows[i];
    const g = accepted[i];
    const at = new Date(Math.min(nowMs - HOUR, g.row.createdAt!.getTime() + 26 * HOUR));
    rows.push({ ...base0, trackingCode: code(), description: `${base0.address}的问题还在，邻居们都反映过。`, phone: phone(), status: 'merged', createdAt: new Date(at.getTime() - 2 * HOUR), moderatedAt: at, updatedAt: at, reopenCount: 0 });
  }
  const fresh = (ageHours: number, categoryName: string, areaName: string, description: string, address: string) => {
    const a = area(areaName);
    const at = new Date(nowMs - ageHours * HOUR);
    return { trackingCode: code(), categoryCode: categoryCode(categoryName), description, areaId: a.id, areaCode: a.code, address, phone: phone(), createdAt: at, updatedAt: at };
  };
  rows.push(
    { ...fresh(2, '小广告乱贴', '庆丰社区', '庆丰路12号楼道墙上贴满了开锁、通下水道的小广告。', '庆丰路12号'), status: 'pending' },
    { ...fresh(5, '垃圾乱倒', '人和社区', '人和街北侧巷道口有人倒了一堆建筑垃圾。', '人和街北侧巷道口'), status: 'pending' },
    { ...fresh(20, '随处晾晒衣物', '文昌社区', '文昌大道88号临街阳台外挂满被褥，影响市容。', '文昌大道88号'), status: 'pending' },
    { ...fresh(30, '杂物乱堆乱放', '光明社区', '光明路东段单元门口堆放旧家具，堵住了消防通道。', '光明路东段'), status: 'pending' },
  );
  const rejected = (ageHours: number, categoryName: string, areaName: string, description: string, reason: string) => {
    const r = fresh(ageHours, categoryName, areaName, description, '');
    const at = new Date(r.createdAt.getTime() + 3 * HOUR);
    return { ...r, address: `${areaName}`, status: 'rejected', rejectReason: reason, moderatedById: moderator, moderatedAt: at, updatedAt: at };
  };
  rows.push(
    rejected(24 * 9, '小广告乱贴', '泰山社区', '我家门口的广告是谁贴的？', '经现场核实，所反映位置未发现小广告，请补充具体位置后重新反映。'),
    rejected(24 * 16, '垃圾乱倒', '中原社区A区', '测试', '反映内容不完整，无法核实。'),
    rejected(24 * 30, '电线私拉乱扯', '人和社区', '邻居家装修噪音太大。', '不属于创文问题受理范围，请拨打12345热线反映。'),
  );
  const written = await db.insert(citizenReports).values(rows).returning({ id: citizenReports.id, caseId: citizenReports.caseId, status: citizenReports.status });
  written.forEach((w, i) => {
    if (w.status !== 'accepted') return;
    const g = accepted[i];
    g.row.originType = 'citizen_report';
    g.row.originId = w.id;
  });
  plans.forEach((p, i) => {
    if (p.reopened) reopenGenerated(accepted[i], written[i].id, nowMs);
  });
}

/** Appends the citizen's "not fixed" to a generated closed case: back to 整改中 with a fresh deadline. */
function reopenGenerated(g: TGeneratedCase, reportId: number, nowMs: number) {
  const closedAt = g.row.closedAt!;
  const at = new Date(Math.min(closedAt.getTime() + 20 * HOUR, closedAt.getTime() + (nowMs - closedAt.getTime()) / 2));
  const deadline = new Date(at.getTime() + 3 * 24 * HOUR);
  g.events.push({
    caseId: g.row.id!,
    actorId: null,
    actorKind: 'citizen',
    actorRef: `citizen_report:${reportId}`,
    action: 'reopen',
    fromStatus: 'closed',
    toStatus: 'rectifying',
    at,
    note: `群众反馈未整改（群众反映 #${reportId}）：问题没有整改到位，跟以前一样。`,
    data: { by: 'citizen', reportId, previousDeadline: g.row.deadline?.toISOString() ?? null, deadline: deadline.toISOString() },
    attachmentIds: [],
  });
  Object.assign(g.row, { status: 'rectifying', closedAt: null, outcome: null, deadline, version: (g.row.version ?? 1) + 1, updatedAt: at });
}
