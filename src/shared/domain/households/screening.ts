/**
 * Risk screening (风险筛查) as a rule set. Each rule is a pure function of one household's facts
 * and the settings; a raised flag carries a Chinese message with the numbers behind it
 * (e.g. "人均纯收入 6,830 元 < 监测线 7,500 元") and the numbers themselves, so a person can see
 * why, and so can a later audit. The income line is one reference among several, not the only test.
 */
import { ageOn } from './id-number.js';
import { formatYuan } from './income.js';
import {
  SEVERE_DISABILITY_GRADES,
  UNSAFE_HOUSING_GRADES,
  WORKING_SKILLS,
  type TGuaranteeItem,
  type TGuaranteeStatus,
  type THouseholdType,
  type THousingGrade,
  type TLabourSkill,
  type TSchoolStatus,
  type TWaterStatus,
} from './vocab.js';

/** Tunable parameters of the rules; every one is a setting with the default below. */
export interface TScreeningParams {
  /** Flag households whose per-capita income is under line × this factor (边缘). */
  marginFactor: number;
  /** Flag a year-on-year fall of per-capita income by more than this percentage. */
  incomeDropPercent: number;
  /** Self-paid medical costs that raise a flag, for 脱贫户 and 监测户. */
  medicalSelfPayLifted: number;
  /** Self-paid medical costs that raise a flag, for other households. */
  medicalSelfPayOthers: number;
  /** Self-paid schooling costs above which a flag is raised. */
  educationCostThreshold: number;
  /** Disaster losses above which a flag is raised. */
  disasterLossThreshold: number;
  /** Compulsory-education ages, inclusive. */
  schoolAgeMin: number;
  schoolAgeMax: number;
  /** Working ages, inclusive. */
  workingAgeMin: number;
  workingAgeMax: number;
}

/** Defaults taken from the examples in the domain notes (医保 5,000 / 20,000; 教育 10,000). */
export const DEFAULT_SCREENING_PARAMS: TScreeningParams = {
  marginFactor: 1.5,
  incomeDropPercent: 30,
  medicalSelfPayLifted: 5000,
  medicalSelfPayOthers: 20000,
  educationCostThreshold: 10000,
  disasterLossThreshold: 0,
  schoolAgeMin: 6,
  schoolAgeMax: 15,
  workingAgeMin: 16,
  workingAgeMax: 60,
};

/** The settings a screening runs with: the year's monitoring line and the rule parameters. */
export interface TScreeningSettings extends TScreeningParams {
  /** 监测线: annual per-capita net income, yuan. */
  incomeLine: number;
}

/** Builds settings from a monitoring line and the stored overrides of the defaults. */
export function screeningSettings(incomeLine: number, params: Partial<TScreeningParams> = {}): TScreeningSettings {
  return { ...DEFAULT_SCREENING_PARAMS, ...params, incomeLine };
}

/** One active member as the rules see them. */
export interface TScreeningMember {
  name: string;
  birthDate: string;
  schoolStatus: TSchoolStatus | null;
  hasMedicalInsurance: boolean | null;
  disabilityGrade: number | null;
  labourSkill: TLabourSkill | null;
}

/** One household's facts for a year. Unknown facts are null and never raise a flag. */
export interface TScreeningFacts {
  year: number;
  /** Reference date for ages (YYYY-MM-DD). */
  asOf: string;
  householdType: THouseholdType;
  housingGrade: THousingGrade | null;
  drinkingWater: TWaterStatus | null;
  members: TScreeningMember[];
  income: {
    perCapita: number;
    medicalSelfPay: number | null;
    educationCost: number | null;
    disasterLoss: number | null;
  } | null;
  previousIncome: { perCapita: number } | null;
  guarantees: Partial<Record<TGuaranteeItem, TGuaranteeStatus>>;
}

/** Ids of the screening rules, in the order they run. */
export const SCREENING_RULE_IDS = [
  'income_below_line',
  'income_near_line',
  'income_drop',
  'food_clothing',
  'education',
  'medical',
  'housing',
  'water',
  'medical_self_pay',
  'education_cost',
  'disaster',
  'severe_disability',
  'no_labour',
] as const;
/** The id of a screening rule. */
export type TScreeningRuleId = (typeof SCREENING_RULE_IDS)[number];

/** Chinese names of the rules, for lists and filters. */
export const SCREENING_RULE_LABELS: Record<TScreeningRuleId, string> = {
  income_below_line: '收入低于监测线',
  income_near_line: '收入接近监测线',
  income_drop: '收入大幅下降',
  food_clothing: '吃穿未保障',
  education: '义务教育未保障',
  medical: '基本医疗未保障',
  housing: '住房安全未保障',
  water: '饮水安全未保障',
  medical_self_pay: '医疗自付费用高',
  education_cost: '教育支出高',
  disaster: '遭受自然灾害',
  severe_disability: '家有重度残疾人',
  no_labour: '无劳动力',
};

/** A raised flag: which rule, why in words, and the numbers behind it. */
export interface TScreeningFlag {
  rule: TScreeningRuleId;
  message: string;
  numbers: Record<string, number | string>;
}

/** A rule: pure, returns its flag or null. */
export type TScreeningRule = (facts: TScreeningFacts, s: TScreeningSettings) => TScreeningFlag | null;

const y = formatYuan;
const flag = (rule: TScreeningRuleId, message: string, numbers: Record<string, number | string>): TScreeningFlag => ({
  rule,
  message,
  numbers,
});
const isLifted = (t: THouseholdType) => t === 'lifted' || t === 'monitored';
const recordedFailure = (f: TScreeningFacts, item: TGuaranteeItem) => f.guarantees[item] === 'not_secured';
const GUARANTEE_SHORT: Record<TGuaranteeItem, string> = {
  food_clothing: '吃穿',
  education: '义务教育',
  medical: '基本医疗',
  housing: '住房安全',
  water: '饮水安全',
};
const failureByRecord = (item: TGuaranteeItem) => `${GUARANTEE_SHORT[item]}：核查结果为未保障`;

/** The rules by id; `screenHousehold` runs them all in this order. */
export const SCREENING_RULES: Record<TScreeningRuleId, TScreeningRule> = {
  income_below_line: (f, s) => {
    if (!f.income || f.income.perCapita >= s.incomeLine) return null;
    return flag('income_below_line', `人均纯收入 ${y(f.income.perCapita)} 元 < 监测线 ${y(s.incomeLine)} 元`, {
      perCapita: f.income.perCapita,
      incomeLine: s.incomeLine,
    });
  },

  income_near_line: (f, s) => {
    if (!f.income) return null;
    const margin = Math.round(s.incomeLine * s.marginFactor);
    if (f.income.perCapita < s.incomeLine || f.income.perCapita >= margin) return null;
    return flag(
      'income_near_line',
      `人均纯收入 ${y(f.income.perCapita)} 元 < 监测线 ${y(s.incomeLine)} 元 × ${s.marginFactor} = ${y(margin)} 元`,
      { perCapita: f.income.perCapita, incomeLine: s.incomeLine, marginFactor: s.marginFactor, marginLine: margin },
    );
  },

  income_drop: (f, s) => {
    if (!f.income || !f.previousIncome || f.previousIncome.perCapita <= 0) return null;
    const prev = f.previousIncome.perCapita;
    const dropPercent = Math.round(((prev - f.income.perCapita) / prev) * 1000) / 10;
    if (dropPercent <= s.incomeDropPercent) return null;
    return flag(
      'income_drop',
      `人均纯收入 ${y(f.income.perCapita)} 元，较上年 ${y(prev)} 元下降 ${dropPercent}% > ${s.incomeDropPercent}%`,
      { perCapita: f.income.perCapita, previousPerCapita: prev, dropPercent, threshold: s.incomeDropPercent },
    );
  },

  food_clothing: (f) => (recordedFailure(f, 'food_clothing') ? flag('food_clothing', failureByRecord('food_clothing'), {}) : null),

  education: (f, s) => {
    const outOfSchool = f.members.filter((m) => {
      const age = ageOn(m.birthDate, f.asOf);
      return age >= s.schoolAgeMin && age <= s.schoolAgeMax && (m.schoolStatus === 'dropout' || m.schoolStatus === 'none');
    });
    if (outOfSchool.length) {
      const who = outOfSchool.map((m) => `${m.name}（${ageOn(m.birthDate, f.asOf)} 岁）`).join('、');
      return flag('education', `义务教育：适龄儿童 ${who}失学辍学`, { children: outOfSchool.length });
    }
    return recordedFailure(f, 'education') ? flag('education', failureByRecord('education'), {}) : null;
  },

  medical: (f) => {
    const uninsured = f.members.filter((m) => m.hasMedicalInsurance === false);
    if (uninsured.length) {
      return flag('medical', `基本医疗：${uninsured.map((m) => m.name).join('、')} 未参加基本医疗保险`, {
        uninsured: uninsured.length,
      });
    }
    return recordedFailure(f, 'medical') ? flag('medical', failureByRecord('medical'), {}) : null;
  },

  housing: (f) => {
    if (f.housingGrade && UNSAFE_HOUSING_GRADES.includes(f.housingGrade)) {
      return flag('housing', `住房安全：房屋安全鉴定为 ${f.housingGrade} 级（危房）`, { housingGrade: f.housingGrade });
    }
    return recordedFailure(f, 'housing') ? flag('housing', failureByRecord('housing'), {}) : null;
  },

  water: (f) => {
    if (f.drinkingWater === 'unsafe') return flag('water', '饮水安全：未解决安全饮用水', { drinkingWater: 'unsafe' });
    return recordedFailure(f, 'water') ? flag('water', failureByRecord('water'), {}) : null;
  },

  medical_self_pay: (f, s) => {
    const paid = f.income?.medicalSelfPay;
    if (paid == null) return null;
    const threshold = isLifted(f.householdType) ? s.medicalSelfPayLifted : s.medicalSelfPayOthers;
    if (paid < threshold) return null;
    const who = isLifted(f.householdType) ? '脱贫户/监测户' : '一般农户';
    return flag('medical_self_pay', `医疗自付费用 ${y(paid)} 元 ≥ 预警线 ${y(threshold)} 元（${who}）`, {
      medicalSelfPay: paid,
      threshold,
    });
  },

  education_cost: (f, s) => {
    const cost = f.income?.educationCost;
    if (cost == null || cost <= s.educationCostThreshold) return null;
    return flag('education_cost', `教育自付费用 ${y(cost)} 元 > 预警线 ${y(s.educationCostThreshold)} 元`, {
      educationCost: cost,
      threshold: s.educationCostThreshold,
    });
  },

  disaster: (f, s) => {
    const loss = f.income?.disasterLoss;
    if (loss == null || loss <= s.disasterLossThreshold) return null;
    return flag('disaster', `本年度因灾损失 ${y(loss)} 元`, { disasterLoss: loss, threshold: s.disasterLossThreshold });
  },

  severe_disability: (f) => {
    const severe = f.members.filter((m) => m.disabilityGrade != null && SEVERE_DISABILITY_GRADES.includes(m.disabilityGrade));
    if (!severe.length) return null;
    const grades = ['', '一', '二', '三', '四'];
    return flag('severe_disability', `重度残疾：${severe.map((m) => `${m.name}（${grades[m.disabilityGrade!]}级）`).join('、')}`, {
      severelyDisabled: severe.length,
    });
  },

  no_labour: (f, s) => {
    if (!f.members.length) return null;
    const workers = f.members.filter((m) => {
      const age = ageOn(m.birthDate, f.asOf);
      return age >= s.workingAgeMin && age <= s.workingAgeMax && m.labourSkill != null && WORKING_SKILLS.includes(m.labourSkill);
    });
    if (workers.length) return null;
    return flag(
      'no_labour',
      `无劳动力：${f.members.length} 名成员中没有 ${s.workingAgeMin}–${s.workingAgeMax} 岁有劳动能力的人`,
      { members: f.members.length, workingAgeMin: s.workingAgeMin, workingAgeMax: s.workingAgeMax },
    );
  },
};

/** Runs every rule over one household; returns the flags raised, in rule order. */
export function screenHousehold(facts: TScreeningFacts, settings: TScreeningSettings): TScreeningFlag[] {
  const flags: TScreeningFlag[] = [];
  for (const id of SCREENING_RULE_IDS) {
    const f = SCREENING_RULES[id](facts, settings);
    if (f) flags.push(f);
  }
  return flags;
}
