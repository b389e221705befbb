/**
 * Excel import of households, members and yearly income (.xlsx). Sheet 农户成员 has one row per
 * member with the household's columns repeated, as the national system exports them; sheet
 * 家庭收入 has one row per household and year (see INCOME_COLUMNS for why a sheet of its own).
 * The file is read with exceljs's streaming reader; every cell is validated (ID numbers
 * normalized where safe, refused otherwise); errors go to a downloadable report (sheet, row,
 * column, value, Chinese message). Two modes: `all_or_nothing` writes nothing if any row fails;
 * `good_rows` writes what is valid. Re-importing updates by 户编号, ID number and 户编号 + 年度,
 * so a file imported twice creates no duplicates.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { asText, cellValue, openWorkbookReader } from '../../lib/xlsx.js';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/domain/households/id-number.js';
import { computeIncome, type TIncomeComponents } from '../../../shared/domain/households/income.js';
import {
  EDUCATION_LABELS,
  HEALTH_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOUR_SKILL_LABELS,
  MONITORING_CATEGORY_LABELS,
  RELATION_LABELS,
  SCHOOL_STATUS_LABELS,
} from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import type { TStorage } from '../../lib/storage.js';
import { zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import * as repo from './households.repo.js';

/** Re-exported: the chunking fix now lives in lib/xlsx.ts. */
export { utf8Chunks } from '../../lib/xlsx.js';

/** The two import modes the user chooses between. */
export const IMPORT_MODES = ['all_or_nothing', 'good_rows'] as const;
/** An import mode. */
export type TImportMode = (typeof IMPORT_MODES)[number];

/** The two data sheets of the workbook, as named in the template and the error report. */
export const MEMBER_SHEET = '农户成员';
/** See MEMBER_SHEET. */
export const INCOME_SHEET = '家庭收入';
/** One of the data sheets. */
export type TImportSheet = typeof MEMBER_SHEET | typeof INCOME_SHEET;

/** One problem found in the file. */
export interface TImportError {
  sheet: TImportSheet;
  row: number;
  column: string;
  value: string;
  message: string;
}

/** What an import did. `errorReportId` names the downloadable report when there were errors. */
export interface TImportResult {
  mode: TImportMode;
  /** Data rows read, of both sheets. */
  rows: number;
  /** False when nothing was written (all-or-nothing with errors). */
  isWritten: boolean;
  households: { created: number; updated: number };
  members: { created: number; updated: number };
  /** Years of income (household + 年度) written. */
  incomes: { created: number; updated: number };
  rowsWithErrors: number;
  errors: TImportError[];
  errorReportId: string | null;
}

type TParsed = Record<string, string | number | boolean | null>;

interface TColumn {
  header: string;
  key: string;
  isRequired?: boolean;
  /** Household columns are repeated on every member row and must agree. */
  isHousehold?: boolean;
  width?: number;
  /** Parses a cell's text; throws a Chinese message when it is invalid. */
  parse?: (text: string) => string | number | boolean | null;
}

const byLabel = (labels: Record<string, string>, what: string) => {
  const reverse = new Map(Object.entries(labels).map(([code, label]) => [label, code]));
  return (text: string) => {
    const code = reverse.get(text);
    if (!code) throw new Error(`${what}“${text}”不在可选范围内（${[...reverse.keys()].join('、')}）`);
    return code;
  };
};
const yesNo = (text: string) => {
  if (['是', '已参加', 'Y', '1'].includes(text)) return true;
  if (['否', '未参加', 'N', '0'].includes(text)) return false;
  throw new Error('请填写“是”或“否”');
};

const parseCode = (t: string) => {
  if (!/^[0-9A-Za-z-]{4,32}$/.test(t)) throw new Error('户编号为 4–32 位字母、数字或短横线');
  return t;
};

/** The member sheet's columns, in order; headers are what users see and what the import matches. */
export const IMPORT_COLUMNS: TColumn[] = [
  { header: '户编号', key: 'code', isRequired: true, isHousehold: true, width: 20, parse: parseCode },
  { header: '行政村', key: 'village', isRequired: true, isHousehold: true, width: 16 },
  { header: '自然村', key: 'hamlet', isHousehold: true, width: 12 },
  { header: '地址', key: 'address', isHousehold: true, width: 24 },
  { header: '联系电话', key: 'phone', isHousehold: true, width: 14,
    parse: (t) => { if (!/^[\d\-+ ]{5,20}$/.test(t)) throw new Error('电话号码格式不正确'); return t; } },
  { header: '户类型', key: 'type', isRequired: true, isHousehold: true, width: 10, parse: byLabel(HOUSEHOLD_TYPE_LABELS, '户类型') },
  { header: '监测对象类别', key: 'monitoringCategory', isHousehold: true, width: 16, parse: byLabel(MONITORING_CATEGORY_LABELS, '监测对象类别') },
  { header: '姓名', key: 'name', isRequired: true, width: 10 },
  { header: '证件号码', key: 'idNumber', isRequired: true, width: 22 },
  { header: '与户主关系', key: 'relation', isRequired: true, width: 12, parse: byLabel(RELATION_LABELS, '与户主关系') },
  { header: '民族', key: 'ethnicity', width: 8 },
  { header: '文化程度', key: 'education', width: 12, parse: byLabel(EDUCATION_LABELS, '文化程度') },
  { header: '在校生状况', key: 'schoolStatus', width: 12, parse: byLabel(SCHOOL_STATUS_LABELS, '在校生状况') },
  { header: '健康状况', key: 'health', width: 12, parse: byLabel(HEALTH_STATUS_LABELS, '健康状况') },
  { header: '残疾等级', key: 'disabilityGrade', width: 10,
    parse: (t) => { const g = ['一级', '二级', '三级', '四级'].indexOf(t) + 1 || Number(t); if (![1, 2, 3, 4].includes(g)) throw new Error('残疾等级为一级至四级，无残疾请留空'); return g; } },
  { header: '劳动技能', key: 'labourSkill', width: 16, parse: byLabel(LABOUR_SKILL_LABELS, '劳动技能') },
  { header: '务工时间（月）', key: 'migrantMonths', width: 14,
    parse: (t) => { const n = Number(t); if (!Number.isInteger(n) || n < 0 || n > 12) throw new Error('务工时间为 0–12 的整数'); return n; } },
  { header: '是否参加基本医疗保险', key: 'hasMedicalInsurance', width: 20, parse: yesNo },
  { header: '是否参加大病保险', key: 'hasCriticalIllnessInsurance', width: 16, parse: yesNo },
];

const currentYear = () => Number(zoneDate().slice(0, 4));

/**
 * An amount in yuan: a number cell, or text with thousands separators or a trailing 元; at most
 * two decimals, not negative, at most 100 million (as the income form allows). A number cell
 * computed by a formula may carry binary noise (0.1 + 0.2); within a millionth of a fen it is
 * rounded to the fen, anything else with more decimals is refused rather than silently rounded.
 */
export function parseYuan(text: string): number {
  const t = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/元$/, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) throw new Error('金额须为数字（单位：元），如 12000 或 12000.50');
  const n = Number(t);
  if (n < 0) throw new Error('金额不能为负数；没有此项请填 0');
  if (n > 100_000_000) throw new Error('金额过大（超过 1 亿元），请核对单位是否为元');
  const fen = n * 100;
  if (Math.abs(fen - Math.round(fen)) > 1e-6) throw new Error('金额最多两位小数（精确到分）');
  return Math.round(fen) / 100;
}

const yuanColumn = (header: string, key: string): TColumn => ({ header, key, isRequired: true, width: 16, parse: parseYuan });

/**
 * The income sheet's columns (sheet 家庭收入: one row per household and year, matched by 户编号 +
 * 年度). A sheet of its own rather than columns repeated on every member row, because:
 * - income is a fact of the household and the year, and the county's 收入核算 is done yearly per
 *   household: a clerk fills one row per household, not the same six figures on each member's
 *   row (where one mistyped copy would fail every row of the household);
 * - one file can carry several years (补录 of earlier years), which repeated columns cannot;
 * - the yearly income update needs no member rows: the member sheet may hold only its header;
 * - it streams the same way, in batches of rows, and keeps across batches only the 户编号 + 年度
 *   pairs seen (for duplicates). Income rows are written after the member sheet is done, since
 *   per-capita income divides by the household's members; in the template's sheet order nothing
 *   is held, and in the other order the checked income rows wait for the member sheet.
 * The national system's household tables carry the same five components and 人数.
 */
export const INCOME_COLUMNS: TColumn[] = [
  { header: '户编号', key: 'code', isRequired: true, width: 20, parse: parseCode },
  {
    header: '年度',
    key: 'year',
    isRequired: true,
    width: 8,
    parse: (t) => {
      const m = /^(\d{4})年?$/.exec(t.normalize('NFKC'));
      const year = m ? Number(m[1]) : NaN;
      if (!(year >= 2000 && year <= 2100)) throw new Error('年度为 4 位年份，如 2024');
      if (year > currentYear()) throw new Error('不能填写未来年份的收入');
      return year;
    },
  },
  yuanColumn('工资性收入', 'wage'),
  yuanColumn('家庭经营性收入', 'business'),
  yuanColumn('生产经营费用', 'productionCost'),
  yuanColumn('财产性收入', 'property'),
  yuanColumn('转移性收入', 'transfer'),
  {
    header: '家庭人数',
    key: 'householdSize',
    width: 10,
    parse: (t) => {
      const n = Number(t.normalize('NFKC'));
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error('家庭人数为 1–50 的整数；不填则按该户在册成员数');
      return n;
    },
  },
];
/** Headers only the income sheet has: on the member sheet they would be ignored, so they are refused there. */
const INCOME_AMOUNT_HEADERS = new Set(INCOME_COLUMNS.filter((c) => c.parse === parseYuan).map((c) => c.header));

/** The import template: both data sheets with their headers and an example row each, and the notes. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(MEMBER_SHEET);
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['411671001201001', '贾寨行政村', '前寨', '贾寨村前寨 12 号', '13800000000', '脱贫户', '', '张某某', '请填写 18 位证件号码', '户主', '汉族', '初中', '非在校生', '健康', '', '普通劳动力', '6', '是', '是']);
  // Amounts stay numbers (two decimals shown); 户编号 is text like on the member sheet.
  const inc = wb.addWorksheet(INCOME_SHEET);
  inc.columns = INCOME_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? 12,
    style: { numFmt: c.parse === parseYuan ? '#,##0.00' : c.key === 'code' ? '@' : '0' },
  }));
  inc.getRow(1).font = { bold: true };
  inc.addRow(['411671001201001', currentYear() - 1, 18000, 6000, 1500, 0, 3600, null]);
  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 120;
  notes.addRows([
    [`“${MEMBER_SHEET}”工作表：每行一名家庭成员；同一户的各行“户编号”及户信息须一致。`],
    ['“证件号码”列请设为文本格式：以数值保存的 18 位号码会丢失末几位（如 4.11602E+17），无法恢复，导入时将被拒绝。'],
    ['可选值：户类型 ' + Object.values(HOUSEHOLD_TYPE_LABELS).join('、') + '；与户主关系 ' + Object.values(RELATION_LABELS).join('、') + '。'],
    [`“${INCOME_SHEET}”工作表：每户每个年度一行，按“户编号”和“年度”对应到户；户编号须在“${MEMBER_SHEET}”工作表中或已在系统中登记。`],
    ['收入金额单位为元，最多两位小数，不能为负数；五项收入均须填写，没有某项收入请填 0。'],
    ['家庭纯收入 = 工资性收入 + 家庭经营性收入 − 生产经营费用 + 财产性收入 + 转移性收入；人均纯收入 = 家庭纯收入 ÷ 家庭人数（四舍五入到元），由系统计算，无需填写。'],
    ['“家庭人数”可不填，默认按导入后该户在册成员数；补录往年收入时，请填写当年的家庭人数。'],
    [`只导入收入时，“${MEMBER_SHEET}”工作表保留表头即可。医疗自付等刚性支出和备注请在农户详情页录入，导入收入不会覆盖它们。`],
    ['重复导入按户编号、证件号码、户编号 + 年度更新，不会产生重复记录。'],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}


interface TRowData {
  row: number;
  household: TParsed;
  member: TParsed;
  /** This row's problems (also pushed to the import's error list). */
  errors: TImportError[];
}

/** One row of the income sheet, its cells parsed. */
interface TIncomeRowData {
  row: number;
  /** Null when the cell failed (its error is in `errors`). */
  code: string | null;
  year: number | null;
  /** The five components; complete only when the row has no cell error. */
  amounts: Partial<TIncomeComponents>;
  householdSize: number | null;
  errors: TImportError[];
}

/** What the reader yields: batches of a sheet's rows, and the end of the member sheet. */
type TReadItem =
  | { sheet: typeof MEMBER_SHEET; rows: TRowData[] }
  /** The member sheet is done (or the file has none): every household of the file is known. */
  | { sheet: 'members_end' }
  | { sheet: typeof INCOME_SHEET; rows: TIncomeRowData[] };

/** Rows are read, checked and written this many at a time; the file is never held whole. */
const BATCH_ROWS = 2000;

function parseMemberRow(rowNo: number, values: unknown[], headers: (TColumn | undefined)[]): TRowData | null {
  const household: TParsed = {};
  const member: TParsed = {};
  const errors: TImportError[] = [];
  let isEmpty = true;
  const err = (column: string, value: string, message: string) => errors.push({ sheet: MEMBER_SHEET, row: rowNo, column, value, message });
  for (let i = 1; i < headers.length; i++) {
    const col = headers[i];
    if (!col) continue;
    const raw = cellValue(values[i]);
    const text = asText(raw);
    if (text) isEmpty = false;
    const target = col.isHousehold ? household : member;
    if (col.key === 'idNumber') {
      if (!text && raw == null) continue;
      const id = normalizeIdNumber(typeof raw === 'number' ? raw : text, { today: zoneDate() });
      if (id.ok) {
        member.idNumber = id.value;
        member.sex = id.sex;
        member.birthDate = id.birthDate;
      } else err(col.header, text, id.message);
      continue;
    }
    if (!text) {
      target[col.key] = null;
      continue;
    }
    try {
      target[col.key] = col.parse ? col.parse(text) : text;
    } catch (e) {
      err(col.header, text, (e as Error).message);
    }
  }
  if (isEmpty) return null;
  for (const c of IMPORT_COLUMNS) {
    const has = c.key === 'idNumber' ? member.idNumber != null : (c.isHousehold ? household : member)[c.key] != null;
    if (c.isRequired && !has && !errors.some((e) => e.column === c.header)) err(c.header, '', `${c.header}为必填项`);
  }
  return { row: rowNo, household, member, errors };
}

function parseIncomeRow(rowNo: number, values: unknown[], headers: (TColumn | undefined)[]): TIncomeRowData | null {
  const parsed: TParsed = {};
  const errors: TImportError[] = [];
  let isEmpty = true;
  for (let i = 1; i < headers.length; i++) {
    const col = headers[i];
    if (!col) continue;
    const text = asText(cellValue(values[i]));
    if (!text) continue;
    isEmpty = false;
    try {
      parsed[col.key] = col.parse ? col.parse(text) : text;
    } catch (e) {
      errors.push({ sheet: INCOME_SHEET, row: rowNo, column: col.header, value: text, message: (e as Error).message });
    }
  }
  if (isEmpty) return null;
  for (const c of INCOME_COLUMNS) {
    if (!c.isRequired || parsed[c.key] != null || errors.some((e) => e.column === c.header)) continue;
    const hint = c.parse === parseYuan ? '，没有此项收入请填 0' : '';
    errors.push({ sheet: INCOME_SHEET, row: rowNo, column: c.header, value: '', message: `${c.header}为必填项${hint}` });
  }
  return {
    row: rowNo,
    code: (parsed.code as string | undefined) ?? null,
    year: (parsed.year as number | undefined) ?? null,
    amounts: {
      wage: parsed.wage as number | undefined,
      business: parsed.business as number | undefined,
      productionCost: parsed.productionCost as number | undefined,
      property: parsed.property as number | undefined,
      transfer: parsed.transfer as number | undefined,
    },
    householdSize: (parsed.householdSize as number | undefined) ?? null,
    errors,
  };
}

const headerTexts = (values: unknown[]) => values.map((v) => asText(cellValue(v)).replace(/\s/g, ''));

/**
 * Reads and validates the cells of the file (no database access), yielding batches of rows of the
 * member sheet, then `members_end`, and batches of the income sheet. Each row carries its own
 * errors; the caller adds them to the report. A sheet is recognized by its header row (sheet
 * order in the zip is not the workbook's order): the member sheet has the member headers, the
 * income sheet has 户编号 and 年度; any other sheet, such as 填写说明, is skipped. `members_end`
 * comes when the member sheet ends, or at the end of a file without one.
 */
async function* readSheets(input: Readable, size = BATCH_ROWS): AsyncGenerator<TReadItem> {
  const reader = openWorkbookReader(input);
  let hasMembers = false;
  let hasIncomes = false;
  /** Of sheets that look like a member sheet but lack headers: the fewest missing. */
  let missingHeaders: string[] | null = null;
  for await (const ws of reader) {
    let kind: 'members' | 'incomes' | 'skip' | null = null;
    let headers: (TColumn | undefined)[] = [];
    let members: TRowData[] = [];
    let incomes: TIncomeRowData[] = [];
    for await (const r of ws) {
      if (kind === 'skip') continue;
      const values = r.values as unknown[];
      if (!kind) {
        const texts = headerTexts(values);
        const memberHeaders = texts.map((t) => IMPORT_COLUMNS.find((c) => c.header === t));
        const missing = IMPORT_COLUMNS.filter((c) => c.isRequired && !memberHeaders.includes(c)).map((c) => c.header);
        const incomeHeaders = texts.map((t) => INCOME_COLUMNS.find((c) => c.header === t));
        if (!missing.length) {
          const misplaced = texts.filter((t) => INCOME_AMOUNT_HEADERS.has(t));
          if (misplaced.length) {
            throw new AppError(
              'VALIDATION_FAILED',
              `“${MEMBER_SHEET}”工作表中的收入列（${misplaced.join('、')}）不会导入：请将收入填在“${INCOME_SHEET}”工作表，每户每个年度一行，请使用下载的模板`,
            );
          }
          kind = hasMembers ? 'skip' : 'members';
          hasMembers = true;
          headers = memberHeaders;
        } else if (incomeHeaders.some((c) => c?.key === 'code') && incomeHeaders.some((c) => c?.key === 'year')) {
          const missingIncome = INCOME_COLUMNS.filter((c) => c.isRequired && !incomeHeaders.includes(c));
          kind = hasIncomes ? 'skip' : 'incomes';
          hasIncomes = true;
          headers = incomeHeaders;
          if (kind === 'incomes' && missingIncome.length) {
            // Reported as an error of the header row (the member sheet may be fine); the sheet is skipped.
            kind = 'skip';
            const message = `表头缺少必填列，“${INCOME_SHEET}”工作表未导入，请使用下载的模板`;
            const header: TIncomeRowData = { row: r.number, code: null, year: null, amounts: {}, householdSize: null, errors: [] };
            for (const c of missingIncome) header.errors.push({ sheet: INCOME_SHEET, row: r.number, column: c.header, value: '', message });
            yield { sheet: INCOME_SHEET, rows: [header] };
          }
        } else {
          if (!missingHeaders || missing.length < missingHeaders.length) missingHeaders = missing;
          kind = 'skip';
        }
        continue;
      }
      if (kind === 'members') {
        const row = parseMemberRow(r.number, values, headers);
        if (row) members.push(row);
        if (members.length >= size) {
          yield { sheet: MEMBER_SHEET, rows: members };
          members = [];
        }
      } else {
        const row = parseIncomeRow(r.number, values, headers);
        if (row) incomes.push(row);
        if (incomes.length >= size) {
          yield { sheet: INCOME_SHEET, rows: incomes };
          incomes = [];
        }
      }
    }
    if (kind === 'members') {
      if (members.length) yield { sheet: MEMBER_SHEET, rows: members };
      yield { sheet: 'members_end' };
    }
    if (kind === 'incomes' && incomes.length) yield { sheet: INCOME_SHEET, rows: incomes };
  }
  if (!hasMembers) {
    // A sheet meant for members (it has some of their headers) but unusable is an error even
    // when the file has incomes: skipping it would look like a successful import.
    const isMemberAttempt = missingHeaders && missingHeaders.length < IMPORT_COLUMNS.filter((c) => c.isRequired).length;
    if (isMemberAttempt || (!hasIncomes && missingHeaders)) throw new AppError('VALIDATION_FAILED', `表头缺少必填列：${missingHeaders!.join('、')}，请使用下载的模板`);
    if (!hasIncomes) throw new AppError('VALIDATION_FAILED', '文件中没有数据，请使用下载的模板');
    yield { sheet: 'members_end' };
  }
}

/**
 * The reader's items in the order the import needs them: income batches that come before the end
 * of the member sheet (a workbook whose income sheet is first in the zip) wait for it, since an
 * income row's household and member count are known only then.
 */
async function* membersFirst(items: AsyncGenerator<TReadItem>): AsyncGenerator<TReadItem> {
  let held: TReadItem[] | null = [];
  for await (const item of items) {
    if (held && item.sheet === INCOME_SHEET) held.push(item);
    else yield item;
    if (held && item.sheet === 'members_end') {
      yield* held;
      held = null;
    }
  }
}

/** What the import keeps of a household across batches (not its rows). */
interface THouseholdState {
  /** The household's first row in the file and its household fields (the ones written). */
  firstRow: number;
  household: TParsed;
  /** Its fields failed on the first row: none of its rows is written. */
  isBad: boolean;
  /** Its 户编号 is registered outside the caller's scope (checked before this import wrote anything). */
  isOutOfScope: boolean;
  /** Row of the first 户主 in the file. */
  headRow: number | null;
  /** ID number of the head registered before this import, if any. */
  registeredHead: string | null;
  /** Id once written by this import. */
  id: number | null;
  /** One of its member rows passed every check (so it is, or would be, written). */
  hasGoodRow: boolean;
}

const HOUSEHOLD_COLUMNS = IMPORT_COLUMNS.filter((c) => c.isHousehold);
const HOUSEHOLD_HEADERS = new Set(HOUSEHOLD_COLUMNS.map((c) => c.header));
const ROLLBACK = Symbol('rollback');

/**
 * Runs an import from an .xlsx stream for the caller's scope. The file is read, checked and
 * written in batches; across batches only what the cross-row rules need is kept (per household a
 * summary, the ID numbers seen, head rows whose check needs the whole file, the 户编号 + 年度
 * pairs of the income sheet, and the errors). Incomes are written after the members (see
 * INCOME_COLUMNS). `good_rows` writes each batch's good rows as it goes (one transaction per batch);
 * `all_or_nothing` writes inside one transaction that is rolled back at the first error (the rest
 * of the file is still checked, against the database as it was, for the report).
 */
export async function importHouseholds(
  db: Db,
  storage: TStorage,
  user: TUser,
  input: Readable,
  mode: TImportMode,
  o: { batchRows?: number } = {},
): Promise<TImportResult> {
  const errors: TImportError[] = [];
  let rowCount = 0;
  let rowsWithErrors = 0;
  const written = { households: { created: 0, updated: 0 }, members: { created: 0, updated: 0 }, incomes: { created: 0, updated: 0 } };
  const today = zoneDate();

  // Villages by name, within the caller's scope.
  const villages = new Map<string, { id: number; code: string } | 'ambiguous'>();
  for (const a of await repo.findVillagesInScope(db, user)) villages.set(a.name, villages.has(a.name) ? 'ambiguous' : { id: a.id, code: a.code });

  const householdOf = new Map<string, THouseholdState>();
  /** First row of each ID number in the file; negative when the ID was not registered before the import. */
  const idRow = new Map<string, number>();
  /** ID numbers whose last row in the file says 户主 (or gives no relation). */
  const lastIsHead = new Set<string>();
  /** Head rows of households with another registered head: decided once the whole file is read. */
  const pendingHeads: TRowData[] = [];
  /** First row of each 户编号 + 年度 on the income sheet. */
  const incomeRow = new Map<string, number>();

  const fail = (r: TRowData, column: string, value: string, message: string) => r.errors.push({ sheet: MEMBER_SHEET, row: r.row, column, value, message });

  /** Checks a batch against the file so far and the database (as it was before this import wrote). */
  async function check(batch: TRowData[], h: Db): Promise<TRowData[]> {
    const newCodes = [...new Set(batch.map((r) => r.household.code as string | null).filter((c): c is string => !!c && !householdOf.has(c)))];
    const ids = [...new Set(batch.map((r) => r.member.idNumber as string | undefined).filter((x): x is string => !!x))];
    const existingByCode = new Map((await repo.findHouseholdsByCodes(h, newCodes)).map((x) => [x.code, x]));
    const registeredHead = new Map((await repo.findHeadsByCodes(h, newCodes)).map((x) => [x.code, x.idNumber]));
    const memberById = new Map((await repo.findMembersByIdNumbers(h, ids)).map((m) => [m.idNumber, m]));
    const seenBefore = new Set(ids.filter((id) => idRow.has(id)));

    // Household fields must agree across a household's rows; one head per household; one row per person.
    for (const r of batch) {
      const code = r.household.code as string | null;
      if (code) {
        const st = householdOf.get(code);
        if (!st) {
          const existing = existingByCode.get(code);
          householdOf.set(code, {
            firstRow: r.row,
            household: r.household,
            isBad: false,
            isOutOfScope: !!existing && !existing.areaCode.startsWith(user.areaPrefix),
            headRow: null,
            registeredHead: registeredHead.get(code) ?? null,
            id: null,
            hasGoodRow: false,
          });
        } else {
          for (const c of HOUSEHOLD_COLUMNS) {
            if ((r.household[c.key] ?? null) !== (st.household[c.key] ?? null)) {
              fail(r, c.header, asText(r.household[c.key]), `与第 ${st.firstRow} 行同一户的${c.header}不一致`);
            }
          }
        }
        if (r.member.relation === 'head') {
          const s = householdOf.get(code)!;
          if (s.headRow != null) fail(r, '与户主关系', '户主', `同一户已在第 ${s.headRow} 行登记户主`);
          else s.headRow = r.row;
        }
      }
      const village = r.household.village as string | null;
      if (village) {
        const v = villages.get(village);
        if (!v) fail(r, '行政村', village, '行政村不存在或不在您的管辖范围内');
        else if (v === 'ambiguous') fail(r, '行政村', village, '行政村名称重复，无法确定，请联系管理员');
        else Object.assign(r.household, { areaId: v.id, areaCode: v.code });
      }
      if (r.household.type === 'monitored' && !r.household.monitoringCategory) fail(r, '监测对象类别', '', '监测户须填写监测对象类别');
      if (r.household.type !== 'monitored' && r.household.monitoringCategory) {
        fail(r, '监测对象类别', asText(r.household.monitoringCategory), '只有监测户才有监测对象类别');
      }
      const id = r.member.idNumber as string | undefined;
      if (id) {
        if (idRow.has(id)) fail(r, '证件号码', maskIdNumber(id)!, `与第 ${Math.abs(idRow.get(id)!)} 行的证件号码重复`);
        else idRow.set(id, memberById.has(id) ? r.row : -r.row);
        const rel = r.member.relation;
        if (rel == null || rel === 'head') lastIsHead.add(id);
        else lastIsHead.delete(id);
      }
    }

    // Existing records: a 户编号 elsewhere, or a person registered in another household, is refused.
    for (const r of batch) {
      const code = r.household.code as string | null;
      const st = code ? householdOf.get(code) : undefined;
      if (st?.isOutOfScope) fail(r, '户编号', code!, '该户编号已登记在您管辖范围以外的村');
      const id = r.member.idNumber as string | undefined;
      // An ID first seen in an earlier batch may since have been written by this import: the
      // database then tells nothing about how it was registered before, unless it already was.
      const holder = id && (!seenBefore.has(id) || idRow.get(id)! > 0) ? memberById.get(id) : undefined;
      if (holder && holder.householdCode !== code) {
        fail(r, '证件号码', maskIdNumber(holder.idNumber)!, `该证件号码已登记在户编号 ${holder.householdCode}，迁移请使用“成员迁移”`);
      }
      // A household whose own fields failed on its first row cannot be written; its members neither.
      if (st && st.firstRow === r.row && r.errors.some((e) => HOUSEHOLD_HEADERS.has(e.column))) st.isBad = true;
    }

    // One head per household, counting a registered head unless the file demotes them: that needs
    // the whole file, so such rows wait for the end.
    const done: TRowData[] = [];
    for (const r of batch) {
      const st = r.household.code ? householdOf.get(r.household.code as string) : undefined;
      if (r.member.relation === 'head' && st?.registeredHead && st.registeredHead !== r.member.idNumber) pendingHeads.push(r);
      else done.push(r);
    }
    return settle(done);
  }

  /** Records the rows' errors and returns the rows that can be written. */
  function settle(rows: TRowData[]): TRowData[] {
    const good: TRowData[] = [];
    for (const r of rows) {
      rowCount++;
      const st = householdOf.get(r.household.code as string);
      if (r.errors.length) {
        rowsWithErrors++;
        for (const e of r.errors) errors.push(e);
      } else if (st && !st.isBad) {
        st.hasGoodRow = true;
        good.push(r);
      }
    }
    return good;
  }

  function checkPendingHeads(): TRowData[] {
    for (const r of pendingHeads) {
      const current = householdOf.get(r.household.code as string)!.registeredHead!;
      const isDemoted = idRow.has(current) && !lastIsHead.has(current);
      if (!isDemoted) fail(r, '与户主关系', '户主', `该户已登记户主（证件号码 ${maskIdNumber(current)}），请先修改原户主的与户主关系`);
    }
    return settle(pendingHeads.splice(0));
  }

  /** Writes good rows: their households first (once each, a household only with a valid member). */
  async function write(rows: TRowData[], h: Db) {
    if (!rows.length) return;
    const toWrite = new Map<string, TParsed>();
    for (const r of rows) {
      const code = r.household.code as string;
      const st = householdOf.get(code)!;
      if (st.id == null) toWrite.set(code, st.household);
    }
    if (toWrite.size) {
      const hh = await repo.upsertImportedHouseholds(h, [...toWrite.values()]);
      written.households.created += hh.created;
      written.households.updated += hh.updated;
      for (const code of toWrite.keys()) householdOf.get(code)!.id = hh.idByCode.get(code)!;
    }
    const members = rows.map((r) => ({ ...r.member, householdId: householdOf.get(r.household.code as string)!.id! }));
    const mm = await repo.upsertImportedMembers(h, members, { actorId: user.id, today });
    written.members.created += mm.created;
    written.members.updated += mm.updated;
  }

  /**
   * Checks a batch of income rows against the file's households and the database, and works out
   * each good row's figures with the rule the income form uses (computeIncome over the household
   * size given, or the household's current members once this file's members are written).
   * `isCheckOnly`: nothing is written any more (all-or-nothing after an error), so a household of
   * the file counts as registered when one of its member rows was good.
   */
  async function checkIncomes(batch: TIncomeRowData[], h: Db, isCheckOnly: boolean): Promise<repo.TImportedIncome[]> {
    const fail = (r: TIncomeRowData, column: string, value: string, message: string) =>
      r.errors.push({ sheet: INCOME_SHEET, row: r.row, column, value, message });
    const isWritable = (st: THouseholdState | undefined) => !!st && (isCheckOnly ? st.hasGoodRow && !st.isBad : st.id != null);
    const lookup = [...new Set(batch.map((r) => r.code).filter((c): c is string => !!c && !isWritable(householdOf.get(c))))];
    const registered = new Map((await repo.findHouseholdsByCodes(h, lookup)).map((x) => [x.code, x]));

    const target = new Map<TIncomeRowData, number | null>();
    for (const r of batch) {
      if (r.code && r.year != null) {
        const key = `${r.code}|${r.year}`;
        const first = incomeRow.get(key);
        if (first != null) fail(r, '年度', String(r.year), `与第 ${first} 行的户编号和年度重复`);
        else incomeRow.set(key, r.row);
      }
      if (!r.code) continue;
      const st = householdOf.get(r.code);
      const reg = registered.get(r.code);
      if (st?.isOutOfScope || (reg && !reg.areaCode.startsWith(user.areaPrefix))) fail(r, '户编号', r.code, '该户编号已登记在您管辖范围以外的村');
      else if (isWritable(st)) target.set(r, st!.id);
      else if (reg) target.set(r, reg.id);
      else if (st) fail(r, '户编号', r.code, `该户在“${MEMBER_SHEET}”工作表中的行均有错误（第 ${st.firstRow} 行起），未能登记，收入未导入`);
      else fail(r, '户编号', r.code, `户编号未登记：请在“${MEMBER_SHEET}”工作表中填写该户成员，或先在系统中登记该户`);
    }

    // Household size: as given, or the household's current members (this file's included).
    const toCount = [...new Set([...target].filter(([r, id]) => id != null && r.householdSize == null).map(([, id]) => id!))];
    const members = await repo.countActiveMembersByHousehold(h, toCount);
    const good: repo.TImportedIncome[] = [];
    for (const r of batch) {
      rowCount++;
      const householdId = target.get(r);
      let size = r.householdSize;
      if (!r.errors.length && householdId !== undefined && size == null) {
        size = householdId == null ? null : (members.get(householdId) ?? 0);
        // A household of this file with a good member row would have members (check-only).
        const isInFile = isCheckOnly && householdOf.get(r.code!)?.hasGoodRow;
        if (size === 0 && !isInFile) fail(r, '家庭人数', '', `该户没有在册成员，无法计算人均纯收入：请在“${MEMBER_SHEET}”工作表中填写成员，或填写家庭人数`);
      }
      if (r.errors.length) {
        rowsWithErrors++;
        for (const e of r.errors) errors.push(e);
        continue;
      }
      if (householdId == null || size == null) continue;
      const components = r.amounts as TIncomeComponents;
      const figures = computeIncome(components, size);
      good.push({ householdId, year: r.year!, ...components, householdSize: size, netIncome: figures.netIncome, perCapita: figures.perCapita });
    }
    return good;
  }

  async function writeIncomes(rows: repo.TImportedIncome[], h: Db) {
    if (!rows.length) return;
    const w = await repo.upsertImportedIncomes(h, rows, { actorId: user.id });
    written.incomes.created += w.created;
    written.incomes.updated += w.updated;
  }

  /** Checks one item of the reader; returns the rows that may be written. */
  async function checkItem(item: TReadItem, h: Db, isCheckOnly: boolean) {
    if (item.sheet === MEMBER_SHEET) return { members: await check(item.rows, h), incomes: [] };
    if (item.sheet === 'members_end') return { members: checkPendingHeads(), incomes: [] };
    return { members: [], incomes: await checkIncomes(item.rows, h, isCheckOnly) };
  }
  type TGood = Awaited<ReturnType<typeof checkItem>>;
  const writeGood = async (g: TGood, h: Db) => {
    await write(g.members, h);
    await writeIncomes(g.incomes, h);
  };

  const items = membersFirst(readSheets(input, o.batchRows));
  let isWritten = false;
  if (mode === 'good_rows') {
    for (let b = await items.next(); !b.done; b = await items.next()) {
      const good = await checkItem(b.value, db, false);
      if (good.members.length || good.incomes.length) await db.transaction(async (t) => writeGood(good, t));
    }
    isWritten = true;
  } else {
    // One transaction for the whole file. On PGlite (one connection) every query of the import
    // inside it must use its handle; at the first error it is rolled back and the rest of the file
    // is checked outside it, so the database is not held while nothing more will be written.
    try {
      await db.transaction(async (tx) => {
        for (let b = await items.next(); !b.done; b = await items.next()) {
          const good = await checkItem(b.value, tx, false);
          if (errors.length) throw ROLLBACK;
          await writeGood(good, tx);
        }
      });
      isWritten = true;
    } catch (e) {
      if (e !== ROLLBACK) throw e;
      for (let b = await items.next(); !b.done; b = await items.next()) await checkItem(b.value, db, true);
    }
  }

  const result: TImportResult = {
    mode,
    rows: rowCount,
    isWritten,
    households: isWritten ? written.households : { created: 0, updated: 0 },
    members: isWritten ? written.members : { created: 0, updated: 0 },
    incomes: isWritten ? written.incomes : { created: 0, updated: 0 },
    rowsWithErrors,
    errors: [],
    errorReportId: null,
  };
  const sheetOrder = (e: TImportError) => (e.sheet === MEMBER_SHEET ? 0 : 1);
  errors.sort((a, b) => sheetOrder(a) - sheetOrder(b) || a.row - b.row);
  if (errors.length) result.errorReportId = await writeErrorReport(storage, user, errors);
  result.errors = errors.slice(0, 200);
  return result;
}

/** Storage key of a user's error report: only its owner can fetch it. */
export function errorReportKey(user: TUser, reportId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(reportId)) throw new AppError('NOT_FOUND', '错误报告不存在或已过期');
  return `household-imports/${user.id}/${reportId}.xlsx`;
}

async function writeErrorReport(storage: TStorage, user: TUser, errors: TImportError[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 12 },
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '值', key: 'value', width: 26, style: { numFmt: '@' } },
    { header: '问题', key: 'message', width: 70 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow(e);
  const id = randomUUID();
  await storage.put(errorReportKey(user, id), Buffer.from(await wb.xlsx.writeBuffer()));
  return id;
}
