/**
 * The zone lives in Asia/Shanghai (UTC+8, no daylight saving) whatever the server's clock says.
 * "Today", weeks (from Monday) and deadlines are computed there.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function zoneDate(d: Date = new Date()): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant at which a zone date (YYYY-MM-DD) starts. */
export function zoneDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The instant at which a zone date ends (23:59:59.999). */
export function zoneDayEnd(date: string): Date {
  return new Date(zoneDayStart(date).getTime() + 86_400_000 - 1);
}

/** The Monday (zone date) of the week containing `d`. */
export function zoneWeekStart(d: Date = new Date()): string {
  const date = zoneDate(d);
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = (dow + 6) % 7;
  return addDays(date, -back);
}

/** Adds days to a zone date. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
