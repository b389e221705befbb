import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { sql } from 'drizzle-orm';
import { runDailyJob } from '../../lib/jobs.js';
import { nextZoneTime } from '../../lib/jobs.js';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TApp } from '../../lib/types.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { runModuleJobs } from '../../lib/jobs.js';
import { NIGHTLY_JOBS } from './households.jobs.js';

let ctx: TTestContext;
let app: TApp;
let admin: TClient, leader: TClient, jiazhai: TClient, shizhuang: TClient, banko: TClient, inspector: TClient;
let areas: { jiazhai: number };
const put = (c: TClient, url: string, body: unknown) => app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

let seq = 700;
function newId(birth: string): string {
  seq += 2;
  const first17 = `411602${birth}${String(seq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function upload(client: TClient, filename = '扫描件.png') {
  const data = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 10, g: 90, b: 40 } } }).png().toBuffer();
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'image/png' }), filename);
  const req = new Request('http://x', { method: 'POST', body: fd });
  const res = await app.inject({
    method: 'POST',
    url: '/api/attachments',
    headers: { 'content-type': req.headers.get('content-type')!, cookie: client.cookie, 'x-csrf-token': client.csrf },
    payload: Buffer.from(await req.arrayBuffer()),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  [admin, leader, jiazhai, shizhuang, banko, inspector] = await Promise.all(['admin', 'leader', 'jiazhai', 'shizhuang', 'banko', 'inspector'].map((u) => login(app, u)));
  areas = { jiazhai: ctx.seed.areaByName.get('贾寨行政村')!.id };
});
afterAll(async () => {
  await ctx?.close();
});

let codeSeq = 0;
async function household(over: Record<string, unknown> = {}) {
  const res = await jiazhai.post('/api/households', { code: `4116710077${String(++codeSeq).padStart(4, '0')}`, areaId: areas.jiazhai, type: 'monitored', monitoringCategory: 'marginal', ...over });
  expect(res.statusCode, res.body).toBe(201);
  const h = res.json();
  const idNumber = newId('19750611');
  const m = await jiazhai.post(`/api/households/${h.id}/members`, { name: '赵秀兰', idNumber, relation: 'head', labourSkill: 'ordinary', hasMedicalInsurance: true });
  expect(m.statusCode, m.body).toBe(201);
  return { ...h, idNumber };
}

describe('archives (一户一档)', () => {
  test('the default list applies; scans are filed per document; the archive shows present and missing', async () => {
    const settings = (await jiazhai.get('/api/households/settings/archive-documents')).json();
    expect(settings.items.map((d: { name: string }) => d.name)).toContain('入户核实表');
    const h = await household();
    let archive = (await jiazhai.get(`/api/households/${h.id}/archive`)).json();
    expect(archive).toMatchObject({ isComplete: false, presentCount: 0, abilities: { canEdit: true } });
    expect(archive.requiredCount).toBe(settings.items.length);

    const fileId = await upload(jiazhai);
    let res = await jiazhai.post(`/api/households/${h.id}/archive/home_visit`, { attachmentIds: [fileId] });
    expect(res.statusCode, res.body).toBe(201);
    archive = res.json();
    const doc = archive.documents.find((d: { code: string }) => d.code === 'home_visit');
    expect(doc).toMatchObject({ isRequired: true, isPresent: true });
    expect(doc.files[0]).toMatchObject({ id: fileId, mime: 'image/png', thumbUrl: `/api/attachments/${fileId}/thumb` });
    expect(archive.presentCount).toBe(1);

    // The file is readable by those who see the household, and by nobody else.
    expect((await banko.get(`/api/attachments/${fileId}/thumb`)).statusCode).toBe(200);
    expect((await shizhuang.get(`/api/attachments/${fileId}`)).statusCode).toBe(404);
    // Another village's household is 404; a used upload cannot be filed again; unknown documents refused.
    expect((await shizhuang.get(`/api/households/${h.id}/archive`)).statusCode).toBe(404);
    expect((await jiazhai.post(`/api/households/${h.id}/archive/income_calc`, { attachmentIds: [fileId] })).statusCode).toBe(400);
    expect((await jiazhai.post(`/api/households/${h.id}/archive/nonsense`, { attachmentIds: [await upload(jiazhai)] })).statusCode).toBe(400);

    // Removing a file makes the document missing again.
    res = await jiazhai.del(`/api/households/${h.id}/archive/files/${fileId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().presentCount).toBe(0);
  });

  test('the list is a setting; completeness by village counts households and missing documents', async () => {
    const items = [
      { code: 'identity', name: '户籍信息/身份证明', householdTypes: ['monitored', 'lifted'] },
      { code: 'home_visit', name: '入户核实表', householdTypes: ['monitored'] },
    ];
    expect((await put(jiazhai, '/api/households/settings/archive-documents', { items })).statusCode).toBe(403);
    const dup = await put(leader, '/api/households/settings/archive-documents', { items: [...items, items[0]] });
    expect(dup.statusCode).toBe(400);
    const res = await put(leader, '/api/households/settings/archive-documents', { items });
    expect(res.statusCode, res.body).toBe(200);

    const full = await household();
    const partial = await household();
    const lifted = await household({ type: 'lifted', monitoringCategory: null });
    await household({ type: 'ordinary', monitoringCategory: null });
    for (const code of ['identity', 'home_visit']) {
      expect((await jiazhai.post(`/api/households/${full.id}/archive/${code}`, { attachmentIds: [await upload(jiazhai)] })).statusCode).toBe(201);
    }
    expect((await jiazhai.post(`/api/households/${partial.id}/archive/identity`, { attachmentIds: [await upload(jiazhai)] })).statusCode).toBe(201);
    expect((await jiazhai.post(`/api/households/${lifted.id}/archive/identity`, { attachmentIds: [await upload(jiazhai)] })).statusCode).toBe(201);

    const c = (await banko.get('/api/households/archive-completeness')).json();
    expect(c.documents.map((d: { code: string }) => d.code)).toEqual(['identity', 'home_visit']);
    const v = c.villages.find((x: { areaId: number }) => x.areaId === areas.jiazhai);
    // Ordinary households keep no archive under this list.
    expect(v.households).toBe(c.households);
    const ids = c.incomplete.map((i: { householdId: number }) => i.householdId);
    expect(ids).toContain(partial.id);
    expect(ids).not.toContain(full.id);
    expect(ids).not.toContain(lifted.id);
    expect(c.incomplete.find((i: { householdId: number }) => i.householdId === partial.id).missing).toEqual(['入户核实表']);
    expect(v.complete).toBeGreaterThanOrEqual(2);
    expect(v.missing.home_visit).toBeGreaterThanOrEqual(1);
    expect(v.share).toBeCloseTo(v.complete / v.households, 2);
    expect((await shizhuang.get('/api/households/archive-completeness')).json().villages.find((x: { areaId: number }) => x.areaId === areas.jiazhai)).toBeUndefined();
  });
});

describe('visits show their photos', () => {
  test('a visit returns TAttachmentRef photos with thumbnails, readable in scope', async () => {
    const h = await household();
    const photo = await upload(jiazhai, '走访.png');
    const res = await jiazhai.post(`/api/households/${h.id}/visits`, { visitedOn: zoneDate(), findings: '入户了解就医情况', attachmentIds: [photo] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().photos).toEqual([expect.objectContaining({ id: photo, filename: '走访.png', mime: 'image/png', thumbUrl: `/api/attachments/${photo}/thumb` })]);
    const list = (await banko.get(`/api/households/${h.id}/visits`)).json();
    expect(list.items[0].photos[0].id).toBe(photo);
    expect((await banko.get(`/api/attachments/${photo}/thumb`)).statusCode).toBe(200);
    expect((await shizhuang.get(`/api/attachments/${photo}/thumb`)).statusCode).toBe(404);
  });
});

describe('open leads as a filter', () => {
  test('households and leads can leave out households with a procedure in progress', async () => {
    const busy = await household({ type: 'lifted', monitoringCategory: null });
    const free = await household({ type: 'lifted', monitoringCategory: null });
    const lead = (await jiazhai.post('/api/household-leads', { householdId: busy.id, reason: '家中突发变故' })).json();
    // A closed lead on `free`: refused at the first step.
    const oldRes = await jiazhai.post('/api/household-leads', { householdId: free.id, reason: '核实后发现属于误报' });
    expect(oldRes.statusCode, oldRes.body).toBe(201);
    const old = oldRes.json();
    const refuse = await jiazhai.post(`/api/household-leads/${old.id}/steps`, { version: old.version, step: 'home_visit', action: 'refuse', note: '核实后不符合条件' });
    expect(refuse.statusCode, refuse.body).toBe(200);

    const without = (await jiazhai.get('/api/households?hasOpenLead=false&pageSize=100')).json().items.map((i: { id: number }) => i.id);
    expect(without).toContain(free.id);
    expect(without).not.toContain(busy.id);
    const withOpen = (await jiazhai.get('/api/households?hasOpenLead=true&pageSize=100')).json().items.map((i: { id: number }) => i.id);
    expect(withOpen).toContain(busy.id);
    expect(withOpen).not.toContain(free.id);

    const leads = (await jiazhai.get('/api/household-leads?hasOpenLead=false&pageSize=100')).json().items.map((i: { id: number }) => i.id);
    expect(leads).toContain(old.id);
    expect(leads).not.toContain(lead.id);
    expect((await jiazhai.get('/api/household-leads?hasOpenLead=true&pageSize=100')).json().items.map((i: { id: number }) => i.id)).toContain(lead.id);
  });
});

describe('standard table exports', () => {
  async function read(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
    return { name: ws.name, rows };
  }

  test('monitored households, measures, visits and 三保障 export masked; unmasked only for PII roles, audited', async () => {
    const h = await household();
    expect((await jiazhai.post(`/api/households/${h.id}/measures`, { type: 'public_job', content: '护林员岗位', amount: 5000, startOn: '2024-03-01', status: 'in_progress' })).statusCode).toBe(201);
    expect((await jiazhai.post(`/api/households/${h.id}/visits`, { visitedOn: zoneDate(), findings: '了解务工情况' })).statusCode).toBe(201);
    const items = ['food_clothing', 'education', 'medical', 'housing', 'water'].map((item) => ({ item, status: item === 'water' ? 'not_secured' : 'secured', note: item === 'water' ? '水质不达标' : null, attachmentIds: [] }));
    expect((await put(jiazhai, `/api/households/${h.id}/guarantees/2024`, { items })).statusCode).toBe(200);

    for (const [table, sheet, cell] of [
      ['monitored', '监测对象表', '边缘易致贫户'],
      ['measures', '帮扶措施表', '护林员岗位'],
      ['visits', '走访记录表', '了解务工情况'],
      ['guarantees', '两不愁三保障及饮水情况表', '水质不达标'],
    ] as const) {
      const res = await jiazhai.get(`/api/households/export/${table}`);
      expect(res.statusCode, `${table}: ${res.body.slice(0, 200)}`).toBe(200);
      const { name, rows } = await read(res.rawPayload);
      expect(name).toBe(sheet);
      expect(rows[0].slice(0, 6)).toEqual(['县（区）', '乡（镇）', '行政村', '户编号', '户主姓名', '户主证件号码']);
      const row = rows.find((r) => r[3] === h.code)!;
      expect(row, table).toBeDefined();
      expect(row).toContain(cell);
      expect(row[5]).not.toBe(h.idNumber);
      expect(row[5]).toMatch(/\*/);
    }
    expect((await shizhuang.get('/api/households/export/measures')).statusCode).toBe(200);
    const other = await read((await shizhuang.get('/api/households/export/measures')).rawPayload);
    expect(other.rows.find((r) => r[3] === h.code)).toBeUndefined();

    expect((await inspector.get('/api/households/export/visits?reveal=true')).statusCode).toBe(403);
    const full = await admin.get('/api/households/export/visits?reveal=true');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-disposition']).toContain(encodeURIComponent('走访记录表（含完整证件号码）.xlsx'));
    const { rows } = await read(full.rawPayload);
    expect(rows.find((r) => r[3] === h.code)![5]).toBe(h.idNumber);
    const audits = rowsOf<{ detail: string }>(await ctx.db.execute(sql`select detail from audit_log where action = 'pii.reveal' order by id desc limit 1`));
    expect(audits[0].detail).toContain('走访记录表');
  });
});

describe('nightly jobs', () => {
  test('the next run is at 02:00 Asia/Shanghai', () => {
    expect(nextZoneTime(new Date('2024-05-01T10:00:00Z'), 2).toISOString()).toBe('2024-05-01T18:00:00.000Z');
    expect(nextZoneTime(new Date('2024-05-01T17:59:00Z'), 2).toISOString()).toBe('2024-05-01T18:00:00.000Z');
    expect(nextZoneTime(new Date('2024-05-01T18:00:00Z'), 2).toISOString()).toBe('2024-05-02T18:00:00.000Z');
  });

  test('a job runs once per day however many instances try; a failed run may be retried', async () => {
    let calls = 0;
    const fn = async () => ({ n: ++calls });
    const outs = await Promise.all([1, 2, 3].map(() => runDailyJob(ctx.db, 'test.once', '2024-01-02', fn)));
    expect(outs.filter((o) => o.ran)).toHaveLength(1);
    expect(calls).toBe(1);
    expect((await runDailyJob(ctx.db, 'test.once', '2024-01-03', fn)).ran).toBe(true);
    const failed = await runDailyJob(ctx.db, 'test.fail', '2024-01-02', async () => {
      throw new Error('boom');
    });
    expect(failed).toMatchObject({ ran: true, error: 'boom' });
    expect(await runDailyJob(ctx.db, 'test.fail', '2024-01-02', fn)).toMatchObject({ ran: true, counts: { n: 3 } });
  });

  test('the nightly run screens the registry and escalates overdue leads, once a day; admins see the runs', async () => {
    const year = Number(zoneDate().slice(0, 4));
    expect((await put(leader, `/api/households/settings/monitoring-lines/${year}`, { incomeLine: 7500, params: {}, sourceNote: '测试' })).statusCode).toBe(200);
    const h = await household({ type: 'lifted', monitoringCategory: null });
    expect((await put(jiazhai, `/api/households/${h.id}/income/${year}`, { wage: 3000, business: 0, productionCost: 0, property: 0, transfer: 0 })).statusCode).toBe(200);
    const lead = (await jiazhai.post('/api/household-leads', { householdId: (await household({ type: 'lifted', monitoringCategory: null })).id, reason: '超时测试', raisedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() })).json();

    const day = addDays(zoneDate(), 1);
    const first = await runModuleJobs(ctx.db, ctx.app.modules, day);
    expect(first[NIGHTLY_JOBS.screening]).toMatchObject({ ran: true, counts: { year } });
    expect((first[NIGHTLY_JOBS.screening] as unknown as { counts: { households: number } }).counts.households).toBeGreaterThan(0);
    expect(first[NIGHTLY_JOBS.escalation]).toMatchObject({ ran: true });
    expect((first[NIGHTLY_JOBS.escalation] as unknown as { counts: { escalated: number } }).counts.escalated).toBeGreaterThanOrEqual(1);
    const flags = (await jiazhai.get(`/api/households/${h.id}`)).json().flags;
    expect(flags.map((f: { rule: string }) => f.rule)).toContain('income_below_line');
    const escalatedCaseId = (await jiazhai.get(`/api/household-leads/${lead.id}`)).json().escalatedCaseId;
    expect(escalatedCaseId).not.toBeNull();
    // The job acts as the system, not as some admin account.
    expect((await admin.get(`/api/cases/${escalatedCaseId}`)).json()).toMatchObject({
      foundById: null,
      events: [expect.objectContaining({ action: 'create', actorId: null, actorKind: 'system', actorRef: NIGHTLY_JOBS.escalation })],
    });

    const second = await runModuleJobs(ctx.db, ctx.app.modules, day);
    expect(second[NIGHTLY_JOBS.screening]).toMatchObject({ ran: false });
    expect(second[NIGHTLY_JOBS.escalation]).toMatchObject({ ran: false });

    expect((await leader.get('/api/admin/jobs')).statusCode).toBe(403);
    const runs = (await admin.get('/api/admin/jobs')).json();
    expect(runs.items.filter((r: { day: string }) => r.day === day)).toHaveLength(2);
    expect(runs.items.find((r: { job: string; day: string }) => r.job === NIGHTLY_JOBS.screening && r.day === day)).toMatchObject({ status: 'done', label: '全库风险筛查' });
  });
});
