import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { login, type TClient } from '../../../../test/helpers.js';
import type { TCwTestContext } from '../chuangwen/chuangwen.testing.js';
import { publicThrottle } from '../../db/schema/citizen.js';
import { createCitizenTestApp, postForm } from './citizen.testing.js';
import { postRequest } from './open311.service.js';

let ctx: TCwTestContext;
let admin: TClient;
let inspector: TClient;
let key: string;
let areaId: number;
const CAT = 'SJ-01-05';

const get = (url: string) => ctx.app.inject({ method: 'GET', url });
const form = (over: Record<string, string | number> = {}) => ({
  api_key: key,
  service_code: CAT,
  lat: 33.62,
  long: 114.65,
  description: '绿地<script>alert(1)</script>&垃圾',
  'attribute[area_id]': areaId,
  ...over,
});

beforeAll(async () => {
  ctx = await createCitizenTestApp();
  admin = await login(ctx.app, 'admin');
  inspector = await login(ctx.app, 'inspector');
  areaId = ctx.seed.areaByName.get('人和社区')!.id;
  expect((await inspector.post('/api/citizen/api-keys', { name: '某市民App' })).statusCode).toBe(403);
  const res = await admin.post('/api/citizen/api-keys', { name: '某市民App' });
  expect(res.statusCode, res.body).toBe(201);
  key = res.json().key;
});
afterAll(async () => ctx?.close());

describe('Open311 services', () => {
  test('services in JSON and XML', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.json().find((s: { service_code: string }) => s.service_code === CAT)).toMatchObject({ service_name: '绿地脏乱', metadata: true, type: 'batch' });
    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(xml.body).toContain(`<services><service><service_code>`);
    expect(xml.body).toContain(`<service_code>${CAT}</service_code><service_name>绿地脏乱</service_name>`);
  });

  test('a service definition lists the area attribute; unknown code → 404 in the format', async () => {
    const def = (await get(`/open311/v2/services/${CAT}.json`)).json();
    expect(def.attributes[0]).toMatchObject({ code: 'area_id', datatype: 'singlevaluelist', required: true });
    expect(def.attributes[0].values).toContainEqual({ key: String(areaId), name: '文昌办事处人和社区' });
    const xml = (await get(`/open311/v2/services/${CAT}.xml`)).body;
    expect(xml).toMatch(/<service_definition><service_code>SJ-01-05<\/service_code><attributes><attribute><variable>true<\/variable><code>area_id<\/code>/);
    expect(xml).toContain('<values><value><key>');
    const nf = await get('/open311/v2/services/NOPE.json');
    expect(nf.statusCode).toBe(404);
    expect(nf.json()).toEqual([{ code: 404, description: 'service_code NOPE 不存在' }]);
    const nfx = await get('/open311/v2/services/NOPE.xml');
    expect(nfx.body).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>service_code NOPE 不存在</description></error></errors>');
  });
});

describe('Open311 requests', () => {
  test('POST needs a live key: missing, wrong, revoked → 403 in the standard body', async () => {
    const missing = await postForm(ctx.app, '/open311/v2/requests.json', form({ api_key: '' }));
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toEqual([{ code: 403, description: 'api_key 无效或缺失' }]);
    const wrong = await postForm(ctx.app, '/open311/v2/requests.xml', form({ api_key: 'zk_wrong' }));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('<errors><error><code>403</code>');

    const temp = (await admin.post('/api/citizen/api-keys', { name: '临时' })).json();
    expect((await postForm(ctx.app, '/open311/v2/requests.json', form({ api_key: temp.key }))).statusCode).toBe(201);
    expect((await admin.post(`/api/citizen/api-keys/${temp.id}/revoke`)).statusCode).toBe(200);
    expect((await postForm(ctx.app, '/open311/v2/requests.json', form({ api_key: temp.key }))).statusCode).toBe(403);
    const keys = (await admin.get('/api/citizen/api-keys')).json();
    expect(keys.find((k: { id: number }) => k.id === temp.id).revokedAt).not.toBeNull();
    expect(JSON.stringify(keys)).not.toContain(temp.key);
  });

  test('POST: missing parameters → 400', async () => {
    const { service_code: _s, ...noCode } = form();
    expect((await postForm(ctx.app, '/open311/v2/requests.json', noCode)).statusCode).toBe(400);
    const noLoc = await postForm(ctx.app, '/open311/v2/requests.json', { api_key: key, service_code: CAT, description: '绿地里有垃圾', 'attribute[area_id]': areaId });
    expect(noLoc.statusCode).toBe(400);
    expect(noLoc.json()[0].description).toContain('lat');
    const { 'attribute[area_id]': _a, ...noArea } = form();
    expect((await postForm(ctx.app, '/open311/v2/requests.json', noArea)).statusCode).toBe(400);
    expect((await postForm(ctx.app, '/open311/v2/requests.json', form({ service_code: 'NOPE' }))).statusCode).toBe(404);
  });

  test('POST → a pending report; GET by id, token, filters; text hidden until moderated, escaped in XML', async () => {
    const res = await postForm(ctx.app, '/open311/v2/requests.json', form());
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json();
    expect(created.service_request_id).toMatch(/^\d+$/);
    expect(created.token).toMatch(/^[A-Z2-9]{10}$/);

    const tok = (await get(`/open311/v2/tokens/${created.token}.json`)).json();
    expect(tok).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    expect((await get('/open311/v2/tokens/NOPE.json')).statusCode).toBe(404);

    let [rec] = (await get(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(rec).toMatchObject({ status: 'open', status_notes: '待审核', service_code: CAT, description: '', media_url: '' });

    // Moderated through the same queue as the public form.
    const page = (await inspector.get('/api/citizen/reports?status=pending')).json();
    const row = page.items.find((r: { id: number }) => String(r.id) === created.service_request_id);
    expect(row.channel).toBe('open311');
    expect((await inspector.post(`/api/citizen/reports/${row.id}/accept`, {})).statusCode).toBe(200);

    [rec] = (await get(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(rec).toMatchObject({ status: 'open', status_notes: '整改中', agency_responsible: '示范区城市管理局', description: '绿地<script>alert(1)</script>&垃圾' });
    expect(rec.expected_datetime).not.toBe('');
    const xml = (await get(`/open311/v2/requests/${created.service_request_id}.xml`)).body;
    expect(xml).toContain('<description>绿地&lt;script&gt;alert(1)&lt;/script&gt;&amp;垃圾</description>');
    expect(xml).not.toContain('<script>');

    const rejected = (await postForm(ctx.app, '/open311/v2/requests.json', form({ description: '另一个问题描述' }))).json()[0];
    await inspector.post(`/api/citizen/reports/${rejected.service_request_id}/reject`, { reason: '不属实' });

    const open = (await get('/open311/v2/requests.json?status=open')).json();
    const closed = (await get('/open311/v2/requests.json?status=closed')).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toContain(created.service_request_id);
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([rejected.service_request_id]);
    expect(closed[0].status_notes).toBe('未受理：不属实');
    const both = (await get(`/open311/v2/requests.json?service_request_id=${created.service_request_id},${rejected.service_request_id}&status=open`)).json();
    expect(both).toHaveLength(2); // the id list overrides the other filters
    expect((await get('/open311/v2/requests.json?service_code=SJ-01-01')).json()).toEqual([]);
    const past = (await get('/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).json();
    expect(past).toEqual([]);
    const xmlList = (await get('/open311/v2/requests.xml')).body;
    expect(xmlList.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>')).toBe(true);
  });

  test('GET errors: span over 90 days, bad status, bad date, unknown id, no format', async () => {
    const span = await get('/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(span.statusCode).toBe(400);
    expect(span.json()[0].description).toContain('90');
    expect((await get('/open311/v2/requests.xml?status=pending')).body).toContain('<code>400</code>');
    expect((await get('/open311/v2/requests.json?start_date=yesterday')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests/99999.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/requests/1.html')).statusCode).toBe(404);
    expect((await get('/open311/v2/nothing.xml')).body).toContain('<errors><error><code>404</code>');
  });
});

describe('Open311 throttling', () => {
  test('only the limit answers 429: a failing throttle store is an error, not a rate limit', async () => {
    // The same database, except that writing the throttle counter fails (as a lost connection would).
    const broken = new Proxy(ctx.db, {
      get(target, prop, receiver) {
        if (prop !== 'insert') return Reflect.get(target, prop, receiver);
        return (table: unknown) => {
          if (table === publicThrottle) throw new Error('connection lost');
          return target.insert(table as never);
        };
      },
    });
    const fields = Object.fromEntries(Object.entries(form()).map(([k, v]) => [k, String(v)]));
    await expect(postRequest(broken, fields, '10.0.0.9')).rejects.toThrow('connection lost');
    const ok = await postRequest(ctx.db, fields, '10.0.0.9');
    expect(ok[0].service_request_id).toMatch(/^\d+$/);
  });
});
