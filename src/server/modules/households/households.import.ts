/**
 * Excel import of households and members (.xlsx), one row per member with the household's
 * columns repeated, as the national system exports them. The file is read with exceljs's
 * streaming reader; every cell is validated (ID numbers normalized where safe, refused
 * otherwise); errors go to a downloadable report (row, column, value, Chinese message).
 * Two modes: `all_or_nothing` writes nothing if any row fails; `good_rows` writes what is valid.
 * Re-importing updates by 户编号 and ID number, so a file imported twice creates no duplicates.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { asText, cellValue, openWorkbookReader } from '../../lib/xlsx.js';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/domain/households/id-number.js';
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
import type { TSessionUser } from '../../lib/types.js';
import * as repo from './households.repo.js';

/** Re-exported: the chunking fix now lives in lib/xlsx.ts. */
export { utf8Chunks } from '../../lib/xlsx.js';

/** The two import modes the user chooses between. */
export const IMPORT_MODES = ['all_or_nothing', 'good_rows'] as const;
/** An import mode. */
export type TImportMode = (typeof IMPORT_MODES)[number];

/** One problem found in the file. */
export interface TImportError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** What an import did. `errorReportId` names the downloadable report when there were errors. */
export interface TImportResult {
  mode: TImportMode;
  rows: number;
  /** False when nothing was written (all-or-nothing with errors). */
  isWritten: boolean;
  households: { created: number; updated: number };
  members: { created: number; updated: number };
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

/** The template's columns, in order; headers are what users see and what the import matches. */
export const IMPORT_COLUMNS: TColumn[] = [
  { header: '户编号', key: 'code', isRequired: true, isHousehold: true, width: 20,
    parse: (t) => { if (!/^[0-9A-Za-z-]{4,32}$/.test(t)) throw new Error('户编号为 4–32 位字母、数字或短横线'); return t; } },
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

/** The import template: the headers, one example row and a note on ID numbers. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农户成员');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['411671001201001', '贾寨行政村', '前寨', '贾寨村前寨 12 号', '13800000000', '脱贫户', '', '张某某', '请填写 18 位证件号码', '户主', '汉族', '初中', '非在校生', '健康', '', '普通劳动力', '6', '是', '是']);
  const notes = wb.addWorksheet('填写说明');
  notes.addRows([
    ['每行一名家庭成员；同一户的各行“户编号”及户信息须一致。'],
    ['“证件号码”列请设为文本格式：以数值保存的 18 位号码会丢失末几位（如 4.11602E+17），无法恢复，导入时将被拒绝。'],
    ['可选值：户类型 ' + Object.values(HOUSEHOLD_TYPE_LABELS).join('、') + '；与户主关系 ' + Object.values(RELATION_LABELS).join('、') + '。'],
    ['重复导入按户编号、证件号码更新，不会产生重复记录。'],
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

/** Rows are read, checked and written this many at a time; the file is never held whole. */
const BATCH_ROWS = 2000;

/**
 * Reads and validates the cells of the file (no database access), yielding batches of rows.
 * Each row carries its own errors; the caller adds them to the report.
 */
async function* readBatches(input: Readable, size = BATCH_ROWS): AsyncGenerator<TRowData[]> {
  let headerMap: (TColumn | undefined)[] | null = null;
  const reader = openWorkbookReader(input);
  let isDataSheetDone = false;
  let missingHeaders: string[] | null = null;
  let batch: TRowData[] = [];
  for await (const ws of reader) {
    // The data sheet is the one whose first row holds the template's headers (sheet order in the
    // zip is not the workbook's order); any other sheet, such as 填写说明, is skipped.
    let sheetHeaders: (TColumn | undefined)[] | null = null;
    let isSkipped = isDataSheetDone;
    for await (const r of ws) {
      if (isSkipped) continue;
      const values = r.values as unknown[];
      if (!sheetHeaders) {
        sheetHeaders = values.map((v) => IMPORT_COLUMNS.find((c) => c.header === asText(cellValue(v)).replace(/\s/g, '')));
        const missing = IMPORT_COLUMNS.filter((c) => c.isRequired && !sheetHeaders!.includes(c)).map((c) => c.header);
        if (missing.length) {
          if (!missingHeaders || missing.length < missingHeaders.length) missingHeaders = missing;
          isSkipped = true;
          continue;
        }
        headerMap = sheetHeaders;
        isDataSheetDone = true;
        continue;
      }
      const household: TParsed = {};
      const member: TParsed = {};
      const errors: TImportError[] = [];
      let isEmpty = true;
      const err = (column: string, value: string, message: string) => errors.push({ row: r.number, column, value, message });
      for (let i = 1; i < sheetHeaders.length; i++) {
        const col = sheetHeaders[i];
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
      if (isEmpty) continue;
      for (const c of IMPORT_COLUMNS) {
        const has = c.key === 'idNumber' ? member.idNumber != null : (c.isHousehold ? household : member)[c.key] != null;
        if (c.isRequired && !has && !errors.some((e) => e.column === c.header)) err(c.header, '', `${c.header}为必填项`);
      }
      batch.push({ row: r.number, household, member, errors });
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (!headerMap) {
    if (missingHeaders) throw new AppError('VALIDATION_FAILED', `表头缺少必填列：${missingHeaders.join('、')}，请使用下载的模板`);
    throw new AppError('VALIDATION_FAILED', '文件中没有数据，请使用下载的模板');
  }
  if (batch.length) yield batch;
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
}

const HOUSEHOLD_COLUMNS = IMPORT_COLUMNS.filter((c) => c.isHousehold);
const HOUSEHOLD_HEADERS = new Set(HOUSEHOLD_COLUMNS.map((c) => c.header));
const ROLLBACK = Symbol('rollback');

/**
 * Runs an import from an .xlsx stream for the caller's scope. The file is read, checked and
 * written in batches; across batches only what the cross-row rules need is kept (per household a
 * summary, the ID numbers seen, head rows whose check needs the whole file, and the errors).
 * `good_rows` writes each batch's good rows as it goes (one transaction per batch);
 * `all_or_nothing` writes inside one transaction that is rolled back at the first error (the rest
 * of the file is still checked, against the database as it was, for the report).
 */
export async function importHouseholds(
  db: Db,
  storage: TStorage,
  user: TSessionUser,
  input: Readable,
  mode: TImportMode,
  o: { batchRows?: number } = {},
): Promise<TImportResult> {
  const errors: TImportError[] = [];
  let rowCount = 0;
  let rowsWithErrors = 0;
  const written = { households: { created: 0, updated: 0 }, members: { created: 0, updated: 0 } };
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

  const fail = (r: TRowData, column: string, value: string, message: string) => r.errors.push({ row: r.row, column, value, message });

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
      if (r.errors.length) {
        rowsWithErrors++;
        for (const e of r.errors) errors.push(e);
      } else if (!householdOf.get(r.household.code as string)?.isBad) good.push(r);
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

  const batches = readBatches(input, o.batchRows)[Symbol.asyncIterator]();
  let isWritten = false;
  if (mode === 'good_rows') {
    for (let b = await batches.next(); !b.done; b = await batches.next()) {
      const good = await check(b.value, db);
      if (good.length) await db.transaction(async (t) => write(good, t as unknown as Db));
    }
    const good = checkPendingHeads();
    if (good.length) await db.transaction(async (t) => write(good, t as unknown as Db));
    isWritten = true;
  } else {
    // One transaction for the whole file. On PGlite (one connection) every query of the import
    // inside it must use its handle; at the first error it is rolled back and the rest of the file
    // is checked outside it, so the database is not held while nothing more will be written.
    try {
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        for (let b = await batches.next(); !b.done; b = await batches.next()) {
          const good = await check(b.value, tx);
          if (errors.length) throw ROLLBACK;
          await write(good, tx);
        }
        const good = checkPendingHeads();
        if (errors.length) throw ROLLBACK;
        await write(good, tx);
      });
      isWritten = true;
    } catch (e) {
      if (e !== ROLLBACK) throw e;
      for (let b = await batches.next(); !b.done; b = await batches.next()) await check(b.value, db);
      checkPendingHeads();
    }
  }

  const result: TImportResult = {
    mode,
    rows: rowCount,
    isWritten,
    households: isWritten ? written.households : { created: 0, updated: 0 },
    members: isWritten ? written.members : { created: 0, updated: 0 },
    rowsWithErrors,
    errors: [],
    errorReportId: null,
  };
  errors.sort((a, b) => a.row - b.row);
  if (errors.length) result.errorReportId = await writeErrorReport(storage, user, errors);
  result.errors = errors.slice(0, 200);
  return result;
}

/** Storage key of a user's error report: only its owner can fetch it. */
export function errorReportKey(user: TSessionUser, reportId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(reportId)) throw new AppError('NOT_FOUND', '错误报告不存在或已过期');
  return `household-imports/${user.id}/${reportId}.xlsx`;
}

async function writeErrorReport(storage: TStorage, user: TSessionUser, errors: TImportError[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
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
