/**
 * 创文 figures on the filled database: the 通报 (.docx) for one year, and Open311's
 * GET /requests.json over a realistic volume of citizens' reports.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { rowsOf } from '../src/server/db/rows.js';
import type { TApp } from '../src/server/lib/types.js';
import { addDays, zoneDate } from '../src/server/lib/time.js';
import { seedChuangwen } from '../src/server/modules/chuangwen/chuangwen.seed.js';
import type { TBaseSeed } from '../src/server/seed/base.js';

/** What the 创文 part measured. */
export interface TChuangwenBench {
  yearCases: number;
  bulletinMs: number[];
  reports: number;
  open311: { name: string; p50: number; p99: number }[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** Seeds 创文's reference data, times the year's bulletin, fills reports and times Open311. */
export async function measureChuangwen(
  app: TApp,
  db: Db,
  base: TBaseSeed,
  leaderCookie: string,
  opts: { reports: number; requests: number },
  log: (s: string) => void,
): Promise<TChuangwenBench> {
  await seedChuangwen(db, base);
  const to = zoneDate();
  const from = addDays(to, -364);
  const yearCases = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from cases where module = 'chuangwen' and found_at >= ${from}::date`),
  )[0].n;
  const bulletinMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const res = await app.inject({ url: `/api/chuangwen/bulletin.docx?from=${from}&to=${to}`, headers: { cookie: leaderCookie } });
    if (res.statusCode !== 200) throw new Error(`bulletin: ${res.statusCode} ${res.body.slice(0, 200)}`);
    bulletinMs.push(performance.now() - t);
  }
  log(`  通报 .docx for ${from} … ${to} (${yearCases.toLocaleString('en')} 创文 cases found in the year): ${bulletinMs.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`);

  // Citizens' reports over the last 90 days; half accepted (linked to a case), half pending.
  await db.execute(sql`
    insert into citizen_reports (tracking_code, category_code, description, area_id, area_code, address, status, channel, case_id, created_at, updated_at)
    select 'B' || lpad(g::text, 9, '0'), cat.code, '群众反映：' || cat.name, c.area_id, c.area_code, '示范区某路段',
           case when g % 2 = 0 then 'accepted' else 'pending' end, case when g % 5 = 0 then 'open311' else 'web' end,
           case when g % 2 = 0 then c.id end, now() - (g % 90) * interval '1 day', now() - (g % 90) * interval '1 day'
    from generate_series(1, ${opts.reports}::int) g
    join lateral (select code, name from cw_categories order by code offset (g % 20) limit 1) cat on true
    join lateral (select id, area_id, area_code from cases where id = 1 + (g * 7919) % (select max(id) from cases)) c on true`);
  await db.execute(sql`analyze citizen_reports`);
  const reports = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from citizen_reports`))[0].n;

  const code = rowsOf<{ code: string }>(await db.execute(sql`select code from cw_categories order by code limit 1`))[0].code;
  const scenarios = [
    { name: 'GET /open311/v2/requests.json (default: last 90 days, ≤ 1000)', url: '/open311/v2/requests.json' },
    { name: `GET /open311/v2/requests.json?service_code=${code}&status=open`, url: `/open311/v2/requests.json?service_code=${code}&status=open` },
  ];
  const open311: TChuangwenBench['open311'] = [];
  for (const s of scenarios) {
    for (let i = 0; i < 5; i++) await app.inject({ url: s.url });
    const times: number[] = [];
    for (let i = 0; i < opts.requests; i++) {
      const t = performance.now();
      const res = await app.inject({ url: s.url });
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`${s.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    times.sort((a, b) => a - b);
    open311.push({ name: s.name, p50: quantile(times, 0.5), p99: quantile(times, 0.99) });
    log(`  ${s.name}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms (${reports.toLocaleString('en')} reports)`);
  }
  return { yearCases, bulletinMs, reports, open311 };
}
