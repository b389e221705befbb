/**
 * Test support: a fresh app on a fresh database per test file (PGlite in memory, or a new
 * PostgreSQL database when TEST_DATABASE_URL is set), signed-in clients and factories.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { buildApp } from '../src/server/app.js';
import { defaultAppConfig } from '../src/server/config.js';
import { openDb, type Db, type TDbHandle } from '../src/server/db/client.js';
import { createMemoryStorage, type TStorage } from '../src/server/lib/storage.js';
import type { LightMyRequestResponse } from 'fastify';
import type { TApp, TAppConfig } from '../src/server/lib/types.js';
import { seedBase, type TBaseSeed } from '../src/server/seed/base.js';

export const TEST_PASSWORD = 'Test@12345';

export interface TTestContext {
  app: TApp;
  db: Db;
  storage: TStorage;
  seed: TBaseSeed;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated, empty database: PGlite in memory, or a new PostgreSQL database when
 * TEST_DATABASE_URL is set. `drop` removes it after the handle is closed.
 */
export async function openTestDb(opts: { migrationsFolder?: string } = {}): Promise<{ handle: TDbHandle; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return { handle: await openDb({ migrationsFolder: opts.migrationsFolder }), drop: async () => {} };
  const name = `zhili_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    handle: await openDb({ databaseUrl: url.toString(), maxConnections: 5, migrationsFolder: opts.migrationsFolder }),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Builds the app on an empty, migrated database seeded with the demo zone's skeleton;
 * `seedMore` adds a module's reference data before the app starts.
 */
export async function createTestApp(
  over: Partial<TAppConfig> = {},
  seedMore?: (db: Db, seed: TBaseSeed) => Promise<void>,
): Promise<TTestContext> {
  const { handle, drop } = await openTestDb();
  const storage = createMemoryStorage();
  const seed = await seedBase(handle.db, TEST_PASSWORD);
  await seedMore?.(handle.db, seed);
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, storage, config: defaultAppConfig(over) });
  await app.ready();
  return {
    app,
    db: handle.db,
    storage,
    seed,
    close: async () => {
      await app.close();
      await handle.close();
      await drop();
    },
  };
}

/** A signed-in client: inject() with the session cookie and CSRF header set. */
export interface TClient {
  username: string;
  cookie: string;
  csrf: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
}

/** Signs in as `username` and returns a client. */
export async function login(app: TApp, username: string, password = TEST_PASSWORD): Promise<TClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  const headers = { cookie, 'x-csrf-token': csrf };
  return {
    username,
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers }),
    post: (url, body) => app.inject({ method: 'POST', url, headers, payload: body as object }),
    patch: (url, body) => app.inject({ method: 'PATCH', url, headers, payload: body as object }),
    del: (url) => app.inject({ method: 'DELETE', url, headers }),
  };
}

/** An ISO timestamp `days` from now. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}
