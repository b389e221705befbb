/** Demo data on first start: the zone's skeleton, then cases and inspections. */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import type { TStorage } from '../lib/storage.js';
import { seedBase } from './base.js';

/** Seeds the demo zone when the database has no users; returns the accounts, or null when it had data. */
export async function seedDemoIfEmpty(db: Db, opts: { password: string; storage: TStorage }) {
  const r = await db.execute(sql`select count(*)::int as n from users`);
  if ((rowsOf<{ n: number }>(r)[0]?.n ?? 0) > 0) return null;
  const base = await seedBase(db, opts.password);
  return { accounts: base.accounts };
}
