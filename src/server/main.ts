/**
 * Starts Zhili: opens the database (PGlite under DATA_DIR, or PostgreSQL via DATABASE_URL),
 * applies migrations, seeds the demo zone on first start, and listens on PORT.
 */
import path from 'node:path';
import { buildApp } from './app.js';
import { readConfig } from './config.js';
import { openDb } from './db/client.js';
import { scheduleModuleJobs } from './lib/jobs.js';
import { createLocalStorage } from './lib/storage.js';
import { deleteExpiredSessions } from './modules/auth/auth.repo.js';
import { seedDemoIfEmpty } from './seed/demo.js';

const cfg = readConfig();
const handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: path.join(cfg.dataDir, 'pglite') });
const storage = createLocalStorage(path.join(cfg.dataDir, 'files'));

if (cfg.seedDemo) {
  const seeded = await seedDemoIfEmpty(handle.db, { password: cfg.demoPassword, storage });
  if (seeded) {
    console.log('\n示范区演示数据已生成 (demo zone seeded). Demo accounts:');
    for (const a of seeded.accounts) console.log(`  ${a.username.padEnd(10)} ${a.label}`);
    console.log(`  password: ${cfg.demoPassword}${process.env.DEMO_PASSWORD ? ' (from DEMO_PASSWORD)' : ' (default; set DEMO_PASSWORD to change)'}\n`);
  }
}

const app = await buildApp(
  { db: handle.db, dbKind: handle.kind, storage, config: cfg.app },
  { logger: { level: process.env.LOG_LEVEL ?? 'info' } },
);

// Every module's scheduled jobs (one instance wins each day's run).
const jobs = scheduleModuleJobs(handle.db, app.modules, app.log);

// Expired sessions are refused on sight; this only keeps the table small.
const sweep = setInterval(() => {
  deleteExpiredSessions(handle.db).catch((err) => app.log.warn({ err }, 'session sweep failed'));
}, 3600_000);
sweep.unref();

const shutdown = async () => {
  clearInterval(sweep);
  jobs.stop();
  await app.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: cfg.port, host: cfg.host });
console.log(`Zhili 智理 listening on http://localhost:${cfg.port} (database: ${handle.kind})`);
