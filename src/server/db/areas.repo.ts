/** Area lookups that every module needs (scope checks on input, names for presentation). */
import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { areas } from './schema/index.js';

/** One area by id with its code, scope prefix, level and state; null when absent. */
export async function findAreaById(db: Db, areaId: number) {
  const [a] = await db
    .select({
      id: areas.id,
      code: areas.code,
      prefix: areas.prefix,
      name: areas.name,
      level: areas.level,
      parentId: areas.parentId,
      isActive: areas.isActive,
    })
    .from(areas)
    .where(eq(areas.id, areaId))
    .limit(1);
  return a ?? null;
}
