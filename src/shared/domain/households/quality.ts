/**
 * Data-quality checks that counties run on the monitoring records (domain.md): a risk eliminated
 * less than six months after identification; 雨露计划 for a household with no vocational student;
 * risk 因务工就业不稳 while no member works. Each issue explains itself in Chinese.
 */
import { addMonths } from './elimination.js';
import type { TSchoolStatus } from './vocab.js';

/** The checks. */
export const QUALITY_RULES = ['early_elimination', 'yulu_without_vocational_student', 'employment_risk_without_worker'] as const;
/** One of QUALITY_RULES. */
export type TQualityRule = (typeof QUALITY_RULES)[number];
/** Chinese labels of the checks. */
export const QUALITY_RULE_LABELS: Record<TQualityRule, string> = {
  early_elimination: '识别不满半年即消除风险',
  yulu_without_vocational_student: '享受雨露计划但无中高职在校生',
  employment_risk_without_worker: '风险类型为务工就业不稳但无务工人员',
};

/** Facts of one household for the checks. */
export interface TQualityFacts {
  identifiedAt: string | null;
  riskEliminatedAt: string | null;
  riskTypes: readonly string[];
  hasYuluMeasure: boolean;
  members: { schoolStatus: TSchoolStatus | null; migrantMonths: number | null }[];
}

/** One problem found. */
export interface TQualityIssue {
  rule: TQualityRule;
  label: string;
  message: string;
}

const VOCATIONAL: readonly TSchoolStatus[] = ['secondary_vocational', 'higher'];

/** Runs every check on a household. */
export function checkQuality(f: TQualityFacts): TQualityIssue[] {
  const issues: TQualityIssue[] = [];
  const add = (rule: TQualityRule, message: string) => issues.push({ rule, label: QUALITY_RULE_LABELS[rule], message });
  if (f.identifiedAt && f.riskEliminatedAt && f.riskEliminatedAt < addMonths(f.identifiedAt, 6)) {
    add('early_elimination', `${f.identifiedAt} 识别、${f.riskEliminatedAt} 消除风险，监测不满 6 个月`);
  }
  if (f.hasYuluMeasure && !f.members.some((m) => m.schoolStatus && VOCATIONAL.includes(m.schoolStatus))) {
    add('yulu_without_vocational_student', '有雨露计划帮扶措施，但家庭成员中没有中职或高职在校生');
  }
  if (f.riskTypes.includes('employment') && !f.members.some((m) => (m.migrantMonths ?? 0) > 0)) {
    add('employment_risk_without_worker', '风险类型为“因务工就业不稳”，但没有成员登记务工时间');
  }
  return issues;
}
