import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import type { TApp } from '../../lib/types.js';
import { seedChecklistTemplates } from '../checklists/checklists.seed.js';

let ctx: TTestContext;
let inspector: TClient;

/** Posts one file as multipart/form-data, the way a browser form does. */
async function upload(app: TApp, client: TClient | null, data: Buffer, filename: string, type: string, kind?: string) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  if (kind) fd.append('kind', kind);
  const req = new Request('http://x', { method: 'POST', body: fd });
  const payload = Buffer.from(await req.arrayBuffer());
  const headers: Record<string, string> = { 'content-type': req.headers.get('content-type')! };
  if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrf });
  return app.inject({ method: 'POST', url: '/api/attachments', headers, payload });
}

const png = (w = 400, h = 300) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 40, b: 40 } } }).png().toBuffer();

/** A JPEG carrying GPS coordinates, a camera model and orientation 6 (rotated 90°). */
const jpegWithGps = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Field-1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 37/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 39/1 0/1' },
    })
    .toBuffer();

beforeAll(async () => {
  ctx = await createTestApp();
  inspector = await login(ctx.app, 'inspector');
});
afterAll(async () => {
  await ctx?.close();
});

describe('upload', () => {
  it('stores a PNG with a thumbnail and a public copy', async () => {
    const res = await upload(ctx.app, inspector, await png(1200, 900), '现场.png', 'image/png', 'before');
    expect(res.statusCode, res.body).toBe(201);
    const ref = res.json();
    expect(ref).toMatchObject({ filename: '现场.png', mime: 'image/png', kind: 'before', url: `/api/attachments/${ref.id}`, thumbUrl: `/api/attachments/${ref.id}/thumb` });

    const original = await inspector.get(ref.url);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('现场.png')}`);
    expect(original.headers['cache-control']).toMatch(/^private/);
    const thumb = await inspector.get(ref.thumbUrl);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    const [key] = [...(await keysOf(ref.id))];
    expect(key).toMatch(/^att\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
  });

  it('keeps GPS EXIF only in the original; thumbnail and public copy carry no metadata and stand upright', async () => {
    const data = await jpegWithGps();
    const before = await sharp(data).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);
    expect(data.includes(Buffer.from('TestCam'))).toBe(true);
    const res = await upload(ctx.app, inspector, data, 'IMG_0001.JPG', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const ref = res.json();
    expect(ref.mime).toBe('image/jpeg');
    expect(ref.filename).toBe('IMG_0001.jpg');

    const original = await inspector.get(ref.url);
    expect(Buffer.compare(original.rawPayload, data)).toBe(0);
    for (const url of [ref.thumbUrl, `/api/attachments/${ref.id}/public`]) {
      const copy = await inspector.get(url);
      expect(copy.statusCode).toBe(200);
      const meta = await sharp(copy.rawPayload).metadata();
      expect(meta.exif, url).toBeUndefined();
      expect(meta.xmp, url).toBeUndefined();
      expect(meta.orientation ?? 1, url).toBe(1);
      expect(copy.rawPayload.includes(Buffer.from('TestCam')), url).toBe(false);
      expect(meta.height! > meta.width!, `${url} is upright`).toBe(true);
    }
    const row = await ctx.app.inject({ method: 'GET', url: `/api/attachments/${ref.id}/public`, headers: { cookie: inspector.cookie } });
    expect(row.headers['content-type']).toBe('image/jpeg');
  });

  it('accepts a PDF (no thumbnail) and rejects a text file named .jpg', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const ok = await upload(ctx.app, inspector, pdf, '整改报告.pdf', 'application/pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ mime: 'application/pdf', thumbUrl: null });
    expect((await inspector.get(`/api/attachments/${ok.json().id}/thumb`)).statusCode).toBe(404);

    const fake = await upload(ctx.app, inspector, Buffer.from('just some text, not a photo\n'.repeat(10)), 'photo.jpg', 'image/jpeg');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(fake.json().error.message).toMatch(/JPG/);

    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await upload(ctx.app, inspector, gif, 'a.gif', 'image/gif')).json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('needs a signed-in user, a file and a known kind', async () => {
    expect((await upload(ctx.app, null, await png(), 'a.png', 'image/png')).statusCode).toBe(401);
    const badKind = await upload(ctx.app, inspector, await png(), 'a.png', 'image/png', 'selfie');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.fields.kind).toBeTruthy();
    const json = await inspector.post('/api/attachments', { file: 'x' });
    expect(json.statusCode).toBe(400);
  });

  it('answers 413 over the size limit', async () => {
    const small = await createTestApp({ maxUploadBytes: 1000 });
    try {
      const client = await login(small.app, 'inspector');
      const res = await upload(small.app, client, await png(800, 800), 'big.png', 'image/png');
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
      expect(res.json().error.message).toMatch(/1000 字节|KB/);
    } finally {
      await small.close();
    }
  });

  it('accepts files above the JSON body limit up to maxUploadBytes', async () => {
    const noise = randomBytes(1600 * 1200 * 3);
    const big = await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } }).png().toBuffer();
    expect(big.length).toBeGreaterThan(1_048_576);
    const res = await upload(ctx.app, inspector, big, 'big.png', 'image/png');
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('access', () => {
  it('an unlinked upload is its uploader’s only', async () => {
    const ref = (await upload(ctx.app, inspector, await png(), 'mine.png', 'image/png')).json();
    const leader = await login(ctx.app, 'leader');
    for (const url of [ref.url, ref.thumbUrl, `/api/attachments/${ref.id}/public`]) expect((await leader.get(url)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: ref.url })).statusCode).toBe(401);
  });

  it('a case attachment is seen by those who see the case; another village gets 404 for every copy', async () => {
    const jiazhai = await login(ctx.app, 'jiazhai');
    const ref = (await upload(ctx.app, jiazhai, await jpegWithGps(), 'a.jpg', 'image/jpeg')).json();
    const created = await jiazhai.post('/api/cases', {
      title: '村口垃圾堆放',
      module: 'chuangwen',
      areaId: ctx.seed.areaByName.get('贾寨行政村')!.id,
      source: 'inspection',
      attachmentIds: [ref.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().attachments[0].id).toBe(ref.id);

    const shizhuang = await login(ctx.app, 'shizhuang');
    expect((await shizhuang.get(ref.url)).statusCode).toBe(404);
    expect((await shizhuang.get(ref.thumbUrl)).statusCode).toBe(404);
    // The EXIF-free copy follows the original's scope: only published owner types (citizens'
    // photos) show it beyond the record's own users.
    expect((await shizhuang.get(`/api/attachments/${ref.id}/public`)).statusCode).toBe(404);
    expect((await jiazhai.get(`/api/attachments/${ref.id}/public`)).statusCode).toBe(200);
    expect((await inspector.get(ref.url)).statusCode).toBe(200);
    expect((await (await login(ctx.app, 'banko')).get(ref.url)).statusCode).toBe(200);
  });

  it('inspection photos follow the inspection scope and are copied by reference to the raised case', async () => {
    const [, cw] = await seedChecklistTemplates(ctx.db, ctx.seed.unitByName);
    const shizhuang = await login(ctx.app, 'shizhuang');
    const insp = (await shizhuang.post('/api/inspections', { templateId: cw.id, areaId: ctx.seed.areaByName.get('石庄行政村')!.id })).json();
    const ref = (await upload(ctx.app, shizhuang, await jpegWithGps(), 'fail.jpg', 'image/jpeg')).json();
    const item = cw.itemIds[0];
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/inspections/${insp.id}/results/${item}`,
      headers: { cookie: shizhuang.cookie, 'x-csrf-token': shizhuang.csrf },
      payload: { result: 'fail', note: '垃圾未清运', attachmentIds: [ref.id] },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().items.find((i: { id: number }) => i.id === item).attachments.map((a: { id: string }) => a.id)).toEqual([ref.id]);

    const jiazhai = await login(ctx.app, 'jiazhai');
    expect((await jiazhai.get(ref.url)).statusCode).toBe(404);
    expect((await inspector.get(ref.url)).statusCode).toBe(200);

    const raised = await shizhuang.post(`/api/inspections/${insp.id}/results/${item}/case`, {});
    expect(raised.statusCode, raised.body).toBe(201);
    const c = (await shizhuang.get(`/api/cases/${raised.json().id}`)).json();
    expect(c.attachments).toHaveLength(1);
    const copy = c.attachments[0];
    expect(copy).toMatchObject({ kind: 'before', filename: 'fail.jpg' });
    expect(copy.id).not.toBe(ref.id);
    const [a, b] = await Promise.all([shizhuang.get(copy.url), shizhuang.get(ref.url)]);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    expect((await jiazhai.get(copy.url)).statusCode).toBe(404);
    // The upload is claimed once: it cannot be attached to another record.
    const reuse = await shizhuang.post('/api/cases', {
      title: '重复使用照片',
      module: 'chuangwen',
      areaId: ctx.seed.areaByName.get('石庄行政村')!.id,
      source: 'inspection',
      attachmentIds: [ref.id],
      deadline: null,
    });
    expect(reuse.statusCode).toBe(400);
  });
});

/** Storage keys of an attachment, read through the memory store by probing its known layout. */
async function keysOf(id: string): Promise<string[]> {
  const now = new Date(Date.now() + 8 * 3600_000);
  const key = `att/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
  const found: string[] = [];
  for (const k of [key, `${key}.thumb`, `${key}.public`]) if (await ctx.storage.get(k)) found.push(k);
  return found;
}
