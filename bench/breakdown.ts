/**
 * `node --import tsx bench/breakdown.ts [--cases=N]`: where the throughput of GET /api/cases goes.
 * Same loopback load as the bench (autocannon in a child process) on four routes that add one
 * layer each: bare Fastify hello-world → the app's /api/health (plugins, no database) →
 * /api/auth/me (session lookup: one query) → /api/cases (session + list + capped count).
 * PostgreSQL only (DATABASE_URL or the local default); uses and drops database zhili_bench.
 */
import postgres from 'postgres';
import { buildApp } from '../src/server/app.js';
import { defaultAppConfig } from '../src/server/config.js';
import { openDb } from '../src/server/db/client.js';
import { createMemoryStorage } from '../src/server/lib/storage.js';
import { fillDatabase } from './fill.js';
import { signIn } from './latency.js';
import { cannon, startHello } from './load.js';

const arg = (name: string, dflt: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const n = Number(arg('cases', '20000'));
const duration = Number(arg('duration', '8'));
const connections = Number(arg('connections', '20'));
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists zhili_bench with (force)');
await admin.unsafe('create database zhili_bench');
const url = new URL(adminUrl);
url.pathname = '/zhili_bench';
const handle = await openDb({ databaseUrl: url.toString() });
try {
  await fillDatabase(handle.db, n, 'Bench@12345', () => {});
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, storage: createMemoryStorage(), config: defaultAppConfig() });
  const cookie = await signIn(app, 'leader', 'Bench@12345');
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const hello = await startHello();
  console.log(`${n.toLocaleString('en')} cases; ${connections} connections × ${duration} s each`);
  const rows: [string, string, Record<string, string> | undefined][] = [
    ['hello-world (bare Fastify)', hello.url, undefined],
    ['GET /api/health (app, no DB)', `${base}/api/health`, undefined],
    ['GET /api/auth/me (1 query)', `${base}/api/auth/me`, { cookie }],
    ['GET /api/cases (3 queries)', `${base}/api/cases`, { cookie }],
  ];
  for (const [name, target, headers] of rows) {
    const r = await cannon({ url: target, connections, duration, headers });
    console.log(`${name.padEnd(32)} ${r.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${r.p99} ms  non-2xx ${r.non2xx}`);
  }
  await hello.close();
  await app.close();
} finally {
  await handle.close();
  await admin.unsafe('drop database if exists zhili_bench with (force)');
  await admin.end();
}
process.exit(0);
