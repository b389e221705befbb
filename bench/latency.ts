/**
 * Request latency through `app.inject` (the whole Fastify pipeline: session lookup, Zod
 * validation, scoped query, serialisation; no socket), signed in as the users who ask.
 * The list and home micro-caches are emptied before every measured request, so these are
 * the figures of the database path.
 */
import type { TApp } from '../src/server/lib/types.js';
import { invalidateCaseReads } from '../src/server/modules/cases/cases.cache.js';
import type { TBaseSeed } from '../src/server/seed/base.js';

/** One measured request shape. */
export interface TScenario {
  name: string;
  user: string;
  url: string;
}

/** p50/p99 of a scenario, in milliseconds, and the rows it answered. */
export interface TLatency {
  name: string;
  user: string;
  url: string;
  p50: number;
  p99: number;
  mean: number;
  total: number | null;
}

/** The typical requests of the case list, 我的待办 and the home page. */
export function scenarios(base: TBaseSeed): TScenario[] {
  const township = base.areaByName.get('搬口办事处')!.id;
  const unit = base.unitByName.get('周口中原物业服务有限公司')!.id;
  return [
    { name: 'list: default (leader)', user: 'leader', url: '/api/cases' },
    { name: 'list: status=rectifying', user: 'leader', url: '/api/cases?status=rectifying' },
    { name: 'list: overdue=true', user: 'leader', url: '/api/cases?overdue=true' },
    { name: 'list: module+status', user: 'leader', url: '/api/cases?module=chuangwen&status=rectifying,returned' },
    { name: 'list: areaId (township)', user: 'leader', url: `/api/cases?areaId=${township}` },
    { name: 'list: unitId', user: 'leader', url: `/api/cases?unitId=${unit}` },
    { name: 'list: status, sort=deadline', user: 'leader', url: '/api/cases?status=pending_verify&sort=deadline&order=asc' },
    { name: 'list: q text (电线)', user: 'leader', url: `/api/cases?q=${encodeURIComponent('电线')}` },
    { name: 'list: village cadre (jiazhai)', user: 'jiazhai', url: '/api/cases' },
    { name: 'list: unit staff (wuye)', user: 'wuye', url: '/api/cases' },
    { name: '我的待办: wuye', user: 'wuye', url: '/api/cases?mine=true' },
    { name: '我的待办: inspector', user: 'inspector', url: '/api/cases?mine=true' },
    { name: 'home stats: leader', user: 'leader', url: '/api/home/stats' },
    { name: 'home stats: jiazhai', user: 'jiazhai', url: '/api/home/stats' },
  ];
}

/** Signs in through the API and returns the cookie header. */
export async function signIn(app: TApp, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Runs each scenario `warmup` times unmeasured, then `n` times one after the other. */
export async function measureLatency(
  app: TApp,
  list: TScenario[],
  cookies: Map<string, string>,
  n: number,
  warmup = 10,
): Promise<TLatency[]> {
  const out: TLatency[] = [];
  for (const s of list) {
    const headers = { cookie: cookies.get(s.user)! };
    let total: number | null = null;
    for (let i = 0; i < warmup; i++) {
      const res = await app.inject({ method: 'GET', url: s.url, headers });
      if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      const body = res.json() as { total?: number; open?: number };
      total = body.total ?? body.open ?? null;
    }
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      // Measure the database path: the micro-cache would answer repeats from memory.
      invalidateCaseReads();
      const t = performance.now();
      await app.inject({ method: 'GET', url: s.url, headers });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.push({
      name: s.name,
      user: s.user,
      url: s.url,
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      mean: times.reduce((a, b) => a + b, 0) / times.length,
      total,
    });
  }
  return out;
}
