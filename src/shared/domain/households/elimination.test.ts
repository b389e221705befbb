import { describe, expect, test } from 'vitest';
import { addMonths, checkElimination, type TEliminationFacts } from './elimination.js';

const ok: TEliminationFacts = {
  today: '2024-06-30',
  identifiedAt: '2023-10-15',
  minMonths: 6,
  deliveredMeasures: 1,
  incomes: [
    { year: 2023, perCapita: 9200 },
    { year: 2022, perCapita: 7600 },
  ],
  lines: { 2022: 7300, 2023: 7500 },
  guarantees: { year: 2023, items: { food_clothing: 'secured', education: 'secured', medical: 'secured', housing: 'secured', water: 'secured' } },
  members: [{ birthDate: '1980-03-01', labourSkill: 'ordinary' }],
};
const unmet = (f: Partial<TEliminationFacts>) => checkElimination({ ...ok, ...f }).criteria.filter((c) => !c.isMet);

describe('elimination criteria', () => {
  test('a household meeting every criterion is eligible', () => {
    const r = checkElimination(ok);
    expect(r.isEligible).toBe(true);
    expect(r.criteria.map((c) => c.message)[2]).toBe('2023 年人均纯收入 9,200 元 ≥ 监测线 7,500 元，2022 年亦达标');
  });
  test('monitored less than six months', () => {
    expect(unmet({ identifiedAt: '2024-01-01' })).toEqual([
      expect.objectContaining({ id: 'monitored_months', message: '2024-01-01 识别，监测未满 6 个月（2024-07-01 起方可消除）' }),
    ]);
    expect(unmet({ identifiedAt: null })[0].id).toBe('monitored_months');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
  });
  test('no delivered measure', () => {
    expect(unmet({ deliveredMeasures: 0 })).toEqual([expect.objectContaining({ id: 'measure_delivered' })]);
  });
  test('income: latest below, previous below, missing line, none', () => {
    expect(unmet({ incomes: [{ year: 2023, perCapita: 7000 }] })[0].message).toBe('2023 年人均纯收入 7,000 元 < 监测线 7,500 元');
    expect(unmet({ incomes: [{ year: 2023, perCapita: 8000 }, { year: 2022, perCapita: 7000 }] })[0].message).toContain('收入尚不稳定');
    expect(unmet({ incomes: [{ year: 2024, perCapita: 8000 }] })[0].message).toBe('尚未设置 2024 年监测线，无法判断收入');
    expect(unmet({ incomes: [] })[0].message).toBe('尚未录入年度收入');
    expect(unmet({ incomes: [{ year: 2023, perCapita: 7500 }] })).toEqual([]);
  });
  test('guarantees: one failed, one missing, none', () => {
    expect(unmet({ guarantees: { year: 2023, items: { ...ok.guarantees!.items, housing: 'not_secured' } } })[0].message).toBe('2023 年核查未保障：住房安全有保障');
    expect(unmet({ guarantees: { year: 2023, items: { food_clothing: 'secured' } } })[0].message).toContain('未核查');
    expect(unmet({ guarantees: null })[0].id).toBe('guarantees_secured');
  });
  test('no working-age labour', () => {
    expect(unmet({ members: [{ birthDate: '1950-01-01', labourSkill: 'ordinary' }, { birthDate: '1985-01-01', labourSkill: 'lost' }] })).toEqual([
      expect.objectContaining({ id: 'labour_present' }),
    ]);
  });
});
