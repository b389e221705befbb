/**
 * Export of the registry as .xlsx, streamed in keyset batches: sheet 农户 (one row per household),
 * sheet 农户成员 and sheet 家庭收入 in the import template's columns (so an unmasked export can be
 * re-imported, incomes included).
 * ID numbers and phones are masked unless the caller may and asks to reveal them; the route
 * audits every unmasked export.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { maskIdNumber, maskPhone } from '../../../shared/domain/households/id-number.js';
import { EXPORT_TABLE_LABELS, type TExportTable } from '../../../shared/contracts/households-work.js';
import {
  EDUCATION_LABELS,
  GUARANTEE_ITEM_LABELS,
  GUARANTEE_ITEMS,
  HEALTH_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOUR_SKILL_LABELS,
  MEASURE_STATUS_LABELS,
  MEASURE_TYPE_LABELS,
  MONITORING_CATEGORY_LABELS,
  RELATION_LABELS,
  RISK_TYPE_LABELS,
  SCHOOL_STATUS_LABELS,
  WATER_STATUS_LABELS,
} from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import type { TUser } from '../../lib/types.js';
import { IMPORT_COLUMNS, INCOME_COLUMNS, INCOME_SHEET } from './households.import.js';
import * as repo from './households.repo.js';

const BATCH = 2000;
const label = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : '');
const yesNo = (b: boolean | null) => (b == null ? '' : b ? '是' : '否');

/** Counts of what an export wrote, for the audit entry. */
export interface TExportCounts {
  households: number;
  members: number;
  incomes: number;
}

/** Writes the workbook to `out` (a stream the reply sends) and ends it. */
export async function writeHouseholdExport(
  db: Db,
  user: TUser,
  opts: { reveal: boolean; areaPrefix: string | null },
  out: Writable,
): Promise<TExportCounts> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const phone = (p: string | null) => (opts.reveal ? (p ?? '') : (maskPhone(p) ?? ''));
  const counts: TExportCounts = { households: 0, members: 0, incomes: 0 };

  type TBatch = Awaited<ReturnType<typeof repo.loadExportBatch>>;
  const eachBatch = async (fn: (b: TBatch) => void | Promise<void>) => {
    let afterId = 0;
    for (;;) {
      const batch = await repo.loadExportBatch(db, user, { areaPrefix: opts.areaPrefix, afterId, limit: BATCH });
      if (!batch.households.length) return;
      afterId = batch.households[batch.households.length - 1].id;
      await fn(batch);
      if (batch.households.length < BATCH) return;
    }
  };

  // One sheet after the other, each committed before the next: zip entries are sequential, so
  // a second sheet written in parallel would be buffered in memory.
  const hs = wb.addWorksheet('农户');
  hs.columns = [
    '户编号', '行政村', '自然村', '地址', '联系电话', '户类型', '监测对象类别', '风险类型', '人数', '帮扶责任人',
    '住房安全等级', '饮水安全', '识别时间', '风险消除时间',
  ].map((header) => ({ header, width: 14 }));
  await eachBatch((batch) => {
    const size = new Map<number, number>();
    for (const m of batch.members) size.set(m.householdId, (size.get(m.householdId) ?? 0) + 1);
    for (const h of batch.households) {
      hs.addRow([
        h.code, h.areaName, h.hamlet ?? '', h.address ?? '', phone(h.phone), label(HOUSEHOLD_TYPE_LABELS, h.type),
        label(MONITORING_CATEGORY_LABELS, h.monitoringCategory), h.riskTypes.map((r) => label(RISK_TYPE_LABELS, r)).join('、'),
        size.get(h.id) ?? 0, h.cadreName ?? '', h.housingGrade ?? '', label(WATER_STATUS_LABELS, h.drinkingWater),
        h.identifiedAt ?? '', h.riskEliminatedAt ?? '',
      ]).commit();
      counts.households++;
    }
  });
  hs.commit();

  const ms = wb.addWorksheet('农户成员');
  ms.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12, style: { numFmt: '@' } }));
  await eachBatch((batch) => {
    const byId = new Map(batch.households.map((h) => [h.id, h]));
    for (const m of batch.members) {
      const h = byId.get(m.householdId)!;
      ms.addRow({
        code: h.code,
        village: h.areaName,
        hamlet: h.hamlet ?? '',
        address: h.address ?? '',
        phone: phone(h.phone),
        type: label(HOUSEHOLD_TYPE_LABELS, h.type),
        monitoringCategory: label(MONITORING_CATEGORY_LABELS, h.monitoringCategory),
        name: m.name,
        idNumber: opts.reveal ? m.idNumber : maskIdNumber(m.idNumber),
        relation: label(RELATION_LABELS, m.relation),
        ethnicity: m.ethnicity ?? '',
        education: label(EDUCATION_LABELS, m.education),
        schoolStatus: label(SCHOOL_STATUS_LABELS, m.schoolStatus),
        health: label(HEALTH_STATUS_LABELS, m.health),
        disabilityGrade: m.disabilityGrade ? ['', '一级', '二级', '三级', '四级'][m.disabilityGrade] : '',
        labourSkill: label(LABOUR_SKILL_LABELS, m.labourSkill),
        migrantMonths: m.migrantMonths == null ? '' : String(m.migrantMonths),
        hasMedicalInsurance: yesNo(m.hasMedicalInsurance),
        hasCriticalIllnessInsurance: yesNo(m.hasCriticalIllnessInsurance),
      }).commit();
      counts.members++;
    }
  });
  ms.commit();

  const is = wb.addWorksheet(INCOME_SHEET);
  is.columns = INCOME_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  await eachBatch(async (batch) => {
    const codeOf = new Map(batch.households.map((h) => [h.id, h.code]));
    for (const i of await repo.loadIncomesOf(db, batch.households.map((h) => h.id))) {
      is.addRow({
        code: codeOf.get(i.householdId),
        year: i.year,
        wage: i.wage,
        business: i.business,
        productionCost: i.productionCost,
        property: i.property,
        transfer: i.transfer,
        householdSize: i.householdSize,
      }).commit();
      counts.incomes++;
    }
  });
  is.commit();
  await wb.commit();
  return counts;
}

/** How one standard table is read and laid out; rows carry the place and head columns. */
interface TTableSpec<T extends repo.TTablePlace> {
  headers: string[];
  load: (db: Db, user: TUser, o: repo.TTableBatchOptions) => Promise<T[]>;
  /** The keyset key of a row. */
  key: (r: T) => [number, number?];
  cells: (r: T) => (string | number)[];
}

const PLACE_HEADERS = ['县（区）', '乡（镇）', '行政村', '户编号', '户主姓名', '户主证件号码', '联系电话'];
const num = (v: number | null) => (v == null ? '' : Number(v));
const spec = <T extends repo.TTablePlace>(s: TTableSpec<T>) => s as unknown as TTableSpec<repo.TTablePlace>;

const TABLE_SPECS: Record<TExportTable, TTableSpec<repo.TTablePlace>> = {
  monitored: spec({
    headers: [...PLACE_HEADERS, '人数', '监测对象类别', '致贫/返贫风险', '识别时间', '风险是否消除', '消除时间', '收入年度', '人均纯收入（元）', '帮扶责任人'],
    load: repo.loadMonitoredBatch,
    key: (r) => [r.id],
    cells: (r) => [
      r.members, label(MONITORING_CATEGORY_LABELS, r.category), r.riskTypes.map((x) => label(RISK_TYPE_LABELS, x)).join('、'),
      r.identifiedAt ?? '', r.riskEliminatedAt ? '是' : '否', r.riskEliminatedAt ?? '', num(r.incomeYear), num(r.perCapita), r.cadreName ?? '',
    ],
  }),
  measures: spec({
    headers: [...PLACE_HEADERS, '措施类型', '措施内容', '金额（元）', '开始日期', '结束日期', '责任单位', '状态', '已安排资金（元）', '已拨付资金（元）'],
    load: repo.loadMeasuresBatch,
    key: (r) => [r.id],
    cells: (r) => [
      label(MEASURE_TYPE_LABELS, r.type), r.content, num(r.amount), r.startOn, r.endOn ?? '', r.unitName ?? '',
      label(MEASURE_STATUS_LABELS, r.status), num(r.allocated), num(r.paid),
    ],
  }),
  visits: spec({
    headers: [...PLACE_HEADERS, '走访日期', '走访人', '走访情况', '是否发现问题', '督办事项编号', '照片数'],
    load: repo.loadVisitsBatch,
    key: (r) => [r.id],
    cells: (r) => [r.visitedOn, r.visitorName, r.findings, r.hasProblem ? '是' : '否', num(r.caseId), r.photos],
  }),
  guarantees: spec({
    headers: [...PLACE_HEADERS, '年度', ...GUARANTEE_ITEMS.flatMap((i) => [GUARANTEE_ITEM_LABELS[i], `${GUARANTEE_ITEM_LABELS[i]}说明`])],
    load: repo.loadGuaranteesBatch,
    key: (r) => [r.householdId, r.year],
    cells: (r) => [r.year, ...GUARANTEE_ITEMS.flatMap((i) => [r.items[i] ? (r.items[i].status === 'secured' ? '已保障' : '未保障') : '', r.items[i]?.note ?? ''])],
  }),
};

/**
 * Writes one standard table (监测对象表, 帮扶措施表, 走访记录表, 三保障) of the caller's scope to
 * `out` as .xlsx, streamed in keyset batches; ID numbers and phones masked unless `reveal`.
 */
export async function writeTableExport(
  db: Db,
  user: TUser,
  table: TExportTable,
  opts: { reveal: boolean; areaPrefix: string | null },
  out: Writable,
): Promise<{ rows: number }> {
  const spec = TABLE_SPECS[table];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(EXPORT_TABLE_LABELS[table]);
  ws.columns = spec.headers.map((header) => ({ header, width: header.includes('证件') ? 22 : 14, style: { numFmt: '@' } }));
  let after: [number, number?] = [0, 0];
  let rows = 0;
  for (;;) {
    const batch = await spec.load(db, user, { areaPrefix: opts.areaPrefix, after, limit: BATCH });
    for (const r of batch) {
      ws.addRow([
        r.countyName ?? '', r.townshipName ?? '', r.villageName, r.householdCode, r.headName ?? '',
        (opts.reveal ? r.headIdNumber : maskIdNumber(r.headIdNumber)) ?? '', (opts.reveal ? r.phone : maskPhone(r.phone)) ?? '',
        ...spec.cells(r),
      ]).commit();
      rows++;
    }
    if (batch.length < BATCH) break;
    after = spec.key(batch[batch.length - 1]);
  }
  ws.commit();
  await wb.commit();
  return { rows };
}
