/**
 * Working days in Asia/Shanghai. Mon–Fri are workdays unless the official calendar says
 * otherwise: holidays turn weekdays off, 调休 turns weekend days on. The calendar is data
 * (table calendar_days, updated by an administrator each year), passed in as `overrides`.
 * Pure: no I/O, no Node APIs, no dependence on the server's time zone.
 */

/** Dates (YYYY-MM-DD) whose status differs from Mon–Fri: true = workday, false = day off. */
export type TCalendarOverrides = ReadonlyMap<string, boolean>;

/** One row of the official calendar as stored. */
export interface TCalendarDay {
  day: string;
  isWorkday: boolean;
  note: string | null;
}

const ZONE_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86_400_000;

/** Builds the override map from calendar rows. */
export function calendarOverrides(rows: readonly { day: string; isWorkday: boolean }[]): TCalendarOverrides {
  return new Map(rows.map((r) => [r.day, r.isWorkday]));
}

/** The zone date (YYYY-MM-DD, Asia/Shanghai) of an instant. */
export function zoneDateOf(d: Date): string {
  return new Date(d.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at which a zone date ends (23:59:59.999 Asia/Shanghai). */
export function zoneEndOfDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + DAY_MS - 1);
}

/** Adds calendar days to a zone date. */
export function shiftDate(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week of a date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** True when `date` is a working day under the official calendar. */
export function isWorkday(date: string, overrides: TCalendarOverrides): boolean {
  const o = overrides.get(date);
  if (o !== undefined) return o;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `start` (a zone date); `start` itself is not counted, so a case
 * found on Friday with 1 working day is due Monday. n = 0 gives `start` (even on a day off).
 * Gives up after ten years of days off, which only a broken calendar could cause.
 */
export function addWorkdays(start: string, n: number, overrides: TCalendarOverrides): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkdays: n must be a non-negative integer, got ${n}`);
  let date = start;
  let left = n;
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new RangeError('addWorkdays: no working day found in ten years');
    date = shiftDate(date, 1);
    if (isWorkday(date, overrides)) left--;
  }
  return date;
}

/** The working days in [from, to] (zone dates, inclusive). */
export function countWorkdays(from: string, to: string, overrides: TCalendarOverrides): number {
  let n = 0;
  for (let d = from; d <= to; d = shiftDate(d, 1)) if (isWorkday(d, overrides)) n++;
  return n;
}

/** A deadline rule: so many clock hours, or so many working days. */
export interface TDeadlineRule {
  value: number;
  unit: 'hours' | 'workdays';
}

/**
 * The deadline of a rule applied at moment `from`:
 * - hours: `from` + value clock hours (urgent problems do not wait for Monday);
 * - workdays: the end (23:59:59.999, Asia/Shanghai) of the value-th working day after `from`'s zone date.
 */
export function deadlineFrom(from: Date, rule: TDeadlineRule, overrides: TCalendarOverrides): Date {
  if (rule.unit === 'hours') return new Date(from.getTime() + rule.value * 3600_000);
  return zoneEndOfDay(addWorkdays(zoneDateOf(from), rule.value, overrides));
}

/** A Chinese label of a deadline rule, e.g. "3个工作日" or "24小时". */
export function deadlineRuleLabel(rule: TDeadlineRule): string {
  return rule.unit === 'hours' ? `${rule.value}小时` : `${rule.value}个工作日`;
}

/**
 * The official 2026 calendar: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
 * 元旦 1/1–1/3, 1/4 上班; 春节 2/15–2/23, 2/14 and 2/28 上班; 清明 4/4–4/6; 劳动节 5/1–5/5,
 * 5/9 上班; 端午 6/19–6/21; 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 and 10/10 上班.
 * Only dates that differ from Mon–Fri are listed (a holiday on a Saturday needs no row).
 */
export const OFFICIAL_CALENDAR_2026: readonly TCalendarDay[] = [
  ...holidays(['2026-01-01', '2026-01-02'], '元旦'),
  { day: '2026-01-04', isWorkday: true, note: '元旦调休上班' },
  { day: '2026-02-14', isWorkday: true, note: '春节调休上班' },
  ...holidays(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'], '春节'),
  { day: '2026-02-28', isWorkday: true, note: '春节调休上班' },
  ...holidays(['2026-04-06'], '清明节'),
  ...holidays(['2026-05-01', '2026-05-04', '2026-05-05'], '劳动节'),
  { day: '2026-05-09', isWorkday: true, note: '劳动节调休上班' },
  ...holidays(['2026-06-19'], '端午节'),
  { day: '2026-09-20', isWorkday: true, note: '国庆节调休上班' },
  ...holidays(['2026-09-25'], '中秋节'),
  ...holidays(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], '国庆节'),
  { day: '2026-10-10', isWorkday: true, note: '国庆节调休上班' },
];

function holidays(days: string[], name: string): TCalendarDay[] {
  return days.map((day) => ({ day, isWorkday: false, note: name }));
}
