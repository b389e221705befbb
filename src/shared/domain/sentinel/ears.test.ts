import { describe, expect, test } from 'vitest';
import { earsFirstIndex, earsSeries, explainEarsDay, fixedCountAlarm, normalQuantile } from './ears.js';

// Hand-computed: baseline [2,3,2,4,3,2,3] → mean 19/7 = 2.714286, Σ(x−m)² = 3.428571,
// sample sd = √(3.428571 / 6) = 0.755929; z(α = 0.001) = 3.090232.
const WEEK = [2, 3, 2, 4, 3, 2, 3];
const MEAN = 19 / 7;
const SD = 0.755929;
const Z = 3.090232;

describe('normal quantile', () => {
  test('known quantiles', () => {
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('EARS C1', () => {
  test('a jump over the last week alarms, with the baseline, mean, sd and threshold', () => {
    const days = earsSeries([...WEEK, 10, 4], { method: 'C1' });
    expect(days).toHaveLength(9);
    expect(days.slice(0, 7).every((d) => d.alarm === null && d.threshold === null)).toBe(true);
    const d7 = days[7];
    expect(d7.mean).toBeCloseTo(MEAN, 6);
    expect(d7.sd).toBeCloseTo(SD, 5);
    expect(d7.threshold).toBeCloseTo(MEAN + Z * SD, 4); // 5.050
    expect(d7.score).toBeCloseTo((10 - MEAN) / SD, 4); // 9.638
    expect(d7).toMatchObject({ baselineFrom: 0, baselineTo: 6, alarm: true });
    // The next day's baseline holds the jump: 4 is below its threshold.
    expect(days[8].alarm).toBe(false);
    expect(explainEarsDay(d7, 'C1')).toBe('基线第 1–7 天：均值 2.71，标准差 0.76；阈值 5.05；当日 10，超过阈值，预警（C1）');
  });

  test('a count at the threshold does not alarm; above it does', () => {
    const flat = [5, 5, 5, 5, 5, 5, 5];
    // sd = 0 → σ = minSigma (0.5): threshold 5 + 3.090232 × 0.5 = 6.545
    const [, , , , , , , at] = earsSeries([...flat, 6], { method: 'C1' });
    expect(at).toMatchObject({ sd: 0, alarm: false });
    expect(at.threshold).toBeCloseTo(6.545116, 5);
    expect(earsSeries([...flat, 7], { method: 'C1' })[7].alarm).toBe(true);
  });

  test('minSigma governs sparse series: one case after a silent week alarms at 0.25, not at 1', () => {
    const silent = [0, 0, 0, 0, 0, 0, 0, 1];
    expect(earsSeries(silent, { method: 'C1', minSigma: 0.25 })[7].alarm).toBe(true); // threshold 0.773
    expect(earsSeries(silent, { method: 'C1', minSigma: 1 })[7].alarm).toBe(false); // threshold 3.090
    expect(earsSeries(silent, { method: 'C1', minSigma: 1 })[7].threshold).toBeCloseTo(Z, 5);
  });

  test('alpha sets z; a different baseline moves the first day', () => {
    const days = earsSeries([...WEEK, 5], { method: 'C1', alpha: 0.025 }); // z = 1.959964
    expect(days[7].threshold).toBeCloseTo(MEAN + 1.959964 * SD, 4); // 4.196
    expect(days[7].alarm).toBe(true);
    expect(earsSeries([1, 2, 3, 9], { method: 'C1', baseline: 3 }).map((d) => d.alarm)).toEqual([null, null, null, true]);
    expect(earsFirstIndex('C1')).toBe(7);
    expect(earsFirstIndex('C2')).toBe(9);
    expect(earsFirstIndex('C3')).toBe(11);
  });

  test('too short a history answers nothing; bad settings are refused', () => {
    expect(earsSeries([9, 9, 9], { method: 'C1' }).every((d) => d.alarm === null)).toBe(true);
    expect(earsSeries([], { method: 'C3' })).toEqual([]);
    expect(() => earsSeries(WEEK, { method: 'C1', minSigma: 0 })).toThrow(RangeError);
    expect(() => earsSeries(WEEK, { method: 'C1', alpha: 0.6 })).toThrow(RangeError);
    expect(() => earsSeries(WEEK, { method: 'C1', baseline: 1 })).toThrow(RangeError);
  });
});

describe('EARS C2', () => {
  test('the baseline skips the two days before: a rise that began yesterday still alarms today', () => {
    // C1 sees the rise in its baseline (day 8 = 9); C2's baseline is days 0–6.
    const series = [...WEEK, 1, 9, 10];
    const c1 = earsSeries(series, { method: 'C1' });
    const c2 = earsSeries(series, { method: 'C2' });
    expect(c2.slice(0, 9).every((d) => d.alarm === null)).toBe(true);
    expect(c2[9]).toMatchObject({ baselineFrom: 0, baselineTo: 6, alarm: true });
    expect(c2[9].mean).toBeCloseTo(MEAN, 6);
    expect(c2[9].threshold).toBeCloseTo(MEAN + Z * SD, 4);
    // C1 on day 9: baseline days 2–8 = [2,4,3,2,3,1,9], mean 24/7 = 3.428571, sd 2.636737 → threshold 11.577
    expect(c1[9].threshold).toBeCloseTo(24 / 7 + Z * 2.636737, 3);
    expect(c1[9].alarm).toBe(false);
  });
});

describe('EARS C3', () => {
  test('sums the C2 excess over three days and alarms above 2', () => {
    // Days 0–8 quiet; the C2 baselines of days 9–11 (days 0–6, 1–7, 2–8) each hold three 2s,
    // three 3s and a 4, like WEEK; day 12's (days 3–9) is [4,3,2,3,2,3,3].
    const series = [...WEEK, 2, 3, 3, 4, 4, 4];
    const c2 = earsSeries(series, { method: 'C2' });
    const c3 = earsSeries(series, { method: 'C3' });
    expect(c3.slice(0, 11).every((d) => d.alarm === null && d.score === null)).toBe(true);
    const excess = (i: number) => Math.max(0, c2[i].score! - 1);
    expect(c3[11].score).toBeCloseTo(excess(9) + excess(10) + excess(11), 9);
    // Day 9: C2 baseline = WEEK, count 3 → score (3 − 2.714)/0.756 = 0.378 (no excess).
    expect(c2[9].score).toBeCloseTo((3 - MEAN) / SD, 4);
    expect(excess(9)).toBe(0);
    // Days 10 and 11 count 4 over baselines with mean 19/7 and sd 0.756 → score 1.701, excess 0.701 each.
    expect(c2[10].score).toBeCloseTo((4 - MEAN) / SD, 4);
    expect(c3[11].score).toBeCloseTo(2 * ((4 - MEAN) / SD - 1), 4); // 1.402 ≤ 2
    expect(c3[11].alarm).toBe(false);
    // Day 12: mean 20/7, sd 0.690 → score 1.656; 0.701 + 0.701 + 0.656 = 2.058 > 2 → alarm.
    expect(c2[12].mean).toBeCloseTo(20 / 7, 6);
    expect(c3[12].score).toBeCloseTo(2.058, 2);
    expect(c3[12].score).toBeCloseTo(excess(10) + excess(11) + excess(12), 9);
    expect(c3[12].alarm).toBe(true);
    // Its threshold: today alone must add 2 − (before) to cross 2.
    const before = excess(10) + excess(11);
    expect(c3[12].threshold).toBeCloseTo(c2[12].mean! + Math.max(c2[12].sd!, 0.5) * (3 - before), 6);
    expect(explainEarsDay(c3[12], 'C3')).toContain('近 3 天 C2 累积 2.06（超过 2 即预警）');
  });

  test('when the two days before already exceed 2, the day alarms whatever its count (no threshold)', () => {
    const series = [...WEEK, 3, 3, 3, 12, 12, 0];
    const c3 = earsSeries(series, { method: 'C3' });
    expect(c3[12]).toMatchObject({ count: 0, threshold: null, alarm: true });
  });
});

describe('fixed-count rule', () => {
  test('alarms from the limit on', () => {
    expect(fixedCountAlarm(2, 3)).toBe(false);
    expect(fixedCountAlarm(3, 3)).toBe(true);
  });
});
