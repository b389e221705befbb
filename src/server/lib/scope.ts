/**
 * A user's scope, as SQL: their area's subtree, or for unit-scoped roles their unit's records.
 * Every repository query that reads area-owned records applies it, so a record outside
 * scope simply is not found (404), never "forbidden".
 */
import { and, between, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { areaRange } from '../../shared/domain/areas.js';
import { UNIT_SCOPED_ROLES } from '../../shared/domain/roles.js';
import type { TScope } from './actor.js';

export interface TScopeColumns {
  areaCode: AnyColumn;
  unitId?: AnyColumn;
}

/** The condition that keeps only rows inside `user`'s scope. */
export function scopeCondition(user: TScope, cols: TScopeColumns): SQL {
  if (UNIT_SCOPED_ROLES.includes(user.role)) {
    if (!cols.unitId || user.unitId == null) return sql`false`;
    return eq(cols.unitId, user.unitId);
  }
  const [low, high] = areaRange(user.areaPrefix);
  const inArea = between(cols.areaCode, low, high);
  // Staff of a unit see their unit's records even when the unit works across areas.
  if (cols.unitId && user.unitId != null) return sql`(${inArea} or ${eq(cols.unitId, user.unitId)})`;
  return and(inArea)!;
}

/** True when an area code lies in the user's area subtree (for checks on input, not reads). */
export function isAreaInScope(user: TScope, areaCode: string): boolean {
  return areaCode.startsWith(user.areaPrefix);
}
