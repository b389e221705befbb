import { describe, expect, test } from 'vitest';
import { checkQuality, type TQualityFacts } from './quality.js';

const clean: TQualityFacts = { identifiedAt: '2023-01-10', riskEliminatedAt: '2023-09-01', riskTypes: ['employment'], hasYuluMeasure: true, members: [{ schoolStatus: 'secondary_vocational', migrantMonths: 6 }] };

describe('data-quality checks', () => {
  test('a clean household has no issue', () => expect(checkQuality(clean)).toEqual([]));
  test('eliminated under six months', () => {
    expect(checkQuality({ ...clean, riskEliminatedAt: '2023-07-09' })).toEqual([expect.objectContaining({ rule: 'early_elimination', message: '2023-01-10 识别、2023-07-09 消除风险，监测不满 6 个月' })]);
    expect(checkQuality({ ...clean, riskEliminatedAt: '2023-07-10' })).toEqual([]);
  });
  test('雨露计划 without a vocational student', () => {
    expect(checkQuality({ ...clean, members: [{ schoolStatus: 'senior', migrantMonths: 6 }] }).map((i) => i.rule)).toEqual(['yulu_without_vocational_student']);
  });
  test('务工就业不稳 while no member works', () => {
    expect(checkQuality({ ...clean, members: [{ schoolStatus: 'higher', migrantMonths: 0 }] }).map((i) => i.rule)).toEqual(['employment_risk_without_worker']);
  });
});
