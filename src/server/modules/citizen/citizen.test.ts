import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { login, type TClient } from '../../../../test/helpers.js';
import { cases } from '../../db/schema/cases.js';
import type { TCwTestContext } from '../chuangwen/chuangwen.testing.js';
import { createCitizenTestApp, jpegWithGps, multipart } from './citizen.testing.js';

let ctx: TCwTestContext;
let inspector: TClient;
let chengguan: TClient;
let xuwan: TClient;
let areaId: number;

const CAT = 'SJ-01-05'; // 绿地脏乱: default unit 示范区城市管理局
let ipSeq = 0;
/** Each report from its own address, so the per-IP limit does not interfere. */
const nextIp = () => `10.0.0.${++ipSeq}`;

async function report(over: Record<string, unknown> = {}, ip = nextIp()) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/public/reports',
    remoteAddress: ip,
    payload: { categoryCode: CAT, description: '小区门口绿地里堆满垃圾', areaId, address: '人和街36号门口', ...over },
  });
}

async function track(code: string) {
  return ctx.app.inject({ method: 'GET', url: `/api/public/track/${code}`, remoteAddress: nextIp() });
}

async function pendingId(code: string): Promise<number> {
  const page = (await inspector.get('/api/citizen/reports?status=pending&pageSize=200')).json();
  return page.items.find((r: { trackingCode: string }) => r.trackingCode === code).id;
}

async function closeCase(caseId: number) {
  let c = (await inspector.get(`/api/cases/${caseId}`)).json();
  const s = await chengguan.post(`/api/cases/${caseId}/transitions`, { action: 'submit', version: c.version, note: '已清理' });
  expect(s.statusCode, s.body).toBe(200);
  c = s.json();
  const v = await inspector.post(`/api/cases/${caseId}/transitions`, { action: 'verify', version: c.version, outcome: 'fixed' });
  expect(v.statusCode, v.body).toBe(200);
}

beforeAll(async () => {
  ctx = await createCitizenTestApp();
  inspector = await login(ctx.app, 'inspector');
  chengguan = await login(ctx.app, 'chengguan');
  xuwan = await login(ctx.app, 'xuwan');
  areaId = ctx.seed.areaByName.get('人和社区')!.id;
});
afterAll(async () => ctx?.close());

describe('public form', () => {
  test('categories and areas need no login', async () => {
    const cats = await ctx.app.inject({ method: 'GET', url: '/api/public/categories' });
    expect(cats.statusCode).toBe(200);
    expect(cats.json().some((c: { code: string }) => c.code === CAT)).toBe(true);
    const areas = (await ctx.app.inject({ method: 'GET', url: '/api/public/areas' })).json();
    expect(areas.find((a: { id: number }) => a.id === areaId)).toMatchObject({ name: '人和社区', townshipName: '文昌办事处' });
  });

  test('a report returns an unguessable tracking code; tracking masks the phone', async () => {
    const res = await report({ phone: '13812345678', name: '张三' });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    expect(trackingCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    const t = (await track(trackingCode.toLowerCase())).json();
    expect(t).toMatchObject({ reportStatus: 'pending', statusLabel: '待审核', phoneMasked: '138****5678', isClosed: false, canReopen: false });
    expect(JSON.stringify(t)).not.toContain('13812345678');
    expect((await track('ABCDEFGHJK')).statusCode).toBe(404);
  });

  test('validation: description length, location, unknown category or area', async () => {
    expect((await report({ description: '长'.repeat(1001) })).statusCode).toBe(400);
    expect((await report({ address: '', lat: null, lng: null })).statusCode).toBe(400);
    expect((await report({ categoryCode: 'XX-00' })).statusCode).toBe(400);
    expect((await report({ areaId: ctx.seed.areaByName.get('文昌办事处')!.id })).statusCode).toBe(400);
    expect((await report({ phone: '12345' })).statusCode).toBe(400);
  });

  test('photo: images only; the public copy has no EXIF; only claimed once', async () => {
    const pdf = multipart(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'a.pdf', 'application/pdf');
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/public/photos', remoteAddress: nextIp(), ...pdf });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');

    const up = await ctx.app.inject({ method: 'POST', url: '/api/public/photos', remoteAddress: nextIp(), ...multipart(await jpegWithGps(), 'x.jpg') });
    expect(up.statusCode, up.body).toBe(201);
    const photo = up.json();
    // Not served before a report claims it, nor to a signed-in user through /api/attachments.
    expect((await ctx.app.inject({ method: 'GET', url: photo.url })).statusCode).toBe(404);
    expect((await inspector.get(`/api/attachments/${photo.id}`)).statusCode).toBe(404);

    const res = await report({ photoId: photo.id });
    expect(res.statusCode, res.body).toBe(201);
    expect((await report({ photoId: photo.id })).statusCode).toBe(400);
    const t = (await track(res.json().trackingCode)).json();
    expect(t.photos).toHaveLength(1);
    const copy = await ctx.app.inject({ method: 'GET', url: t.photos[0].url });
    expect(copy.statusCode).toBe(200);
    expect((await sharp(copy.rawPayload).metadata()).exif).toBeUndefined();
    const thumb = await ctx.app.inject({ method: 'GET', url: t.photos[0].thumbUrl });
    expect((await sharp(thumb.rawPayload).metadata()).exif).toBeUndefined();
  });
});

describe('moderation and lifecycle', () => {
  test('moderators only, scoped by area (another township: 404)', async () => {
    const { trackingCode } = (await report()).json();
    const id = await pendingId(trackingCode);
    expect((await chengguan.get('/api/citizen/reports')).statusCode).toBe(403);
    expect((await xuwan.get(`/api/citizen/reports/${id}`)).statusCode).toBe(404);
    expect((await xuwan.post(`/api/citizen/reports/${id}/reject`, { reason: '不属实' })).statusCode).toBe(404);
    const row = (await inspector.get(`/api/citizen/reports/${id}`)).json();
    expect(row).toMatchObject({ status: 'pending', areaName: '人和社区', categoryCode: CAT });
  });

  test('accept → a citizen case with the category defaults; closed; not fixed reopens within the window', async () => {
    const { trackingCode } = (await report({ phone: '13900001111' })).json();
    const id = await pendingId(trackingCode);
    const acc = await inspector.post(`/api/citizen/reports/${id}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    const caseId = acc.json().caseId as number;
    expect(acc.json().status).toBe('accepted');
    expect((await inspector.post(`/api/citizen/reports/${id}/reject`, { reason: '重复' })).json().error.code).toBe('REPORT_ALREADY_MODERATED');

    const c = (await inspector.get(`/api/cases/${caseId}`)).json();
    expect(c).toMatchObject({ source: 'citizen', module: 'chuangwen', status: 'rectifying', unitName: '示范区城市管理局', originType: 'citizen_report' });
    let t = (await track(trackingCode)).json();
    expect(t).toMatchObject({ reportStatus: 'accepted', statusLabel: '整改中', unitName: '示范区城市管理局', canReopen: false });

    const early = await ctx.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/reopen`, payload: { note: '还是很脏' } });
    expect(early.statusCode).toBe(409);

    await closeCase(caseId);
    t = (await track(trackingCode)).json();
    expect(t).toMatchObject({ isClosed: true, statusLabel: '已办结（已整改到位）', canReopen: true });
    expect(t.notes.map((n: { text: string }) => n.text)).toEqual(
      expect.arrayContaining(['已提交，等待审核', '已受理，转交办理', '已交办责任单位整改', '复核通过，已办结']),
    );
    expect(JSON.stringify(t.notes)).not.toContain('已清理'); // staff notes stay internal

    const re = await ctx.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/reopen`, remoteAddress: nextIp(), payload: { note: '根本没有清理' } });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ statusLabel: '整改中', isClosed: false, canReopen: false });
    const after = (await inspector.get(`/api/cases/${caseId}`)).json();
    expect(after.status).toBe('rectifying');
    expect(after.outcome).toBeNull();
    const last = after.events.at(-1);
    expect(last).toMatchObject({ action: 'reopen', actorId: null, fromStatus: 'closed', toStatus: 'rectifying' });
    expect(last.note).toContain('根本没有清理');
    expect((await inspector.get(`/api/citizen/reports/${id}`)).json().reopenCount).toBe(1);
  });

  test('the public timeline: 已受理 before 已交办; after "not fixed" the new deadline shows', async () => {
    const { trackingCode } = (await report()).json();
    const id = await pendingId(trackingCode);
    const caseId = (await inspector.post(`/api/citizen/reports/${id}/accept`, {})).json().caseId as number;
    let t = (await track(trackingCode)).json();
    const texts = t.notes.map((n: { text: string }) => n.text);
    expect(texts.slice(0, 3)).toEqual(['已提交，等待审核', '已受理，转交办理', '已交办责任单位整改']);
    const times = t.notes.map((n: { at: string }) => n.at);
    expect([...times].sort()).toEqual(times);

    // Close it with a deadline in the past, then say "not fixed": the tracking page shows the fresh one.
    const old = new Date(Date.now() - 3 * 86_400_000);
    await ctx.db.update(cases).set({ deadline: old }).where(eq(cases.id, caseId));
    await closeCase(caseId);
    t = (await track(trackingCode)).json();
    expect(t.deadline).toBeNull();
    const re = await ctx.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/reopen`, remoteAddress: nextIp(), payload: { note: '又脏了' } });
    expect(re.statusCode, re.body).toBe(200);
    const fresh = (await inspector.get(`/api/cases/${caseId}`)).json().deadline as string;
    expect(new Date(fresh).getTime()).toBeGreaterThan(Date.now());
    expect(re.json().deadline).toBe(fresh);
    t = (await track(trackingCode)).json();
    expect(t.deadline).toBe(fresh);
    expect(t.notes.at(-1).text).toBe('群众反馈未整改，已重新整改');
  });

  test('not fixed is refused after the window', async () => {
    const { trackingCode } = (await report()).json();
    const id = await pendingId(trackingCode);
    const caseId = (await inspector.post(`/api/citizen/reports/${id}/accept`, {})).json().caseId as number;
    await closeCase(caseId);
    await ctx.db.update(cases).set({ closedAt: new Date(Date.now() - 8 * 86_400_000) }).where(eq(cases.id, caseId));
    expect((await track(trackingCode)).json().canReopen).toBe(false);
    const re = await ctx.app.inject({ method: 'POST', url: `/api/public/track/${trackingCode}/reopen`, remoteAddress: nextIp(), payload: { note: '没修好' } });
    expect(re.statusCode).toBe(409);
    expect(re.json().error).toMatchObject({ code: 'REPORT_REOPEN_NOT_ALLOWED', message: '办结已超过 7 天，不能再反馈未整改' });
  });

  test('merge as a duplicate: the report follows the case', async () => {
    const first = (await report()).json().trackingCode;
    const caseId = (await inspector.post(`/api/citizen/reports/${await pendingId(first)}/accept`, {})).json().caseId as number;
    const dup = (await report({ description: '同一片绿地又有垃圾' })).json().trackingCode;
    const dupId = await pendingId(dup);
    expect((await inspector.post(`/api/citizen/reports/${dupId}/merge`, { caseId: 999999 })).statusCode).toBe(400);
    const m = await inspector.post(`/api/citizen/reports/${dupId}/merge`, { caseId });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json()).toMatchObject({ status: 'merged', caseId });
    expect((await track(dup)).json()).toMatchObject({ reportStatus: 'merged', statusLabel: '整改中' });
    await closeCase(caseId);
    expect((await track(dup)).json()).toMatchObject({ isClosed: true, canReopen: true });
  });

  test('reject with a reason the reporter sees', async () => {
    const { trackingCode } = (await report()).json();
    const id = await pendingId(trackingCode);
    expect((await inspector.post(`/api/citizen/reports/${id}/reject`, { reason: '' })).statusCode).toBe(400);
    const r = await inspector.post(`/api/citizen/reports/${id}/reject`, { reason: '该处不属于公共区域' });
    expect(r.statusCode, r.body).toBe(200);
    const t = (await track(trackingCode)).json();
    expect(t).toMatchObject({ reportStatus: 'rejected', statusLabel: '未受理', isClosed: true, rejectReason: '该处不属于公共区域' });
  });
});

describe('abuse', () => {
  test('5 reports per phone per day, then 429 in Chinese', async () => {
    const phone = '13711112222';
    for (let i = 0; i < 5; i++) expect((await report({ phone })).statusCode).toBe(201);
    const res = await report({ phone });
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED', message: '该手机号今天提交的反映已达上限，请明天再试' });
  });

  test('20 reports per IP per hour', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 20; i++) expect((await report({}, ip)).statusCode).toBe(201);
    expect((await report({}, ip)).statusCode).toBe(429);
  });
});
