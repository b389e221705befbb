import { describe, expect, test } from 'vitest';
import { computeIncome, formatAmount, formatYuan } from './income.js';

describe('computeIncome', () => {
  test('wage + business − cost + property + transfer, per capita rounded to the yuan', () => {
    const r = computeIncome({ wage: 18000, business: 9000, productionCost: 3000, property: 400, transfer: 2920 }, 4);
    expect(r.netIncome).toBe(27320);
    expect(r.perCapita).toBe(6830);
  });

  test('fen are summed exactly and per capita rounds half up', () => {
    const r = computeIncome({ wage: 0.1, business: 0.2, productionCost: 0, property: 0, transfer: 2.2 }, 1);
    expect(r.netIncome).toBe(2.5);
    expect(r.perCapita).toBe(3);
    expect(computeIncome({ wage: 10001, business: 0, productionCost: 0, property: 0, transfer: 0 }, 3).perCapita).toBe(3334);
  });

  test('a loss-making year gives a negative income', () => {
    const r = computeIncome({ wage: 0, business: 1000, productionCost: 4000, property: 0, transfer: 0 }, 2);
    expect(r).toEqual({ netIncome: -3000, perCapita: -1500 });
  });

  test('a household has at least one member', () => {
    expect(() => computeIncome({ wage: 1, business: 0, productionCost: 0, property: 0, transfer: 0 }, 0)).toThrow(RangeError);
  });

  test('formatAmount: fen only when there are some', () => {
    expect(formatAmount(6830)).toBe('6,830');
    expect(formatAmount(1000.5)).toBe('1,000.50');
    expect(formatAmount(1234567.05)).toBe('1,234,567.05');
    expect(formatAmount(-800.25)).toBe('-800.25');
    expect(formatAmount(0)).toBe('0');
  });
  test('formatYuan', () => {
    expect(formatYuan(6830)).toBe('6,830');
    expect(formatYuan(11250.4)).toBe('11,250');
  });
});
