/**
 * Who may do what with citizens' reports, and the public endpoints' limits, declared once.
 * Scope (which reports a moderator sees) is in the repository queries.
 */
import { PII_ROLES, type TRole } from '../../../shared/domain/roles.js';
import { defineAbilities } from '../../lib/abilities.js';
import type { TUser } from '../../lib/types.js';

/** Roles that moderate reports in their area: accept, merge, reject. */
export const MODERATOR_ROLES: readonly TRole[] = ['leader', 'inspector', 'township_cadre'];

/** Roles that issue and revoke Open311 API keys and change the module's settings. */
export const CITIZEN_ADMIN_ROLES: readonly TRole[] = ['admin'];

/** True when the user may see a reporter's phone unmasked. */
export function canSeePhone(user: TUser): boolean {
  return PII_ROLES.includes(user.role);
}

/** A limit: at most `limit` hits per `windowMs` for one key. */
export interface TThrottleRule {
  prefix: string;
  windowMs: number;
  limit: number;
  message: string;
}

const HOUR = 3600_000;
/** Limits of the public endpoints (per IP, per phone, per Open311 key). */
export const THROTTLE_RULES = {
  reportPerIp: { prefix: 'rip', windowMs: HOUR, limit: 20, message: '提交过于频繁，请一小时后再试' },
  reportPerPhone: { prefix: 'rph', windowMs: 24 * HOUR, limit: 5, message: '该手机号今天提交的反映已达上限，请明天再试' },
  uploadPerIp: { prefix: 'uip', windowMs: HOUR, limit: 30, message: '上传过于频繁，请一小时后再试' },
  trackPerIp: { prefix: 'tip', windowMs: 60_000, limit: 60, message: '查询过于频繁，请稍后再试' },
  reopenPerIp: { prefix: 'oip', windowMs: HOUR, limit: 10, message: '操作过于频繁，请一小时后再试' },
  open311PerKey: { prefix: 'key', windowMs: HOUR, limit: 1000, message: '该 API 密钥的提交已达上限，请稍后再试' },
} satisfies Record<string, TThrottleRule>;

/** Days after closure during which the reporter may say "not fixed", unless set otherwise. */
export const DEFAULT_REOPEN_DAYS = 7;

/** Abilities of 群众随手拍 for the UI. */
export const citizenAbilities = defineAbilities('citizen', {
  moderate: (u) => MODERATOR_ROLES.includes(u.role),
  administer: (u) => CITIZEN_ADMIN_ROLES.includes(u.role),
});
