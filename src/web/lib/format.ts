/**
 * Dates as the zone reads them: everything is shown in Asia/Shanghai (UTC+8) whatever
 * the phone's clock zone, and deadlines picked as dates mean the end of that zone day.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.locale('zh-cn');

const ZONE_OFFSET_MIN = 8 * 60;

/** A timestamp in zone time, e.g. 2021-11-12 09:30. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).utcOffset(ZONE_OFFSET_MIN).format('YYYY-MM-DD HH:mm');
}

/** A timestamp's zone date, e.g. 2021-11-12. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).utcOffset(ZONE_OFFSET_MIN).format('YYYY-MM-DD');
}

/** The end of the picked zone day as an ISO timestamp with offset (what deadlines mean). */
export function deadlineFromDate(d: Dayjs): string {
  return `${d.format('YYYY-MM-DD')}T23:59:59+08:00`;
}

/** A picked day as YYYY-MM-DD (for list filters). */
export function toDateParam(d: Dayjs | null | undefined): string | undefined {
  return d ? d.format('YYYY-MM-DD') : undefined;
}

/** Whole days (rounded up) a deadline has passed by at `now`; 0 when not passed. */
export function overdueDays(deadline: string | null, now = Date.now()): number {
  if (!deadline) return 0;
  const ms = now - new Date(deadline).getTime();
  return ms > 0 ? Math.ceil(ms / 86_400_000) : 0;
}

/** Days left until a deadline (rounded down), negative when passed. */
export function daysLeft(deadline: string | null, now = Date.now()): number | null {
  if (!deadline) return null;
  return Math.floor((new Date(deadline).getTime() - now) / 86_400_000);
}

/** Today in the zone, for date pickers' lower bound. */
export function zoneToday(): Dayjs {
  return dayjs().utcOffset(ZONE_OFFSET_MIN).startOf('day');
}

/** File sizes in KB/MB. */
export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export { dayjs };
