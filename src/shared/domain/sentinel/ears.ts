/**
 * Early warning on daily counts: the CDC's EARS C1, C2 and C3 (as R's `surveillance::earsC`
 * computes them), and a fixed-count rule. Pure functions, shared by the server (the daily job,
 * the threshold trial) and the web (explaining an alarm).
 *
 * For day t (0-based) and a baseline of B days (default 7):
 * - C1: the baseline is days t−B … t−1; C2: days t−B−2 … t−3 (a gap of two days, so a rise that
 *   started yesterday does not hide in the baseline).
 * - mean and the sample standard deviation (n − 1) of the baseline; σ = max(sd, minSigma);
 *   score = (count − mean) / σ; threshold = mean + z·σ with z = Φ⁻¹(1 − α); alarm when the
 *   count is above the threshold (score > z).
 * - C3: the sum over days t−2 … t of max(0, C2 score − 1); alarm when it is above 2. Its
 *   threshold is the count above which today alone takes the sum over 2 (null when the two days
 *   before already do).
 * No answer before the minimum history: the first day that can alarm is B (C1), B + 2 (C2),
 * B + 4 (C3) — index 7, 9, 11 with the default baseline.
 */

/** The EARS methods. */
export const EARS_METHODS = ['C1', 'C2', 'C3'] as const;
export type TEarsMethod = (typeof EARS_METHODS)[number];

/** Chinese names of the methods. */
export const EARS_METHOD_LABELS: Record<TEarsMethod, string> = {
  C1: 'C1（近 7 天基线）',
  C2: 'C2（间隔 2 天的基线）',
  C3: 'C3（近 3 天 C2 累积）',
};

/** The settings of a series' alarms. */
export interface TEarsSettings {
  method: TEarsMethod;
  /** Baseline length in days (default 7). */
  baseline?: number;
  /** The smallest standard deviation used, so a flat or sparse baseline does not alarm at every case (default 0.5). */
  minSigma?: number;
  /** The false-alarm rate of C1/C2 (default 0.001, z = 3.09). */
  alpha?: number;
}

/** Defaults of the settings. */
export const EARS_DEFAULTS = { baseline: 7, minSigma: 0.5, alpha: 0.001 } as const;

/** C3's limit on its 3-day sum. */
export const C3_LIMIT = 2;

/** One day of a series as the method sees it; nulls before the minimum history. */
export interface TEarsDay {
  index: number;
  count: number;
  /** Baseline mean and sample standard deviation (before minSigma). */
  mean: number | null;
  sd: number | null;
  /** The count above which the day alarms (see the file comment for C3). */
  threshold: number | null;
  /** C1/C2: the standardized count; C3: the 3-day sum. */
  score: number | null;
  /** The first and last day of the baseline. */
  baselineFrom: number | null;
  baselineTo: number | null;
  alarm: boolean | null;
}

/** The standard normal quantile Φ⁻¹(p), 0 < p < 1 (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must lie in (0, 1)');
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  return x;
}

function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
}

/** The first day index the method can answer for, with `baseline` days of baseline. */
export function earsFirstIndex(method: TEarsMethod, baseline: number = EARS_DEFAULTS.baseline): number {
  return method === 'C1' ? baseline : method === 'C2' ? baseline + 2 : baseline + 4;
}

/** C1 (lag 0) or C2 (lag 2) for every day of the series. */
function standardized(counts: readonly number[], lag: number, baseline: number, minSigma: number, z: number): TEarsDay[] {
  return counts.map((count, index) => {
    const to = index - 1 - lag;
    const from = to - baseline + 1;
    if (from < 0) return { index, count, mean: null, sd: null, threshold: null, score: null, baselineFrom: null, baselineTo: null, alarm: null };
    const { mean, sd } = meanSd(counts.slice(from, to + 1));
    const sigma = Math.max(sd, minSigma);
    const score = (count - mean) / sigma;
    return { index, count, mean, sd, threshold: mean + z * sigma, score, baselineFrom: from, baselineTo: to, alarm: score > z };
  });
}

/**
 * The method's answer for every day of `counts` (one entry per count, in order). Settings out of
 * range throw RangeError: baseline ≥ 2, minSigma > 0, 0 < alpha < 0.5.
 */
export function earsSeries(counts: readonly number[], settings: TEarsSettings): TEarsDay[] {
  const baseline = settings.baseline ?? EARS_DEFAULTS.baseline;
  const minSigma = settings.minSigma ?? EARS_DEFAULTS.minSigma;
  const alpha = settings.alpha ?? EARS_DEFAULTS.alpha;
  if (!Number.isInteger(baseline) || baseline < 2) throw new RangeError('baseline must be an integer of at least 2');
  if (!(minSigma > 0)) throw new RangeError('minSigma must be positive');
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError('alpha must lie in (0, 0.5)');
  const z = normalQuantile(1 - alpha);
  if (settings.method === 'C1') return standardized(counts, 0, baseline, minSigma, z);
  const c2 = standardized(counts, 2, baseline, minSigma, z);
  if (settings.method === 'C2') return c2;
  const excess = (d: TEarsDay) => Math.max(0, (d.score as number) - 1);
  return c2.map((d, index) => {
    if (index < earsFirstIndex('C3', baseline)) return { ...d, threshold: null, score: null, alarm: null };
    const before = excess(c2[index - 2]) + excess(c2[index - 1]);
    const score = before + excess(d);
    const sigma = Math.max(d.sd as number, minSigma);
    return { ...d, score, threshold: before > C3_LIMIT ? null : (d.mean as number) + sigma * (C3_LIMIT + 1 - before), alarm: score > C3_LIMIT };
  });
}

/** The fixed-count rule: a day alarms when its count reaches `limit` (one case may be a signal). */
export function fixedCountAlarm(count: number, limit: number): boolean {
  return count >= limit;
}

/** Why a day alarmed (or not), in Chinese with its numbers: for the alarm's text and the trial screen. */
export function explainEarsDay(day: TEarsDay, method: TEarsMethod): string {
  if (day.alarm == null || day.mean == null || day.sd == null) return `历史数据不足，${EARS_METHOD_LABELS[method]}暂不判断`;
  const f = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
  const base = `基线第 ${day.baselineFrom! + 1}–${day.baselineTo! + 1} 天：均值 ${f(day.mean)}，标准差 ${f(day.sd)}`;
  if (method === 'C3') {
    const limit = day.threshold == null ? '前两天累积已超过 2' : `阈值 ${f(day.threshold)}`;
    return `${base}；近 3 天 C2 累积 ${f(day.score!)}（超过 ${C3_LIMIT} 即预警），${limit}；当日 ${day.count}${day.alarm ? '，预警' : ''}`;
  }
  return `${base}；阈值 ${f(day.threshold!)}；当日 ${day.count}${day.alarm ? `，超过阈值，预警（${method}）` : '，未超过阈值'}`;
}
