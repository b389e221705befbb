/**
 * GET /api/households/stats against a small hand-made fixture: two villages in two townships,
 * inactive rows that must not count, an area-specific monitoring line, overdue and refused leads,
 * open and resolved flags; scoped per user and narrowed by area.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import type { THouseholdStats } from '../../../shared/contracts/households-work.js';
import { householdIncomes, householdLeads, householdMembers, households, monitoringSettings, screeningFlags } from '../../db/schema/index.js';
import { addDays, zoneDate } from '../../lib/time.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let leader: TClient, jiazhai: TClient, wuye: TClient;
const today = zoneDate();
const year = Number(today.slice(0, 4)) - 1;

let idSeq = 100;
function idNumber(): string {
  idSeq += 2;
  const first17 = `41160219800101${String(idSeq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

beforeAll(async () => {
  ctx = await createTestApp();
  const { db, seed } = ctx;
  [leader, jiazhai, wuye] = await Promise.all(['leader', 'jiazhai', 'wuye'].map((u) => login(ctx.app, u)));
  const jz = seed.areaByName.get('贾寨行政村')!;
  const sz = seed.areaByName.get('石庄行政村')!;
  const xuwan = seed.areaByName.get('许湾乡')!;
  const hh = async (code: string, area: { id: number; code: string }, over: Partial<typeof households.$inferInsert> = {}) => {
    const [row] = await db
      .insert(households)
      .values({ code, areaId: area.id, areaCode: area.code, type: 'ordinary', ...over })
      .returning({ id: households.id });
    return row.id;
  };
  const members = async (householdId: number, n: number, isActive = true) => {
    for (let k = 0; k < n; k++) {
      await db.insert(householdMembers).values({ householdId, name: '测试', idNumber: idNumber(), sex: 'M', birthDate: '1980-01-01', relation: k ? 'son' : 'head', isActive });
    }
  };
  const income = async (householdId: number, perCapita: number, y = year) => {
    await db.insert(householdIncomes).values({ householdId, year: y, wage: perCapita, business: 0, productionCost: 0, property: 0, transfer: 0, householdSize: 1, netIncome: perCapita, perCapita });
  };

  // 贾寨: an ordinary household (one member left), a monitored one, one eliminated this year, an inactive one.
  const h1 = await hh('S1', jz);
  await members(h1, 2);
  await members(h1, 1, false);
  await income(h1, 10000);
  await income(h1, 3000, year - 1);
  const h2 = await hh('S2', jz, { type: 'monitored', monitoringCategory: 'unstable', identifiedAt: addDays(today, -100) });
  await members(h2, 3);
  await income(h2, 6000);
  const h3 = await hh('S3', jz, { type: 'monitored', monitoringCategory: 'marginal', identifiedAt: addDays(today, -400), riskEliminatedAt: today });
  await members(h3, 1);
  await income(h3, 9000);
  const h4 = await hh('S4', jz, { type: 'lifted', isActive: false });
  await members(h4, 2);
  await income(h4, 1000);
  // 石庄: a 脱贫户 above the township's own line (6,800) though below the zone's (7,500), a monitored one without income.
  const h5 = await hh('S5', sz, { type: 'lifted' });
  await members(h5, 2);
  await income(h5, 7000);
  const h6 = await hh('S6', sz, { type: 'monitored', monitoringCategory: 'sudden', identifiedAt: addDays(today, -30) });
  await members(h6, 1);

  await db.insert(monitoringSettings).values([
    { year, areaPrefix: '', incomeLine: 7500, params: {}, sourceNote: '测试' },
    { year, areaPrefix: xuwan.code.slice(0, 9), incomeLine: 6800, params: {}, sourceNote: '测试（许湾乡）' },
  ]);
  const lead = (code: string, area: { id: number; code: string }, raisedOn: string, status: string) => ({
    code,
    kind: 'identification',
    channel: 'cadre',
    areaId: area.id,
    areaCode: area.code,
    reason: '测试',
    raisedAt: new Date(`${raisedOn}T09:00:00+08:00`),
    raisedOn,
    status,
  });
  await db.insert(householdLeads).values([
    lead('T1', jz, today, 'in_progress'),
    lead('T2', jz, addDays(today, -20), 'in_progress'),
    lead('T3', sz, addDays(today, -20), 'refused'),
  ]);
  await db.insert(screeningFlags).values([
    { householdId: h1, year, rule: 'income_below_line', message: '测试' },
    { householdId: h1, year, rule: 'medical_self_pay', message: '测试' },
    { householdId: h2, year, rule: 'income_below_line', message: '测试', resolvedAt: new Date() },
    { householdId: h4, year, rule: 'income_below_line', message: '测试' },
    { householdId: h5, year, rule: 'no_labour', message: '测试' },
  ]);
});
afterAll(async () => ctx?.close());

const village = (s: THouseholdStats, name: string) => s.townships.flatMap((t) => t.villages).find((v) => v.areaName === name)!;

describe('GET /api/households/stats', () => {
  test('counts per village and sums per township for the whole zone', async () => {
    const res = await leader.get('/api/households/stats');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as THouseholdStats;
    expect(s).toMatchObject({ year, incomeLine: 7500, limitDays: 15 });
    expect(s.townships.map((t) => t.areaName)).toEqual(['搬口办事处', '许湾乡', '文昌办事处']);
    expect(s.townships[0].villages).toHaveLength(8);
    expect(village(s, '贾寨行政村')).toEqual({
      areaId: ctx.seed.areaByName.get('贾寨行政村')!.id,
      areaName: '贾寨行政村',
      households: 3,
      members: 6,
      byType: { ordinary: 1, lifted: 0, monitored: 2 },
      monitored: 1,
      monitoredByCategory: { unstable: 1, marginal: 0, sudden: 0 },
      eliminatedThisYear: 1,
      leadsInProgress: 2,
      leadsOverdue: 1,
      openFlags: 2,
      flaggedHouseholds: 1,
      withIncome: 3,
      avgPerCapita: 8333,
      belowLine: 1,
      belowLineShare: 0.333,
    });
    expect(village(s, '石庄行政村')).toMatchObject({
      households: 2,
      members: 3,
      byType: { ordinary: 0, lifted: 1, monitored: 1 },
      monitored: 1,
      monitoredByCategory: { unstable: 0, marginal: 0, sudden: 1 },
      eliminatedThisYear: 0,
      leadsInProgress: 0,
      leadsOverdue: 0,
      openFlags: 1,
      flaggedHouseholds: 1,
      withIncome: 1,
      avgPerCapita: 7000,
      belowLine: 0,
      belowLineShare: 0,
    });
    expect(village(s, '许湾行政村')).toMatchObject({ households: 0, avgPerCapita: null, belowLineShare: null });
    const banko = s.townships[0];
    expect(banko).toMatchObject({ households: 3, members: 6, monitored: 1, leadsOverdue: 1, avgPerCapita: 8333, belowLine: 1 });
    expect(s.townships[2]).toMatchObject({ households: 0, withIncome: 0, avgPerCapita: null });
    expect(s.totals).toMatchObject({
      households: 5,
      members: 9,
      byType: { ordinary: 1, lifted: 1, monitored: 3 },
      monitored: 2,
      eliminatedThisYear: 1,
      leadsInProgress: 2,
      openFlags: 3,
      flaggedHouseholds: 2,
      withIncome: 4,
      avgPerCapita: 8000,
      belowLine: 1,
      belowLineShare: 0.25,
    });
  });

  test('is scoped to the caller and narrowed by area', async () => {
    const own = (await jiazhai.get('/api/households/stats')).json() as THouseholdStats;
    expect(own.townships).toHaveLength(1);
    expect(own.townships[0]).toMatchObject({ areaName: '搬口办事处', households: 3 });
    expect(own.townships[0].villages.map((v) => v.areaName)).toEqual(['贾寨行政村']);
    expect(own.totals.households).toBe(3);

    const xuwan = ctx.seed.areaByName.get('许湾乡')!.id;
    const narrowed = (await leader.get(`/api/households/stats?areaId=${xuwan}`)).json() as THouseholdStats;
    expect(narrowed.townships.map((t) => t.areaName)).toEqual(['许湾乡']);
    expect(narrowed.totals).toMatchObject({ households: 2, openFlags: 1, avgPerCapita: 7000 });

    // Asking for another area than one's own yields nothing of it.
    const outside = (await jiazhai.get(`/api/households/stats?areaId=${xuwan}`)).json() as THouseholdStats;
    expect(outside.townships).toEqual([]);
    expect(outside.totals.households).toBe(0);

    // Unit-scoped staff do not read the registry.
    const unit = await wuye.get('/api/households/stats');
    expect(unit.statusCode).toBe(200);
    expect(unit.json()).toMatchObject({ townships: [], totals: { households: 0 } });

    expect((await leader.get('/api/households/stats?areaId=999999')).statusCode).toBe(400);
  });
});
