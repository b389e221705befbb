import { sql } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { openTestDb, TEST_PASSWORD } from '../../../test/helpers.js';
import { rowsOf } from '../db/rows.js';
import { defineModule, type TDemoContext } from '../lib/module.js';
import { seedBase } from './base.js';
import { seedDemoContent } from './demo.js';

test("a module's own demo data is seeded through its manifest, after the platform's, with the zone's skeleton and clock", async () => {
  const { handle, drop } = await openTestDb();
  try {
    const seen: { ctx: TDemoContext; cases: number }[] = [];
    const now = new Date('2026-11-20T02:00:00Z');
    const module = defineModule({
      name: 'demo-test',
      seedDemo: async (ctx) => {
        const [{ n }] = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from cases`));
        seen.push({ ctx, cases: n });
        return { rows: 1 };
      },
    });
    const base = await seedBase(handle.db, TEST_PASSWORD);
    const out = await seedDemoContent(handle.db, base, { now, caseCount: 50, modules: [module] });
    expect(seen).toHaveLength(1);
    expect(seen[0].ctx.now).toBe(now);
    expect(seen[0].ctx.base.areaByName.get('贾寨行政村')).toBeDefined();
    // It runs after the platform's demo content is written.
    expect(seen[0].cases).toBe(out.cases);
  } finally {
    await handle.close();
    await drop();
  }
});
