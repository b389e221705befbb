import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TTimelineEvent } from '../../../shared/contracts/households.js';
import { idCheckChar, maskIdNumber } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { sql } from 'drizzle-orm';
import { addDays, zoneDate } from '../../lib/time.js';
import type { TApp } from '../../lib/types.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let app: TApp;
let jiazhai: TClient, leader: TClient, shizhuang: TClient, banko: TClient, wuye: TClient;
let areaId: number;
const put = (c: TClient, url: string, body: unknown) => app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

let seq = 900;
function newId(birth: string): string {
  seq += 2;
  const first17 = `411602${birth}${String(seq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function uploadScan(client: TClient): Promise<string> {
  const data = await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 200, g: 200, b: 200 } } }).png().toBuffer();
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'image/png' }), '入户核实表.png');
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

const displayName = async (username: string) =>
  rowsOf<{ n: string }>(await ctx.db.execute(sql`select display_name as n from users where username = ${username}`))[0].n;

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  [jiazhai, leader, shizhuang, banko, wuye] = await Promise.all(['jiazhai', 'leader', 'shizhuang', 'banko', 'wuye'].map((u) => login(app, u)));
  areaId = ctx.seed.areaByName.get('贾寨行政村')!.id;
});
afterAll(async () => ctx?.close());

describe('household timeline', () => {
  const today = zoneDate();
  const year = Number(today.slice(0, 4)) - 1;
  let h: { id: number; code: string };
  let headId: string;
  let caseId: number;
  let leadId: number;

  /** A household with something of every kind done to it, through the API. */
  beforeAll(async () => {
    let res = await jiazhai.post('/api/households', { code: 'TL0000001', areaId, type: 'lifted', housingGrade: 'B', drinkingWater: 'safe' });
    expect(res.statusCode, res.body).toBe(201);
    h = res.json();
    headId = newId('19700101');
    expect((await jiazhai.post(`/api/households/${h.id}/members`, { name: '周大山', idNumber: headId, relation: 'head', labourSkill: 'ordinary', hasMedicalInsurance: true })).statusCode).toBe(201);
    res = await jiazhai.post(`/api/households/${h.id}/members`, { name: '周小川', idNumber: newId('19950505'), relation: 'son', labourSkill: 'ordinary', hasMedicalInsurance: true });
    const son = res.json();
    expect((await jiazhai.post('/api/households', { code: 'TL0000002', areaId, type: 'ordinary' })).statusCode).toBe(201);
    const other = rowsOf<{ id: number }>(await ctx.db.execute(sql`select id from households where code = 'TL0000002'`))[0];
    res = await jiazhai.post(`/api/households/members/${son.id}/move`, { version: son.version, kind: 'split', toHouseholdId: other.id, relation: 'head', movedOn: today, note: '成家分户' });
    expect(res.statusCode, res.body).toBe(200);

    expect((await put(jiazhai, `/api/households/${h.id}/income/${year}`, { wage: 9000, business: 3000, productionCost: 500.5, property: 0, transfer: 1200 })).statusCode).toBe(200);
    res = await put(jiazhai, `/api/households/${h.id}/guarantees/${year}`, {
      items: [
        { item: 'housing', status: 'not_secured', note: '屋顶漏雨' },
        { item: 'water', status: 'secured' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await put(leader, `/api/households/settings/monitoring-lines/${year}`, { incomeLine: 5000, sourceNote: '测试' })).statusCode).toBe(200);
    expect((await jiazhai.post('/api/households/screening', { year })).statusCode).toBe(200);
    expect((await put(jiazhai, `/api/households/${h.id}/guarantees/${year}`, { items: [{ item: 'housing', status: 'secured', note: '已维修' }] })).statusCode).toBe(200);
    expect((await jiazhai.post('/api/households/screening', { year })).statusCode).toBe(200);

    res = await jiazhai.post('/api/household-leads', { householdId: h.id, idNumber: headId, reason: '户主务工受伤，收入骤减' });
    expect(res.statusCode, res.body).toBe(201);
    leadId = res.json().id;
    const step = async (c: TClient, body: Record<string, unknown>) => {
      const cur = (await c.get(`/api/household-leads/${leadId}`)).json();
      const r = await c.post(`/api/household-leads/${leadId}/steps`, { version: cur.version, ...body });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step(jiazhai, { step: 'home_visit', note: '已入户，签订承诺授权书' });
    await step(leader, { step: 'data_check', action: 'refuse', note: '比对发现家庭成员有商品房和车辆' });

    res = await jiazhai.post(`/api/households/${h.id}/measures`, { type: 'public_job', content: '村保洁公益性岗位', amount: 6000, startOn: today, status: 'in_progress' });
    expect(res.statusCode, res.body).toBe(201);
    const measure = res.json();
    expect((await jiazhai.post(`/api/households/measures/${measure.id}/funds`, { kind: 'allocation', amount: 6000, on: today })).statusCode).toBe(201);
    expect((await jiazhai.post(`/api/households/measures/${measure.id}/funds`, { kind: 'payment', amount: 1500.5, on: today })).statusCode).toBe(201);

    res = await jiazhai.post(`/api/households/${h.id}/visits`, { visitedOn: today, findings: '厨房屋顶漏雨', problem: { title: '农户住房屋顶漏雨需维修', severity: 'serious' } });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json().caseId;
    // Entered today, done three days ago: it belongs three days back.
    expect((await jiazhai.post(`/api/households/${h.id}/visits`, { visitedOn: addDays(today, -3), findings: '了解务工情况' })).statusCode).toBe(201);

    const scan = await uploadScan(jiazhai);
    expect((await jiazhai.post(`/api/households/${h.id}/archive/home_visit`, { attachmentIds: [scan] })).statusCode).toBe(201);
  });

  const all = async (c: TClient = jiazhai, query = 'limit=100') => {
    const res = await c.get(`/api/households/${h.id}/timeline?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: TTimelineEvent[]; total: number; nextCursor: string | null };
  };

  test('every kind of event is there, newest first, worded with who did it and why', async () => {
    const t = await all();
    expect(t.nextCursor).toBeNull();
    expect(t.total).toBe(t.items.length);
    expect(new Set(t.items.map((e) => e.kind))).toEqual(new Set(['registered', 'member', 'income', 'guarantee', 'flag', 'lead', 'measure', 'fund', 'visit', 'archive', 'case']));
    // Newest first; the last thing done (the archive scan) on top, the backdated visit below everything of today.
    const ats = t.items.map((e) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(t.items[0]).toMatchObject({ kind: 'archive', title: '一户一档：上传 1 个文件', detail: '入户核实表' });
    const oldVisit = t.items.findIndex((e) => e.kind === 'visit' && e.on === addDays(today, -3));
    expect(oldVisit).toBe(t.items.length - 1);
    expect(t.items[oldVisit].at).toBe(`${addDays(today, -3)}T04:00:00.000Z`);
    // Within today, the order things were done in.
    const order = ['registered', 'member', 'income', 'guarantee', 'flag', 'lead', 'measure', 'fund', 'case', 'archive'];
    const firstOf = (kind: string) => t.items.length - 1 - [...t.items].reverse().findIndex((e) => e.kind === kind && e.on !== addDays(today, -3));
    const positions = order.map(firstOf);
    expect(positions).toEqual([...positions].sort((a, b) => b - a));

    const jiazhaiName = await displayName('jiazhai');
    const leaderName = await displayName('leader');
    const find = (kind: string, title: string | RegExp) => t.items.find((e) => e.kind === kind && (typeof title === 'string' ? e.title === title : title.test(e.title)));
    expect(find('registered', '农户建档')).toMatchObject({ detail: '户编号 TL0000001' });
    expect(find('member', '成员分户：周小川')).toMatchObject({ detail: '迁往户编号 TL0000002；成家分户', actorName: jiazhaiName, tone: 'warning', on: today });
    // Members registered together on a day are one event.
    expect(find('member', '成员建档登记：周大山、周小川')).toMatchObject({ detail: null, tone: 'info' });
    expect(find('income', `录入 ${year} 年收入`)).toMatchObject({ detail: '人均纯收入 12,700 元（1 人），家庭纯收入 12,699.50 元', actorName: jiazhaiName });
    expect(find('guarantee', `${year} 年两不愁三保障及饮水核查`)).toBeTruthy();
    // One event per save; a later save of an item replaces its earlier value (the flag keeps the story).
    expect(t.items.filter((e) => e.kind === 'guarantee').map((e) => [e.detail, e.tone])).toEqual([
      ['住房安全有保障：是（已维修）', 'success'],
      ['饮水安全有保障：是', 'success'],
    ]);
    expect(find('flag', `风险提示：住房安全未保障（${year} 年）`)).toMatchObject({ tone: 'danger', actorName: '系统筛查' });
    expect(find('flag', `风险提示消除：住房安全未保障（${year} 年）`)).toMatchObject({ tone: 'success' });
    const created = find('lead', '发现监测线索（干部排查）')!;
    expect(created.detail).toContain('户主务工受伤，收入骤减');
    expect(created.detail).toContain(`对象证件号码：${maskIdNumber(headId)}`);
    expect(created.link).toEqual({ type: 'lead', id: leadId });
    expect(find('lead', '识别纳入：入户核实完成')).toMatchObject({ detail: expect.stringContaining('已入户，签订承诺授权书'), actorName: jiazhaiName });
    expect(find('lead', '识别纳入：信息比对未通过，不予纳入')).toMatchObject({
      detail: expect.stringContaining('原因：比对发现家庭成员有商品房和车辆'),
      actorName: leaderName,
      tone: 'danger',
    });
    expect(find('measure', '帮扶措施：公益性岗位')?.detail).toContain('村保洁公益性岗位；6,000 元');
    expect(find('fund', '资金拨付 1,500.50 元')).toMatchObject({ detail: '公益性岗位：村保洁公益性岗位', tone: 'success' });
    expect(find('fund', '资金安排 6,000 元')).toBeTruthy();
    expect(find('visit', '入户走访（发现问题）')).toMatchObject({ link: { type: 'case', id: caseId }, actorName: jiazhaiName });
    expect(find('case', '督办事项：农户住房屋顶漏雨需维修')).toMatchObject({ link: { type: 'case', id: caseId }, tone: 'danger' });
    // ID numbers never appear in full.
    expect(JSON.stringify(t)).not.toContain(headId);
  });

  test('pages follow each other without gaps or repeats; kinds filter; bad cursors refused', async () => {
    const full = await all();
    const seen: TTimelineEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof all>> = await all(jiazhai, `limit=4${cursor ? `&before=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      expect(page.total).toBe(full.total);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(seen.map((e) => e.id)).toEqual(full.items.map((e) => e.id));

    const some = await all(jiazhai, 'kinds=income,visit&limit=100');
    expect(some.items.map((e) => e.kind).sort()).toEqual(['income', 'visit', 'visit']);
    expect(some.total).toBe(3);
    expect((await jiazhai.get(`/api/households/${h.id}/timeline?before=nonsense`)).statusCode).toBe(400);
    expect((await jiazhai.get(`/api/households/${h.id}/timeline?kinds=unknown`)).statusCode).toBe(400);
  });

  test('识别 through the procedure shows each step to 纳入监测; a 识别时间 set without it shows as a milestone', async () => {
    let res = await jiazhai.post('/api/households', { code: 'TL0000003', areaId, type: 'lifted' });
    const h3 = res.json();
    expect((await jiazhai.post(`/api/households/${h3.id}/members`, { name: '吴春生', idNumber: newId('19660606'), relation: 'head' })).statusCode).toBe(201);
    res = await jiazhai.post('/api/household-leads', { householdId: h3.id, channel: 'department', reason: '医保：住院自付 23,800 元' });
    const lead = res.json().id as number;
    const step = async (c: TClient, body: Record<string, unknown>) => {
      const cur = (await c.get(`/api/household-leads/${lead}`)).json();
      const r = await c.post(`/api/household-leads/${lead}/steps`, { version: cur.version, ...body });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step(jiazhai, { step: 'home_visit' });
    await step(leader, { step: 'data_check' });
    await step(jiazhai, { step: 'village_review', publicityStart: addDays(today, -5), publicityEnd: today, note: '评议通过' });
    await step(banko, { step: 'township_review' });
    await step(leader, { step: 'district_approval' });
    await step(jiazhai, { step: 'announcement' });
    await step(jiazhai, { step: 'enroll', category: 'sudden', riskTypes: ['illness'] });
    const t = (await jiazhai.get(`/api/households/${h3.id}/timeline?kinds=lead,milestone`)).json() as { items: TTimelineEvent[] };
    expect(t.items.map((e) => e.title)).toEqual([
      '识别纳入：纳入监测完成，已纳入监测',
      '识别纳入：结果公告完成',
      '识别纳入：区县审批完成',
      '识别纳入：乡镇审核完成',
      '识别纳入：村级评议公示完成',
      '识别纳入：信息比对完成',
      '识别纳入：入户核实完成',
      '发现监测线索（部门预警）',
    ]);
    expect(t.items[4].detail).toBe(`评议通过；公示 ${addDays(today, -5)} 至 ${today}；线索 ${(await jiazhai.get(`/api/household-leads/${lead}`)).json().code}`);
    expect(t.items[0].tone).toBe('success');

    // Marked monitored on the form, with no procedure here: the milestone stands in for it.
    const h2 = rowsOf<{ id: number; version: number }>(await ctx.db.execute(sql`select id, version from households where code = 'TL0000002'`))[0];
    res = await jiazhai.patch(`/api/households/${h2.id}`, { version: h2.version, type: 'monitored', monitoringCategory: 'marginal', riskTypes: ['disability'], identifiedAt: addDays(today, -30) });
    expect(res.statusCode, res.body).toBe(200);
    const t2 = (await jiazhai.get(`/api/households/${h2.id}/timeline?kinds=milestone`)).json() as { items: TTimelineEvent[] };
    expect(t2.items).toEqual([
      expect.objectContaining({ kind: 'milestone', title: '识别纳入监测', detail: '监测对象类别：边缘易致贫户；风险类型：因残；识别时间取自农户信息', on: addDays(today, -30) }),
    ]);
  });

  test('scoped like the household: another village, a unit and an unknown id get 404; the township sees it', async () => {
    expect((await shizhuang.get(`/api/households/${h.id}/timeline`)).statusCode).toBe(404);
    expect((await wuye.get(`/api/households/${h.id}/timeline`)).statusCode).toBe(404);
    expect((await jiazhai.get('/api/households/99999999/timeline')).statusCode).toBe(404);
    expect((await shizhuang.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    const township = await all(banko);
    expect(township.total).toBe((await all()).total);
  });
});
