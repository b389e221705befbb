/**
 * Department screening (部门筛查预警): a department's .xlsx list (医保 self-pay, 教育, 民政 低保/特困,
 * 残联, 应急) is read with the shared streaming reader, people are matched to the registry by ID
 * number, and one lead (channel 部门预警) is raised per matched household with the figures that
 * matched. Households already monitored (risk not eliminated) or with a lead in progress are skipped.
 * Columns, matched by header: 姓名, 证件号码 (required), 金额, 说明 (optional).
 */
import type { Readable } from 'node:stream';
import type { TDepartmentImportResult } from '../../../shared/contracts/households-work.js';
import { maskIdNumber, normalizeIdNumber } from '../../../shared/domain/households/id-number.js';
import { DEPARTMENT_SOURCE_LABELS, type TDepartmentSource } from '../../../shared/domain/households/vocab.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { asText, cellValue, openWorkbookReader } from '../../lib/xlsx.js';
import * as repo from './leads.repo.js';
import { raiseLead } from './leads.service.js';

const HEADERS = { name: '姓名', idNumber: '证件号码', amount: '金额', note: '说明' } as const;

interface TRow {
  row: number;
  name: string;
  idNumber: string;
  amount: number | null;
  note: string;
}

async function readList(input: Readable) {
  const errors: TDepartmentImportResult['errors'] = [];
  const rows: TRow[] = [];
  let found = false;
  for await (const ws of openWorkbookReader(input)) {
    let cols: Record<string, number> | null = null;
    for await (const r of ws) {
      if (found && !cols) continue;
      const values = r.values as unknown[];
      if (!cols) {
        const map: Record<string, number> = {};
        values.forEach((v, i) => {
          const t = asText(cellValue(v)).replace(/\s/g, '');
          for (const [k, h] of Object.entries(HEADERS)) if (t === h || (k === 'idNumber' && t === '身份证号码')) map[k] = i;
        });
        if (map.idNumber == null) continue;
        cols = map;
        found = true;
        continue;
      }
      const raw = cellValue(values[cols.idNumber]);
      const text = asText(raw);
      if (!text) continue;
      const id = normalizeIdNumber(typeof raw === 'number' ? raw : text, { today: zoneDate() });
      if (!id.ok) {
        errors.push({ row: r.number, column: HEADERS.idNumber, value: text, message: id.message });
        continue;
      }
      const amountText = cols.amount != null ? asText(cellValue(values[cols.amount])).replace(/,/g, '') : '';
      const amount = amountText ? Number(amountText) : null;
      if (amount != null && !Number.isFinite(amount)) errors.push({ row: r.number, column: HEADERS.amount, value: amountText, message: '金额须为数字' });
      rows.push({
        row: r.number,
        name: cols.name != null ? asText(cellValue(values[cols.name])) : '',
        idNumber: id.value,
        amount: amount != null && Number.isFinite(amount) ? amount : null,
        note: cols.note != null ? asText(cellValue(values[cols.note])) : '',
      });
    }
  }
  if (!found) throw new AppError('VALIDATION_FAILED', '未找到“证件号码”列：表头须包含 姓名、证件号码（可选：金额、说明）', { file: '表头缺少证件号码列' });
  return { rows, errors };
}

/** Imports a department's list for the caller's scope and raises leads. */
export async function importDepartmentList(db: Db, user: TUser, department: TDepartmentSource, input: Readable): Promise<TDepartmentImportResult> {
  const { rows, errors } = await readList(input);
  const matches = await repo.findHouseholdsByIdNumbers(db, [...new Set(rows.map((r) => r.idNumber))]);
  const byId = new Map(matches.filter((m) => m.areaCode.startsWith(user.areaPrefix)).map((m) => [m.idNumber, m]));
  const byHousehold = new Map<number, { match: (typeof matches)[number]; rows: TRow[] }>();
  let unmatched = 0;
  for (const r of rows) {
    const m = byId.get(r.idNumber);
    if (!m) {
      unmatched++;
      continue;
    }
    const g = byHousehold.get(m.householdId) ?? { match: m, rows: [] };
    g.rows.push(r);
    byHousehold.set(m.householdId, g);
  }
  const open = await repo.findHouseholdsWithOpenLeads(db, [...byHousehold.keys()]);
  const monitored = new Set(await repo.findMonitoredHouseholds(db, [...byHousehold.keys()]));
  const label = DEPARTMENT_SOURCE_LABELS[department];
  let raised = 0;
  let skipped = 0;
  const now = new Date();
  await db.transaction(async (t) => {
    for (const [householdId, g] of byHousehold) {
      if (open.has(householdId) || monitored.has(householdId)) {
        skipped += g.rows.length;
        continue;
      }
      const parts = g.rows.map((r) => `${r.name || g.match.name}${r.amount != null ? ` ${r.amount.toLocaleString('en-US')} 元` : ''}${r.note ? `（${r.note}）` : ''}`);
      const numbers: Record<string, number | string> = { 部门: label, 匹配人数: g.rows.length };
      g.rows.forEach((r, i) => {
        numbers[`证件号码${i + 1}`] = maskIdNumber(r.idNumber)!;
        if (r.amount != null) numbers[`金额${i + 1}`] = r.amount;
        numbers[`行号${i + 1}`] = r.row;
      });
      await raiseLead(t, {
        kind: 'identification',
        channel: 'department',
        department,
        householdId,
        personName: g.rows[0].name || g.match.name,
        idNumber: g.rows[0].idNumber,
        phone: null,
        areaId: g.match.areaId,
        areaCode: g.match.areaCode,
        reason: `${label}预警：${parts.join('；')}`,
        numbers,
        raisedAt: now,
        actorId: user.id,
      });
      raised++;
    }
  });
  return { department, rows: rows.length + errors.filter((e) => e.column === HEADERS.idNumber).length, matched: rows.length - unmatched, leadsRaised: raised, skipped, unmatched, errors: errors.slice(0, 200) };
}
