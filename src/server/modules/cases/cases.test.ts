import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/rows.js';
import { createTestApp, daysFromNow, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let inspector: TClient;
let leader: TClient;
let wuye: TClient;
let jiazhai: TClient;
let shizhuang: TClient;
let ids: { zhongyuanA: number; jiazhai: number; shizhuang: number; wuyeUnit: number; cgj: number; inspectorUnit: number };

beforeAll(async () => {
  ctx = await createTestApp();
  [inspector, leader, wuye, jiazhai, shizhuang] = await Promise.all(
    ['inspector', 'leader', 'wuye', 'jiazhai', 'shizhuang'].map((u) => login(ctx.app, u)),
  );
  const a = ctx.seed.areaByName;
  const u = ctx.seed.unitByName;
  ids = {
    zhongyuanA: a.get('中原社区A区')!.id,
    jiazhai: a.get('贾寨行政村')!.id,
    shizhuang: a.get('石庄行政村')!.id,
    wuyeUnit: u.get('周口中原物业服务有限公司')!.id,
    cgj: u.get('示范区城市管理局')!.id,
    inspectorUnit: u.get('示范区督导组')!.id,
  };
});
afterAll(async () => ctx?.close());

async function createCase(client: TClient, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/cases', {
    title: '电线私拉乱扯',
    description: '3 号楼东侧电线私拉给电动车充电',
    module: 'chuangwen',
    category: '电线私拉乱扯',
    areaId: ids.zhongyuanA,
    place: '中原社区A区 3 号楼',
    source: 'inspection',
    unitId: ids.wuyeUnit,
    deadline: daysFromNow(3),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(client: TClient, id: number, body: Record<string, unknown>) {
  const current = (await client.get(`/api/cases/${id}`)).json();
  return client.post(`/api/cases/${id}/transitions`, { version: current.version, ...body });
}

describe('create', () => {
  test('with unit and deadline the case is assigned at once (现场交办)', async () => {
    const c = await createCase(inspector);
    expect(c.status).toBe('rectifying');
    expect(c.unitName).toBe('周口中原物业服务有限公司');
    expect(c.code).toMatch(/^DB\d{8}\d{6}$/);
    expect(c.events.map((e: { action: string }) => e.action)).toEqual(['create', 'assign']);
  });

  test('without a unit it waits to be assigned', async () => {
    const c = await createCase(inspector, { unitId: null, deadline: null });
    expect(c.status).toBe('pending_assign');
    expect(c.allowedActions).toEqual(expect.arrayContaining(['assign', 'cancel']));
  });

  test('validation errors come back with field messages in Chinese', async () => {
    const res = await inspector.post('/api/cases', { title: 'x', module: 'nope', areaId: ids.zhongyuanA });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.fields.title).toBe('标题至少 2 个字');
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['module', 'source']));
  });

  test('unit and deadline go together', async () => {
    const res = await inspector.post('/api/cases', {
      title: '小广告乱贴',
      module: 'chuangwen',
      areaId: ids.zhongyuanA,
      source: 'inspection',
      unitId: ids.cgj,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.deadline).toBeTruthy();
  });

  test('a deadline in the past is refused', async () => {
    const res = await inspector.post('/api/cases', {
      title: '小广告乱贴',
      module: 'chuangwen',
      areaId: ids.zhongyuanA,
      source: 'inspection',
      unitId: ids.cgj,
      deadline: daysFromNow(-2),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.deadline).toBe('整改期限不能早于今天');
  });

  test('a village cadre cannot raise a case in another village', async () => {
    const res = await jiazhai.post('/api/cases', { title: '垃圾乱倒', module: 'chuangwen', areaId: ids.shizhuang, source: 'inspection' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.areaId).toBeTruthy();
  });

  test('unit staff answer cases but do not raise them', async () => {
    const res = await wuye.post('/api/cases', { title: '垃圾乱倒', module: 'chuangwen', areaId: ids.zhongyuanA, source: 'inspection' });
    expect(res.statusCode).toBe(403);
  });
});

describe('scope: another area does not exist for a user', () => {
  test('a village cadre cannot read or change another village’s case (404)', async () => {
    const c = await createCase(shizhuang, { areaId: ids.shizhuang, unitId: null, deadline: null, title: '石庄村垃圾乱倒' });
    expect((await shizhuang.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    expect((await jiazhai.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const res = await jiazhai.post(`/api/cases/${c.id}/transitions`, { action: 'cancel', version: c.version, note: '试图撤销' });
    expect(res.statusCode).toBe(404);
    const list = (await jiazhai.get('/api/cases?pageSize=200')).json();
    expect(list.items.map((r: { id: number }) => r.id)).not.toContain(c.id);
  });

  test('unit staff see only their unit’s cases', async () => {
    const mine = await createCase(inspector);
    const other = await createCase(inspector, { unitId: ids.cgj, title: '小广告乱贴' });
    expect((await wuye.get(`/api/cases/${mine.id}`)).statusCode).toBe(200);
    expect((await wuye.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    const list = (await wuye.get('/api/cases?pageSize=200')).json();
    expect(list.items.every((r: { unitId: number }) => r.unitId === ids.wuyeUnit)).toBe(true);
  });
});

describe('the loop: assign → rectify → return → rectify → verify', () => {
  test('full journey with counters, events and allowed actions', async () => {
    const c = await createCase(inspector, { unitId: null, deadline: null });
    let res = await act(inspector, c.id, { action: 'assign', unitId: ids.wuyeUnit, deadline: daysFromNow(5) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().allowedActions).not.toContain('verify');

    const asWuye = (await wuye.get(`/api/cases/${c.id}`)).json();
    expect(asWuye.allowedActions).toEqual(['submit', 'request_extension']);
    expect((await wuye.get('/api/cases?mine=true&pageSize=200')).json().items.map((r: { id: number }) => r.id)).toContain(c.id);

    res = await act(wuye, c.id, { action: 'submit', note: '已清理私拉电线' });
    expect(res.json().status).toBe('pending_verify');
    expect((await inspector.get('/api/cases?mine=true&pageSize=200')).json().items.map((r: { id: number }) => r.id)).toContain(c.id);

    res = await act(inspector, c.id, { action: 'return', note: '2 号楼仍有私拉' });
    expect(res.json()).toMatchObject({ status: 'returned', returnCount: 1 });

    res = await act(wuye, c.id, { action: 'submit', note: '2 号楼也已整改' });
    expect(res.json().status).toBe('pending_verify');

    res = await act(inspector, c.id, { action: 'verify', note: '复核到位', outcome: 'fixed' });
    const done = res.json();
    expect(done).toMatchObject({ status: 'closed', outcome: 'fixed', returnCount: 1, isOverdue: false });
    expect(done.closedAt).toBeTruthy();
    expect(done.events.map((e: { action: string }) => e.action)).toEqual(['create', 'assign', 'submit', 'return', 'submit', 'verify']);
    expect(done.events[3]).toMatchObject({ note: '2 号楼仍有私拉', fromStatus: 'pending_verify', toStatus: 'returned' });
    expect(done.allowedActions).toEqual(['reopen']);

    const audit = rowsOf<{ action: string }>(
      await ctx.db.execute(sql`select action from audit_log where entity = 'case' and entity_id = ${String(c.id)} order by id`),
    ).map((r) => r.action);
    expect(audit).toEqual(['case.create', 'case.assign', 'case.submit', 'case.return', 'case.submit', 'case.verify']);
  });

  test('the wrong unit cannot submit, and a refused action changes nothing', async () => {
    const c = await createCase(inspector, { unitId: ids.cgj, title: '小广告乱贴' });
    const cgj = await login(ctx.app, 'chengguan');
    const res = await act(inspector, c.id, { action: 'submit', note: '代为提交' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CASE_NOT_RESPONSIBLE_UNIT');
    const after = (await cgj.get(`/api/cases/${c.id}`)).json();
    expect(after).toMatchObject({ status: 'rectifying', version: c.version });
  });

  test('a unit cannot verify its own rectification', async () => {
    // The inspection group itself is made responsible: its own member may not verify.
    const c = await createCase(leader, { unitId: ids.inspectorUnit, title: '督导组台账不全', module: 'other' });
    expect((await act(inspector, c.id, { action: 'submit', note: '已补齐台账' })).statusCode).toBe(200);
    const res = await act(inspector, c.id, { action: 'verify' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CASE_SELF_VERIFY');
    expect((await act(leader, c.id, { action: 'verify' })).json().status).toBe('closed');
  });

  test('an action the status does not allow answers 409', async () => {
    const c = await createCase(inspector);
    const res = await act(inspector, c.id, { action: 'verify' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CASE_ACTION_NOT_ALLOWED_IN_STATUS');
  });
});

describe('optimistic concurrency', () => {
  test('two verifiers race on one case and exactly one wins', async () => {
    const c = await createCase(inspector);
    await act(wuye, c.id, { action: 'submit', note: '已整改' });
    const { version } = (await inspector.get(`/api/cases/${c.id}`)).json();
    const [a, b] = await Promise.all([
      inspector.post(`/api/cases/${c.id}/transitions`, { action: 'verify', version }),
      leader.post(`/api/cases/${c.id}/transitions`, { action: 'return', version, note: '不到位' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('STALE_VERSION');
    const detail = (await inspector.get(`/api/cases/${c.id}`)).json();
    expect(detail.version).toBe(version + 1);
    expect(detail.events.filter((e: { action: string }) => e.action === 'verify' || e.action === 'return')).toHaveLength(1);
  });

  test('the versioned update lets exactly one of two concurrent writers through', async () => {
    const c = await createCase(inspector);
    const { updateCaseVersioned } = await import('./cases.repo.js');
    const results = await Promise.all([
      updateCaseVersioned(ctx.db, c.id, c.version, { status: 'pending_verify' }),
      updateCaseVersioned(ctx.db, c.id, c.version, { status: 'cancelled' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await inspector.get(`/api/cases/${c.id}`)).json().version).toBe(c.version + 1);
  });

  test('a stale version answers 409 and changes nothing', async () => {
    const c = await createCase(inspector);
    const res = await inspector.post(`/api/cases/${c.id}/transitions`, {
      action: 'reassign',
      version: c.version + 5,
      unitId: ids.cgj,
      deadline: daysFromNow(4),
    });
    expect(res.statusCode).toBe(409);
    const detail = (await inspector.get(`/api/cases/${c.id}`)).json();
    expect(detail).toMatchObject({ unitId: ids.wuyeUnit, version: c.version });
  });
});

describe('extensions', () => {
  test('request → approve moves the deadline and counts; refuse keeps it', async () => {
    const c = await createCase(inspector);
    const asked = daysFromNow(10);
    let res = await act(wuye, c.id, { action: 'request_extension', deadline: asked, note: '需采购电缆' });
    expect(res.json()).toMatchObject({ status: 'extension_requested', requestedDeadline: new Date(asked).toISOString() });
    res = await act(inspector, c.id, { action: 'approve_extension', note: '同意' });
    expect(res.json()).toMatchObject({ status: 'rectifying', extensionCount: 1, deadline: new Date(asked).toISOString() });

    await act(wuye, c.id, { action: 'request_extension', deadline: daysFromNow(20), note: '再延期' });
    res = await act(inspector, c.id, { action: 'refuse_extension', note: '不同意' });
    expect(res.json()).toMatchObject({ status: 'rectifying', extensionCount: 1, deadline: new Date(asked).toISOString() });
  });
});

describe('list', () => {
  test('filters, paging and sorting run on the server', async () => {
    const t = `筛选测试${Date.now()}`;
    for (let i = 0; i < 3; i++) await createCase(inspector, { title: `${t}-${i}`, module: 'project', source: 'leader' });
    const c = await createCase(inspector, { title: `${t}-待交办`, module: 'project', unitId: null, deadline: null });
    let page = (await leader.get(`/api/cases?q=${encodeURIComponent(t)}&pageSize=2&sort=id&order=asc`)).json();
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    expect(page.items[0].id).toBeLessThan(page.items[1].id);
    page = (await leader.get(`/api/cases?q=${encodeURIComponent(t)}&status=pending_assign`)).json();
    expect(page.items.map((r: { id: number }) => r.id)).toEqual([c.id]);
    page = (await leader.get(`/api/cases?q=${encodeURIComponent(t)}&source=leader&module=project`)).json();
    expect(page.total).toBe(3);
    page = (await leader.get(`/api/cases?areaId=${ids.jiazhai}&q=${encodeURIComponent(t)}`)).json();
    expect(page.total).toBe(0);
  });

  test('overdue derives from the deadline', async () => {
    const c = await createCase(inspector, { title: '逾期测试' });
    await ctx.db.execute(sql`update cases set deadline = now() - interval '2 days' where id = ${c.id}`);
    const overdue = (await leader.get('/api/cases?overdue=true&pageSize=200')).json();
    expect(overdue.items.find((r: { id: number }) => r.id === c.id)?.isOverdue).toBe(true);
    const notOverdue = (await leader.get('/api/cases?overdue=false&pageSize=200')).json();
    expect(notOverdue.items.map((r: { id: number }) => r.id)).not.toContain(c.id);
  });

  test('a list read again right after a write is fresh (the micro-cache is invalidated)', async () => {
    const c = await createCase(inspector, { title: '缓存测试' });
    const url = '/api/cases?mine=true&pageSize=200&sort=id';
    const ids1 = (await wuye.get(url)).json().items.map((r: { id: number }) => r.id);
    expect(ids1).toContain(c.id);
    const again = await wuye.get(url);
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(again.json().items.map((r: { id: number }) => r.id)).toEqual(ids1);
    await act(wuye, c.id, { action: 'submit', note: '已整改' });
    expect((await wuye.get(url)).json().items.map((r: { id: number }) => r.id)).not.toContain(c.id);
  });

  test('the deadline range picks what falls due on given zone days', async () => {
    const c = await createCase(inspector, { title: '到期筛选测试', deadline: daysFromNow(2) });
    const zoneDay = (iso: string, plusDays = 0) =>
      new Date(new Date(iso).getTime() + 8 * 3600e3 + plusDays * 86_400_000).toISOString().slice(0, 10);
    const due = zoneDay(c.deadline);
    const hit = (await leader.get(`/api/cases?dueFrom=${due}&dueTo=${due}&pageSize=200`)).json();
    expect(hit.items.map((r: { id: number }) => r.id)).toContain(c.id);
    const miss = (await leader.get(`/api/cases?dueTo=${zoneDay(c.deadline, -1)}&pageSize=200&q=${encodeURIComponent('到期筛选测试')}`)).json();
    expect(miss.items.map((r: { id: number }) => r.id)).not.toContain(c.id);
  });

  test('bad filters are refused with 400', async () => {
    const res = await leader.get('/api/cases?status=nonsense');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('bulk', () => {
  test('bulk assign, then bulk verify reports each failure', async () => {
    const a = await createCase(inspector, { unitId: null, deadline: null, title: '批量一' });
    const b = await createCase(inspector, { unitId: null, deadline: null, title: '批量二' });
    let res = await inspector.post('/api/cases/bulk', {
      action: 'assign',
      items: [a, b].map((c) => ({ id: c.id, version: c.version })),
      unitId: ids.wuyeUnit,
      deadline: daysFromNow(3),
    });
    expect(res.json()).toEqual({ done: [a.id, b.id], failed: [] });
    await act(wuye, a.id, { action: 'submit', note: '已整改' });
    const va = (await inspector.get(`/api/cases/${a.id}`)).json().version;
    const vb = (await inspector.get(`/api/cases/${b.id}`)).json().version;
    const foreign = await createCase(shizhuang, { areaId: ids.shizhuang, unitId: null, deadline: null });
    res = await jiazhai.post('/api/cases/bulk', { action: 'verify', items: [{ id: foreign.id, version: 1 }] });
    expect(res.json().failed[0]).toMatchObject({ id: foreign.id, code: 'NOT_FOUND' });
    res = await inspector.post('/api/cases/bulk', {
      action: 'verify',
      items: [
        { id: a.id, version: va },
        { id: b.id, version: vb },
      ],
    });
    const out = res.json();
    expect(out.done).toEqual([a.id]);
    expect(out.failed).toEqual([expect.objectContaining({ id: b.id, code: 'CASE_ACTION_NOT_ALLOWED_IN_STATUS' })]);
  });
});

describe('home counts', () => {
  test('counts follow scope and state', async () => {
    const before = (await jiazhai.get('/api/home/stats')).json();
    await createCase(jiazhai, { areaId: ids.jiazhai, unitId: null, deadline: null, title: '贾寨村柴草乱堆' });
    const after = (await jiazhai.get('/api/home/stats')).json();
    expect(after.open).toBe(before.open + 1);
    const all = (await leader.get('/api/home/stats')).json();
    expect(all.open).toBeGreaterThan(after.open);
    expect(all.closedThisWeek).toBeGreaterThanOrEqual(1);
    expect(all.onTimeCloseRate).toBeGreaterThan(0);
  });
});
