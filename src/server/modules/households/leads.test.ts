import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TApp } from '../../lib/types.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let app: TApp;
let admin: TClient, leader: TClient, jiazhai: TClient, shizhuang: TClient, banko: TClient, xuwan: TClient, inspector: TClient;
let areas: { jiazhai: number; shizhuang: number };

const put = (c: TClient, url: string, body: unknown) => app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

let seq = 300;
function newId(birth: string): string {
  seq += 2;
  const first17 = `411602${birth}${String(seq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  [admin, leader, jiazhai, shizhuang, banko, xuwan, inspector] = await Promise.all(
    ['admin', 'leader', 'jiazhai', 'shizhuang', 'banko', 'xuwan', 'inspector'].map((u) => login(app, u)),
  );
  const a = ctx.seed.areaByName;
  areas = { jiazhai: a.get('贾寨行政村')!.id, shizhuang: a.get('石庄行政村')!.id };
});
afterAll(async () => {
  await ctx?.close();
});

let codeSeq = 0;
async function household(client: TClient = jiazhai, areaId = areas.jiazhai, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/households', { code: `4116710099${String(++codeSeq).padStart(4, '0')}`, areaId, type: 'lifted', ...over });
  expect(res.statusCode, res.body).toBe(201);
  const h = res.json();
  const m = await client.post(`/api/households/${h.id}/members`, { name: '王建国', idNumber: newId('19800301'), relation: 'head', labourSkill: 'ordinary', hasMedicalInsurance: true });
  expect(m.statusCode, m.body).toBe(201);
  return { ...h, idNumber: m.json().idNumber as string };
}

async function step(c: TClient, leadId: number, body: Record<string, unknown>) {
  const cur = (await c.get(`/api/household-leads/${leadId}`)).json();
  return c.post(`/api/household-leads/${leadId}/steps`, { version: cur.version, ...body });
}

describe('leads and the identification procedure', () => {
  test('a lead runs through every step to 纳入监测, each by its level; the household becomes monitored', async () => {
    const h = await household();
    let res = await jiazhai.post('/api/household-leads', { householdId: h.id, reason: '户主突发脑梗住院，自付费用高' });
    expect(res.statusCode, res.body).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({ channel: 'cadre', status: 'in_progress', openSteps: ['home_visit'], limitDays: 15, daysUsed: 0, daysRemaining: 15, isOverdue: false });
    expect(lead.code).toMatch(/^XS\d{8}\d{6}$/);
    expect(lead.abilities.steps).toEqual(['home_visit']);

    res = await step(banko, lead.id, { step: 'home_visit' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('PROCEDURE_FORBIDDEN_FOR_ROLE');
    res = await shizhuang.post(`/api/household-leads/${lead.id}/steps`, { step: 'home_visit', version: lead.version });
    expect(res.statusCode).toBe(404);

    expect((await step(jiazhai, lead.id, { step: 'home_visit', note: '已入户，签订承诺授权书' })).statusCode).toBe(200);
    res = await step(banko, lead.id, { step: 'township_review' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PROCEDURE_STEP_NOT_AVAILABLE');
    // 信息比对 and 评议 in parallel:评议 first.
    const today = zoneDate();
    res = await step(jiazhai, lead.id, { step: 'village_review', publicityStart: addDays(today, -3), publicityEnd: today });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.publicityEnd).toBe('公示期 4 天，不少于 5 天');
    res = await step(jiazhai, lead.id, { step: 'village_review', publicityStart: addDays(today, -4), publicityEnd: today });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps.find((s: { step: string }) => s.step === 'village_review')).toMatchObject({ state: 'done', publicityStart: addDays(today, -4), publicityEnd: today });
    expect((await step(leader, lead.id, { step: 'data_check', note: '比对无财政供养、车辆、商品房' })).statusCode).toBe(200);
    expect((await step(banko, lead.id, { step: 'township_review' })).statusCode).toBe(200);
    expect((await step(leader, lead.id, { step: 'district_approval' })).statusCode).toBe(200);
    expect((await step(jiazhai, lead.id, { step: 'announcement' })).statusCode).toBe(200);
    res = await step(jiazhai, lead.id, { step: 'enroll' });
    expect(res.json().error.fields.category).toBe('纳入监测须选择监测对象类别');
    res = await step(jiazhai, lead.id, { step: 'enroll', category: 'sudden', riskTypes: ['illness'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', statusLabel: '已纳入监测', openSteps: [] });
    expect(res.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete', 'complete']);
    const detail = (await jiazhai.get(`/api/households/${h.id}`)).json();
    expect(detail).toMatchObject({ type: 'monitored', monitoringCategory: 'sudden', identifiedAt: today, riskTypes: ['illness'] });
    res = await step(jiazhai, lead.id, { step: 'enroll', category: 'sudden' });
    expect(res.json().error.code).toBe('PROCEDURE_CLOSED');
  });

  test('refusal needs a reason and closes the lead; a second open lead on a household is refused', async () => {
    const h = await household();
    const lead = (await jiazhai.post('/api/household-leads', { householdId: h.id, reason: '反映收入下降明显' })).json();
    expect((await jiazhai.post('/api/household-leads', { householdId: h.id, reason: '重复的线索内容' })).statusCode).toBe(409);
    let res = await step(jiazhai, lead.id, { step: 'home_visit', action: 'refuse' });
    expect(res.json().error.fields.note).toBe('请填写不予通过的理由');
    res = await step(jiazhai, lead.id, { step: 'home_visit', action: 'refuse', note: '入户核实家庭有稳定务工收入' });
    expect(res.json()).toMatchObject({ status: 'refused', statusLabel: '不予纳入', refusedStep: 'home_visit', refusedReason: '入户核实家庭有稳定务工收入' });
  });

  test('a lead on a person by ID number finds their household; ID numbers are masked; scope hides others', async () => {
    const h = await household(shizhuang, areas.shizhuang);
    const raw = (await put(admin, `/api/households/${h.id}`, {})).statusCode; // not a route: ensures PUT helper compiles
    expect(raw).toBe(404);
    const member = rowsOf<{ id_number: string }>(await ctx.db.execute(sql`select id_number from household_members where household_id = ${h.id}`))[0];
    const res = await xuwan.post('/api/household-leads', { personName: '王建国', idNumber: member.id_number, reason: '干部排查发现因病支出大', channel: 'cadre' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ householdId: h.id, areaName: '石庄行政村' });
    expect(res.json().idNumber).toMatch(/^411602\*{8}\d{3}[\dX]$/);
    expect((await jiazhai.get(`/api/household-leads/${res.json().id}`)).statusCode).toBe(404);
    const list = (await jiazhai.get('/api/household-leads?pageSize=200')).json();
    expect(list.items.every((l: { areaName: string }) => l.areaName === '贾寨行政村')).toBe(true);
    expect((await inspector.post('/api/household-leads', { householdId: h.id, reason: '督导组不能建线索' })).statusCode).toBe(403);
  });

  test('overdue leads are listed and escalate once each as 帮扶 / 系统预警 cases', async () => {
    const h = await household();
    const res = await jiazhai.post('/api/household-leads', { householdId: h.id, reason: '部门推送的预警信息', raisedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    const lead = res.json();
    expect(lead).toMatchObject({ isOverdue: true, daysUsed: 20, daysRemaining: -5 });
    const overdue = (await jiazhai.get('/api/household-leads?overdue=true')).json();
    expect(overdue.items.map((l: { id: number }) => l.id)).toContain(lead.id);
    expect((await jiazhai.post('/api/household-leads/escalate-overdue')).statusCode).toBe(403);
    const first = (await leader.post('/api/household-leads/escalate-overdue')).json();
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    const second = (await leader.post('/api/household-leads/escalate-overdue')).json();
    expect(second).toEqual({ escalated: 0, caseIds: [] });
    const detail = (await jiazhai.get(`/api/household-leads/${lead.id}`)).json();
    const c = rowsOf<{ module: string; source: string; origin_type: string }>(await ctx.db.execute(sql`select module, source, origin_type from cases where id = ${detail.escalatedCaseId}`))[0];
    expect(c).toEqual({ module: 'assistance', source: 'system_alert', origin_type: 'household_lead' });
  });

  test("the lead's history records when its escalated case is closed (the case port tells the lead's module)", async () => {
    const h = await household();
    const lead = (await jiazhai.post('/api/household-leads', { householdId: h.id, reason: '办结通知测试', raisedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() })).json();
    expect((await leader.post('/api/household-leads/escalate-overdue')).statusCode).toBe(200);
    const caseId = (await jiazhai.get(`/api/household-leads/${lead.id}`)).json().escalatedCaseId as number;
    const c = (await leader.get(`/api/cases/${caseId}`)).json();
    const cancelled = await leader.post(`/api/cases/${caseId}/transitions`, { action: 'cancel', version: c.version, note: '线索已办结，撤销督办', attachmentIds: [] });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const events = rowsOf<{ action: string; note: string }>(
      await ctx.db.execute(sql`select action, note from household_lead_events where lead_id = ${lead.id} order by id`),
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'escalate', 'case_closed']);
    expect(events.at(-1)!.note).toBe(`督办事项 ${c.code} 已撤销`);
  });

  test('settings: read by all, set by leaders; the limit follows them', async () => {
    const s = (await jiazhai.get('/api/household-leads/settings')).json();
    expect(s.identificationLimitDays).toBe(15);
    expect((await put(jiazhai, '/api/household-leads/settings', { ...s, identificationLimitDays: 20 })).statusCode).toBe(403);
    expect((await put(leader, '/api/household-leads/settings', { ...s, identificationLimitDays: 20 })).statusCode).toBe(200);
    expect((await jiazhai.get('/api/household-leads?pageSize=1')).json().items[0].limitDays).toBe(20);
    expect((await put(leader, '/api/household-leads/settings', s)).statusCode).toBe(200);
  });
});

describe('public self-report', () => {
  test('villages are public; a valid report gives a receipt and a 自主申报 lead; bad ID refused; throttled per phone', async () => {
    const villages = (await app.inject({ method: 'GET', url: '/api/public/hardship-reports/villages' })).json();
    expect(villages.items.find((v: { name: string }) => v.name === '贾寨行政村')).toMatchObject({ townshipName: '搬口办事处' });
    const body = { name: '李秀英', idNumber: newId('19650101'), phone: '13900001111', areaId: areas.jiazhai, description: '老伴住院花费很大，家里收入不够用' };
    let res = await app.inject({ method: 'POST', url: '/api/public/hardship-reports', payload: { ...body, idNumber: '411602196501010000' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.idNumber).toBeTruthy();
    res = await app.inject({ method: 'POST', url: '/api/public/hardship-reports', payload: body, remoteAddress: '10.0.0.1' });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json().receiptNo;
    const list = (await jiazhai.get('/api/household-leads?channel=self_report')).json();
    expect(list.items.find((l: { code: string }) => l.code === receipt)).toMatchObject({ channel: 'self_report', personName: '李秀英', phone: '139****1111' });
    for (let i = 0; i < 2; i++) expect((await app.inject({ method: 'POST', url: '/api/public/hardship-reports', payload: body, remoteAddress: `10.0.1.${i}` })).statusCode).toBe(201);
    res = await app.inject({ method: 'POST', url: '/api/public/hardship-reports', payload: body, remoteAddress: '10.0.2.1' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toContain('提交过于频繁');
  });

  test('throttled per IP', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/public/hardship-reports',
        payload: { name: '赵敏', idNumber: newId('19700101'), phone: `1370000${String(i).padStart(4, '0')}`, areaId: areas.jiazhai, description: '家中遭受洪涝灾害，房屋受损' },
        remoteAddress: '10.9.9.9',
      });
      last = res.statusCode;
      if (i < 5) expect(res.statusCode).toBe(201);
    }
    expect(last).toBe(429);
  });
});

describe('department screening', () => {
  async function upload(client: TClient, rows: unknown[][], department: string) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['序号', '姓名', '证件号码', '金额', '说明']);
    for (const r of rows) ws.addRow(r);
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(Buffer.from(await wb.xlsx.writeBuffer()))]), '医保大额自付.xlsx');
    const req = new Request('http://x', { method: 'POST', body: fd });
    return app.inject({
      method: 'POST',
      url: `/api/household-leads/department-import?department=${department}`,
      headers: { 'content-type': req.headers.get('content-type')!, cookie: client.cookie, 'x-csrf-token': client.csrf },
      payload: Buffer.from(await req.arrayBuffer()),
    });
  }

  test('a 医保 list raises one 部门预警 lead per matched household with the figures; bad and unknown IDs reported', async () => {
    const h = await household();
    const idNumber = rowsOf<{ id_number: string }>(await ctx.db.execute(sql`select id_number from household_members where household_id = ${h.id}`))[0].id_number;
    const unknown = newId('19700505');
    const res = await upload(leader, [[1, '王建国', idNumber.toLowerCase(), 21460, '住院自付'], [2, '陌生人', unknown, 6000, ''], [3, '错号', '411602197001010000', 100, '']], 'medical_insurance');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, matched: 1, leadsRaised: 1, skipped: 0, unmatched: 1 });
    expect(res.json().errors[0]).toMatchObject({ row: 4, column: '证件号码' });
    const lead = (await jiazhai.get(`/api/household-leads?householdId=${h.id}&channel=department`)).json().items[0];
    expect(lead).toMatchObject({ channel: 'department', department: 'medical_insurance' });
    expect(lead.reason).toBe('医保（大额自付）预警：王建国 21,460 元（住院自付）');
    const detail = (await jiazhai.get(`/api/household-leads/${lead.id}`)).json();
    expect(detail.numbers).toMatchObject({ 金额1: 21460, 行号1: 2 });
    // Again: the household has a lead in progress, so nothing new.
    expect((await upload(leader, [[1, '王建国', idNumber, 21460, '']], 'medical_insurance')).json()).toMatchObject({ leadsRaised: 0, skipped: 1 });
    expect((await upload(inspector, [[1, '王建国', idNumber, 1, '']], 'medical_insurance')).statusCode).toBe(403);
  });
});
