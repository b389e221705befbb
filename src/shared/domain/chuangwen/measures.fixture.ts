/**
 * A small hand-checked fixture for the measures, used by the pure test and by the SQL test
 * (which inserts the same cases and must find the same numbers). Week of 2026-03-02 (Mon)
 * to 2026-03-08 (Sun); taken on 2026-03-12. Expected numbers are worked out by hand in
 * measures.test.ts, case by case.
 */
import type { TCaseStatus } from '../case-machine.js';

/** Asia/Shanghai wall time in March 2026 unless a month is given: d('03-04 10:00'). */
export const d = (s: string) => new Date(`2026-${s.replace(' ', 'T')}:00+08:00`);

export const FIXTURE_PERIOD = { from: '2026-03-02', to: '2026-03-08', start: d('03-02 00:00'), end: d('03-09 00:00'), now: d('03-12 12:00') };

/** One fixture case: `group` names the unit (or place) it belongs to. */
export interface TFixtureCase {
  key: string;
  group: 'U1' | 'U2' | 'U3' | 'U4';
  status: TCaseStatus;
  source: string;
  foundAt: Date;
  deadline: Date | null;
  closedAt: Date | null;
  assignedAt: Date | null;
  submittedAt: Date | null;
  returnCount: number;
  extensionCount: number;
}

const base = { source: 'inspection', returnCount: 0, extensionCount: 0, assignedAt: null, submittedAt: null, closedAt: null };

export const FIXTURE_CASES: TFixtureCase[] = [
  // U1 — A: closed on time; 48 h to rectify.
  { ...base, key: 'A', group: 'U1', status: 'closed', foundAt: d('03-02 08:00'), deadline: d('03-04 18:00'), closedAt: d('03-04 12:00'), assignedAt: d('03-02 09:00'), submittedAt: d('03-04 09:00') },
  // B: leader case, returned once, closed late; 96 h.
  { ...base, key: 'B', group: 'U1', status: 'closed', source: 'leader', foundAt: d('03-03 07:00'), deadline: d('03-05 18:00'), closedAt: d('03-07 10:00'), assignedAt: d('03-03 08:00'), submittedAt: d('03-07 08:00'), returnCount: 1 },
  // C: returned 3 times, extended, still open past its deadline.
  { ...base, key: 'C', group: 'U1', status: 'rectifying', foundAt: d('03-01 09:00'), deadline: d('03-06 18:00'), assignedAt: d('03-01 10:00'), returnCount: 3, extensionCount: 1 },
  // D: deadline in February, closed in the period (late); 240 h.
  { ...base, key: 'D', group: 'U1', status: 'closed', foundAt: d('02-20 09:00'), deadline: d('02-25 18:00'), closedAt: d('03-03 10:00'), assignedAt: d('02-20 10:00'), submittedAt: d('03-02 10:00') },
  // E: leader case, deadline in February, still open: not due, but overdue (weighs 2).
  { ...base, key: 'E', group: 'U1', status: 'returned', source: 'leader', foundAt: d('02-20 09:00'), deadline: d('02-26 18:00'), assignedAt: d('02-20 10:00'), returnCount: 1 },
  // F: deadline after the period: nothing.
  { ...base, key: 'F', group: 'U1', status: 'rectifying', foundAt: d('03-05 09:00'), deadline: d('03-20 18:00'), assignedAt: d('03-05 10:00') },
  // G: cancelled: nothing.
  { ...base, key: 'G', group: 'U1', status: 'cancelled', foundAt: d('03-02 09:00'), deadline: d('03-04 18:00'), closedAt: d('03-03 09:00') },
  // H: due in the period, closed only after it: due, not closed, overdue at period end.
  { ...base, key: 'H', group: 'U1', status: 'closed', foundAt: d('03-06 09:00'), deadline: d('03-08 20:00'), closedAt: d('03-10 09:00'), assignedAt: d('03-06 10:00'), submittedAt: d('03-10 08:00') },
  // U2 — I: on time, 22 h. J: returned once, on time, 82 h.
  { ...base, key: 'I', group: 'U2', status: 'closed', foundAt: d('03-02 10:00'), deadline: d('03-03 12:00'), closedAt: d('03-03 11:00'), assignedAt: d('03-02 11:00'), submittedAt: d('03-03 09:00') },
  { ...base, key: 'J', group: 'U2', status: 'closed', foundAt: d('03-05 07:00'), deadline: d('03-08 23:59'), closedAt: d('03-08 20:00'), assignedAt: d('03-05 08:00'), submittedAt: d('03-08 18:00'), returnCount: 1 },
  // U3 and U4 — one open overdue case each: the same numbers, so they share a rank.
  { ...base, key: 'K', group: 'U3', status: 'rectifying', foundAt: d('03-01 09:00'), deadline: d('03-05 18:00'), assignedAt: d('03-01 10:00') },
  { ...base, key: 'L', group: 'U4', status: 'pending_verify', foundAt: d('03-01 09:00'), deadline: d('03-05 18:00'), assignedAt: d('03-01 10:00'), submittedAt: d('03-05 20:00') },
];
