/** Contracts of /api/cases: the supervision case loop. */
import { CASE_ORIGIN_TYPES } from '../domain/case-origins.js';
import { z } from 'zod';
import { CASE_ACTIONS, CASE_OUTCOMES, CASE_STATUSES } from '../domain/case-machine.js';
import { CASE_MODULES, CASE_SEVERITIES, CASE_SOURCES } from '../domain/case-vocab.js';
import { ZDate, ZId, ZIsoDateTime, ZLongText, ZPageQuery, ZRefId, ZText, ZVersion, zPaged, zSearch } from './common.js';

export const ZAttachmentRef = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  kind: z.string(),
  url: z.string(),
  thumbUrl: z.string().nullable(),
});
export type TAttachmentRef = z.infer<typeof ZAttachmentRef>;

export const ZCaseRow = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  module: z.enum(CASE_MODULES),
  category: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  place: z.string().nullable(),
  source: z.enum(CASE_SOURCES),
  severity: z.enum(CASE_SEVERITIES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  foundAt: z.string(),
  deadline: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  isOverdue: z.boolean(),
  returnCount: z.number(),
  extensionCount: z.number(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TCaseRow = z.infer<typeof ZCaseRow>;

export const ZCaseEvent = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  /** Who acted: a user (actorId), the system (a scheduled job, named in actorRef) or a citizen. */
  actorKind: z.enum(['user', 'system', 'citizen']),
  actorRef: z.string().nullable(),
  /** The user's name, or 系统 / 群众. */
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  attachments: z.array(ZAttachmentRef),
});
export type TCaseEvent = z.infer<typeof ZCaseEvent>;

export const ZCaseDetail = ZCaseRow.extend({
  description: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  foundById: z.number().nullable(),
  foundByName: z.string().nullable(),
  requestedDeadline: z.string().nullable(),
  assignedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The record of another module that raised the case (CASE_ORIGINS), if any. */
  originType: z.enum(CASE_ORIGIN_TYPES).nullable(),
  originId: z.number().nullable(),
  attachments: z.array(ZAttachmentRef),
  events: z.array(ZCaseEvent),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

const ZCsvEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)).optional(),
  );

export const CASE_SORTS = ['foundAt', 'deadline', 'updatedAt', 'id'] as const;

export const ZCaseListQuery = ZPageQuery.extend({
  module: ZCsvEnum(CASE_MODULES),
  status: ZCsvEnum(CASE_STATUSES),
  source: ZCsvEnum(CASE_SOURCES),
  areaId: ZId.optional(),
  unitId: ZId.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Zone dates (YYYY-MM-DD), inclusive, on found_at. */
  from: ZDate.optional(),
  to: ZDate.optional(),
  /** Zone dates (YYYY-MM-DD), inclusive, on the deadline (what falls due today, this week). */
  dueFrom: ZDate.optional(),
  dueTo: ZDate.optional(),
  q: zSearch(60).optional(),
  /** Only the cases this user must act on now (我的待办). */
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(CASE_SORTS).default('foundAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;
export const ZCasePage = zPaged(ZCaseRow);
export type TCasePage = z.infer<typeof ZCasePage>;

export const ZCreateCaseBody = z.object({
  title: ZText.min(2, '标题至少 2 个字').max(100, '标题不超过 100 字'),
  description: ZLongText.max(2000, '描述不超过 2000 字').default(''),
  module: z.enum(CASE_MODULES),
  category: ZText.max(40).nullable().optional(),
  areaId: ZRefId,
  place: ZText.max(200).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  source: z.enum(CASE_SOURCES),
  severity: z.enum(CASE_SEVERITIES).default('normal'),
  foundAt: ZIsoDateTime.optional(),
  /** Assign in the same step (现场交办) when both are given. */
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.nullable().optional(),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
});
export type TCreateCaseBody = z.infer<typeof ZCreateCaseBody>;

export const ZTransitionBody = z.object({
  action: z.enum(CASE_ACTIONS),
  version: ZVersion,
  note: ZLongText.max(2000).nullable().optional(),
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.nullable().optional(),
  outcome: z.enum(CASE_OUTCOMES).nullable().optional(),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
});
export type TTransitionBody = z.infer<typeof ZTransitionBody>;

export const ZBulkBody = z.object({
  action: z.enum(['assign', 'verify']),
  items: z.array(z.object({ id: ZRefId, version: ZVersion })).min(1).max(200),
  unitId: ZRefId.nullable().optional(),
  deadline: ZIsoDateTime.nullable().optional(),
  note: ZLongText.max(2000).nullable().optional(),
  outcome: z.enum(CASE_OUTCOMES).nullable().optional(),
});
export type TBulkBody = z.infer<typeof ZBulkBody>;

export const ZBulkResult = z.object({
  done: z.array(z.number()),
  failed: z.array(z.object({ id: z.number(), code: z.string(), message: z.string() })),
});
export type TBulkResult = z.infer<typeof ZBulkResult>;

export const ZHomeStats = z.object({
  open: z.number(),
  overdue: z.number(),
  closedThisWeek: z.number(),
  /** 按期销号率: of cases closed in the period, the share closed by their deadline (0..1, null when none). */
  onTimeCloseRate: z.number().nullable(),
  pendingVerify: z.number(),
  myTodo: z.number(),
  byModule: z.array(z.object({ module: z.enum(CASE_MODULES), open: z.number(), overdue: z.number() })),
  byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), count: z.number() })),
});
export type THomeStats = z.infer<typeof ZHomeStats>;
