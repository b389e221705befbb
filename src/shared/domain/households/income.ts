/**
 * Household income (家庭纯收入) as the monitoring system defines it:
 * 工资性 + 家庭经营性 − 生产经营费用 + 财产性 + 转移性 = 家庭纯收入;
 * 人均纯收入 = 家庭纯收入 / 家庭人数, rounded to the yuan.
 * Amounts are yuan with at most two decimals; sums are taken in fen so no float drift creeps in.
 */

/** The five components of a year's income, in yuan. */
export interface TIncomeComponents {
  /** 工资性收入. */
  wage: number;
  /** 家庭经营性收入 (gross). */
  business: number;
  /** 生产经营费用支出, deducted from business income. */
  productionCost: number;
  /** 财产性收入. */
  property: number;
  /** 转移性收入. */
  transfer: number;
}

/** Computed figures of a year. */
export interface TIncomeFigures {
  /** 家庭纯收入, yuan with two decimals. */
  netIncome: number;
  /** 人均纯收入, whole yuan. */
  perCapita: number;
}

const fen = (yuan: number) => Math.round(yuan * 100);

/** Rounds half away from zero, so −0.5 and 0.5 round symmetrically. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * Net and per-capita income of a household of `householdSize` members (must be ≥ 1).
 * Net income may be negative (a failed harvest); per-capita follows it.
 */
export function computeIncome(c: TIncomeComponents, householdSize: number): TIncomeFigures {
  if (!Number.isInteger(householdSize) || householdSize < 1) throw new RangeError('householdSize must be a positive integer');
  const netFen = fen(c.wage) + fen(c.business) - fen(c.productionCost) + fen(c.property) + fen(c.transfer);
  return { netIncome: netFen / 100, perCapita: roundHalfAway(netFen / 100 / householdSize) };
}

/** Yuan with thousands separators and the fen only when there are some: 6,830 or 1,000.50. */
export function formatAmount(yuan: number): string {
  const fen = Math.round(Math.abs(yuan) * 100);
  const cents = fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : '';
  return `${yuan < 0 ? '-' : ''}${formatYuan(Math.floor(fen / 100))}${cents}`;
}

/** Formats yuan the way messages show them: thousands separators, no decimals (6,830). */
export function formatYuan(yuan: number): string {
  // A regex rather than toLocaleString: screening formats hundreds of thousands of figures.
  return String(Math.round(yuan)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
