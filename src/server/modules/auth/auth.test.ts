import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, login, TEST_PASSWORD, type TTestContext } from '../../../../test/helpers.js';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestApp({ sessionIdleMs: 60 * 60_000 });
});
afterAll(async () => ctx?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('system', () => {
  test('health reports database and version', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: expect.stringMatching(/^(pglite|postgresql)$/), version: expect.any(String) });
  });

  test('unknown API routes answer 404 JSON', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/no/such/thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  test('OpenAPI is generated from the contracts', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cases/', '/api/cases/{id}/transitions', '/api/auth/login']));
    expect(JSON.stringify(doc.paths['/api/cases/{id}/transitions'].post.requestBody)).toContain('approve_extension');
  });

  test('malformed JSON gets a clean 400 without internals', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('login', () => {
  test('signs in, answers me, signs out', async () => {
    const c = await login(ctx.app, 'leader');
    const me = await c.get('/api/auth/me');
    expect(me.json()).toMatchObject({ username: 'leader', role: 'leader', areaName: '周口市城乡一体化示范区' });
    expect(me.json()).not.toHaveProperty('passwordHash');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  test("me carries the user's abilities per module, as the module policies decide them", async () => {
    const leader = (await (await login(ctx.app, 'leader')).get('/api/auth/me')).json();
    expect(leader.abilities.cases).toEqual({ create: true, assign: true, verify: true });
    expect(leader.abilities.admin).toEqual({ manage: false });
    expect(leader.abilities.households).toMatchObject({ read: true, setMonitoring: true, edit: false });
    const wuye = (await (await login(ctx.app, 'wuye')).get('/api/auth/me')).json();
    expect(wuye.abilities.cases).toEqual({ create: false, assign: false, verify: false });
    expect(wuye.abilities.households.read).toBe(false);
    const admin = await login(ctx.app, 'admin');
    expect((await admin.get('/api/auth/me')).json().abilities.admin).toEqual({ manage: true });
    // The ability is what the server enforces: the same route answers by it.
    expect((await admin.get('/api/admin/jobs')).statusCode).toBe(200);
    expect((await (await login(ctx.app, 'leader')).get('/api/admin/jobs')).statusCode).toBe(403);
  });

  test('signing out ends the session', async () => {
    const c = await login(ctx.app, 'leader');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  test('the cookie is httpOnly and SameSite', async () => {
    const res = await post('/api/auth/login', { username: 'leader', password: TEST_PASSWORD });
    const cookie = res.cookies.find((c) => c.name === 'zhili_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  test('a wrong password is refused with a stable code', async () => {
    const res = await post('/api/auth/login', { username: 'leader', password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'LOGIN_FAILED', message: '用户名或密码错误' });
  });

  test('empty fields get field messages', async () => {
    const res = await post('/api/auth/login', { username: '', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toMatchObject({ username: '请输入用户名', password: '请输入密码' });
  });

  test('failures are throttled per user, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login', { username: 'jiwei', password: `bad-${i}` })).statusCode).toBe(401);
    }
    const res = await post('/api/auth/login', { username: 'jiwei', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('LOGIN_THROTTLED');
    // Another user from the same address is not locked by jiwei's failures.
    expect((await post('/api/auth/login', { username: 'shizhuang', password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  test('failures are throttled per IP across usernames', async () => {
    const ip = { 'x-forwarded-for': '10.9.8.7' };
    for (let i = 0; i < 30; i++) await post('/api/auth/login', { username: `ghost${i}`, password: 'x' }, ip);
    const res = await post('/api/auth/login', { username: 'banko', password: TEST_PASSWORD }, ip);
    expect(res.statusCode).toBe(429);
    expect((await post('/api/auth/login', { username: 'banko', password: TEST_PASSWORD })).statusCode).toBe(200);
  });
});

describe('CSRF and sessions', () => {
  test('a signed-in write without the CSRF token is refused', async () => {
    const c = await login(ctx.app, 'inspector');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: c.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  test('sessions live in the database: a second app instance serves the same user', async () => {
    const c = await login(ctx.app, 'inspector');
    const { buildApp } = await import('../../app.js');
    const { evictSessions } = await import('./session-cache.js');
    const other = await buildApp(ctx.app.deps);
    // Nothing in memory: the other instance must find the session in the database.
    evictSessions({ userId: (await c.get('/api/auth/me')).json().id });
    const res = await other.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } });
    expect(res.json().username).toBe('inspector');
    await other.close();
  });

  test('sessions expire', async () => {
    const short = await createTestApp({ sessionIdleMs: 1 });
    const res = await short.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 10));
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    await short.close();
  });
});

describe('change own password', () => {
  test('checks the old password and the rules, then ends other sessions', async () => {
    const a = await login(ctx.app, 'xuwan');
    const b = await login(ctx.app, 'xuwan');
    let res = await a.post('/api/auth/password', { oldPassword: 'nope', newPassword: 'Better2026x' });
    expect(res.json().error.fields.oldPassword).toBe('原密码不正确');
    res = await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: '12345678' });
    expect(res.json().error.fields.newPassword).toBe('密码须同时包含字母和数字');
    res = await a.post('/api/auth/password', { oldPassword: TEST_PASSWORD, newPassword: 'Better2026x' });
    expect(res.statusCode).toBe(200);
    expect((await a.get('/api/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/auth/me')).statusCode).toBe(401);
    await login(ctx.app, 'xuwan', 'Better2026x');
  });
});
