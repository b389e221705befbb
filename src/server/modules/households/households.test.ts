import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { areaPrefix } from '../../../shared/domain/areas.js';
import { idCheckChar } from '../../../shared/domain/households/id-number.js';
import { screenHousehold, screeningSettings, type TScreeningFacts, type TScreeningMember } from '../../../shared/domain/households/screening.js';
import { rowsOf } from '../../db/rows.js';
import { createTestApp, login, type TClient, type TTestContext } from '../../../../test/helpers.js';
import { runScreening } from './households.service.js';
import type { TUser } from '../../lib/types.js';

let ctx: TTestContext;
let admin: TClient, leader: TClient, inspector: TClient, jiazhai: TClient, shizhuang: TClient, banko: TClient, xuwan: TClient, wuye: TClient;
let areas: { jiazhai: number; shizhuang: number; banko: number; houli: number };

const put = (c: TClient, url: string, body: unknown) =>
  ctx.app.inject({ method: 'PUT', url, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: body as object });

let seq = 100;
/** A fresh valid ID number born on `birth` (YYYYMMDD); odd sequence = male. */
function newId(birth: string, male = true): string {
  seq += 2;
  const first17 = `411602${birth}${String(male ? seq + 1 : seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

beforeAll(async () => {
  ctx = await createTestApp();
  [admin, leader, inspector, jiazhai, shizhuang, banko, xuwan, wuye] = await Promise.all(
    ['admin', 'leader', 'inspector', 'jiazhai', 'shizhuang', 'banko', 'xuwan', 'wuye'].map((u) => login(ctx.app, u)),
  );
  const a = ctx.seed.areaByName;
  areas = { jiazhai: a.get('贾寨行政村')!.id, shizhuang: a.get('石庄行政村')!.id, banko: a.get('搬口办事处')!.id, houli: a.get('后李行政村')!.id };
});
afterAll(async () => ctx?.close());

let codeSeq = 0;
async function createHousehold(client: TClient, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/households', {
    code: `4116710012${String(++codeSeq).padStart(4, '0')}`,
    areaId: areas.jiazhai,
    hamlet: '前寨',
    address: '贾寨村前寨 12 号',
    phone: '13812345678',
    type: 'lifted',
    riskTypes: ['illness'],
    housingGrade: 'B',
    drinkingWater: 'safe',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addMember(client: TClient, householdId: number, over: Record<string, unknown> = {}) {
  return client.post(`/api/households/${householdId}/members`, {
    name: '张伟',
    idNumber: newId('19800301'),
    relation: 'head',
    labourSkill: 'ordinary',
    hasMedicalInsurance: true,
    ...over,
  });
}

/** A household of four in 贾寨 (head, spouse, two children). */
async function familyOfFour(client: TClient = jiazhai, over: Record<string, unknown> = {}) {
  const h = await createHousehold(client, over);
  for (const [name, idNumber, relation, extra] of [
    ['张伟', newId('19800301'), 'head', {}],
    ['李娜', newId('19820515', false), 'spouse', {}],
    ['张小明', newId('20120110'), 'son', { schoolStatus: 'primary', labourSkill: null }],
    ['张小红', newId('20150620', false), 'daughter', { schoolStatus: 'primary', labourSkill: null }],
  ] as const) {
    const res = await addMember(client, h.id, { name, idNumber, relation, ...extra });
    expect(res.statusCode, res.body).toBe(201);
  }
  return (await client.get(`/api/households/${h.id}`)).json();
}

describe('households', () => {
  test('a village cadre registers a household in their village; the phone comes back masked', async () => {
    const h = await createHousehold(jiazhai);
    expect(h).toMatchObject({ areaName: '贾寨行政村', type: 'lifted', phone: '138****5678', memberCount: 0, version: 1 });
    expect(h.abilities).toEqual({ canEdit: true, canReveal: true });
  });

  test('another village, a township-level area, a duplicate 户编号 and an incomplete 监测户 are refused', async () => {
    let res = await jiazhai.post('/api/households', { code: 'X0000001', areaId: areas.shizhuang, type: 'ordinary' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.areaId).toBeTruthy();
    res = await banko.post('/api/households', { code: 'X0000002', areaId: areas.banko, type: 'ordinary' });
    expect(res.json().error.fields.areaId).toBe('农户须登记到行政村（社区）');
    const h = await createHousehold(jiazhai);
    res = await jiazhai.post('/api/households', { code: h.code, areaId: areas.jiazhai, type: 'ordinary' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DUPLICATE');
    res = await jiazhai.post('/api/households', { code: 'X0000003', areaId: areas.jiazhai, type: 'monitored' });
    expect(res.json().error.fields.monitoringCategory).toBe('监测户须选择监测对象类别');
  });

  test('roles that do not keep the registry cannot write', async () => {
    const res = await inspector.post('/api/households', { code: 'X0000004', areaId: areas.jiazhai, type: 'ordinary' });
    expect(res.statusCode).toBe(403);
  });

  test('update is versioned and audited', async () => {
    const h = await createHousehold(jiazhai);
    let res = await jiazhai.patch(`/api/households/${h.id}`, {
      version: h.version,
      type: 'monitored',
      monitoringCategory: 'unstable',
      riskTypes: ['illness', 'schooling'],
      identifiedAt: '2023-05-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ type: 'monitored', monitoringCategory: 'unstable', version: 2 });
    res = await jiazhai.patch(`/api/households/${h.id}`, { version: h.version, address: '旧版本' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STALE_VERSION');
    const audits = rowsOf<{ action: string }>(
      await ctx.db.execute(sql`select action from audit_log where entity = 'household' and entity_id = ${String(h.id)} order by id`),
    );
    expect(audits.map((a) => a.action)).toEqual(['household.create', 'household.update']);
  });
});

describe('members and ID numbers', () => {
  test('a mangled but safe ID is normalized; sex and birth date come from it; responses mask it', async () => {
    const h = await createHousehold(jiazhai);
    const id = newId('19750812');
    const mangled = ` ${id.slice(0, 6)}-${id.slice(6, 14)} ${id.slice(14)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const res = await addMember(jiazhai, h.id, { idNumber: mangled, name: '王强' });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.idNumber).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    expect(m).toMatchObject({ sex: 'M', birthDate: null, relation: 'head' });
    const stored = rowsOf<{ id_number: string; birth_date: string }>(
      await ctx.db.execute(sql`select id_number, birth_date::text from household_members where id = ${m.id}`),
    );
    expect(stored[0]).toEqual({ id_number: id, birth_date: '1975-08-12' });
  });

  test('scientific notation and a bad checksum are refused with a Chinese reason', async () => {
    const h = await createHousehold(jiazhai);
    let res = await addMember(jiazhai, h.id, { idNumber: '4.11602E+17' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.idNumber).toContain('科学计数法');
    const id = newId('19800301');
    res = await addMember(jiazhai, h.id, { idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') });
    expect(res.json().error.fields.idNumber).toContain('校验位');
  });

  test('an ID already registered is 409 DUPLICATE naming the household that has it', async () => {
    const h = await createHousehold(jiazhai);
    const id = newId('19600101');
    expect((await addMember(jiazhai, h.id, { idNumber: id })).statusCode).toBe(201);
    const other = await createHousehold(shizhuang, { areaId: areas.shizhuang });
    const res = await addMember(shizhuang, other.id, { idNumber: id.toLowerCase() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE' });
    expect(res.json().error.message).toContain(`贾寨行政村户编号 ${h.code}`);
  });

  test('one head per household', async () => {
    const h = await createHousehold(jiazhai);
    expect((await addMember(jiazhai, h.id)).statusCode).toBe(201);
    const res = await addMember(jiazhai, h.id, { name: '另一户主' });
    expect(res.json().error.fields.relation).toBeTruthy();
  });

  test('correcting an ID re-derives sex and birth date and still refuses duplicates', async () => {
    const h = await familyOfFour();
    const [head, spouse] = h.members;
    const fixed = newId('19810302', false);
    let res = await jiazhai.patch(`/api/households/members/${head.id}`, { version: head.version, idNumber: fixed });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sex: 'F', version: head.version + 1 });
    const spouseId = rowsOf<{ id_number: string }>(await ctx.db.execute(sql`select id_number from household_members where id = ${spouse.id}`))[0].id_number;
    res = await jiazhai.patch(`/api/households/members/${head.id}`, { version: head.version + 1, idNumber: spouseId });
    expect(res.statusCode).toBe(409);
  });

  test('moves: a son splits into a new household, a grandmother dies; history is kept', async () => {
    const h = await familyOfFour();
    const son = h.members.find((m: { name: string }) => m.name === '张小明');
    const newHome = await createHousehold(jiazhai, { type: 'ordinary' });
    let res = await jiazhai.post(`/api/households/members/${son.id}/move`, {
      version: son.version,
      kind: 'split',
      toHouseholdId: newHome.id,
      relation: 'head',
      movedOn: '2024-01-15',
      note: '分户另过',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ householdId: newHome.id, relation: 'head' });

    const head = h.members.find((m: { relation: string }) => m.relation === 'head');
    res = await jiazhai.post(`/api/households/members/${head.id}/move`, { version: head.version, kind: 'death', movedOn: '2024-02-01' });
    expect(res.json()).toMatchObject({ isActive: false, leftAt: '2024-02-01', leftReason: 'death' });

    const after = (await jiazhai.get(`/api/households/${h.id}`)).json();
    expect(after.memberCount).toBe(2);
    expect(after.moves.map((m: { kindLabel: string }) => m.kindLabel)).toEqual(expect.arrayContaining(['分户', '死亡', '建档登记']));
    res = await jiazhai.post(`/api/households/members/${head.id}/move`, { version: head.version + 1, kind: 'move_out', movedOn: '2024-02-02' });
    expect(res.statusCode).toBe(400);
  });
});

describe('scope and masking', () => {
  test('village, township and district scope; another area is 404; unit staff see none', async () => {
    const h = await createHousehold(jiazhai);
    expect((await jiazhai.get(`/api/households/${h.id}`)).statusCode).toBe(200);
    expect((await banko.get(`/api/households/${h.id}`)).statusCode).toBe(200);
    expect((await leader.get(`/api/households/${h.id}`)).statusCode).toBe(200);
    expect((await shizhuang.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    expect((await xuwan.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    expect((await wuye.get(`/api/households/${h.id}`)).statusCode).toBe(404);
    expect((await wuye.get('/api/households')).json().total).toBe(0);
    const res = await shizhuang.patch(`/api/households/${h.id}`, { version: 1, address: '越权修改' });
    expect(res.statusCode).toBe(404);
    const list = (await shizhuang.get('/api/households?pageSize=200')).json();
    expect(list.items.map((r: { id: number }) => r.id)).not.toContain(h.id);
  });

  test('?reveal=true shows ID numbers and phones in full to PII roles, and is audited', async () => {
    const h = await familyOfFour();
    const masked = (await jiazhai.get(`/api/households/${h.id}`)).json();
    expect(masked.isRevealed).toBe(false);
    expect(masked.members[0].idNumber).toMatch(/^411602\*{8}\d{3}[\dX]$/);
    const res = await jiazhai.get(`/api/households/${h.id}?reveal=true`);
    const full = res.json();
    expect(full.isRevealed).toBe(true);
    expect(full.phone).toBe('13812345678');
    expect(full.members[0].idNumber).toMatch(/^411602\d{11}[\dX]$/);
    expect(full.members[0].birthDate).toBe('1980-03-01');
    const audits = rowsOf<{ username: string; detail: string }>(
      await ctx.db.execute(sql`select username, detail from audit_log where action = 'pii.reveal' and entity_id = ${String(h.id)}`),
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].username).toBe('jiazhai');
    expect(audits[0].detail).toContain(h.code);
  });

  test('roles outside PII_ROLES are refused the unmasked view', async () => {
    const h = await createHousehold(jiazhai);
    expect((await inspector.get(`/api/households/${h.id}`)).json().abilities.canReveal).toBe(false);
    expect((await inspector.get(`/api/households/${h.id}?reveal=true`)).statusCode).toBe(403);
  });

  test('audit snapshots never hold a full ID number', async () => {
    const h = await familyOfFour();
    const rows = rowsOf<{ after: unknown }>(await ctx.db.execute(sql`select after from audit_log where action = 'member.create'`));
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/411602\d{11}[\dX]/);
    expect(h.members).toHaveLength(4);
  });
});

describe('income, guarantees, monitoring line and screening', () => {
  test('income per year: net and per capita computed from the five components and the household size', async () => {
    const h = await familyOfFour();
    const res = await put(jiazhai, `/api/households/${h.id}/income/2023`, { wage: 18000, business: 9000, productionCost: 3000, property: 400, transfer: 2920 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().incomes[0]).toMatchObject({ year: 2023, householdSize: 4, netIncome: 27320, perCapita: 6830 });
    const again = await put(jiazhai, `/api/households/${h.id}/income/2023`, { wage: 20000, business: 0, productionCost: 0, property: 0, transfer: 0, householdSize: 5 });
    expect(again.json().incomes).toHaveLength(1);
    expect(again.json().incomes[0]).toMatchObject({ netIncome: 20000, perCapita: 4000 });
  });

  test('only admins and leaders set the monitoring line, with its source', async () => {
    expect((await put(jiazhai, '/api/households/settings/monitoring-lines/2023', { incomeLine: 7500, sourceNote: '文件' })).statusCode).toBe(403);
    const bad = await put(admin, '/api/households/settings/monitoring-lines/2023', { incomeLine: 7500, sourceNote: '' });
    expect(bad.statusCode).toBe(400);
    const res = await put(admin, '/api/households/settings/monitoring-lines/2023', {
      incomeLine: 7500,
      sourceNote: '河南省 2023 年防止返贫监测范围（示例：林州 7,500 元）',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ year: 2023, areaPrefix: '', incomeLine: 7500 }));
  });

  test('screening without a line for the year answers SETTING_MISSING', async () => {
    const res = await admin.post('/api/households/screening', { year: 2021 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SETTING_MISSING');
  });

  test('screening raises flags that explain themselves, keeps them on re-run and resolves them when fixed', async () => {
    await put(leader, '/api/households/settings/monitoring-lines/2023', { incomeLine: 7500, sourceNote: '示例' });
    const h = await familyOfFour();
    await put(jiazhai, `/api/households/${h.id}/income/2023`, { wage: 18000, business: 9000, productionCost: 3000, property: 400, transfer: 2920 });
    let res = await put(jiazhai, `/api/households/${h.id}/guarantees/2023`, {
      items: [
        { item: 'housing', status: 'not_secured', note: '房屋鉴定为 C 级' },
        { item: 'water', status: 'secured' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().guarantees[0].items).toHaveLength(2);

    res = await jiazhai.post('/api/households/screening', { year: 2023 });
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first.raised).toBeGreaterThanOrEqual(2);
    let detail = (await jiazhai.get(`/api/households/${h.id}`)).json();
    const messages = detail.flags.filter((f: { resolvedAt: string | null }) => !f.resolvedAt).map((f: { message: string }) => f.message);
    expect(messages).toContain('人均纯收入 6,830 元 < 监测线 7,500 元');
    expect(messages).toContain('住房安全：核查结果为未保障');
    expect(detail.openFlags).toBe(2);

    const listed = (await jiazhai.get('/api/households?flagged=true&pageSize=200')).json();
    expect(listed.items.map((r: { id: number }) => r.id)).toContain(h.id);
    const byRule = (await jiazhai.get('/api/households?flagRule=housing&pageSize=200')).json();
    expect(byRule.items.map((r: { id: number }) => r.id)).toContain(h.id);

    res = await jiazhai.post('/api/households/screening', { year: 2023 });
    expect(res.json()).toMatchObject({ raised: 0, resolved: 0 });
    expect(res.json().stillOpen).toBe(first.raised + first.stillOpen);

    await put(jiazhai, `/api/households/${h.id}/income/2023`, { wage: 60000, business: 0, productionCost: 0, property: 0, transfer: 0 });
    await put(jiazhai, `/api/households/${h.id}/guarantees/2023`, { items: [{ item: 'housing', status: 'secured', note: '危房改造完成' }] });
    res = await jiazhai.post('/api/households/screening', { year: 2023 });
    expect(res.json().resolved).toBeGreaterThanOrEqual(2);
    detail = (await jiazhai.get(`/api/households/${h.id}`)).json();
    expect(detail.openFlags).toBe(0);
    expect(detail.flags.every((f: { resolvedAt: string | null }) => f.resolvedAt)).toBe(true);
  });

  test('screening covers the caller’s scope only', async () => {
    await put(admin, '/api/households/settings/monitoring-lines/2023', { incomeLine: 7500, sourceNote: '示例' });
    const far = await createHousehold(shizhuang, { areaId: areas.shizhuang });
    await addMember(shizhuang, far.id);
    await put(shizhuang, `/api/households/${far.id}/income/2023`, { wage: 1000, business: 0, productionCost: 0, property: 0, transfer: 0 });
    await jiazhai.post('/api/households/screening', { year: 2023 });
    expect((await shizhuang.get(`/api/households/${far.id}`)).json().openFlags).toBe(0);
    await shizhuang.post('/api/households/screening', { year: 2023 });
    expect((await shizhuang.get(`/api/households/${far.id}`)).json().openFlags).toBe(1);
  });
});

test('screening in small batches gives the same result as one batch (keyset, prefetch, diff)', async () => {
  await put(admin, '/api/households/settings/monitoring-lines/2022', { incomeLine: 7000, sourceNote: '示例' });
  for (let i = 0; i < 3; i++) {
    const h = await familyOfFour();
    await put(jiazhai, `/api/households/${h.id}/income/2022`, { wage: 10000 * (i + 1), business: 0, productionCost: 0, property: 0, transfer: 0 });
  }
  const user = {
    id: ctx.seed.userByName.get('admin')!.id,
    username: 'admin',
    displayName: '管理员',
    role: 'admin',
    unitId: null,
    unitName: null,
    areaId: ctx.seed.zoneId,
    areaName: '示范区',
    areaCode: '411671000000',
    areaPrefix: '411671',
  } satisfies TUser;
  const small = await runScreening(ctx.db, user, { year: 2022 }, { batchSize: 2 });
  expect(small.raised).toBeGreaterThan(0);
  const again = await runScreening(ctx.db, user, { year: 2022 }, { batchSize: 1000 });
  expect(again).toMatchObject({ households: small.households, members: small.members, raised: 0, resolved: 0, stillOpen: small.raised + small.stillOpen });
  expect(again.byRule).toEqual(small.byRule);
});

describe('screening through the database', () => {
  type TFlagView = { rule: string; message: string; numbers: Record<string, number | string>; resolvedAt: string | null; year: number };
  const openFlagsOf = async (c: TClient, id: number, year: number) =>
    ((await c.get(`/api/households/${id}`)).json().flags as TFlagView[])
      .filter((f) => !f.resolvedAt && f.year === year)
      .map(({ rule, message, numbers }) => ({ rule, message, numbers }))
      .sort((a, b) => a.rule.localeCompare(b.rule));
  const expected = (facts: TScreeningFacts) =>
    screenHousehold(facts, screeningSettings(7500)).sort((a, b) => a.rule.localeCompare(b.rule));
  const member = (name: string, birth: string, over: Partial<TScreeningMember> = {}): TScreeningMember => ({
    name,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    schoolStatus: null,
    hasMedicalInsurance: true,
    disabilityGrade: null,
    labourSkill: null,
    ...over,
  });
  async function household(type: string, members: TScreeningMember[], over: Record<string, unknown> = {}) {
    const h = await createHousehold(jiazhai, { type, ...(type === 'monitored' ? { monitoringCategory: 'sudden' } : {}), ...over });
    for (const [i, m] of members.entries()) {
      const res = await addMember(jiazhai, h.id, {
        name: m.name,
        idNumber: newId(m.birthDate.replaceAll('-', ''), i % 2 === 0),
        relation: i === 0 ? 'head' : 'other',
        schoolStatus: m.schoolStatus,
        hasMedicalInsurance: m.hasMedicalInsurance,
        disabilityGrade: m.disabilityGrade,
        labourSkill: m.labourSkill,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    return h.id as number;
  }
  const income = (wage: number, extra: Record<string, number> = {}) => ({ wage, business: 0, productionCost: 0, property: 0, transfer: 0, ...extra });
  const base = { year: 2020, asOf: '2020-12-31', previousIncome: null, guarantees: {} } as const;

  test('raises every rule in the rules’ own words and numbers, then updates, resolves and raises in one run', async () => {
    await put(leader, '/api/households/settings/monitoring-lines/2020', { incomeLine: 7500, sourceNote: '示例' });
    // A: every rule but income_near_line; members in the order entered (messages list them so).
    const aMembers = [
      member('王强', '19500301', { labourSkill: 'weak', disabilityGrade: 1 }),
      member('李梅', '19520515', { labourSkill: 'lost', hasMedicalInsurance: false }),
      member('王小军', '20100110', { schoolStatus: 'dropout' }),
      member('王小丽', '20120501', { schoolStatus: 'primary', hasMedicalInsurance: false }),
    ];
    const a = await household('lifted', aMembers, { housingGrade: 'D', drinkingWater: 'unsafe' });
    await put(jiazhai, `/api/households/${a}/income/2019`, income(40000));
    await put(jiazhai, `/api/households/${a}/income/2020`, income(8000, { medicalSelfPay: 6000.4, educationCost: 12500.5, disasterLoss: 3000 }));
    await put(jiazhai, `/api/households/${a}/guarantees/2020`, { items: [{ item: 'food_clothing', status: 'not_secured' }] });
    // B: near the line; self-paid medical costs under an ordinary household's threshold.
    const bMembers = [member('赵刚', '19850301', { labourSkill: 'ordinary' })];
    const b = await household('ordinary', bMembers, { housingGrade: 'A' });
    await put(jiazhai, `/api/households/${b}/income/2020`, income(9000, { medicalSelfPay: 6000 }));
    // C: nothing to raise.
    const cMembers = [member('钱进', '19850301', { labourSkill: 'skilled' })];
    const c = await household('ordinary', cMembers, { housingGrade: 'A' });
    await put(jiazhai, `/api/households/${c}/income/2020`, income(30000));

    let res = await jiazhai.post('/api/households/screening', { year: 2020 });
    expect(res.statusCode, res.body).toBe(200);
    const aFacts: TScreeningFacts = {
      ...base,
      householdType: 'lifted',
      housingGrade: 'D',
      drinkingWater: 'unsafe',
      members: aMembers,
      income: { perCapita: 2000, medicalSelfPay: 6000.4, educationCost: 12500.5, disasterLoss: 3000 },
      previousIncome: { perCapita: 10000 },
      guarantees: { food_clothing: 'not_secured' },
    };
    const aFlags = expected(aFacts);
    expect(aFlags.map((f) => f.rule)).toHaveLength(12);
    expect(aFlags.find((f) => f.rule === 'medical')!.message).toBe('基本医疗：李梅、王小丽 未参加基本医疗保险');
    expect(await openFlagsOf(jiazhai, a, 2020)).toEqual(aFlags);
    const bFacts: TScreeningFacts = {
      ...base,
      householdType: 'ordinary',
      housingGrade: 'A',
      drinkingWater: 'safe',
      members: bMembers,
      income: { perCapita: 9000, medicalSelfPay: 6000, educationCost: null, disasterLoss: null },
    };
    expect((await openFlagsOf(jiazhai, b, 2020)).map((f) => f.rule)).toEqual(['income_near_line']);
    expect(await openFlagsOf(jiazhai, b, 2020)).toEqual(expected(bFacts));
    expect(await openFlagsOf(jiazhai, c, 2020)).toEqual([]);

    // One run that updates A's income messages, resolves B's flag and raises C's.
    await put(jiazhai, `/api/households/${a}/income/2020`, income(10000, { medicalSelfPay: 6000.4, educationCost: 12500.5, disasterLoss: 3000 }));
    await put(jiazhai, `/api/households/${b}/income/2020`, income(30000));
    await put(jiazhai, `/api/households/${c}/guarantees/2020`, { items: [{ item: 'water', status: 'not_secured' }] });
    res = await jiazhai.post('/api/households/screening', { year: 2020 });
    expect(res.json()).toMatchObject({ raised: 1, resolved: 1 });
    expect(await openFlagsOf(jiazhai, a, 2020)).toEqual(expected({ ...aFacts, income: { ...aFacts.income!, perCapita: 2500 } }));
    expect((await openFlagsOf(jiazhai, a, 2020)).find((f) => f.rule === 'income_below_line')!.message).toBe('人均纯收入 2,500 元 < 监测线 7,500 元');
    expect(await openFlagsOf(jiazhai, b, 2020)).toEqual([]);
    expect(await openFlagsOf(jiazhai, c, 2020)).toEqual([{ rule: 'water', message: '饮水安全：核查结果为未保障', numbers: {} }]);
  });

  test('the list counts households with open flags the same way for a village and for the whole zone', async () => {
    const expectedTotal = async (areaCodeLike: string, rule?: string) =>
      rowsOf<{ n: number }>(
        await ctx.db.execute(sql`
          select count(distinct h.id)::int as n from households h join screening_flags f on f.household_id = h.id and f.resolved_at is null
          where h.is_active and h.area_code like ${areaCodeLike} and (${rule ?? null}::text is null or f.rule = ${rule ?? null})`),
      )[0].n;
    const jiazhaiCode = rowsOf<{ code: string }>(await ctx.db.execute(sql`select code from areas where id = ${areas.jiazhai}`))[0].code;
    for (const [client, like] of [
      [leader, '411671%'],
      [jiazhai, jiazhaiCode],
    ] as const) {
      // income_near_line: only resolved flags (the run above resolved 赵刚's), which must not count.
      expect(await expectedTotal(like, 'medical')).toBeGreaterThan(0);
      for (const rule of ['medical', 'no_labour', 'income_below_line', 'income_near_line']) {
        const n = await expectedTotal(like, rule);
        expect((await client.get(`/api/households?flagRule=${rule}`)).json().total, `${client.username} ${rule}`).toBe(n);
      }
      const all = await expectedTotal(like);
      expect((await client.get('/api/households?flagged=true')).json().total, client.username).toBe(all);
      expect((await client.get('/api/households?flagged=true&flagRule=medical,water')).json().total).toBe(
        rowsOf<{ n: number }>(
          await ctx.db.execute(sql`
            select count(*)::int as n from households h where h.is_active and h.area_code like ${like}
              and exists (select 1 from screening_flags f where f.household_id = h.id and f.resolved_at is null and f.rule in ('medical', 'water'))`),
        )[0].n,
      );
    }
  });

  test('a village screens only its households, whether their ids lie close together or among other villages’', async () => {
    await put(leader, '/api/households/settings/monitoring-lines/2019', { incomeLine: 7500, sourceNote: '示例' });
    // Ids: J S J S (dense for 贾寨) then J S S S J S S S J (sparse).
    const pattern = 'JSJSJSSSJSSSJ';
    const ids: { village: 'J' | 'S'; id: number }[] = [];
    for (const v of pattern as Iterable<'J' | 'S'>) {
      const client = v === 'J' ? jiazhai : shizhuang;
      const h = await createHousehold(client, { areaId: v === 'J' ? areas.jiazhai : areas.shizhuang });
      const res = await addMember(client, h.id, { name: v === 'J' ? '贾一' : '石一', labourSkill: 'lost' });
      expect(res.statusCode, res.body).toBe(201);
      ids.push({ village: v, id: h.id });
    }
    const flagsOf = async (c: TClient, id: number) => (await openFlagsOf(c, id, 2019)).map((f) => f.rule);
    await shizhuang.post('/api/households/screening', { year: 2019 });
    const u = ctx.seed.userByName.get('jiazhai')!;
    const area = ctx.seed.areaByName.get('贾寨行政村')!;
    const jiazhaiUser: TUser = {
      id: u.id,
      username: 'jiazhai',
      displayName: '贾寨',
      role: u.role,
      unitId: u.unitId,
      unitName: null,
      areaId: area.id,
      areaName: '贾寨行政村',
      areaCode: area.code,
      areaPrefix: areaPrefix(area.code, 'village'),
    };
    const before = await runScreening(ctx.db, jiazhaiUser, { year: 2019 }, { batchSize: 1000 });
    const [inVillage] = rowsOf<{ households: number; members: number }>(
      await ctx.db.execute(sql`
        select count(*)::int as households, (select count(*)::int from household_members m join households h on h.id = m.household_id
          where m.is_active and h.is_active and h.area_id = ${areas.jiazhai}) as members
        from households where is_active and area_id = ${areas.jiazhai}`),
    );
    expect(before).toMatchObject(inVillage);
    const small = await runScreening(ctx.db, jiazhaiUser, { year: 2019 }, { batchSize: 2 });
    expect(small).toMatchObject({ households: before.households, members: before.members, raised: 0, resolved: 0, stillOpen: before.raised + before.stillOpen });
    for (const { village, id } of ids) {
      expect(await flagsOf(village === 'J' ? jiazhai : shizhuang, id), `${village} ${id}`).toEqual(['no_labour']);
    }
    // 石庄's flags stay theirs: 贾寨's runs neither resolved nor duplicated them.
    const s = ids.filter((x) => x.village === 'S').map((x) => x.id);
    const rows = rowsOf<{ n: number }>(
      await ctx.db.execute(sql`select count(*)::int as n from screening_flags where year = 2019 and resolved_at is null and household_id in (${sql.join(s.map((id) => sql`${id}`), sql`, `)})`),
    );
    expect(rows[0].n).toBe(s.length);
  });
});

describe('list', () => {
  test('pages follow the order asked for, whichever page', async () => {
    for (const q of ['sort=code&order=desc', 'sort=updatedAt&order=desc', 'sort=code&order=asc&flagged=true']) {
      const all = (await jiazhai.get(`/api/households?${q}&pageSize=200`)).json().items.map((r: { id: number }) => r.id);
      expect(all.length, q).toBeGreaterThan(6);
      const paged: number[] = [];
      for (let page = 1; paged.length < all.length; page++) {
        paged.push(...(await jiazhai.get(`/api/households?${q}&pageSize=3&page=${page}`)).json().items.map((r: { id: number }) => r.id));
      }
      expect(paged, q).toEqual(all);
    }
  });
  test('filters, paging and sorting', async () => {
    const a = await createHousehold(jiazhai, { type: 'monitored', monitoringCategory: 'sudden', riskTypes: ['disaster', 'accident'], identifiedAt: '2024-01-01' });
    await createHousehold(jiazhai, { type: 'ordinary', riskTypes: [] });
    let list = (await jiazhai.get('/api/households?type=monitored&pageSize=200')).json();
    expect(list.items.every((r: { type: string }) => r.type === 'monitored')).toBe(true);
    expect(list.items.map((r: { id: number }) => r.id)).toContain(a.id);
    list = (await jiazhai.get('/api/households?riskType=disaster,labour&pageSize=200')).json();
    expect(list.items.map((r: { id: number }) => r.id)).toEqual([a.id]);
    list = (await jiazhai.get(`/api/households?q=${a.code}`)).json();
    expect(list.items).toHaveLength(1);
    list = (await banko.get(`/api/households?areaId=${areas.houli}`)).json();
    expect(list.total).toBe(0);
    const page1 = (await jiazhai.get('/api/households?pageSize=2&sort=code&order=desc')).json();
    const page2 = (await jiazhai.get('/api/households?pageSize=2&page=2&sort=code&order=desc')).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBeGreaterThan(4);
    expect(page1.items[1].code > page2.items[0].code).toBe(true);
    expect(page1.items[0].phone).toBe('138****5678');
  });
});
