/**
 * Test support for 创文: the shared test app with this module's reference data seeded,
 * and a factory that inserts case rows directly with chosen timestamps.
 */
import { cases } from '../../db/schema/cases.js';
import { cwCasePlaces } from '../../db/schema/chuangwen.js';
import type { Db } from '../../db/client.js';
import { createTestApp, type TTestContext } from '../../../../test/helpers.js';
import { seedChuangwen } from './chuangwen.seed.js';

/** The test context plus place ids by name. */
export interface TCwTestContext extends TTestContext {
  places: Map<string, number>;
}

/** A fresh app and database (PGlite, or PostgreSQL with TEST_DATABASE_URL) with 创文's data. */
export async function createCwTestApp(): Promise<TCwTestContext> {
  let places = new Map<string, number>();
  const ctx = await createTestApp({}, async (db, seed) => {
    places = await seedChuangwen(db, seed);
  });
  return { ...ctx, places };
}

let seq = 0;

/** Inserts one case row as it would stand after its history; optionally links it to a place. */
export async function insertCaseRow(
  db: Db,
  v: Partial<typeof cases.$inferInsert> & { unitId: number | null; areaId: number; areaCode: string; placeId?: number },
): Promise<number> {
  const { placeId, ...values } = v;
  seq++;
  const [row] = await db
    .insert(cases)
    .values({
      code: `T${Date.now().toString(36)}${seq}`.slice(0, 24),
      title: '测试问题',
      module: 'chuangwen',
      source: 'inspection',
      status: 'rectifying',
      foundAt: new Date(),
      ...values,
    })
    .returning({ id: cases.id });
  if (placeId != null) await db.insert(cwCasePlaces).values({ caseId: row.id, placeId });
  return row.id;
}
