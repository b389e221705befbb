/**
 * 风险消除 criteria, checked by the system before an elimination procedure may start and again
 * before it completes. Every criterion explains itself in Chinese, met or not.
 */
import { GUARANTEE_ITEMS, GUARANTEE_ITEM_LABELS, WORKING_SKILLS, type TGuaranteeItem, type TGuaranteeStatus, type TLabourSkill } from './vocab.js';

/** The criteria, in display order. */
export const ELIMINATION_CRITERIA = ['monitored_months', 'measure_delivered', 'income_stable', 'guarantees_secured', 'labour_present'] as const;
/** One of ELIMINATION_CRITERIA. */
export type TEliminationCriterion = (typeof ELIMINATION_CRITERIA)[number];

/** Working age for "working-age labour present" (inclusive). */
export const WORKING_AGE = { min: 16, max: 60 } as const;

/** Facts of a household for the check. */
export interface TEliminationFacts {
  today: string;
  identifiedAt: string | null;
  minMonths: number;
  deliveredMeasures: number;
  /** Income per year (any order). */
  incomes: { year: number; perCapita: number }[];
  /** Monitoring line per year. */
  lines: Record<number, number>;
  /** The latest year's 三保障/饮水 checks. */
  guarantees: { year: number; items: Partial<Record<TGuaranteeItem, TGuaranteeStatus>> } | null;
  /** Active members. */
  members: { birthDate: string; labourSkill: TLabourSkill | null }[];
}

/** One criterion's result. */
export interface TCriterionResult {
  id: TEliminationCriterion;
  label: string;
  isMet: boolean;
  message: string;
}

const LABELS: Record<TEliminationCriterion, string> = {
  monitored_months: '监测满半年',
  measure_delivered: '落实帮扶措施',
  income_stable: '收入稳定超过监测线',
  guarantees_secured: '三保障和饮水安全有保障',
  labour_present: '有劳动年龄内劳动力',
};

/** The date `months` after `date` (YYYY-MM-DD), clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function ageOn(birthDate: string, today: string): number {
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? age - 1 : age;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Checks every criterion; the household qualifies when all are met. */
export function checkElimination(f: TEliminationFacts): { isEligible: boolean; criteria: TCriterionResult[] } {
  const r = (id: TEliminationCriterion, isMet: boolean, message: string): TCriterionResult => ({ id, label: LABELS[id], isMet, message });
  const criteria: TCriterionResult[] = [];

  if (!f.identifiedAt) criteria.push(r('monitored_months', false, '尚未识别为监测对象（无识别时间）'));
  else {
    const due = addMonths(f.identifiedAt, f.minMonths);
    criteria.push(
      due <= f.today
        ? r('monitored_months', true, `${f.identifiedAt} 识别，已监测满 ${f.minMonths} 个月`)
        : r('monitored_months', false, `${f.identifiedAt} 识别，监测未满 ${f.minMonths} 个月（${due} 起方可消除）`),
    );
  }

  criteria.push(
    f.deliveredMeasures > 0
      ? r('measure_delivered', true, `已落实帮扶措施 ${f.deliveredMeasures} 项`)
      : r('measure_delivered', false, '尚无已落实（实施中或已完成）的帮扶措施'),
  );

  const incomes = [...f.incomes].sort((a, b) => b.year - a.year);
  const latest = incomes[0];
  if (!latest) criteria.push(r('income_stable', false, '尚未录入年度收入'));
  else {
    const line = f.lines[latest.year];
    const prev = incomes.find((i) => i.year === latest.year - 1);
    const prevLine = prev ? f.lines[prev.year] : undefined;
    if (line == null) criteria.push(r('income_stable', false, `尚未设置 ${latest.year} 年监测线，无法判断收入`));
    else if (latest.perCapita < line) {
      criteria.push(r('income_stable', false, `${latest.year} 年人均纯收入 ${fmt(latest.perCapita)} 元 < 监测线 ${fmt(line)} 元`));
    } else if (prev && prevLine == null) {
      criteria.push(r('income_stable', false, `尚未设置 ${prev.year} 年监测线，无法判断收入是否稳定`));
    } else if (prev && prevLine != null && prev.perCapita < prevLine) {
      criteria.push(
        r('income_stable', false, `${latest.year} 年 ${fmt(latest.perCapita)} 元已超过监测线，但 ${prev.year} 年 ${fmt(prev.perCapita)} 元 < 监测线 ${fmt(prevLine)} 元，收入尚不稳定`),
      );
    } else {
      criteria.push(r('income_stable', true, `${latest.year} 年人均纯收入 ${fmt(latest.perCapita)} 元 ≥ 监测线 ${fmt(line)} 元${prev ? `，${prev.year} 年亦达标` : ''}`));
    }
  }

  if (!f.guarantees) criteria.push(r('guarantees_secured', false, '尚未核查两不愁三保障及饮水安全'));
  else {
    const missing = GUARANTEE_ITEMS.filter((i) => !f.guarantees!.items[i]);
    const failed = GUARANTEE_ITEMS.filter((i) => f.guarantees!.items[i] === 'not_secured');
    if (failed.length) criteria.push(r('guarantees_secured', false, `${f.guarantees.year} 年核查未保障：${failed.map((i) => GUARANTEE_ITEM_LABELS[i]).join('、')}`));
    else if (missing.length) criteria.push(r('guarantees_secured', false, `${f.guarantees.year} 年未核查：${missing.map((i) => GUARANTEE_ITEM_LABELS[i]).join('、')}`));
    else criteria.push(r('guarantees_secured', true, `${f.guarantees.year} 年核查全部有保障`));
  }

  const workers = f.members.filter((m) => {
    const age = ageOn(m.birthDate, f.today);
    return age >= WORKING_AGE.min && age <= WORKING_AGE.max && m.labourSkill != null && WORKING_SKILLS.includes(m.labourSkill);
  }).length;
  criteria.push(
    workers > 0
      ? r('labour_present', true, `有劳动年龄内劳动力 ${workers} 人`)
      : r('labour_present', false, `无 ${WORKING_AGE.min}–${WORKING_AGE.max} 岁有劳动能力的成员，不宜消除风险（应落实兜底保障）`),
  );
  return { isEligible: criteria.every((c) => c.isMet), criteria };
}
