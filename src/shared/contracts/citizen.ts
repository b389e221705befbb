/**
 * Contracts of citizens' reports: the public pages (/api/public, no login), moderation
 * (/api/citizen, signed in) and the Open311 API keys. Open311 itself (/open311/v2) follows the
 * GeoReport v2 standard and parses its form bodies with `ZOpen311PostRequest`.
 */
import { z } from 'zod';
import { ZId, ZIsoDateTime, ZLongText, ZPageQuery, ZRefId, ZSecret, ZText, zPaged, zRefId } from './common.js';

/** Longest description a citizen may send. */
export const REPORT_DESCRIPTION_MAX = 1000;

/** Alphabet of tracking codes: no 0/O, 1/I/L, so a code read aloud or retyped stays right. */
export const TRACKING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Length of a tracking code (31^10 ≈ 8·10^14 codes: unguessable at the allowed request rate). */
export const TRACKING_CODE_LENGTH = 10;
export const ZTrackingCode = ZText.toUpperCase()
  .regex(new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`), '查询码格式不正确');

/** A mainland mobile number. */
export const ZMobilePhone = ZText.regex(/^1[3-9]\d{9}$/, '请填写正确的手机号码');

export const REPORT_STATUSES = ['pending', 'accepted', 'merged', 'rejected'] as const;
export type TReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<TReportStatus, string> = {
  pending: '待审核',
  accepted: '已受理',
  merged: '已合并办理',
  rejected: '未受理',
};

/** A category on the public form. */
export const ZPublicCategory = z.object({ code: z.string(), name: z.string(), groupName: z.string() });
/** An area (village / community) on the public form. */
export const ZPublicArea = z.object({ id: z.number().int(), name: z.string(), townshipName: z.string() });

/** POST /api/public/reports. A location is lat+lng or an address (or both). */
export const ZCreateReportBody = z
  .object({
    categoryCode: ZText.min(1, '请选择问题类别').max(16),
    description: ZLongText.min(5, '请至少用 5 个字描述问题').max(REPORT_DESCRIPTION_MAX, `描述不超过 ${REPORT_DESCRIPTION_MAX} 字`),
    areaId: zRefId('请选择所在村(社区)'),
    address: ZText.max(200, '地址不超过 200 字').default(''),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    phone: ZMobilePhone.nullable().optional(),
    name: ZText.max(20, '姓名不超过 20 字').nullable().optional(),
    /** From POST /api/public/photos. */
    photoId: z.uuid().nullable().optional(),
  })
  .refine((b) => (b.lat != null && b.lng != null) || b.address.length > 0, {
    message: '请在地图上选点或填写地址',
    path: ['address'],
  });
export type TCreateReportBody = z.infer<typeof ZCreateReportBody>;

export const ZCreateReportResult = z.object({ trackingCode: z.string(), message: z.string() });

/** A public photo reference: only ever the EXIF-free copy. */
export const ZPublicPhoto = z.object({ id: z.uuid(), url: z.string(), thumbUrl: z.string().nullable() });

/** The tracking page: everything the reporter may see of their report. */
export const ZTrackResult = z.object({
  trackingCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  areaName: z.string(),
  address: z.string(),
  phoneMasked: z.string().nullable(),
  createdAt: z.string(),
  /** Report status: pending / accepted / merged / rejected. */
  reportStatus: z.enum(REPORT_STATUSES),
  /** One Chinese status line, e.g. 待审核, 整改中, 已办结. */
  statusLabel: z.string(),
  isClosed: z.boolean(),
  rejectReason: z.string().nullable(),
  unitName: z.string().nullable(),
  deadline: z.string().nullable(),
  closedAt: z.string().nullable(),
  outcomeLabel: z.string().nullable(),
  /** Public timeline, newest last; texts are written by the server, never copied from staff notes. */
  notes: z.array(z.object({ at: z.string(), text: z.string() })),
  photos: z.array(ZPublicPhoto),
  /** True while the reporter may say "not fixed"; until `reopenUntil`. */
  canReopen: z.boolean(),
  reopenUntil: z.string().nullable(),
});
export type TTrackResult = z.infer<typeof ZTrackResult>;

/** POST /api/public/track/:code/reopen ("not fixed"). */
export const ZReopenBody = z.object({ note: ZLongText.min(2, '请说明未整改的情况').max(500, '说明不超过 500 字') });

export const ZTrackParams = z.object({ code: ZTrackingCode });

// ── moderation ──────────────────────────────────────────────────────────────────────────

export const ZReportListQuery = ZPageQuery.extend({
  status: z.enum(REPORT_STATUSES).optional(),
  areaId: ZId.optional(),
});
export type TReportListQuery = z.infer<typeof ZReportListQuery>;

export const ZReportRow = z.object({
  id: z.number().int(),
  trackingCode: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** Masked unless the viewer's role may see personal data. */
  phone: z.string().nullable(),
  name: z.string().nullable(),
  photo: ZPublicPhoto.nullable(),
  status: z.enum(REPORT_STATUSES),
  channel: z.string(),
  caseId: z.number().int().nullable(),
  caseCode: z.string().nullable(),
  rejectReason: z.string().nullable(),
  reopenCount: z.number().int(),
  createdAt: z.string(),
  moderatedAt: z.string().nullable(),
});
export type TReportRow = z.infer<typeof ZReportRow>;
export const ZReportPage = zPaged(ZReportRow);

/** Accept: a case is created with the category's defaults; each default may be overridden. */
export const ZAcceptReportBody = z.object({
  /** A 创文 place: the place's responsible units then apply (createPlaceCase). */
  placeId: ZRefId.nullable().optional(),
  title: ZText.min(2).max(100).optional(),
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.optional(),
});
export type TAcceptReportBody = z.infer<typeof ZAcceptReportBody>;

export const ZMergeReportBody = z.object({ caseId: ZRefId });
export const ZRejectReportBody = z.object({ reason: ZLongText.min(2, '请填写不予受理的理由').max(300, '理由不超过 300 字') });

export const ZCitizenSettings = z.object({ reopenDays: z.number().int().min(1).max(90) });
export type TCitizenSettings = z.infer<typeof ZCitizenSettings>;

// ── Open311 API keys ────────────────────────────────────────────────────────────────────

export const ZApiKeyRow = z.object({
  id: z.number().int(),
  name: z.string(),
  keyPrefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const ZCreateApiKeyBody = z.object({ name: ZText.min(2, '请填写使用方名称').max(60) });
/** The key itself is shown once, at issue. */
export const ZCreatedApiKey = ZApiKeyRow.extend({ key: z.string() });

// ── Open311 ─────────────────────────────────────────────────────────────────────────────

/** The fields of POST /open311/v2/requests.{fmt} we use (form-encoded; strings). */
export const ZOpen311PostRequest = z.object({
  api_key: ZSecret.min(1).max(200).optional(),
  service_code: ZText.min(1).max(16),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: ZText.max(200).optional(),
  address_id: ZText.max(60).optional(),
  description: ZLongText.max(REPORT_DESCRIPTION_MAX).optional(),
  phone: ZMobilePhone.optional(),
  first_name: ZText.max(10).optional(),
  last_name: ZText.max(10).optional(),
  email: ZText.max(200).optional(),
  device_id: ZText.max(200).optional(),
  account_id: ZText.max(200).optional(),
  media_url: ZText.max(1000).optional(),
  /** Our extension: the village/community (areas.id); without it the address is required. */
  'attribute[area_id]': ZId.optional(),
});

/** The query of GET /open311/v2/requests.{fmt} (the standard's filters; strings as sent). */
export const ZOpen311RequestsQuery = z.object({
  service_request_id: ZText.max(20_000).optional(),
  service_code: ZText.max(16).optional(),
  start_date: ZText.max(40).optional(),
  end_date: ZText.max(40).optional(),
  status: ZText.max(16).optional(),
});
/** Inferred type of ZOpen311RequestsQuery. */
export type TOpen311RequestsQuery = z.infer<typeof ZOpen311RequestsQuery>;

/** A `{name}.{fmt}` path segment of Open311 (a service code, a request id or a token). */
export const ZOpen311Name = ZText.max(64);
