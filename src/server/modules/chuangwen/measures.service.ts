/**
 * Use cases that read the case loop for 创文: measures and ranking per unit or place, the
 * 清零 board, and the content of the weekly 通报 (rendered to .docx/.xlsx by bulletin.render).
 */
import sharp from 'sharp';
import type {
  TBoard,
  TBulletin,
  TBulletinPhoto,
  TBulletinQuery,
  TCaseBrief,
  TMeasures,
  TMeasuresQuery,
  TTypicalProblem,
} from '../../../shared/contracts/chuangwen.js';
import type { TCaseStatus } from '../../../shared/domain/case-machine.js';
import { scoreMeasures, type TGroupMeasures, type TMeasureSettings } from '../../../shared/domain/chuangwen/measures.js';
import type { Db } from '../../db/client.js';
import type { TStorage } from '../../lib/storage.js';
import { addDays, zoneDate, zoneDayStart, zoneWeekStart } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { getMeasureSettings } from './chuangwen.service.js';
import * as cases from '../cases/cases.port.js';
import * as repo from './measures.repo.js';

/** The instants of a period of zone dates [from, to] inclusive, cut off at `now`. */
export function periodWindow(from: string, to: string, now: Date): repo.TMeasureWindow {
  const start = zoneDayStart(from);
  const end = zoneDayStart(addDays(to, 1));
  return { start, end, cutoff: new Date(Math.min(end.getTime(), now.getTime())) };
}

async function measureRows(
  db: Db,
  user: TUser,
  opts: { from: string; to: string; groupBy: 'unit' | 'place'; module: string; now: Date; settings: TMeasureSettings },
): Promise<TGroupMeasures[]> {
  const counts = await repo.countMeasuresSql(db, user, {
    module: opts.module,
    groupBy: opts.groupBy,
    window: periodWindow(opts.from, opts.to, opts.now),
    settings: opts.settings,
  });
  const names = await repo.findGroupNames(db, opts.groupBy, counts.map((c) => c.groupId));
  return scoreMeasures(counts, names, opts.settings);
}

/** Measures and ranking per unit (or place) for a period, over the caller's scope. */
export async function getMeasures(db: Db, user: TUser, q: TMeasuresQuery, now = new Date()): Promise<TMeasures> {
  const settings = await getMeasureSettings(db);
  const rows = await measureRows(db, user, { ...q, now, settings });
  return { from: q.from, to: q.to, groupBy: q.groupBy, module: q.module, settings, rows };
}

/** A case of a list as the API shows it. */
export function presentBrief(c: repo.TCaseListRow): TCaseBrief {
  return {
    ...c,
    status: c.status as TCaseStatus,
    foundAt: c.foundAt.toISOString(),
    deadline: c.deadline?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

const BOARD_LIST_LIMIT = 100;

/**
 * The 清零 board: open cases by responsible unit and by age since found (<3, 3–7, 7–14,
 * >14 days), overdue; what falls due today and in this week (Monday to Sunday,
 * Asia/Shanghai), counted and listed (lists capped at 100, by deadline).
 */
export async function getBoard(db: Db, user: TUser, module: string, now = new Date()): Promise<TBoard> {
  const today = zoneDate(now);
  const weekStart = zoneWeekStart(now);
  const w: repo.TBoardWindow = {
    now,
    todayStart: zoneDayStart(today),
    tomorrowStart: zoneDayStart(addDays(today, 1)),
    weekStart: zoneDayStart(weekStart),
    nextWeekStart: zoneDayStart(addDays(weekStart, 7)),
  };
  const [byUnit, dueToday, dueThisWeek] = await Promise.all([
    repo.countBoard(db, user, module, w),
    repo.findCaseList(db, user, module, { kind: 'open_due', from: w.todayStart, to: w.tomorrowStart }, BOARD_LIST_LIMIT),
    repo.findCaseList(db, user, module, { kind: 'open_due', from: w.weekStart, to: w.nextWeekStart }, BOARD_LIST_LIMIT),
  ]);
  const totals = { open: 0, overdue: 0, lt3: 0, d3to7: 0, d7to14: 0, gt14: 0, dueToday: 0, dueThisWeek: 0 };
  for (const row of byUnit) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += row[k];
  return {
    now: now.toISOString(),
    today,
    weekStart,
    weekEnd: addDays(weekStart, 6),
    totals,
    byUnit,
    dueToday: dueToday.items.map(presentBrief),
    dueThisWeek: dueThisWeek.items.map(presentBrief),
  };
}

/** The ISO week number (1–53) of a zone date: the default issue number of a weekly 通报. */
export function isoWeek(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow + 3); // the Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const fdow = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - fdow + 3);
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

/** "2026年3月2日" from a zone date. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** "2026年3月2日至3月8日", with the year repeated only when it changes. */
export function chinesePeriod(from: string, to: string): string {
  const end = from.slice(0, 4) === to.slice(0, 4) ? chineseDate(to).replace(/^\d+年/, '') : chineseDate(to);
  return `${chineseDate(from)}至${end}`;
}

/** A ratio as a Chinese-report percentage ("85.7%"), or "—" when nothing was due. */
export function percent(x: number | null): string {
  return x == null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

const LIST_LIMIT = 50;
const TYPICAL_LIMIT = 5;

/** The issuing office printed under the title. */
export const BULLETIN_ISSUER = '示范区创文办';

/**
 * The content of the weekly 督导通报 for a period, over the caller's scope: summary figures,
 * new / rectified / overdue problems (lists capped at 50 with their full counts), the unit
 * ranking from the measures, typical problems (returned twice or more, serious, or raised by
 * a leader or an unannounced visit), units named for overdue cases, and the requirements.
 */
export async function getBulletin(db: Db, user: TUser, q: TBulletinQuery, now = new Date()): Promise<TBulletin> {
  const settings = await getMeasureSettings(db);
  const { start, end, cutoff } = periodWindow(q.from, q.to, now);
  const [ranking, found, closed, overdue, typical, openAtEnd] = await Promise.all([
    measureRows(db, user, { from: q.from, to: q.to, groupBy: 'unit', module: q.module, now, settings }),
    repo.findCaseList(db, user, q.module, { kind: 'found', from: start, to: end }, LIST_LIMIT),
    repo.findCaseList(db, user, q.module, { kind: 'closed', from: start, to: end }, LIST_LIMIT),
    repo.findCaseList(db, user, q.module, { kind: 'overdue_at', cutoff }, LIST_LIMIT),
    repo.findCaseList(db, user, q.module, { kind: 'typical', from: start, to: end }, TYPICAL_LIMIT),
    repo.countOpenAt(db, user, q.module, cutoff),
  ]);
  const sum = (k: 'due' | 'closed' | 'closedOnTime' | 'overdue') => ranking.reduce((n, r) => n + r[k], 0);
  const due = sum('due');
  const rate = (n: number) => (due > 0 ? Math.round((n / due) * 10_000) / 10_000 : null);
  const summary = {
    found: found.total,
    closed: closed.total,
    due,
    closeRate: rate(sum('closed')),
    onTimeRate: rate(sum('closedOnTime')),
    overdue: sum('overdue'),
    openAtEnd,
  };
  const issueNo = q.issue ?? isoWeek(q.to);
  const periodLabel = chinesePeriod(q.from, q.to);
  const namedUnits = ranking
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'))
    .map((r) => ({ unitId: r.groupId, unitName: r.name, overdue: r.overdue }));
  return {
    title: '示范区“创文”工作督导通报',
    issueNo,
    issueLabel: `第${issueNo}期`,
    issuer: BULLETIN_ISSUER,
    issuedOn: chineseDate(zoneDate(now)),
    from: q.from,
    to: q.to,
    periodLabel,
    summary,
    summaryText:
      `${periodLabel}，督导组共发现问题${summary.found}个，整改销号${summary.closed}个；` +
      `本期应结案${summary.due}件，结案率${percent(summary.closeRate)}，按期结案率${percent(summary.onTimeRate)}；` +
      `截至期末，超期未整改问题${summary.overdue}个，尚未办结问题${summary.openAtEnd}个。`,
    newProblems: { total: found.total, items: found.items.map(presentBrief) },
    rectified: { total: closed.total, items: closed.items.map(presentBrief) },
    overdue: { total: overdue.total, items: overdue.items.map(presentBrief) },
    ranking,
    typical: await withPhotos(db, typical.items.map(presentBrief)),
    namedUnits,
    requirements: [
      '各责任单位要对照问题清单，逐条整改、立行立改，确保动态问题及时清零。',
      '对超期未整改的问题，督导组将持续跟踪督办，整改情况纳入月度考评；对多次退回、敷衍整改的单位，移交纪检监察部门。',
      '各办事处、社区要举一反三，加强日常巡查，建立长效机制，防止问题反弹。',
    ],
  };
}

type TCasePhoto = Awaited<ReturnType<typeof cases.findCasePhotos>>[number];

const photoRef = (p: TCasePhoto): TBulletinPhoto => ({
  id: p.id,
  url: `/api/attachments/${p.id}`,
  thumbUrl: p.thumbKey ? `/api/attachments/${p.id}/thumb` : null,
});

/** Per case: its 'before' photos, and its 'after' photos of the last submit (else all of them). */
async function casePhotos(db: Db, caseIds: number[]) {
  const [photos, lastSubmit] = await Promise.all([cases.findCasePhotos(db, caseIds, ['before', 'after']), cases.findLastSubmitAttachmentIds(db, caseIds)]);
  const out = new Map<number, { before: TCasePhoto[]; after: TCasePhoto[] }>();
  for (const id of caseIds) {
    const mine = photos.filter((p) => p.caseId === id);
    const after = mine.filter((p) => p.kind === 'after');
    const submitted = lastSubmit.get(id) ?? [];
    const last = after.filter((p) => submitted.includes(p.id)).sort((a, b) => submitted.indexOf(a.id) - submitted.indexOf(b.id));
    out.set(id, { before: mine.filter((p) => p.kind === 'before'), after: last.length ? last : after });
  }
  return out;
}

async function withPhotos(db: Db, items: TCaseBrief[]): Promise<TTypicalProblem[]> {
  const byCase = await casePhotos(db, items.map((c) => c.id));
  return items.map((c) => {
    const p = byCase.get(c.id)!;
    return { ...c, beforePhotos: p.before.map(photoRef), afterPhotos: p.after.map(photoRef) };
  });
}

/** A picture ready for the .docx: JPEG bytes and its size in pixels. */
export interface TDocImage {
  data: Buffer;
  width: number;
  height: number;
}

/** One before and one after picture per typical problem (by case id); null where there is none. */
export type TBulletinImages = Map<number, { before: TDocImage | null; after: TDocImage | null }>;

const DOC_IMAGE_WIDTH = 480;

async function docImage(storage: TStorage, p: TCasePhoto | undefined): Promise<TDocImage | null> {
  // Only the EXIF-free public copy or the thumbnail leaves the system, never the original.
  const key = p?.publicKey ?? p?.thumbKey;
  if (!key) return null;
  const bytes = await storage.get(key);
  if (!bytes) return null;
  try {
    const { data, info } = await sharp(bytes)
      .rotate()
      .resize({ width: DOC_IMAGE_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    return null; // an unreadable file is left out of the document, not a failed download
  }
}

/** Reads the first before and after photo of each typical problem, as JPEG for the .docx. */
export async function loadBulletinImages(db: Db, storage: TStorage, b: TBulletin): Promise<TBulletinImages> {
  const byCase = await casePhotos(db, b.typical.map((c) => c.id));
  const out: TBulletinImages = new Map();
  for (const [id, p] of byCase) out.set(id, { before: await docImage(storage, p.before[0]), after: await docImage(storage, p.after[0]) });
  return out;
}
