/** Contracts of /api/chuangwen: calendar, categories, places, measures, 清零 board, 通报. */
import { z } from 'zod';
import { CASE_MODULES, CASE_SEVERITIES, CASE_SOURCES } from '../domain/case-vocab.js';
import { CASE_STATUSES } from '../domain/case-machine.js';
import { CATEGORY_KINDS, DEADLINE_UNITS } from '../domain/chuangwen/categories.js';
import { PLACE_KINDS } from '../domain/chuangwen/places.js';
import { UNIT_TYPES } from '../domain/units.js';
import { ZDate, ZId, ZIsoDateTime, ZLongText, ZPageQuery, ZRefId, ZText, zPaged, zSearch } from './common.js';

// ── working-day calendar ────────────────────────────────────────────────────────────────

export const ZCalendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export type TCalendarYearParams = z.infer<typeof ZCalendarYearParams>;

export const ZCalendarDay = z.object({
  day: ZDate,
  isWorkday: z.boolean(),
  note: ZText.max(40).nullable().default(null),
});
export type TCalendarDayDto = z.infer<typeof ZCalendarDay>;

export const ZCalendarYear = z.object({ year: z.number(), days: z.array(ZCalendarDay) });
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

/** Replaces a year's overrides: only the dates that differ from Mon–Fri. */
export const ZReplaceCalendarBody = z.object({ days: z.array(ZCalendarDay).max(366) });
export type TReplaceCalendarBody = z.infer<typeof ZReplaceCalendarBody>;

export const ZDeadlineRule = z.object({
  value: z.number().int().min(1, '期限至少为 1').max(720, '期限过长'),
  unit: z.enum(DEADLINE_UNITS),
});

export const ZDeadlineQuery = z.object({
  at: ZIsoDateTime.optional(),
  value: z.coerce.number().int().min(1).max(720),
  unit: z.enum(DEADLINE_UNITS),
});
export const ZDeadlineAnswer = z.object({ deadline: z.string(), label: z.string() });

// ── categories ──────────────────────────────────────────────────────────────────────────

export const ZCategory = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CATEGORY_KINDS),
  groupName: z.string(),
  defaultUnitType: z.enum(UNIT_TYPES),
  defaultUnitId: z.number().nullable(),
  defaultUnitName: z.string().nullable(),
  deadline: ZDeadlineRule,
  deadlineLabel: z.string(),
  urgency: z.enum(CASE_SEVERITIES),
  sortOrder: z.number(),
  isActive: z.boolean(),
});
export type TCategory = z.infer<typeof ZCategory>;

export const ZCategoryListQuery = z.object({ includeInactive: z.enum(['true', 'false']).default('false') });
export const ZCategoryList = z.object({ items: z.array(ZCategory) });

export const ZCreateCategoryBody = z.object({
  code: ZText.regex(/^[A-Z]{2}-\d{2}-\d{2}$/, '编码格式如 SJ-01-02'),
  name: ZText.min(2, '名称至少 2 个字').max(30, '名称不超过 30 字'),
  kind: z.enum(CATEGORY_KINDS),
  groupName: ZText.min(2, '请填写大类').max(20),
  defaultUnitType: z.enum(UNIT_TYPES),
  defaultUnitId: ZRefId.nullable().default(null),
  deadline: ZDeadlineRule,
  urgency: z.enum(CASE_SEVERITIES).default('normal'),
  sortOrder: z.number().int().min(0).max(9999).default(0),
});
export type TCreateCategoryBody = z.infer<typeof ZCreateCategoryBody>;

export const ZUpdateCategoryBody = ZCreateCategoryBody.omit({ code: true })
  .partial()
  .extend({ isActive: z.boolean().optional() });
export type TUpdateCategoryBody = z.infer<typeof ZUpdateCategoryBody>;

export const ZCategoryCodeParams = z.object({ code: ZText.max(16) });

export const ZCategoryDefaultsQuery = z.object({
  placeId: ZId.optional(),
  /** When the problem is found; defaults to now. */
  at: ZIsoDateTime.optional(),
});
export const ZCategoryDefaults = z.object({
  categoryCode: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  deadline: z.string(),
  deadlineLabel: z.string(),
  severity: z.enum(CASE_SEVERITIES),
});
export type TCategoryDefaultsDto = z.infer<typeof ZCategoryDefaults>;

// ── places ──────────────────────────────────────────────────────────────────────────────

export const ZPlace = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(PLACE_KINDS),
  areaId: z.number(),
  areaName: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  communityUnitId: z.number().nullable(),
  communityUnitName: z.string().nullable(),
  propertyUnitId: z.number().nullable(),
  propertyUnitName: z.string().nullable(),
  departmentUnitId: z.number().nullable(),
  departmentUnitName: z.string().nullable(),
  isActive: z.boolean(),
  updatedAt: z.string(),
});
export type TPlace = z.infer<typeof ZPlace>;

export const ZPlaceListQuery = ZPageQuery.extend({
  kind: z.enum(PLACE_KINDS).optional(),
  areaId: ZId.optional(),
  q: zSearch().optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TPlaceListQuery = z.infer<typeof ZPlaceListQuery>;
export const ZPlacePage = zPaged(ZPlace);

export const ZCreatePlaceBody = z.object({
  name: ZText.min(2, '名称至少 2 个字').max(60, '名称不超过 60 字'),
  kind: z.enum(PLACE_KINDS),
  areaId: ZRefId,
  address: ZText.max(200).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  communityUnitId: ZRefId.nullable().default(null),
  propertyUnitId: ZRefId.nullable().default(null),
  departmentUnitId: ZRefId.nullable().default(null),
});
export type TCreatePlaceBody = z.infer<typeof ZCreatePlaceBody>;

export const ZUpdatePlaceBody = z.object({
  name: ZText.min(2, '名称至少 2 个字').max(60, '名称不超过 60 字').optional(),
  kind: z.enum(PLACE_KINDS).optional(),
  address: ZText.max(200).optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  communityUnitId: ZRefId.nullable().optional(),
  propertyUnitId: ZRefId.nullable().optional(),
  departmentUnitId: ZRefId.nullable().optional(),
  isActive: z.boolean().optional(),
});
export type TUpdatePlaceBody = z.infer<typeof ZUpdatePlaceBody>;

// ── measures ────────────────────────────────────────────────────────────────────────────

export const ZMeasureSettings = z.object({
  perReturned: z.number().min(0).max(100),
  perReturnedMany: z.number().min(0).max(100),
  returnedManyThreshold: z.number().int().min(2).max(20),
  perOverdue: z.number().min(0).max(100),
  doubleSources: z.array(ZText.max(24)).max(10),
  doubleWeight: z.number().min(1).max(10),
});

/** A period of zone dates, inclusive, at most a year and a day. */
const ZPeriod = z.object({ from: ZDate, to: ZDate });
const periodOk = (p: { from: string; to: string }) => p.from <= p.to && Date.parse(p.to) - Date.parse(p.from) <= 366 * 86_400_000;
const periodMessage = { message: '统计区间无效：起始日期须不晚于结束日期，且不超过一年', path: ['to'] };

export const ZMeasuresQuery = ZPeriod.extend({
  groupBy: z.enum(['unit', 'place']).default('unit'),
  module: z.enum(CASE_MODULES).default('chuangwen'),
}).refine(periodOk, periodMessage);
export type TMeasuresQuery = z.infer<typeof ZMeasuresQuery>;

export const ZGroupMeasures = z.object({
  groupId: z.number(),
  name: z.string(),
  due: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  returned: z.number(),
  extended: z.number(),
  overdue: z.number(),
  closeRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  returnRate: z.number().nullable(),
  extensionRate: z.number().nullable(),
  avgRectifyHours: z.number().nullable(),
  deductions: z.number(),
  score: z.number(),
  rank: z.number(),
});

export const ZMeasures = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['unit', 'place']),
  module: z.enum(CASE_MODULES),
  settings: ZMeasureSettings,
  rows: z.array(ZGroupMeasures),
});
export type TMeasures = z.infer<typeof ZMeasures>;

// ── 清零 board ──────────────────────────────────────────────────────────────────────────

export const ZBoardQuery = z.object({ module: z.enum(CASE_MODULES).default('chuangwen') });

export const ZCaseBrief = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  place: z.string().nullable(),
  areaName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  source: z.string(),
  severity: z.string(),
  status: z.enum(CASE_STATUSES),
  foundAt: z.string(),
  deadline: z.string().nullable(),
  closedAt: z.string().nullable(),
  returnCount: z.number(),
});
export type TCaseBrief = z.infer<typeof ZCaseBrief>;

const ZBucketCounts = z.object({
  open: z.number(),
  overdue: z.number(),
  lt3: z.number(),
  d3to7: z.number(),
  d7to14: z.number(),
  gt14: z.number(),
  dueToday: z.number(),
  dueThisWeek: z.number(),
});

export const ZBoard = z.object({
  now: z.string(),
  today: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  totals: ZBucketCounts,
  byUnit: z.array(ZBucketCounts.extend({ unitId: z.number().nullable(), unitName: z.string() })),
  dueToday: z.array(ZCaseBrief),
  dueThisWeek: z.array(ZCaseBrief),
});
export type TBoard = z.infer<typeof ZBoard>;

// ── weekly 通报 ─────────────────────────────────────────────────────────────────────────

export const ZBulletinQuery = ZPeriod.extend({
  /** 第几期; by default the ISO week number of `to`. */
  issue: z.coerce.number().int().min(1).max(999).optional(),
  module: z.enum(CASE_MODULES).default('chuangwen'),
}).refine(periodOk, periodMessage);
export type TBulletinQuery = z.infer<typeof ZBulletinQuery>;

const ZCaseSection = z.object({ total: z.number(), items: z.array(ZCaseBrief) });

/** A photo of a typical problem: the attachment and the URLs that serve it (signed-in users). */
export const ZBulletinPhoto = z.object({ id: z.string(), url: z.string(), thumbUrl: z.string().nullable() });
export type TBulletinPhoto = z.infer<typeof ZBulletinPhoto>;

/** A typical problem with its 整改前 photos (the case's 'before' ones) and 整改后 photos (the last submit's). */
export const ZTypicalProblem = ZCaseBrief.extend({
  beforePhotos: z.array(ZBulletinPhoto),
  afterPhotos: z.array(ZBulletinPhoto),
});
export type TTypicalProblem = z.infer<typeof ZTypicalProblem>;

export const ZBulletin = z.object({
  title: z.string(),
  issueNo: z.number(),
  issueLabel: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  from: z.string(),
  to: z.string(),
  periodLabel: z.string(),
  summary: z.object({
    found: z.number(),
    closed: z.number(),
    due: z.number(),
    closeRate: z.number().nullable(),
    onTimeRate: z.number().nullable(),
    overdue: z.number(),
    openAtEnd: z.number(),
  }),
  summaryText: z.string(),
  newProblems: ZCaseSection,
  rectified: ZCaseSection,
  overdue: ZCaseSection,
  ranking: z.array(ZGroupMeasures),
  typical: z.array(ZTypicalProblem),
  namedUnits: z.array(z.object({ unitId: z.number(), unitName: z.string(), overdue: z.number() })),
  requirements: z.array(z.string()),
});
export type TBulletin = z.infer<typeof ZBulletin>;

// ── a 创文 case at a place ─────────────────────────────────────────────────────────────

/**
 * Raises a 创文 case at a place for a category. Unit and deadline default from the category
 * and place (categoryDefaults); `unitId: null` leaves it 待交办; `unitId`/`deadline` override.
 */
export const ZCreatePlaceCaseBody = z.object({
  placeId: ZRefId,
  categoryCode: ZText.max(16),
  title: ZText.min(2, '标题至少 2 个字').max(100, '标题不超过 100 字').optional(),
  description: ZLongText.max(2000, '描述不超过 2000 字').default(''),
  source: z.enum(CASE_SOURCES).default('inspection'),
  foundAt: ZIsoDateTime.optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.optional(),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
});
export type TCreatePlaceCaseBody = z.infer<typeof ZCreatePlaceCaseBody>;
