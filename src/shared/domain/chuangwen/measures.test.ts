import { describe, expect, test } from 'vitest';
import { FIXTURE_CASES, FIXTURE_PERIOD, d } from './measures.fixture.js';
import { ageBucket, countMeasures, DEFAULT_MEASURE_SETTINGS, scoreMeasures, type TMeasureCase } from './measures.js';

const GROUP_IDS = { U1: 1, U2: 2, U3: 3, U4: 4 } as const;
const NAMES = new Map([
  [1, '周口中原物业服务有限公司'],
  [2, '示范区城市管理局'],
  [3, '文昌社区居民委员会'],
  [4, '人和社区居民委员会'],
]);
const rows: TMeasureCase[] = FIXTURE_CASES.map((c) => ({ ...c, groupId: GROUP_IDS[c.group] }));

/**
 * The expected numbers, by hand (see measures.fixture.ts for each case):
 * U1: due = A B C D H = 5 (E is earlier and open, F later, G cancelled); closed = A B D = 3
 *     (H closed after the period); on time = A = 1; returned = B C = 2; extended = C = 1;
 *     overdue = C E H = 3; rectify hours = (48 + 96 + 240) / 3 = 128.
 *     Deductions: B returned once, leader → 2 × 0.2 = 0.4; C returned 3 times → 0.5;
 *     overdue C 1 + E (leader) 2 + H 1 = 4 × 1 = 4 → 4.9; score 95.1.
 * U2: due 2, closed 2, on time 2, returned 1 (J), overdue 0, hours (22 + 82) / 2 = 52;
 *     deductions 0.2, score 99.8.
 * U3, U4: due 1, closed 0, overdue 1; score 99, both rank 2. U1 ranks 4th.
 */
const expected = {
  1: { due: 5, closed: 3, closedOnTime: 1, returned: 2, extended: 1, overdue: 3, closeRate: 0.6, onTimeRate: 0.2, returnRate: 0.4, extensionRate: 0.2, avgRectifyHours: 128, deductions: 4.9, score: 95.1, rank: 4 },
  2: { due: 2, closed: 2, closedOnTime: 2, returned: 1, extended: 0, overdue: 0, closeRate: 1, onTimeRate: 1, returnRate: 0.5, extensionRate: 0, avgRectifyHours: 52, deductions: 0.2, score: 99.8, rank: 1 },
  3: { due: 1, closed: 0, closedOnTime: 0, returned: 0, extended: 0, overdue: 1, closeRate: 0, onTimeRate: 0, returnRate: 0, extensionRate: 0, avgRectifyHours: null, deductions: 1, score: 99, rank: 2 },
  4: { due: 1, closed: 0, closedOnTime: 0, returned: 0, extended: 0, overdue: 1, closeRate: 0, onTimeRate: 0, returnRate: 0, extensionRate: 0, avgRectifyHours: null, deductions: 1, score: 99, rank: 2 },
};

describe('measures on the hand-checked fixture', () => {
  const result = scoreMeasures(countMeasures(rows, FIXTURE_PERIOD, DEFAULT_MEASURE_SETTINGS), NAMES, DEFAULT_MEASURE_SETTINGS);

  test('every measure of every unit', () => {
    for (const [id, exp] of Object.entries(expected)) {
      expect(result.find((r) => r.groupId === Number(id)), `unit ${id}`).toMatchObject(exp);
    }
  });

  test('ranking: by score, ties share a rank, names break ties in display order', () => {
    expect(result.map((r) => [r.name, r.rank])).toEqual([
      ['示范区城市管理局', 1],
      ['人和社区居民委员会', 2],
      ['文昌社区居民委员会', 2],
      ['周口中原物业服务有限公司', 4],
    ]);
  });

  test('deductions are settings: leader cases no longer double, overdue 2 points', () => {
    const s = { ...DEFAULT_MEASURE_SETTINGS, doubleSources: [], perOverdue: 2 };
    const u1 = scoreMeasures(countMeasures(rows, FIXTURE_PERIOD, s), NAMES, s).find((r) => r.groupId === 1)!;
    // B 0.2 + C 0.5 + overdue 3 × 2 = 6.7
    expect(u1).toMatchObject({ deductions: 6.7, score: 93.3 });
  });

  test('a period still running measures overdue at now, not at its end', () => {
    const running = { ...FIXTURE_PERIOD, now: d('03-06 12:00') };
    const ce = FIXTURE_CASES.filter((c) => c.key === 'C' || c.key === 'E').map((c) => ({ ...c, groupId: 1 }));
    const u1 = countMeasures(ce, running, DEFAULT_MEASURE_SETTINGS)[0];
    // C's deadline (03-06 18:00) has not passed yet; E's has.
    expect(u1).toMatchObject({ due: 1, overdue: 1, wOverdue: 2 });
  });

  test('nothing due gives null rates, not zero', () => {
    const [only] = scoreMeasures(
      countMeasures(FIXTURE_CASES.filter((c) => c.key === 'E').map((c) => ({ ...c, groupId: 1 })), FIXTURE_PERIOD, DEFAULT_MEASURE_SETTINGS),
      NAMES,
      DEFAULT_MEASURE_SETTINGS,
    );
    expect(only).toMatchObject({ due: 0, overdue: 1, closeRate: null, onTimeRate: null, score: 98 });
  });
});

describe('age buckets of the 清零 board', () => {
  const now = d('03-15 12:00');
  test.each([
    ['03-15 11:00', 'lt3'],
    ['03-12 12:01', 'lt3'],
    ['03-12 12:00', 'd3to7'],
    ['03-08 12:00', 'd7to14'],
    ['03-01 12:01', 'd7to14'],
    ['03-01 12:00', 'gt14'],
  ])('found %s → %s', (found, bucket) => {
    expect(ageBucket(d(found), now)).toBe(bucket);
  });
});
