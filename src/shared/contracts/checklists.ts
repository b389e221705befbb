/**
 * Contracts of /api/checklists (templates reused by 十须知, 创文 测评, site checks) and
 * /api/inspections (督导检查: an inspector checks a target against a template; a failed item
 * becomes a case in one step, 现场交办).
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case-machine.js';
import { CASE_MODULES, CASE_SEVERITIES } from '../domain/case-vocab.js';
import { ZAttachmentRef } from './cases.js';
import { ZDate, ZId, ZIsoDateTime, ZLongText, ZPageQuery, ZRefId, ZText, zPaged } from './common.js';

/** The answer an inspector gives for one item. */
export const CHECK_RESULTS = ['pass', 'fail', 'na'] as const;
export type TCheckResult = (typeof CHECK_RESULTS)[number];
export const CHECK_RESULT_LABELS: Record<TCheckResult, string> = { pass: '合格', fail: '不合格', na: '不适用' };

export const INSPECTION_STATUSES = ['draft', 'completed'] as const;
export type TInspectionStatus = (typeof INSPECTION_STATUSES)[number];
export const INSPECTION_STATUS_LABELS: Record<TInspectionStatus, string> = { draft: '检查中', completed: '已完成' };

// ---------------------------------------------------------------- templates

/** One item of a template as the API shows it. */
export const ZChecklistItem = z.object({
  id: z.number(),
  position: z.number(),
  title: z.string(),
  /** The standard the item is checked against (检查标准). */
  standard: z.string(),
  /** Category given to a case raised from this item. */
  category: z.string().nullable(),
  /** Responsible unit of a case raised from this item; null: the inspector picks, or the case waits 待交办. */
  defaultUnitId: z.number().nullable(),
  defaultUnitName: z.string().nullable(),
  /** Deadline of a case raised from this item, in days from the day it is raised (0 = the same day). */
  defaultDeadlineDays: z.number(),
  severity: z.enum(CASE_SEVERITIES),
});
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

/** A template in the list. */
export const ZChecklistTemplateRow = z.object({
  id: z.number(),
  name: z.string(),
  module: z.enum(CASE_MODULES),
  description: z.string(),
  isActive: z.boolean(),
  itemCount: z.number(),
  updatedAt: z.string(),
});
export type TChecklistTemplateRow = z.infer<typeof ZChecklistTemplateRow>;

/** A template with its items ordered by position, and what the caller may do with it. */
export const ZChecklistTemplate = ZChecklistTemplateRow.extend({
  createdAt: z.string(),
  items: z.array(ZChecklistItem),
  canEdit: z.boolean(),
});
export type TChecklistTemplate = z.infer<typeof ZChecklistTemplate>;

export const ZChecklistQuery = z.object({
  module: z.enum(CASE_MODULES).optional(),
  /** Include disabled templates (editors' page). */
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type TChecklistQuery = z.infer<typeof ZChecklistQuery>;

/** An item in a save body. Give `id` to keep an existing item (past results keep pointing to it). */
export const ZChecklistItemInput = z.object({
  id: ZRefId.optional(),
  title: ZText.min(1, '请输入检查项').max(100, '检查项不超过 100 字'),
  standard: ZLongText.max(1000, '检查标准不超过 1000 字').default(''),
  category: ZText.max(40, '类别不超过 40 字').nullable().optional(),
  defaultUnitId: ZRefId.nullable().optional(),
  defaultDeadlineDays: z.number().int().min(0, '期限不能为负').max(365, '期限不超过 365 天').default(3),
  severity: z.enum(CASE_SEVERITIES).default('normal'),
});
export type TChecklistItemInput = z.infer<typeof ZChecklistItemInput>;

/**
 * Create (POST /api/checklists) or replace (PUT /api/checklists/:id) a template. On PUT the
 * items listed are the template's items in order; an item left out is removed (kept hidden
 * when past inspections answered it).
 */
export const ZSaveChecklistBody = z.object({
  name: ZText.min(2, '名称至少 2 个字').max(60, '名称不超过 60 字'),
  module: z.enum(CASE_MODULES),
  description: ZLongText.max(1000, '说明不超过 1000 字').default(''),
  isActive: z.boolean().default(true),
  items: z.array(ZChecklistItemInput).min(1, '至少需要一个检查项').max(100, '检查项不超过 100 个'),
});
export type TSaveChecklistBody = z.infer<typeof ZSaveChecklistBody>;

// ---------------------------------------------------------------- inspections

/**
 * POST /api/inspections — start a draft. With `placeId` (a 创文 place) the area, place text and
 * location default from the place, and cases raised from failed items are linked to it.
 */
/** A module's record an inspection is of: its declared subject type and id. */
export const ZInspectionSubjectRef = z.object({ type: ZText.min(1).max(32), id: ZRefId });
export type TInspectionSubjectRef = z.infer<typeof ZInspectionSubjectRef>;

export const ZCreateInspectionBody = z.object({
  templateId: ZRefId,
  /** Required unless a place is given (then it defaults to the place's area). */
  areaId: ZRefId.optional(),
  placeId: ZRefId.nullable().optional(),
  place: ZText.max(200, '地点不超过 200 字').nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  /**
   * A record of another module inspected (a clinic, a construction site), as that module declares
   * it: its area, name and responsible unit come with it.
   */
  subject: ZInspectionSubjectRef.optional(),
}).refine((b) => b.areaId != null || b.placeId != null || b.subject != null, { message: '请选择检查区域或点位', path: ['areaId'] });
export type TCreateInspectionBody = z.infer<typeof ZCreateInspectionBody>;

export const ZInspectionQuery = ZPageQuery.extend({
  status: z.enum(INSPECTION_STATUSES).optional(),
  /** The area's subtree. */
  areaId: ZId.optional(),
  templateId: ZId.optional(),
  /** Zone dates (YYYY-MM-DD), inclusive, on startedAt. */
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** Only the caller's own inspections. */
  mine: z.enum(['true', 'false']).optional(),
  /** Only inspections of one record of another module (a clinic, a site). */
  subjectType: ZText.max(32).optional(),
  subjectId: ZId.optional(),
});
export type TInspectionQuery = z.infer<typeof ZInspectionQuery>;

/** Counts of item results. `unchecked` counts items without an answer yet. */
export const ZInspectionCounts = z.object({
  total: z.number(),
  pass: z.number(),
  fail: z.number(),
  na: z.number(),
  unchecked: z.number(),
  /** Cases raised from this inspection. */
  cases: z.number(),
});
export type TInspectionCounts = z.infer<typeof ZInspectionCounts>;

export const ZInspectionRow = z.object({
  id: z.number(),
  templateId: z.number(),
  templateName: z.string(),
  module: z.enum(CASE_MODULES),
  inspectorId: z.number(),
  inspectorName: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  /** The 创文 place inspected, when any. */
  placeId: z.number().nullable(),
  /** The other module's record inspected, when any. */
  subject: z.object({ type: z.string(), id: z.number() }).nullable(),
  place: z.string().nullable(),
  status: z.enum(INSPECTION_STATUSES),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  counts: ZInspectionCounts,
});
export type TInspectionRow = z.infer<typeof ZInspectionRow>;
export const ZInspectionPage = zPaged(ZInspectionRow);
export type TInspectionPage = z.infer<typeof ZInspectionPage>;

/** The case raised from a result (现场交办). */
export const ZInspectionCaseRef = z.object({
  id: z.number(),
  code: z.string(),
  status: z.enum(CASE_STATUSES),
});
export type TInspectionCaseRef = z.infer<typeof ZInspectionCaseRef>;

/** A template item joined with this inspection's answer (null fields while unchecked). */
export const ZInspectionItem = ZChecklistItem.extend({
  resultId: z.number().nullable(),
  result: z.enum(CHECK_RESULTS).nullable(),
  note: z.string().nullable(),
  attachments: z.array(ZAttachmentRef),
  case: ZInspectionCaseRef.nullable(),
});
export type TInspectionItem = z.infer<typeof ZInspectionItem>;

export const ZInspectionDetail = ZInspectionRow.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  summary: z.string().nullable(),
  items: z.array(ZInspectionItem),
  /** What the caller may do now; the UI shows only these buttons. */
  abilities: z.object({
    /** Record or change results (owner, while draft). */
    canRecord: z.boolean(),
    /** Raise a case from a failed item (owner). */
    canRaiseCase: z.boolean(),
    /** Complete the inspection (owner, while draft). */
    canComplete: z.boolean(),
  }),
});
export type TInspectionDetail = z.infer<typeof ZInspectionDetail>;

/** PUT /api/inspections/:id/results/:itemId — upsert one answer. `attachmentIds` is the full list of its photos. */
export const ZRecordResultBody = z.object({
  result: z.enum(CHECK_RESULTS),
  note: ZLongText.max(2000, '说明不超过 2000 字').nullable().optional(),
  attachmentIds: z.array(z.uuid()).max(9, '最多 9 张照片').default([]),
});
export type TRecordResultBody = z.infer<typeof ZRecordResultBody>;

export const ZInspectionItemParams = z.object({
  id: ZId,
  itemId: ZId,
});

/**
 * POST /api/inspections/:id/results/:itemId/case — 现场交办 of a failed item. Omitted fields take
 * the item's defaults; `unitId: null` leaves the case 待交办 even when the item has a default unit.
 */
export const ZRaiseCaseBody = z.object({
  title: ZText.min(2, '标题至少 2 个字').max(100, '标题不超过 100 字').optional(),
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.optional(),
  severity: z.enum(CASE_SEVERITIES).optional(),
});
export type TRaiseCaseBody = z.infer<typeof ZRaiseCaseBody>;

export const ZCompleteInspectionBody = z.object({
  summary: ZLongText.max(2000, '小结不超过 2000 字').nullable().optional(),
});
export type TCompleteInspectionBody = z.infer<typeof ZCompleteInspectionBody>;
