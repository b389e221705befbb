/**
 * Reference data of 创文 for the demo and the tests: the 2026 official calendar, the problem
 * categories and forty places across the zone. Each function is idempotent on an empty table.
 */
import { CATEGORY_SEEDS } from '../../../shared/domain/chuangwen/categories.js';
import type { TPlaceKind } from '../../../shared/domain/chuangwen/places.js';
import { OFFICIAL_CALENDAR_2026 } from '../../../shared/domain/chuangwen/workdays.js';
import type { Db } from '../../db/client.js';
import { cwCategories, cwPlaces } from '../../db/schema/chuangwen.js';
import { calendarDays } from '../../db/schema/core.js';
import { committeeName, rng, TOWNSHIPS, type TBaseSeed } from '../../seed/base.js';

/** Inserts the official 2026 calendar (国务院办公厅, 2025-11-04), leaving existing dates alone. */
export async function seedCalendar2026(db: Db): Promise<void> {
  await db
    .insert(calendarDays)
    .values([...OFFICIAL_CALENDAR_2026])
    .onConflictDoNothing();
}

/** Inserts the seed's and the usual 数字城管 categories; default units are resolved by name. */
export async function seedCategories(db: Db, base: TBaseSeed): Promise<void> {
  await db
    .insert(cwCategories)
    .values(
      CATEGORY_SEEDS.map((c, i) => ({
        code: c.code,
        name: c.name,
        kind: c.kind,
        groupName: c.group,
        defaultUnitType: c.unitType,
        defaultUnitId: c.unitName ? (base.unitByName.get(c.unitName)?.id ?? null) : null,
        deadlineValue: c.deadline.value,
        deadlineUnit: c.deadline.unit,
        urgency: c.urgency,
        sortOrder: (i + 1) * 10,
      })),
    )
    .onConflictDoNothing();
}

const CGJ = '示范区城市管理局';
const JYJ = '示范区教育局';

/** name, kind, area (village/community name from base.ts), address detail, property company, functional department. */
type TPlaceSeed = [string, TPlaceKind, string, string, string | null, string | null];

/** Forty places: most in 文昌办事处's communities, the rest in 搬口办事处 and 许湾乡. */
export const PLACE_SEEDS: readonly TPlaceSeed[] = [
  ['中原社区A区', 'compound', '中原社区A区', '中原路与文昌大道交叉口东北角', '周口中原物业服务有限公司', null],
  ['中原社区B区', 'compound', '中原社区B区', '中原路北段', '周口安居物业管理有限公司', null],
  ['文昌花园小区', 'compound', '文昌社区', '文昌大道88号', '周口文昌物业服务有限公司', null],
  ['人和社区', 'community', '人和社区', '人和街中段', null, null],
  ['庆丰社区', 'community', '庆丰社区', '庆丰路12号', null, null],
  ['泰山社区', 'community', '泰山社区', '泰山路北段', null, null],
  ['光明社区', 'community', '光明社区', '光明路西段', null, null],
  ['诚和家园', 'compound', '诚和社区', '光明路与诚和路交叉口', null, null],
  ['贵和家园B区', 'compound', '光明社区', '光明路东段', null, null],
  ['人和小区', 'compound', '人和社区', '人和街36号', null, null],
  ['庆丰老旧小区', 'compound', '庆丰社区', '庆丰路西侧', null, null],
  ['泰山家属院', 'compound', '泰山社区', '泰山路21号', null, null],
  ['中原路背街小巷', 'back_lane', '中原社区B区', '中原路北段东侧巷道', null, CGJ],
  ['文昌路东段背街', 'back_lane', '文昌社区', '文昌大道东段南侧', null, CGJ],
  ['人和街小巷', 'back_lane', '人和社区', '人和街北侧巷道', null, CGJ],
  ['庆丰巷', 'back_lane', '庆丰社区', '庆丰路与泰山路之间', null, CGJ],
  ['泰山路北段背街', 'back_lane', '泰山社区', '泰山路北段西侧', null, CGJ],
  ['光明路', 'street', '光明社区', '光明路全段', null, CGJ],
  ['文昌大道', 'street', '文昌社区', '文昌大道全段', null, CGJ],
  ['中原路', 'street', '中原社区A区', '中原路全段', null, CGJ],
  ['文昌农贸市场', 'market', '文昌社区', '文昌大道南侧', null, CGJ],
  ['人和农贸市场', 'market', '人和社区', '人和街南段', null, CGJ],
  ['文昌路公厕', 'toilet', '文昌社区', '文昌大道与庆丰路交叉口', null, CGJ],
  ['人和广场公厕', 'toilet', '人和社区', '人和广场西北角', null, CGJ],
  ['中原社区公厕', 'toilet', '中原社区A区', '中原社区A区南门东侧', null, CGJ],
  ['人和广场', 'square', '人和社区', '人和街与光明路交叉口', null, CGJ],
  ['文昌游园', 'square', '文昌社区', '文昌大道北侧', null, CGJ],
  ['文昌小学周边', 'school_area', '文昌社区', '文昌小学门前路段', null, JYJ],
  ['贾寨行政村', 'village', '贾寨行政村', '贾寨村主街', null, null],
  ['搬口行政村', 'village', '搬口行政村', '搬口村委会周边', null, null],
  ['搬口集贸市场', 'market', '搬口行政村', '搬口街中段', null, CGJ],
  ['搬口街', 'street', '搬口行政村', '搬口街全段', null, CGJ],
  ['刘庄村主街', 'back_lane', '刘庄行政村', '刘庄村东西主街', null, null],
  ['搬口办事处公厕', 'toilet', '搬口行政村', '搬口办事处东侧', null, CGJ],
  ['石庄行政村', 'village', '石庄行政村', '石庄村主街', null, null],
  ['许湾行政村', 'village', '许湾行政村', '许湾村委会周边', null, null],
  ['许湾集贸市场', 'market', '许湾行政村', '许湾街北段', null, CGJ],
  ['许湾街', 'street', '许湾行政村', '许湾街全段', null, CGJ],
  ['前营村背街小巷', 'back_lane', '前营行政村', '前营村南北巷道', null, null],
  ['许湾乡中心小学周边', 'school_area', '许湾行政村', '许湾乡中心小学门前路段', null, JYJ],
];

/**
 * Inserts the forty places with their responsible units (the community's 村(居)委会, the
 * property company, the functional department) and a plausible location near 周口.
 * Returns place ids by name. Call after `seedBase`.
 */
export async function seedPlaces(db: Db, base: TBaseSeed): Promise<Map<string, number>> {
  const rand = rng(20211102);
  const townshipOf = new Map(TOWNSHIPS.flatMap((t) => t.villages.map((v) => [v, t.name] as const)));
  const unitId = (name: string | null) => {
    if (!name) return null;
    const u = base.unitByName.get(name);
    if (!u) throw new Error(`seedPlaces: unknown unit ${name}`);
    return u.id;
  };
  const rows = PLACE_SEEDS.map(([name, kind, areaName, detail, propertyName, departmentName]) => {
    const area = base.areaByName.get(areaName);
    if (!area) throw new Error(`seedPlaces: unknown area ${areaName}`);
    return {
      name,
      kind,
      areaId: area.id,
      areaCode: area.code,
      address: `周口市城乡一体化示范区${townshipOf.get(areaName) ?? ''}${areaName === name ? '' : areaName}${detail}`,
      lat: Math.round((33.6 + rand() * 0.08) * 1e6) / 1e6,
      lng: Math.round((114.62 + rand() * 0.1) * 1e6) / 1e6,
      communityUnitId: unitId(committeeName(areaName)),
      propertyUnitId: unitId(propertyName),
      departmentUnitId: unitId(departmentName),
    };
  });
  const inserted = await db.insert(cwPlaces).values(rows).onConflictDoNothing().returning({ id: cwPlaces.id, name: cwPlaces.name });
  return new Map(inserted.map((r) => [r.name, r.id]));
}

/** All of 创文's reference data: calendar, categories, places. Returns place ids by name. */
export async function seedChuangwen(db: Db, base: TBaseSeed): Promise<Map<string, number>> {
  await seedCalendar2026(db);
  await seedCategories(db, base);
  return seedPlaces(db, base);
}
