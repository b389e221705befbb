/**
 * Measures of the 数字城管 loop per unit (or per place) for a period, and a score with
 * configurable deductions. Pure: the server computes the same counts in SQL (see
 * chuangwen measures repo) and both feed `scoreMeasures`; tests pin the two together.
 *
 * Definitions, for a period P = [start, end) and cutoff = min(end, now). Cancelled (撤销)
 * cases and cases without a responsible unit are left out of everything. The columns of the
 * case row (deadline after approved extensions, closed_at, return and extension counters,
 * assigned_at = latest assignment, submitted_at = latest submission) are taken as they stand.
 *
 * - 应结案数 `due`: cases whose deadline falls in P, or that were closed (销号) in P.
 *   A case closed in P although its deadline was earlier still counts: it was settled here.
 * - 结案数 `closed`: due cases closed before the end of P.
 * - 按期结案数 `closedOnTime`: of those, closed no later than their deadline.
 * - 返工 `returned`: due cases returned at least once after failed verification.
 * - 延期 `extended`: due cases whose deadline was extended at least once.
 * - 超期数 `overdue`: cases found before the cutoff whose deadline passed before the cutoff and
 *   that were not closed by then — whatever period their deadline fell in (carried over).
 * - 平均整改用时 `avgRectifyHours`: over closed due cases, latest assignment → latest submission.
 * - 结案率 = closed/due, 按期结案率 = closedOnTime/due, 返工率 = returned/due,
 *   延期率 = extended/due; null when nothing was due.
 * - Score = max(0, 100 − deductions). Per due case returned `returnedManyThreshold` times or
 *   more: `perReturnedMany`; returned fewer (≥1) times: `perReturned`; per overdue case:
 *   `perOverdue`. A case whose source is in `doubleSources` weighs `doubleWeight`.
 */
import type { TCaseStatus } from '../case-machine.js';

/** Deductions of the score; an administrator edits them (settings 'chuangwen.measures'). */
export interface TMeasureSettings {
  perReturned: number;
  perReturnedMany: number;
  returnedManyThreshold: number;
  perOverdue: number;
  /** Case sources that weigh double (领导交办, and media exposure once it is a source). */
  doubleSources: string[];
  doubleWeight: number;
}

/** The example deductions of domain.md: 0.2 per returned case, 0.5 when returned ≥3 times, 1 per overdue case, leader cases double. */
export const DEFAULT_MEASURE_SETTINGS: TMeasureSettings = {
  perReturned: 0.2,
  perReturnedMany: 0.5,
  returnedManyThreshold: 3,
  perOverdue: 1,
  doubleSources: ['leader'],
  doubleWeight: 2,
};

/** One case as the measures see it. */
export interface TMeasureCase {
  groupId: number;
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

/** The period [start, end) and the moment the measures are taken. */
export interface TMeasurePeriod {
  start: Date;
  end: Date;
  now: Date;
}

/** Raw counts of one group; SQL returns exactly these columns. */
export interface TMeasureCounts {
  groupId: number;
  due: number;
  closed: number;
  closedOnTime: number;
  returned: number;
  extended: number;
  overdue: number;
  rectifyHoursSum: number;
  rectifyCount: number;
  /** Weighted count of due cases returned 1 … threshold−1 times. */
  wReturned: number;
  /** Weighted count of due cases returned threshold times or more. */
  wReturnedMany: number;
  /** Weighted count of overdue cases. */
  wOverdue: number;
}

/** The measures of one group as shown: counts, rates (0..1), score and rank. */
export interface TGroupMeasures {
  groupId: number;
  name: string;
  due: number;
  closed: number;
  closedOnTime: number;
  returned: number;
  extended: number;
  overdue: number;
  closeRate: number | null;
  onTimeRate: number | null;
  returnRate: number | null;
  extensionRate: number | null;
  avgRectifyHours: number | null;
  deductions: number;
  score: number;
  rank: number;
}

const t = (d: Date | null) => (d ? d.getTime() : null);

function emptyCounts(groupId: number): TMeasureCounts {
  return {
    groupId,
    due: 0,
    closed: 0,
    closedOnTime: 0,
    returned: 0,
    extended: 0,
    overdue: 0,
    rectifyHoursSum: 0,
    rectifyCount: 0,
    wReturned: 0,
    wReturnedMany: 0,
    wOverdue: 0,
  };
}

/** Counts per group from case rows, by the definitions above. */
export function countMeasures(rows: readonly TMeasureCase[], period: TMeasurePeriod, settings: TMeasureSettings): TMeasureCounts[] {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const cutoff = Math.min(end, period.now.getTime());
  const groups = new Map<number, TMeasureCounts>();
  for (const c of rows) {
    if (c.status === 'cancelled') continue;
    const deadline = t(c.deadline);
    const closedAt = c.status === 'closed' ? t(c.closedAt) : null;
    const weight = settings.doubleSources.includes(c.source) ? settings.doubleWeight : 1;
    const isDue = (deadline != null && deadline >= start && deadline < end) || (closedAt != null && closedAt >= start && closedAt < end);
    const isOverdue =
      deadline != null && deadline < cutoff && c.foundAt.getTime() < cutoff && !(closedAt != null && closedAt < cutoff);
    if (!isDue && !isOverdue) continue;
    let g = groups.get(c.groupId);
    if (!g) {
      g = emptyCounts(c.groupId);
      groups.set(c.groupId, g);
    }
    if (isOverdue) {
      g.overdue++;
      g.wOverdue += weight;
    }
    if (!isDue) continue;
    g.due++;
    if (c.returnCount >= 1) {
      g.returned++;
      if (c.returnCount >= settings.returnedManyThreshold) g.wReturnedMany += weight;
      else g.wReturned += weight;
    }
    if (c.extensionCount >= 1) g.extended++;
    if (closedAt != null && closedAt < end) {
      g.closed++;
      if (deadline == null || closedAt <= deadline) g.closedOnTime++;
      const assigned = t(c.assignedAt);
      const submitted = t(c.submittedAt);
      if (assigned != null && submitted != null && submitted >= assigned) {
        g.rectifyHoursSum += (submitted - assigned) / 3600_000;
        g.rectifyCount++;
      }
    }
  }
  return [...groups.values()];
}

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The score's deductions for one group's counts. */
export function deductionsOf(c: TMeasureCounts, s: TMeasureSettings): number {
  return round2(c.wReturned * s.perReturned + c.wReturnedMany * s.perReturnedMany + c.wOverdue * s.perOverdue);
}

/**
 * Rates, score and ranking from counts. Ranked by score, then 按期结案率, then 结案率
 * (a group with nothing due ranks after one with a rate); equal keys share a rank (1, 1, 3).
 */
export function scoreMeasures(
  counts: readonly TMeasureCounts[],
  names: ReadonlyMap<number, string>,
  settings: TMeasureSettings,
): TGroupMeasures[] {
  const rows = counts.map((c) => {
    const deductions = deductionsOf(c, settings);
    return {
      groupId: c.groupId,
      name: names.get(c.groupId) ?? `#${c.groupId}`,
      due: c.due,
      closed: c.closed,
      closedOnTime: c.closedOnTime,
      returned: c.returned,
      extended: c.extended,
      overdue: c.overdue,
      closeRate: ratio(c.closed, c.due),
      onTimeRate: ratio(c.closedOnTime, c.due),
      returnRate: ratio(c.returned, c.due),
      extensionRate: ratio(c.extended, c.due),
      avgRectifyHours: c.rectifyCount > 0 ? Math.round((c.rectifyHoursSum / c.rectifyCount) * 10) / 10 : null,
      deductions,
      score: round2(Math.max(0, 100 - deductions)),
      rank: 0,
    };
  });
  const key = (r: TGroupMeasures) => [r.score, r.onTimeRate ?? -1, r.closeRate ?? -1] as const;
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return a.name.localeCompare(b.name, 'zh-CN');
  });
  rows.forEach((r, i) => {
    const prev = rows[i - 1];
    r.rank = prev && key(prev).every((v, j) => v === key(r)[j]) ? prev.rank : i + 1;
  });
  return rows;
}

/** Age buckets of open cases on the 清零 board, by days since found. */
export const AGE_BUCKETS = ['lt3', 'd3to7', 'd7to14', 'gt14'] as const;
export type TAgeBucket = (typeof AGE_BUCKETS)[number];
export const AGE_BUCKET_LABELS: Record<TAgeBucket, string> = {
  lt3: '3天以内',
  d3to7: '3-7天',
  d7to14: '7-14天',
  gt14: '14天以上',
};

/** The age bucket of a case found at `foundAt`, seen at `now`: [0,3) [3,7) [7,14) [14,∞) days. */
export function ageBucket(foundAt: Date, now: Date): TAgeBucket {
  const days = (now.getTime() - foundAt.getTime()) / 86_400_000;
  if (days < 3) return 'lt3';
  if (days < 7) return 'd3to7';
  if (days < 14) return 'd7to14';
  return 'gt14';
}
