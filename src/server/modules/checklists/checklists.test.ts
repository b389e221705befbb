import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { addDays, zoneDate, zoneDayEnd } from '../../lib/time.js';
import { seedChecklistTemplates, type TSeededTemplate } from './checklists.seed.js';

let ctx: TTestContext;
let inspector: TClient;
let templates: TSeededTemplate[];

const put = (c: TClient, url: string, body: unknown) =>
  ctx.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

beforeAll(async () => {
  ctx = await createTestApp();
  templates = await seedChecklistTemplates(ctx.db, ctx.seed.unitByName);
  inspector = await login(ctx.app, 'inspector');
});
afterAll(async () => {
  await ctx?.close();
});

const template = (name: string) => templates.find((t) => t.name === name)!;

describe('templates', () => {
  it('the seed creates 十须知, 创文 and site templates readable by everyone', async () => {
    const wuye = await login(ctx.app, 'wuye');
    const list = await wuye.get('/api/checklists');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((t: { name: string }) => t.name).sort()).toEqual(['创文小区测评', '工地安全文明施工检查', '接诊“十须知”'].sort());
    expect(list.json().find((t: { name: string }) => t.name === '接诊“十须知”').itemCount).toBe(10);
    const sentinel = await wuye.get(`/api/checklists/${template('接诊“十须知”').id}`);
    expect(sentinel.json().items.map((i: { title: string }) => i.title)).toEqual([
      '莫大意', '熟程序', '勤通风', '重防护', '量体温', '问症状', '查旅居', '录信息', '快报告', '严消毒',
    ]);
    expect(sentinel.json().canEdit).toBe(false);
    const cw = (await wuye.get(`/api/checklists/${template('创文小区测评').id}`)).json();
    expect(cw.items.find((i: { title: string }) => i.title === '无小广告乱贴乱画').defaultUnitName).toBe('示范区城市管理局');
    expect((await wuye.get('/api/checklists?module=project')).json()).toHaveLength(1);
  });

  it('creates and replaces a template, keeping item ids and hiding answered items', async () => {
    const body = {
      name: '测试检查表',
      module: 'other',
      items: [
        { title: '第一项', standard: '标准一' },
        { title: '第二项', defaultUnitId: ctx.seed.unitByName.get('示范区城市管理局')!.id, defaultDeadlineDays: 5 },
        { title: '第三项' },
      ],
    };
    const created = await inspector.post('/api/checklists', body);
    expect(created.statusCode).toBe(201);
    const t = created.json();
    expect(t.items.map((i: { position: number }) => i.position)).toEqual([1, 2, 3]);
    expect(t.items[1]).toMatchObject({ defaultDeadlineDays: 5, severity: 'normal', defaultUnitName: '示范区城市管理局' });
    const [a, b, c] = t.items;

    // An inspection answers item c, then the template drops it and b.
    const insp = (await inspector.post('/api/inspections', { templateId: t.id, areaId: ctx.seed.areaByName.get('贾寨行政村')!.id })).json();
    expect((await put(inspector, `/api/inspections/${insp.id}/results/${c.id}`, { result: 'pass' })).statusCode).toBe(200);

    const replaced = await put(inspector, `/api/checklists/${t.id}`, {
      name: '测试检查表（修订）',
      module: 'other',
      items: [{ id: a.id, title: '第一项（改）' }, { title: '新增项' }],
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().items.map((i: { id: number; title: string }) => [i.id === a.id, i.title])).toEqual([
      [true, '第一项（改）'],
      [false, '新增项'],
    ]);
    const detail = (await inspector.get(`/api/inspections/${insp.id}`)).json();
    expect(detail.items.map((i: { title: string }) => i.title)).toEqual(['第一项（改）', '新增项', '第三项']);
    expect(detail.counts).toMatchObject({ total: 3, pass: 1, unchecked: 2 });
    expect(b.id).toBeTruthy();

    const log = await (await login(ctx.app, 'admin')).get(`/api/audit?entity=checklist&entityId=${t.id}`);
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual(['checklist.update', 'checklist.create']);
  });

  it('validates templates and restricts editing', async () => {
    const bad = await inspector.post('/api/checklists', { name: 'x', module: 'nope', items: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name', 'module', 'items']));
    const badUnit = await inspector.post('/api/checklists', { name: '单位无效', module: 'other', items: [{ title: '一', defaultUnitId: 999999 }] });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().error.fields['items.0.defaultUnitId']).toBeTruthy();
    const foreign = await put(inspector, `/api/checklists/${template('创文小区测评').id}`, {
      name: '创文小区测评',
      module: 'chuangwen',
      items: [{ id: template('接诊“十须知”').itemIds[0], title: '偷换' }],
    });
    expect(foreign.statusCode).toBe(400);
    const jiazhai = await login(ctx.app, 'jiazhai');
    expect((await jiazhai.post('/api/checklists', { name: '村里的表', module: 'other', items: [{ title: '一' }] })).statusCode).toBe(403);
    expect((await inspector.get('/api/checklists/999999')).statusCode).toBe(404);
  });
});

describe('inspections and 现场交办', () => {
  it('two failed items become two cases with the item defaults, and a duplicate is refused', async () => {
    const cw = template('创文小区测评');
    const area = ctx.seed.areaByName.get('中原社区A区')!;
    const res = await inspector.post('/api/inspections', { templateId: cw.id, areaId: area.id, place: '3号楼', lat: 33.6, lng: 114.7 });
    expect(res.statusCode).toBe(201);
    const insp = res.json();
    expect(insp).toMatchObject({ status: 'draft', templateName: '创文小区测评', areaName: '中原社区A区', abilities: { canRecord: true } });
    const byTitle = (title: string) => insp.items.find((i: { title: string }) => i.title === title);
    const ads = byTitle('无小广告乱贴乱画');
    const clothes = byTitle('无随处晾晒衣物');

    expect((await put(inspector, `/api/inspections/${insp.id}/results/${ads.id}`, { result: 'fail', note: '楼道小广告多处' })).statusCode).toBe(200);
    expect((await put(inspector, `/api/inspections/${insp.id}/results/${clothes.id}`, { result: 'fail', note: '沿街晾晒' })).statusCode).toBe(200);
    const passed = cw.itemIds.find((id) => id !== ads.id && id !== clothes.id)!;
    expect((await put(inspector, `/api/inspections/${insp.id}/results/${passed}`, { result: 'pass' })).statusCode).toBe(200);

    // Item default: 城管局 and 2 days.
    const first = await inspector.post(`/api/inspections/${insp.id}/results/${ads.id}/case`, {});
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('rectifying');
    const c1 = (await inspector.get(`/api/cases/${first.json().id}`)).json();
    expect(c1).toMatchObject({
      module: 'chuangwen',
      category: '小广告乱贴',
      source: 'inspection',
      unitName: '示范区城市管理局',
      areaName: '中原社区A区',
      place: '3号楼',
      lat: 33.6,
      description: '楼道小广告多处',
      title: '无小广告乱贴乱画（3号楼）',
      originType: 'inspection_result',
    });
    expect(c1.deadline).toBe(zoneDayEnd(addDays(zoneDate(), 2)).toISOString());

    // No default unit: the inspector picks one; the deadline is the item's 1 day.
    const property = ctx.seed.unitByName.get('周口中原物业服务有限公司')!.id;
    const second = await inspector.post(`/api/inspections/${insp.id}/results/${clothes.id}/case`, { unitId: property });
    expect(second.statusCode).toBe(201);
    const c2 = (await inspector.get(`/api/cases/${second.json().id}`)).json();
    expect(c2).toMatchObject({ category: '随处晾晒衣物', unitName: '周口中原物业服务有限公司', status: 'rectifying' });
    expect(c2.deadline).toBe(zoneDayEnd(addDays(zoneDate(), 1)).toISOString());

    const dup = await inspector.post(`/api/inspections/${insp.id}/results/${ads.id}/case`, {});
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const onPass = await inspector.post(`/api/inspections/${insp.id}/results/${passed}/case`, {});
    expect(onPass.statusCode).toBe(400);

    const detail = (await inspector.get(`/api/inspections/${insp.id}`)).json();
    expect(byTitleIn(detail, '无小广告乱贴乱画').case).toMatchObject({ id: first.json().id, code: c1.code, status: 'rectifying' });
    expect(detail.counts).toMatchObject({ fail: 2, pass: 1, cases: 2 });
    expect(String(c1.originId)).toBe(String(byTitleIn(detail, '无小广告乱贴乱画').resultId));

    // A failed item with a case cannot turn into a pass.
    const flip = await put(inspector, `/api/inspections/${insp.id}/results/${ads.id}`, { result: 'pass' });
    expect(flip.statusCode).toBe(409);

    const log = await (await login(ctx.app, 'admin')).get(`/api/audit?entity=case&entityId=${first.json().id}`);
    expect(log.json().items[0].action).toBe('case.create');
  });

  it('without a default unit the case waits 待交办; a village cadre cannot assign on the spot', async () => {
    const jiazhai = await login(ctx.app, 'jiazhai');
    const cw = template('创文小区测评');
    const insp = (await jiazhai.post('/api/inspections', { templateId: cw.id, areaId: ctx.seed.areaByName.get('贾寨行政村')!.id })).json();
    const ads = insp.items.find((i: { title: string }) => i.title === '无小广告乱贴乱画');
    const junk = insp.items.find((i: { title: string }) => i.title === '杂物无乱堆乱放');
    await put(jiazhai, `/api/inspections/${insp.id}/results/${ads.id}`, { result: 'fail' });
    await put(jiazhai, `/api/inspections/${insp.id}/results/${junk.id}`, { result: 'fail' });
    const r1 = await jiazhai.post(`/api/inspections/${insp.id}/results/${ads.id}/case`, {});
    expect(r1.statusCode).toBe(201);
    expect(r1.json().status).toBe('pending_assign');
    const r2 = await jiazhai.post(`/api/inspections/${insp.id}/results/${junk.id}/case`);
    expect(r2.statusCode, r2.body).toBe(201);
    expect(r2.json().status).toBe('pending_assign');
    const c = (await jiazhai.get(`/api/cases/${r2.json().id}`)).json();
    expect(c).toMatchObject({ unitId: null, deadline: null, title: '杂物无乱堆乱放', areaName: '贾寨行政村' });
  });

  it('a village cadre cannot see another village’s inspection (404); others cannot record', async () => {
    const shizhuang = await login(ctx.app, 'shizhuang');
    const jiazhai = await login(ctx.app, 'jiazhai');
    const insp = (await shizhuang.post('/api/inspections', { templateId: template('接诊“十须知”').id, areaId: ctx.seed.areaByName.get('石庄行政村')!.id })).json();
    expect((await jiazhai.get(`/api/inspections/${insp.id}`)).statusCode).toBe(404);
    const item = template('接诊“十须知”').itemIds[0];
    expect((await put(jiazhai, `/api/inspections/${insp.id}/results/${item}`, { result: 'pass' })).statusCode).toBe(404);
    const list = (await jiazhai.get('/api/inspections')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(insp.id);
    // Someone who can see it but does not own it may not record.
    expect((await put(inspector, `/api/inspections/${insp.id}/results/${item}`, { result: 'pass' })).statusCode).toBe(403);
    // Nor can a cadre inspect outside their scope.
    const outside = await jiazhai.post('/api/inspections', { templateId: template('接诊“十须知”').id, areaId: ctx.seed.areaByName.get('石庄行政村')!.id });
    expect(outside.statusCode).toBe(400);
    expect((await inspector.get(`/api/inspections?areaId=${ctx.seed.areaByName.get('石庄行政村')!.id}`)).json().items.map((i: { id: number }) => i.id)).toContain(insp.id);
  });

  it('complete refuses unchecked items, then completes and locks the results', async () => {
    const sentinel = template('接诊“十须知”');
    const insp = (await inspector.post('/api/inspections', { templateId: sentinel.id, areaId: ctx.seed.areaByName.get('贾寨行政村')!.id, place: '贾寨行政村卫生室' })).json();
    for (const id of sentinel.itemIds.slice(0, 8)) await put(inspector, `/api/inspections/${insp.id}/results/${id}`, { result: 'pass' });
    const early = await inspector.post(`/api/inspections/${insp.id}/complete`, { summary: '基本规范' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('快报告');
    expect(early.json().error.message).toContain('严消毒');
    expect(Object.values(early.json().error.fields)).toHaveLength(2);
    await put(inspector, `/api/inspections/${insp.id}/results/${sentinel.itemIds[8]}`, { result: 'na' });
    await put(inspector, `/api/inspections/${insp.id}/results/${sentinel.itemIds[9]}`, { result: 'fail', note: '消毒记录缺失' });
    const done = await inspector.post(`/api/inspections/${insp.id}/complete`, { summary: '基本规范' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', summary: '基本规范', counts: { pass: 8, na: 1, fail: 1, unchecked: 0 } });
    expect(done.json().abilities).toEqual({ canRecord: false, canRaiseCase: true, canComplete: false });
    expect((await put(inspector, `/api/inspections/${insp.id}/results/${sentinel.itemIds[0]}`, { result: 'fail' })).statusCode).toBe(409);
    expect((await inspector.post(`/api/inspections/${insp.id}/complete`, {})).statusCode).toBe(409);
    // A failed item may still be handed over after completion.
    expect((await inspector.post(`/api/inspections/${insp.id}/results/${sentinel.itemIds[9]}/case`, {})).statusCode).toBe(201);

    const page = (await inspector.get(`/api/inspections?status=completed&templateId=${sentinel.id}&from=${zoneDate()}&to=${zoneDate()}`)).json();
    expect(page.items.map((i: { id: number }) => i.id)).toContain(insp.id);
    expect(page.items.find((i: { id: number }) => i.id === insp.id).counts).toMatchObject({ total: 10, cases: 1 });
  });

  it('validates inspection input', async () => {
    const bad = await inspector.post('/api/inspections', { templateId: 'x', areaId: -1, lat: 200 });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['templateId', 'areaId', 'lat']));
    const wuye = await login(ctx.app, 'wuye');
    expect((await wuye.post('/api/inspections', { templateId: 1, areaId: 1 })).statusCode).toBe(403);
    const insp = (await inspector.post('/api/inspections', { templateId: template('工地安全文明施工检查').id, areaId: ctx.seed.zoneId })).json();
    const badResult = await put(inspector, `/api/inspections/${insp.id}/results/${template('工地安全文明施工检查').itemIds[0]}`, { result: 'maybe' });
    expect(badResult.statusCode).toBe(400);
    expect(badResult.json().error.fields.result).toBeTruthy();
    const wrongItem = await put(inspector, `/api/inspections/${insp.id}/results/${template('接诊“十须知”').itemIds[0]}`, { result: 'pass' });
    expect(wrongItem.statusCode).toBe(404);
  });
});

function byTitleIn(detail: { items: { title: string }[] }, title: string) {
  return detail.items.find((i) => i.title === title) as unknown as { case: unknown; resultId: number };
}
