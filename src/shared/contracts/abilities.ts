/**
 * The abilities each module tells the UI about: named yes/no answers per signed-in user, sent
 * with `/api/auth/me`. The server's module policies decide them (each rule is declared once, in
 * the module's `*.policy.ts`, typed against this list); the web shows menus, pages and buttons by
 * them and keeps no role lists of its own. A record's own `abilities` (what the caller may do to
 * that record) still come with the record.
 */
import { z } from 'zod';

export const ABILITIES = {
  /** 督办事项: raise a case; assign or verify (the state machine's own rule, for bulk actions). */
  cases: ['create', 'assign', 'verify'],
  /** 现场检查: edit checklist templates; carry out inspections. */
  checklists: ['editTemplates', 'inspect'],
  /** 创文: read its pages (board, ranking, bulletin, places, categories); edit places, categories and the score's deductions, the working-day calendar; raise a case at a place. */
  chuangwen: ['read', 'editPlaces', 'editCategories', 'editCalendar', 'raiseCase'],
  /** 群众随手拍: moderate reports; administer the module (settings, Open311 keys). */
  citizen: ['moderate', 'administer'],
  /** 志愿服务: manage teams, members and activities. */
  volunteers: ['manage'],
  /** 防返贫监测 registry: read, edit, reveal ID numbers and phones, set monitoring lines, screen. */
  households: ['read', 'edit', 'revealPii', 'setMonitoring', 'screen'],
  /** Leads and procedures: raise leads and import department lists; procedure settings and escalation; start 风险消除. */
  householdLeads: ['read', 'create', 'administer', 'startElimination'],
  /** Assistance: keep measures and funds; record visits. */
  householdAssistance: ['editMeasures', 'visit'],
  /** 系统管理: areas, units, users and scheduled jobs. */
  admin: ['manage'],
  /** 审计日志. */
  audit: ['read'],
} as const satisfies Record<string, readonly string[]>;

/** A module that declares abilities. */
export type TAbilityModule = keyof typeof ABILITIES;
/** The names of one module's abilities. */
export type TAbilityName<M extends TAbilityModule> = (typeof ABILITIES)[M][number];
/** Every module's abilities for one user. */
export type TAbilities = { [M in TAbilityModule]: Record<TAbilityName<M>, boolean> };

/** The abilities block of `/api/auth/me`, built from ABILITIES. */
export const ZAbilities = z.object(
  Object.fromEntries(
    Object.entries(ABILITIES).map(([m, names]) => [m, z.object(Object.fromEntries(names.map((n) => [n, z.boolean()])))]),
  ) as { [M in TAbilityModule]: z.ZodObject<Record<TAbilityName<M>, z.ZodBoolean>> },
);
