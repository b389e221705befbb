/**
 * Area codes follow the shape of GB/T 2260 / 统计用区划代码: 12 digits,
 * province(2) city(2) county(2) township(3) village(3).
 * A subtree is every code that starts with the significant prefix of its root,
 * which lets the database answer scope with one index range.
 */
export const AREA_LEVELS = ['district', 'township', 'village', 'hamlet'] as const;
export type TAreaLevel = (typeof AREA_LEVELS)[number];

export const AREA_LEVEL_LABELS: Record<TAreaLevel, string> = {
  district: '区',
  township: '乡/办事处',
  village: '行政村/社区',
  hamlet: '自然村/小区',
};

const PREFIX_LENGTH: Record<TAreaLevel, number> = { district: 6, township: 9, village: 12, hamlet: 12 };

/** True when the string is a 12-digit area code. */
export function isAreaCode(code: string): boolean {
  return /^\d{12}$/.test(code);
}

/** The significant prefix of an area code at a level (e.g. 411671001 for a township). */
export function areaPrefix(code: string, level: TAreaLevel): string {
  return code.slice(0, PREFIX_LENGTH[level]);
}

/** The inclusive code range [low, high] covering a prefix's subtree. */
export function areaRange(prefix: string): [string, string] {
  return [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];
}

/** True when `code` lies in the subtree rooted at `prefix`. */
export function isInArea(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}
