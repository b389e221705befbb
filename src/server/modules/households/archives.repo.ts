/** Every query of household archives (一户一档): the households that keep one, and which documents they hold. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { areas, attachments, households } from '../../db/schema/index.js';
import { scopeCondition } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';

/** The owner type of archive scans in `attachments` (owner id: the household; kind: the document code). */
export const ARCHIVE_OWNER_TYPE = 'household_archive';

/** A household in scope with what its archive needs (id, code, type); null otherwise. */
export async function findArchiveHousehold(db: Db, user: TUser, id: number) {
  const [h] = await db
    .select({ id: households.id, code: households.code, type: households.type })
    .from(households)
    .where(and(eq(households.id, id), scopeCondition(user, { areaCode: households.areaCode })))
    .limit(1);
  return h ?? null;
}

/** Active households in scope of the given types (optionally under an area), with their village. */
export async function findArchiveHouseholds(db: Db, user: TUser, o: { types: string[]; areaPrefix: string | null }) {
  if (!o.types.length) return [];
  const conds = [scopeCondition(user, { areaCode: households.areaCode }), eq(households.isActive, true), inArray(households.type, o.types)];
  if (o.areaPrefix) conds.push(sql`${households.areaCode} between ${areaRange(o.areaPrefix)[0]} and ${areaRange(o.areaPrefix)[1]}`);
  return db
    .select({ id: households.id, code: households.code, type: households.type, areaId: households.areaId, areaName: areas.name })
    .from(households)
    .innerJoin(areas, eq(areas.id, households.areaId))
    .where(and(...conds))
    .orderBy(households.areaCode, households.code);
}

/** The (household, document) pairs that hold at least one file, for households in scope. */
export async function findArchivePresence(db: Db, user: TUser, o: { areaPrefix: string | null }) {
  const area = o.areaPrefix ? sql`and ${households.areaCode} between ${areaRange(o.areaPrefix)[0]} and ${areaRange(o.areaPrefix)[1]}` : sql``;
  return rowsOf<{ householdId: number; code: string }>(
    await db.execute(sql`
      select distinct ${households.id} as "householdId", a.kind as code
      from ${attachments} a join ${households} on a.owner_id = ${households.id}::text
      where a.owner_type = ${ARCHIVE_OWNER_TYPE} and ${scopeCondition(user, { areaCode: households.areaCode })} ${area}`),
  );
}
