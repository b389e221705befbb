/**
 * Use cases of the admin pages: areas, units and users. Services validate against the data,
 * write through the repository and return what changed, so the route can audit it.
 * Password hashes never leave this layer.
 */
import type {
  TArea,
  TCreateAreaBody,
  TCreateUnitBody,
  TCreateUserBody,
  TLookupUnitQuery,
  TLookupUser,
  TLookupUserQuery,
  TUnit,
  TAdminUser,
} from '../../../shared/contracts/admin.js';
import { areaPrefix, type TAreaLevel } from '../../../shared/domain/areas.js';
import { UNIT_SCOPED_ROLES, type TRole } from '../../../shared/domain/roles.js';
import type { TUnitType } from '../../../shared/domain/units.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { hashPassword, passwordProblem } from '../../lib/password.js';
import type { TUser } from '../../lib/types.js';
import { deleteUserSessions } from '../auth/auth.port.js';
import * as repo from './admin.repo.js';

/** What a write changed, for the route's audit entry. */
export interface TAdminChange<T> {
  id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  record: T;
}

const invalid = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
};

// ---------------------------------------------------------------- areas

const PARENT_LEVEL: Record<TAreaLevel, TAreaLevel | null> = {
  district: null,
  township: 'district',
  village: 'township',
  hamlet: 'village',
};

const LEVEL_NAMES: Record<TAreaLevel, string> = { district: '区', township: '乡/办事处', village: '行政村/社区', hamlet: '自然村/小区' };

/**
 * Checks that a 12-digit code has the shape of its level under its parent (GB/T 2260 /
 * 统计用区划代码: county 6, township 3, village 3 digits). Returns a Chinese message or null.
 * A hamlet shares the village segment's width, so it takes its own code under the township.
 */
export function areaCodeProblem(
  code: string,
  level: TAreaLevel,
  parent: { code: string; level: string; prefix: string } | null,
): string | null {
  const wanted = PARENT_LEVEL[level];
  if (wanted === null) {
    if (parent) return '区级区域不能有上级';
    return code.endsWith('000000') ? null : '区级代码后 6 位应为 0';
  }
  if (!parent) return `请选择上级${LEVEL_NAMES[wanted]}`;
  if (parent.level !== wanted) return `${LEVEL_NAMES[level]}的上级应为${LEVEL_NAMES[wanted]}`;
  const township = code.slice(6, 9);
  const village = code.slice(9, 12);
  switch (level) {
    case 'township':
      if (!code.startsWith(parent.prefix)) return `代码应以上级代码 ${parent.prefix} 开头`;
      if (township === '000' || village !== '000') return '乡级代码第 7–9 位不能全为 0，后 3 位应为 0';
      return null;
    case 'village':
      if (!code.startsWith(parent.prefix)) return `代码应以上级代码 ${parent.prefix} 开头`;
      return village === '000' ? '村级代码后 3 位不能全为 0' : null;
    case 'hamlet':
      if (code.slice(0, 9) !== parent.code.slice(0, 9)) return `代码应以 ${parent.code.slice(0, 9)} 开头`;
      return village === '000' || code === parent.code ? '自然村代码应与所属村不同，且后 3 位不能全为 0' : null;
    default:
      return null;
  }
}

/** An area row as the API shows it. */
export function presentArea(a: repo.TAreaRow): TArea {
  return { id: a.id, code: a.code, name: a.name, level: a.level as TAreaLevel, parentId: a.parentId, isActive: a.isActive };
}

/** Creates an area whose code fits its level and parent. */
export async function createArea(db: Db, body: TCreateAreaBody): Promise<TAdminChange<TArea>> {
  const parent = body.parentId ? await repo.findAreaById(db, body.parentId) : null;
  if (body.parentId && !parent) invalid('parentId', '上级区域不存在');
  if (parent && !parent.isActive) invalid('parentId', '上级区域已停用');
  const problem = areaCodeProblem(body.code, body.level, parent);
  if (problem) invalid(body.parentId && problem.startsWith('请选择') ? 'parentId' : 'code', problem);
  if (await repo.findAreaByCode(db, body.code)) throw new AppError('DUPLICATE', `区划代码 ${body.code} 已存在`, { code: '区划代码已存在' });
  try {
    const row = await repo.insertArea(db, {
      code: body.code,
      name: body.name,
      level: body.level,
      prefix: areaPrefix(body.code, body.level),
      parentId: parent?.id ?? null,
    });
    const area = presentArea(row);
    return { id: row.id, before: null, after: { ...area }, record: area };
  } catch (err) {
    if (repo.isUniqueViolation(err)) throw new AppError('DUPLICATE', `区划代码 ${body.code} 已存在`, { code: '区划代码已存在' });
    throw err;
  }
}

/** Renames or disables/enables an area. */
export async function updateArea(db: Db, id: number, body: { name?: string; isActive?: boolean }): Promise<TAdminChange<TArea>> {
  const current = await repo.findAreaById(db, id);
  if (!current) notFound('区域');
  const row = (await repo.updateArea(db, id, { name: body.name ?? current.name, isActive: body.isActive ?? current.isActive }))!;
  return { id, before: { ...presentArea(current) }, after: { ...presentArea(row) }, record: presentArea(row) };
}

// ---------------------------------------------------------------- units

function presentUnit(u: NonNullable<Awaited<ReturnType<typeof repo.findUnitById>>>): TUnit {
  return { ...u, type: u.type as TUnitType };
}

/** Units for the admin list. */
export async function listUnits(db: Db, q: repo.TUnitFilter): Promise<TUnit[]> {
  return (await repo.findUnits(db, q)).map(presentUnit);
}

async function activeArea(db: Db, areaId: number) {
  const area = await repo.findAreaById(db, areaId);
  if (!area) return invalid('areaId', '区域不存在');
  if (!area.isActive) return invalid('areaId', '区域已停用');
  return area;
}

/** Creates a responsible unit in an area; names are unique. */
export async function createUnit(db: Db, body: TCreateUnitBody): Promise<TAdminChange<TUnit>> {
  const area = await activeArea(db, body.areaId);
  const duplicate = () => new AppError('DUPLICATE', `单位“${body.name}”已存在`, { name: '单位名称已存在' });
  if (await repo.isUnitNameTaken(db, body.name)) throw duplicate();
  let id: number;
  try {
    id = await repo.insertUnit(db, {
      name: body.name,
      type: body.type,
      areaId: area.id,
      areaCode: area.code,
      contact: body.contact ?? null,
      phone: body.phone ?? null,
    });
  } catch (err) {
    if (repo.isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  const unit = presentUnit((await repo.findUnitById(db, id))!);
  return { id, before: null, after: { ...unit }, record: unit };
}

/** Edits a unit; `isActive: false` disables it (it is no longer offered for new cases). */
export async function updateUnit(
  db: Db,
  id: number,
  body: Partial<TCreateUnitBody> & { isActive?: boolean },
): Promise<TAdminChange<TUnit>> {
  const current = await repo.findUnitById(db, id);
  if (!current) notFound('单位');
  const patch: Parameters<typeof repo.updateUnit>[2] = {};
  if (body.name !== undefined && body.name !== current.name) {
    if (await repo.isUnitNameTaken(db, body.name, id)) throw new AppError('DUPLICATE', `单位“${body.name}”已存在`, { name: '单位名称已存在' });
    patch.name = body.name;
  }
  if (body.type !== undefined) patch.type = body.type;
  if (body.areaId !== undefined && body.areaId !== current.areaId) {
    const area = await activeArea(db, body.areaId);
    patch.areaId = area.id;
    patch.areaCode = area.code;
  }
  if (body.contact !== undefined) patch.contact = body.contact;
  if (body.phone !== undefined) patch.phone = body.phone;
  if (body.isActive !== undefined) patch.isActive = body.isActive;
  if (Object.keys(patch).length) {
    try {
      await repo.updateUnit(db, id, patch);
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw new AppError('DUPLICATE', '单位名称已存在', { name: '单位名称已存在' });
      throw err;
    }
  }
  const unit = presentUnit((await repo.findUnitById(db, id))!);
  return { id, before: { ...presentUnit(current) }, after: { ...unit }, record: unit };
}

// ---------------------------------------------------------------- users

/** A user as the API shows it: never the password hash. */
export function presentUser(u: repo.TUserRecord): TAdminUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as TRole,
    unitId: u.unitId,
    unitName: u.unitName,
    areaId: u.areaId,
    areaName: u.areaName,
    phone: u.phone,
    isActive: u.isActive,
    createdAt: u.createdAt.toISOString(),
  };
}

async function assertRoleFits(db: Db, role: TRole, unitId: number | null, areaId: number) {
  await activeArea(db, areaId);
  if (unitId != null) {
    const unit = await repo.findUnitById(db, unitId);
    if (!unit) invalid('unitId', '单位不存在');
    if (!unit!.isActive) invalid('unitId', '单位已停用');
  }
  if (UNIT_SCOPED_ROLES.includes(role) && unitId == null) invalid('unitId', '该角色须选择所属单位');
}

/** Creates an account; the username is unique, the password follows the shared rules. */
export async function createUser(db: Db, body: TCreateUserBody): Promise<TAdminChange<TAdminUser>> {
  const problem = passwordProblem(body.password);
  if (problem) invalid('password', problem);
  await assertRoleFits(db, body.role, body.unitId, body.areaId);
  const duplicate = () => new AppError('DUPLICATE', `用户名“${body.username}”已被使用`, { username: '用户名已被使用' });
  if (await repo.isUsernameTaken(db, body.username)) throw duplicate();
  let id: number;
  try {
    id = await repo.insertUser(db, {
      username: body.username,
      displayName: body.displayName,
      passwordHash: await hashPassword(body.password),
      role: body.role,
      unitId: body.unitId,
      areaId: body.areaId,
      phone: body.phone ?? null,
      mustChangePassword: true,
    });
  } catch (err) {
    if (repo.isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  const user = presentUser((await repo.findUserById(db, id))!);
  return { id, before: null, after: { ...user }, record: user };
}

/**
 * Edits an account. Disabling ends every session of the user at once. An administrator
 * cannot disable their own account or change their own role (they would lock themselves out).
 */
export async function updateUser(
  db: Db,
  actor: TUser,
  id: number,
  body: { displayName?: string; role?: TRole; unitId?: number | null; areaId?: number; phone?: string | null; isActive?: boolean },
): Promise<TAdminChange<TAdminUser>> {
  const current = await repo.findUserById(db, id);
  if (!current) notFound('用户');
  if (id === actor.id && body.isActive === false) invalid('isActive', '不能停用自己的账号');
  if (id === actor.id && body.role !== undefined && body.role !== current.role) invalid('role', '不能修改自己的角色');
  const role = body.role ?? (current.role as TRole);
  const unitId = body.unitId !== undefined ? body.unitId : current.unitId;
  const areaId = body.areaId ?? current.areaId;
  if (body.role !== undefined || body.unitId !== undefined || body.areaId !== undefined) await assertRoleFits(db, role, unitId, areaId);
  const patch: Parameters<typeof repo.updateUser>[2] = {};
  if (body.displayName !== undefined) patch.displayName = body.displayName;
  if (body.role !== undefined) patch.role = body.role;
  if (body.unitId !== undefined) patch.unitId = body.unitId;
  if (body.areaId !== undefined) patch.areaId = body.areaId;
  if (body.phone !== undefined) patch.phone = body.phone;
  if (body.isActive !== undefined) patch.isActive = body.isActive;
  await db.transaction(async (t) => {
    if (Object.keys(patch).length) await repo.updateUser(t, id, patch);
    if (body.isActive === false) await deleteUserSessions(t, id);
  });
  const user = presentUser((await repo.findUserById(db, id))!);
  return { id, before: { ...presentUser(current) }, after: { ...user }, record: user };
}

/** Sets a temporary password: the user must change it at next sign-in; their sessions end. */
export async function resetPassword(db: Db, id: number, password: string): Promise<TAdminChange<TAdminUser>> {
  const current = await repo.findUserById(db, id);
  if (!current) notFound('用户');
  const problem = passwordProblem(password);
  if (problem) invalid('password', problem);
  const hash = await hashPassword(password);
  await db.transaction(async (t) => {
    await repo.setTemporaryPassword(t, id, hash);
    await deleteUserSessions(t, id);
  });
  const user = presentUser(current);
  return { id, before: { mustChangePassword: current.mustChangePassword }, after: { mustChangePassword: true }, record: user };
}

// ---------------------------------------------------------------- lookups

/**
 * Areas a user may pick in forms: their area's subtree; for unit-scoped roles the subtree
 * of their unit's area. Active areas only.
 */
export async function lookupAreas(db: Db, user: TUser): Promise<TArea[]> {
  let prefix: string | null = user.areaPrefix;
  if (UNIT_SCOPED_ROLES.includes(user.role)) prefix = user.unitId != null ? await repo.findUnitAreaPrefix(db, user.unitId) : null;
  if (prefix == null) return [];
  return (await repo.findAreasUnder(db, prefix)).map(presentArea);
}

/** Active units of any area for pickers (a village's case may go to a district bureau). */
export async function lookupUnits(db: Db, q: TLookupUnitQuery) {
  return (await repo.findUnits(db, { type: q.type, q: q.q })).map((u) => ({
    id: u.id,
    name: u.name,
    type: u.type as TUnitType,
    areaId: u.areaId,
    areaName: u.areaName,
  }));
}

/** Active people inside the caller's area subtree, for pickers; at most 50, by username. */
export async function lookupUsers(db: Db, user: TUser, q: TLookupUserQuery): Promise<TLookupUser[]> {
  if (UNIT_SCOPED_ROLES.includes(user.role)) return [];
  const { items } = await repo.findUsers(db, { ...q, areaPrefix: user.areaPrefix, page: 1, pageSize: 50 });
  return items.map((u) => ({
    id: u.id,
    displayName: u.displayName,
    role: u.role as TRole,
    areaName: u.areaName,
    unitName: u.unitName,
  }));
}
