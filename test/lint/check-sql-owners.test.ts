// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are TypeScript sources with templates in them
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkSqlOwners, findCaseTableSql } from '../../scripts/check-sql-owners.js';

describe('findCaseTableSql', () => {
  const lines = (source: string) => findCaseTableSql('x.ts', source).map((f) => f.line);

  test('raw SQL naming cases or case_events is found, with its line', () => {
    const source = [
      "import { sql } from 'drizzle-orm';",
      'const a = sql`select count(*) from cases where status = ${status}`;',
      'const b = sql`select x from y join cases c on c.id = y.case_id`;',
      "const c = sql.raw('UPDATE cases SET deadline = now()');",
      'const d = sql`insert into "cases" (code) values (${code})`;',
      'const e = sql`select * from case_events`;',
      "const f = sql`select nextval(pg_get_serial_sequence('cases', 'id'))`;",
      'const g = sql`delete from public.cases where id = ${id}`;',
    ].join('\n');
    expect(lines(source)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  test('the view, comments, names and other tables are not SQL on the case tables', () => {
    const source = [
      '// reads from cases through the view, never joins cases',
      '/* update cases: not here */',
      'const a = sql`select * from case_view c where c.origin_type = ${type}`;',
      "const tags = ['cases'];",
      "const m = { module: 'cases', label: 'cases from the port' };",
      'const b = sql`select * from cases_archive`;',
      'const c = sql`select * from ${table} where kind = ${"x"}`;',
      'const d = `${n} cases from ${area}`;',
    ].join('\n');
    expect(lines(source)).toEqual([]);
  });

  test('the literal parts of a template are read apart from its expressions', () => {
    expect(lines('const a = sql`select * from ${t} join cases on true`;')).toEqual([1]);
    expect(lines('const a = sql`select * from ${sql`cases`}`;')).toEqual([]);
  });
});

describe('checkSqlOwners', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'zhili-sql-owners-'));
  const plant = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('a planted violation fails; the cases module, tests and test support may name the tables', () => {
    plant('src/server/modules/volunteers/volunteers.repo.ts', 'export const q = sql`select id from cases where area_id = ${a}`;\n');
    plant('src/server/modules/volunteers/volunteers.test.ts', 'const q = sql`update cases set deadline = ${d}`;\n');
    plant('src/server/modules/chuangwen/chuangwen.testing.ts', 'const q = sql`insert into case_events (case_id) values (1)`;\n');
    plant('src/server/modules/cases/cases.repo.ts', 'const q = sql`select * from cases join case_events e on true`;\n');
    plant('src/server/modules/citizen/citizen.repo.ts', 'const q = sql`select * from case_view`;\n');
    plant('src/server/modules/households/leads/leads.repo.ts', 'const q = sql`select 1 from cases`;\n');

    const { errors, pending } = checkSqlOwners({ root, pending: ['src/server/modules/households/'] });
    expect(errors.map((f) => `${f.file}:${f.line}`)).toEqual(['src/server/modules/volunteers/volunteers.repo.ts:1']);
    expect(pending.map((f) => `${f.file}:${f.line}`)).toEqual(['src/server/modules/households/leads/leads.repo.ts:1']);
    expect(checkSqlOwners({ root }).errors).toHaveLength(2);
  });

  test('the tree has no violation outside the pending folders', () => {
    expect(checkSqlOwners({ pending: ['src/web/', 'src/server/modules/households/'] }).errors).toEqual([]);
  });
});
