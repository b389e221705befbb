/**
 * Export of the registry as .xlsx, streamed in keyset batches: sheet 农户 (one row per household)
 * and sheet 农户成员 in the import template's columns (so an unmasked export can be re-imported).
 * ID numbers and phones are masked unless the caller may and asks to reveal them; the route
 * audits every unmasked export.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { maskIdNumber, maskPhone } from '../../../shared/domain/households/id-number.js';
import {
  EDUCATION_LABELS,
  HEALTH_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LABOUR_SKILL_LABELS,
  MONITORING_CATEGORY_LABELS,
  RELATION_LABELS,
  RISK_TYPE_LABELS,
  SCHOOL_STATUS_LABELS,
  WATER_STATUS_LABELS,
} from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import type { TSessionUser } from '../../lib/types.js';
import { IMPORT_COLUMNS } from './households.import.js';
import * as repo from './households.repo.js';

const BATCH = 2000;
const label = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : '');
const yesNo = (b: boolean | null) => (b == null ? '' : b ? '是' : '否');

/** Counts of what an export wrote, for the audit entry. */
export interface TExportCounts {
  households: number;
  members: number;
}

/** Writes the workbook to `out` (a stream the reply sends) and ends it. */
export async function writeHouseholdExport(
  db: Db,
  user: TSessionUser,
  opts: { reveal: boolean; areaPrefix: string | null },
  out: Writable,
): Promise<TExportCounts> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const phone = (p: string | null) => (opts.reveal ? (p ?? '') : (maskPhone(p) ?? ''));
  const counts: TExportCounts = { households: 0, members: 0 };

  type TBatch = Awaited<ReturnType<typeof repo.loadExportBatch>>;
  const eachBatch = async (fn: (b: TBatch) => void) => {
    let afterId = 0;
    for (;;) {
      const batch = await repo.loadExportBatch(db, user, { areaPrefix: opts.areaPrefix, afterId, limit: BATCH });
      if (!batch.households.length) return;
      afterId = batch.households[batch.households.length - 1].id;
      fn(batch);
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
  await wb.commit();
  return counts;
}
