/**
 * Roles of the platform's users and what each may do in broad strokes.
 * Fine-grained rules live in each module's policy; this file holds the vocabulary.
 */
export const ROLES = [
  'admin',
  'leader',
  'inspector',
  'township_cadre',
  'village_cadre',
  'unit_staff',
  'clinic_staff',
  'discipline',
] as const;
export type TRole = (typeof ROLES)[number];

/** Chinese labels for roles, shown in the UI. */
export const ROLE_LABELS: Record<TRole, string> = {
  admin: '系统管理员',
  leader: '区领导',
  inspector: '督导组',
  township_cadre: '乡镇(办事处)干部',
  village_cadre: '村(社区)干部',
  unit_staff: '责任单位人员',
  clinic_staff: '卫生室/药店人员',
  discipline: '纪检监察',
};

/** Roles that supervise: they assign, verify, return and cancel cases. */
export const SUPERVISOR_ROLES: readonly TRole[] = ['leader', 'inspector'];

/** Roles whose scope is a unit's cases rather than an area's subtree. */
export const UNIT_SCOPED_ROLES: readonly TRole[] = ['unit_staff', 'clinic_staff'];

/** Roles allowed to see personal data (ID numbers, phones) unmasked. */
export const PII_ROLES: readonly TRole[] = ['admin', 'leader', 'township_cadre', 'village_cadre', 'discipline'];

/** True when the role belongs to a supervisor. */
export function isSupervisor(role: TRole): boolean {
  return SUPERVISOR_ROLES.includes(role);
}
