/**
 * Runs the browser journeys against a real server: starts `src/server/main.ts` on a free port (E2E_PORT)
 * with a fresh data folder (and DATABASE_URL from E2E_DATABASE_URL or DATABASE_URL when set),
 * waits for /api/health, runs every journey in Chromium, stops the server and prints
 * `N passed, M failed`. Build the web UI first (`npm run build`); this script builds nothing.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, type TServerProcess } from '../server-process.js';
import { journeys, type TJourneyContext } from './journey.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(ROOT, 'screenshots/e2e'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', DATABASE_URL: databaseUrl };
  console.log(`e2e: database ${databaseUrl ? 'postgresql' : `pglite in ${dataDir}`}`);

  let passed = 0;
  let failed = 0;
  const browser = { current: null as Awaited<ReturnType<typeof chromium.launch>> | null };
  let server: TServerProcess | null = null;
  try {
    server = await startServer(env, { port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : undefined, timeoutMs: 120_000 });
    console.log(`e2e: server on ${server.baseUrl}`);
    browser.current = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    for (const journey of journeys) {
      const dir = path.join(SCREENSHOT_DIR, journey.slug);
      await mkdir(dir, { recursive: true });
      const ctx: TJourneyContext = { browser: browser.current, baseUrl: server.baseUrl, screenshotDir: dir, tmpDir: dataDir };
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
  } finally {
    await browser.current?.close().catch(() => {});
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true }).catch(() => {});
  }
  if (failed && server) console.log(`server log (tail):\n${server.log().slice(-3000)}`);
  console.log(`screenshots: ${SCREENSHOT_DIR}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
