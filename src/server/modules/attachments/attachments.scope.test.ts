/**
 * Every copy of a linked file follows its record's scope: for each attachment owner type the
 * modules declare, a township cadre of 搬口办事处 uploads a photo and links it to a record of 贾寨
 * through the module's own API; the original, the thumbnail and the EXIF-free public copy are
 * 200 for them and 404 for the cadre of 许湾乡 (another area answers 404, not 403). A citizen's
 * report photo is the one published type: its public copy and thumbnail are shown to anyone
 * (the tracking page reads them at /api/public/photos/:id), its original stays with the
 * report's area.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { attachments } from '../../db/schema/attachments.js';
import { zoneDate } from '../../lib/time.js';
import { seedChecklistTemplates } from '../checklists/checklists.seed.js';
import { seedChuangwen } from '../chuangwen/chuangwen.seed.js';

let ctx: TTestContext;
/** Township cadres: the owner's area (搬口办事处, over 贾寨) and another (许湾乡). */
let banko: TClient;
let xuwan: TClient;
let villageId: number;

const VARIANTS = ['', '/thumb', '/public'] as const;

/** A JPEG with GPS EXIF, uploaded as a browser form does. */
async function uploadPhoto(client: TClient | null, url = '/api/attachments'): Promise<string> {
  const data = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 37/1 0/1' } })
    .toBuffer();
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), '现场.jpg');
  const req = new Request('http://x', { method: 'POST', body: fd });
  const headers: Record<string, string> = { 'content-type': req.headers.get('content-type')! };
  if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrf });
  const res = await ctx.app.inject({ method: 'POST', url, headers, payload: Buffer.from(await req.arrayBuffer()) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

function put(client: TClient, url: string, payload: object) {
  return ctx.app.inject({ method: 'PUT', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf }, payload });
}

async function created<T = { id: number }>(res: { statusCode: number; body: string; json: () => unknown }): Promise<T> {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as T;
}

/** The status of each copy of a file for a user. */
async function copies(client: TClient, id: string): Promise<number[]> {
  return Promise.all(VARIANTS.map(async (v) => (await client.get(`/api/attachments/${id}${v}`)).statusCode));
}

let householdSeq = 0;
async function household(): Promise<number> {
  return (await created(await banko.post('/api/households', { code: `SCOPE${String(++householdSeq).padStart(4, '0')}`, areaId: villageId, type: 'ordinary' }))).id;
}

/** Each owner type, linked through its module's API: upload as banko, link, return the file id. */
const OWNER_TYPES: Record<string, () => Promise<string>> = {
  case: async () => {
    const id = await uploadPhoto(banko);
    await created(await banko.post('/api/cases', { title: '占道经营', module: 'chuangwen', areaId: villageId, source: 'inspection', attachmentIds: [id] }));
    return id;
  },
  inspection_result: async () => {
    const templateId = (await created<{ id: number }[]>(await banko.get('/api/checklists')))[0].id;
    const inspection = await created<{ id: number; items: { id: number }[] }>(await banko.post('/api/inspections', { templateId, areaId: villageId }));
    const id = await uploadPhoto(banko);
    await created(await put(banko, `/api/inspections/${inspection.id}/results/${inspection.items[0].id}`, { result: 'fail', note: '未达标', attachmentIds: [id] }));
    return id;
  },
  household_visit: async () => {
    const hid = await household();
    const id = await uploadPhoto(banko);
    await created(await banko.post(`/api/households/${hid}/visits`, { visitedOn: zoneDate(), findings: '入户走访，家中情况稳定', attachmentIds: [id] }));
    return id;
  },
  household_archive: async () => {
    const hid = await household();
    const archive = await created<{ documents: { code: string }[] }>(await banko.get(`/api/households/${hid}/archive`));
    const id = await uploadPhoto(banko);
    await created(await banko.post(`/api/households/${hid}/archive/${archive.documents[0].code}`, { attachmentIds: [id] }));
    return id;
  },
  household_guarantee: async () => {
    const hid = await household();
    const id = await uploadPhoto(banko);
    const year = Number(zoneDate().slice(0, 4));
    await created(await put(banko, `/api/households/${hid}/guarantees/${year}`, { items: [{ item: 'housing', status: 'secured', attachmentIds: [id] }] }));
    return id;
  },
  volunteer_activity: async () => {
    const team = await created(await banko.post('/api/volunteers/teams', { name: '贾寨志愿服务队', areaId: villageId }));
    const id = await uploadPhoto(banko);
    await created(await banko.post(`/api/volunteers/teams/${team.id}/activities`, { day: zoneDate(), place: '村委会', totalHours: 6, attachmentIds: [id] }));
    return id;
  },
};

beforeAll(async () => {
  ctx = await createTestApp({}, async (db, seed) => {
    await seedChuangwen(db, seed);
    await seedChecklistTemplates(db, seed.unitByName);
  });
  [banko, xuwan] = await Promise.all(['banko', 'xuwan'].map((u) => login(ctx.app, u)));
  villageId = ctx.seed.areaByName.get('贾寨行政村')!.id;
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

test('every owner type a module declares is covered here', () => {
  const declared = ctx.app.modules.modules.flatMap((m) => Object.keys(m.attachmentOwners ?? {})).sort();
  expect(declared).toEqual([...Object.keys(OWNER_TYPES), 'citizen_report'].sort());
});

test('an upload not linked yet is its uploader’s alone', async () => {
  const id = await uploadPhoto(banko);
  expect(await copies(banko, id)).toEqual([200, 200, 200]);
  expect(await copies(xuwan, id)).toEqual([404, 404, 404]);
});

describe.each(Object.keys(OWNER_TYPES))('%s', (ownerType) => {
  test('original, thumbnail and public copy: 200 in the record’s area, 404 in another', async () => {
    const id = await OWNER_TYPES[ownerType]();
    expect(await ownerTypeOf(id)).toBe(ownerType);
    expect(await copies(banko, id)).toEqual([200, 200, 200]);
    expect(await copies(xuwan, id)).toEqual([404, 404, 404]);
  });
});

describe('citizen_report (published)', () => {
  let photoId: string;
  let reportId: number;
  let trackingCode: string;

  beforeAll(async () => {
    photoId = await uploadPhoto(null, '/api/public/photos');
    const categoryCode = (await created<{ code: string }[]>(await ctx.app.inject({ method: 'GET', url: '/api/public/categories' })))[0].code;
    const report = await created<{ trackingCode: string }>(
      await ctx.app.inject({ method: 'POST', url: '/api/public/reports', payload: { categoryCode, description: '路边垃圾堆放多日无人清理', areaId: villageId, address: '贾寨村口', photoId } }),
    );
    trackingCode = report.trackingCode;
    reportId = (await created<{ items: { id: number; trackingCode: string }[] }>(await banko.get('/api/citizen/reports'))).items.find((r) => r.trackingCode === trackingCode)!.id;
  });

  test('public copy and thumbnail for anyone; the original only in the report’s area', async () => {
    expect(await ownerTypeOf(photoId)).toBe('citizen_report');
    expect(await copies(banko, photoId)).toEqual([200, 200, 200]);
    expect(await copies(xuwan, photoId)).toEqual([404, 200, 200]);
    // The tracking page, without a session.
    const track = await created<{ photos: { url: string; thumbUrl: string }[] }>(await ctx.app.inject({ method: 'GET', url: `/api/public/track/${trackingCode}` }));
    expect(track.photos.map((p) => p.url)).toEqual([`/api/public/photos/${photoId}`]);
    for (const url of [track.photos[0].url, track.photos[0].thumbUrl]) {
      expect((await ctx.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    // The public copy carries no EXIF, the original does.
    const pub = await banko.get(`/api/attachments/${photoId}/public`);
    expect((await sharp(pub.rawPayload).metadata()).exif).toBeUndefined();
    expect((await sharp((await banko.get(`/api/attachments/${photoId}`)).rawPayload).metadata()).exif).toBeDefined();
  });

  test('accepted into a case, the photo follows the case; the tracking page still shows it', async () => {
    expect((await banko.post(`/api/citizen/reports/${reportId}/accept`, {})).statusCode).toBe(200);
    expect(await ownerTypeOf(photoId)).toBe('case');
    expect(await copies(banko, photoId)).toEqual([200, 200, 200]);
    expect(await copies(xuwan, photoId)).toEqual([404, 404, 404]);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/photos/${photoId}` })).statusCode).toBe(200);
  });
});

/** The owner type a file is linked to now. */
async function ownerTypeOf(id: string): Promise<string | null> {
  const [row] = await ctx.db.select({ ownerType: attachments.ownerType }).from(attachments).where(eq(attachments.id, id));
  return row?.ownerType ?? null;
}
