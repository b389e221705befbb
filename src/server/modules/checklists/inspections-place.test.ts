/** Inspections of a 创文 place: the place fills the inspection in, and 现场交办 links cases to it. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type TClient } from '../../../../test/helpers.js';
import { cwCasePlaces } from '../../db/schema/chuangwen.js';
import { createCwTestApp, type TCwTestContext } from '../chuangwen/chuangwen.testing.js';
import { seedChecklistTemplates, type TSeededTemplate } from './checklists.seed.js';

let ctx: TCwTestContext;
let inspector: TClient;
let template: TSeededTemplate;

const put = (c: TClient, url: string, body: unknown) =>
  ctx.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

beforeAll(async () => {
  ctx = await createCwTestApp();
  template = (await seedChecklistTemplates(ctx.db, ctx.seed.unitByName)).find((t) => t.name === '创文小区测评')!;
  inspector = await login(ctx.app, 'inspector');
});
afterAll(async () => ctx?.close());

async function failAndRaise(inspectionId: number, itemTitle: string) {
  const detail = (await inspector.get(`/api/inspections/${inspectionId}`)).json();
  const item = detail.items.find((i: { title: string }) => i.title === itemTitle);
  expect((await put(inspector, `/api/inspections/${inspectionId}/results/${item.id}`, { result: 'fail', note: '现场发现' })).statusCode).toBe(200);
  const raised = await inspector.post(`/api/inspections/${inspectionId}/results/${item.id}/case`, {});
  expect(raised.statusCode, raised.body).toBe(201);
  const c = (await inspector.get(`/api/cases/${raised.json().id}`)).json();
  const [link] = await ctx.db.select().from(cwCasePlaces).where(eq(cwCasePlaces.caseId, c.id));
  return { c, link: link ?? null };
}

describe('inspection of a 创文 place', () => {
  it('takes area, place text and location from the place', async () => {
    const placeId = ctx.places.get('中原社区A区')!;
    const res = await inspector.post('/api/inspections', { templateId: template.id, placeId });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ placeId, place: '中原社区A区', areaName: '中原社区A区' });
    expect(d.lat).not.toBeNull();
    expect(d.lng).not.toBeNull();
    const listed = (await inspector.get('/api/inspections?pageSize=5')).json().items.find((i: { id: number }) => i.id === d.id);
    expect(listed.placeId).toBe(placeId);
  });

  it('refuses a place of another area, an unknown place, and neither area nor place', async () => {
    const placeId = ctx.places.get('中原社区A区')!;
    const other = ctx.seed.areaByName.get('贾寨行政村')!.id;
    expect((await inspector.post('/api/inspections', { templateId: template.id, placeId, areaId: other })).statusCode).toBe(400);
    expect((await inspector.post('/api/inspections', { templateId: template.id, placeId: 999_999 })).statusCode).toBe(400);
    expect((await inspector.post('/api/inspections', { templateId: template.id })).statusCode).toBe(400);
  });

  it('links a failed item’s case to the place; no default unit → the category’s unit at the place', async () => {
    const placeId = ctx.places.get('中原社区A区')!;
    const insp = (await inspector.post('/api/inspections', { templateId: template.id, placeId })).json();

    // 杂物乱堆乱放: the item has no unit; the category goes to the property company of the place.
    const a = await failAndRaise(insp.id, '杂物无乱堆乱放');
    expect(a.c).toMatchObject({ status: 'rectifying', unitName: '周口中原物业服务有限公司', place: '中原社区A区' });
    expect(a.c.deadline).not.toBeNull();
    expect(a.link).toEqual({ caseId: a.c.id, placeId, categoryCode: 'SJ-01-03' });

    // 小广告: the item's own default unit wins; the case is still linked to the place.
    const b = await failAndRaise(insp.id, '无小广告乱贴乱画');
    expect(b.c.unitName).toBe('示范区城市管理局');
    expect(b.link).toMatchObject({ placeId, categoryCode: 'SJ-02-01' });

    // 创文氛围营造 matches no category: linked without one, to the place's property company.
    const c = await failAndRaise(insp.id, '创文氛围营造');
    expect(c.c.unitName).toBe('周口中原物业服务有限公司');
    expect(c.link).toMatchObject({ placeId, categoryCode: null });
  });

  it('an inspection of an area without a place raises an unlinked case, as before', async () => {
    const areaId = ctx.seed.areaByName.get('中原社区B区')!.id;
    const insp = (await inspector.post('/api/inspections', { templateId: template.id, areaId, place: '3号楼' })).json();
    expect(insp.placeId).toBeNull();
    const { c, link } = await failAndRaise(insp.id, '无小广告乱贴乱画');
    expect(c.unitName).toBe('示范区城市管理局');
    expect(link).toBeNull();
  });
});
