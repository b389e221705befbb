import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
let admin: TClient;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await login(ctx.app, 'admin');
});
afterAll(async () => {
  await ctx?.close();
});

describe('admin access', () => {
  it('answers 403 to signed-in non-admins and 401 to strangers', async () => {
    const leader = await login(ctx.app, 'leader');
    for (const url of ['/api/admin/areas', '/api/admin/units', '/api/admin/users']) {
      expect((await leader.get(url)).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const res = await leader.post('/api/admin/users', {});
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('areas', () => {
  it('lists the tree ordered by code', async () => {
    const res = await admin.get('/api/admin/areas');
    expect(res.statusCode).toBe(200);
    const codes = res.json().map((a: { code: string }) => a.code);
    expect(codes[0]).toBe('411671000000');
    expect([...codes].sort()).toEqual(codes);
  });

  it('creates a village whose code fits its township, and audits it', async () => {
    const town = ctx.seed.areaByName.get('许湾乡')!;
    const res = await admin.post('/api/admin/areas', { code: '411671002299', name: '新建行政村', level: 'village', parentId: town.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '411671002299', level: 'village', parentId: town.id, isActive: true });
    const log = await admin.get(`/api/audit?entity=area&entityId=${res.json().id}`);
    expect(log.json().items[0]).toMatchObject({ action: 'area.create', username: 'admin' });

    const dup = await admin.post('/api/admin/areas', { code: '411671002299', name: '重复', level: 'village', parentId: town.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
  });

  it('refuses codes that do not fit the level or the parent', async () => {
    const town = ctx.seed.areaByName.get('许湾乡')!;
    const zone = ctx.seed.areaByName.get('示范区')!;
    const cases = [
      { code: '411671001299', name: '错乡村', level: 'village', parentId: town.id }, // other township's prefix
      { code: '411671002000', name: '无村段', level: 'village', parentId: town.id },
      { code: '411671009001', name: '乡带村段', level: 'township', parentId: zone.id },
      { code: '411671002201', name: '村挂区下', level: 'village', parentId: zone.id },
    ];
    for (const body of cases) {
      const res = await admin.post('/api/admin/areas', body);
      expect(res.statusCode, body.name).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.json().error.fields).length).toBeGreaterThan(0);
    }
    const bad = await admin.post('/api/admin/areas', { code: '12ab', name: '', level: 'village', parentId: town.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.code).toBe('区划代码应为 12 位数字');
    expect(bad.json().error.fields.name).toBeTruthy();
  });

  it('renames and disables an area', async () => {
    const id = ctx.seed.areaByName.get('新集行政村')!.id;
    const res = await admin.patch(`/api/admin/areas/${id}`, { name: '新集村', isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '新集村', isActive: false });
    expect((await admin.patch('/api/admin/areas/999999', { name: 'x' })).statusCode).toBe(404);
  });
});

describe('units', () => {
  it('creates, filters, edits and disables units', async () => {
    const area = ctx.seed.areaByName.get('中原社区B区')!;
    const res = await admin.post('/api/admin/units', { name: '周口测试物业有限公司', type: 'property', areaId: area.id, contact: '张三', phone: '13800000000' });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({ type: 'property', areaName: '中原社区B区', isActive: true });

    const dup = await admin.post('/api/admin/units', { name: '周口测试物业有限公司', type: 'property', areaId: area.id });
    expect(dup.statusCode).toBe(409);

    const list = await admin.get('/api/admin/units?type=property&q=测试');
    expect(list.json().map((u: { id: number }) => u.id)).toEqual([unit.id]);

    const off = await admin.patch(`/api/admin/units/${unit.id}`, { isActive: false });
    expect(off.json().isActive).toBe(false);
    expect((await admin.get('/api/admin/units?type=property&q=测试')).json()).toEqual([]);
    expect((await admin.get('/api/admin/units?type=property&q=测试&includeInactive=true')).json()).toHaveLength(1);
    expect((await admin.get('/api/admin/units?type=property&q=测试&includeInactive=false')).json()).toHaveLength(0);

    const bad = await admin.post('/api/admin/units', { name: 'x', type: 'nope', areaId: area.id });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['name', 'type']));
  });
});

describe('users', () => {
  const body = () => ({
    username: 'zhangsan',
    displayName: '张三',
    role: 'village_cadre',
    unitId: ctx.seed.unitByName.get('石庄村村民委员会')!.id,
    areaId: ctx.seed.areaByName.get('石庄行政村')!.id,
    phone: null,
    password: 'Start@2021x',
  });

  it('creates a user who can then sign in, and never shows or audits the password hash', async () => {
    const res = await admin.post('/api/admin/users', body());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'zhangsan', areaName: '石庄行政村', isActive: true });
    expect(res.body).not.toMatch(/scrypt|password/i);

    const me = await login(ctx.app, 'zhangsan', 'Start@2021x');
    const who = await me.get('/api/auth/me');
    expect(who.json()).toMatchObject({ username: 'zhangsan', role: 'village_cadre', mustChangePassword: true });

    const log = await admin.get(`/api/audit?entity=user&entityId=${res.json().id}`);
    expect(JSON.stringify(log.json())).not.toMatch(/scrypt|passwordHash/);

    const list = await admin.get('/api/admin/users?q=zhang');
    expect(list.json()).toMatchObject({ total: 1, page: 1 });
    expect(list.body).not.toMatch(/scrypt/);
  });

  it('refuses a duplicate username with 409 and weak passwords with 400', async () => {
    const dup = await admin.post('/api/admin/users', body());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', fields: { username: '用户名已被使用' } });
    expect(dup.json().error.message).toMatch(/已被使用/);

    const weak = await admin.post('/api/admin/users', { ...body(), username: 'lisi', password: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toBe('密码须同时包含字母和数字');

    const bad = await admin.post('/api/admin/users', { ...body(), username: 'A!', role: 'king' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['username', 'role']));

    const noUnit = await admin.post('/api/admin/users', { ...body(), username: 'wangwu', role: 'unit_staff', unitId: null });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.fields.unitId).toBeTruthy();
  });

  it('disabling a user ends their sessions at once', async () => {
    const created = await admin.post('/api/admin/users', { ...body(), username: 'zhaoliu' });
    const client = await login(ctx.app, 'zhaoliu', 'Start@2021x');
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    const res = await admin.patch(`/api/admin/users/${created.json().id}`, { isActive: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(ctx.app, 'zhaoliu', 'Start@2021x')).rejects.toThrow(/401/);
  });

  it('resets a password: old sessions end, the new one works and must be changed', async () => {
    const created = await admin.post('/api/admin/users', { ...body(), username: 'sunqi' });
    const id = created.json().id;
    const client = await login(ctx.app, 'sunqi', 'Start@2021x');
    const weak = await admin.post(`/api/admin/users/${id}/reset-password`, { password: '12345678' });
    expect(weak.statusCode).toBe(400);
    const res = await admin.post(`/api/admin/users/${id}/reset-password`, { password: 'Reset@2021' });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    await expect(login(ctx.app, 'sunqi', 'Start@2021x')).rejects.toThrow(/401/);
    const again = await login(ctx.app, 'sunqi', 'Reset@2021');
    expect((await again.get('/api/auth/me')).json().mustChangePassword).toBe(true);
  });

  it('an administrator cannot disable themselves', async () => {
    const me = (await admin.get('/api/auth/me')).json();
    const res = await admin.patch(`/api/admin/users/${me.id}`, { isActive: false });
    expect(res.statusCode).toBe(400);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });
});

describe('lookups', () => {
  it('offers areas inside the caller scope only', async () => {
    const app = ctx.app;
    const jiazhai = await login(ctx.app, 'jiazhai');
    const get = (c: TClient, url: string) => app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
    const mine = await get(jiazhai, '/api/lookup/areas');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().map((a: { name: string }) => a.name)).toEqual(['贾寨行政村']);

    const banko = await login(ctx.app, 'banko');
    const town = (await get(banko, '/api/lookup/areas')).json();
    expect(town).toHaveLength(9);
    expect(town.every((a: { code: string }) => a.code.startsWith('411671001'))).toBe(true);

    const wuye = await login(ctx.app, 'wuye');
    expect((await get(wuye, '/api/lookup/areas')).json().map((a: { name: string }) => a.name)).toEqual(['中原社区A区']);

    expect((await app.inject({ method: 'GET', url: '/api/lookup/areas' })).statusCode).toBe(401);
  });

  it('offers every active unit, filtered by type and text', async () => {
    const app = ctx.app;
    const jiazhai = await login(ctx.app, 'jiazhai');
    const res = await app.inject({ method: 'GET', url: '/api/lookup/units?type=bureau&q=城市', headers: { cookie: jiazhai.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ name: '示范区城市管理局', type: 'bureau', areaName: '周口市城乡一体化示范区' })]);
    const all = await app.inject({ method: 'GET', url: '/api/lookup/units', headers: { cookie: jiazhai.cookie } });
    expect(all.json().length).toBeGreaterThan(30);
  });
});

describe('people lookup', () => {
  it('lists active people inside the caller’s area, for pickers, without contact details', async () => {
    const jiazhai = await login(ctx.app, 'jiazhai');
    const mine = (await jiazhai.get('/api/lookup/users')).json();
    expect(mine.map((u: { areaName: string }) => u.areaName)).toEqual(mine.map(() => '贾寨行政村'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).not.toHaveProperty('phone');
    const leader = await login(ctx.app, 'leader');
    const cadres = (await leader.get('/api/lookup/users?role=village_cadre')).json();
    expect(cadres.map((u: { role: string }) => u.role)).toEqual(cadres.map(() => 'village_cadre'));
    expect(cadres.length).toBeGreaterThanOrEqual(2);
    const wuye = await login(ctx.app, 'wuye');
    expect((await wuye.get('/api/lookup/users')).json()).toEqual([]);
  });
});
