/**
 * Upgrades: a database built by an earlier release's migrations, holding data in that release's
 * shape, is migrated by this one, and its data reads back in the new shape.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { openTestDb } from '../../../test/helpers.js';
import { MIGRATIONS } from './client.js';
import { rowsOf } from './rows.js';

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A copy of the migrations folder holding only the first `count` migrations (an older release). */
function releaseFolder(count: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhili-migrations-'));
  folders.push(dir);
  cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  for (const e of journal.entries.slice(count)) rmSync(path.join(dir, `${e.tag}.sql`));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration 0002 (case port)', () => {
  test("moves every case's link to its origin onto the case, and marks citizens' reopens as theirs", async () => {
    // The release before the case port: migrations 0000 and 0001.
    const { handle, drop } = await openTestDb({ migrationsFolder: releaseFolder(2) });
    try {
      const { db } = handle;
      const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
      // Data in that release's shape: origin ids as text; visits' cases naming the household;
      // an escalated lead's case known only from the lead; an inspection result pointing at its case.
      await db.execute(sql`
        insert into cases (id, code, title, module, area_id, area_code, source, found_at, status, origin_type, origin_id) values
          (1, 'DB1', '检查项', 'chuangwen', 1, '411671001201', 'inspection', now(), 'rectifying', 'inspection_result', '5'),
          (2, 'DB2', '线索超时', 'assistance', 1, '411671001201', 'system_alert', now(), 'pending_assign', null, null),
          (3, 'DB3', '走访问题一', 'assistance', 1, '411671001201', 'inspection', now(), 'pending_assign', 'household', '7'),
          (4, 'DB4', '走访问题二', 'assistance', 1, '411671001201', 'inspection', now(), 'closed', 'household', '7'),
          (5, 'DB5', '群众反映', 'chuangwen', 1, '411671001201', 'citizen', now(), 'rectifying', 'citizen_report', '9'),
          (6, 'DB6', '手工登记', 'other', 1, '411671001201', 'inspection', now(), 'pending_assign', null, null)`);
      await db.execute(sql`
        insert into case_events (case_id, actor_id, action, from_status, to_status, note, data) values
          (5, null, 'reopen', 'closed', 'rectifying', '群众反馈未整改', '{"by":"citizen","reportId":9}'),
          (5, 3, 'assign', 'pending_assign', 'rectifying', null, null)`);
      await db.execute(sql`insert into inspection_results (id, inspection_id, item_id, result, case_id) values (5, 1, 1, 'fail', 1)`);
      await db.execute(sql`
        insert into household_leads (id, code, kind, area_id, area_code, reason, raised_at, raised_on, status, escalated_case_id)
        values (11, 'XS1', 'identification', 1, '411671001201', '测试', now(), current_date, 'in_progress', 2)`);
      await db.execute(sql`
        insert into household_visits (id, household_id, visited_on, visitor_name, findings, has_problem, case_id) values
          (21, 7, current_date, '张三', '漏雨', true, 3), (22, 7, current_date, '张三', '无水', true, 4), (23, 7, current_date, '张三', '正常', false, null)`);

      await handle.migrate();

      const origins = await q<{ id: number; type: string | null; originId: number | null }>(
        sql`select id, origin_type as type, origin_id as "originId" from cases order by id`,
      );
      expect(origins).toEqual([
        { id: 1, type: 'inspection_result', originId: 5 },
        { id: 2, type: 'household_lead', originId: 11 },
        { id: 3, type: 'household_visit', originId: 21 },
        { id: 4, type: 'household_visit', originId: 22 },
        { id: 5, type: 'citizen_report', originId: 9 },
        { id: 6, type: null, originId: null },
      ]);
      const events = await q<{ action: string; kind: string; ref: string | null }>(
        sql`select action, actor_kind as kind, actor_ref as ref from case_events order by id`,
      );
      expect(events).toEqual([
        { action: 'reopen', kind: 'citizen', ref: 'citizen_report:9' },
        { action: 'assign', kind: 'user', ref: null },
      ]);
      // The domain rows' own copies of the link are gone; the view answers for them.
      const dropped = await q<{ table: string; column: string }>(sql`
        select table_name as table, column_name as column from information_schema.columns
        where (table_name, column_name) in (('inspection_results', 'case_id'), ('household_leads', 'escalated_case_id'), ('household_visits', 'case_id'))`);
      expect(dropped).toEqual([]);
      const viaView = await q<{ visit: number; caseId: number | null }>(sql`
        select v.id as visit, c.id as "caseId" from household_visits v
        left join case_view c on c.origin_type = 'household_visit' and c.origin_id = v.id order by v.id`);
      expect(viaView).toEqual([
        { visit: 21, caseId: 3 },
        { visit: 22, caseId: 4 },
        { visit: 23, caseId: null },
      ]);
      // One case per origin from now on.
      await expect(
        db.execute(sql`insert into cases (code, title, module, area_id, area_code, source, found_at, status, origin_type, origin_id)
          values ('DB7', '重复', 'chuangwen', 1, '411671001201', 'inspection', now(), 'pending_assign', 'inspection_result', 5)`),
      ).rejects.toThrow();
    } finally {
      await handle.close();
      await drop();
    }
  });
});
