import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CATEGORY_SEEDS } from '../../../shared/domain/chuangwen/categories.js';
import { OFFICIAL_CALENDAR_2026 } from '../../../shared/domain/chuangwen/workdays.js';
import { login, type TClient } from '../../../../test/helpers.js';
import { PLACE_SEEDS } from './chuangwen.seed.js';
import { createCwTestApp, type TCwTestContext } from './chuangwen.testing.js';

let ctx: TCwTestContext;
let admin: TClient;
let leader: TClient;
let inspector: TClient;
let wuye: TClient;
let jiazhai: TClient;
let wenchang: TClient;
const unit = (name: string) => ctx.seed.unitByName.get(name)!.id;
const area = (name: string) => ctx.seed.areaByName.get(name)!.id;
const place = (name: string) => ctx.places.get(name)!;
/** PUT with the client's session (the shared client has get/post/patch/del). */
const put = (client: TClient, url: string, body: unknown) =>
  ctx.app.inject({ method: 'PUT', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf }, payload: body as object });

beforeAll(async () => {
  ctx = await createCwTestApp();
  [admin, leader, inspector, wuye, jiazhai, wenchang] = await Promise.all(
    ['admin', 'leader', 'inspector', 'wuye', 'jiazhai', 'wenchang'].map((u) => login(ctx.app, u)),
  );
});
afterAll(async () => ctx?.close());

describe('working-day calendar', () => {
  test('the seeded 2026 calendar is listed; only an admin may replace a year', async () => {
    const res = await inspector.get('/api/chuangwen/calendar/2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(OFFICIAL_CALENDAR_2026.length);
    expect(res.json().days).toContainEqual({ day: '2026-02-14', isWorkday: true, note: '春节调休上班' });
    expect((await put(leader, '/api/chuangwen/calendar/2027', { days: [] })).statusCode).toBe(403);
  });

  test('replace a year; the deadline helper follows the new data at once', async () => {
    // 2027 example: make Friday 2027-01-08 a day off and Saturday 2027-01-09 a workday.
    const days = [
      { day: '2027-01-08', isWorkday: false, note: '示例放假' },
      { day: '2027-01-09', isWorkday: true, note: '示例调休上班' },
    ];
    let res = await put(admin, '/api/chuangwen/calendar/2027', { days });
    expect(res.statusCode, res.body).toBe(200);
    res = await inspector.get(`/api/chuangwen/calendar/deadline?at=${encodeURIComponent('2027-01-07T09:00:00+08:00')}&value=1&unit=workdays`);
    expect(res.json()).toEqual({ deadline: '2027-01-09T15:59:59.999Z', label: '1个工作日' });
    res = await put(admin, '/api/chuangwen/calendar/2027', { days: [] });
    expect((await admin.get('/api/chuangwen/calendar/2027')).json().days).toEqual([]);
  });

  test('the 春节 week is skipped; 4 hours are clock hours', async () => {
    let res = await inspector.get(`/api/chuangwen/calendar/deadline?at=${encodeURIComponent('2026-02-13T10:00:00+08:00')}&value=2&unit=workdays`);
    expect(res.json().deadline).toBe('2026-02-24T15:59:59.999Z');
    res = await inspector.get(`/api/chuangwen/calendar/deadline?at=${encodeURIComponent('2026-02-16T10:00:00+08:00')}&value=4&unit=hours`);
    expect(res.json()).toEqual({ deadline: '2026-02-16T06:00:00.000Z', label: '4小时' });
  });

  test('mistakes are refused with the field named: a weekday "workday", a date of another year, a repeat', async () => {
    let res = await put(admin, '/api/chuangwen/calendar/2027', { days: [{ day: '2027-03-02', isWorkday: true, note: null }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['days.0.day']).toBe('该日本为工作日，无需设为调休上班');
    res = await put(admin, '/api/chuangwen/calendar/2027', { days: [{ day: '2026-03-02', isWorkday: false, note: null }] });
    expect(res.json().error.fields['days.0.day']).toBe('日期不在该年度内');
    res = await put(admin, '/api/chuangwen/calendar/2027', {
      days: [
        { day: '2027-03-02', isWorkday: false, note: null },
        { day: '2027-03-02', isWorkday: false, note: null },
      ],
    });
    expect(res.json().error.fields['days.1.day']).toBe('日期重复');
  });
});

describe('problem categories', () => {
  test('everyone signed in lists them, with unit names and deadline labels', async () => {
    const res = await wuye.get('/api/chuangwen/categories');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(CATEGORY_SEEDS.length);
    expect(items.find((c: { name: string }) => c.name === '占道经营')).toMatchObject({
      code: 'SJ-04-01',
      kind: 'event',
      groupName: '街面秩序',
      defaultUnitType: 'bureau',
      defaultUnitName: '示范区城市管理局',
      deadline: { value: 24, unit: 'hours' },
      deadlineLabel: '24小时',
    });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/chuangwen/categories' })).statusCode).toBe(401);
  });

  test('leaders and admins create and edit; others may not; codes are unique', async () => {
    const body = {
      code: 'SJ-09-01',
      name: '违规饲养家禽',
      kind: 'event',
      groupName: '市容环境',
      defaultUnitType: 'village_committee',
      deadline: { value: 3, unit: 'workdays' },
    };
    expect((await inspector.post('/api/chuangwen/categories', body)).statusCode).toBe(403);
    let res = await leader.post('/api/chuangwen/categories', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'SJ-09-01', urgency: 'normal', deadlineLabel: '3个工作日', isActive: true });
    res = await admin.post('/api/chuangwen/categories', body);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    res = await admin.patch('/api/chuangwen/categories/SJ-09-01', { isActive: false, deadline: { value: 5, unit: 'workdays' } });
    expect(res.json()).toMatchObject({ isActive: false, deadlineLabel: '5个工作日' });
    const active = (await inspector.get('/api/chuangwen/categories')).json().items.map((c: { code: string }) => c.code);
    expect(active).not.toContain('SJ-09-01');
    const all = (await inspector.get('/api/chuangwen/categories?includeInactive=true')).json().items.map((c: { code: string }) => c.code);
    expect(all).toContain('SJ-09-01');
    expect((await admin.patch('/api/chuangwen/categories/SJ-99-99', { name: '不存在的类别' })).statusCode).toBe(404);
    res = await admin.post('/api/chuangwen/categories', { ...body, code: 'bad' });
    expect(res.json().error.fields.code).toBe('编码格式如 SJ-01-02');
  });
});

describe('categoryDefaults: unit and deadline for a new case', () => {
  const defaults = (client: TClient, code: string, placeName?: string, at = '2026-03-04T10:00:00+08:00') =>
    client.get(
      `/api/chuangwen/categories/${code}/defaults?at=${encodeURIComponent(at)}${placeName ? `&placeId=${place(placeName)}` : ''}`,
    );

  test('电线私拉乱扯 at 中原社区A区 goes to its property company, in 2 working days', async () => {
    const res = await defaults(inspector, 'SJ-05-02', '中原社区A区', '2026-03-06T15:00:00+08:00');
    expect(res.json()).toEqual({
      categoryCode: 'SJ-05-02',
      unitId: unit('周口中原物业服务有限公司'),
      unitName: '周口中原物业服务有限公司',
      deadline: '2026-03-10T15:59:59.999Z',
      deadlineLabel: '2个工作日',
      severity: 'serious',
    });
  });

  test('a compound without a property company: its community answers', async () => {
    const res = await defaults(inspector, 'SJ-01-03', '诚和家园');
    expect(res.json()).toMatchObject({ unitName: '诚和社区居民委员会' });
  });

  test('a category naming its unit keeps it anywhere; hours count from the moment found', async () => {
    const res = await defaults(inspector, 'SJ-04-01', '文昌小学周边', '2026-02-16T09:30:00+08:00');
    expect(res.json()).toMatchObject({ unitName: '示范区城市管理局', deadline: '2026-02-17T01:30:00.000Z' });
  });

  test('电动车上牌 goes to the township office over the place', async () => {
    expect((await defaults(inspector, 'SJ-04-05', '贾寨行政村')).json()).toMatchObject({ unitName: '搬口办事处' });
    expect((await defaults(inspector, 'SJ-04-05', '中原社区A区')).json()).toMatchObject({ unitName: '文昌办事处' });
  });

  test('without a place only a category’s own unit is known', async () => {
    expect((await defaults(inspector, 'SJ-05-01')).json()).toMatchObject({ unitId: null, unitName: null });
  });

  test('a place outside scope, an unknown or inactive category: 404', async () => {
    expect((await defaults(jiazhai, 'SJ-05-02', '石庄行政村')).statusCode).toBe(404);
    expect((await defaults(inspector, 'SJ-77-01')).statusCode).toBe(404);
  });
});

describe('places', () => {
  test('forty seeded places; each user sees their scope only', async () => {
    const all = (await leader.get('/api/chuangwen/places?pageSize=100')).json();
    expect(all.total).toBe(PLACE_SEEDS.length);
    expect(PLACE_SEEDS.length).toBe(40);
    const wc = (await wenchang.get('/api/chuangwen/places?pageSize=100')).json();
    expect(wc.total).toBe(PLACE_SEEDS.filter(([, , a]) => ['中原社区A区', '中原社区B区', '文昌社区', '人和社区', '庆丰社区', '泰山社区', '光明社区', '诚和社区'].includes(a)).length);
    const mine = (await wuye.get('/api/chuangwen/places')).json();
    expect(mine.items.map((p: { name: string }) => p.name)).toEqual(['中原社区A区']);
    expect(mine.items[0]).toMatchObject({
      kind: 'compound',
      areaName: '中原社区A区',
      propertyUnitName: '周口中原物业服务有限公司',
      communityUnitName: '中原社区A区居民委员会',
    });
    const jz = (await jiazhai.get('/api/chuangwen/places')).json();
    expect(jz.items.map((p: { name: string }) => p.name)).toEqual(['贾寨行政村']);
  });

  test('filters: kind, area subtree, text', async () => {
    const toilets = (await leader.get('/api/chuangwen/places?kind=toilet')).json();
    expect(toilets.items.every((p: { kind: string }) => p.kind === 'toilet')).toBe(true);
    expect(toilets.total).toBe(4);
    const xw = (await leader.get(`/api/chuangwen/places?areaId=${area('许湾乡')}`)).json();
    expect(xw.total).toBe(6);
    const q = (await leader.get(`/api/chuangwen/places?q=${encodeURIComponent('人和')}`)).json();
    expect(q.items.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['人和广场', '人和小区', '人和街小巷']));
  });

  test('another area’s place does not exist for a village cadre (404)', async () => {
    expect((await jiazhai.get(`/api/chuangwen/places/${place('石庄行政村')}`)).statusCode).toBe(404);
    expect((await jiazhai.patch(`/api/chuangwen/places/${place('石庄行政村')}`, { address: '改' })).statusCode).toBe(404);
    expect((await jiazhai.get(`/api/chuangwen/places/${place('贾寨行政村')}`)).statusCode).toBe(200);
  });

  test('create inside one’s area; outside is refused; names are unique per area', async () => {
    const body = { name: '贾寨村文化广场', kind: 'square', areaId: area('贾寨行政村'), communityUnitId: unit('贾寨村村民委员会') };
    let res = await jiazhai.post('/api/chuangwen/places', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '贾寨村文化广场', areaName: '贾寨行政村', communityUnitName: '贾寨村村民委员会' });
    expect((await jiazhai.post('/api/chuangwen/places', body)).statusCode).toBe(409);
    res = await jiazhai.post('/api/chuangwen/places', { ...body, name: '石庄村广场', areaId: area('石庄行政村') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.areaId).toBeTruthy();
    expect((await wuye.post('/api/chuangwen/places', body)).statusCode).toBe(403);
  });

  test('update: unit types are checked; unit staff may read their place but not edit it', async () => {
    const id = place('中原社区B区');
    let res = await inspector.patch(`/api/chuangwen/places/${id}`, { propertyUnitId: unit('示范区城市管理局') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.propertyUnitId).toBe('单位类型不符');
    res = await inspector.patch(`/api/chuangwen/places/${id}`, { propertyUnitId: unit('周口文昌物业服务有限公司'), lat: 33.65, lng: 114.66 });
    expect(res.json()).toMatchObject({ propertyUnitName: '周口文昌物业服务有限公司', lat: 33.65 });
    expect((await wuye.patch(`/api/chuangwen/places/${place('中原社区A区')}`, { address: '改地址' })).statusCode).toBe(403);
  });
});

describe('POST /api/chuangwen/cases: a case at a place, with the category’s defaults', () => {
  test('电线私拉乱扯 at 中原社区A区 is assigned to its property company at once and counted for the place', async () => {
    const res = await inspector.post('/api/chuangwen/cases', {
      placeId: place('中原社区A区'),
      categoryCode: 'SJ-05-02',
      description: '3 号楼东侧电线私拉给电动车充电',
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'rectifying',
      module: 'chuangwen',
      title: '电线私拉乱扯',
      category: '电线私拉乱扯',
      place: '中原社区A区',
      areaName: '中原社区A区',
      unitName: '周口中原物业服务有限公司',
      severity: 'serious',
    });
    const expected = (await inspector.get(`/api/chuangwen/categories/SJ-05-02/defaults?placeId=${place('中原社区A区')}&at=${encodeURIComponent(c.foundAt)}`)).json();
    expect(c.deadline).toBe(expected.deadline);
    // The property company sees it; the measures per place count it in the period of its deadline.
    expect((await wuye.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    const day = new Date(new Date(c.deadline).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const m = (await leader.get(`/api/chuangwen/measures?from=${day}&to=${day}&groupBy=place`)).json();
    expect(m.rows).toEqual([expect.objectContaining({ name: '中原社区A区', due: 1, closed: 0 })]);
  });

  test('unitId null leaves it 待交办; unit staff may not raise cases; another area’s place is 404', async () => {
    let res = await inspector.post('/api/chuangwen/cases', { placeId: place('文昌农贸市场'), categoryCode: 'SJ-04-01', unitId: null, title: '市场门口占道经营' });
    expect(res.json()).toMatchObject({ status: 'pending_assign', unitId: null, deadline: null, title: '市场门口占道经营' });
    res = await wuye.post('/api/chuangwen/cases', { placeId: place('中原社区A区'), categoryCode: 'SJ-05-02' });
    expect(res.statusCode).toBe(403);
    res = await jiazhai.post('/api/chuangwen/cases', { placeId: place('石庄行政村'), categoryCode: 'SJ-01-02' });
    expect(res.statusCode).toBe(404);
    res = await inspector.post('/api/chuangwen/cases', { placeId: place('中原社区A区'), categoryCode: 'SJ-77-77' });
    expect(res.json().error.fields.categoryCode).toBeTruthy();
  });
});
