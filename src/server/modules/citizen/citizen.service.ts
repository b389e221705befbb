/**
 * Use cases of citizens' reports: submit (public, throttled), track by code, "not fixed",
 * moderation (accept → case with the category's defaults, merge into a case, reject), the
 * module's settings and the Open311 API keys.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_LENGTH,
  ZCitizenSettings,
  type TAcceptReportBody,
  type TCitizenSettings,
  type TCreateReportBody,
  type TReportListQuery,
  type TReportRow,
  type TReportStatus,
  type TTrackResult,
} from '../../../shared/contracts/citizen.js';
import { CASE_OUTCOME_LABELS, type TCaseOutcome } from '../../../shared/domain/case-machine.js';
import type { TDeadlineRule } from '../../../shared/domain/chuangwen/workdays.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { TStorage } from '../../lib/storage.js';
import type { TUser } from '../../lib/types.js';
import { findAreaById } from '../../db/areas.repo.js';
import { userActor } from '../../lib/actor.js';
import * as attachments from '../attachments/attachments.port.js';
import * as cases from '../cases/cases.port.js';
import * as chuangwen from '../chuangwen/chuangwen.port.js';
import { canSeePhone, DEFAULT_REOPEN_DAYS, THROTTLE_RULES, type TThrottleRule } from './citizen.policy.js';
import { maskPhone, publicEventText, publicPhoto, publicStatus } from './citizen.present.js';
import * as repo from './citizen.repo.js';

// ── throttling ──────────────────────────────────────────────────────────────────────────

/** Counts a hit for `rule` and `id` (an IP, a phone, a key id); 429 once over the limit. */
export async function throttle(db: Db, rule: TThrottleRule, id: string | number): Promise<void> {
  const hits = await repo.hitThrottle(db, `${rule.prefix}:${id}`, rule.windowMs);
  if (hits > rule.limit) throw new AppError('RATE_LIMITED', rule.message);
}

// ── public ──────────────────────────────────────────────────────────────────────────────

/** Active categories for the public form. */
export async function listPublicCategories(db: Db) {
  return chuangwen.listActiveCategories(db);
}

/** Villages and communities for the public form. */
export async function listPublicAreas(db: Db) {
  return repo.findPublicAreas(db);
}

/** A fresh tracking code from the unambiguous alphabet. */
export function generateTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) code += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  return code;
}

/** Stores a photo from the public form (images only, EXIF-free public copy), throttled per IP. */
export async function uploadPublicPhoto(db: Db, storage: TStorage, ip: string, input: attachments.TUploadInput, maxBytes: number) {
  await throttle(db, THROTTLE_RULES.uploadPerIp, ip);
  const row = await attachments.storePublicUpload(db, storage, input, maxBytes);
  return publicPhoto(row.id, row.thumbKey != null);
}

/** Where a report came from. */
export interface TReportOrigin {
  ip: string;
  channel: 'web' | 'open311';
  apiKeyId?: number | null;
}

/**
 * Records a citizen's report, pending moderation, and returns its tracking code. Throttled per
 * IP (web) and per phone; the category must be active, the area a village or community, the
 * photo an unclaimed public upload.
 */
export async function submitReport(db: Db, body: TCreateReportBody, origin: TReportOrigin) {
  if (origin.channel === 'web') await throttle(db, THROTTLE_RULES.reportPerIp, origin.ip);
  if (body.phone) await throttle(db, THROTTLE_RULES.reportPerPhone, body.phone);
  const [category, area] = await Promise.all([repo.findActiveCategory(db, body.categoryCode), repo.findVillageArea(db, body.areaId)]);
  if (!category) throw new AppError('VALIDATION_FAILED', '问题类别不存在', { categoryCode: '请选择问题类别' });
  if (!area) throw new AppError('VALIDATION_FAILED', '所选村(社区)不存在', { areaId: '请选择所在村(社区)' });
  if (body.photoId && !(await repo.findClaimablePublicPhoto(db, body.photoId))) {
    throw new AppError('VALIDATION_FAILED', '照片无效或已被使用，请重新上传', { photoId: '照片无效，请重新上传' });
  }
  let trackingCode = generateTrackingCode();
  while (await repo.isTrackingCodeTaken(db, trackingCode)) trackingCode = generateTrackingCode();
  const id = await db.transaction(async (tx) =>
    repo.insertReport(tx, {
      trackingCode,
      categoryCode: category.code,
      description: body.description,
      areaId: area.id,
      areaCode: area.code,
      address: body.address,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      phone: body.phone ?? null,
      name: body.name || null,
      photoId: body.photoId ?? null,
      channel: origin.channel,
      apiKeyId: origin.apiKeyId ?? null,
      ip: origin.ip,
    }),
  );
  return { id, trackingCode, message: `提交成功，请记住查询码 ${trackingCode}，凭此码查询办理进度` };
}

/** The module's settings (saved, or the defaults). */
export async function getSettings(db: Db): Promise<TCitizenSettings> {
  const saved = ZCitizenSettings.partial().safeParse(await chuangwen.findSetting(db, 'citizen'));
  return { reopenDays: DEFAULT_REOPEN_DAYS, ...(saved.success ? saved.data : {}) };
}

/** Saves the module's settings. */
export async function saveSettings(db: Db, user: TUser, value: TCitizenSettings) {
  const before = await getSettings(db);
  await chuangwen.saveSetting(db, 'citizen', value, user.id);
  return { before, after: value };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function reopenWindowEnd(r: repo.TReportRecord, days: number): Date | null {
  if (r.caseStatus !== 'closed' || !r.caseClosedAt) return null;
  return new Date(r.caseClosedAt.getTime() + days * 86_400_000);
}

/**
 * The public timeline of a report, by time and, at equal times, in the order things happen:
 * submitted, moderated, then the case's events in their own order. An accepted report's case
 * is created by the acceptance, so "已受理" is dated with the case's creation and always comes
 * before "已交办" (assigned in the same moment).
 */
async function publicNotes(db: Db, r: repo.TReportRecord) {
  const actions = r.caseId != null ? await cases.findCaseActions(db, r.caseId) : [];
  const created = actions.find((e) => e.action === 'create');
  const notes: { at: string; text: string; seq: number }[] = [{ at: r.createdAt.toISOString(), text: '已提交，等待审核', seq: 0 }];
  const moderated = iso(r.moderatedAt)!;
  if (r.status === 'rejected') notes.push({ at: moderated, text: `未受理：${r.rejectReason ?? ''}`, seq: 1 });
  if (r.status === 'accepted') {
    const at = created && created.at.getTime() < r.moderatedAt!.getTime() ? created.at.toISOString() : moderated;
    notes.push({ at, text: '已受理，转交办理', seq: 1 });
  }
  if (r.status === 'merged') notes.push({ at: moderated, text: '与同一问题的其他反映合并办理', seq: 1 });
  actions.forEach((e, i) => {
    const text = publicEventText(e);
    if (text) notes.push({ at: e.at.toISOString(), text, seq: 2 + i });
  });
  return notes.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq).map(({ at, text }) => ({ at, text }));
}

/** The public photos of a report: its own and, once rectified, the rectification photos. */
async function publicPhotos(db: Db, r: repo.TReportRecord, base = '') {
  const photos = r.photoId ? [publicPhoto(r.photoId, r.photoThumbKey != null, base)] : [];
  if (r.caseId != null) {
    for (const p of await cases.findCasePhotos(db, [r.caseId], ['after'])) if (p.publicKey) photos.push(publicPhoto(p.id, p.thumbKey != null, base));
  }
  return photos;
}

/** What the reporter sees for their tracking code; 404 for an unknown code. Throttled per IP. */
export async function trackReport(db: Db, code: string, ip: string): Promise<TTrackResult> {
  await throttle(db, THROTTLE_RULES.trackPerIp, ip);
  const r = await repo.findReportByCode(db, code);
  if (!r) notFound('查询码对应的反映');
  const { reopenDays } = await getSettings(db);
  const status = publicStatus(r);
  const until = reopenWindowEnd(r, reopenDays);
  return {
    trackingCode: r.trackingCode,
    categoryName: r.categoryName,
    description: r.description,
    areaName: r.areaName,
    address: r.address,
    phoneMasked: maskPhone(r.phone),
    createdAt: r.createdAt.toISOString(),
    reportStatus: r.status as TReportStatus,
    statusLabel: status.label,
    isClosed: status.isClosed,
    rejectReason: r.status === 'rejected' ? r.rejectReason : null,
    unitName: r.caseId != null ? r.unitName : null,
    deadline: r.caseId != null && !status.isClosed ? iso(r.caseDeadline) : null,
    closedAt: iso(r.caseClosedAt),
    outcomeLabel: r.caseStatus === 'closed' && r.caseOutcome ? CASE_OUTCOME_LABELS[r.caseOutcome as TCaseOutcome] : null,
    notes: await publicNotes(db, r),
    photos: await publicPhotos(db, r),
    canReopen: until != null && until.getTime() >= Date.now(),
    reopenUntil: iso(until),
  };
}

/**
 * The reporter's "not fixed": within the window after closure the case goes back to 整改中 with a
 * fresh deadline from its category, through the case port as the citizen's own action (an event
 * with actor kind 'citizen' naming the report, and the citizen's words). Every report following
 * the case counts the reopen, in the same transaction.
 */
export async function reopenByCitizen(db: Db, origins: cases.TCaseOrigins, code: string, note: string, ip: string) {
  await throttle(db, THROTTLE_RULES.reopenPerIp, ip);
  const r = await repo.findReportByCode(db, code);
  if (!r) notFound('查询码对应的反映');
  if (r.caseId == null || r.caseStatus == null || r.caseVersion == null) {
    throw new AppError('REPORT_REOPEN_NOT_ALLOWED', '该反映尚未办结，不能反馈未整改');
  }
  const { reopenDays } = await getSettings(db);
  const rule = await repo.findCategoryRule(db, r.categoryCode);
  const deadline = rule ? await chuangwen.computeDeadline(db, new Date(), { value: rule.value, unit: rule.unit as TDeadlineRule['unit'] }) : null;
  const caseId = r.caseId;
  const change = await db.transaction(async (t) => {
    const c = await cases.reopenByCitizen(t, origins, r.id, {
      caseId,
      version: r.caseVersion!,
      windowDays: reopenDays,
      deadline,
      note: `群众反馈未整改（群众反映 #${r.id}）：${note}`,
      data: { by: 'citizen', reportId: r.id, previousDeadline: iso(r.caseDeadline), deadline: iso(deadline) },
    });
    await repo.markReopened(t, caseId);
    return c;
  });
  return { caseId, reportId: r.id, before: change.before, after: change.after };
}

// ── moderation ──────────────────────────────────────────────────────────────────────────

/** A report as moderators see it (phone masked unless their role may see personal data). */
export function presentReport(r: repo.TReportRecord, user: TUser): TReportRow {
  return {
    id: r.id,
    trackingCode: r.trackingCode,
    categoryCode: r.categoryCode,
    categoryName: r.categoryName,
    description: r.description,
    areaId: r.areaId,
    areaName: r.areaName,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    phone: canSeePhone(user) ? r.phone : maskPhone(r.phone),
    name: r.name,
    photo: r.photoId ? publicPhoto(r.photoId, r.photoThumbKey != null) : null,
    status: r.status as TReportStatus,
    channel: r.channel,
    caseId: r.caseId,
    caseCode: r.caseCode,
    rejectReason: r.rejectReason,
    reopenCount: r.reopenCount,
    createdAt: r.createdAt.toISOString(),
    moderatedAt: iso(r.moderatedAt),
  };
}

/** One page of reports in the moderator's area. */
export async function listReports(db: Db, user: TUser, q: TReportListQuery) {
  let areaPrefix: string | null = null;
  if (q.areaId) {
    const area = await findAreaById(db, q.areaId);
    if (!area) throw new AppError('VALIDATION_FAILED', '区域不存在', { areaId: '区域不存在' });
    areaPrefix = area.prefix;
  }
  const { items, total } = await repo.findReports(db, user, q, areaPrefix);
  return { items: items.map((r) => presentReport(r, user)), total, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

/** One report in the moderator's area, or 404. */
export async function getReport(db: Db, user: TUser, id: number) {
  const r = await repo.findReportInScope(db, user, id);
  if (!r) notFound('群众反映');
  return presentReport(r, user);
}

async function loadPending(db: Db, user: TUser, id: number) {
  const r = await repo.findReportInScope(db, user, id);
  if (!r) notFound('群众反映');
  if (r.status !== 'pending') throw new AppError('REPORT_ALREADY_MODERATED', '该反映已处理，请刷新');
  return r;
}

function alreadyModerated(): never {
  throw new AppError('REPORT_ALREADY_MODERATED', '该反映已处理，请刷新');
}

/**
 * Accepts a report: a 创文 case (source 'citizen') is created with the category's defaults
 * (unit, deadline, severity; at a place when one is given), the report's photo becomes the
 * case's "before" photo, and the report follows the case. One transaction.
 */
export async function acceptReport(db: Db, user: TUser, id: number, body: TAcceptReportBody) {
  const r = await loadPending(db, user, id);
  const origin = { type: 'citizen_report' as const, id: r.id };
  const title = body.title ?? `群众反映：${r.categoryName}`.slice(0, 100);
  const description = [r.description, r.address ? `地址：${r.address}` : ''].filter(Boolean).join('\n');
  const caseId = await db.transaction(async (t) => {
    let newCaseId: number;
    if (body.placeId != null) {
      const change = await chuangwen.createPlaceCase(
        t,
        user,
        {
          placeId: body.placeId,
          categoryCode: r.categoryCode,
          title,
          description,
          source: 'citizen',
          lat: r.lat,
          lng: r.lng,
          ...(body.unitId !== undefined ? { unitId: body.unitId } : {}),
          ...(body.deadline ? { deadline: body.deadline } : {}),
          attachmentIds: [],
        },
        { origin },
      );
      newCaseId = change.caseId;
    } else {
      const d = await chuangwen.categoryDefaults(t, user, r.categoryCode);
      const unitId = body.unitId !== undefined ? body.unitId : d.unitId;
      const change = await cases.raiseCase(t, {
        actor: userActor(user),
        origin,
        case: {
          title,
          description,
          module: 'chuangwen',
          category: r.categoryName,
          areaId: r.areaId,
          place: r.address || null,
          lat: r.lat,
          lng: r.lng,
          source: 'citizen',
          severity: d.severity,
          unitId,
          deadline: unitId == null ? null : (body.deadline ?? d.deadline),
          attachmentIds: [],
        },
      });
      newCaseId = change.caseId;
      await chuangwen.linkCaseToPlace(t, { caseId: newCaseId, placeId: null, categoryCode: r.categoryCode });
    }
    if (r.photoId) await attachments.link(t, [r.photoId], cases.CASE_OWNER_TYPE, newCaseId, 'before');
    if (!(await repo.moderateReport(t, r.id, { status: 'accepted', caseId: newCaseId, moderatedById: user.id }))) alreadyModerated();
    return newCaseId;
  });
  return { reportId: r.id, caseId, before: { status: 'pending' }, after: { status: 'accepted', caseId } };
}

/** Merges a report into an existing case in scope (a duplicate): the report follows that case. */
export async function mergeReport(db: Db, user: TUser, id: number, caseId: number) {
  const r = await loadPending(db, user, id);
  const c = await cases.findCaseInScope(db, user, caseId);
  if (!c) throw new AppError('VALIDATION_FAILED', '督办事项不存在或无权访问', { caseId: '督办事项不存在或无权访问' });
  if (c.status === 'cancelled') throw new AppError('VALIDATION_FAILED', '不能合并到已撤销的事项', { caseId: '该事项已撤销' });
  if (!(await repo.moderateReport(db, r.id, { status: 'merged', caseId, moderatedById: user.id }))) alreadyModerated();
  return { reportId: r.id, caseId, before: { status: 'pending' }, after: { status: 'merged', caseId } };
}

/** Rejects a report with a reason the reporter will see. */
export async function rejectReport(db: Db, user: TUser, id: number, reason: string) {
  const r = await loadPending(db, user, id);
  if (!(await repo.moderateReport(db, r.id, { status: 'rejected', rejectReason: reason, moderatedById: user.id }))) alreadyModerated();
  return { reportId: r.id, before: { status: 'pending' }, after: { status: 'rejected', rejectReason: reason } };
}

// ── Open311 API keys ────────────────────────────────────────────────────────────────────

/** SHA-256 of a key, as stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function presentKey(k: Awaited<ReturnType<typeof repo.findApiKeys>>[number]) {
  return { id: k.id, name: k.name, keyPrefix: k.keyPrefix, createdAt: k.createdAt.toISOString(), revokedAt: iso(k.revokedAt) };
}

/** Every issued key (without the keys themselves). */
export async function listApiKeys(db: Db) {
  return (await repo.findApiKeys(db)).map(presentKey);
}

/** Issues a key; the key is returned once and only its hash is kept. */
export async function issueApiKey(db: Db, user: TUser, name: string) {
  const key = `zk_${randomBytes(24).toString('base64url')}`;
  const row = await repo.insertApiKey(db, { name, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 8), createdById: user.id });
  return { ...presentKey(row), key };
}

/** Revokes a key (idempotent); 404 when absent. */
export async function revokeApiKey(db: Db, id: number) {
  const row = await repo.revokeApiKey(db, id);
  if (!row) notFound('API 密钥');
  return presentKey(row);
}

/** The live key matching `key`, or null. */
export async function verifyApiKey(db: Db, key: string | undefined) {
  if (!key) return null;
  return repo.findLiveApiKey(db, hashApiKey(key));
}

/** A public photo's copy (EXIF-free original or thumbnail) when it may be shown; 404 otherwise. */
export async function openPublicPhoto(db: Db, storage: TStorage, id: string, variant: 'public' | 'thumb') {
  const row = await attachments.findById(db, id);
  // Public: a report's own photo, or the rectification photo of a case some report follows.
  const afterCase = row ? cases.afterPhotoCaseId(row) : null;
  const isPublic = row != null && ((await repo.isReportPhoto(db, id)) || (afterCase != null && (await repo.isCaseFollowed(db, afterCase))));
  const key = variant === 'thumb' ? row?.thumbKey : row?.publicKey;
  if (!row || !isPublic || !key || !row.publicKey) notFound('照片');
  const data = await storage.get(key);
  if (!data) notFound('照片');
  return { data, mime: variant === 'thumb' ? 'image/webp' : row.mime };
}
