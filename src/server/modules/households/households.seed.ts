/**
 * Demo data of 防止返贫动态监测: ~2,000 households and ~7,000 members over the villages of the
 * three townships (the 文昌办事处 communities have fewer rural households), with generated names
 * and valid generated ID numbers, incomes spread around the monitoring line, 三保障 checks, a few
 * percent monitored and some eliminated, leads at every step, measures with funds, visits, archive
 * scans (one tiny placeholder image referenced by many attachment rows) and a screening run.
 * Deterministic (fixed generator seed); dates are relative to `now` in Asia/Shanghai.
 * Like the rest of the demo seed it writes tables directly in multi-row inserts, to stay fast.
 */
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { computeIncome } from '../../../shared/domain/households/income.js';
import type { TProcedureStep, TStepRecord } from '../../../shared/domain/households/procedure.js';
import { PROCEDURES } from '../../../shared/domain/households/procedure.js';
import type { Db } from '../../db/client.js';
import {
  attachments,
  householdGuarantees,
  householdIncomes,
  householdLeadEvents,
  householdLeads,
  householdMeasureFunds,
  householdMeasures,
  householdMembers,
  households,
  householdVisits,
  memberMoves,
  monitoringSettings,
  users,
} from '../../db/schema/index.js';
import type { TStorage } from '../../lib/storage.js';
import { addDays, zoneDate } from '../../lib/time.js';
import { ZONE_SCOPE } from '../../lib/actor.js';
import { fakeName, rng, TOWNSHIPS, type TBaseSeed } from '../../seed/base.js';
import { DEFAULT_ARCHIVE_DOCUMENTS } from './archives.service.js';
import { ARCHIVE_OWNER_TYPE } from './archives.repo.js';
import { runScreening } from './households.service.js';

/** What the household demo wrote. */
export interface THouseholdsDemoResult {
  households: number;
  members: number;
  leads: number;
  measures: number;
  visits: number;
  archiveFiles: number;
  flags: number;
}

/** Options of the household demo: the clock, its size, and where archive scans are stored (none filed without it). */
export interface THouseholdsDemoOptions {
  now?: Date;
  householdCount?: number;
  storage?: TStorage;
}

async function insertChunked<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Inserts rows in chunks and returns the generated ids in order. */
async function insertReturningIds<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<{ id: number }[]>) {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) ids.push(...(await write(rows.slice(i, i + size))).map((r) => r.id));
  return ids;
}

const HAMLETS = ['前庄', '后庄', '东头', '西头', '南街', '北街'];
const MEASURE_CONTENT: Record<string, string> = {
  industry: '发放肉牛养殖到户补贴，扶持发展庭院养殖',
  employment: '推荐到县产业园服装厂务工，落实稳岗补贴',
  public_job: '安排村保洁公益性岗位，每月 500 元',
  microcredit: '办理脱贫人口小额信贷 5 万元，三年期，财政贴息',
  yulu: '子女就读中职，落实雨露计划补助每学期 1,500 元',
  medical_aid: '住院费用经基本医保、大病保险报销后落实医疗救助',
  education_aid: '义务教育阶段学生生活补助',
  housing_repair: '实施危房改造，屋顶翻修加固',
  water: '入户自来水管网改造',
  dibao: '纳入农村低保，按月发放低保金',
  temporary_aid: '因灾发放临时救助金',
};

/**
 * Seeds the demo households on top of `seedBase` (villages and communities of the three
 * townships; 贾寨行政村's first household is like the seed story's: chronic illness, a 公益岗位).
 */
export async function seedHouseholdsDemo(db: Db, base: TBaseSeed, opts: THouseholdsDemoOptions = {}): Promise<THouseholdsDemoResult> {
  const rand = rng(20230415);
  const now = opts.now ?? new Date();
  const today = zoneDate(now);
  const thisYear = Number(today.slice(0, 4));
  const y1 = thisYear - 1;
  const y2 = thisYear - 2;
  const lines: Record<number, number> = { [y2]: 7300, [y1]: 7500 };
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const count = opts.householdCount ?? 2000;

  await db
    .insert(monitoringSettings)
    .values([
      { year: y2, areaPrefix: '', incomeLine: lines[y2], params: {}, sourceNote: `示例：参照省定 ${y2} 年防止返贫监测范围` },
      { year: y1, areaPrefix: '', incomeLine: lines[y1], params: {}, sourceNote: `示例：参照省定 ${y1} 年防止返贫监测范围（林州 2023 年 7,500 元）` },
    ])
    .onConflictDoNothing();

  const villageNames = TOWNSHIPS.flatMap((t) => t.villages);
  const villages = villageNames.map((n) => ({ name: n, ...base.areaByName.get(n)!, isCommunity: !n.endsWith('行政村') }));
  // 贾寨 (the seed story's village) takes the first 5 %; then villages take 11 households for
  // every 3 of a community (few rural households live in the 文昌办事处 communities).
  const jiazhaiShare = Math.max(3, Math.round(count * 0.05));
  const rural = villages.slice(1).filter((v) => !v.isCommunity);
  const communities = villages.filter((v) => v.isCommunity);
  const pattern = [...Array.from({ length: 11 }, () => rural).flat(), ...Array.from({ length: 3 }, () => communities).flat()];
  const userIds = [...base.userByName.values()].map((u) => u.id);
  const names = new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]));
  const jiazhaiUser = base.userByName.get('jiazhai')!.id;
  const shizhuangUser = base.userByName.get('shizhuang')!.id;
  const bankoUser = base.userByName.get('banko')!.id;
  const leaderUser = base.userByName.get('leader')!.id;

  // ---- households and members -------------------------------------------------------------
  const usedIds = new Set<string>();
  let idSeq = 0;
  const makeId = (birth: string, male: boolean) => {
    for (;;) {
      idSeq++;
      let s = idSeq % 1000;
      if ((s % 2 === 1) !== male) s = (s + 1) % 1000;
      const first17 = `411602${birth.replace(/-/g, '')}${String(s).padStart(3, '0')}`;
      const id = first17 + idCheckChar(first17);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };
  const birthFor = (age: number) => `${thisYear - age}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;

  type THh = typeof households.$inferInsert & { perCapita: number; size: number; isStory?: boolean };
  const hhs: THh[] = [];
  type TMem = Omit<typeof householdMembers.$inferInsert, 'householdId'> & { hIdx: number };
  const mems: TMem[] = [];
  for (let i = 0; i < count; i++) {
    const v = i < jiazhaiShare ? villages[0] : pattern[(i - jiazhaiShare) % pattern.length];
    const isStory = i === 0;
    const r = rand();
    // About 20 % 脱贫户 and 4–5 % 监测户 in villages; fewer of both in the communities.
    const [liftedBelow, monitoredFrom] = v.isCommunity ? [0.9, 0.975] : [0.755, 0.955];
    let type: 'ordinary' | 'lifted' | 'monitored' = r < liftedBelow ? 'ordinary' : r < monitoredFrom ? 'lifted' : 'monitored';
    if (isStory || i === 1 || i === 2) type = 'monitored';
    const identifiedAt = type === 'monitored' ? addDays(today, -int(60, 900)) : null;
    const isEliminated = type === 'monitored' && !isStory && identifiedAt! < addDays(today, -240) && rand() < 0.35;
    const size = isStory ? 3 : int(1, 6);
    const surname = fakeName(rand).slice(0, 1);
    // Spread around the 7,500 元 line: monitored mostly below or just above it, 脱贫户 from just
    // below to well above, a few ordinary households close to it (screening finds them).
    const near = rand();
    const perCapita =
      type === 'monitored' && !isEliminated
        ? int(5800, 8600)
        : type === 'monitored'
          ? int(8600, 13000)
          : type === 'lifted'
            ? near < 0.06 ? int(7000, 7900) : near < 0.3 ? int(7900, 11000) : int(11000, 18000)
            : near < 0.04 ? int(7200, 10000) : int(11000, 32000);
    const riskTypes = type === 'monitored' ? (isStory ? ['illness'] : [pick(['illness', 'schooling', 'disability', 'disaster', 'employment', 'labour', 'accident'])]) : [];
    hhs.push({
      code: `${v.code.slice(6, 12)}${String(i + 1).padStart(4, '0')}`,
      areaId: v.id,
      areaCode: v.code,
      hamlet: pick(HAMLETS),
      address: `${v.name.replace('行政村', '村')}${pick(HAMLETS)} ${int(1, 80)} 号`,
      phone: `1${pick(['3', '5', '8'])}${String(int(100000000, 999999999))}`,
      type,
      monitoringCategory: type === 'monitored' ? (isStory ? 'unstable' : pick(['unstable', 'marginal', 'sudden'])) : null,
      riskTypes,
      cadreUserId: v.name === '贾寨行政村' ? jiazhaiUser : v.name === '石庄行政村' ? shizhuangUser : null,
      cadreName: v.name === '贾寨行政村' || v.name === '石庄行政村' ? null : fakeName(rand),
      housingGrade: rand() < 0.02 ? 'C' : pick(['A', 'B', 'B']),
      drinkingWater: rand() < 0.012 ? 'unsafe' : 'safe',
      identifiedAt,
      riskEliminatedAt: isEliminated ? addDays(identifiedAt!, int(200, 400)) : null,
      perCapita,
      size,
      isStory,
    });
    if (hhs[i].riskEliminatedAt && hhs[i].riskEliminatedAt! > today) hhs[i].riskEliminatedAt = addDays(today, -int(5, 60));
    const headAge = isStory ? 58 : int(30, 78);
    const headMale = isStory || rand() < 0.85;
    const head: TMem = {
      hIdx: i,
      name: surname + fakeName(rand).slice(1),
      idNumber: '',
      sex: headMale ? 'M' : 'F',
      birthDate: birthFor(headAge),
      relation: 'head',
      ethnicity: '汉族',
      education: pick(['primary', 'junior', 'junior', 'senior']),
      schoolStatus: 'none',
      health: isStory ? 'chronic' : headAge > 65 && rand() < 0.4 ? 'chronic' : riskTypes[0] === 'illness' ? 'serious' : 'healthy',
      disabilityGrade: riskTypes[0] === 'disability' ? int(1, 2) : null,
      labourSkill: headAge > 65 ? 'weak' : isStory ? 'weak' : 'ordinary',
      migrantMonths: headAge < 55 && rand() < 0.4 ? int(3, 11) : 0,
      hasMedicalInsurance: true,
      hasCriticalIllnessInsurance: true,
    };
    head.idNumber = makeId(head.birthDate, headMale);
    mems.push(head);
    for (let k = 1; k < size; k++) {
      const rel = k === 1 ? 'spouse' : k <= 3 ? pick(['son', 'daughter']) : pick(['parent', 'grandchild']);
      const age = rel === 'spouse' ? Math.max(22, headAge + int(-5, 3)) : rel === 'parent' ? Math.min(95, headAge + int(22, 30)) : rel === 'grandchild' ? int(1, 12) : Math.max(1, headAge - int(22, 32));
      const male = rel === 'spouse' ? !headMale : rel === 'son' ? true : rel === 'daughter' ? false : rand() < 0.5;
      const school = age < 6 ? 'preschool' : age < 12 ? 'primary' : age < 15 ? 'junior' : age < 18 ? pick(['senior', 'secondary_vocational']) : age < 22 && rand() < 0.4 ? 'higher' : 'none';
      const m: TMem = {
        hIdx: i,
        name: (rel === 'spouse' ? fakeName(rand).slice(0, 1) : surname) + fakeName(rand).slice(1),
        idNumber: '',
        sex: male ? 'M' : 'F',
        birthDate: birthFor(age),
        relation: rel,
        ethnicity: '汉族',
        education: age < 7 ? null : pick(['primary', 'junior', 'senior']),
        schoolStatus: school,
        health: age > 70 && rand() < 0.5 ? 'chronic' : 'healthy',
        disabilityGrade: null,
        labourSkill: age < 16 || school !== 'none' ? null : age > 70 ? 'lost' : 'ordinary',
        migrantMonths: age >= 18 && age < 55 && school === 'none' && rand() < 0.6 ? int(4, 12) : 0,
        hasMedicalInsurance: rand() > 0.004,
        hasCriticalIllnessInsurance: true,
      };
      m.idNumber = makeId(m.birthDate, male);
      mems.push(m);
    }
  }
  const story = mems.find((m) => m.hIdx === 0 && m.relation === 'head')!;

  const hhIds = await insertReturningIds(
    hhs.map(({ perCapita: _p, size: _s, isStory: _i, ...h }) => h),
    1000,
    (chunk) => db.insert(households).values(chunk).returning({ id: households.id }),
  );
  const hid = (i: number) => hhIds[i];
  const memberIds = await insertReturningIds(
    mems.map(({ hIdx, ...m }) => ({ ...m, householdId: hid(hIdx) })),
    1000,
    (chunk) => db.insert(householdMembers).values(chunk).returning({ id: householdMembers.id }),
  );
  await insertChunked(
    memberIds.map((id, k) => ({ memberId: id, kind: 'registered', fromHouseholdId: null, toHouseholdId: hid(mems[k].hIdx), movedOn: addDays(today, -1000), note: '建档登记', actorId: null })),
    2000,
    (chunk) => db.insert(memberMoves).values(chunk),
  );

  // ---- income and 三保障 ---------------------------------------------------------------------
  const incomeRows: (typeof householdIncomes.$inferInsert)[] = [];
  const guaranteeRows: (typeof householdGuarantees.$inferInsert)[] = [];
  hhs.forEach((h, i) => {
    for (const year of [y2, y1]) {
      const pc = Math.round(h.perCapita * (year === y1 ? 1 : 0.93 + rand() * 0.1));
      const net = pc * h.size;
      const transfer = Math.round(net * (h.type === 'ordinary' ? 0.08 : 0.25));
      const business = Math.round(net * 0.2);
      const productionCost = Math.round(business * 0.3);
      const wage = net - transfer - business + productionCost;
      const income = { wage, business, productionCost, property: 0, transfer };
      const f = computeIncome(income, h.size);
      incomeRows.push({
        householdId: hid(i),
        year,
        ...income,
        householdSize: h.size,
        netIncome: f.netIncome,
        perCapita: f.perCapita,
        medicalSelfPay: h.riskTypes?.includes('illness') ? int(3000, 30000) : null,
        educationCost: null,
        disasterLoss: null,
        note: null,
        recordedById: null,
      });
    }
    for (const item of ['food_clothing', 'education', 'medical', 'housing', 'water']) {
      const bad = (item === 'housing' && h.housingGrade === 'C') || (item === 'water' && h.drinkingWater === 'unsafe');
      guaranteeRows.push({ householdId: hid(i), year: y1, item, status: bad ? 'not_secured' : 'secured', note: bad ? '待改造' : null, checkedById: null });
    }
  });
  await insertChunked(incomeRows, 1000, (chunk) => db.insert(householdIncomes).values(chunk));
  await insertChunked(guaranteeRows, 2000, (chunk) => db.insert(householdGuarantees).values(chunk));

  // ---- measures and funds ------------------------------------------------------------------
  const measureRows: (typeof householdMeasures.$inferInsert)[] = [];
  hhs.forEach((h, i) => {
    const n = h.isStory ? 0 : h.type === 'monitored' ? int(1, 3) : h.type === 'lifted' && rand() < 0.4 ? 1 : 0;
    const types = h.isStory ? [] : Array.from({ length: n }, () => pick(['industry', 'employment', 'public_job', 'microcredit', 'medical_aid', 'housing_repair', 'dibao', 'yulu']));
    if (h.isStory) types.push('public_job', 'medical_aid');
    for (const type of [...new Set(types)]) {
      const start = addDays(h.identifiedAt ?? addDays(today, -500), int(5, 40));
      const startOn = start > today ? today : start;
      const amount = type === 'microcredit' ? 50000 : type === 'public_job' ? 6000 : type === 'housing_repair' ? 20000 : int(10, 60) * 100;
      measureRows.push({
        householdId: hid(i),
        type,
        content: MEASURE_CONTENT[type] ?? '其他帮扶',
        amount,
        startOn,
        endOn: type === 'microcredit' ? addDays(startOn, 3 * 365) : type === 'public_job' ? addDays(startOn, 365) : null,
        unitId: null,
        unitName: type === 'medical_aid' ? '示范区医疗保障局' : type === 'dibao' ? '示范区民政局' : type === 'microcredit' ? '农商银行' : '示范区农业农村局',
        status: h.riskEliminatedAt ? 'completed' : rand() < 0.15 ? 'planned' : 'in_progress',
        createdById: null,
      });
    }
  });
  const measureIds = (await insertReturningIds(measureRows, 1000, (chunk) => db.insert(householdMeasures).values(chunk).returning({ id: householdMeasures.id }))).map((id) => ({ id }));
  const fundRows: (typeof householdMeasureFunds.$inferInsert)[] = [];
  measureRows.forEach((m, k) => {
    if (m.status === 'planned' || !m.amount) return;
    const allocOn = m.startOn! > addDays(today, -10) ? m.startOn! : addDays(m.startOn!, 3);
    fundRows.push({ measureId: measureIds[k].id, kind: 'allocation', amount: m.amount, on: allocOn, note: '资金下达' });
    // About one in eight is paid slowly (nothing paid yet).
    if (rand() < 0.12) return;
    const payOn = addDays(allocOn, int(5, 25));
    fundRows.push({ measureId: measureIds[k].id, kind: 'payment', amount: m.amount, on: payOn > today ? today : payOn, note: '已拨付到户' });
  });
  await insertChunked(fundRows, 2000, (chunk) => db.insert(householdMeasureFunds).values(chunk));

  // ---- visits ------------------------------------------------------------------------------
  const visitRows: (typeof householdVisits.$inferInsert)[] = [];
  const FINDINGS = ['家中生活正常，子女按时上学', '户主用药正常，医保报销已落实', '饮水正常，住房安全', '了解务工情况，收入较稳定', '宣传防返贫政策和 12317 热线'];
  hhs.forEach((h, i) => {
    if (h.type === 'ordinary' && rand() < 0.85) return;
    const visits = h.type === 'monitored' ? int(1, 4) : 1;
    const isJiazhai = h.areaCode === villages[0].code;
    const isShizhuang = h.areaCode === base.areaByName.get('石庄行政村')!.code;
    for (let k = 0; k < visits; k++) {
      const visitorId = isJiazhai ? jiazhaiUser : isShizhuang ? shizhuangUser : null;
      visitRows.push({
        householdId: hid(i),
        visitedOn: addDays(today, -int(1, 120)),
        visitorId,
        visitorName: visitorId ? names.get(visitorId)! : (h.cadreName ?? '驻村工作队'),
        findings: h.isStory && k === 0 ? '户主长期慢性病，公益岗位工作正常，药费负担较重' : pick(FINDINGS),
        hasProblem: false,
        createdById: visitorId,
      });
    }
  });
  await insertChunked(visitRows, 1000, (chunk) => db.insert(householdVisits).values(chunk));

  // ---- leads at every step -----------------------------------------------------------------
  const idSteps = PROCEDURES.identification.map((d) => d.step);
  const candidates = hhs.map((h, i) => ({ h, i })).filter(({ h }) => h.type !== 'monitored');
  const leadRows: (typeof householdLeads.$inferInsert)[] = [];
  const STAGES: { done: TProcedureStep[]; status: 'in_progress' | 'completed' | 'refused' }[] = [
    { done: [], status: 'in_progress' },
    { done: ['home_visit'], status: 'in_progress' },
    { done: ['home_visit', 'village_review'], status: 'in_progress' },
    { done: ['home_visit', 'data_check'], status: 'in_progress' },
    { done: ['home_visit', 'data_check', 'village_review'], status: 'in_progress' },
    { done: ['home_visit', 'data_check', 'village_review', 'township_review'], status: 'in_progress' },
    { done: ['home_visit', 'data_check', 'village_review', 'township_review', 'district_approval'], status: 'in_progress' },
    { done: [], status: 'refused' },
  ];
  const REASONS = {
    self_report: ['家中老人住院，自付医疗费用较高，生活困难', '孩子上大学学费负担重', '暴雨导致房屋受损，庄稼绝收'],
    cadre: ['走访发现户主务工受伤，收入骤减', '排查发现家庭人均收入接近监测线', '家庭主要劳动力患病，无法务工'],
    department: ['医保：住院自付费用 21,460 元（≥ 20,000 元）', '民政：新纳入低保对象', '应急：受灾户，房屋受损'],
  } as const;
  // About one lead per 40 households, every stage present; every 16th from the 4th is overdue.
  const leadCount = Math.max(16, Math.round(count / 40));
  for (let k = 0; k < leadCount && k < candidates.length; k++) {
    const { h, i } = candidates[(k * 7) % candidates.length];
    const stage = STAGES[k % STAGES.length];
    const channel = (['self_report', 'cadre', 'department'] as const)[k % 3];
    const raisedOn = k % 16 === 3 ? addDays(today, -19) : addDays(today, -int(0, 12));
    const head = mems.find((m) => m.hIdx === i && m.relation === 'head')!;
    const steps: Record<string, TStepRecord> = {};
    stage.done.forEach((s, j) => {
      const byId = s === 'data_check' || s === 'district_approval' ? leaderUser : s === 'township_review' ? bankoUser : h.cadreUserId ?? jiazhaiUser;
      const on = addDays(raisedOn, Math.min(j + 1, 12)) > today ? today : addDays(raisedOn, Math.min(j + 1, 12));
      steps[s] = { on, byId, byName: names.get(byId) ?? null, note: null, ...(s === 'village_review' ? { publicityStart: addDays(on, -5), publicityEnd: on } : {}) };
    });
    leadRows.push({
      code: `XS${raisedOn.replace(/-/g, '')}${String(900000 + k).padStart(6, '0')}`,
      kind: 'identification',
      channel,
      department: channel === 'department' ? (['medical_insurance', 'civil_affairs', 'emergency'] as const)[k % 3] : null,
      householdId: hid(i),
      personName: head.name,
      idNumber: head.idNumber,
      phone: h.phone,
      areaId: h.areaId,
      areaCode: h.areaCode,
      reason: pick(REASONS[channel]),
      numbers: {},
      raisedAt: new Date(`${raisedOn}T09:30:00+08:00`),
      raisedOn,
      status: stage.status,
      steps,
      refusedStep: stage.status === 'refused' ? 'home_visit' : null,
      refusedReason: stage.status === 'refused' ? '入户核实家庭有稳定务工收入，人均收入高于监测线' : null,
      closedAt: stage.status === 'refused' ? now : null,
      createdById: channel === 'self_report' ? null : (h.cadreUserId ?? jiazhaiUser),
    });
  }
  void idSteps;
  const leadIds = (await insertReturningIds(leadRows, 500, (chunk) => db.insert(householdLeads).values(chunk).returning({ id: householdLeads.id }))).map((id) => ({ id }));
  await insertChunked(
    leadRows.flatMap((l, k) => [
      { leadId: leadIds[k].id, actorId: l.createdById ?? null, action: 'create', fromStatus: null, toStatus: 'in_progress', note: l.reason, at: l.raisedAt },
      ...Object.entries(l.steps as Record<string, TStepRecord>).map(([step, r]) => ({
        leadId: leadIds[k].id,
        actorId: r.byId,
        action: 'complete',
        step,
        fromStatus: 'in_progress',
        toStatus: 'in_progress',
        note: r.note,
        at: new Date(`${r.on}T10:00:00+08:00`),
      })),
      ...(l.status === 'refused'
        ? [{ leadId: leadIds[k].id, actorId: l.createdById ?? null, action: 'refuse', step: 'home_visit', fromStatus: 'in_progress', toStatus: 'refused', note: l.refusedReason }]
        : []),
    ]) as (typeof householdLeadEvents.$inferInsert)[],
    1000,
    (chunk) => db.insert(householdLeadEvents).values(chunk),
  );
  void story;

  // ---- archive scans (一户一档) ----------------------------------------------------------------
  let archiveFiles = 0;
  if (opts.storage) {
    const files = await storeArchivePlaceholder(opts.storage);
    const archiveRows: (typeof attachments.$inferInsert)[] = [];
    let uuidSeq = 0;
    hhs.forEach((h, i) => {
      const required = DEFAULT_ARCHIVE_DOCUMENTS.filter((d) => d.householdTypes.includes(h.type as 'lifted' | 'monitored'));
      if (!required.length) return;
      // A realistic mix: about half complete, a third missing one to three documents, the rest barely started.
      const r = rand();
      const held = h.isStory || r < 0.5 ? required : r < 0.82 ? required.filter(() => rand() > 0.25) : required.slice(0, int(0, 2));
      const filed = addDays(h.identifiedAt ?? addDays(today, -400), int(3, 30));
      const filedOn = filed > today ? today : filed;
      for (const d of held) {
        uuidSeq++;
        archiveRows.push({
          id: `5eed0000-0000-4000-8000-${uuidSeq.toString(16).padStart(12, '0')}`,
          ownerType: ARCHIVE_OWNER_TYPE,
          ownerId: String(hid(i)),
          kind: d.code,
          filename: `${d.name.replace(/[/]/g, '')}.png`,
          mime: 'image/png',
          size: files.size,
          sha256: files.sha256,
          storageKey: files.key,
          thumbKey: `${files.key}.thumb`,
          publicKey: `${files.key}.public`,
          width: files.width,
          height: files.height,
          uploadedById: h.cadreUserId ?? null,
          createdAt: new Date(`${filedOn}T10:00:00+08:00`),
        });
      }
    });
    await insertChunked(archiveRows, 1000, (chunk) => db.insert(attachments).values(chunk));
    archiveFiles = archiveRows.length;
  }

  // ---- a screening run over last year's figures, so flags are waiting ------------------------
  const screened = await runScreening(db, ZONE_SCOPE, { year: y1 });
  return {
    households: hhs.length,
    members: mems.length,
    leads: leadRows.length,
    measures: measureRows.length,
    visits: visitRows.length,
    archiveFiles,
    flags: screened.raised,
  };
}

/**
 * Stores one small placeholder scan (a grey page with a few "text lines") with its thumbnail and
 * public copy, once; every demo archive row points to these keys, so the seed writes three tiny files.
 */
async function storeArchivePlaceholder(storage: TStorage) {
  const width = 60;
  const height = 84;
  const lines = Array.from({ length: 8 }, (_, k) => ({
    input: { create: { width: k % 3 === 2 ? 28 : 44, height: 2, channels: 3 as const, background: { r: 150, g: 150, b: 150 } } },
    top: 10 + k * 8,
    left: 8,
  }));
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 246, g: 244, b: 236 } } }).composite(lines).png().toBuffer();
  const thumb = await sharp(png).webp({ quality: 75 }).toBuffer();
  const key = 'att/demo/archive-scan';
  await storage.put(key, png);
  await storage.put(`${key}.thumb`, thumb);
  await storage.put(`${key}.public`, png);
  return { key, size: png.length, sha256: createHash('sha256').update(png).digest('hex'), width, height };
}
