import { describe, expect, test } from 'vitest';
import { screenHousehold, screeningSettings, SCREENING_RULES, type TScreeningFacts, type TScreeningMember } from './screening.js';

const asOf = '2024-06-01';
const settings = screeningSettings(7500);

function member(over: Partial<TScreeningMember> = {}): TScreeningMember {
  return { name: '张伟', birthDate: '1980-03-01', schoolStatus: 'none', hasMedicalInsurance: true, disabilityGrade: null, labourSkill: 'ordinary', ...over };
}

function facts(over: Partial<TScreeningFacts> = {}): TScreeningFacts {
  return {
    year: 2023,
    asOf,
    householdType: 'ordinary',
    housingGrade: 'A',
    drinkingWater: 'safe',
    members: [member()],
    income: { perCapita: 20000, medicalSelfPay: null, educationCost: null, disasterLoss: null },
    previousIncome: null,
    guarantees: {},
    ...over,
  };
}
const income = (perCapita: number, extra: Partial<NonNullable<TScreeningFacts['income']>> = {}) => ({
  perCapita,
  medicalSelfPay: null,
  educationCost: null,
  disasterLoss: null,
  ...extra,
});

test('a secure household raises no flag', () => {
  expect(screenHousehold(facts(), settings)).toEqual([]);
});

describe('income below the line', () => {
  test('raised with the numbers', () => {
    const f = SCREENING_RULES.income_below_line(facts({ income: income(6830) }), settings);
    expect(f).toEqual({ rule: 'income_below_line', message: '人均纯收入 6,830 元 < 监测线 7,500 元', numbers: { perCapita: 6830, incomeLine: 7500 } });
  });
  test('not raised at or above the line, nor without an income record', () => {
    expect(SCREENING_RULES.income_below_line(facts({ income: income(7500) }), settings)).toBeNull();
    expect(SCREENING_RULES.income_below_line(facts({ income: null }), settings)).toBeNull();
  });
});

describe('income within the margin above the line', () => {
  test('raised between line and line × 1.5', () => {
    const f = SCREENING_RULES.income_near_line(facts({ income: income(9000) }), settings);
    expect(f?.message).toBe('人均纯收入 9,000 元 < 监测线 7,500 元 × 1.5 = 11,250 元');
  });
  test('not raised below the line (the other rule) nor at the margin', () => {
    expect(SCREENING_RULES.income_near_line(facts({ income: income(7000) }), settings)).toBeNull();
    expect(SCREENING_RULES.income_near_line(facts({ income: income(11250) }), settings)).toBeNull();
  });
  test('the margin factor is a setting', () => {
    expect(SCREENING_RULES.income_near_line(facts({ income: income(9000) }), screeningSettings(7500, { marginFactor: 1.2 }))).toBeNull();
  });
});

describe('income drop year on year', () => {
  test('raised over 30 %', () => {
    const f = SCREENING_RULES.income_drop(facts({ income: income(12000), previousIncome: { perCapita: 20000 } }), settings);
    expect(f?.message).toBe('人均纯收入 12,000 元，较上年 20,000 元下降 40% > 30%');
    expect(f?.numbers.dropPercent).toBe(40);
  });
  test('not raised at 30 % or less, or without last year', () => {
    expect(SCREENING_RULES.income_drop(facts({ income: income(14000), previousIncome: { perCapita: 20000 } }), settings)).toBeNull();
    expect(SCREENING_RULES.income_drop(facts({ income: income(1000) }), settings)).toBeNull();
  });
});

describe('两不愁三保障 and water', () => {
  test('吃穿: raised only by a recorded failure', () => {
    expect(SCREENING_RULES.food_clothing(facts({ guarantees: { food_clothing: 'not_secured' } }), settings)?.message).toBe('吃穿：核查结果为未保障');
    expect(SCREENING_RULES.food_clothing(facts({ guarantees: { food_clothing: 'secured' } }), settings)).toBeNull();
  });
  test('义务教育: a school-age child out of school', () => {
    const kid = member({ name: '张小明', birthDate: '2012-01-10', schoolStatus: 'dropout', labourSkill: null });
    expect(SCREENING_RULES.education(facts({ members: [member(), kid] }), settings)?.message).toBe('义务教育：适龄儿童 张小明（12 岁）失学辍学');
    expect(SCREENING_RULES.education(facts({ members: [member(), { ...kid, schoolStatus: 'junior' }] }), settings)).toBeNull();
    // An adult who is not a student is not a compulsory-education case.
    expect(SCREENING_RULES.education(facts({ members: [member({ schoolStatus: 'none' })] }), settings)).toBeNull();
    expect(SCREENING_RULES.education(facts({ guarantees: { education: 'not_secured' } }), settings)).not.toBeNull();
  });
  test('基本医疗: someone uninsured', () => {
    const f = SCREENING_RULES.medical(facts({ members: [member(), member({ name: '李娜', hasMedicalInsurance: false })] }), settings);
    expect(f?.message).toBe('基本医疗：李娜 未参加基本医疗保险');
    expect(SCREENING_RULES.medical(facts({ members: [member({ hasMedicalInsurance: null })] }), settings)).toBeNull();
  });
  test('住房安全: C or D grade', () => {
    expect(SCREENING_RULES.housing(facts({ housingGrade: 'D' }), settings)?.message).toBe('住房安全：房屋安全鉴定为 D 级（危房）');
    expect(SCREENING_RULES.housing(facts({ housingGrade: 'B' }), settings)).toBeNull();
  });
  test('饮水安全: unsafe water', () => {
    expect(SCREENING_RULES.water(facts({ drinkingWater: 'unsafe' }), settings)?.rule).toBe('water');
    expect(SCREENING_RULES.water(facts({ drinkingWater: null }), settings)).toBeNull();
  });
});

describe('rigid expenses and shocks', () => {
  test('medical self-pay: 5,000 for 脱贫户, 20,000 for others', () => {
    const f = SCREENING_RULES.medical_self_pay(facts({ householdType: 'lifted', income: income(20000, { medicalSelfPay: 8000 }) }), settings);
    expect(f?.message).toBe('医疗自付费用 8,000 元 ≥ 预警线 5,000 元（脱贫户/监测户）');
    expect(SCREENING_RULES.medical_self_pay(facts({ income: income(20000, { medicalSelfPay: 8000 }) }), settings)).toBeNull();
    expect(SCREENING_RULES.medical_self_pay(facts({ income: income(20000, { medicalSelfPay: 20000 }) }), settings)).not.toBeNull();
  });
  test('school costs above 10,000', () => {
    expect(SCREENING_RULES.education_cost(facts({ income: income(20000, { educationCost: 12000 }) }), settings)?.message).toBe(
      '教育自付费用 12,000 元 > 预警线 10,000 元',
    );
    expect(SCREENING_RULES.education_cost(facts({ income: income(20000, { educationCost: 10000 }) }), settings)).toBeNull();
  });
  test('disaster loss', () => {
    expect(SCREENING_RULES.disaster(facts({ income: income(20000, { disasterLoss: 12000 }) }), settings)?.message).toBe('本年度因灾损失 12,000 元');
    expect(SCREENING_RULES.disaster(facts({ income: income(20000, { disasterLoss: 0 }) }), settings)).toBeNull();
  });
  test('severe disability: grade 1 or 2', () => {
    expect(SCREENING_RULES.severe_disability(facts({ members: [member({ name: '王强', disabilityGrade: 2 })] }), settings)?.message).toBe(
      '重度残疾：王强（二级）',
    );
    expect(SCREENING_RULES.severe_disability(facts({ members: [member({ disabilityGrade: 3 })] }), settings)).toBeNull();
  });
  test('no labour: nobody of working age able to work', () => {
    const elders = [member({ name: '赵大爷', birthDate: '1950-01-01' }), member({ name: '赵大娘', birthDate: '1952-01-01' })];
    expect(SCREENING_RULES.no_labour(facts({ members: elders }), settings)?.message).toBe('无劳动力：2 名成员中没有 16–60 岁有劳动能力的人');
    expect(SCREENING_RULES.no_labour(facts({ members: [member({ labourSkill: 'lost' })] }), settings)).not.toBeNull();
    expect(SCREENING_RULES.no_labour(facts({ members: [...elders, member()] }), settings)).toBeNull();
  });
});

test('screenHousehold returns every flag in rule order', () => {
  const flags = screenHousehold(facts({ income: income(6000, { disasterLoss: 500 }), drinkingWater: 'unsafe' }), settings);
  expect(flags.map((f) => f.rule)).toEqual(['income_below_line', 'water', 'disaster']);
});
