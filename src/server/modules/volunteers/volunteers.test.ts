import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import type { TApp } from '../../lib/types.js';

let ctx: TTestContext;
let app: TApp;
let wenchang: TClient;
let xuwan: TClient;
let inspector: TClient;
let leader: TClient;

beforeAll(async () => {
  ctx = await createTestApp();
  app = ctx.app;
  [wenchang, xuwan, inspector, leader] = await Promise.all(['wenchang', 'xuwan', 'inspector', 'leader'].map((u) => login(app, u)));
});
afterAll(async () => {
  await ctx?.close();
});

describe('volunteers', () => {
  test('teams, members, activities and hours, scoped by area; phones masked for non-PII roles', async () => {
    const areaId = ctx.seed.areaByName.get('人和社区')!.id;
    expect((await xuwan.post('/api/volunteers/teams', { name: '人和社区志愿服务队', areaId })).statusCode).toBe(400);
    const t = await wenchang.post('/api/volunteers/teams', { name: '人和社区志愿服务队', areaId, leaderName: '王芳', leaderPhone: '13800001234' });
    expect(t.statusCode, t.body).toBe(201);
    const team = t.json();
    expect(team).toMatchObject({ areaName: '人和社区', leaderPhone: '13800001234', memberCount: 0 });

    const a = (await wenchang.post(`/api/volunteers/teams/${team.id}/members`, { name: '李明', phone: '13900005678' })).json();
    const b = (await wenchang.post(`/api/volunteers/teams/${team.id}/members`, { name: '赵丽' })).json();
    expect((await inspector.get(`/api/volunteers/teams/${team.id}/members`)).json()[0].phone).toBe('139****5678');
    expect((await leader.get(`/api/volunteers/teams/${team.id}/members`)).json()[0].phone).toBe('13900005678');
    expect((await xuwan.get(`/api/volunteers/teams/${team.id}/members`)).statusCode).toBe(404);
    expect((await xuwan.get('/api/volunteers/teams')).json()).toEqual([]);

    const bad = await wenchang.post(`/api/volunteers/teams/${team.id}/activities`, { day: '2026-11-20', place: '人和街', memberIds: [a.id], hoursPerMember: 2, totalHours: 4 });
    expect(bad.statusCode).toBe(400);
    const act = await wenchang.post(`/api/volunteers/teams/${team.id}/activities`, {
      day: '2026-11-20',
      place: '人和街',
      description: '清理小广告',
      memberIds: [a.id, b.id],
      hoursPerMember: 2.5,
    });
    expect(act.statusCode, act.body).toBe(201);
    expect(act.json()).toMatchObject({ totalHours: 5, hoursPerMember: 2.5 });
    expect((await wenchang.post(`/api/volunteers/teams/${team.id}/activities`, { day: '2026-11-22', place: '游园', totalHours: 12 })).statusCode).toBe(201);
    expect((await wenchang.post(`/api/volunteers/teams/${team.id}/activities`, { day: '2026-12-02', place: '游园', totalHours: 3 })).statusCode).toBe(201);
    expect((await wenchang.post(`/api/volunteers/teams/${team.id}/activities`, { day: '2026-11-22', place: '游园', memberIds: [999], hoursPerMember: 1 })).statusCode).toBe(400);

    const hours = (await leader.get('/api/volunteers/hours?from=2026-11-01&to=2026-11-30')).json();
    expect(hours).toEqual([{ teamId: team.id, teamName: '人和社区志愿服务队', areaName: '人和社区', activities: 2, hours: 17 }]);
    expect((await wenchang.get(`/api/volunteers/teams/${team.id}/activities`)).json()).toHaveLength(3);

    expect((await wenchang.del(`/api/volunteers/teams/${team.id}/members/${b.id}`)).statusCode).toBe(200);
    expect((await wenchang.get('/api/volunteers/teams')).json()[0].memberCount).toBe(1);
    const ren = await wenchang.patch(`/api/volunteers/teams/${team.id}`, { name: '人和社区学雷锋志愿队' });
    expect(ren.json().name).toBe('人和社区学雷锋志愿队');
  });
});
