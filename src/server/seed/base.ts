/**
 * The demo zone's skeleton: areas, units and accounts. Used by the demo seed and by tests.
 * Place names come from the seed article; every person's name is generated.
 */
import type { TAreaLevel } from '../../shared/domain/areas.js';
import { areaPrefix } from '../../shared/domain/areas.js';
import type { TRole } from '../../shared/domain/roles.js';
import type { TUnitType } from '../../shared/domain/units.js';
import type { Db } from '../db/client.js';
import { areas, units, users } from '../db/schema/core.js';
import { hashPassword } from '../lib/password.js';

export const ZONE_CODE = '411671000000';

interface TTownshipSeed {
  code: string;
  name: string;
  villages: string[];
}

/** Three townships of eight villages or communities; the first of each comes from the seed article. */
export const TOWNSHIPS: TTownshipSeed[] = [
  {
    code: '411671001000',
    name: '搬口办事处',
    villages: ['贾寨行政村', '搬口行政村', '刘庄行政村', '后李行政村', '大周行政村', '孙营行政村', '小湾行政村', '杨楼行政村'],
  },
  {
    code: '411671002000',
    name: '许湾乡',
    villages: ['石庄行政村', '许湾行政村', '前营行政村', '王岗行政村', '东坡行政村', '郑桥行政村', '白庙行政村', '新集行政村'],
  },
  {
    code: '411671003000',
    name: '文昌办事处',
    villages: ['中原社区A区', '中原社区B区', '文昌社区', '人和社区', '庆丰社区', '泰山社区', '光明社区', '诚和社区'],
  },
];

/** The committee of a village (村民委员会) or community (居民委员会), e.g. 贾寨村村民委员会. */
export function committeeName(area: string): string {
  return area.endsWith('行政村') ? `${area.slice(0, -3)}村村民委员会` : `${area}居民委员会`;
}

export const DISTRICT_BUREAUS = [
  '示范区卫生健康委员会',
  '示范区住房和城乡建设局',
  '示范区城市管理局',
  '示范区教育局',
  '示范区民政局',
  '示范区医疗保障局',
  '示范区残疾人联合会',
  '示范区人力资源和社会保障局',
  '示范区应急管理局',
  '示范区农业农村局',
  '示范区创文办',
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕晓东振华卫东宏伟建华新民学军国强丽娟淑珍';

/** A deterministic pseudo-random generator, so demo data is the same on every machine. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated Chinese name (not a real person). */
export function fakeName(rand: () => number): string {
  const s = SURNAMES[Math.floor(rand() * SURNAMES.length)];
  const n = rand() < 0.5 ? 1 : 2;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[Math.floor(rand() * GIVEN.length)];
  return s + g;
}

export interface TBaseSeed {
  zoneId: number;
  areaByName: Map<string, { id: number; code: string }>;
  unitByName: Map<string, { id: number; type: TUnitType; areaCode: string }>;
  userByName: Map<string, { id: number; role: TRole; unitId: number | null }>;
  accounts: { username: string; label: string }[];
}

async function addArea(db: Db, code: string, name: string, level: TAreaLevel, parentId: number | null) {
  const [row] = await db
    .insert(areas)
    .values({ code, name, level, prefix: areaPrefix(code, level), parentId })
    .returning({ id: areas.id });
  return { id: row.id, code };
}

/** Inserts the zone, its units and the demo accounts. All accounts share `password`. */
export async function seedBase(db: Db, password: string): Promise<TBaseSeed> {
  const rand = rng(20211101);
  const areaByName = new Map<string, { id: number; code: string }>();
  const zone = await addArea(db, ZONE_CODE, '周口市城乡一体化示范区', 'district', null);
  areaByName.set('示范区', zone);
  for (const t of TOWNSHIPS) {
    const town = await addArea(db, t.code, t.name, 'township', zone.id);
    areaByName.set(t.name, town);
    let i = 1;
    for (const v of t.villages) {
      const code = t.code.slice(0, 9) + String(200 + i++).padStart(3, '0');
      areaByName.set(v, await addArea(db, code, v, 'village', town.id));
    }
  }

  const unitByName = new Map<string, { id: number; type: TUnitType; areaCode: string }>();
  const addUnit = async (name: string, type: TUnitType, areaName: string) => {
    const area = areaByName.get(areaName)!;
    const [row] = await db
      .insert(units)
      .values({ name, type, areaId: area.id, areaCode: area.code, contact: fakeName(rand), phone: `1${Math.floor(3e9 + rand() * 6e9)}` })
      .returning({ id: units.id });
    unitByName.set(name, { id: row.id, type, areaCode: area.code });
  };
  for (const b of DISTRICT_BUREAUS) await addUnit(b, 'bureau', '示范区');
  await addUnit('示范区督导组', 'other', '示范区');
  await addUnit('示范区纪工委', 'other', '示范区');
  for (const t of TOWNSHIPS) {
    await addUnit(t.name, 'township_office', t.name);
    for (const v of t.villages) await addUnit(committeeName(v), 'village_committee', v);
  }
  await addUnit('周口中原物业服务有限公司', 'property', '中原社区A区');
  await addUnit('周口安居物业管理有限公司', 'property', '中原社区B区');
  await addUnit('周口文昌物业服务有限公司', 'property', '文昌社区');
  await addUnit('河南诚和建设工程有限公司', 'contractor', '示范区');
  await addUnit('周口路桥建设有限公司', 'contractor', '示范区');
  await addUnit('搬口办事处卫生院', 'clinic', '搬口办事处');
  await addUnit('许湾乡卫生院', 'clinic', '许湾乡');
  await addUnit('贾寨行政村卫生室', 'clinic', '贾寨行政村');
  await addUnit('石庄行政村卫生室', 'clinic', '石庄行政村');
  await addUnit('文昌大药房', 'pharmacy', '文昌社区');
  await addUnit('人和堂药店', 'pharmacy', '人和社区');

  const hash = await hashPassword(password);
  const userByName = new Map<string, { id: number; role: TRole; unitId: number | null }>();
  const accounts: { username: string; label: string }[] = [];
  const addUser = async (username: string, role: TRole, areaName: string, unitName: string | null, label: string) => {
    const unitId = unitName ? unitByName.get(unitName)!.id : null;
    const [row] = await db
      .insert(users)
      .values({ username, displayName: fakeName(rand), passwordHash: hash, role, unitId, areaId: areaByName.get(areaName)!.id })
      .returning({ id: users.id });
    userByName.set(username, { id: row.id, role, unitId });
    accounts.push({ username, label });
  };
  await addUser('admin', 'admin', '示范区', null, '系统管理员');
  await addUser('leader', 'leader', '示范区', null, '区领导');
  await addUser('inspector', 'inspector', '示范区', '示范区督导组', '督导组');
  await addUser('jiazhai', 'village_cadre', '贾寨行政村', committeeName('贾寨行政村'), '村干部 · 搬口办事处贾寨行政村');
  await addUser('shizhuang', 'village_cadre', '石庄行政村', committeeName('石庄行政村'), '村干部 · 许湾乡石庄行政村');
  await addUser('wuye', 'unit_staff', '中原社区A区', '周口中原物业服务有限公司', '物业公司 · 中原社区A区');
  await addUser('jiwei', 'discipline', '示范区', '示范区纪工委', '纪检监察');
  await addUser('banko', 'township_cadre', '搬口办事处', '搬口办事处', '乡镇干部 · 搬口办事处');
  await addUser('xuwan', 'township_cadre', '许湾乡', '许湾乡', '乡镇干部 · 许湾乡');
  await addUser('wenchang', 'township_cadre', '文昌办事处', '文昌办事处', '乡镇干部 · 文昌办事处');
  await addUser('chengguan', 'unit_staff', '示范区', '示范区城市管理局', '区城管局');
  await addUser('weishengyuan', 'clinic_staff', '搬口办事处', '搬口办事处卫生院', '卫生院 · 搬口办事处');
  return { zoneId: zone.id, areaByName, unitByName, userByName, accounts };
}
