import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { Readable } from 'node:stream';
import { IMPORT_COLUMNS, importHouseholds, utf8Chunks } from './households.import.js';

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
    expect(wb.worksheets[0].getRow(1).values).toEqual([, '行号', '列', '值', '问题']);
    const find = (rowNo: number, column: string) => lines.find((l) => l[0] === rowNo && l[1] === column);
    expect(find(3, '证件号码')?.[3]).toContain('科学计数法');
    expect(find(3, '证件号码')?.[2]).toBe('4.11602E+17');
    expect(find(4, '证件号码')?.[3]).toContain('无法恢复');
    expect(find(5, '行政村')?.[3]).toBe('行政村不存在或不在您的管辖范围内');
    expect(find(6, '户类型')?.[3]).toContain('不在可选范围内');
    expect(find(7, '姓名')?.[3]).toBe('姓名为必填项');
    expect(find(8, '证件号码')?.[3]).toBe('与第 2 行的证件号码重复');

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

  test('masked by default; unmasked only for PII roles on request, and audited; the member sheet re-imports', async () => {
    const head = newId('19660606');
    await upload(jiazhai, await xlsx([row({ 户编号: 'EXP0001', 姓名: '周一', 证件号码: head })]), 'good_rows');

    let res = await jiazhai.get('/api/households/export.xlsx');
    expect(res.statusCode).toBe(200);
    let wb = await read(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['农户', '农户成员']);
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

    // The unmasked member sheet is the import template: re-importing it creates nothing.
    const again = new ExcelJS.Workbook();
    const sheet = again.addWorksheet('农户成员');
    for (const r of wb.getWorksheet('农户成员')!.getSheetValues().slice(1)) sheet.addRow((r as unknown[]).slice(1));
    const reimport = await upload(jiazhai, Buffer.from(await again.xlsx.writeBuffer()), 'all_or_nothing');
    expect(reimport.statusCode, reimport.body).toBe(200);
    expect(reimport.json()).toMatchObject({ isWritten: true, rowsWithErrors: 0, households: { created: 0 }, members: { created: 0 } });
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

test('the downloaded template, filled in, imports (its 填写说明 sheet is skipped)', async () => {
  const res = await jiazhai.get('/api/households/import/template.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  const idCol = IMPORT_COLUMNS.findIndex((c) => c.header === '证件号码') + 1;
  sheet.getRow(2).getCell(idCol).value = newId('19880808');
  sheet.getRow(2).getCell(1).value = 'TPL0001';
  const up = await upload(jiazhai, Buffer.from(await wb.xlsx.writeBuffer()), 'all_or_nothing');
  expect(up.json()).toMatchObject({ rows: 1, isWritten: true, rowsWithErrors: 0, households: { created: 1 }, members: { created: 1 } });
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
