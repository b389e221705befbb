import { describe, expect, test } from 'vitest';
import {
  addWorkdays,
  calendarOverrides,
  countWorkdays,
  deadlineFrom,
  isWorkday,
  OFFICIAL_CALENDAR_2026,
  zoneDateOf,
} from './workdays.js';

const cal = calendarOverrides(OFFICIAL_CALENDAR_2026);
const none = calendarOverrides([]);

describe('the 2026 official calendar', () => {
  test('every override really differs from Mon–Fri', () => {
    for (const r of OFFICIAL_CALENDAR_2026) expect(isWorkday(r.day, none), r.day).toBe(!r.isWorkday);
  });

  test('调休 Saturday 2026-02-14 is a workday; 春节 weekdays are not', () => {
    expect(isWorkday('2026-02-14', cal)).toBe(true);
    expect(isWorkday('2026-02-16', cal)).toBe(false);
    expect(isWorkday('2026-02-23', cal)).toBe(false);
    expect(isWorkday('2026-02-24', cal)).toBe(true);
  });

  test('February 2026 has 16 working days (20 weekdays − 6 holidays + 2 调休 Saturdays)', () => {
    expect(countWorkdays('2026-02-01', '2026-02-28', cal)).toBe(16);
  });
});

describe('addWorkdays', () => {
  test('Friday + 1 is Monday in an ordinary week; start day not counted', () => {
    expect(addWorkdays('2026-03-06', 1, cal)).toBe('2026-03-09');
    expect(addWorkdays('2026-03-09', 5, cal)).toBe('2026-03-16');
    expect(addWorkdays('2026-03-07', 0, cal)).toBe('2026-03-07');
  });

  test('a 调休 Saturday counts: Friday 02-13 + 1 is Saturday 02-14', () => {
    expect(addWorkdays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-13', 1, none)).toBe('2026-02-16');
  });

  test('the 春节 holiday week is skipped: Friday 02-13 + 2 is Tuesday 02-24', () => {
    expect(addWorkdays('2026-02-13', 2, cal)).toBe('2026-02-24');
  });

  test('the 国庆 week: 09-30 + 1 is 10-08; + 3 lands on the 调休 Saturday 10-10', () => {
    expect(addWorkdays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkdays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkdays('2026-09-18', 1, cal)).toBe('2026-09-20');
  });

  test('refuses a negative or fractional count', () => {
    expect(() => addWorkdays('2026-03-02', -1, cal)).toThrow(RangeError);
    expect(() => addWorkdays('2026-03-02', 1.5, cal)).toThrow(RangeError);
  });
});

describe('deadlineFrom, in Asia/Shanghai', () => {
  test('working days end at 23:59:59.999 Beijing time of the last day', () => {
    const dl = deadlineFrom(new Date('2026-02-13T10:00:00+08:00'), { value: 2, unit: 'workdays' }, cal);
    expect(dl.toISOString()).toBe('2026-02-24T15:59:59.999Z');
  });

  test('the zone date, not the UTC date, is the start: 16:30Z on Friday is Saturday in Beijing', () => {
    const from = new Date('2026-02-13T16:30:00Z');
    expect(zoneDateOf(from)).toBe('2026-02-14');
    expect(deadlineFrom(from, { value: 1, unit: 'workdays' }, cal).toISOString()).toBe('2026-02-24T15:59:59.999Z');
  });

  test('hours are clock hours, holidays or not', () => {
    const dl = deadlineFrom(new Date('2026-02-15T22:00:00+08:00'), { value: 4, unit: 'hours' }, cal);
    expect(dl.toISOString()).toBe(new Date('2026-02-16T02:00:00+08:00').toISOString());
  });
});
