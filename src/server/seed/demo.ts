/**
 * Demo data on first start: the zone's skeleton (base.ts), a few more people per unit,
 * ~300 supervision cases with full histories, and inspections whose failed items became cases.
 * Deterministic (fixed generator seed) except that dates are relative to today in Asia/Shanghai.
 * The seed writes tables directly, in multi-row inserts: it is not request-handling code, and
 * one start of `npm start` on PGlite must stay quick.
 */
import type { TModule } from '../lib/module.js';
import { MODULES } from '../modules/index.js';
import { eq, sql } from 'drizzle-orm';
import type { TRole } from '../../shared/domain/roles.js';
import type { TUnitType } from '../../shared/domain/units.js';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { caseEvents, cases } from '../db/schema/cases.js';
import { checklistItems, checklistTemplates, inspectionResults, inspections } from '../db/schema/checklists.js';
import { cwCasePlaces } from '../db/schema/chuangwen.js';
import { users } from '../db/schema/core.js';
import { addDays, zoneDate, zoneDayStart } from '../lib/time.js';
import { seedChecklistTemplates } from '../modules/checklists/checklists.seed.js';
import { PLACE_SEEDS, seedChuangwen } from '../modules/chuangwen/chuangwen.seed.js';
import { CATEGORY_SEEDS } from '../../shared/domain/chuangwen/categories.js';
import { seedHouseholdsDemo } from '../modules/households/households.seed.js';
import type { TStorage } from '../lib/storage.js';
import { committeeName, fakeName, rng, seedBase, type TBaseSeed } from './base.js';
import { planCitizenCases, seedCitizenReportsDemo, seedVolunteersDemo } from './demo-citizens.js';
import { DEMO_PROBLEMS, type TDemoProblem } from './demo-catalog.js';
import {
  generateCase,
  placeProblem,
  randInt,
  randomSpec,
  type TCaseSpec,
  type TDemoWorld,
  type TGeneratedCase,
} from './demo-cases.js';

/** How many cases the demo zone has in all (pinned, from inspections, and random). */
export const DEMO_CASE_COUNT = 300;

/** Seeds the demo zone when the database has no users; returns the accounts, or null when it had data. */
export async function seedDemoIfEmpty(db: Db, opts: { password: string; storage: TStorage }) {
  const r = await db.execute(sql`select count(*)::int as n from users`);
  if ((rowsOf<{ n: number }>(r)[0]?.n ?? 0) > 0) return null;
  const base = await seedBase(db, opts.password);
  await seedDemoContent(db, base, { storage: opts.storage });
  return { accounts: base.accounts };
}

/** Options of the demo content (tests pin the clock). */
export interface TDemoOptions {
  now?: Date;
  caseCount?: number;
  /** Where demo files (household archive scans) go; none are filed without it. */
  storage?: TStorage;
  /** The modules whose own demo data (`seedDemo` in their manifests) is added; all of them by default. */
  modules?: readonly TModule[];
}

/** Adds people, cases and inspections on top of `seedBase`. Returns how many cases it wrote. */
export async function seedDemoContent(db: Db, base: TBaseSeed, opts: TDemoOptions = {}): Promise<{ cases: number; events: number; inspections: number }> {
  const rand = rng(20211106);
  const now = opts.now ?? new Date();
  await addDemoPeople(db, base, rand);
  await seedChecklistTemplates(db, base.unitByName);
  const places = await seedChuangwen(db, base);
  await seedHouseholdsDemo(db, base, { now, storage: opts.storage });
  const world = await loadWorld(db, base, now);
  const plannedInspections = await planInspections(db, base, rand, world, places);
  const citizenCases = planCitizenCases(rand, world);

  const specs: TCaseSpec[] = [
    ...pinnedSpecs(rand, world),
    ...plannedInspections.flatMap((i) => i.failed.map((f) => f.spec)),
    ...citizenCases.map((c) => c.spec),
  ];
  const total = Math.max(opts.caseCount ?? DEMO_CASE_COUNT, specs.length);
  while (specs.length < total) specs.push(randomSpec(rand, world));

  const idRows = await db.execute(
    sql`select nextval(pg_get_serial_sequence('cases', 'id'))::int as id from generate_series(1, ${specs.length}::int)`,
  );
  const ids = rowsOf<{ id: number }>(idRows).map((r) => r.id);
  const generated = new Map<TCaseSpec, TGeneratedCase>();
  specs.forEach((spec, i) => {
    generated.set(spec, generateCase(rand, world, spec, ids[i]));
  });

  await insertInspections(db, base, plannedInspections, generated, now);
  await seedCitizenReportsDemo(db, base, rand, world, citizenCases, generated);
  await seedVolunteersDemo(db, base, rand, world, [...places.keys()]);
  const all = [...generated.values()];
  await insertChunked(all.map((g) => g.row), 250, (chunk) => db.insert(cases).values(chunk));
  const events = all.flatMap((g) => g.events);
  await insertChunked(events, 500, (chunk) => db.insert(caseEvents).values(chunk));
  await insertChunked(placeLinks(plannedInspections, generated, places), 500, (chunk) => db.insert(cwCasePlaces).values(chunk));
  // Modules that bring demo data of their own declare it in their manifests.
  for (const m of opts.modules ?? MODULES) await m.seedDemo?.({ db, base, now, storage: opts.storage });
  return { cases: all.length, events: events.length, inspections: plannedInspections.length };
}

const CATEGORY_BY_NAME = new Map(CATEGORY_SEEDS.map((c) => [c.name, c.code]));

/** The 创文 category code of a demo case: its category's name, or the checklist item's. */
function cwCategoryCode(name: string): string | null {
  return CATEGORY_BY_NAME.get(name) ?? [...CATEGORY_BY_NAME].find(([n]) => n.startsWith(name) || name.startsWith(n))?.[1] ?? null;
}

/**
 * cw_case_places rows: the cases raised at a place by an inspection of it, and the other 创文
 * cases whose place text starts with a place's name (so the measures per place show them).
 */
function placeLinks(plans: TPlannedInspection[], generated: Map<TCaseSpec, TGeneratedCase>, places: Map<string, number>) {
  const links = new Map<number, typeof cwCasePlaces.$inferInsert>();
  for (const p of plans) {
    if (p.placeId == null) continue;
    for (const f of p.failed) {
      const id = generated.get(f.spec)!.row.id!;
      links.set(id, { caseId: id, placeId: p.placeId, categoryCode: cwCategoryCode(f.spec.problem.category) });
    }
  }
  const names = [...places.keys()].sort((a, b) => b.length - a.length);
  for (const [spec, g] of generated) {
    if (spec.problem.module !== 'chuangwen' || links.has(g.row.id!)) continue;
    const name = names.find((n) => spec.place.startsWith(n));
    if (name) links.set(g.row.id!, { caseId: g.row.id!, placeId: places.get(name)!, categoryCode: cwCategoryCode(spec.problem.category) });
  }
  return [...links.values()];
}

async function insertChunked<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * One more person for every unit that has nobody to answer its cases (village committees,
 * bureaus, property companies, contractors, clinics, pharmacies), a second member for the
 * busiest units, and a second inspector. Names are generated; the password is the demo one.
 */
async function addDemoPeople(db: Db, base: TBaseSeed, rand: () => number) {
  const [admin] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, 'admin')).limit(1);
  const staffed = new Set([...base.userByName.values()].map((u) => u.unitId));
  const codeToArea = new Map([...base.areaByName.values()].map((a) => [a.code, a.id]));
  const counters = new Map<string, number>();
  const rows: (typeof users.$inferInsert)[] = [];
  const add = (prefix: string, role: TRole, unitId: number | null, areaId: number) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    rows.push({ username: `${prefix}${String(n).padStart(2, '0')}`, displayName: fakeName(rand), passwordHash: admin.hash, role, unitId, areaId });
  };
  const ROLE_OF: Partial<Record<TUnitType, [string, TRole]>> = {
    village_committee: ['cun', 'village_cadre'],
    bureau: ['bureau', 'unit_staff'],
    property: ['property', 'unit_staff'],
    contractor: ['contractor', 'unit_staff'],
    clinic: ['clinic', 'clinic_staff'],
    pharmacy: ['pharmacy', 'clinic_staff'],
  };
  const busiest = new Set(['周口中原物业服务有限公司', '示范区城市管理局', '河南诚和建设工程有限公司']);
  for (const [name, unit] of base.unitByName) {
    const kind = ROLE_OF[unit.type];
    if (!kind) continue;
    const areaId = codeToArea.get(unit.areaCode)!;
    if (!staffed.has(unit.id)) add(kind[0], kind[1], unit.id, areaId);
    if (busiest.has(name)) add(kind[0], kind[1], unit.id, areaId);
  }
  add('inspector', 'inspector', base.unitByName.get('示范区督导组')!.id, base.zoneId);
  await db.insert(users).values(rows);
}

async function loadWorld(db: Db, base: TBaseSeed, now: Date): Promise<TDemoWorld> {
  const all = await db.select({ id: users.id, username: users.username, role: users.role, unitId: users.unitId, areaId: users.areaId }).from(users);
  const userById = new Map(all.map((u) => [u.id, { role: u.role as TRole, unitId: u.unitId }]));
  const usersByUnit = new Map<number, number[]>();
  for (const u of all) {
    if (u.unitId == null || u.role === 'inspector' || u.role === 'discipline') continue;
    usersByUnit.set(u.unitId, [...(usersByUnit.get(u.unitId) ?? []), u.id]);
  }
  const byName = new Map(all.map((u) => [u.username, u.id]));
  const areaName = new Map([...base.areaByName].map(([name, a]) => [a.id, name]));
  const townshipCadre = new Map<string, number>();
  const villageCadre = new Map<string, number>();
  for (const u of all) {
    if (u.role === 'township_cadre') townshipCadre.set(areaName.get(u.areaId)!, u.id);
    // The base accounts (jiazhai, shizhuang) come first and stay their village's reporter.
    if (u.role === 'village_cadre' && !villageCadre.has(areaName.get(u.areaId)!)) villageCadre.set(areaName.get(u.areaId)!, u.id);
  }
  const inspectorIds = all.filter((u) => u.role === 'inspector').map((u) => u.id);
  return {
    areaByName: base.areaByName,
    unitByName: base.unitByName,
    userById,
    usersByUnit,
    supervisors: [byName.get('leader')!, ...inspectorIds],
    leaderId: byName.get('leader')!,
    inspectorIds,
    disciplineId: byName.get('jiwei')!,
    townshipCadre,
    villageCadre,
    now,
  };
}

const problem = (module: TDemoProblem['module'], category: string, kind?: TDemoProblem['target']['kind']) => {
  const p = DEMO_PROBLEMS.find((x) => x.module === module && x.category === category && (!kind || x.target.kind === kind));
  if (!p) throw new Error(`demo seed: no problem ${module}/${category}`);
  return p;
};

/**
 * Cases that must exist so every demo account has work: the five problems the seed article
 * reports in 中原社区A区 (found on one visit by a district leader and assigned on the spot to
 * the property company), more 物业 work for `wuye`, and the two villages of `jiazhai` and `shizhuang`.
 */
function pinnedSpecs(rand: () => number, world: TDemoWorld): TCaseSpec[] {
  const at = (p: TDemoProblem, areaName: string, rest: Omit<TCaseSpec, 'problem' | 'areaName' | 'place' | 'unitName'>, unitName?: string): TCaseSpec => {
    const placed = placeProblem(rand, p, world, areaName);
    return { problem: p, ...placed, unitName: unitName ?? placed.unitName, ...rest };
  };
  const visit = { source: 'leader' as const, severity: 'serious' as const, ageDays: 8, finderId: world.leaderId, onSite: true };
  const zy = '中原社区A区';
  const clinic = (p: TDemoProblem, unitName: string, areaName: string, rest: Omit<TCaseSpec, 'problem' | 'areaName' | 'place' | 'unitName'>): TCaseSpec => ({
    problem: p,
    areaName,
    unitName,
    place: `${unitName}诊室`,
    ...rest,
  });
  return [
    at(problem('chuangwen', '电动车管理'), zy, { ...visit, target: 'rectifying', title: '中原社区A区电动车上牌率不高', deadlineDays: 14 }),
    at(problem('chuangwen', '电线私拉乱扯'), zy, { ...visit, target: 'returned', returns: 1, title: '中原社区A区电线私拉乱扯', deadlineDays: 5 }),
    at(problem('chuangwen', '杂物乱堆乱放'), zy, { ...visit, target: 'rectifying', title: '中原社区A区杂物乱堆乱放', deadlineDays: 5 }),
    at(problem('chuangwen', '小广告乱贴', 'compound'), zy, { ...visit, target: 'pending_verify', title: '中原社区A区小广告治理不力' }),
    at(problem('chuangwen', '物业管理'), zy, { ...visit, target: 'closed', title: '中原社区A区物业管理不到位', lateClose: false }),
    at(problem('chuangwen', '随处晾晒', 'compound'), zy, { source: 'secret_visit', severity: 'normal', ageDays: 20, target: 'returned', returns: 2 }),
    at(problem('chuangwen', '物业管理'), zy, { source: 'citizen', severity: 'normal', ageDays: 3, target: 'rectifying', extension: null }),
    at(problem('chuangwen', '杂物乱堆乱放'), zy, { source: 'inspection', severity: 'normal', ageDays: 15, target: 'extension_requested' }),
    at(problem('chuangwen', '车辆停放'), zy, { source: 'citizen', severity: 'normal', ageDays: 1, target: 'pending_assign' }),
    at(problem('chuangwen', '电线私拉乱扯'), zy, { source: 'inspection', severity: 'serious', ageDays: 35, target: 'closed', lateClose: true }),

    at(problem('chuangwen', '垃圾乱倒', 'village'), '贾寨行政村', { source: 'inspection', severity: 'normal', ageDays: 5, target: 'rectifying' }),
    at(problem('assistance', '档案资料'), '贾寨行政村', { source: 'leader', severity: 'serious', ageDays: 18, target: 'returned', returns: 1 }),
    at(problem('chuangwen', '杂物乱堆乱放', 'village'), '贾寨行政村', { source: 'inspection', severity: 'normal', ageDays: 30, target: 'closed' }),
    at(problem('assistance', '两不愁三保障'), '贾寨行政村', { source: 'inspection', severity: 'normal', ageDays: 10, target: 'pending_verify' }),
    clinic(problem('sentinel', '十须知'), '贾寨行政村卫生室', '贾寨行政村', { source: 'secret_visit', severity: 'serious', ageDays: 4, target: 'rectifying', finderId: world.leaderId }),
    at(problem('chuangwen', '村庄清洁'), '贾寨行政村', { source: 'citizen', severity: 'normal', ageDays: 0, target: 'pending_assign' }),

    at(problem('assistance', '档案资料'), '石庄行政村', { source: 'inspection', severity: 'normal', ageDays: 6, target: 'rectifying' }),
    at(problem('assistance', '驻村帮扶'), '石庄行政村', { source: 'leader', severity: 'serious', ageDays: 9, target: 'pending_verify' }),
    at(problem('assistance', '饮水安全'), '石庄行政村', { source: 'citizen', severity: 'urgent', ageDays: 25, target: 'closed' }),
    at(problem('chuangwen', '村庄清洁'), '石庄行政村', { source: 'inspection', severity: 'normal', ageDays: 14, target: 'returned' }),
    clinic(problem('sentinel', '退烧药管控'), '石庄行政村卫生室', '石庄行政村', { source: 'secret_visit', severity: 'serious', ageDays: 40, target: 'closed' }),
    at(problem('assistance', '就业帮扶'), '石庄行政村', { source: 'inspection', severity: 'normal', ageDays: 12, target: 'extension_requested' }),
  ];
}

interface TPlannedInspection {
  templateId: number;
  /** The 创文 place inspected, if any. */
  placeId: number | null;
  inspectorId: number;
  areaName: string;
  place: string;
  ageDays: number;
  summary: string;
  results: { itemId: number; result: 'pass' | 'fail' | 'na'; note: string | null }[];
  /** Failed items and the case each became (现场交办). */
  failed: { itemId: number; spec: TCaseSpec }[];
}

/**
 * Completed inspections of 中原社区A区 (创文 template) and a 卫生院 and a 村卫生室 (sentinel
 * templates, e.g. 十须知), with pass/fail results; each failed item becomes a case assigned on
 * the spot to the item's default unit. Needs checklist templates; none means no inspections.
 */
async function planInspections(
  db: Db,
  base: TBaseSeed,
  rand: () => number,
  world: TDemoWorld,
  places: Map<string, number>,
): Promise<TPlannedInspection[]> {
  const templates = await db.select().from(checklistTemplates).where(eq(checklistTemplates.isActive, true)).orderBy(checklistTemplates.id);
  if (!templates.length) return [];
  const items = await db.select().from(checklistItems).orderBy(checklistItems.templateId, checklistItems.position);
  const unitName = new Map([...base.unitByName].map(([name, u]) => [u.id, name]));
  const inspectorId = world.inspectorIds[0];
  // A failed item goes to its default unit when that unit has someone to answer it.
  const answerable = (unitId: number | null) =>
    unitId != null && world.usersByUnit.get(unitId)?.length ? unitName.get(unitId) : undefined;
  const plans: TPlannedInspection[] = [];
  const plan = (
    moduleName: string,
    prefer: RegExp,
    areaName: string,
    place: string,
    fallbackUnit: string,
    ageDays: number,
    failCount: number,
    targets: TCaseSpec['target'][],
    placeId: number | null = null,
  ) => {
    const candidates = templates.filter((t) => t.module === moduleName);
    const template = candidates.find((t) => prefer.test(t.name)) ?? candidates[0];
    if (!template) return;
    const its = items.filter((i) => i.templateId === template.id);
    if (!its.length) return;
    const failing = new Set<number>();
    while (failing.size < Math.min(failCount, its.length)) failing.add(its[randInt(rand, 0, its.length - 1)].id);
    const p: TPlannedInspection = { templateId: template.id, placeId, inspectorId, areaName, place, ageDays, summary: '', results: [], failed: [] };
    let k = 0;
    for (const item of its) {
      if (failing.has(item.id)) {
        const note = `现场检查不符合要求：${item.standard || item.title}`.slice(0, 200);
        p.results.push({ itemId: item.id, result: 'fail', note });
        const pr: TDemoProblem = {
          module: template.module as TDemoProblem['module'],
          category: item.category ?? template.name,
          title: item.title.length >= 2 ? item.title : `${template.name}：${item.title}`,
          description: note,
          target: { kind: 'township' },
          sources: ['inspection'],
        };
        p.failed.push({
          itemId: item.id,
          spec: {
            problem: pr,
            areaName,
            place,
            unitName: answerable(item.defaultUnitId) ?? fallbackUnit,
            source: 'inspection',
            severity: (item.severity as TCaseSpec['severity']) ?? 'normal',
            ageDays,
            target: targets[k++ % targets.length],
            finderId: inspectorId,
            onSite: true,
            deadlineDays: item.defaultDeadlineDays,
            origin: { type: 'inspection_result', id: 0 },
          },
        });
      } else {
        p.results.push({ itemId: item.id, result: rand() < 0.08 ? 'na' : 'pass', note: null });
      }
    }
    const fails = p.failed.length;
    p.summary = fails ? `共检查 ${its.length} 项，${fails} 项不合格，已现场交办。` : `共检查 ${its.length} 项，全部合格。`;
    plans.push(p);
  };
  const cw = /创文|测评|小区|社区/;
  plan('chuangwen', cw, '中原社区A区', '中原社区A区', '周口中原物业服务有限公司', 5, 3, ['rectifying', 'pending_verify', 'closed'], places.get('中原社区A区'));
  plan('chuangwen', cw, '中原社区B区', '中原社区B区', '周口安居物业管理有限公司', 26, 1, ['closed'], places.get('中原社区B区'));
  // Twelve weeks of 督导 at places, about two a week: older findings are mostly cleared by now.
  const placeSeeds = PLACE_SEEDS.filter(([name]) => places.has(name));
  for (let week = 0; week < 12; week++) {
    for (let k = 0; k < 2; k++) {
      const [name, , areaName, , propertyName, departmentName] = placeSeeds[randInt(rand, 0, placeSeeds.length - 1)];
      const ageDays = week * 7 + randInt(rand, 0, 4) + (k ? 2 : 0);
      const targets: TCaseSpec['target'][] =
        ageDays > 28 ? ['closed', 'closed', 'closed', 'returned'] : ageDays > 7 ? ['closed', 'pending_verify', 'returned', 'closed'] : ['rectifying', 'pending_verify', 'rectifying'];
      const fallback = propertyName ?? departmentName ?? committeeName(areaName);
      plan('chuangwen', cw, areaName, name, fallback, ageDays, randInt(rand, 0, 3), targets, places.get(name)!);
    }
  }
  plan('sentinel', /卫生院|哨点|十须知/, '搬口办事处', '搬口办事处卫生院', '搬口办事处卫生院', 12, 2, ['closed', 'returned']);
  plan('sentinel', /十须知|卫生室/, '贾寨行政村', '贾寨行政村卫生室', '贾寨行政村卫生室', 20, 0, []);
  return plans;
}

/** Writes the planned inspections and their results, and links failed results and cases both ways. */
async function insertInspections(
  db: Db,
  base: TBaseSeed,
  plans: TPlannedInspection[],
  generated: Map<TCaseSpec, TGeneratedCase>,
  now: Date,
) {
  for (const p of plans) {
    const area = base.areaByName.get(p.areaName)!;
    const linked = p.failed.map((f) => generated.get(f.spec)!);
    // The inspection ends when its first case is raised; with no failures, mid-morning of its day.
    const completedAt = linked.length
      ? new Date(Math.min(...linked.map((g) => g.row.createdAt!.getTime())) - 60_000)
      : new Date(zoneDayStart(addDays(zoneDate(now), -p.ageDays)).getTime() + 10.5 * 3600_000);
    const startedAt = new Date(completedAt.getTime() - 50 * 60_000);
    const [ins] = await db
      .insert(inspections)
      .values({
        templateId: p.templateId,
        inspectorId: p.inspectorId,
        areaId: area.id,
        areaCode: area.code,
        placeId: p.placeId,
        place: p.place,
        status: 'completed',
        summary: p.summary,
        startedAt,
        completedAt,
      })
      .returning({ id: inspections.id });
    const caseByItem = new Map(p.failed.map((f) => [f.itemId, generated.get(f.spec)!]));
    const written = await db
      .insert(inspectionResults)
      .values(p.results.map((r) => ({ inspectionId: ins.id, itemId: r.itemId, result: r.result, note: r.note })))
      .returning({ id: inspectionResults.id, itemId: inspectionResults.itemId });
    for (const w of written) {
      const g = caseByItem.get(w.itemId);
      if (g) {
        g.row.originType = 'inspection_result';
        g.row.originId = w.id;
      }
    }
  }
}
