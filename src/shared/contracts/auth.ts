/** Contracts of /api/auth. */
import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { ZAbilities } from './abilities.js';
import { ZSecret, ZText } from './common.js';

export const ZLoginBody = z.object({
  username: ZText.min(1, '请输入用户名').max(64),
  password: ZSecret.min(1, '请输入密码').max(200),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZMe = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  areaId: z.number(),
  areaName: z.string(),
  areaCode: z.string(),
  mustChangePassword: z.boolean(),
  /** What the user may do, per module (the UI shows menus, pages and buttons by these). */
  abilities: ZAbilities,
  /** Sent back in the x-csrf-token header on every write. */
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordBody = z.object({
  oldPassword: ZSecret.min(1, '请输入原密码').max(200),
  newPassword: ZSecret.min(8, '新密码至少 8 位').max(200),
});
export type TChangePasswordBody = z.infer<typeof ZChangePasswordBody>;
