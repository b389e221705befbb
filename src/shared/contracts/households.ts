/**
 * Contracts of /api/households: the registry of 防止返贫动态监测 (households, members, moves,
 * income per year, 两不愁三保障 + 饮水, monitoring lines and risk screening).
 * ID numbers and phones in responses are masked unless the caller may and asks to see them.
 */
import { z } from 'zod';
import {
  EDUCATIONS,
  GUARANTEE_ITEMS,
  GUARANTEE_STATUSES,
  HEALTH_STATUSES,
  HOUSEHOLD_TYPES,
  HOUSING_GRADES,
  JOIN_KINDS,
  LABOUR_SKILLS,
  MONITORING_CATEGORIES,
  MOVE_KINDS,
  RELATIONS,
  RISK_TYPES,
  SCHOOL_STATUSES,
  WATER_STATUSES,
} from '../domain/households/vocab.js';
import { SCREENING_RULE_IDS } from '../domain/households/screening.js';
import { ZDate, ZId, ZPageQuery, zPaged } from './common.js';

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).optional());

const ZPhone = z.string().trim().regex(/^[\d\-+ ]{5,20}$/, '电话号码格式不正确');
const ZYuan = z.number().min(0, '金额不能为负').max(100_000_000, '金额过大').multipleOf(0.01, '金额最多两位小数');

/** ?reveal=true asks for ID numbers and phones unmasked (PII roles only; audited). */
export const ZRevealQuery = z.object({ reveal: z.enum(['true', 'false']).default('false') });
/** Inferred type of ZRevealQuery. */
export type TRevealQuery = z.infer<typeof ZRevealQuery>;

/** Path params of per-year household endpoints: /:id/income/:year, /:id/guarantees/:year. */
export const ZYearParams = z.object({ id: ZId, year: z.coerce.number().int().min(2000).max(2100) });
/** Path params of member endpoints. */
export const ZMemberParams = z.object({ memberId: ZId });
/** Path param of per-year settings. */
export const ZYearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** Columns the household list sorts by. */
export const HOUSEHOLD_SORTS = ['code', 'updatedAt', 'id'] as const;

/** GET /api/households: filters, paging and sorting. */
export const ZHouseholdListQuery = ZPageQuery.extend({
  areaId: z.coerce.number().int().positive().optional(),
  type: csv(HOUSEHOLD_TYPES),
  category: csv(MONITORING_CATEGORIES),
  riskType: csv(RISK_TYPES),
  cadreUserId: z.coerce.number().int().positive().optional(),
  /** Only households with (true) or without (false) an open screening flag. */
  flagged: z.enum(['true', 'false']).optional(),
  /** Only households with an open flag of one of these rules. */
  flagRule: csv(SCREENING_RULE_IDS),
  /** Only households with (true) or without (false) a lead or procedure in progress. */
  hasOpenLead: z.enum(['true', 'false']).optional(),
  /** 户编号 (exact) or a member's name from its start (surname or full name; `张` finds 张三). */
  q: z.string().trim().max(40).optional(),
  sort: z.enum(HOUSEHOLD_SORTS).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
/** Inferred type of ZHouseholdListQuery. */
export type THouseholdListQuery = z.infer<typeof ZHouseholdListQuery>;

/** A household in the list (phone always masked). */
export const ZHouseholdRow = z.object({
  id: z.number(),
  code: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  hamlet: z.string().nullable(),
  headName: z.string().nullable(),
  memberCount: z.number(),
  phone: z.string().nullable(),
  type: z.enum(HOUSEHOLD_TYPES),
  monitoringCategory: z.enum(MONITORING_CATEGORIES).nullable(),
  riskTypes: z.array(z.enum(RISK_TYPES)),
  cadreUserId: z.number().nullable(),
  cadreName: z.string().nullable(),
  housingGrade: z.enum(HOUSING_GRADES).nullable(),
  drinkingWater: z.enum(WATER_STATUSES).nullable(),
  openFlags: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
/** Inferred type of ZHouseholdRow. */
export type THouseholdRow = z.infer<typeof ZHouseholdRow>;
/** One page of the household list. */
export const ZHouseholdPage = zPaged(ZHouseholdRow);
/** Inferred type of ZHouseholdPage. */
export type THouseholdPage = z.infer<typeof ZHouseholdPage>;

/** A household member as the API shows them. */
export const ZMember = z.object({
  id: z.number(),
  householdId: z.number(),
  name: z.string(),
  /** Masked (411602********123X) unless revealed. */
  idNumber: z.string(),
  sex: z.enum(['M', 'F']),
  /** Null when masked: with the area code and last four it would give the whole ID away. */
  birthDate: z.string().nullable(),
  age: z.number(),
  relation: z.enum(RELATIONS),
  ethnicity: z.string().nullable(),
  education: z.enum(EDUCATIONS).nullable(),
  schoolStatus: z.enum(SCHOOL_STATUSES).nullable(),
  health: z.enum(HEALTH_STATUSES).nullable(),
  disabilityGrade: z.number().nullable(),
  labourSkill: z.enum(LABOUR_SKILLS).nullable(),
  migrantMonths: z.number().nullable(),
  hasMedicalInsurance: z.boolean().nullable(),
  hasCriticalIllnessInsurance: z.boolean().nullable(),
  isActive: z.boolean(),
  leftAt: z.string().nullable(),
  leftReason: z.string().nullable(),
  version: z.number(),
});
/** Inferred type of ZMember. */
export type TMember = z.infer<typeof ZMember>;

/** A year's income with the computed 家庭纯收入 and 人均纯收入. */
export const ZIncomeYear = z.object({
  year: z.number(),
  wage: z.number(),
  business: z.number(),
  productionCost: z.number(),
  property: z.number(),
  transfer: z.number(),
  householdSize: z.number(),
  netIncome: z.number(),
  perCapita: z.number(),
  medicalSelfPay: z.number().nullable(),
  educationCost: z.number().nullable(),
  disasterLoss: z.number().nullable(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
/** Inferred type of ZIncomeYear. */
export type TIncomeYear = z.infer<typeof ZIncomeYear>;

/** One checked 两不愁三保障/饮水 item with its evidence. */
export const ZGuaranteeItem = z.object({
  item: z.enum(GUARANTEE_ITEMS),
  status: z.enum(GUARANTEE_STATUSES),
  note: z.string().nullable(),
  attachmentIds: z.array(z.string()),
  checkedAt: z.string(),
});
/** The checked items of one year. */
export const ZGuaranteeYear = z.object({ year: z.number(), items: z.array(ZGuaranteeItem) });
/** Inferred type of ZGuaranteeYear. */
export type TGuaranteeYear = z.infer<typeof ZGuaranteeYear>;

/** A screening flag with the message and numbers that explain it. */
export const ZFlag = z.object({
  id: z.number(),
  year: z.number(),
  rule: z.enum(SCREENING_RULE_IDS),
  ruleLabel: z.string(),
  message: z.string(),
  numbers: z.record(z.string(), z.union([z.number(), z.string()])),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
/** Inferred type of ZFlag. */
export type TFlag = z.infer<typeof ZFlag>;

/** One entry of the member history (join, move, leave). */
export const ZMove = z.object({
  id: z.number(),
  memberId: z.number(),
  memberName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  fromHouseholdId: z.number().nullable(),
  toHouseholdId: z.number().nullable(),
  movedOn: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});

/** GET /api/households/:id: the household page. */
export const ZHouseholdDetail = ZHouseholdRow.extend({
  areaCode: z.string(),
  address: z.string().nullable(),
  identifiedAt: z.string().nullable(),
  riskEliminatedAt: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  /** Current members first, then former members. */
  members: z.array(ZMember),
  incomes: z.array(ZIncomeYear),
  guarantees: z.array(ZGuaranteeYear),
  /** Open flags, then the last resolved ones. */
  flags: z.array(ZFlag),
  moves: z.array(ZMove),
  isRevealed: z.boolean(),
  /** What the caller may do here, so the UI shows only allowed buttons. */
  abilities: z.object({ canEdit: z.boolean(), canReveal: z.boolean() }),
});
/** Inferred type of ZHouseholdDetail. */
export type THouseholdDetail = z.infer<typeof ZHouseholdDetail>;

const householdFields = {
  areaId: z.number().int().positive(),
  hamlet: z.string().trim().max(40).nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  phone: ZPhone.nullable().optional(),
  type: z.enum(HOUSEHOLD_TYPES),
  monitoringCategory: z.enum(MONITORING_CATEGORIES).nullable().optional(),
  riskTypes: z.array(z.enum(RISK_TYPES)).max(RISK_TYPES.length).default([]),
  cadreUserId: z.number().int().positive().nullable().optional(),
  cadreName: z.string().trim().max(40).nullable().optional(),
  housingGrade: z.enum(HOUSING_GRADES).nullable().optional(),
  drinkingWater: z.enum(WATER_STATUSES).nullable().optional(),
  identifiedAt: ZDate.nullable().optional(),
  riskEliminatedAt: ZDate.nullable().optional(),
};

/** POST /api/households. */
export const ZCreateHouseholdBody = z.object({
  code: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/, '户编号为 4–32 位字母、数字或短横线'),
  ...householdFields,
});
/** Inferred type of ZCreateHouseholdBody. */
export type TCreateHouseholdBody = z.infer<typeof ZCreateHouseholdBody>;

/** PATCH /api/households/:id (optimistic concurrency on `version`). */
export const ZUpdateHouseholdBody = z.object({
  version: z.number().int().positive(),
  ...householdFields,
  type: householdFields.type.optional(),
  areaId: householdFields.areaId.optional(),
  riskTypes: z.array(z.enum(RISK_TYPES)).max(RISK_TYPES.length).optional(),
});
/** Inferred type of ZUpdateHouseholdBody. */
export type TUpdateHouseholdBody = z.infer<typeof ZUpdateHouseholdBody>;

const memberFields = {
  name: z.string().trim().min(1, '请填写姓名').max(40),
  /** As typed or pasted; normalized and validated on the server (GB 11643). */
  idNumber: z.string().trim().min(1, '请填写证件号码').max(40),
  relation: z.enum(RELATIONS),
  ethnicity: z.string().trim().max(16).nullable().optional(),
  education: z.enum(EDUCATIONS).nullable().optional(),
  schoolStatus: z.enum(SCHOOL_STATUSES).nullable().optional(),
  health: z.enum(HEALTH_STATUSES).nullable().optional(),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  labourSkill: z.enum(LABOUR_SKILLS).nullable().optional(),
  migrantMonths: z.number().int().min(0).max(12).nullable().optional(),
  hasMedicalInsurance: z.boolean().nullable().optional(),
  hasCriticalIllnessInsurance: z.boolean().nullable().optional(),
};

/** POST /api/households/:id/members. */
export const ZCreateMemberBody = z.object({
  ...memberFields,
  joinKind: z.enum(JOIN_KINDS).default('registered'),
  joinedOn: ZDate.optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
/** Inferred type of ZCreateMemberBody. */
export type TCreateMemberBody = z.infer<typeof ZCreateMemberBody>;

/** PATCH /api/households/members/:memberId (optimistic concurrency on `version`). */
export const ZUpdateMemberBody = z.object(memberFields).partial().extend({ version: z.number().int().positive() });
/** Inferred type of ZUpdateMemberBody. */
export type TUpdateMemberBody = z.infer<typeof ZUpdateMemberBody>;

/** POST /api/households/members/:memberId/move: 分户, 并户, 婚嫁, 死亡, 迁出. */
export const ZMoveMemberBody = z.object({
  version: z.number().int().positive(),
  kind: z.enum(MOVE_KINDS),
  /** Required for 分户, 并户 and 婚嫁 within the registry. */
  toHouseholdId: z.number().int().positive().nullable().optional(),
  /** The member's relation to the head in the household they move to. */
  relation: z.enum(RELATIONS).optional(),
  movedOn: ZDate,
  note: z.string().trim().max(500).nullable().optional(),
});
/** Inferred type of ZMoveMemberBody. */
export type TMoveMemberBody = z.infer<typeof ZMoveMemberBody>;

/** PUT /api/households/:id/income/:year: the five components and the year's rigid expenses, in yuan. */
export const ZIncomeBody = z.object({
  wage: ZYuan,
  business: ZYuan,
  productionCost: ZYuan,
  property: ZYuan,
  transfer: ZYuan,
  /** 家庭人数 for the year; defaults to the current number of members. */
  householdSize: z.number().int().min(1).max(50).optional(),
  medicalSelfPay: ZYuan.nullable().optional(),
  educationCost: ZYuan.nullable().optional(),
  disasterLoss: ZYuan.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
/** Inferred type of ZIncomeBody. */
export type TIncomeBody = z.infer<typeof ZIncomeBody>;

/** PUT /api/households/:id/guarantees/:year. */
export const ZGuaranteesBody = z.object({
  items: z
    .array(
      z.object({
        item: z.enum(GUARANTEE_ITEMS),
        status: z.enum(GUARANTEE_STATUSES),
        note: z.string().trim().max(500).nullable().optional(),
        attachmentIds: z.array(z.uuid()).max(9).default([]),
      }),
    )
    .min(1)
    .max(GUARANTEE_ITEMS.length)
    .refine((items) => new Set(items.map((i) => i.item)).size === items.length, '每一项只能填写一次'),
});
/** Inferred type of ZGuaranteesBody. */
export type TGuaranteesBody = z.infer<typeof ZGuaranteesBody>;

/** Overrides of the screening parameters (defaults in shared/domain/households/screening.ts). */
export const ZScreeningParams = z
  .object({
    marginFactor: z.number().min(1).max(3),
    incomeDropPercent: z.number().min(1).max(100),
    medicalSelfPayLifted: z.number().min(0),
    medicalSelfPayOthers: z.number().min(0),
    educationCostThreshold: z.number().min(0),
    disasterLossThreshold: z.number().min(0),
    schoolAgeMin: z.number().int().min(3).max(10),
    schoolAgeMax: z.number().int().min(10).max(18),
    workingAgeMin: z.number().int().min(14).max(20),
    workingAgeMax: z.number().int().min(50).max(75),
  })
  .partial();

/** PUT /api/households/settings/monitoring-lines/:year. */
export const ZMonitoringLineBody = z.object({
  /** An area for a local line; omitted or null for the whole zone. */
  areaId: z.number().int().positive().nullable().optional(),
  incomeLine: z.number().int().min(1000, '监测线不低于 1,000 元').max(100_000),
  sourceNote: z.string().trim().min(2, '请注明监测线的来源（文件名、文号）').max(500),
  params: ZScreeningParams.default({}),
});
/** Inferred type of ZMonitoringLineBody. */
export type TMonitoringLineBody = z.infer<typeof ZMonitoringLineBody>;

/** A year's monitoring line for the zone ('' prefix) or an area. */
export const ZMonitoringLine = z.object({
  year: z.number(),
  areaPrefix: z.string(),
  incomeLine: z.number(),
  params: z.record(z.string(), z.number()),
  sourceNote: z.string(),
  updatedAt: z.string(),
});
/** GET /api/households/settings/monitoring-lines. */
export const ZMonitoringLines = z.object({ items: z.array(ZMonitoringLine) });

/** POST /api/households/screening. */
export const ZScreeningRunBody = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Narrow the run to an area inside the caller's scope. */
  areaId: z.number().int().positive().optional(),
});
/** Inferred type of ZScreeningRunBody. */
export type TScreeningRunBody = z.infer<typeof ZScreeningRunBody>;

/** What a screening run did, with counts by rule. */
export const ZScreeningRunResult = z.object({
  year: z.number(),
  households: z.number(),
  members: z.number(),
  /** Households skipped because no monitoring line covers their area. */
  skipped: z.number(),
  raised: z.number(),
  stillOpen: z.number(),
  resolved: z.number(),
  byRule: z.record(z.string(), z.number()),
  ms: z.number(),
});
/** Inferred type of ZScreeningRunResult. */
export type TScreeningRunResult = z.infer<typeof ZScreeningRunResult>;

/** POST /api/households/import?mode=… */
export const ZImportQuery = z.object({
  /** all_or_nothing: any error writes nothing; good_rows: valid rows are written, the rest reported. */
  mode: z.enum(['all_or_nothing', 'good_rows']).default('all_or_nothing'),
});
/** Inferred type of ZImportQuery. */
export type TImportQuery = z.infer<typeof ZImportQuery>;

/** What an import did; errors beyond the first 200 are in the downloadable report. */
export const ZImportResult = z.object({
  mode: z.enum(['all_or_nothing', 'good_rows']),
  /** Data rows read, of both sheets (农户成员, 家庭收入). */
  rows: z.number(),
  isWritten: z.boolean(),
  households: z.object({ created: z.number(), updated: z.number() }),
  members: z.object({ created: z.number(), updated: z.number() }),
  /** Years of income (户编号 + 年度) written. */
  incomes: z.object({ created: z.number(), updated: z.number() }),
  rowsWithErrors: z.number(),
  /** The first 200 errors, member sheet first; the full list is in the report. */
  errors: z.array(z.object({ sheet: z.string(), row: z.number(), column: z.string(), value: z.string(), message: z.string() })),
  /** Download at /api/households/import/{errorReportId}/errors.xlsx. */
  errorReportId: z.string().nullable(),
});
/** Inferred type of ZImportResult. */
export type TImportResult = z.infer<typeof ZImportResult>;
/** GET /api/households/import/:reportId/errors.xlsx. */
export const ZImportReportParams = z.object({ reportId: z.uuid() });

/** GET /api/households/export.xlsx. */
export const ZExportQuery = ZRevealQuery.extend({
  /** Narrow the export to an area (the caller's scope applies anyway). */
  areaId: z.coerce.number().int().positive().optional(),
});
/** Inferred type of ZExportQuery. */
export type TExportQuery = z.infer<typeof ZExportQuery>;

// ---- timeline ----------------------------------------------------------------------------------

/** Kinds of events on a household's timeline. */
export const TIMELINE_KINDS = ['registered', 'member', 'income', 'guarantee', 'flag', 'lead', 'milestone', 'measure', 'fund', 'visit', 'archive', 'case'] as const;
/** One of TIMELINE_KINDS. */
export type TTimelineKind = (typeof TIMELINE_KINDS)[number];
/** Chinese labels of the timeline's kinds (the filter). */
export const TIMELINE_KIND_LABELS: Record<TTimelineKind, string> = {
  registered: '建档',
  member: '成员变动',
  income: '收入',
  guarantee: '三保障核查',
  flag: '风险提示',
  lead: '线索与程序',
  milestone: '纳入/消除',
  measure: '帮扶措施',
  fund: '帮扶资金',
  visit: '走访',
  archive: '一户一档',
  case: '督办事项',
};

/** GET /api/households/:id/timeline: newest first, `limit` at a time, older pages by `before`. */
export const ZTimelineQuery = z.object({
  /** The `nextCursor` of the previous page. */
  before: z
    .string()
    .regex(/^\d{1,20}_\d{1,2}_[0-9a-f-]{1,40}$/, '无效的翻页位置')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** Only events of these kinds (comma-separated); all when absent. */
  kinds: csv(TIMELINE_KINDS),
});
/** Inferred type of ZTimelineQuery. */
export type TTimelineQuery = z.infer<typeof ZTimelineQuery>;

/** One event of a household's history, worded for display; ID numbers masked. */
export const ZTimelineEvent = z.object({
  /** Unique within the timeline (a React key). */
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** When it happened, the instant the order follows (ISO). For a day-only event see `on`. */
  at: z.string(),
  /**
   * The day, for events recorded with a date only (a visit, a move, a payment); `at` is then the
   * time it was entered if that was on the day, else noon of the day.
   */
  on: ZDate.nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  /** Who did it (a user, the visitor, 系统筛查, 本人申报); null when not recorded. */
  actorName: z.string().nullable(),
  tone: z.enum(['info', 'success', 'warning', 'danger']),
  /** A page that tells more: the lead, or the supervision case. */
  link: z.object({ type: z.enum(['lead', 'case']), id: z.number() }).nullable(),
});
/** Inferred type of ZTimelineEvent. */
export type TTimelineEvent = z.infer<typeof ZTimelineEvent>;

/** One page of a household's timeline. */
export const ZHouseholdTimeline = z.object({
  items: z.array(ZTimelineEvent),
  /** Events of the kinds asked for, in all. */
  total: z.number(),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
/** Inferred type of ZHouseholdTimeline. */
export type THouseholdTimeline = z.infer<typeof ZHouseholdTimeline>;
