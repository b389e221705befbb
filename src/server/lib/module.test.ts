import { describe, expect, test } from 'vitest';
import { ABILITIES } from '../../shared/contracts/abilities.js';
import { CASE_ORIGIN_TYPES } from '../../shared/domain/case-origins.js';
import { MODULES } from '../modules/index.js';
import { defineAbilities } from './abilities.js';
import { collectModules, defineModule, type TModule } from './module.js';
import type { TUser } from './types.js';

const user = (role: TUser['role'], unitId: number | null = null): TUser => ({
  id: 1,
  username: 'u',
  displayName: 'U',
  role,
  unitId,
  unitName: null,
  areaId: 1,
  areaName: '示范区',
  areaCode: '411671000000',
  areaPrefix: '411671',
});

describe('module manifests', () => {
  test("the platform's modules fit together: every ability module and case origin is declared once", () => {
    const registry = collectModules(MODULES);
    expect(Object.keys(registry.abilitiesFor(user('admin'))).sort()).toEqual(Object.keys(ABILITIES).sort());
    for (const type of CASE_ORIGIN_TYPES) expect(registry.caseOrigin(type)).toBeDefined();
    expect(registry.caseOrigin('no_such_origin')).toBeUndefined();
    expect(registry.jobs.map((j) => j.name)).toEqual(['households.screening', 'households.escalation']);
  });

  test('abilities follow the declared rules, per role', () => {
    const registry = collectModules(MODULES);
    const unitStaff = registry.abilitiesFor(user('unit_staff', 9));
    expect(unitStaff.cases).toEqual({ create: false, assign: false, verify: false });
    expect(unitStaff.households.read).toBe(false);
    const inspector = registry.abilitiesFor(user('inspector'));
    expect(inspector.cases).toEqual({ create: true, assign: true, verify: true });
    // Inspectors read and screen the registry (the web's menu left them out before).
    expect(inspector.households).toMatchObject({ read: true, screen: true, edit: false });
    const township = registry.abilitiesFor(user('township_cadre'));
    expect(township.cases).toEqual({ create: true, assign: true, verify: false });
    expect(township.checklists.inspect).toBe(true);
    expect(registry.abilitiesFor(user('discipline')).audit.read).toBe(true);
    expect(registry.abilitiesFor(user('leader')).audit.read).toBe(false);
  });

  const base = MODULES.filter((m) => m.name !== 'checklists');
  const checklists = MODULES.find((m) => m.name === 'checklists')!;

  test('an origin owned by no module, by two, or by the wrong one stops the app', () => {
    expect(() => collectModules(base)).toThrow(/declared by no module/);
    const thief: TModule = defineModule({ name: 'thief', caseOrigins: { inspection_result: {} } });
    expect(() => collectModules([...MODULES, thief])).toThrow(/declared by checklists and thief/);
    expect(() => collectModules([...base, { ...checklists, name: 'other' }])).toThrow(/belongs to checklists, not other/);
  });

  test('two modules of one name, abilities declared twice or not at all, and duplicate jobs are refused', () => {
    expect(() => collectModules([...MODULES, defineModule({ name: 'auth' })])).toThrow(/two modules are named auth/);
    const again = defineAbilities('audit', { read: () => true });
    expect(() => collectModules([...MODULES, defineModule({ name: 'x', abilities: again })])).toThrow(/audit are declared twice/);
    expect(() => collectModules(MODULES.filter((m) => m.name !== 'audit'))).toThrow(/abilities of audit are declared by no module/);
    const job = { name: 'households.screening', label: 'x', hour: 1, run: async () => ({}) };
    expect(() => collectModules([...MODULES, defineModule({ name: 'y', jobs: [job] })])).toThrow(/job households.screening is declared twice/);
  });
});

describe('indicators and oversight signals', () => {
  const indicator = (key: string) => ({
    key,
    label: '测试指标',
    unit: '件',
    how: '测试',
    better: 'lower' as const,
    compute: async () => ({ total: 0 }),
    drill: () => ({ path: '/cases', query: {} }),
  });
  const signal = (key: string) => ({
    key,
    label: '测试信号',
    category: 'inaction' as const,
    severity: 'notice' as const,
    rule: '测试',
    countByUnit: async () => [],
    list: async () => [],
  });

  test('are collected with their module and full key, in module order', () => {
    const a = defineModule({ name: 'alpha', indicators: [indicator('open')], signals: [signal('late')] });
    const b = defineModule({ name: 'beta', indicators: [indicator('open'), indicator('done')] });
    const registry = collectModules([...MODULES, a, b]);
    const mine = registry.indicators.filter((i) => i.module === 'alpha' || i.module === 'beta');
    expect(mine.map((i) => i.fullKey)).toEqual(['alpha.open', 'beta.open', 'beta.done']);
    expect(registry.signals.filter((s) => s.module === 'alpha').map((s) => s.fullKey)).toEqual(['alpha.late']);
  });

  test('a key declared twice in one module, or not a camelCase word, is refused', () => {
    expect(() => collectModules([...MODULES, defineModule({ name: 'x', indicators: [indicator('a'), indicator('a')] })])).toThrow(
      /indicator x.a is declared twice/,
    );
    expect(() => collectModules([...MODULES, defineModule({ name: 'x', signals: [signal('a'), signal('a')] })])).toThrow(/signal x.a is declared twice/);
    expect(() => collectModules([...MODULES, defineModule({ name: 'x', signals: [signal('a.b')] })])).toThrow(/camelCase/);
  });
});
