/** Kinds of responsible units (责任单位). */
export const UNIT_TYPES = [
  'bureau',
  'township_office',
  'village_committee',
  'property',
  'contractor',
  'clinic',
  'pharmacy',
  'other',
] as const;
export type TUnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<TUnitType, string> = {
  bureau: '区直部门',
  township_office: '乡镇(办事处)',
  village_committee: '村(社区)两委',
  property: '物业公司',
  contractor: '施工单位',
  clinic: '卫生院/卫生室',
  pharmacy: '零售药店',
  other: '其他',
};
