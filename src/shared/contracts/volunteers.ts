/** Contracts of /api/volunteers: teams, members, activities and hours by team. */
import { z } from 'zod';
import { ZDate, ZId, ZLongText, ZRefId, ZText } from './common.js';

const ZPhone = ZText.regex(/^1[3-9]\d{9}$/, '请填写正确的手机号码');

export const ZTeamBody = z.object({
  name: ZText.min(2, '队名至少 2 个字').max(60),
  areaId: ZRefId,
  leaderName: ZText.max(20).default(''),
  leaderPhone: ZPhone.nullable().optional(),
});
export type TTeamBody = z.infer<typeof ZTeamBody>;
export const ZUpdateTeamBody = ZTeamBody.partial().extend({ isActive: z.boolean().optional() });
export type TUpdateTeamBody = z.infer<typeof ZUpdateTeamBody>;

export const ZTeam = z.object({
  id: z.number().int(),
  name: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
  leaderName: z.string(),
  /** Masked unless the viewer's role may see personal data. */
  leaderPhone: z.string().nullable(),
  isActive: z.boolean(),
  memberCount: z.number().int(),
});

export const ZMemberBody = z.object({ name: ZText.min(1).max(20), phone: ZPhone.nullable().optional() });
export const ZMember = z.object({ id: z.number().int(), teamId: z.number().int(), name: z.string(), phone: z.string().nullable(), isActive: z.boolean() });

/** An activity: hours either per member (× participants) or in total. */
export const ZActivityBody = z
  .object({
    day: ZDate,
    place: ZText.min(1, '请填写活动地点').max(100),
    description: ZLongText.max(1000).default(''),
    memberIds: z.array(ZRefId).max(500).default([]),
    hoursPerMember: z.number().positive().max(24).nullable().optional(),
    totalHours: z.number().positive().max(100_000).nullable().optional(),
    attachmentIds: z.array(z.uuid()).max(9).default([]),
  })
  .refine((b) => (b.hoursPerMember != null) !== (b.totalHours != null), { message: '请填写每人时长或总时长（二选一）', path: ['hoursPerMember'] })
  .refine((b) => b.hoursPerMember == null || b.memberIds.length > 0, { message: '按每人时长计算时请选择参与队员', path: ['memberIds'] });
export type TActivityBody = z.infer<typeof ZActivityBody>;

export const ZActivity = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  day: z.string(),
  place: z.string(),
  description: z.string(),
  memberIds: z.array(z.number().int()),
  hoursPerMember: z.number().nullable(),
  totalHours: z.number(),
  photos: z.array(z.object({ id: z.string(), url: z.string(), thumbUrl: z.string().nullable() })),
});

export const ZHoursQuery = z.object({ from: ZDate, to: ZDate });
export const ZTeamHours = z.object({ teamId: z.number().int(), teamName: z.string(), areaName: z.string(), activities: z.number().int(), hours: z.number() });
export const ZTeamParams = z.object({ teamId: ZId });
/** Path params of one member of a team. */
export const ZTeamMemberParams = ZTeamParams.extend({ id: ZId });
