import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TApp } from '../../lib/types.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let app: TApp;
let leader: TClient, jiazhai: TClient, shizhuang: TClient, banko: TClient;
let areas: { jiazhai: number };
const put = (c: TClient, url: string, body: unknown) => app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

let seq = 500;
function newId(birth: string): string {
  seq += 2;
  const first17 = `411602${birth}${String(seq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  [leader, jiazhai, shizhuang, banko] = await Promise.all(['leader', 'jiazhai', 'shizhuang', 'banko'].map((u) => login(app, u)));
  areas = { jiazhai: ctx.seed.areaByName.get('贾寨行政村')!.id };
});
afterAll(async () => {
  await ctx?.close();
});

let codeSeq = 0;
async function household(over: Record<string, unknown> = {}, birth = '19800301') {
  const res = await jiazhai.post('/api/households', { code: `4116710088${String(++codeSeq).padStart(4, '0')}`, areaId: areas.jiazhai, type: 'lifted', ...over });
  expect(res.statusCode, res.body).toBe(201);
  const h = res.json();
  expect((await jiazhai.post(`/api/households/${h.id}/members`, { name: '刘桂英', idNumber: newId(birth), relation: 'head', labourSkill: 'ordinary', hasMedicalInsurance: true })).statusCode).toBe(201);
  return h;
}

describe('measures and funds', () => {
  test('a measure is added, allocated, paid; overpayment refused; slow payments listed', async () => {
    const h = await household();
    let res = await jiazhai.post(`/api/households/${h.id}/measures`, { type: 'public_job', content: '村保洁公益性岗位', amount: 6000, startOn: '2024-01-01', endOn: '2024-12-31', unitName: '搬口办事处', status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ typeLabel: '公益性岗位', statusLabel: '实施中', allocated: 0, paid: 0 });
    const old = addDays(zoneDate(), -45);
    res = await jiazhai.post(`/api/households/measures/${m.id}/funds`, { kind: 'allocation', amount: 6000, on: old });
    expect(res.statusCode, res.body).toBe(201);
    res = await jiazhai.post(`/api/households/measures/${m.id}/funds`, { kind: 'payment', amount: 7000, on: zoneDate() });
    expect(res.statusCode).toBe(400);
    res = await jiazhai.post(`/api/households/measures/${m.id}/funds`, { kind: 'payment', amount: 1500, on: zoneDate() });
    expect(res.json()).toMatchObject({ allocated: 6000, paid: 1500 });
    const slowRes = await banko.get('/api/households/measures/slow-payments');
    expect(slowRes.statusCode, slowRes.body).toBe(200);
    const slow = slowRes.json();
    expect(slow.days).toBe(30);
    expect(slow.items.find((i: { measureId: number }) => i.measureId === m.id)).toMatchObject({ allocated: 6000, paid: 1500, daysWaiting: 45, firstAllocatedOn: old });
    expect((await shizhuang.get('/api/households/measures/slow-payments')).json().items).toEqual([]);
    expect((await shizhuang.get(`/api/households/${h.id}/measures`)).statusCode).toBe(404);
    res = await jiazhai.patch(`/api/households/measures/${m.id}`, { version: m.version, status: 'completed', endOn: '2023-01-01' });
    expect(res.json().error.fields.endOn).toBeTruthy();
    res = await jiazhai.patch(`/api/households/measures/${m.id}`, { version: m.version, status: 'completed' });
    expect(res.json()).toMatchObject({ status: 'completed', version: 2 });
    expect((await jiazhai.get(`/api/households/${h.id}/measures`)).json().items).toHaveLength(1);
  });
});

describe('visits', () => {
  test('a visit with a problem becomes a 帮扶 case in one step; stats per cadre and village', async () => {
    const h = await household();
    let res = await jiazhai.post(`/api/households/${h.id}/visits`, { visitedOn: zoneDate(), findings: '户主慢性病用药正常，家中饮水正常' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ hasProblem: false, caseId: null });
    res = await jiazhai.post(`/api/households/${h.id}/visits`, {
      visitedOn: zoneDate(),
      findings: '厨房屋顶漏雨',
      problem: { title: '农户住房屋顶漏雨需维修', severity: 'serious' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json().caseId;
    const c = rowsOf<{ module: string; area_id: number }>(await ctx.db.execute(sql`select module, area_id from cases where id = ${caseId}`))[0];
    expect(c).toEqual({ module: 'assistance', area_id: areas.jiazhai });
    expect((await jiazhai.get(`/api/households/${h.id}/visits`)).json().items).toHaveLength(2);
    const stats = (await banko.get(`/api/households/visits/stats?from=${addDays(zoneDate(), -30)}&to=${zoneDate()}`)).json();
    expect(stats.byCadre[0]).toMatchObject({ visits: 2, households: 1 });
    expect(stats.byVillage.find((v: { areaName: string }) => v.areaName === '贾寨行政村')).toMatchObject({ visits: 2, householdsVisited: 1 });
    expect((await shizhuang.post(`/api/households/${h.id}/visits`, { visitedOn: zoneDate(), findings: '越权走访' })).statusCode).toBe(404);
  });
});

describe('risk elimination', () => {
  test('criteria explained; the procedure runs 入户核实 → 民主评议公示 → 审核确认公告 and sets risk_eliminated_at', async () => {
    const year = Number(zoneDate().slice(0, 4)) - 1;
    const h = await household({ type: 'monitored', monitoringCategory: 'marginal', identifiedAt: addDays(zoneDate(), -30) });
    let check = (await jiazhai.get(`/api/households/${h.id}/elimination-check`)).json();
    expect(check.isEligible).toBe(false);
    expect(check.criteria.filter((c: { isMet: boolean }) => !c.isMet).map((c: { id: string }) => c.id)).toEqual([
      'monitored_months', 'measure_delivered', 'income_stable', 'guarantees_secured',
    ]);
    let res = await jiazhai.post(`/api/households/${h.id}/elimination`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ELIMINATION_CRITERIA_UNMET' });
    expect(res.json().error.message).toContain('监测满半年');

    // Make it eligible.
    const detail = (await jiazhai.get(`/api/households/${h.id}`)).json();
    expect((await jiazhai.patch(`/api/households/${h.id}`, { version: detail.version, identifiedAt: addDays(zoneDate(), -400) })).statusCode).toBe(200);
    expect((await jiazhai.post(`/api/households/${h.id}/measures`, { type: 'industry', content: '发展养殖', startOn: addDays(zoneDate(), -300), status: 'completed' })).statusCode).toBe(201);
    expect((await put(leader, `/api/households/settings/monitoring-lines/${year}`, { incomeLine: 7500, params: {}, sourceNote: '测试' })).statusCode).toBe(200);
    expect((await put(jiazhai, `/api/households/${h.id}/income/${year}`, { wage: 12000, business: 0, productionCost: 0, property: 0, transfer: 0 })).statusCode).toBe(200);
    const items = ['food_clothing', 'education', 'medical', 'housing', 'water'].map((item) => ({ item, status: 'secured', attachmentIds: [] }));
    expect((await put(jiazhai, `/api/households/${h.id}/guarantees/${year}`, { items })).statusCode).toBe(200);
    check = (await jiazhai.get(`/api/households/${h.id}/elimination-check`)).json();
    expect(check.isEligible, JSON.stringify(check)).toBe(true);

    res = await jiazhai.post(`/api/households/${h.id}/elimination`, { note: '收入稳定，申请消除' });
    expect(res.statusCode, res.body).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({ kind: 'elimination', openSteps: ['home_visit'] });
    expect(lead.code).toMatch(/^XC/);
    const stepOf = async (c: TClient, body: Record<string, unknown>) => {
      const cur = (await c.get(`/api/household-leads/${lead.id}`)).json();
      return c.post(`/api/household-leads/${lead.id}/steps`, { version: cur.version, ...body });
    };
    expect((await stepOf(jiazhai, { step: 'home_visit' })).statusCode).toBe(200);
    expect((await stepOf(jiazhai, { step: 'review_publicity', publicityStart: addDays(zoneDate(), -5), publicityEnd: zoneDate() })).statusCode).toBe(200);
    expect((await stepOf(jiazhai, { step: 'confirm_announce' })).statusCode).toBe(403);
    res = await stepOf(banko, { step: 'confirm_announce' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', statusLabel: '风险已消除' });
    expect((await jiazhai.get(`/api/households/${h.id}`)).json().riskEliminatedAt).toBe(zoneDate());
    expect((await jiazhai.get(`/api/household-leads?kind=elimination`)).json().items[0].id).toBe(lead.id);
  });
});

describe('data-quality checks', () => {
  test('issues are listed per village with the household to fix; scope applies', async () => {
    const h = await household({ type: 'monitored', monitoringCategory: 'unstable', identifiedAt: addDays(zoneDate(), -100), riskTypes: ['employment'] });
    expect((await jiazhai.post(`/api/households/${h.id}/measures`, { type: 'yulu', content: '雨露计划补助', startOn: addDays(zoneDate(), -50), status: 'in_progress' })).statusCode).toBe(201);
    const report = (await banko.get('/api/households/quality-checks')).json();
    const v = report.villages.find((x: { areaName: string }) => x.areaName === '贾寨行政村');
    const mine = v.issues.filter((i: { householdId: number }) => i.householdId === h.id).map((i: { rule: string }) => i.rule);
    expect(mine.sort()).toEqual(['employment_risk_without_worker', 'yulu_without_vocational_student']);
    expect((await shizhuang.get('/api/households/quality-checks')).json()).toEqual({ total: 0, villages: [] });
  });
});
