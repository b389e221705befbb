/**
 * Test support for citizens' reports: the 创文 test app, a tiny JPEG with GPS EXIF, and a
 * helper to post Open311 forms.
 */
import sharp from 'sharp';
import type { TApp } from '../../lib/types.js';
import { createCwTestApp } from '../chuangwen/chuangwen.testing.js';

/** The 创文 test context (its app serves /api/public, /api/citizen and /open311/v2). */
export const createCitizenTestApp = createCwTestApp;

/** A small JPEG carrying GPS EXIF, to check that public copies drop it. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 37/1 0/1' } })
    .toBuffer();
}

/** A multipart body with one file field. */
export function multipart(data: Buffer, filename: string, type = 'image/jpeg') {
  const boundary = '----zhilitest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts a form to Open311. */
export function postForm(app: TApp, url: string, form: Record<string, string | number>) {
  const body = new URLSearchParams(Object.entries(form).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
