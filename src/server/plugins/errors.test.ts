/**
 * Database errors that escape the contracts: the input's fault answers 400 with a stable code,
 * ours answers 500; either way the log names the SQLSTATE, the route and a query fingerprint,
 * never the values of the query (here an ID number and a phone). On PGlite, or on PostgreSQL
 * with TEST_DATABASE_URL.
 */
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { stdSerializers } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTestDb } from '../../../test/helpers.js';
import { buildApp } from '../app.js';
import { defaultAppConfig } from '../config.js';
import type { TDbHandle } from '../db/client.js';
import { describeError, queryFingerprint, serializeError, sqlStateOf } from '../db/errors.js';
import { createMemoryStorage } from '../lib/storage.js';
import type { TApp } from '../lib/types.js';

const ID_NUMBER = '411602198001011234';
const PHONE = '13812345678';

let handle: TDbHandle;
let drop: () => Promise<void>;
let app: TApp;
const lines: string[] = [];

beforeAll(async () => {
  ({ handle, drop } = await openTestDb());
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  app = await buildApp(
    { db: handle.db, dbKind: handle.kind, storage: createMemoryStorage(), config: defaultAppConfig({}) },
    { logger: { level: 'info', stream } },
  );
  const { db } = handle;
  // Queries that fail the way a value no contract caught makes them fail.
  app.get('/api/test/nul', async () => db.execute(sql`select ${`${ID_NUMBER}\u0000`}::text`));
  app.get('/api/test/json-surrogate', async () => db.execute(sql`select ${JSON.stringify({ phone: `${PHONE}\ud800` })}::jsonb`));
  app.get('/api/test/not-a-number', async () => db.execute(sql`select ${ID_NUMBER}::text, ${'十二'}::integer`));
  app.get('/api/test/int-range/:id', async () => db.execute(sql`select ${99_999_999_999}::integer, ${PHONE}::text`));
  app.get('/api/test/year-0', async () => db.execute(sql`select ${'0000-01-01'}::date, ${PHONE}::text`));
  // Ours: an undefined table is no fault of the input.
  app.get('/api/test/ours', async () => db.execute(sql`select * from no_such_table where phone = ${PHONE}`));
  // A module logging the error itself, as export routes do.
  app.get('/api/test/logged', async (req) => {
    try {
      await db.execute(sql`select ${ID_NUMBER}::text, ${'十二'}::integer`);
    } catch (err) {
      req.log.error({ err }, 'export failed');
    }
    return { ok: true };
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await drop?.();
});

const logsSince = (n: number) => lines.slice(n).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a database error the input caused answers 400 with a stable code', () => {
  test.each([
    ['/api/test/nul', 'INVALID_CHARACTERS', '22021'],
    ['/api/test/json-surrogate', 'INVALID_VALUE', '22P02'],
    ['/api/test/not-a-number', 'INVALID_VALUE', '22P02'],
    ['/api/test/int-range/7', 'VALUE_OUT_OF_RANGE', '22003'],
    ['/api/test/year-0', 'VALUE_OUT_OF_RANGE', '22008'],
  ])('%s → %s (SQLSTATE %s)', async (url, code, sqlstate) => {
    const before = lines.length;
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/请/);
    const logged = logsSince(before).find((l) => l.msg === 'database refused the input')!;
    expect(logged).toMatchObject({ level: 40, method: 'GET', db: { sqlstate } });
    expect(logged.route).toBe(url.replace(/\/7$/, '/:id'));
    expect((logged.db as { fingerprint: string }).fingerprint).toMatch(/^[0-9a-f]{12}$/);
    const text = lines.slice(before).join('');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
  });
});

test('a database error of ours is a 500 whose log holds no parameter', async () => {
  const before = lines.length;
  const res = await app.inject({ method: 'GET', url: '/api/test/ours' });
  expect(res.statusCode).toBe(500);
  expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  const logged = logsSince(before).find((l) => l.msg === 'unhandled error')!;
  expect(logged).toMatchObject({ level: 50, route: '/api/test/ours', db: { sqlstate: '42P01' } });
  expect(lines.slice(before).join('')).not.toContain(PHONE);
});

test("a module's own `{ err }` log of a database error goes through the safe serializer", async () => {
  const before = lines.length;
  expect((await app.inject({ method: 'GET', url: '/api/test/logged' })).statusCode).toBe(200);
  const logged = logsSince(before).find((l) => l.msg === 'export failed')!;
  expect(logged.err).toMatchObject({ type: 'DrizzleQueryError', sqlstate: '22P02', message: 'database error 22P02' });
  expect(lines.slice(before).join('')).not.toContain(ID_NUMBER);
});

test('the pieces: SQLSTATE through the cause chain, fingerprint, job text, other errors unchanged', async () => {
  let caught: unknown;
  try {
    await handle.db.execute(sql`select ${ID_NUMBER}::text, ${'十二'}::integer`);
  } catch (err) {
    caught = err;
  }
  expect(sqlStateOf(caught)).toBe('22P02');
  expect(sqlStateOf(new Error('boom', { cause: caught }))).toBe('22P02');
  expect(sqlStateOf(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBeUndefined();
  expect(describeError(caught)).toMatch(/^数据库错误 SQLSTATE 22P02/);
  expect(describeError(caught)).not.toContain(ID_NUMBER);
  expect(describeError(new Error('boom'))).toBe('boom');
  expect(queryFingerprint('select  $1::integer')).toBe(queryFingerprint('select $1::integer'));
  // pino's own serializer prints drizzle's message ("params: …") and the driver's parameters.
  expect(JSON.stringify(stdSerializers.err(caught as Error))).toContain(ID_NUMBER);
  expect(JSON.stringify(serializeError(caught))).not.toContain(ID_NUMBER);
  expect(serializeError(new Error('plain'))).toMatchObject({ type: 'Error', message: 'plain' });
});

describe('the request log', () => {
  test('shows the path, never the query string (searches carry names and ID numbers)', async () => {
    const before = lines.length;
    await app.inject({ method: 'GET', url: `/api/households?q=${ID_NUMBER}&phone=${PHONE}` });
    const logged = lines.slice(before).join('\n');
    expect(logged).toContain('/api/households?…');
    expect(logged).not.toContain(ID_NUMBER);
    expect(logged).not.toContain(PHONE);
  });
});
