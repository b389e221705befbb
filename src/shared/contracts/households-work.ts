/**
 * Contracts of the work on households: leads and their procedures (/api/household-leads),
 * the public hardship self-report (/api/public/hardship-reports), assistance measures and funds,
 * cadre visits and risk elimination (/api/households/...). ID numbers and phones are masked.
 */
import { z } from 'zod';
import { ELIMINATION_CRITERIA } from '../domain/households/elimination.js';
import { QUALITY_RULES } from '../domain/households/quality.js';
import { PROCEDURE_KINDS, PROCEDURE_STATUSES, PROCEDURE_STEPS } from '../domain/households/procedure.js';
import {
  DEPARTMENT_SOURCES,
  FUND_KINDS,
  HOUSEHOLD_TYPES,
  LEAD_CHANNELS,
  MEASURE_STATUSES,
  MEASURE_TYPES,
  MONITORING_CATEGORIES,
  RISK_TYPES,
} from '../domain/households/vocab.js';
import { ZAttachmentRef } from './cases.js';
import { ZDate, ZPageQuery, zPaged } from './common.js';

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).optional());
const ZYuan = z.number().min(0, '金额不能为负').max(100_000_000, '金额过大').multipleOf(0.01, '金额最多两位小数');
const ZNote = z.string().trim().max(2000, '不超过 2000 字');

// ---- settings -----------------------------------------------------------------------------------

/** Settings of the household procedures (GET/PUT /api/household-leads/settings). */
export const ZProcedureSettings = z.object({
  /** 识别 total limit in days (例：15). */
  identificationLimitDays: z.number().int().min(1).max(90),
  /** Minimum publicity (公示) length in days, counted inclusively. */
  publicityMinDays: z.number().int().min(1).max(30),
  /** A measure with money allocated but nothing paid after this many days is a slow payment. */
  slowPaymentDays: z.number().int().min(1).max(365),
  /** Months a household must be monitored before 风险消除. */
  eliminationMinMonths: z.number().int().min(1).max(36),
  /** Self-reports accepted per IP address per hour. */
  selfReportPerIpPerHour: z.number().int().min(1).max(1000),
  /** Self-reports accepted per phone number per day. */
  selfReportPerPhonePerDay: z.number().int().min(1).max(100),
});
/** Inferred type of ZProcedureSettings. */
export type TProcedureSettings = z.infer<typeof ZProcedureSettings>;

// ---- leads --------------------------------------------------------------------------------------

/** GET /api/household-leads. */
export const ZLeadListQuery = ZPageQuery.extend({
  kind: z.enum(PROCEDURE_KINDS).default('identification'),
  status: csv(PROCEDURE_STATUSES),
  channel: csv(LEAD_CHANNELS),
  /** Only leads past the time limit (still in progress). */
  overdue: z.enum(['true', 'false']).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  householdId: z.coerce.number().int().positive().optional(),
  /**
   * Only leads whose household has (true) or has not (false) a procedure in progress; 'false'
   * leaves out households already being worked on (and leads on no registered household).
   */
  hasOpenLead: z.enum(['true', 'false']).optional(),
});
/** Inferred type of ZLeadListQuery. */
export type TLeadListQuery = z.infer<typeof ZLeadListQuery>;

/** A lead in a list. */
export const ZLeadRow = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(PROCEDURE_KINDS),
  channel: z.enum(LEAD_CHANNELS).nullable(),
  department: z.enum(DEPARTMENT_SOURCES).nullable(),
  householdId: z.number().nullable(),
  householdCode: z.string().nullable(),
  personName: z.string().nullable(),
  /** Masked. */
  idNumber: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  reason: z.string(),
  raisedAt: z.string(),
  raisedOn: z.string(),
  status: z.enum(PROCEDURE_STATUSES),
  statusLabel: z.string(),
  /** Steps open now (prerequisites done). */
  openSteps: z.array(z.enum(PROCEDURE_STEPS)),
  limitDays: z.number(),
  daysUsed: z.number(),
  daysRemaining: z.number(),
  isOverdue: z.boolean(),
  escalatedCaseId: z.number().nullable(),
  version: z.number(),
});
/** Inferred type of ZLeadRow. */
export type TLeadRow = z.infer<typeof ZLeadRow>;
/** One page of leads. */
export const ZLeadPage = zPaged(ZLeadRow);

/** A step of the procedure with its state. */
export const ZLeadStep = z.object({
  step: z.enum(PROCEDURE_STEPS),
  label: z.string(),
  /** done; open (may be done now); waiting (earlier steps first). */
  state: z.enum(['done', 'open', 'waiting']),
  after: z.array(z.enum(PROCEDURE_STEPS)),
  roles: z.array(z.string()),
  hasPublicity: z.boolean(),
  on: z.string().nullable(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
});

/** A lead with its steps, history and what the caller may do. */
export const ZLeadDetail = ZLeadRow.extend({
  numbers: z.record(z.string(), z.union([z.number(), z.string()])),
  steps: z.array(ZLeadStep),
  refusedStep: z.enum(PROCEDURE_STEPS).nullable(),
  refusedReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  events: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorName: z.string().nullable(),
      action: z.string(),
      step: z.string().nullable(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      note: z.string().nullable(),
    }),
  ),
  abilities: z.object({ steps: z.array(z.enum(PROCEDURE_STEPS)) }),
});
/** Inferred type of ZLeadDetail. */
export type TLeadDetail = z.infer<typeof ZLeadDetail>;

/** POST /api/household-leads: a lead raised by staff (干部排查 by default). Either a household or a person. */
export const ZCreateLeadBody = z
  .object({
    channel: z.enum(LEAD_CHANNELS).default('cadre'),
    householdId: z.number().int().positive().optional(),
    personName: z.string().trim().min(2, '姓名至少 2 个字').max(20).optional(),
    idNumber: z.string().trim().max(40).optional(),
    /** The village, when no household is given. */
    areaId: z.number().int().positive().optional(),
    phone: z.string().trim().regex(/^[\d\-+ ]{5,20}$/, '电话号码格式不正确').optional(),
    reason: z.string().trim().min(4, '请说明情况（至少 4 个字）').max(2000),
    raisedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((b) => b.householdId || (b.idNumber && b.personName), { message: '请选择农户，或填写姓名和证件号码', path: ['householdId'] });
/** Inferred type of ZCreateLeadBody. */
export type TCreateLeadBody = z.infer<typeof ZCreateLeadBody>;

/** POST /api/household-leads/:id/steps: complete a step, or refuse the procedure at a step. */
export const ZLeadStepBody = z.object({
  step: z.enum(PROCEDURE_STEPS),
  action: z.enum(['complete', 'refuse']).default('complete'),
  version: z.number().int().positive(),
  /** Required to refuse. */
  note: ZNote.nullable().optional(),
  /** 村级评议公示 / 民主评议公示. */
  publicityStart: ZDate.nullable().optional(),
  publicityEnd: ZDate.nullable().optional(),
  /** 纳入监测: the category (required) and risk types. */
  category: z.enum(MONITORING_CATEGORIES).optional(),
  riskTypes: z.array(z.enum(RISK_TYPES)).optional(),
  /** 纳入监测 of a lead without a household: the registered household to monitor. */
  householdId: z.number().int().positive().optional(),
});
/** Inferred type of ZLeadStepBody. */
export type TLeadStepBody = z.infer<typeof ZLeadStepBody>;

/** POST /api/household-leads/escalate-overdue. */
export const ZEscalateResult = z.object({ escalated: z.number(), caseIds: z.array(z.number()) });

/** POST /api/household-leads/department-import?department=…: department list import. */
export const ZDepartmentImportQuery = z.object({ department: z.enum(DEPARTMENT_SOURCES) });
/** What a department import did. */
export const ZDepartmentImportResult = z.object({
  department: z.enum(DEPARTMENT_SOURCES),
  rows: z.number(),
  matched: z.number(),
  leadsRaised: z.number(),
  /** Matched people whose household already has a lead in progress or is monitored already. */
  skipped: z.number(),
  unmatched: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string() })),
});
/** Inferred type of ZDepartmentImportResult. */
export type TDepartmentImportResult = z.infer<typeof ZDepartmentImportResult>;

// ---- public self-report -------------------------------------------------------------------------

/** A village in the public picker. */
export const ZPublicVillages = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), townshipName: z.string() })) });

/** POST /api/public/hardship-reports (no login). */
export const ZHardshipReportBody = z.object({
  name: z.string().trim().min(2, '姓名至少 2 个字').max(20, '姓名不超过 20 字'),
  idNumber: z.string().trim().min(1, '请填写身份证号码').max(40),
  phone: z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号码'),
  areaId: z.number().int().positive(),
  /** Reporting for oneself or on a household's behalf. */
  isOnBehalf: z.boolean().default(false),
  reporterName: z.string().trim().max(20).optional(),
  description: z.string().trim().min(10, '请描述遇到的困难（至少 10 个字）').max(2000, '不超过 2000 字'),
});
/** Inferred type of ZHardshipReportBody. */
export type THardshipReportBody = z.infer<typeof ZHardshipReportBody>;
/** The receipt of a self-report. */
export const ZHardshipReceipt = z.object({ receiptNo: z.string(), message: z.string() });

// ---- measures and funds -------------------------------------------------------------------------

/** POST /api/households/:id/measures. */
export const ZMeasureBody = z.object({
  type: z.enum(MEASURE_TYPES),
  content: z.string().trim().min(2).max(1000),
  amount: ZYuan.nullable().optional(),
  startOn: ZDate,
  endOn: ZDate.nullable().optional(),
  unitId: z.number().int().positive().nullable().optional(),
  unitName: z.string().trim().max(60).nullable().optional(),
  status: z.enum(MEASURE_STATUSES).default('planned'),
});
/** Inferred type of ZMeasureBody. */
export type TMeasureBody = z.infer<typeof ZMeasureBody>;
/** PATCH /api/households/measures/:measureId. */
export const ZUpdateMeasureBody = ZMeasureBody.partial().extend({ version: z.number().int().positive() });
/** Inferred type of ZUpdateMeasureBody. */
export type TUpdateMeasureBody = z.infer<typeof ZUpdateMeasureBody>;

/** POST /api/households/measures/:measureId/funds. */
export const ZFundBody = z.object({ kind: z.enum(FUND_KINDS), amount: ZYuan.positive('金额须大于 0'), on: ZDate, note: ZNote.nullable().optional() });
/** Inferred type of ZFundBody. */
export type TFundBody = z.infer<typeof ZFundBody>;

/** A measure with its funds. */
export const ZMeasure = z.object({
  id: z.number(),
  householdId: z.number(),
  type: z.enum(MEASURE_TYPES),
  typeLabel: z.string(),
  content: z.string(),
  amount: z.number().nullable(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  statusLabel: z.string(),
  allocated: z.number(),
  paid: z.number(),
  funds: z.array(z.object({ id: z.number(), kind: z.enum(FUND_KINDS), amount: z.number(), on: z.string(), note: z.string().nullable() })),
  version: z.number(),
});
/** Inferred type of ZMeasure. */
export type TMeasure = z.infer<typeof ZMeasure>;
/** The measures of a household. */
export const ZMeasureList = z.object({ items: z.array(ZMeasure) });

/** GET /api/households/measures/slow-payments. */
export const ZSlowPaymentQuery = z.object({ areaId: z.coerce.number().int().positive().optional() });
/** Measures with money allocated and unpaid for longer than the setting. */
export const ZSlowPayments = z.object({
  days: z.number(),
  items: z.array(
    z.object({
      measureId: z.number(),
      householdId: z.number(),
      householdCode: z.string(),
      areaName: z.string(),
      type: z.enum(MEASURE_TYPES),
      typeLabel: z.string(),
      content: z.string(),
      allocated: z.number(),
      paid: z.number(),
      firstAllocatedOn: z.string(),
      daysWaiting: z.number(),
    }),
  ),
});

// ---- visits ------------------------------------------------------------------------------------

/** POST /api/households/:id/visits: the caller is the visitor. A `problem` becomes a case (module 帮扶). */
export const ZVisitBody = z.object({
  visitedOn: ZDate,
  findings: z.string().trim().min(2, '请填写走访情况').max(2000),
  attachmentIds: z.array(z.uuid()).max(9).default([]),
  problem: z
    .object({
      title: z.string().trim().min(2).max(100),
      description: z.string().trim().max(2000).default(''),
      severity: z.enum(['normal', 'serious', 'urgent']).default('normal'),
    })
    .optional(),
});
/** Inferred type of ZVisitBody. */
export type TVisitBody = z.infer<typeof ZVisitBody>;
/** A visit. */
export const ZVisit = z.object({
  id: z.number(),
  householdId: z.number(),
  visitedOn: z.string(),
  visitorId: z.number().nullable(),
  visitorName: z.string(),
  findings: z.string(),
  /** The visit's photos (thumbnails for images). */
  photos: z.array(ZAttachmentRef),
  hasProblem: z.boolean(),
  caseId: z.number().nullable(),
  createdAt: z.string(),
});
/** Inferred type of ZVisit. */
export type TVisit = z.infer<typeof ZVisit>;
/** The visits of a household, newest first. */
export const ZVisitList = z.object({ items: z.array(ZVisit) });

/** GET /api/households/visits/stats. */
export const ZVisitStatsQuery = z.object({ from: ZDate, to: ZDate, areaId: z.coerce.number().int().positive().optional() });
/** Visits per cadre and per village over a period. */
export const ZVisitStats = z.object({
  from: z.string(),
  to: z.string(),
  byCadre: z.array(z.object({ visitorId: z.number().nullable(), visitorName: z.string(), visits: z.number(), households: z.number() })),
  byVillage: z.array(
    z.object({ areaId: z.number(), areaName: z.string(), visits: z.number(), householdsVisited: z.number(), monitored: z.number(), monitoredVisited: z.number() }),
  ),
});

// ---- elimination -------------------------------------------------------------------------------

/** GET /api/households/:id/elimination-check. */
export const ZEliminationCheck = z.object({
  isEligible: z.boolean(),
  criteria: z.array(z.object({ id: z.enum(ELIMINATION_CRITERIA), label: z.string(), isMet: z.boolean(), message: z.string() })),
});
/** Inferred type of ZEliminationCheck. */
export type TEliminationCheck = z.infer<typeof ZEliminationCheck>;

// ---- data quality ------------------------------------------------------------------------------

/** GET /api/households/quality-checks. */
export const ZQualityQuery = z.object({ areaId: z.coerce.number().int().positive().optional() });
/** Data-quality issues per village, each with the household to fix. */
export const ZQualityReport = z.object({
  total: z.number(),
  villages: z.array(
    z.object({
      areaId: z.number(),
      areaName: z.string(),
      issues: z.array(z.object({ householdId: z.number(), householdCode: z.string(), rule: z.enum(QUALITY_RULES), label: z.string(), message: z.string() })),
    }),
  ),
});

// ---- archives (一户一档) -------------------------------------------------------------------------

/** A document the archive of a household must hold (a setting). */
export const ZArchiveDocument = z.object({
  /** Stable code, lower-case letters, digits and _ (at most 16). */
  code: z.string().regex(/^[a-z][a-z0-9_]{1,15}$/, '编码为 2–16 位小写字母、数字或下划线，以字母开头'),
  name: z.string().trim().min(2, '请填写材料名称').max(60),
  /** 户类型 that must hold it. */
  householdTypes: z.array(z.enum(HOUSEHOLD_TYPES)).min(1, '请至少选择一种户类型'),
});
/** Inferred type of ZArchiveDocument. */
export type TArchiveDocument = z.infer<typeof ZArchiveDocument>;

/** GET/PUT /api/households/settings/archive-documents: the required documents, in order. */
export const ZArchiveDocumentSettings = z
  .object({ items: z.array(ZArchiveDocument).min(1).max(50) })
  .refine((v) => new Set(v.items.map((d) => d.code)).size === v.items.length, { message: '材料编码不能重复', path: ['items'] });
/** Inferred type of ZArchiveDocumentSettings. */
export type TArchiveDocumentSettings = z.infer<typeof ZArchiveDocumentSettings>;

/** Path params of one archive document of a household. */
export const ZArchiveDocParams = z.object({ id: z.coerce.number().int().positive(), docCode: z.string().max(16) });
/** Path params of one archive file of a household. */
export const ZArchiveFileParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.uuid() });

/** POST /api/households/:id/archive/:docCode: uploads (claimed attachments) filed under a document. */
export const ZArchiveFilesBody = z.object({ attachmentIds: z.array(z.uuid()).min(1, '请先上传文件').max(20) });
/** Inferred type of ZArchiveFilesBody. */
export type TArchiveFilesBody = z.infer<typeof ZArchiveFilesBody>;

/** One document of a household's archive: required or not, present or missing, its files. */
export const ZArchiveEntry = z.object({
  code: z.string(),
  name: z.string(),
  isRequired: z.boolean(),
  isPresent: z.boolean(),
  files: z.array(ZAttachmentRef),
});

/** GET /api/households/:id/archive. */
export const ZHouseholdArchive = z.object({
  householdId: z.number(),
  householdCode: z.string(),
  requiredCount: z.number(),
  presentCount: z.number(),
  isComplete: z.boolean(),
  documents: z.array(ZArchiveEntry),
  abilities: z.object({ canEdit: z.boolean() }),
});
/** Inferred type of ZHouseholdArchive. */
export type THouseholdArchive = z.infer<typeof ZHouseholdArchive>;

/** GET /api/households/archive-completeness. */
export const ZArchiveCompletenessQuery = z.object({ areaId: z.coerce.number().int().positive().optional() });

/** Completeness of archives by village, and the households missing something. */
export const ZArchiveCompleteness = z.object({
  documents: z.array(z.object({ code: z.string(), name: z.string() })),
  households: z.number(),
  complete: z.number(),
  villages: z.array(
    z.object({
      areaId: z.number(),
      areaName: z.string(),
      /** Households that must keep an archive. */
      households: z.number(),
      complete: z.number(),
      /** complete / households, 0..1 (1 when none must keep one). */
      share: z.number(),
      /** Households missing each document, by document code. */
      missing: z.record(z.string(), z.number()),
    }),
  ),
  /** Households missing something (at most 500), each with the names of what is missing. */
  incomplete: z.array(z.object({ householdId: z.number(), householdCode: z.string(), areaName: z.string(), missing: z.array(z.string()) })),
  isTruncated: z.boolean(),
});
/** Inferred type of ZArchiveCompleteness. */
export type TArchiveCompleteness = z.infer<typeof ZArchiveCompleteness>;

// ---- nightly jobs --------------------------------------------------------------------------------

// ---- exports -------------------------------------------------------------------------------------

/** The standard tables exported beside 农户成员表 (GET /api/households/export/:table.xlsx). */
export const EXPORT_TABLES = ['monitored', 'measures', 'visits', 'guarantees'] as const;
/** One of EXPORT_TABLES. */
export type TExportTable = (typeof EXPORT_TABLES)[number];
/** Chinese names of the exported tables (file and sheet names). */
export const EXPORT_TABLE_LABELS: Record<TExportTable, string> = {
  monitored: '监测对象表',
  measures: '帮扶措施表',
  visits: '走访记录表',
  guarantees: '两不愁三保障及饮水情况表',
};
/** Path params of a table export. */
export const ZExportTableParams = z.object({ table: z.enum(EXPORT_TABLES) });

/** GET /api/households/stats: optionally narrowed to an area (a township or village) inside the caller's scope. */
export const ZHouseholdStatsQuery = z.object({ areaId: z.coerce.number().int().positive().optional() });
/** Inferred type of ZHouseholdStatsQuery. */
export type THouseholdStatsQuery = z.infer<typeof ZHouseholdStatsQuery>;

/** The figures of one village, township or the whole answer. */
export const ZHouseholdStatsFigures = z.object({
  /** Active households. */
  households: z.number(),
  /** Active members of those households. */
  members: z.number(),
  /** Households by 户类型 (一般农户 / 脱贫户 / 监测户, eliminated ones included). */
  byType: z.object({ ordinary: z.number(), lifted: z.number(), monitored: z.number() }),
  /** 监测户 still under monitoring (risk not eliminated), in all and by monitoring category. */
  monitored: z.number(),
  monitoredByCategory: z.object({ unstable: z.number(), marginal: z.number(), sudden: z.number() }),
  /** 监测户 whose risk was eliminated this calendar year. */
  eliminatedThisYear: z.number(),
  /** Leads (识别纳入 and 风险消除) in progress, and those of them past the time limit. */
  leadsInProgress: z.number(),
  leadsOverdue: z.number(),
  /** Open screening flags, and the households carrying at least one. */
  openFlags: z.number(),
  flaggedHouseholds: z.number(),
  /** Households with an income record of the latest year; their average 人均纯收入 (yuan, rounded). */
  withIncome: z.number(),
  avgPerCapita: z.number().nullable(),
  /** Of those, households below the monitoring line of that year, and their share (0..1). */
  belowLine: z.number(),
  belowLineShare: z.number().nullable(),
});
/** Inferred type of ZHouseholdStatsFigures. */
export type THouseholdStatsFigures = z.infer<typeof ZHouseholdStatsFigures>;

/** Household statistics per township and village. */
export const ZHouseholdStats = z.object({
  /** The latest year with income records in scope (null when none). */
  year: z.number().nullable(),
  /** The zone-wide monitoring line of that year (villages may have their own). */
  incomeLine: z.number().nullable(),
  /** The procedure time limit used for "overdue", in days. */
  limitDays: z.number(),
  totals: ZHouseholdStatsFigures,
  townships: z.array(
    ZHouseholdStatsFigures.extend({
      areaId: z.number(),
      areaName: z.string(),
      villages: z.array(ZHouseholdStatsFigures.extend({ areaId: z.number(), areaName: z.string() })),
    }),
  ),
});
/** Inferred type of ZHouseholdStats. */
export type THouseholdStats = z.infer<typeof ZHouseholdStats>;
