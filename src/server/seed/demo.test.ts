/**
 * The demo seed on a fresh database: every status present, histories consistent with the
 * case rows, and the demo accounts have work waiting for them.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, openTestDb } from '../../../test/helpers.js';
import { CASE_STATUSES, OPEN_STATUSES } from '../../shared/domain/case-machine.js';
import { buildApp } from '../app.js';
import { defaultAppConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { createMemoryStorage } from '../lib/storage.js';
import type { TApp } from '../lib/types.js';
import { seedDemoIfEmpty } from './demo.js';

const PASSWORD = 'Demo@12345';
let db: Db;
let app: TApp;
let close: () => Promise<void>;
let accounts: { username: string }[] = [];

async function q<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

beforeAll(async () => {
  const { handle, drop } = await openTestDb();
  db = handle.db;
  const storage = createMemoryStorage();
  const seeded = await seedDemoIfEmpty(db, { password: PASSWORD, storage });
  accounts = seeded?.accounts ?? [];
  app = await buildApp({ db, dbKind: handle.kind, storage, config: defaultAppConfig() });
  await app.ready();
  close = async () => {
    await app.close();
    await handle.close();
    await drop();
  };
}, 120_000);

afterAll(async () => {
  await close?.();
});

describe('demo seed', () => {
  it('seeds once and keeps the demo accounts', async () => {
    expect(accounts.map((a) => a.username)).toEqual(
      expect.arrayContaining(['admin', 'leader', 'inspector', 'jiazhai', 'shizhuang', 'wuye', 'jiwei']),
    );
    expect(await seedDemoIfEmpty(db, { password: PASSWORD, storage: createMemoryStorage() })).toBeNull();
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from cases`);
    expect(n).toBeGreaterThanOrEqual(280);
  });

  it('has cases in every status, module and source', async () => {
    const statuses = (await q<{ status: string }>(sql`select distinct status from cases`)).map((r) => r.status);
    expect(statuses.sort()).toEqual([...CASE_STATUSES].sort());
    const modules = await q<{ n: number }>(sql`select count(distinct module)::int as n from cases`);
    expect(modules[0].n).toBe(6);
    const sources = await q<{ n: number }>(sql`select count(distinct source)::int as n from cases`);
    expect(sources[0].n).toBe(6);
    const [ages] = await q<{ overdue: number; late: number; onTime: number; old: number }>(sql`
      select count(*) filter (where status in ('pending_assign','rectifying','extension_requested','pending_verify','returned') and deadline < now())::int as overdue,
             count(*) filter (where status = 'closed' and closed_at > deadline)::int as late,
             count(*) filter (where status = 'closed' and closed_at <= deadline)::int as "onTime",
             count(*) filter (where found_at < now() - interval '70 days')::int as old
      from cases`);
    expect(ages.overdue).toBeGreaterThan(0);
    expect(ages.late).toBeGreaterThan(0);
    expect(ages.onTime).toBeGreaterThan(ages.late);
    expect(ages.old).toBeGreaterThan(0);
  });

  it('keeps counters and version equal to the event history', async () => {
    const bad = await q<{ id: number }>(sql`
      with e as (
        select case_id,
          count(*) filter (where action = 'return')::int as returns,
          count(*) filter (where action = 'approve_extension')::int as extensions,
          count(*) filter (where action <> 'create')::int as transitions,
          count(*) filter (where action = 'create')::int as creates
        from case_events group by case_id),
      onsite as (
        select a.case_id, count(*)::int as n from case_events a
        join case_events c on c.case_id = a.case_id and c.action = 'create' and a.action = 'assign' and a.at = c.at
        group by a.case_id)
      select c.id from cases c
      left join e on e.case_id = c.id
      left join onsite o on o.case_id = c.id
      where e.case_id is null or e.creates <> 1
         or c.return_count <> e.returns or c.extension_count <> e.extensions
         or c.version <> e.transitions + 1 - coalesce(o.n, 0)`);
    expect(bad).toEqual([]);
  });

  it('orders every history in time and chains its statuses to the case', async () => {
    const events = await q<{ caseId: number; at: string; action: string; from: string | null; to: string }>(sql`
      select case_id as "caseId", at::text as at, action, from_status as "from", to_status as "to"
      from case_events order by case_id, at, id`);
    const rows = await q<{ id: number; status: string; createdAt: string; updatedAt: string; foundAt: string }>(sql`
      select id, status, created_at::text as "createdAt", updated_at::text as "updatedAt", found_at::text as "foundAt" from cases`);
    const byCase = new Map<number, typeof events>();
    for (const e of events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
    const now = Date.now();
    for (const c of rows) {
      const list = byCase.get(c.id)!;
      expect(list[0].action, `case ${c.id}`).toBe('create');
      expect(new Date(c.foundAt).getTime()).toBeLessThanOrEqual(new Date(list[0].at).getTime());
      for (let i = 1; i < list.length; i++) {
        expect(list[i].from, `case ${c.id} event ${i}`).toBe(list[i - 1].to);
        expect(new Date(list[i].at).getTime()).toBeGreaterThanOrEqual(new Date(list[i - 1].at).getTime());
      }
      expect(list[list.length - 1].to, `case ${c.id}`).toBe(c.status);
      expect(new Date(list[list.length - 1].at).getTime()).toBeLessThanOrEqual(now);
      expect(new Date(c.updatedAt).getTime()).toBe(new Date(list[list.length - 1].at).getTime());
    }
  });

  it('gives closed and cancelled cases a closing time and an outcome, and open ones neither', async () => {
    const bad = await q<{ id: number }>(sql`
      select id from cases where
        (status in ('closed', 'cancelled') and (closed_at is null or outcome is null))
        or (status not in ('closed', 'cancelled') and (closed_at is not null or outcome is not null))
        or (status <> 'pending_assign' and status <> 'cancelled' and (unit_id is null or deadline is null or assigned_at is null))
        or (status = 'extension_requested') <> (requested_deadline is not null)`);
    expect(bad).toEqual([]);
  });

  it('has every 待复核 case last submitted by a user of its responsible unit, and verified by someone else', async () => {
    const pending = await q<{ id: number; ok: boolean }>(sql`
      select c.id, (u.unit_id = c.unit_id and c.last_submitter_id = s.actor_id) as ok
      from cases c
      join lateral (select actor_id from case_events e where e.case_id = c.id and e.action = 'submit' order by at desc, id desc limit 1) s on true
      join users u on u.id = s.actor_id
      where c.status = 'pending_verify'`);
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from cases where status = 'pending_verify'`);
    expect(pending.length).toBe(n);
    expect(pending.filter((r) => !r.ok)).toEqual([]);
    const selfVerified = await q<{ id: number }>(sql`
      select e.case_id as id from case_events e join cases c on c.id = e.case_id join users u on u.id = e.actor_id
      where e.action in ('verify', 'return', 'approve_extension', 'refuse_extension') and (u.unit_id = c.unit_id or u.role not in ('leader', 'inspector'))`);
    expect(selfVerified).toEqual([]);
  });

  it('links failed inspection results to their cases (the case names the result as its origin), when inspections were seeded', async () => {
    const links = await q<{ ok: boolean }>(sql`
      select (r.result = 'fail') as ok
      from cases c join inspection_results r on c.origin_type = 'inspection_result' and c.origin_id = r.id`);
    expect(links.filter((l) => !l.ok)).toEqual([]);
    const [{ n }] = await q<{ n: number }>(sql`select count(*)::int as n from inspections`);
    if (n > 0) expect(links.length).toBeGreaterThan(0);
  });

  it('has twelve weeks of 创文 inspections of places, their failed items linked to cases at the place', async () => {
    const [w] = await q<{ n: number; weeks: number; oldest: number }>(sql`
      select count(*)::int as n, count(distinct date_trunc('week', started_at))::int as weeks,
             extract(day from now() - min(started_at))::int as oldest
      from inspections where place_id is not null`);
    expect(w.n).toBeGreaterThanOrEqual(20);
    expect(w.weeks).toBeGreaterThanOrEqual(11);
    expect(w.oldest).toBeGreaterThanOrEqual(70);
    const bad = await q<{ id: number }>(sql`
      select r.id from inspection_results r join inspections i on i.id = r.inspection_id
      join cases c on c.origin_type = 'inspection_result' and c.origin_id = r.id
      left join cw_case_places l on l.case_id = c.id
      where i.place_id is not null and (l.place_id is distinct from i.place_id)`);
    expect(bad).toEqual([]);
    const [{ linked }] = await q<{ linked: number }>(sql`
      select count(*)::int as linked from inspection_results r join inspections i on i.id = r.inspection_id
      join cases c on c.origin_type = 'inspection_result' and c.origin_id = r.id
      where i.place_id is not null`);
    expect(linked).toBeGreaterThan(10);
  });

  it('has volunteer teams with members and activities over the twelve weeks', async () => {
    const [v] = await q<{ teams: number; members: number; activities: number; span: number }>(sql`
      select (select count(*)::int from volunteer_teams) as teams, (select count(*)::int from volunteer_members) as members,
             (select count(*)::int from volunteer_activities) as activities,
             (select (max(day) - min(day))::int from volunteer_activities) as span`);
    expect(v.teams).toBeGreaterThanOrEqual(3);
    expect(v.members).toBeGreaterThanOrEqual(v.teams * 5);
    expect(v.activities).toBeGreaterThanOrEqual(12);
    expect(v.span).toBeGreaterThanOrEqual(60);
  });

  it('has citizens’ reports in every state, linked to their cases; a reopened one tracks its new deadline', async () => {
    const states = await q<{ status: string; n: number }>(sql`select status, count(*)::int as n from citizen_reports group by status`);
    const by = Object.fromEntries(states.map((r) => [r.status, r.n]));
    expect(Object.keys(by).sort()).toEqual(['accepted', 'merged', 'pending', 'rejected']);
    expect(Object.values(by).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(14);
    const bad = await q<{ id: number }>(sql`
      select r.id from citizen_reports r left join cases c on c.id = r.case_id
      where (r.status in ('accepted', 'merged') and (c.id is null or c.source <> 'citizen'))
         or (r.status = 'accepted' and (c.origin_type <> 'citizen_report' or c.origin_id <> r.id))
         or (r.status = 'rejected' and coalesce(r.reject_reason, '') = '')
         or (r.status = 'pending' and (r.case_id is not null or r.moderated_at is not null))`);
    expect(bad).toEqual([]);
    const [reopened] = await q<{ code: string; deadline: string }>(sql`
      select r.tracking_code as code, c.deadline::text as deadline from citizen_reports r join cases c on c.id = r.case_id
      where r.status = 'accepted' and r.reopen_count > 0 and c.status = 'rectifying'`);
    expect(reopened).toBeDefined();
    const t = await app.inject({ method: 'GET', url: `/api/public/track/${reopened.code}` });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json().notes.at(-1).text).toBe('群众反馈未整改，已重新整改');
    expect(new Date(t.json().deadline).getTime()).toBe(new Date(reopened.deadline).getTime());
  });

  it('gives the demo accounts work: wuye, inspector, jiazhai and shizhuang', async () => {
    const wuye = await login(app, 'wuye', PASSWORD);
    const mine = await wuye.get('/api/cases?mine=true&pageSize=50');
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as { status: string; unitName: string }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const c of items) {
      expect(['rectifying', 'returned']).toContain(c.status);
      expect(c.unitName).toBe('周口中原物业服务有限公司');
    }

    const inspector = await login(app, 'inspector', PASSWORD);
    const verify = await inspector.get('/api/cases?mine=true&status=pending_verify');
    expect(verify.json().items.length).toBeGreaterThan(0);

    for (const [username, village] of [['jiazhai', '贾寨行政村'], ['shizhuang', '石庄行政村']] as const) {
      const cadre = await login(app, username, PASSWORD);
      const list = await cadre.get('/api/cases?pageSize=100');
      const rows = list.json().items as { areaName: string; status: string }[];
      expect(rows.filter((r) => r.areaName === village).length).toBeGreaterThanOrEqual(5);
      expect(rows.some((r) => (OPEN_STATUSES as readonly string[]).includes(r.status))).toBe(true);
      const todo = await cadre.get('/api/cases?mine=true');
      expect(todo.json().items.length, `${username} 我的待办`).toBeGreaterThan(0);
    }
  });
});
