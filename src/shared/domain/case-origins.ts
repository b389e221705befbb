/**
 * Where a supervision case can come from in another module: one list for the whole platform.
 * A case raised by a module carries one typed link to its origin (`cases.origin_type`,
 * `cases.origin_id`); at most one case is raised per origin record. The module named here owns
 * the origin: its manifest declares it (with what happens to the origin when the case closes or
 * reopens), and the app refuses to start when an origin is owned by no module or by two.
 */
export const CASE_ORIGINS = {
  inspection_result: { module: 'checklists', label: '检查项' },
  citizen_report: { module: 'citizen', label: '群众反映' },
  household_lead: { module: 'households', label: '监测线索' },
  household_visit: { module: 'households', label: '入户走访' },
} as const satisfies Record<string, { module: string; label: string }>;

/** The type of a case's origin. */
export type TCaseOriginType = keyof typeof CASE_ORIGINS;

/** Every origin type, in declaration order. */
export const CASE_ORIGIN_TYPES = Object.keys(CASE_ORIGINS) as [TCaseOriginType, ...TCaseOriginType[]];

/** A case's origin: which record of which type raised it. */
export interface TCaseOrigin {
  type: TCaseOriginType;
  id: number;
}

/** True when `type` is one of CASE_ORIGINS (for values read from the database). */
export function isCaseOriginType(type: string | null | undefined): type is TCaseOriginType {
  return type != null && Object.hasOwn(CASE_ORIGINS, type);
}
