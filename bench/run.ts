/**
 * `npm run bench`: fills a database with N cases and prints what users would feel.
 * A script, not a test: it prints figures and asserts nothing about time.
 *
 *   --db=pglite|postgresql|both|none   (BENCH_DB; default both; none = bundle size only)
 *   --cases=N                     (BENCH_CASES; default 1,000,000 on PostgreSQL, 200,000 on PGlite)
 *   --requests=N                  requests per latency scenario (default 200)
 *   --duration=S --connections=C  autocannon load (default 10 s, 20 connections)
 *   --keep                        keep the PostgreSQL database zhili_bench afterwards
 *   --reports=N                   citizens' reports filled for the Open311 figures (default 50,000)
 *   --skip-load --skip-bundle --skip-chuangwen --skip-households   leave parts out
 *   --households=N                households imported from .xlsx (~4N members; default 100,000 on
 *                                 PostgreSQL, 20,000 on PGlite, whose import of 400,000 rows takes many minutes)
 *   --households-file-rows=N      member rows per import file (default 0: one file)
 *   --rebuild                     run `npx vite build` first even when dist/web exists
 *
 * PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * the bench creates and drops its own database `zhili_bench` (BENCH_DB_NAME to name another). PGlite
 * runs in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { buildApp } from '../src/server/app.js';
import { defaultAppConfig } from '../src/server/config.js';
import { openDb, type TDbHandle } from '../src/server/db/client.js';
import { createMemoryStorage } from '../src/server/lib/storage.js';
import { ensureBuilt, measureBundle, type TBundleReport } from './bundle.js';
import { fillDatabase, statusCounts } from './fill.js';
import { measureLatency, scenarios, signIn, type TLatency } from './latency.js';
import { measureChuangwen, type TChuangwenBench } from './chuangwen.js';
import { measureLoad, type TLoadResult } from './load.js';
import { cleanupHouseholdFiles, importThroughServer, measureHouseholds, reportImport, type THouseholdsBench, type TImportTarget } from './households.js';

const PASSWORD = 'Bench@12345';
const BENCH_DB = process.env.BENCH_DB_NAME || 'zhili_bench';

function flag(name: string): string | undefined {
  const hit = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
}

const which = (flag('db') ?? process.env.BENCH_DB ?? 'both') as 'pglite' | 'postgresql' | 'both' | 'none';
const casesOverride = flag('cases') ?? process.env.BENCH_CASES;
const requests = Number(flag('requests') ?? 200);
const duration = Number(flag('duration') ?? 10);
const connections = Number(flag('connections') ?? 20);
const keep = flag('keep') === 'true';
const skipLoad = flag('skip-load') === 'true';
const skipBundle = flag('skip-bundle') === 'true';
const skipChuangwen = flag('skip-chuangwen') === 'true';
const reportCount = Number(flag('reports') ?? 50_000);
const skipHouseholds = flag('skip-households') === 'true';
const householdOverride = flag('households');
const householdCountFor = (kind: 'pglite' | 'postgresql') => Number(householdOverride ?? (kind === 'postgresql' ? 100_000 : 20_000));
const householdFileRows = Number(flag('households-file-rows') ?? 0);
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (s: string) => console.log(s);
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

interface TDbRun {
  kind: 'pglite' | 'postgresql';
  cases: number;
  fillSeconds: number;
  counts: Record<string, number>;
  latency: TLatency[];
  chuangwen: TChuangwenBench | null;
  load: TLoadResult | null;
  households: THouseholdsBench | null;
}

interface TBenchDb {
  handle: TDbHandle;
  /** Where a server process finds the same database (for PGlite, after `handle` is closed). */
  target: TImportTarget;
  reopen: () => Promise<TDbHandle>;
  cleanup: () => Promise<void>;
}

async function openBenchDb(kind: 'pglite' | 'postgresql'): Promise<TBenchDb> {
  if (kind === 'postgresql') {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.unsafe(`create database ${BENCH_DB}`);
    const url = new URL(adminUrl);
    url.pathname = `/${BENCH_DB}`;
    const handle = await openDb({ databaseUrl: url.toString() });
    return {
      handle,
      target: { databaseUrl: url.toString() },
      reopen: () => openDb({ databaseUrl: url.toString() }),
      cleanup: async () => {
        if (!keep) await admin.unsafe(`drop database if exists ${BENCH_DB} with (force)`);
        else log(`  kept database ${BENCH_DB}`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zhili-bench-'));
  // The layout main.ts uses (DATA_DIR/pglite), so a server process can open it.
  const handle = await openDb({ dataDir: path.join(dir, 'pglite') });
  return {
    handle,
    target: { dataDir: dir },
    reopen: () => openDb({ dataDir: path.join(dir, 'pglite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function runOne(kind: 'pglite' | 'postgresql'): Promise<TDbRun> {
  const n = Number(casesOverride ?? (kind === 'postgresql' ? 1_000_000 : 200_000));
  log(`\n=== ${kind}: ${n.toLocaleString('en')} cases ===`);
  const bench = await openBenchDb(kind);
  let handle = bench.handle;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    const fill = await fillDatabase(handle.db, n, PASSWORD, log);
    const counts = await statusCounts(handle.db);
    log(`  fill: ${(fill.ms / 1000).toFixed(1)} s; by status: ${JSON.stringify(counts)}`);

    const startApp = async () => {
      const a = await buildApp({ db: handle.db, dbKind: handle.kind, storage: createMemoryStorage(), config: defaultAppConfig() });
      await a.ready();
      return a;
    };
    app = await startApp();
    const list = scenarios(fill.base);
    const cookies = new Map<string, string>();
    for (const u of new Set(list.map((s) => s.user))) cookies.set(u, await signIn(app, u, PASSWORD));

    log(`  latency through app.inject, ${requests} requests each (ms):`);
    log(`  ${'scenario'.padEnd(34)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'mean'.padStart(8)}  rows`);
    const latency = await measureLatency(app, list, cookies, requests);
    for (const l of latency) {
      log(`  ${l.name.padEnd(34)} ${ms(l.p50).padStart(8)} ${ms(l.p99).padStart(8)} ${ms(l.mean).padStart(8)}  ${l.total ?? ''}`);
    }

    let chuangwen: TChuangwenBench | null = null;
    if (!skipChuangwen) {
      log('  创文: the year\'s 通报 and Open311 …');
      chuangwen = await measureChuangwen(app, handle.db, fill.base, cookies.get('leader')!, { reports: reportCount, requests }, log);
    }

    let load: TLoadResult | null = null;
    if (!skipLoad) {
      log(`  load: autocannon ${connections} connections × ${duration} s on 127.0.0.1 …`);
      load = await measureLoad(app, cookies.get('leader')!, { connections, duration, path: '/api/cases' });
      log(`  hello-world      ${load.hello.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${load.hello.p99} ms`);
      log(`  GET /api/cases, database path (micro-cache off) ${load.casesUncached.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${load.casesUncached.p99} ms  (${(load.ratioUncached * 100).toFixed(1)} % of hello-world)`);
      log(`  GET /api/cases, as served (2 s micro-cache)     ${load.cases.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${load.cases.p99} ms  (${(load.ratio * 100).toFixed(1)} % of hello-world; non-2xx ${load.cases.non2xx}, errors ${load.cases.errors})`);
    }
    let households: THouseholdsBench | null = null;
    if (!skipHouseholds) {
      const householdCount = householdCountFor(kind);
      log(`  households: import ${householdCount.toLocaleString('en')} households, screening, list …`);
      const t = performance.now();
      const ho = { households: householdCount, membersPerFile: householdFileRows, requests };
      // PGlite is one process's database: this process lets go of it while the server imports.
      if (kind === 'pglite') {
        await app.close();
        app = null;
        await handle.close();
      }
      const imported = await importThroughServer(bench.target, PASSWORD, ho, log);
      if (kind === 'pglite') {
        handle = await bench.reopen();
        app = await startApp();
      }
      await reportImport(handle.db, ho, imported, log);
      households = await measureHouseholds(app!, handle.db, PASSWORD, ho, log, imported);
      log(`  households part: ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }
    return { kind, cases: n, fillSeconds: fill.ms / 1000, counts, latency, chuangwen, load, households };
  } finally {
    await app?.close();
    await handle.close().catch(() => {});
    await bench.cleanup();
  }
}

function bundleReport(): TBundleReport | string {
  const err = ensureBuilt(log, flag('rebuild') === 'true');
  if (err) return err;
  try {
    return measureBundle();
  } catch (e) {
    return `bundle measurement failed: ${(e as Error).message}`;
  }
}

function printMarkdown(runs: TDbRun[], bundle: TBundleReport | string | null) {
  log('\n--- summary (markdown) ---\n');
  log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average at start ${loadAtStart}, at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}.\n`);
  if (runs.length) {
    log(`| scenario | ${runs.map((r) => `${r.kind} ${r.cases.toLocaleString('en')} p50 / p99 (ms)`).join(' | ')} |`);
    log(`|---|${runs.map(() => '---:').join('|')}|`);
    for (let i = 0; i < runs[0].latency.length; i++) {
      log(`| ${runs[0].latency[i].name} | ${runs.map((r) => `${ms(r.latency[i].p50)} / ${ms(r.latency[i].p99)}`).join(' | ')} |`);
    }
    log('');
    for (const r of runs) {
      if (!r.load) continue;
      log(
        `- ${r.kind}: GET /api/cases on the database path (micro-cache off) ${r.load.casesUncached.reqPerSec.toFixed(0)} req/s (p99 ${r.load.casesUncached.p99} ms) vs hello-world ${r.load.hello.reqPerSec.toFixed(0)} req/s (p99 ${r.load.hello.p99} ms): **${(r.load.ratioUncached * 100).toFixed(1)} %** (${connections} connections, ${duration} s); as served with the 2 s micro-cache ${r.load.cases.reqPerSec.toFixed(0)} req/s (p99 ${r.load.cases.p99} ms, ${(r.load.ratio * 100).toFixed(1)} %)`,
      );
    }
    for (const r of runs) log(`- ${r.kind} fill: ${r.cases.toLocaleString('en')} cases in ${r.fillSeconds.toFixed(1)} s`);
    for (const r of runs) {
      if (!r.chuangwen) continue;
      const c = r.chuangwen;
      log(`- ${r.kind}: 通报 (.docx) for one year with ${c.yearCases.toLocaleString('en')} 创文 cases: best ${(Math.min(...c.bulletinMs) / 1000).toFixed(2)} s of ${c.bulletinMs.length} (target ≤ 5 s)`);
      for (const o of c.open311) log(`- ${r.kind}: ${o.name} over ${c.reports.toLocaleString('en')} reports: p50 ${ms(o.p50)} ms, p99 ${ms(o.p99)} ms`);
    }
  }
  const hh = runs.filter((r) => r.households);
  if (hh.length) {
    log('\n### Households\n');
    for (const r of hh) {
      const h = r.households!;
      const i = h.import;
      const split = h.files.length > 1 ? `, split into ${h.files.length} files imported one after the other` : ', one file';
      log(
        `- ${r.kind}: import (good_rows${split}) of ${h.households.toLocaleString('en')} households / ${h.members.toLocaleString('en')} member rows ` +
          `(${(h.files.reduce((a, f) => a + f.bytes, 0) / 2 ** 20).toFixed(1)} MB .xlsx): ${i.seconds.toFixed(1)} s, **${i.memberRowsPerSec.toFixed(0)} member rows/s** (target ≥ 5,000); ` +
          `server process RSS ${i.serverRssBeforeMb.toFixed(0)} MB before, **peak ${i.serverRssPeakSampledMb.toFixed(0)} MB** (VmRSS sampled every 20 ms; VmHWM ${i.serverHwmMb.toFixed(0)} MB; target < 1,024 MB)`,
      );
      for (const s of h.screening.runs) {
        log(`- ${r.kind}: screening ${h.screening.year} over ${s.households.toLocaleString('en')} households / ${s.members.toLocaleString('en')} members as leader: **${s.seconds.toFixed(2)} s** (target ≤ 3 s on PostgreSQL), raised ${s.raised.toLocaleString('en')}, still open ${s.stillOpen.toLocaleString('en')}, resolved ${s.resolved}`);
      }
    }
    log(`\n| household list (${requests} requests, app.inject) | ${hh.map((r) => `${r.kind} p50 / p99 (ms)`).join(' | ')} |`);
    log(`|---|${hh.map(() => '---:').join('|')}|`);
    for (let k = 0; k < hh[0].households!.list.length; k++) {
      log(`| ${hh[0].households!.list[k].name} | ${hh.map((r) => `${ms(r.households!.list[k].p50)} / ${ms(r.households!.list[k].p99)}`).join(' | ')} |`);
    }
  }
  if (bundle) {
    if (typeof bundle === 'string') log(`\nBundle: ${bundle}`);
    else {
      log(`\n| JavaScript of the login and home screens (${bundle.method}) | raw | gzip |`);
      log('|---|---:|---:|');
      for (const f of bundle.files) log(`| ${f.file}${f.group === 'home-lazy' ? ' (home, lazy)' : ''} | ${kb(f.raw)} | ${kb(f.gzip)} |`);
      log(`| **total** | | **${kb(bundle.totalGzip)}** (entry ${kb(bundle.entryGzip)} + home lazy ${kb(bundle.homeLazyGzip)}) |`);
      if (bundle.note) log(`\n(${bundle.note})`);
    }
  }
}

const started = performance.now();
// Other work on the machine skews every figure: the summary prints the load average beside them.
const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(' ');
const runs: TDbRun[] = [];
const kinds = which === 'both' ? (['postgresql', 'pglite'] as const) : which === 'none' ? [] : [which];
for (const kind of kinds) runs.push(await runOne(kind));
cleanupHouseholdFiles();
const bundle = skipBundle ? null : bundleReport();
printMarkdown(runs, bundle);
log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
// postgres.js and PGlite may hold timers; the figures are printed, so leave now.
process.exit(0);
