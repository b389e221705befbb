/** Kinds of places inspected for 创文, with Chinese labels. */
export const PLACE_KINDS = [
  'community',
  'compound',
  'back_lane',
  'street',
  'market',
  'toilet',
  'square',
  'school_area',
  'village',
  'other',
] as const;
/** What a place is: a 社区, a 小区, a 背街小巷, … */
export type TPlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_KIND_LABELS: Record<TPlaceKind, string> = {
  community: '社区',
  compound: '小区',
  back_lane: '背街小巷',
  street: '街道',
  market: '农贸市场',
  toilet: '公厕',
  square: '广场游园',
  school_area: '校园周边',
  village: '村庄',
  other: '其他',
};
