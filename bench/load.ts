/**
 * Loopback load: the real app and a bare Fastify hello-world, each listening on 127.0.0.1,
 * each driven by autocannon (in a child process) for the same duration and concurrency.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { TApp } from '../src/server/lib/types.js';
import { CASE_LIST_CACHE_MS, caseListCache } from '../src/server/modules/cases/cases.cache.js';
import type { TCannonArgs, TCannonResult } from './cannon.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Runs bench/cannon.ts against a URL and returns its figures. */
export function cannon(args: TCannonArgs): Promise<TCannonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'cannon.ts'), JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon child exited ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as TCannonResult);
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** Starts a bare Fastify hello-world on a loopback port; returns its URL and a closer. */
export async function startHello(): Promise<{ url: string; close: () => Promise<void> }> {
  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  const url = await hello.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/`, close: () => hello.close() };
}

/** Figures of one load run. */
export interface TLoadResult {
  hello: TCannonResult;
  /** GET /api/cases as served: repeats within 2 s come from the micro-cache. */
  cases: TCannonResult;
  ratio: number;
  /** GET /api/cases with the micro-cache off: every request goes to the database. */
  casesUncached: TCannonResult;
  ratioUncached: number;
}

/** Measures hello-world, then GET /api/cases on the app (already built), same settings. */
export async function measureLoad(app: TApp, cookie: string, opts: { connections: number; duration: number; path: string }): Promise<TLoadResult> {
  const hello = await startHello();
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const helloResult = await cannon({ url: hello.url, connections: opts.connections, duration: opts.duration });
    const casesResult = await cannon({
      url: `${base}${opts.path}`,
      connections: opts.connections,
      duration: opts.duration,
      headers: { cookie },
    });
    caseListCache.setTtl(0);
    const uncached = await cannon({
      url: `${base}${opts.path}`,
      connections: opts.connections,
      duration: opts.duration,
      headers: { cookie },
    });
    return {
      hello: helloResult,
      cases: casesResult,
      ratio: casesResult.reqPerSec / helloResult.reqPerSec,
      casesUncached: uncached,
      ratioUncached: uncached.reqPerSec / helloResult.reqPerSec,
    };
  } finally {
    caseListCache.setTtl(CASE_LIST_CACHE_MS);
    await hello.close();
  }
}
