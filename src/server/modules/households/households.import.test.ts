import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { Readable } from 'node:stream';
import { zoneDate } from '../../lib/time.js';
import { IMPORT_COLUMNS, INCOME_COLUMNS, importHouseholds, parseYuan, utf8Chunks } from './households.import.js';

let ctx: TTestContext;
let jiazhai: TClient;
let inspector: TClient;

beforeAll(async () => {
  ctx = await createTestApp();
  [jiazhai, inspector] = await Promise.all(['jiazhai', 'inspector'].map((u) => login(ctx.app, u)));
});
afterAll(async () => ctx?.close());

let seq = 500;
function newId(birth: string): string {
  seq += 2;
  const first17 = `411602${birth}${String(seq + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

type TCell = string | number | null;
/** A member row with the template's columns; `over` by header. */
function row(over: Record<string, TCell>): TCell[] {
  const base: Record<string, TCell> = {
    户编号: 'IMP0001',
    行政村: '贾寨行政村',
    自然村: '前寨',
    地址: '贾寨村 1 号',
    联系电话: '13800001111',
    户类型: '脱贫户',
    姓名: '张三',
    与户主关系: '户主',
    民族: '汉族',
    劳动技能: '普通劳动力',
    是否参加基本医疗保险: '是',
    ...over,
  };
  return IMPORT_COLUMNS.map((c) => base[c.header] ?? null);
}

async function xlsx(rows: TCell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农户成员');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(client: TClient, data: Buffer, mode: string, filename = '农户.xlsx') {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(data)]), filename);
  const req = new Request('http://x', { method: 'POST', body: fd });
  const payload = Buffer.from(await req.arrayBuffer());
  return ctx.app.inject({
    method: 'POST',
    url: `/api/households/import?mode=${mode}`,
    headers: { 'content-type': req.headers.get('content-type')!, cookie: client.cookie, 'x-csrf-token': client.csrf },
    payload,
  });
}

const count = async (table: 'households' | 'household_members', where = sql`true`) =>
  rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0].n;

describe('template', () => {
  test('the template has the Chinese headers the import reads', async () => {
    const res = await jiazhai.get('/api/households/import/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect((await inspector.get('/api/households/import/template.xlsx')).statusCode).toBe(403);
  });
});

describe('import', () => {
  const good = () => {
    const head = newId('19700101');
    const wife = newId('19720202');
    const other = newId('19650505');
    return {
      head,
      wife,
      other,
      rows: [
        row({ 户编号: 'IMP1001', 姓名: '张三', 证件号码: head }),
        // Full-width digits and a lower-case x where it applies: safe to normalize.
        row({ 户编号: 'IMP1001', 姓名: '李四', 证件号码: wife.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).toLowerCase(), 与户主关系: '配偶' }),
        row({ 户编号: 'IMP1002', 姓名: '王五', 证件号码: other, 户类型: '监测户', 监测对象类别: '边缘易致贫户', 地址: '贾寨村 2 号' }),
      ],
    };
  };

  test('a clean file imports households and members; re-importing it changes nothing and duplicates nothing', async () => {
    const { rows, wife } = good();
    const file = await xlsx(rows);
    let res = await upload(jiazhai, file, 'all_or_nothing');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, isWritten: true, households: { created: 2, updated: 0 }, members: { created: 3, updated: 0 }, errorReportId: null });
    const stored = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from household_members where id_number = ${wife}`));
    expect(stored[0].n).toBe(1);

    res = await upload(jiazhai, file, 'all_or_nothing');
    expect(res.json()).toMatchObject({ isWritten: true, households: { created: 0, updated: 0 }, members: { created: 0, updated: 0 } });
    expect(await count('households', sql`code in ('IMP1001', 'IMP1002')`)).toBe(2);
    expect(await count('household_members', sql`household_id in (select id from households where code in ('IMP1001', 'IMP1002'))`)).toBe(3);

    // A corrected file updates in place.
    rows[0][IMPORT_COLUMNS.findIndex((c) => c.header === '劳动技能')] = '技能劳动力';
    res = await upload(jiazhai, await xlsx(rows), 'good_rows');
    expect(res.json()).toMatchObject({ households: { created: 0, updated: 0 }, members: { created: 0, updated: 1 } });
  });

  const mangled = () => {
    const ok = newId('19800808');
    return [
      row({ 户编号: 'IMP2001', 姓名: '赵一', 证件号码: ok }),
      row({ 户编号: 'IMP2001', 姓名: '赵二', 证件号码: '4.11602E+17', 与户主关系: '之子' }),
      row({ 户编号: 'IMP2001', 姓名: '赵三', 证件号码: 411602198008081234, 与户主关系: '之女' }),
      row({ 户编号: 'IMP2002', 姓名: '钱一', 证件号码: newId('19900909'), 行政村: '石庄行政村' }),
      row({ 户编号: 'IMP2003', 姓名: '孙一', 证件号码: newId('19910101'), 户类型: '贫困户' }),
      row({ 户编号: 'IMP2004', 姓名: '', 证件号码: newId('19920202') }),
      row({ 户编号: 'IMP2001', 姓名: '赵四', 证件号码: ok, 与户主关系: '配偶' }),
    ];
  };

  test('all-or-nothing: one bad row writes nothing; the error report names row, column, value and reason', async () => {
    const res = await upload(jiazhai, await xlsx(mangled()), 'all_or_nothing');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.isWritten).toBe(false);
    expect(body.rowsWithErrors).toBe(6);
    expect(await count('households', sql`code like 'IMP2%'`)).toBe(0);

    const report = await jiazhai.get(`/api/households/import/${body.errorReportId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const lines = wb.worksheets[0].getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(wb.worksheets[0].getRow(1).values).toEqual([, '工作表', '行号', '列', '值', '问题']);
    expect(lines.every((l) => l[0] === '农户成员')).toBe(true);
    const find = (rowNo: number, column: string) => lines.find((l) => l[1] === rowNo && l[2] === column);
    expect(find(3, '证件号码')?.[4]).toContain('科学计数法');
    expect(find(3, '证件号码')?.[3]).toBe('4.11602E+17');
    expect(find(4, '证件号码')?.[4]).toContain('无法恢复');
    expect(find(5, '行政村')?.[4]).toBe('行政村不存在或不在您的管辖范围内');
    expect(find(6, '户类型')?.[4]).toContain('不在可选范围内');
    expect(find(7, '姓名')?.[4]).toBe('姓名为必填项');
    expect(find(8, '证件号码')?.[4]).toBe('与第 2 行的证件号码重复');

    // Another user cannot fetch the report.
    const other = await login(ctx.app, 'banko');
    expect((await other.get(`/api/households/import/${body.errorReportId}/errors.xlsx`)).statusCode).toBe(404);
  });

  test('good rows only: valid rows are written, bad ones reported; a corrupted ID is never stored', async () => {
    const res = await upload(jiazhai, await xlsx(mangled()), 'good_rows');
    const body = res.json();
    expect(body).toMatchObject({ isWritten: true, rowsWithErrors: 6, households: { created: 1 }, members: { created: 1 } });
    expect(await count('households', sql`code like 'IMP2%'`)).toBe(1);
    expect(await count('household_members', sql`id_number like '41160219800808%' or id_number like '4116021980080812%'`)).toBe(1);
    const audits = rowsOf<{ detail: string }>(await ctx.db.execute(sql`select detail from audit_log where action = 'household.import'`));
    expect(audits.length).toBeGreaterThan(0);
  });

  test('a person already in another household is refused (moves go through 成员迁移)', async () => {
    const head = newId('19710101');
    await upload(jiazhai, await xlsx([row({ 户编号: 'IMP3000', 姓名: '张三', 证件号码: head })]), 'good_rows');
    const res = await upload(jiazhai, await xlsx([row({ 户编号: 'IMP3001', 姓名: '张三', 证件号码: head })]), 'good_rows');
    expect(res.json().errors[0].message).toContain('已登记在户编号 IMP3000');
    expect(res.json().members.created).toBe(0);
  });

  test('a file without the required headers, or not .xlsx, is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '证件号码']);
    let res = await upload(jiazhai, Buffer.from(await wb.xlsx.writeBuffer()), 'good_rows');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('户编号');
    res = await upload(jiazhai, Buffer.from('a,b'), 'good_rows', 'x.csv');
    expect(res.statusCode).toBe(400);
  });
});

describe('export', () => {
  async function read(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }

  test('masked by default; unmasked only for PII roles on request, and audited; members and incomes re-import', async () => {
    const head = newId('19660606');
    const year = Number(zoneDate().slice(0, 4)) - 1;
    const first = new ExcelJS.Workbook();
    const fm = first.addWorksheet('农户成员');
    fm.addRow(IMPORT_COLUMNS.map((c) => c.header));
    fm.addRow(row({ 户编号: 'EXP0001', 姓名: '周一', 证件号码: head }));
    const fi = first.addWorksheet('家庭收入');
    fi.addRow(INCOME_COLUMNS.map((c) => c.header));
    const income: Record<string, TCell> = { 户编号: 'EXP0001', 年度: year, 工资性收入: 12000, 家庭经营性收入: 3000.5, 生产经营费用: 800, 财产性收入: 0, 转移性收入: 1500 };
    fi.addRow(INCOME_COLUMNS.map((c) => income[c.header] ?? null));
    const landed = await upload(jiazhai, Buffer.from(await first.xlsx.writeBuffer()), 'good_rows');
    expect(landed.json()).toMatchObject({ rowsWithErrors: 0, incomes: { created: 1 } });

    let res = await jiazhai.get('/api/households/export.xlsx');
    expect(res.statusCode).toBe(200);
    let wb = await read(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['农户', '农户成员', '家庭收入']);
    const incomeRows = wb.getWorksheet('家庭收入')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(incomeRows).toContainEqual(['EXP0001', year, 12000, 3000.5, 800, 0, 1500, 1]);
    const members = wb.getWorksheet('农户成员')!;
    const idCol = IMPORT_COLUMNS.findIndex((c) => c.header === '证件号码') + 1;
    const exported = members.getSheetValues().slice(2).map((r) => (r as unknown[])[idCol] as string);
    expect(exported).toContain(`${head.slice(0, 6)}********${head.slice(14)}`);
    expect(JSON.stringify(members.getSheetValues())).not.toContain(head);
    expect(JSON.stringify(wb.getWorksheet('农户')!.getSheetValues())).toContain('138****1111');

    expect((await inspector.get('/api/households/export.xlsx?reveal=true')).statusCode).toBe(403);
    const before = await count('household_members');
    res = await jiazhai.get('/api/households/export.xlsx?reveal=true');
    wb = await read(res);
    expect(JSON.stringify(wb.getWorksheet('农户成员')!.getSheetValues())).toContain(head);
    const audits = rowsOf<{ detail: string }>(
      await ctx.db.execute(sql`select detail from audit_log where action = 'pii.reveal' and username = 'jiazhai' and entity_id is null`),
    );
    expect(audits).toHaveLength(1);

    // The unmasked member and income sheets are the import template's: re-importing them creates nothing.
    const again = new ExcelJS.Workbook();
    for (const name of ['农户成员', '家庭收入']) {
      const sheet = again.addWorksheet(name);
      for (const r of wb.getWorksheet(name)!.getSheetValues().slice(1)) sheet.addRow((r as unknown[]).slice(1));
    }
    const reimport = await upload(jiazhai, Buffer.from(await again.xlsx.writeBuffer()), 'all_or_nothing');
    expect(reimport.statusCode, reimport.body).toBe(200);
    expect(reimport.json()).toMatchObject({
      isWritten: true,
      rowsWithErrors: 0,
      households: { created: 0 },
      members: { created: 0 },
      incomes: { created: 0, updated: 0 },
    });
    expect(await count('household_members')).toBe(before);
  });

  test('another village’s households are not exported', async () => {
    const shizhuang = await login(ctx.app, 'shizhuang');
    const wb = await read(await shizhuang.get('/api/households/export.xlsx'));
    expect(JSON.stringify(wb.getWorksheet('农户成员')!.getSheetValues())).not.toContain('贾寨行政村');
  });
});

test('a second head for a registered household is refused unless the file demotes the first', async () => {
  const first = newId('19580101');
  const second = newId('19600101');
  await upload(jiazhai, await xlsx([row({ 户编号: 'HEAD001', 姓名: '吴一', 证件号码: first })]), 'good_rows');
  let res = await upload(jiazhai, await xlsx([row({ 户编号: 'HEAD001', 姓名: '吴二', 证件号码: second })]), 'good_rows');
  expect(res.json().errors[0]).toMatchObject({ row: 2, column: '与户主关系' });
  res = await upload(
    jiazhai,
    await xlsx([row({ 户编号: 'HEAD001', 姓名: '吴一', 证件号码: first, 与户主关系: '之父母' }), row({ 户编号: 'HEAD001', 姓名: '吴二', 证件号码: second })]),
    'all_or_nothing',
  );
  expect(res.json()).toMatchObject({ isWritten: true, members: { created: 1, updated: 1 } });
});

describe('streaming in batches (two rows a batch)', () => {
  const jiazhaiUser = async () => {
    const u = rowsOf<{ id: number }>(await ctx.db.execute(sql`select id from users where username = 'jiazhai'`))[0];
    const area = rowsOf<{ code: string }>(await ctx.db.execute(sql`select code from areas where name = '贾寨行政村'`))[0];
    return { id: u.id, username: 'jiazhai', role: 'village_cadre', areaPrefix: area.code } as unknown as Parameters<typeof importHouseholds>[2];
  };
  const run = async (rows: TCell[][], mode: 'all_or_nothing' | 'good_rows') =>
    importHouseholds(ctx.db, ctx.storage, await jiazhaiUser(), Readable.from(await xlsx(rows)), mode, { batchRows: 2 });

  test('cross-row rules hold across batches: household fields, second head, duplicate ID; a household waits for a valid member', async () => {
    const a = newId('19500101');
    const b = newId('19520202');
    const c = newId('19540303');
    const d = newId('19560404');
    const rows = [
      row({ 户编号: 'BAT0001', 姓名: '甲', 证件号码: a, 户类型: '贫困户' }), // bad household field on its first row
      row({ 户编号: 'BAT0002', 姓名: '乙', 证件号码: '4.11602E+17' }), // bad member, household fine
      row({ 户编号: 'BAT0001', 姓名: '丙', 证件号码: b, 与户主关系: '配偶', 户类型: '贫困户' }),
      row({ 户编号: 'BAT0002', 姓名: '丁', 证件号码: c, 与户主关系: '配偶' }), // first valid row of BAT0002, batch 2
      row({ 户编号: 'BAT0002', 姓名: '戊', 证件号码: d, 与户主关系: '户主' }), // a second head (row 3 was the first)
      row({ 户编号: 'BAT0002', 姓名: '己', 证件号码: c, 与户主关系: '之子', 地址: '别处' }), // duplicate ID, other address
    ];
    let res = await run(rows, 'all_or_nothing');
    expect(res).toMatchObject({ rows: 6, isWritten: false, rowsWithErrors: 5, members: { created: 0 } });
    expect(await count('households', sql`code like 'BAT%'`)).toBe(0);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '户类型'], [3, '证件号码'], [4, '户类型'], [6, '与户主关系'], [7, '地址'], [7, '证件号码'],
    ]);
    expect(res.errors.find((e) => e.row === 7 && e.column === '证件号码')?.message).toBe('与第 5 行的证件号码重复');
    res = await run(rows, 'good_rows');
    expect(res).toMatchObject({ isWritten: true, rowsWithErrors: 5, households: { created: 1 }, members: { created: 1 } });
    expect(await count('household_members', sql`household_id in (select id from households where code = 'BAT0002')`)).toBe(1);
  });

  test('a new head before the old head is demoted, in a later batch, is accepted; all-or-nothing writes every batch', async () => {
    const old = newId('19400101');
    const next = newId('19420202');
    const kids = [newId('19700101'), newId('19720101'), newId('19740101')];
    expect((await run([row({ 户编号: 'BAT0100', 姓名: '老', 证件号码: old })], 'good_rows')).members.created).toBe(1);
    const rows = [
      row({ 户编号: 'BAT0100', 姓名: '新', 证件号码: next }),
      ...kids.map((k, i) => row({ 户编号: 'BAT0100', 姓名: `子${i}`, 证件号码: k, 与户主关系: '之子' })),
      row({ 户编号: 'BAT0100', 姓名: '老', 证件号码: old, 与户主关系: '之父母' }),
    ];
    let res = await run(rows.slice(0, 4), 'all_or_nothing');
    expect(res).toMatchObject({ isWritten: false, rowsWithErrors: 1 });
    expect(res.errors[0]).toMatchObject({ row: 2, column: '与户主关系' });
    expect(await count('household_members', sql`household_id in (select id from households where code = 'BAT0100')`)).toBe(1);
    res = await run(rows, 'all_or_nothing');
    expect(res).toMatchObject({ rows: 5, isWritten: true, rowsWithErrors: 0, households: { created: 0 }, members: { created: 4, updated: 1 } });
    const heads = rowsOf<{ id_number: string }>(
      await ctx.db.execute(sql`select id_number from household_members where relation = 'head' and household_id in (select id from households where code = 'BAT0100')`),
    );
    expect(heads.map((h) => h.id_number)).toEqual([next]);
    // Re-importing it changes nothing.
    res = await run(rows, 'good_rows');
    expect(res).toMatchObject({ rowsWithErrors: 0, households: { created: 0, updated: 0 }, members: { created: 0, updated: 0 } });

    // The list finds a household by a member's name from its start (surname or full name), or by 户编号.
    const codes = async (q: string) => ((await jiazhai.get(`/api/households?q=${encodeURIComponent(q)}`)).json().items as { code: string }[]).map((h) => h.code);
    expect(await codes('子')).toContain('BAT0100');
    expect(await codes('子1')).toEqual(['BAT0100']);
    expect(await codes('1')).not.toContain('BAT0100');
    expect(await codes('BAT0100')).toEqual(['BAT0100']);
    expect(await codes('%')).toEqual([]);
  });
});

test('the downloaded template, filled in, imports members and income (its 填写说明 sheet is skipped)', async () => {
  const res = await jiazhai.get('/api/households/import/template.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['农户成员', '家庭收入', '填写说明']);
  const sheet = wb.worksheets[0];
  const idCol = IMPORT_COLUMNS.findIndex((c) => c.header === '证件号码') + 1;
  sheet.getRow(2).getCell(idCol).value = newId('19880808');
  sheet.getRow(2).getCell(1).value = 'TPL0001';
  const income = wb.getWorksheet('家庭收入')!;
  expect((income.getRow(1).values as string[]).slice(1)).toEqual(INCOME_COLUMNS.map((c) => c.header));
  income.getRow(2).getCell(1).value = 'TPL0001';
  const notes = JSON.stringify(wb.getWorksheet('填写说明')!.getSheetValues());
  expect(notes).toContain('每户每个年度一行');
  expect(notes).toContain('人均纯收入 = 家庭纯收入 ÷ 家庭人数');
  const up = await upload(jiazhai, Buffer.from(await wb.xlsx.writeBuffer()), 'all_or_nothing');
  expect(up.json()).toMatchObject({ rows: 2, isWritten: true, rowsWithErrors: 0, households: { created: 1 }, members: { created: 1 }, incomes: { created: 1 } });
  // The example: 18,000 + 6,000 − 1,500 + 0 + 3,600 = 26,100 for a household of one.
  const year = Number(zoneDate().slice(0, 4)) - 1;
  const stored = rowsOf<{ year: number; net_income: string; per_capita: number; household_size: number }>(
    await ctx.db.execute(sql`select year, net_income::text, per_capita, household_size from household_incomes where household_id = (select id from households where code = 'TPL0001')`),
  );
  expect(stored).toEqual([{ year, net_income: '26100.00', per_capita: 26100, household_size: 1 }]);
});

test('utf8Chunks never splits a Chinese character across chunks (exceljs decodes chunk by chunk)', async () => {
  const bytes = Buffer.from('贾寨行政村𠀀张三');
  async function* oneByteAtATime() {
    for (const b of bytes) yield Buffer.from([b]);
  }
  const parts: string[] = [];
  for await (const c of utf8Chunks(oneByteAtATime())) parts.push(c.toString('utf8'));
  expect(parts.join('')).toBe('贾寨行政村𠀀张三');
  expect(parts.every((p) => !p.includes('\ufffd'))).toBe(true);
});

describe('income sheet (家庭收入)', () => {
  const thisYear = Number(zoneDate().slice(0, 4));
  const y = thisYear - 1;

  /** An income row with the template's columns; `over` by header. */
  function incomeRow(over: Record<string, TCell>): TCell[] {
    const base: Record<string, TCell> = { 户编号: 'INC0001', 年度: y, 工资性收入: 10000, 家庭经营性收入: 5000, 生产经营费用: 1000.5, 财产性收入: 0, 转移性收入: 2000.25, ...over };
    return INCOME_COLUMNS.map((c) => base[c.header] ?? null);
  }

  /** A workbook with a member sheet and/or an income sheet, in either order. */
  async function workbook(o: { members?: TCell[][]; incomes?: TCell[][]; isIncomeFirst?: boolean; incomeHeaders?: string[] }): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const addMembers = () => {
      if (!o.members) return;
      const ws = wb.addWorksheet('农户成员');
      ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
      for (const r of o.members) ws.addRow(r);
    };
    const addIncomes = () => {
      if (!o.incomes) return;
      const ws = wb.addWorksheet('家庭收入');
      ws.addRow(o.incomeHeaders ?? INCOME_COLUMNS.map((c) => c.header));
      for (const r of o.incomes) ws.addRow(r);
    };
    if (o.isIncomeFirst) {
      addIncomes();
      addMembers();
    } else {
      addMembers();
      addIncomes();
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const householdId = async (code: string) => rowsOf<{ id: number }>(await ctx.db.execute(sql`select id from households where code = ${code}`))[0]?.id;
  type TIncome = Record<string, number | string | null> & { year: number };
  const incomesOf = async (code: string): Promise<TIncome[]> => (await jiazhai.get(`/api/households/${await householdId(code)}`)).json().incomes;
  const FIGURES = ['wage', 'business', 'productionCost', 'property', 'transfer', 'householdSize', 'netIncome', 'perCapita'];
  const figures = (i: TIncome | undefined) => Object.fromEntries(FIGURES.map((k) => [k, i?.[k]]));
  const put = (c: TClient, url: string, body: unknown) =>
    ctx.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

  test('incomes import with the figures the income form computes; re-import updates the same year and keeps what the page added', async () => {
    const members = [
      row({ 户编号: 'INC1001', 姓名: '甲', 证件号码: newId('19750101') }),
      row({ 户编号: 'INC1001', 姓名: '乙', 证件号码: newId('19770202'), 与户主关系: '配偶' }),
    ];
    const incomes = [
      incomeRow({ 户编号: 'INC1001' }),
      // Text amounts as clerks type them; an earlier year with that year's household size.
      incomeRow({ 户编号: 'INC1001', 年度: `${y - 1}年`, 工资性收入: '8,000.00', 转移性收入: '1200元', 家庭人数: 3 }),
    ];
    const file = await workbook({ members, incomes });
    let res = await upload(jiazhai, file, 'all_or_nothing');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, isWritten: true, rowsWithErrors: 0, households: { created: 1 }, members: { created: 2 }, incomes: { created: 2, updated: 0 } });
    let stored = await incomesOf('INC1001');
    // 10,000 + 5,000 − 1,000.50 + 0 + 2,000.25 = 15,999.75 over 2 members = 7,999.875 → 8,000.
    expect(figures(stored.find((i) => i.year === y))).toEqual({ wage: 10000, business: 5000, productionCost: 1000.5, property: 0, transfer: 2000.25, householdSize: 2, netIncome: 15999.75, perCapita: 8000 });
    expect(figures(stored.find((i) => i.year === y - 1))).toMatchObject({ wage: 8000, transfer: 1200, householdSize: 3, netIncome: 13199.5, perCapita: 4400 });

    // The same figures entered on the household page give the same record.
    const areaId = ctx.seed.areaByName.get('贾寨行政村')!.id;
    const h = (await jiazhai.post('/api/households', { code: 'INC1901', areaId, type: 'lifted' })).json();
    for (const [name, birth, relation] of [['丙', '19750303', 'head'], ['丁', '19770404', 'spouse']]) {
      expect((await jiazhai.post(`/api/households/${h.id}/members`, { name, idNumber: newId(birth), relation })).statusCode).toBe(201);
    }
    const components = { wage: 10000, business: 5000, productionCost: 1000.5, property: 0, transfer: 2000.25 };
    expect((await put(jiazhai, `/api/households/${h.id}/income/${y}`, components)).statusCode).toBe(200);
    expect(figures(await incomesOf('INC1901').then((l) => l[0]))).toEqual(figures(stored.find((i) => i.year === y)));

    // A rigid expense and a note added on the page survive re-imports.
    expect((await put(jiazhai, `/api/households/${await householdId('INC1001')}/income/${y}`, { ...components, medicalSelfPay: 8000, note: '住院自付' })).statusCode).toBe(200);
    const version = (await jiazhai.get(`/api/households/${await householdId('INC1001')}`)).json().version;
    res = await upload(jiazhai, file, 'all_or_nothing');
    expect(res.json()).toMatchObject({ isWritten: true, households: { created: 0, updated: 0 }, members: { created: 0, updated: 0 }, incomes: { created: 0, updated: 0 } });
    expect((await jiazhai.get(`/api/households/${await householdId('INC1001')}`)).json().version).toBe(version);

    incomes[0][INCOME_COLUMNS.findIndex((c) => c.header === '工资性收入')] = 12000;
    res = await upload(jiazhai, await workbook({ members, incomes }), 'good_rows');
    expect(res.json()).toMatchObject({ rowsWithErrors: 0, incomes: { created: 0, updated: 1 } });
    stored = await incomesOf('INC1001');
    expect(stored.filter((i) => i.year === y)).toHaveLength(1);
    expect(stored.find((i) => i.year === y)).toMatchObject({ wage: 12000, netIncome: 17999.75, perCapita: 9000, medicalSelfPay: 8000, note: '住院自付' });
    expect((await jiazhai.get(`/api/households/${await householdId('INC1001')}`)).json().version).toBe(version + 1);
  });

  test('bad income rows are reported with sheet, row, column, value and a Chinese reason, the same in both modes', async () => {
    const shizhuang = await login(ctx.app, 'shizhuang');
    const other = await shizhuang.post('/api/households', { code: 'INC2900', areaId: ctx.seed.areaByName.get('石庄行政村')!.id, type: 'lifted' });
    expect(other.statusCode, other.body).toBe(201);
    const members = [
      row({ 户编号: 'INC2001', 姓名: '甲', 证件号码: newId('19800101') }),
      row({ 户编号: 'INC2003', 姓名: '乙', 证件号码: '4.11602E+17' }),
    ];
    const incomes = [
      incomeRow({ 户编号: 'INC2001', 工资性收入: -5 }),
      incomeRow({ 户编号: 'INC2001', 年度: y - 1, 家庭经营性收入: '五千' }),
      incomeRow({ 户编号: 'INC2001', 年度: y - 2, 财产性收入: 12.345 }),
      incomeRow({ 户编号: 'INC2001', 年度: y - 3, 转移性收入: null }),
      incomeRow({ 户编号: 'INC2001', 年度: thisYear + 1 }),
      incomeRow({ 户编号: 'INC2001', 年度: y - 4 }),
      incomeRow({ 户编号: 'INC2001', 年度: y - 4 }),
      incomeRow({ 户编号: 'NOSUCH01' }),
      incomeRow({ 户编号: 'INC2900' }),
      incomeRow({ 户编号: 'INC2003' }),
    ];
    const file = await workbook({ members, incomes });
    const all = (await upload(jiazhai, file, 'all_or_nothing')).json();
    expect(all).toMatchObject({ rows: 12, isWritten: false, rowsWithErrors: 10, households: { created: 0 }, incomes: { created: 0 } });
    expect(await count('households', sql`code like 'INC20%'`)).toBe(0);
    const incomeErrors = all.errors.filter((e: { sheet: string }) => e.sheet === '家庭收入');
    expect(incomeErrors.map((e: { row: number; column: string; value: string; message: string }) => [e.row, e.column, e.value, e.message])).toEqual([
      [2, '工资性收入', '-5', '金额不能为负数；没有此项请填 0'],
      [3, '家庭经营性收入', '五千', '金额须为数字（单位：元），如 12000 或 12000.50'],
      [4, '财产性收入', '12.345', '金额最多两位小数（精确到分）'],
      [5, '转移性收入', '', '转移性收入为必填项，没有此项收入请填 0'],
      [6, '年度', String(thisYear + 1), '不能填写未来年份的收入'],
      [8, '年度', String(y - 4), '与第 7 行的户编号和年度重复'],
      [9, '户编号', 'NOSUCH01', '户编号未登记：请在“农户成员”工作表中填写该户成员，或先在系统中登记该户'],
      [10, '户编号', 'INC2900', '该户编号已登记在您管辖范围以外的村'],
      [11, '户编号', 'INC2003', '该户在“农户成员”工作表中的行均有错误（第 3 行起），未能登记，收入未导入'],
    ]);
    // Member sheet first, then the income sheet, each by row.
    expect(all.errors[0]).toMatchObject({ sheet: '农户成员', row: 3, column: '证件号码' });

    const report = await jiazhai.get(`/api/households/import/${all.errorReportId}/errors.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const lines = wb.worksheets[0].getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(lines).toContainEqual(['家庭收入', 2, '工资性收入', '-5', '金额不能为负数；没有此项请填 0']);

    // Good rows only: the valid household, member and year are written; the report is the same.
    const good = (await upload(jiazhai, file, 'good_rows')).json();
    expect(good).toMatchObject({ isWritten: true, rowsWithErrors: 10, households: { created: 1 }, members: { created: 1 }, incomes: { created: 1, updated: 0 } });
    expect(good.errors).toEqual(all.errors);
    expect((await incomesOf('INC2001')).map((i) => [i.year, i.perCapita])).toEqual([[y - 4, 16000]]);
  });

  test('an income-only workbook updates registered households; the size is the members, or as given; no members is refused', async () => {
    const members = [0, 1, 2].map((k) => row({ 户编号: 'INC3001', 姓名: `成员${k}`, 证件号码: newId(`1990010${k + 1}`), 与户主关系: k ? '之子' : '户主' }));
    expect((await upload(jiazhai, await workbook({ members }), 'all_or_nothing')).json()).toMatchObject({ members: { created: 3 }, incomes: { created: 0 } });
    const areaId = ctx.seed.areaByName.get('贾寨行政村')!.id;
    expect((await jiazhai.post('/api/households', { code: 'INC3002', areaId, type: 'ordinary' })).statusCode).toBe(201);

    // No member sheet at all.
    let res = await upload(jiazhai, await workbook({ incomes: [incomeRow({ 户编号: 'INC3001' })] }), 'all_or_nothing');
    expect(res.json()).toMatchObject({ rows: 1, isWritten: true, households: { created: 0, updated: 0 }, incomes: { created: 1 } });
    // The template's member sheet left with its header only; a size given for an earlier year.
    res = await upload(
      jiazhai,
      await workbook({ members: [], incomes: [incomeRow({ 户编号: 'INC3001', 年度: y - 1, 家庭人数: 4 }), incomeRow({ 户编号: 'INC3002' })] }),
      'good_rows',
    );
    expect(res.json()).toMatchObject({ rows: 2, rowsWithErrors: 1, incomes: { created: 1 } });
    expect(res.json().errors).toEqual([
      { sheet: '家庭收入', row: 3, column: '家庭人数', value: '', message: '该户没有在册成员，无法计算人均纯收入：请在“农户成员”工作表中填写成员，或填写家庭人数' },
    ]);
    // 15,999.75 / 3 = 5,333.25 → 5,333; / 4 = 3,999.94 → 4,000.
    expect((await incomesOf('INC3001')).map((i) => [i.year, i.householdSize, i.perCapita])).toEqual([[y, 3, 5333], [y - 1, 4, 4000]]);
  });

  test('streamed in batches, with the income sheet first in the file: incomes of households new in the file wait for the members', async () => {
    const jiazhaiUser = {
      id: rowsOf<{ id: number }>(await ctx.db.execute(sql`select id from users where username = 'jiazhai'`))[0].id,
      username: 'jiazhai',
      role: 'village_cadre',
      areaPrefix: rowsOf<{ code: string }>(await ctx.db.execute(sql`select code from areas where name = '贾寨行政村'`))[0].code,
    } as unknown as Parameters<typeof importHouseholds>[2];
    const codes = ['INC4001', 'INC4002', 'INC4003'];
    const members = codes.map((code, k) => row({ 户编号: code, 姓名: `户主${k}`, 证件号码: newId(`1960030${k + 1}`) }));
    const incomes = [...codes.map((code) => incomeRow({ 户编号: code })), incomeRow({ 户编号: 'INC4001' })];
    const run = async (rows: TCell[][], mode: 'all_or_nothing' | 'good_rows') =>
      importHouseholds(ctx.db, ctx.storage, jiazhaiUser, Readable.from(await workbook({ members, incomes: rows, isIncomeFirst: true })), mode, { batchRows: 2 });

    let res = await run(incomes, 'all_or_nothing');
    expect(res).toMatchObject({ rows: 7, isWritten: false, rowsWithErrors: 1, incomes: { created: 0 } });
    expect(res.errors).toEqual([{ sheet: '家庭收入', row: 5, column: '年度', value: String(y), message: '与第 2 行的户编号和年度重复' }]);
    expect(await count('households', sql`code like 'INC40%'`)).toBe(0);

    res = await run(incomes.slice(0, 3), 'all_or_nothing');
    expect(res).toMatchObject({ rows: 6, isWritten: true, rowsWithErrors: 0, households: { created: 3 }, members: { created: 3 }, incomes: { created: 3 } });
    for (const code of codes) expect((await incomesOf(code)).map((i) => [i.householdSize, i.perCapita])).toEqual([[1, 16000]]);
  });

  test('income columns on the member sheet are refused; an income sheet without its headers is reported, the members still import', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('农户成员');
    ws.addRow([...IMPORT_COLUMNS.map((c) => c.header), '工资性收入', '转移性收入']);
    ws.addRow([...row({ 户编号: 'INC5001', 证件号码: newId('19820101') }), 12000, 800]);
    let res = await upload(jiazhai, Buffer.from(await wb.xlsx.writeBuffer()), 'good_rows');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('请将收入填在“家庭收入”工作表');
    expect(await count('households', sql`code = 'INC5001'`)).toBe(0);

    res = await upload(
      jiazhai,
      await workbook({ members: [row({ 户编号: 'INC5002', 证件号码: newId('19820202') })], incomes: [['INC5002', y, 1000]], incomeHeaders: ['户编号', '年度', '工资性收入'] }),
      'good_rows',
    );
    expect(res.json()).toMatchObject({ isWritten: true, rowsWithErrors: 1, members: { created: 1 }, incomes: { created: 0 } });
    expect(res.json().errors.map((e: { sheet: string; row: number; column: string }) => [e.sheet, e.row, e.column])).toEqual([
      ['家庭收入', 1, '家庭经营性收入'], ['家庭收入', 1, '生产经营费用'], ['家庭收入', 1, '财产性收入'], ['家庭收入', 1, '转移性收入'],
    ]);
  });

  test('amounts: numbers or text in yuan, up to two decimals, never negative', () => {
    expect(parseYuan('12,000.50')).toBe(12000.5);
    expect(parseYuan('１２０００')).toBe(12000);
    expect(parseYuan('3600元')).toBe(3600);
    expect(parseYuan(String(0.1 + 0.2))).toBe(0.3);
    expect(parseYuan('0')).toBe(0);
    expect(() => parseYuan('abc')).toThrow('金额须为数字');
    expect(() => parseYuan('-0.01')).toThrow('不能为负数');
    expect(() => parseYuan('1.234')).toThrow('最多两位小数');
    expect(() => parseYuan('200000000')).toThrow('金额过大');
  });
});
