/**
 * Runs the browser journeys against a real server: starts `src/server/main.ts` on a free port (E2E_PORT)
 * with a fresh data folder (and DATABASE_URL from E2E_DATABASE_URL or DATABASE_URL when set),
 * waits for /api/health, runs every journey in Chromium, stops the server and prints
 * `N passed, M failed`. Build the web UI first (`npm run build`); this script builds nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { journeys, type TJourneyContext } from './journey.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** A port nobody listens on: a busy fixed port would send the journeys to someone else's server. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const PORT = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
const BASE_URL = `http://localhost:${PORT}`;
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(ROOT, 'screenshots/e2e'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function waitForHealth(server: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode != null) throw new Error(`server exited early with code ${server.exitCode}`);
    try {
      const res = await fetch(`${BASE_URL}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs / 1000}s`);
}

function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode != null) return resolve();
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

async function main(): Promise<number> {
  const webDir = path.resolve(process.env.WEB_DIR ?? path.join(ROOT, 'dist/web'));
  if (!existsSync(path.join(webDir, 'index.html'))) {
    console.error(`${webDir} is missing: run \`npm run build\` first.`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhili-e2e-'));
  const databaseUrl = process.env.E2E_DATABASE_URL || process.env.DATABASE_URL || '';
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  console.log(`e2e: server on ${BASE_URL}, database ${databaseUrl ? 'postgresql' : `pglite in ${dataDir}`}`);

  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const serverLog: string[] = [];
  const keep = (chunk: Buffer) => {
    serverLog.push(chunk.toString());
    if (serverLog.length > 400) serverLog.shift();
  };
  server.stdout!.on('data', keep);
  server.stderr!.on('data', keep);

  let passed = 0;
  let failed = 0;
  const browser = { current: null as Awaited<ReturnType<typeof chromium.launch>> | null };
  try {
    await waitForHealth(server, 120_000);
    browser.current = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    for (const journey of journeys) {
      const dir = path.join(SCREENSHOT_DIR, journey.slug);
      await mkdir(dir, { recursive: true });
      const ctx: TJourneyContext = { browser: browser.current, baseUrl: BASE_URL, screenshotDir: dir, tmpDir: dataDir };
      const started = Date.now();
      try {
        await journey.run(ctx);
        passed++;
        console.log(`✓ ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        failed++;
        console.log(`✗ ${journey.name}\n  ${(err as Error).stack ?? err}`);
      }
    }
  } catch (err) {
    failed++;
    console.log(`✗ setup: ${(err as Error).message}`);
    console.log(serverLog.join('').slice(-4000));
  } finally {
    await browser.current?.close().catch(() => {});
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }
  if (failed) console.log(`server log (tail):\n${serverLog.join('').slice(-3000)}`);
  console.log(`screenshots: ${SCREENSHOT_DIR}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
