import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalizeIdNumber } from '../../../shared/domain/households/id-number.js';
import { rowsOf } from '../../db/rows.js';
import { createTestApp, type TTestContext } from '../../../../test/helpers.js';
import { seedHouseholdsDemo } from './households.seed.js';

let ctx: TTestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

describe('seedHouseholdsDemo', () => {
  test('writes a realistic, valid set quickly', async () => {
    const started = Date.now();
    const r = await seedHouseholdsDemo(ctx.db, ctx.seed);
    const ms = Date.now() - started;
    expect(ms).toBeLessThan(5000);
    expect(r.households).toBe(300);
    expect(r.members).toBeGreaterThan(800);
    expect(r.leads).toBeGreaterThanOrEqual(8);
    const ids = rowsOf<{ id_number: string }>(await ctx.db.execute(sql`select id_number from household_members`));
    expect(ids.every((m) => normalizeIdNumber(m.id_number).ok)).toBe(true);
    const types = rowsOf<{ type: string; n: number; eliminated: number }>(
      await ctx.db.execute(sql`select type, count(*)::int as n, count(risk_eliminated_at)::int as eliminated from households group by type order by type`),
    );
    const monitored = types.find((t) => t.type === 'monitored')!;
    expect(monitored.n).toBeGreaterThan(10);
    expect(monitored.eliminated).toBeGreaterThan(0);
    const story = rowsOf<{ health: string; type: string; measures: string[] }>(
      await ctx.db.execute(sql`
        select m.health, h.type, array(select type from household_measures x where x.household_id = h.id order by type) as measures
        from households h join household_members m on m.household_id = h.id and m.relation = 'head'
        join areas a on a.id = h.area_id where a.name = '贾寨行政村' order by h.code limit 1`),
    )[0];
    expect(story).toMatchObject({ health: 'chronic', type: 'monitored' });
    expect(story.measures).toContain('public_job');
    const steps = rowsOf<{ status: string; n: number }>(await ctx.db.execute(sql`select status, count(*)::int as n from household_leads group by status`));
    expect(steps.map((s) => s.status).sort()).toEqual(['in_progress', 'refused']);
  });
});
