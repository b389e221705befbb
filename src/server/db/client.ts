/**
 * The database behind one `Db` type: embedded PGlite (a data folder) by default,
 * real PostgreSQL when a `DATABASE_URL` is given. Migrations are applied at open.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

export type TSchema = typeof schema;
/**
 * The one database type modules see, whichever driver is behind it. A transaction handle
 * (`db.transaction(async (tx) => …)`) is a `Db` as well, so repositories take either.
 */
export type Db = PgDatabase<PgQueryResultHKT, TSchema>;

export interface TDbHandle {
  db: Db;
  kind: 'pglite' | 'postgresql';
  /** Applies the migrations of a folder not applied yet (the app's own by default). */
  migrate: (migrationsFolder?: string) => Promise<void>;
  close: () => Promise<void>;
}

export interface TOpenDbOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** The migrations to apply at open (the app's own by default; tests of upgrades pass older sets). */
  migrationsFolder?: string;
}

/** The app's generated migrations. */
export const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

/**
 * Statements with more parameters than this are not prepared: they are bulk writes and lookups
 * (an import's batch of 2,000 rows) whose text changes with the batch's size, so each would be a
 * new statement cached for the connection's life, in this process and in the server's backend,
 * and used once.
 */
const PREPARE_MAX_PARAMS = 64;

/**
 * drizzle asks postgres.js to prepare only queries given a name; every other query is parsed
 * and planned anew on each request. postgres.js caches prepared statements per connection by
 * query text, and our query shapes are few (filters vary in values, not in text), so preparing
 * every query saves the planning of the hot paths (session lookup, case list, counts).
 */
function preparing<T extends { unsafe: (...args: never[]) => unknown }>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver);
      return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
        (target.unsafe as unknown as (q: string, p?: unknown[], o?: object) => unknown)(query, params, {
          ...options,
          prepare: (params?.length ?? 0) <= PREPARE_MAX_PARAMS,
        });
    },
  });
}

/** Opens the database, applies migrations and returns the handle. */
export async function openDb(opts: TOpenDbOptions): Promise<TDbHandle> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    const client = postgres(opts.databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      // Prepared statements save parsing; planning stays per execution, because PostgreSQL's
      // generic plans ignore the values of scope ranges and status lists and pick plans that
      // are 10–100× slower on a large table (seen at 1,000,000 cases after the 5th execution).
      connection: { TimeZone: 'Asia/Shanghai', plan_cache_mode: 'force_custom_plan' },
    });
    const db = drizzle(preparing(client), { schema });
    const apply = (folder = MIGRATIONS) => migrate(db, { migrationsFolder: folder });
    await apply(opts.migrationsFolder);
    return { db, kind: 'postgresql', migrate: apply, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = opts.dataDir ? new PGlite(opts.dataDir) : new PGlite();
  await client.exec(`SET TIME ZONE 'Asia/Shanghai'`);
  const db = drizzle(client, { schema });
  const apply = (folder = MIGRATIONS) => migrate(db, { migrationsFolder: folder });
  await apply(opts.migrationsFolder);
  return { db, kind: 'pglite', migrate: apply, close: () => client.close() };
}
