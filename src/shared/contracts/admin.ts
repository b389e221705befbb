/** Contracts of the admin pages: areas, units, users, audit log. */
import { z } from 'zod';
import { AREA_LEVELS } from '../domain/areas.js';
import { ROLES } from '../domain/roles.js';
import { UNIT_TYPES } from '../domain/units.js';
import { ZDate, ZId, ZPageQuery, ZRefId, ZSecret, ZText, zPaged, zSearch } from './common.js';

export const ZArea = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(AREA_LEVELS),
  parentId: z.number().nullable(),
  isActive: z.boolean(),
});
export type TArea = z.infer<typeof ZArea>;

export const ZCreateAreaBody = z.object({
  code: ZText.regex(/^\d{12}$/, '区划代码应为 12 位数字'),
  name: ZText.min(1, '请输入名称').max(60),
  level: z.enum(AREA_LEVELS),
  parentId: ZRefId.nullable(),
});
export type TCreateAreaBody = z.infer<typeof ZCreateAreaBody>;

export const ZUpdateAreaBody = z.object({
  name: ZText.min(1).max(60).optional(),
  isActive: z.boolean().optional(),
});

export const ZUnit = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  areaId: z.number(),
  areaName: z.string(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
});
export type TUnit = z.infer<typeof ZUnit>;

export const ZCreateUnitBody = z.object({
  name: ZText.min(2, '单位名称至少 2 个字').max(80),
  type: z.enum(UNIT_TYPES),
  areaId: ZRefId,
  contact: ZText.max(40).nullable().optional(),
  phone: ZText.max(20).nullable().optional(),
});
export type TCreateUnitBody = z.infer<typeof ZCreateUnitBody>;
export const ZUpdateUnitBody = ZCreateUnitBody.partial().extend({ isActive: z.boolean().optional() });

export const ZUnitQuery = z.object({
  type: z.enum(UNIT_TYPES).optional(),
  areaId: ZId.optional(),
  q: zSearch().optional(),
  includeInactive: z.stringbool().optional(),
});

export const ZUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type TAdminUser = z.infer<typeof ZUser>;

export const ZCreateUserBody = z.object({
  username: ZText.regex(/^[a-z][a-z0-9_]{2,31}$/, '用户名为 3–32 位小写字母、数字或下划线，以字母开头'),
  displayName: ZText.min(1, '请输入姓名').max(40),
  role: z.enum(ROLES),
  unitId: ZRefId.nullable(),
  areaId: ZRefId,
  phone: ZText.max(20).nullable().optional(),
  password: ZSecret.min(8, '初始密码至少 8 位').max(200),
});
export type TCreateUserBody = z.infer<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z.object({
  displayName: ZText.min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  unitId: ZRefId.nullable().optional(),
  areaId: ZRefId.optional(),
  phone: ZText.max(20).nullable().optional(),
  isActive: z.boolean().optional(),
});

export const ZResetPasswordBody = z.object({ password: ZSecret.min(8, '新密码至少 8 位').max(200) });

export const ZUserQuery = ZPageQuery.extend({
  q: zSearch().optional(),
  role: z.enum(ROLES).optional(),
  includeInactive: z.stringbool().optional(),
});
export const ZUserPage = zPaged(ZUser);

export const ZAuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPageQuery.extend({
  username: zSearch(64).optional(),
  entity: zSearch(48).optional(),
  entityId: zSearch(64).optional(),
  action: zSearch(48).optional(),
  from: ZDate.optional(),
  to: ZDate.optional(),
});
export const ZAuditPage = zPaged(ZAuditEntry);

// ---------------------------------------------------------------- lookups (/api/lookup, any signed-in user)

/** GET /api/lookup/units: active units for pickers; every unit, whatever the caller's area. */
export const ZLookupUnitQuery = z.object({
  type: z.enum(UNIT_TYPES).optional(),
  q: zSearch().optional(),
});
export type TLookupUnitQuery = z.infer<typeof ZLookupUnitQuery>;

export const ZLookupUnit = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  areaId: z.number(),
  areaName: z.string(),
});
export type TLookupUnit = z.infer<typeof ZLookupUnit>;

export const ZLookupUserQuery = z.object({
  role: z.enum(ROLES).optional(),
  q: zSearch().optional(),
});
export type TLookupUserQuery = z.infer<typeof ZLookupUserQuery>;

/** A person for pickers (e.g. 帮扶责任人): no contact details. */
export const ZLookupUser = z.object({
  id: z.number(),
  displayName: z.string(),
  role: z.enum(ROLES),
  areaName: z.string(),
  unitName: z.string().nullable(),
});
export type TLookupUser = z.infer<typeof ZLookupUser>;

/** GET /api/admin/jobs: the schedule and the latest runs of every module's scheduled jobs. */
export const ZJobRuns = z.object({
  schedule: z.array(z.object({ job: z.string(), label: z.string(), at: z.string() })),
  items: z.array(
    z.object({
      id: z.number(),
      job: z.string(),
      label: z.string(),
      day: z.string(),
      /** The period's zone start time 'HH:MM' of a periodic job; '' for a daily one. */
      slot: z.string(),
      status: z.enum(['running', 'done', 'failed']),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      counts: z.record(z.string(), z.unknown()),
      error: z.string().nullable(),
    }),
  ),
});
/** Inferred type of ZJobRuns. */
export type TJobRuns = z.infer<typeof ZJobRuns>;
