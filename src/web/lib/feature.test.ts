import { describe, expect, test } from 'vitest';
import { ABILITIES, type TAbilities } from '../../shared/contracts/abilities';
import { FEATURES } from '../features';
import { defineFeature, menuFor, need, shellRoutes } from './feature';

/** Abilities with the given ones granted and every other denied. */
function abilities(granted: Partial<Record<keyof TAbilities, string[]>>): TAbilities {
  return Object.fromEntries(
    Object.entries(ABILITIES).map(([m, names]) => [m, Object.fromEntries(names.map((n) => [n, granted[m as keyof TAbilities]?.includes(n) ?? false]))]),
  ) as TAbilities;
}

describe('the menu from the features', () => {
  const a = defineFeature({
    name: 'a',
    menuGroups: [{ label: 'A 组', order: 20 }],
    menu: [
      { key: '/top', icon: null, label: '首页' },
      { group: 'A 组', key: '/a2', icon: null, label: 'A2', order: 20 },
      { group: 'A 组', key: '/a1', icon: null, label: 'A1', order: 10, need: need('cases', 'create') },
      { group: '管理', key: '/admin-b', icon: null, label: '别人的管理项', order: 20 },
    ],
  });
  const b = defineFeature({ name: 'b', menuGroups: [{ label: '管理', order: 90 }, { label: 'B 组', order: 30 }], menu: [{ group: 'B 组', key: '/b', icon: null, label: 'B', need: need('audit', 'read') }] });

  test('groups follow their owners’ order, entries their own; entries without the ability are left out, and so are empty groups', () => {
    const all = menuFor([a, b], abilities({ cases: ['create'], audit: ['read'] }));
    expect(all.map((g) => [g.label, g.entries.map((e) => e.key)])).toEqual([
      [null, ['/top']],
      ['A 组', ['/a1', '/a2']],
      ['B 组', ['/b']],
      ['管理', ['/admin-b']],
    ]);
    const few = menuFor([a, b], abilities({}));
    expect(few.map((g) => [g.label, g.entries.map((e) => e.key)])).toEqual([
      [null, ['/top']],
      ['A 组', ['/a2']],
      ['管理', ['/admin-b']],
    ]);
  });

  test("the platform's menu follows the server's abilities: an inspector reaches 防返贫监测, unit staff do not", () => {
    const keys = (g: ReturnType<typeof menuFor>) => g.flatMap((x) => x.entries.map((e) => e.key));
    const inspector = menuFor(FEATURES, abilities({ households: ['read', 'screen'], householdLeads: ['read'], checklists: ['inspect'], chuangwen: ['read'], cases: ['create'] }));
    expect(keys(inspector)).toEqual(expect.arrayContaining(['/households', '/households/screening', '/inspections', '/cases/new']));
    const unit = menuFor(FEATURES, abilities({ chuangwen: ['read'] }));
    expect(keys(unit)).not.toContain('/households');
    expect(keys(unit)).not.toContain('/cases/new');
    expect(unit.map((g) => g.label)).toEqual([null, '创文']);
    // Every menu entry opens a page some feature declares.
    const paths = new Set(shellRoutes(FEATURES).map((r) => (r.index ? '/' : `/${r.path}`)));
    for (const k of keys(menuFor(FEATURES, abilities(Object.fromEntries(Object.entries(ABILITIES).map(([m, n]) => [m, [...n]])))))) expect(paths).toContain(k);
  });
});
