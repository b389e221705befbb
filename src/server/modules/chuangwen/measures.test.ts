import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIXTURE_CASES, FIXTURE_PERIOD } from '../../../shared/domain/chuangwen/measures.fixture.js';
import { countMeasures, DEFAULT_MEASURE_SETTINGS, scoreMeasures } from '../../../shared/domain/chuangwen/measures.js';
import { login, type TClient } from '../../../../test/helpers.js';
import { attachments } from '../../db/schema/attachments.js';
import { caseEvents } from '../../db/schema/cases.js';
import { addDays, zoneDate, zoneDayStart, zoneWeekStart } from '../../lib/time.js';
import { createCwTestApp, insertCaseRow, type TCwTestContext } from './chuangwen.testing.js';

let ctx: TCwTestContext;
let leader: TClient;
let wuye: TClient;
let admin: TClient;
const UNITS = { U1: '周口中原物业服务有限公司', U2: '示范区城市管理局', U3: '文昌社区居民委员会', U4: '人和社区居民委员会' } as const;
const PERIOD = `from=${FIXTURE_PERIOD.from}&to=${FIXTURE_PERIOD.to}`;

beforeAll(async () => {
  ctx = await createCwTestApp();
  [leader, wuye, admin] = await Promise.all(['leader', 'wuye', 'admin'].map((u) => login(ctx.app, u)));
  // The hand-checked fixture, in module 'other' so the board's 创文 cases stay apart.
  // U1's cases are all at 中原社区A区, so per place that place has U1's numbers.
  for (const c of FIXTURE_CASES) {
    const u = ctx.seed.unitByName.get(UNITS[c.group])!;
    const area = [...ctx.seed.areaByName.values()].find((a) => a.code === u.areaCode)!;
    const { key, group, ...row } = c;
    await insertCaseRow(ctx.db, {
      ...row,
      title: `夹具${key}`,
      module: 'other',
      unitId: u.id,
      areaId: area.id,
      areaCode: u.areaCode,
      place: group === 'U1' ? '中原社区A区' : null,
      placeId: group === 'U1' ? ctx.places.get('中原社区A区') : undefined,
      severity: 'normal',
    });
  }
});
afterAll(async () => ctx?.close());

describe('GET /api/chuangwen/measures (SQL) on the hand-checked fixture', () => {
  test('per unit: the same numbers as the pure function, which the domain test checks by hand', async () => {
    const res = await leader.get(`/api/chuangwen/measures?${PERIOD}&module=other`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const ids = Object.fromEntries(Object.entries(UNITS).map(([k, n]) => [k, ctx.seed.unitByName.get(n)!.id]));
    const pure = scoreMeasures(
      countMeasures(
        FIXTURE_CASES.map((c) => ({ ...c, groupId: ids[c.group] })),
        FIXTURE_PERIOD,
        DEFAULT_MEASURE_SETTINGS,
      ),
      new Map(Object.entries(UNITS).map(([k, n]) => [ids[k], n])),
      DEFAULT_MEASURE_SETTINGS,
    );
    expect(body.rows).toEqual(pure);
    // A few of the hand-worked numbers, so a shared mistake cannot hide.
    expect(body.rows[0]).toMatchObject({ name: '示范区城市管理局', rank: 1, score: 99.8, avgRectifyHours: 52 });
    expect(body.rows[3]).toMatchObject({ name: '周口中原物业服务有限公司', rank: 4, due: 5, closed: 3, closedOnTime: 1, overdue: 3, score: 95.1, avgRectifyHours: 128 });
  });

  test('per place: 中原社区A区 carries U1’s cases', async () => {
    const body = (await leader.get(`/api/chuangwen/measures?${PERIOD}&module=other&groupBy=place`)).json();
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ name: '中原社区A区', due: 5, closed: 3, returned: 2, extended: 1, overdue: 3, score: 95.1, rank: 1 });
  });

  test('scope: the property company sees its own row only', async () => {
    const body = (await wuye.get(`/api/chuangwen/measures?${PERIOD}&module=other`)).json();
    expect(body.rows.map((r: { name: string }) => r.name)).toEqual(['周口中原物业服务有限公司']);
  });

  test('deductions come from the saved settings', async () => {
    const settings = { ...DEFAULT_MEASURE_SETTINGS, doubleSources: [], perOverdue: 2 };
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/chuangwen/settings/measures',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: settings,
    });
    expect(put.statusCode, put.body).toBe(200);
    const body = (await leader.get(`/api/chuangwen/measures?${PERIOD}&module=other`)).json();
    expect(body.settings).toEqual(settings);
    expect(body.rows.find((r: { name: string }) => r.name === UNITS.U1)).toMatchObject({ deductions: 6.7, score: 93.3 });
    await ctx.app.inject({
      method: 'PUT',
      url: '/api/chuangwen/settings/measures',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: DEFAULT_MEASURE_SETTINGS,
    });
    const refused = await ctx.app.inject({
      method: 'PUT',
      url: '/api/chuangwen/settings/measures',
      headers: { cookie: wuye.cookie, 'x-csrf-token': wuye.csrf },
      payload: DEFAULT_MEASURE_SETTINGS,
    });
    expect(refused.statusCode).toBe(403);
  });

  test('a reversed or over-long period is refused', async () => {
    let res = await leader.get('/api/chuangwen/measures?from=2026-03-09&to=2026-03-02');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.to).toBeTruthy();
    res = await leader.get('/api/chuangwen/measures?from=2024-01-01&to=2026-03-02');
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/chuangwen/board', () => {
  test('open 创文 cases by unit and age; due today and this week (Asia/Shanghai, from Monday)', async () => {
    const now = new Date();
    const today = zoneDate(now);
    const weekStart = zoneWeekStart(now);
    const u = ctx.seed.unitByName.get(UNITS.U1)!;
    const areaId = ctx.seed.areaByName.get('中原社区A区')!.id;
    const base = { unitId: u.id, areaId, areaCode: u.areaCode, module: 'chuangwen' };
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const endOfToday = new Date(zoneDayStart(addDays(today, 1)).getTime() - 1);
    const endOfWeek = new Date(zoneDayStart(addDays(weekStart, 7)).getTime() - 1);
    await insertCaseRow(ctx.db, { ...base, title: '今日到期', foundAt: ago(1), deadline: endOfToday });
    await insertCaseRow(ctx.db, { ...base, title: '本周到期', foundAt: ago(5), deadline: endOfWeek, status: 'returned' });
    await insertCaseRow(ctx.db, { ...base, title: '久拖未改', foundAt: ago(20), deadline: ago(10), status: 'pending_verify' });
    await insertCaseRow(ctx.db, { ...base, title: '已销号', foundAt: ago(9), deadline: ago(2), status: 'closed', closedAt: ago(3) });
    await insertCaseRow(ctx.db, { unitId: null, areaId, areaCode: u.areaCode, title: '待交办', foundAt: ago(8), status: 'pending_assign' });

    const res = await leader.get('/api/chuangwen/board');
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board).toMatchObject({ today, weekStart, weekEnd: addDays(weekStart, 6) });
    const wy = board.byUnit.find((r: { unitName: string }) => r.unitName === UNITS.U1);
    // On a Sunday the end of the week is the end of today.
    const dueToday = addDays(weekStart, 6) === today ? 2 : 1;
    expect(wy).toMatchObject({ open: 3, overdue: 1, lt3: 1, d3to7: 1, d7to14: 0, gt14: 1, dueToday, dueThisWeek: 2 });
    expect(board.byUnit.find((r: { unitId: number | null }) => r.unitId === null)).toMatchObject({ unitName: '未交办', open: 1, d7to14: 1 });
    expect(board.totals).toMatchObject({ open: 4, overdue: 1, dueToday, dueThisWeek: 2 });
    expect(board.dueToday.map((c: { title: string }) => c.title)).toEqual(['今日到期', '本周到期'].slice(0, dueToday));
    expect(board.dueThisWeek.map((c: { title: string }) => c.title)).toEqual(['今日到期', '本周到期']);
    // Unit staff see their unit only; another module is another board.
    expect((await wuye.get('/api/chuangwen/board')).json().byUnit.map((r: { unitName: string }) => r.unitName)).toEqual([UNITS.U1]);
    expect((await leader.get('/api/chuangwen/board?module=project')).json().totals.open).toBe(0);
  });
});

describe('the weekly 通报', () => {
  test('JSON: summary figures, lists, ranking, typical problems and named units (worked out by hand)', async () => {
    const res = await leader.get(`/api/chuangwen/bulletin?${PERIOD}&module=other`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    // found in the week: A B F H I J (G cancelled); closed in it: A B D I J; due 5+2+1+1 = 9,
    // closed 3+2 = 5, on time 1+2 = 3; overdue 3+0+1+1 = 5; open at the end: C E F H K L.
    expect(b).toMatchObject({ title: '示范区“创文”工作督导通报', issueNo: 10, issueLabel: '第10期', periodLabel: '2026年3月2日至3月8日' });
    expect(b.summary).toEqual({ found: 6, closed: 5, due: 9, closeRate: 0.5556, onTimeRate: 0.3333, overdue: 5, openAtEnd: 6 });
    expect(b.summaryText).toContain('督导组共发现问题6个，整改销号5个');
    expect(b.summaryText).toContain('结案率55.6%，按期结案率33.3%');
    expect(b.newProblems.items.map((c: { title: string }) => c.title)).toEqual(['夹具A', '夹具I', '夹具B', '夹具J', '夹具F', '夹具H']);
    expect(b.rectified.total).toBe(5);
    expect(b.overdue.items.map((c: { title: string }) => c.title)).toEqual(['夹具E', '夹具K', '夹具L', '夹具C', '夹具H']);
    expect(b.typical.map((c: { title: string }) => c.title)).toEqual(['夹具B']);
    expect(b.ranking.map((r: { name: string }) => r.name)).toEqual([UNITS.U2, UNITS.U4, UNITS.U3, UNITS.U1]);
    expect(b.namedUnits).toEqual([
      expect.objectContaining({ unitName: UNITS.U1, overdue: 3 }),
      expect.objectContaining({ unitName: UNITS.U4, overdue: 1 }),
      expect.objectContaining({ unitName: UNITS.U3, overdue: 1 }),
    ]);
  });

  test('.docx: a Word file whose document.xml holds the title, the figures and the ranking table', async () => {
    const res = await leader.get(`/api/chuangwen/bulletin.docx?${PERIOD}&module=other&issue=12`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('创文督导通报第12期.docx'));
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(text).toContain('示范区“创文”工作督导通报');
    expect(text).toContain('第12期');
    expect(text.join('')).toContain('督导组共发现问题6个，整改销号5个');
    // The ranking table: header, then 周口中原物业 last with its score.
    expect(xml).toContain('<w:tbl>');
    const rank = text.indexOf('按期结案率');
    expect(rank).toBeGreaterThan(0);
    const wyAt = text.indexOf(UNITS.U1, rank);
    expect(text.slice(wyAt - 1, wyAt + 11)).toEqual(['4', UNITS.U1, '5', '3', '1', '60.0%', '20.0%', '40.0%', '20.0%', '3', '128', '95.10']);
    expect(text.join('')).toContain(`${UNITS.U1}（3个）`);
  });

  test('typical problems carry before/after photos: URLs in JSON, pictures embedded in the .docx', async () => {
    const b0 = (await leader.get(`/api/chuangwen/bulletin?${PERIOD}&module=other`)).json();
    const caseId = b0.typical[0].id as number;
    expect(b0.typical[0]).toMatchObject({ beforePhotos: [], afterPhotos: [] });
    // A before photo with an EXIF-free public copy; two submits, the last one's photo has only a thumbnail.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36c' } }).jpeg().toBuffer();
    const webp = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#3c6' } }).webp().toBuffer();
    await ctx.storage.put('t/before.public', jpeg);
    await ctx.storage.put('t/after2.thumb', webp);
    const row = (id: string, kind: string, keys: { publicKey?: string; thumbKey?: string }) => ({
      id, ownerType: 'case', ownerId: String(caseId), kind, filename: `${kind}.jpg`, mime: 'image/jpeg', size: 1, sha256: '0'.repeat(64),
      storageKey: `t/${id}`, ...keys,
    });
    const [before, after1, after2] = [randomUUID(), randomUUID(), randomUUID()];
    await ctx.db.insert(attachments).values([
      row(before, 'before', { publicKey: 't/before.public', thumbKey: 't/before.thumb' }),
      row(after1, 'after', {}),
      row(after2, 'after', { thumbKey: 't/after2.thumb' }),
    ]);
    const ev = (at: string, ids: string[]) => ({ caseId, action: 'submit', fromStatus: 'rectifying', toStatus: 'pending_verify', at: new Date(at), attachmentIds: ids });
    await ctx.db.insert(caseEvents).values([ev('2026-03-03T02:00:00Z', [after1]), ev('2026-03-04T02:00:00Z', [after2])]);

    const b = (await leader.get(`/api/chuangwen/bulletin?${PERIOD}&module=other`)).json();
    expect(b.typical[0].beforePhotos).toEqual([{ id: before, url: `/api/attachments/${before}`, thumbUrl: `/api/attachments/${before}/thumb` }]);
    expect(b.typical[0].afterPhotos).toEqual([{ id: after2, url: `/api/attachments/${after2}`, thumbUrl: `/api/attachments/${after2}/thumb` }]);

    const res = await leader.get(`/api/chuangwen/bulletin.docx?${PERIOD}&module=other`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    const xml = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const embeds = [...xml.matchAll(/r:embed="([^"]+)"/g)].map((m) => m[1]);
    expect(embeds).toHaveLength(2);
    for (const id of embeds) expect(rels).toMatch(new RegExp(`Id="${id}"[^>]*Target="media/`));
    expect(xml).toContain('整改前');
    expect(xml).toContain('整改后');

    // A photo whose file is gone is skipped; the document still downloads.
    await ctx.storage.remove('t/before.public');
    const again = await leader.get(`/api/chuangwen/bulletin.docx?${PERIOD}&module=other`);
    expect(again.statusCode).toBe(200);
    const zip2 = await JSZip.loadAsync(again.rawPayload);
    expect(Object.keys(zip2.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
  });

  test('.xlsx: the same ranking in a workbook', async () => {
    const res = await leader.get(`/api/chuangwen/bulletin.xlsx?${PERIOD}&module=other`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '排名', '新发现问题', '已整改问题', '超期问题']);
    const ranking = wb.getWorksheet('排名')!;
    expect(ranking.getRow(2).getCell(2).value).toBe('示范区城市管理局');
    expect(ranking.getRow(5).getCell(12).value).toBe('95.10');
    expect(wb.getWorksheet('超期问题')!.rowCount).toBe(6);
  });
});
