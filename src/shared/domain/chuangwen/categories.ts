/**
 * Problem categories of 创文 in the style of 数字城管 (GB/T 30428): 部件 (public facilities)
 * and 事件 (disorder), each in a group with a code, a default responsible-unit type, an
 * optional default unit, a default deadline and an urgency. Pure vocabulary and rules.
 */
import type { TCaseSeverity } from '../case-vocab.js';
import type { TUnitType } from '../units.js';
import type { TDeadlineRule } from './workdays.js';

export const CATEGORY_KINDS = ['part', 'event'] as const;
/** 部件 (a facility is broken or missing) or 事件 (something is out of order). */
export type TCategoryKind = (typeof CATEGORY_KINDS)[number];
export const CATEGORY_KIND_LABELS: Record<TCategoryKind, string> = { part: '部件', event: '事件' };

export const DEADLINE_UNITS = ['hours', 'workdays'] as const;

/** A category as seeded: the unit is given by name and resolved to an id at seed time. */
export interface TCategorySeed {
  code: string;
  name: string;
  kind: TCategoryKind;
  group: string;
  unitType: TUnitType;
  unitName?: string;
  deadline: TDeadlineRule;
  urgency: TCaseSeverity;
}

const CGJ = '示范区城市管理局';
const ZJJ = '示范区住房和城乡建设局';

const wd = (value: number): TDeadlineRule => ({ value, unit: 'workdays' });
const hrs = (value: number): TDeadlineRule => ({ value, unit: 'hours' });

/**
 * The seed's categories (垃圾乱倒 … 背街小巷) and the usual 数字城管 ones. Codes follow the shape
 * of the standard (kind letter, group 2 digits, item 2 digits: SJ-01-02 = 事件/市容环境/垃圾乱倒)
 * but are this platform's own, not the standard's numbering; an administrator may edit them.
 */
export const CATEGORY_SEEDS: readonly TCategorySeed[] = [
  // 事件 · 市容环境
  { code: 'SJ-01-01', name: '背街小巷环境脏乱', kind: 'event', group: '市容环境', unitType: 'village_committee', deadline: wd(3), urgency: 'normal' },
  { code: 'SJ-01-02', name: '垃圾乱倒', kind: 'event', group: '市容环境', unitType: 'village_committee', deadline: wd(1), urgency: 'normal' },
  { code: 'SJ-01-03', name: '杂物乱堆乱放', kind: 'event', group: '市容环境', unitType: 'property', deadline: wd(2), urgency: 'normal' },
  { code: 'SJ-01-04', name: '随处晾晒衣物', kind: 'event', group: '市容环境', unitType: 'property', deadline: wd(1), urgency: 'normal' },
  { code: 'SJ-01-05', name: '绿地脏乱', kind: 'event', group: '市容环境', unitType: 'bureau', unitName: CGJ, deadline: wd(2), urgency: 'normal' },
  { code: 'SJ-01-06', name: '暴露垃圾', kind: 'event', group: '市容环境', unitType: 'bureau', unitName: CGJ, deadline: hrs(24), urgency: 'normal' },
  { code: 'SJ-01-07', name: '焚烧垃圾树叶', kind: 'event', group: '市容环境', unitType: 'bureau', unitName: CGJ, deadline: hrs(2), urgency: 'urgent' },
  // 事件 · 宣传广告
  { code: 'SJ-02-01', name: '小广告乱贴', kind: 'event', group: '宣传广告', unitType: 'village_committee', deadline: wd(1), urgency: 'normal' },
  { code: 'SJ-02-02', name: '违规户外广告', kind: 'event', group: '宣传广告', unitType: 'bureau', unitName: CGJ, deadline: wd(5), urgency: 'normal' },
  // 事件 · 施工管理
  { code: 'SJ-03-01', name: '渣土撒漏', kind: 'event', group: '施工管理', unitType: 'bureau', unitName: CGJ, deadline: hrs(4), urgency: 'serious' },
  { code: 'SJ-03-02', name: '工地扬尘', kind: 'event', group: '施工管理', unitType: 'bureau', unitName: ZJJ, deadline: hrs(24), urgency: 'serious' },
  { code: 'SJ-03-03', name: '施工占道', kind: 'event', group: '施工管理', unitType: 'bureau', unitName: ZJJ, deadline: wd(2), urgency: 'normal' },
  // 事件 · 街面秩序
  { code: 'SJ-04-01', name: '占道经营', kind: 'event', group: '街面秩序', unitType: 'bureau', unitName: CGJ, deadline: hrs(24), urgency: 'normal' },
  { code: 'SJ-04-02', name: '店外经营', kind: 'event', group: '街面秩序', unitType: 'bureau', unitName: CGJ, deadline: hrs(24), urgency: 'normal' },
  { code: 'SJ-04-03', name: '机动车乱停乱放', kind: 'event', group: '街面秩序', unitType: 'bureau', unitName: CGJ, deadline: hrs(24), urgency: 'normal' },
  { code: 'SJ-04-04', name: '非机动车乱停乱放', kind: 'event', group: '街面秩序', unitType: 'village_committee', deadline: hrs(24), urgency: 'normal' },
  { code: 'SJ-04-05', name: '电动车无牌上路/上牌率低', kind: 'event', group: '街面秩序', unitType: 'township_office', deadline: wd(10), urgency: 'normal' },
  // 事件 · 社区管理
  { code: 'SJ-05-01', name: '物业管理不到位', kind: 'event', group: '社区管理', unitType: 'property', deadline: wd(5), urgency: 'normal' },
  { code: 'SJ-05-02', name: '电线私拉乱扯', kind: 'event', group: '社区管理', unitType: 'property', deadline: wd(2), urgency: 'serious' },
  { code: 'SJ-05-03', name: '飞线充电', kind: 'event', group: '社区管理', unitType: 'property', deadline: hrs(24), urgency: 'urgent' },
  { code: 'SJ-05-04', name: '楼道堆物', kind: 'event', group: '社区管理', unitType: 'property', deadline: wd(2), urgency: 'serious' },
  // 部件 · 公用设施
  { code: 'BJ-01-01', name: '井盖缺失', kind: 'part', group: '公用设施', unitType: 'bureau', unitName: ZJJ, deadline: hrs(2), urgency: 'urgent' },
  { code: 'BJ-01-02', name: '井盖破损', kind: 'part', group: '公用设施', unitType: 'bureau', unitName: ZJJ, deadline: hrs(24), urgency: 'serious' },
  { code: 'BJ-01-03', name: '公厕管理不到位', kind: 'part', group: '公用设施', unitType: 'bureau', unitName: CGJ, deadline: wd(1), urgency: 'normal' },
  { code: 'BJ-01-04', name: '垃圾箱(桶)破损满溢', kind: 'part', group: '公用设施', unitType: 'bureau', unitName: CGJ, deadline: hrs(24), urgency: 'normal' },
  // 部件 · 道路交通
  { code: 'BJ-02-01', name: '路灯不亮', kind: 'part', group: '道路交通', unitType: 'bureau', unitName: CGJ, deadline: wd(3), urgency: 'normal' },
  { code: 'BJ-02-02', name: '道路破损', kind: 'part', group: '道路交通', unitType: 'bureau', unitName: ZJJ, deadline: wd(5), urgency: 'normal' },
  { code: 'BJ-02-03', name: '护栏破损', kind: 'part', group: '道路交通', unitType: 'bureau', unitName: ZJJ, deadline: wd(3), urgency: 'normal' },
  // 部件 · 园林绿化
  { code: 'BJ-03-01', name: '行道树缺株死亡', kind: 'part', group: '园林绿化', unitType: 'bureau', unitName: CGJ, deadline: wd(10), urgency: 'normal' },
  { code: 'BJ-03-02', name: '公益广告牌破损', kind: 'part', group: '园林绿化', unitType: 'bureau', unitName: '示范区创文办', deadline: wd(5), urgency: 'normal' },
];

/** The responsible units of a place, by role; any may be missing. */
export interface TPlaceUnits {
  communityUnitId: number | null;
  propertyUnitId: number | null;
  departmentUnitId: number | null;
  /** The township office over the place's area, when known. */
  townshipUnitId?: number | null;
}

/** What a category contributes to the choice of unit. */
export interface TCategoryUnitRule {
  unitType: TUnitType;
  defaultUnitId: number | null;
}

/**
 * The responsible unit of a problem of this category at this place:
 * 1. the category's own unit when it names one: a competence fixed by function
 *    (占道经营 is 城管局's wherever it happens, even in front of a school);
 * 2. else the place's unit of the category's type (物业 → property company, 村(社区)两委 →
 *    community, 区直部门 → the place's functional department, 乡镇 → the township office);
 * 3. else the place's community, which answers for a compound without a property company;
 * 4. else null: someone must choose.
 */
export function resolveResponsibleUnit(category: TCategoryUnitRule, place: TPlaceUnits | null): number | null {
  if (category.defaultUnitId != null) return category.defaultUnitId;
  if (!place) return null;
  const byType: Partial<Record<TUnitType, number | null | undefined>> = {
    property: place.propertyUnitId,
    village_committee: place.communityUnitId,
    bureau: place.departmentUnitId,
    township_office: place.townshipUnitId,
  };
  return byType[category.unitType] ?? place.communityUnitId ?? null;
}
