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
  // How long the seed takes is the bench's business (README: first start); tests assert no timings.
  test('writes a realistic, valid set', async () => {
    const r = await seedHouseholdsDemo(ctx.db, ctx.seed, { storage: ctx.storage });
    expect(r.households).toBe(2000);
    expect(r.members).toBeGreaterThan(6500);
    expect(r.members).toBeLessThan(7500);
    expect(r.leads).toBeGreaterThanOrEqual(40);
    expect(r.flags).toBeGreaterThan(0);
    // Every township has households; the communities of 文昌办事处 fewer than the villages.
    const towns = rowsOf<{ town: string; n: number; monitored: number }>(
      await ctx.db.execute(sql`
        select t.name as town, count(*)::int as n, count(*) filter (where h.type = 'monitored')::int as monitored
        from households h join areas v on v.id = h.area_id join areas t on t.id = v.parent_id group by t.name order by t.name`),
    );
    expect(towns).toHaveLength(3);
    const byTown = new Map(towns.map((t) => [t.town, t]));
    expect(byTown.get('文昌办事处')!.n).toBeLessThan(byTown.get('许湾乡')!.n / 2);
    const share = towns.reduce((a, t) => a + t.monitored, 0) / r.households;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.08);
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
    // Archive scans: a mix of complete and incomplete archives, all pointing at one stored placeholder.
    expect(r.archiveFiles).toBeGreaterThan(1000);
    const scans = rowsOf<{ keys: number; owners: number }>(
      await ctx.db.execute(sql`select count(distinct storage_key)::int as keys, count(distinct owner_id)::int as owners from attachments where owner_type = 'household_archive'`),
    )[0];
    expect(scans.keys).toBe(1);
    expect(await ctx.storage.get('att/demo/archive-scan')).not.toBeNull();
    const kept = rowsOf<{ n: number }>(await ctx.db.execute(sql`select count(*)::int as n from households where type <> 'ordinary'`))[0].n;
    expect(scans.owners).toBeGreaterThan(kept * 0.6);
    expect(scans.owners).toBeLessThanOrEqual(kept);
  });
});
