/**
 * Open311 GeoReport v2 on top of citizens' reports: services are the active 创文 categories
 * (with one required attribute, the village or community), requests are reports. Internal
 * states map to open/closed with a Chinese status_notes. Unmoderated or rejected reports show no
 * citizen text (description, address, photo), so nothing unreviewed is published.
 */
import { AppError } from '../../lib/app-error.js';
import { z } from 'zod';
import { ZOpen311Name, ZOpen311PostRequest, ZOpen311RequestsQuery } from '../../../shared/contracts/citizen.js';
import type { Db } from '../../db/client.js';
import * as chuangwen from '../chuangwen/chuangwen.port.js';
import { publicPhoto, publicStatus } from './citizen.present.js';
import * as repo from './citizen.repo.js';
import { submitReport, throttle, verifyApiKey } from './citizen.service.js';
import { THROTTLE_RULES } from './citizen.policy.js';

/** An Open311 error: HTTP status and description, presented in the request's format. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    description: string,
  ) {
    super(description);
  }
}

/** The longest period GET /requests may span, and the most records it returns. */
export const MAX_SPAN_DAYS = 90;
export const MAX_REQUESTS = 1000;

/** GET /services: every active category. */
export async function listServices(db: Db) {
  return (await chuangwen.listActiveCategories(db)).map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: `${c.groupName}：${c.name}`,
    metadata: true,
    type: 'batch',
    keywords: c.groupName,
    group: c.groupName,
  }));
}

/** GET /services/{code}: the definition, whose one attribute is the village or community. */
export async function getServiceDefinition(db: Db, code: string) {
  const category = await repo.findActiveCategory(db, code);
  if (!category) throw new Open311Error(404, `service_code ${code} 不存在`);
  const areas = await repo.findPublicAreas(db);
  return {
    service_code: category.code,
    attributes: [
      {
        variable: true,
        code: 'area_id',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '问题所在的行政村或社区',
        order: 1,
        description: '所在村(社区)',
        values: areas.map((a) => ({ key: String(a.id), name: `${a.townshipName}${a.name}` })),
      },
    ],
  };
}

/** One request record in the standard's fields. */
export function presentRequest(r: repo.TReportRecord, base: string) {
  const status = publicStatus(r);
  const isPublished = r.status === 'accepted' || r.status === 'merged';
  const notes = r.status === 'rejected' && r.rejectReason ? `${status.label}：${r.rejectReason}` : status.label;
  const updated = [r.updatedAt, r.caseUpdatedAt].filter((d): d is Date => d != null).sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    service_request_id: String(r.id),
    status: status.isClosed ? 'closed' : 'open',
    status_notes: notes,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: isPublished ? r.description : '',
    agency_responsible: isPublished ? (r.unitName ?? '') : '',
    service_notice: '',
    requested_datetime: r.createdAt.toISOString(),
    updated_datetime: updated.toISOString(),
    expected_datetime: isPublished && !status.isClosed && r.caseDeadline ? r.caseDeadline.toISOString() : '',
    address: isPublished ? [r.areaName, r.address].filter(Boolean).join(' ') : r.areaName,
    address_id: '',
    zipcode: '',
    lat: r.lat ?? '',
    long: r.lng ?? '',
    media_url: isPublished && r.photoId ? publicPhoto(r.photoId, false, base).url : '',
  };
}

const ZDateParam = z.iso.datetime({ offset: true }).or(z.iso.date());

/** The first refusal of a form or query, worded for the standard's error description. */
function refusal(error: z.ZodError): Open311Error {
  const issue = error.issues[0];
  return new Open311Error(400, `${issue.path.join('.') || '参数'}：${issue.message}`);
}

/**
 * A `{name}.{fmt}` path segment (service code, request id, token) as one line of text; a 400
 * naming it by `label` (service_code, service_request_id, token) otherwise.
 */
export function parseName(name: string, label: string): string {
  const parsed = ZOpen311Name.safeParse(name);
  if (!parsed.success) throw new Open311Error(400, `${label}：${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** GET /requests with the standard's filters and defaults (last 90 days, at most 1000). */
export async function listRequests(db: Db, query: unknown, base: string) {
  const parsedQuery = ZOpen311RequestsQuery.safeParse(query ?? {});
  if (!parsedQuery.success) throw refusal(parsedQuery.error);
  const q = parsedQuery.data;
  if (q.service_request_id != null) {
    const ids = q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ids.length || ids.length > MAX_REQUESTS || ids.some((s) => !/^\d{1,9}$/.test(s))) {
      throw new Open311Error(400, 'service_request_id 须为以逗号分隔的编号');
    }
    const rows = await repo.findOpen311Requests(db, { ids: ids.map(Number), start: new Date(0), end: new Date(), limit: MAX_REQUESTS });
    return rows.map((r) => presentRequest(r, base));
  }
  for (const k of ['start_date', 'end_date'] as const) {
    if (q[k] != null && !ZDateParam.safeParse(q[k]).success) throw new Open311Error(400, `${k} 须为 ISO 8601 时间`);
  }
  if (q.status != null && q.status !== 'open' && q.status !== 'closed') throw new Open311Error(400, 'status 须为 open 或 closed');
  const spanMs = MAX_SPAN_DAYS * 86_400_000;
  const end = q.end_date ? new Date(q.end_date) : q.start_date ? new Date(new Date(q.start_date).getTime() + spanMs) : new Date();
  const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - spanMs);
  if (start > end) throw new Open311Error(400, 'start_date 不能晚于 end_date');
  if (end.getTime() - start.getTime() > spanMs) throw new Open311Error(400, `start_date 与 end_date 相差不能超过 ${MAX_SPAN_DAYS} 天`);
  const rows = await repo.findOpen311Requests(db, {
    serviceCode: q.service_code || undefined,
    start,
    end,
    status: q.status as 'open' | 'closed' | undefined,
    limit: MAX_REQUESTS,
  });
  return rows.map((r) => presentRequest(r, base));
}

/** GET /requests/{id}: one record (as a one-element list, like the standard). */
export async function getRequest(db: Db, idText: string, base: string) {
  if (!/^\d{1,9}$/.test(idText)) throw new Open311Error(404, `service_request_id ${idText} 不存在`);
  const r = await repo.findReportById(db, Number(idText));
  if (!r) throw new Open311Error(404, `service_request_id ${idText} 不存在`);
  return [presentRequest(r, base)];
}

/** GET /tokens/{token}: the token is the report's tracking code. */
export async function getToken(db: Db, token: string) {
  const code = token.trim().toUpperCase();
  const r = /^[A-Z0-9]{1,16}$/.test(code) ? await repo.findReportByCode(db, code) : null;
  if (!r) throw new Open311Error(404, `token ${token} 不存在`);
  return [{ service_request_id: String(r.id), token: r.trackingCode }];
}

/**
 * POST /requests: needs a live api_key (403), a service_code, a location and the area attribute
 * (400). The request becomes a citizen's report pending moderation, like the public form's.
 */
export async function postRequest(db: Db, form: Record<string, string>, ip: string) {
  const key = await verifyApiKey(db, form.api_key);
  if (!key) throw new Open311Error(403, 'api_key 无效或缺失');
  const parsed = ZOpen311PostRequest.safeParse(form);
  if (!parsed.success) throw refusal(parsed.error);
  const p = parsed.data;
  const hasPoint = p.lat != null && p.long != null;
  if (!hasPoint && !p.address_string && !p.address_id) throw new Open311Error(400, '须提供 lat 和 long，或 address_string，或 address_id');
  const areaId = p['attribute[area_id]'];
  if (areaId == null) throw new Open311Error(400, 'attribute[area_id] 必填（所在村(社区)，见服务定义）');
  if (!(await repo.findActiveCategory(db, p.service_code))) throw new Open311Error(404, `service_code ${p.service_code} 不存在`);
  if (!(await repo.findVillageArea(db, areaId))) throw new Open311Error(400, 'attribute[area_id] 不是有效的村(社区)');
  const description = p.description ?? '';
  if (description.length < 5) throw new Open311Error(400, 'description 至少 5 个字');
  try {
    await throttle(db, THROTTLE_RULES.open311PerKey, key.id);
  } catch (err) {
    // Only the limit itself is a 429; a database failure is not the client's fault.
    if (err instanceof AppError && err.code === 'RATE_LIMITED') throw new Open311Error(429, err.message);
    throw err;
  }
  const name = [p.last_name, p.first_name].filter(Boolean).join('') || null;
  let created: Awaited<ReturnType<typeof submitReport>>;
  try {
    created = await submitReport(
      db,
      {
        categoryCode: p.service_code,
        description,
        areaId,
        address: p.address_string ?? p.address_id ?? '',
        lat: hasPoint ? p.lat : null,
        lng: hasPoint ? p.long : null,
        phone: p.phone ?? null,
        name,
        photoId: null,
      },
      { ip, channel: 'open311', apiKeyId: key.id },
    );
  } catch (err) {
    if (err instanceof AppError && err.code === 'RATE_LIMITED') throw new Open311Error(429, err.message);
    throw err;
  }
  return [{ service_request_id: String(created.id), token: created.trackingCode, service_notice: created.message, account_id: '' }];
}
