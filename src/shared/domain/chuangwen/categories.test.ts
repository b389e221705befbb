import { describe, expect, test } from 'vitest';
import { UNIT_TYPES } from '../units.js';
import { CATEGORY_SEEDS, resolveResponsibleUnit } from './categories.js';

const place = { communityUnitId: 10, propertyUnitId: 20, departmentUnitId: 30, townshipUnitId: 40 };

describe('resolveResponsibleUnit', () => {
  test('a category naming its unit wins over the place', () => {
    expect(resolveResponsibleUnit({ unitType: 'bureau', defaultUnitId: 99 }, place)).toBe(99);
  });
  test('otherwise the place’s unit of the category’s type', () => {
    expect(resolveResponsibleUnit({ unitType: 'property', defaultUnitId: null }, place)).toBe(20);
    expect(resolveResponsibleUnit({ unitType: 'village_committee', defaultUnitId: null }, place)).toBe(10);
    expect(resolveResponsibleUnit({ unitType: 'bureau', defaultUnitId: null }, place)).toBe(30);
    expect(resolveResponsibleUnit({ unitType: 'township_office', defaultUnitId: null }, place)).toBe(40);
  });
  test('a compound without a property company falls to its community', () => {
    expect(resolveResponsibleUnit({ unitType: 'property', defaultUnitId: null }, { ...place, propertyUnitId: null })).toBe(10);
  });
  test('no place and no unit of its own: someone must choose', () => {
    expect(resolveResponsibleUnit({ unitType: 'property', defaultUnitId: null }, null)).toBeNull();
  });
});

describe('the seeded categories', () => {
  test('cover the seed article’s problems and the usual 数字城管 ones', () => {
    const names = CATEGORY_SEEDS.map((c) => c.name);
    for (const n of ['垃圾乱倒', '小广告乱贴', '公厕管理不到位', '电动车无牌上路/上牌率低', '随处晾晒衣物', '电线私拉乱扯', '杂物乱堆乱放', '物业管理不到位', '背街小巷环境脏乱', '占道经营', '机动车乱停乱放', '井盖缺失', '路灯不亮', '绿地脏乱', '渣土撒漏']) {
      expect(names).toContain(n);
    }
  });
  test('codes are unique and well formed; kinds match the code letter; unit types exist', () => {
    const codes = CATEGORY_SEEDS.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CATEGORY_SEEDS) {
      expect(c.code).toMatch(/^(SJ|BJ)-\d{2}-\d{2}$/);
      expect(c.code.startsWith(c.kind === 'event' ? 'SJ' : 'BJ')).toBe(true);
      expect(UNIT_TYPES).toContain(c.unitType);
      expect(c.deadline.value).toBeGreaterThan(0);
    }
  });
});
