/**
 * Fills a migrated database with the demo zone's skeleton and N supervision cases, set-based
 * (INSERT … SELECT generate_series), so a million rows take a minute, not an hour. Values are
 * drawn from distributions that respect the schema and the case loop: open cases are recent,
 * old ones closed; unassigned cases have no unit or deadline; closed ones have closed_at and an
 * outcome. Each case gets one `create` event (the full history is the demo seed's job).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { rowsOf } from '../src/server/db/rows.js';
import { seedBase, type TBaseSeed } from '../src/server/seed/base.js';
import { DEMO_PROBLEMS, DEMO_STREETS } from '../src/server/seed/demo-catalog.js';

/** What the fill wrote, for the scenarios that follow. */
export interface TFillResult {
  base: TBaseSeed;
  cases: number;
  ms: number;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: (string | number)[]) =>
  `ARRAY[${xs.map((x) => (typeof x === 'number' ? String(x) : lit(x))).join(',')}]`;

/** Seeds the skeleton, then inserts `n` cases in chunks, printing progress; then VACUUM ANALYZE. */
export async function fillDatabase(db: Db, n: number, password: string, log: (s: string) => void): Promise<TFillResult> {
  const t0 = performance.now();
  const base = await seedBase(db, password);
  await db.execute(sql`select setseed(0.42)`);

  const villages = [...base.areaByName].filter(([, a]) => a.code.endsWith('000') === false);
  const areaIds = villages.map(([, a]) => a.id);
  const areaCodes = villages.map(([, a]) => a.code);
  const areaNames = villages.map(([name]) => name);
  const responsible = [...base.unitByName].filter(([name]) => name !== '示范区督导组' && name !== '示范区纪工委');
  const unitIds = responsible.map(([, u]) => u.id);
  const titles = DEMO_PROBLEMS.map((p) => p.title);
  const modules = DEMO_PROBLEMS.map((p) => p.module);
  const categories = DEMO_PROBLEMS.map((p) => p.category);
  const finders = ['leader', 'inspector'].map((u) => base.userByName.get(u)!.id);
  const spots = ['3号楼2单元', '北门', '地下车库入口', '中心花园', '村委会门前', '主干道两侧', ...DEMO_STREETS.map((s) => `${s}沿街`)];

  const chunk = 100_000;
  for (let start = 1; start <= n; start += chunk) {
    const end = Math.min(n, start + chunk - 1);
    // Step 1 draws the random numbers once per row (a volatile CTE is materialised);
    // step 2 derives the case from them; the INSERT writes it.
    await db.execute(sql.raw(`
      with r as (
        select g, random() as r_area, random() as r_unit, random() as r_status, random() as r_prob,
               random() as r_age, random() as r_src, random() as r_sev, random() as r_dead,
               random() as r_close, random() as r_spot, random() as r_find, random() as r_ret
        from generate_series(${start}, ${end}) g
      ), d as (
        select r.*,
          1 + floor(r_area * ${areaIds.length})::int as ai,
          1 + floor(r_prob * ${titles.length})::int as pi,
          -- three years of history, evenly spread
          (r_age * 1095)::numeric as age_days
        from r
      ), s as (
        select d.*,
          now() - make_interval(secs => (age_days * 86400)::double precision) as found_at,
          case
            when age_days < 14 then case
              when r_status < 0.15 then 'pending_assign' when r_status < 0.55 then 'rectifying'
              when r_status < 0.70 then 'pending_verify' when r_status < 0.73 then 'extension_requested'
              when r_status < 0.78 then 'returned' when r_status < 0.98 then 'closed' else 'cancelled' end
            when age_days < 60 then case
              when r_status < 0.02 then 'pending_assign' when r_status < 0.17 then 'rectifying'
              when r_status < 0.23 then 'pending_verify' when r_status < 0.26 then 'extension_requested'
              when r_status < 0.30 then 'returned' when r_status < 0.96 then 'closed' else 'cancelled' end
            else case
              when r_status < 0.010 then 'rectifying' when r_status < 0.013 then 'pending_verify'
              when r_status < 0.015 then 'extension_requested' when r_status < 0.018 then 'returned'
              when r_status < 0.968 then 'closed' else 'cancelled' end
          end as status
        from d
      ), t as (
        select s.*,
          case when status = 'pending_assign' or (status = 'cancelled' and r_unit < 0.3) then null
               else (${arr(unitIds)})[1 + floor(r_unit * ${unitIds.length})::int] end as unit_id,
          found_at + make_interval(hours => floor(r_dead * 48)::int) as assigned_at0
        from s
      ), u as (
        select t.*,
          case when unit_id is null then null else assigned_at0 end as assigned_at,
          case when unit_id is null then null else assigned_at0 + make_interval(days => 3 + floor(r_dead * 12)::int) end as deadline
        from t
      ), v as (
        select u.*,
          case when status in ('closed', 'cancelled')
               then least(now(), coalesce(assigned_at, found_at) + make_interval(hours => 2 + floor(r_close * 20 * 24)::int)) end as closed_at
        from u
      )
      insert into cases (id, code, title, description, module, category, area_id, area_code, place, source, severity,
        found_by_id, found_at, unit_id, deadline, status, outcome, return_count, extension_count, last_submitter_id,
        assigned_at, submitted_at, closed_at, created_by_id, created_at, updated_at, version)
      select g,
        'DB' || to_char(found_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(g::text, 7, '0'),
        (${arr(titles)})[pi], '', (${arr(modules)})[pi], (${arr(categories)})[pi],
        (${arr(areaIds)})[ai], (${arr(areaCodes)})[ai],
        (${arr(areaNames)})[ai] || (${arr(spots)})[1 + floor(r_spot * ${spots.length})::int],
        (ARRAY['secret_visit','inspection','citizen','system_alert','meeting','leader'])[1 + floor(r_src * 6)::int],
        case when r_sev < 0.70 then 'normal' when r_sev < 0.92 then 'serious' else 'urgent' end,
        (${arr(finders)})[1 + floor(r_find * ${finders.length})::int],
        found_at, unit_id, deadline, status,
        case when status = 'closed' then (case when r_close < 0.9 then 'fixed' else 'partly_fixed' end)
             when status = 'cancelled' then 'duplicate' end,
        case when status in ('returned') then 1 when status in ('closed', 'pending_verify') and r_ret < 0.2 then 1 else 0 end,
        case when r_ret > 0.9 and unit_id is not null then 1 else 0 end,
        null,
        assigned_at,
        case when status in ('pending_verify', 'closed', 'returned') then coalesce(closed_at, now()) - interval '1 hour' end,
        closed_at,
        (${arr(finders)})[1 + floor(r_find * ${finders.length})::int],
        found_at,
        coalesce(closed_at, assigned_at, found_at),
        case status when 'pending_assign' then 1 when 'rectifying' then 2 when 'extension_requested' then 3
             when 'pending_verify' then 3 when 'returned' then 4 else 4 end
      from v
    `));
    await db.execute(sql.raw(`
      insert into case_events (case_id, at, actor_id, action, from_status, to_status, attachment_ids)
      select id, created_at, found_by_id, 'create', null, 'pending_assign', '[]'::jsonb
      from cases where id between ${start} and ${end}`));
    log(`  filled ${end.toLocaleString('en')} / ${n.toLocaleString('en')} cases (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('cases', 'id'), (select coalesce(max(id), 1) from cases))`);
  log('  vacuum analyze …');
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze case_events`);
  await db.execute(sql`analyze`);
  return { base, cases: n, ms: performance.now() - t0 };
}

/** Counts of the filled table by status, for the record. */
export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const r = await db.execute(sql`select status, count(*)::int as n from cases group by status order by 2 desc`);
  return Object.fromEntries(rowsOf<{ status: string; n: number }>(r).map((x) => [x.status, x.n]));
}
