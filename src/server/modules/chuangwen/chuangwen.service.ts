/**
 * Use cases of 创文's reference data: the working-day calendar, problem categories with
 * their defaults, places with their responsible units, and the score settings.
 */
import type {
  TCalendarDayDto,
  TCategoryDefaultsDto,
  TCreateCategoryBody,
  TCreatePlaceBody,
  TCreatePlaceCaseBody,
  TPlaceListQuery,
  TUpdateCategoryBody,
  TUpdatePlaceBody,
} from '../../../shared/contracts/chuangwen.js';
import { ZMeasureSettings } from '../../../shared/contracts/chuangwen.js';
import type { TCaseSeverity } from '../../../shared/domain/case-vocab.js';
import { resolveResponsibleUnit, type TCategoryKind } from '../../../shared/domain/chuangwen/categories.js';
import { DEFAULT_MEASURE_SETTINGS, type TMeasureSettings } from '../../../shared/domain/chuangwen/measures.js';
import type { TPlaceKind } from '../../../shared/domain/chuangwen/places.js';
import {
  calendarOverrides,
  deadlineFrom,
  deadlineRuleLabel,
  isWorkday,
  shiftDate,
  zoneDateOf,
  type TCalendarOverrides,
  type TDeadlineRule,
} from '../../../shared/domain/chuangwen/workdays.js';
import type { TUnitType } from '../../../shared/domain/units.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { isAreaInScope } from '../../lib/scope.js';
import type { TUser } from '../../lib/types.js';
import type { TCaseOrigin } from '../../../shared/domain/case-origins.js';
import { userActor } from '../../lib/actor.js';
import * as cases from '../cases/cases.port.js';
import * as repo from './chuangwen.repo.js';
import { canEditPlaces } from './chuangwen.policy.js';

// ── calendar ────────────────────────────────────────────────────────────────────────────

/** A year's overrides (dates that differ from Mon–Fri). */
export async function getCalendarYear(db: Db, year: number) {
  return { year, days: await repo.findCalendarDays(db, `${year}-01-01`, `${year}-12-31`) };
}

/**
 * Replaces a year's overrides. Each date must lie in the year, appear once, and really
 * differ from Mon–Fri (a "workday" on a Tuesday is a typing mistake, refused).
 */
export async function replaceCalendarYear(db: Db, year: number, days: TCalendarDayDto[]) {
  const seen = new Set<string>();
  const none = calendarOverrides([]);
  days.forEach((d, i) => {
    const field = `days.${i}.day`;
    if (!d.day.startsWith(`${year}-`)) throw new AppError('VALIDATION_FAILED', `${d.day} 不在 ${year} 年内`, { [field]: '日期不在该年度内' });
    if (seen.has(d.day)) throw new AppError('VALIDATION_FAILED', `${d.day} 重复`, { [field]: '日期重复' });
    seen.add(d.day);
    if (isWorkday(d.day, none) === d.isWorkday) {
      const msg = d.isWorkday ? '该日本为工作日，无需设为调休上班' : '该日本为周末，无需设为放假';
      throw new AppError('VALIDATION_FAILED', `${d.day}：${msg}`, { [field]: msg });
    }
  });
  const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day)).map((d) => ({ ...d, note: d.note ?? null }));
  await repo.replaceCalendarYear(db, year, sorted);
  return { year, days: sorted };
}

/** The calendar overrides from a zone date on (enough for any deadline rule we allow). */
export async function loadOverrides(db: Db, fromDate: string): Promise<TCalendarOverrides> {
  return calendarOverrides(await repo.findCalendarDays(db, fromDate, shiftDate(fromDate, 3 * 366)));
}

/** The deadline of a rule applied at `at`, on the official calendar: n working days or n hours. */
export async function computeDeadline(db: Db, at: Date, rule: TDeadlineRule): Promise<Date> {
  return deadlineFrom(at, rule, await loadOverrides(db, zoneDateOf(at)));
}

// ── categories ──────────────────────────────────────────────────────────────────────────

/** A category as the API shows it. */
export function presentCategory(c: repo.TCategoryRecord) {
  const deadline: TDeadlineRule = { value: c.deadlineValue, unit: c.deadlineUnit as TDeadlineRule['unit'] };
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind as TCategoryKind,
    groupName: c.groupName,
    defaultUnitType: c.defaultUnitType as TUnitType,
    defaultUnitId: c.defaultUnitId,
    defaultUnitName: c.defaultUnitName,
    deadline,
    deadlineLabel: deadlineRuleLabel(deadline),
    urgency: c.urgency as TCaseSeverity,
    sortOrder: c.sortOrder,
    isActive: c.isActive,
  };
}

/** The category list (active ones unless asked). */
export async function listCategories(db: Db, includeInactive: boolean) {
  return (await repo.findCategories(db, includeInactive)).map(presentCategory);
}

async function assertUnit(db: Db, unitId: number | null | undefined, field: string) {
  if (unitId == null) return;
  if (!(await repo.findActiveUnits(db, [unitId])).length) {
    throw new AppError('VALIDATION_FAILED', '单位不存在或已停用', { [field]: '单位不存在或已停用' });
  }
}

/** Creates a category; the code must be new. */
export async function createCategory(db: Db, body: TCreateCategoryBody) {
  await assertUnit(db, body.defaultUnitId, 'defaultUnitId');
  const ok = await repo.insertCategory(db, {
    code: body.code,
    name: body.name,
    kind: body.kind,
    groupName: body.groupName,
    defaultUnitType: body.defaultUnitType,
    defaultUnitId: body.defaultUnitId,
    deadlineValue: body.deadline.value,
    deadlineUnit: body.deadline.unit,
    urgency: body.urgency,
    sortOrder: body.sortOrder,
  });
  if (!ok) throw new AppError('DUPLICATE', `编码 ${body.code} 已存在`, { code: '编码已存在' });
  return presentCategory((await repo.findCategoryByCode(db, body.code))!);
}

/** Updates a category by code; deactivating keeps past cases' references intact. */
export async function updateCategory(db: Db, code: string, body: TUpdateCategoryBody) {
  const before = await repo.findCategoryByCode(db, code);
  if (!before) notFound('问题类别');
  await assertUnit(db, body.defaultUnitId, 'defaultUnitId');
  const { deadline, ...rest } = body;
  await repo.updateCategory(db, code, {
    ...rest,
    ...(deadline ? { deadlineValue: deadline.value, deadlineUnit: deadline.unit } : {}),
  });
  return { before: presentCategory(before), after: presentCategory((await repo.findCategoryByCode(db, code))!) };
}

/**
 * What a new case of this category takes by default (for case creation): the responsible
 * unit (see `resolveResponsibleUnit`: the category's own unit if it names one, else the
 * place's unit of the category's type, else the place's community) and the deadline from `at` on the
 * official calendar. A place outside the caller's scope is not found.
 */
export async function categoryDefaults(
  db: Db,
  user: TUser,
  categoryCode: string,
  opts: { placeId?: number; at?: Date } = {},
): Promise<TCategoryDefaultsDto> {
  const category = await repo.findCategoryByCode(db, categoryCode);
  if (!category?.isActive) notFound('问题类别');
  let placeUnits = null;
  if (opts.placeId != null) {
    const place = await repo.findPlaceById(db, user, opts.placeId);
    if (!place) notFound('点位');
    placeUnits = {
      communityUnitId: place.communityUnitId,
      propertyUnitId: place.propertyUnitId,
      departmentUnitId: place.departmentUnitId,
      townshipUnitId: category.defaultUnitType === 'township_office' ? await repo.findTownshipUnit(db, place.areaCode) : null,
    };
  }
  const unitId = resolveResponsibleUnit(
    { unitType: category.defaultUnitType as TUnitType, defaultUnitId: category.defaultUnitId },
    placeUnits,
  );
  const unitName = unitId != null ? ((await repo.findActiveUnits(db, [unitId]))[0]?.name ?? null) : null;
  const rule: TDeadlineRule = { value: category.deadlineValue, unit: category.deadlineUnit as TDeadlineRule['unit'] };
  const deadline = await computeDeadline(db, opts.at ?? new Date(), rule);
  return {
    categoryCode: category.code,
    unitId: unitName != null ? unitId : null,
    unitName,
    deadline: deadline.toISOString(),
    deadlineLabel: deadlineRuleLabel(rule),
    severity: category.urgency as TCaseSeverity,
  };
}

// ── places ──────────────────────────────────────────────────────────────────────────────

/** A place as the API shows it. */
export function presentPlace(p: repo.TPlaceRecord) {
  const { areaCode: _areaCode, ...rest } = p;
  return { ...rest, kind: p.kind as TPlaceKind, updatedAt: p.updatedAt.toISOString() };
}

/** One page of places in the caller's scope. */
export async function listPlaces(db: Db, user: TUser, q: TPlaceListQuery) {
  let areaPrefix: string | null = null;
  if (q.areaId) {
    const area = await repo.findArea(db, q.areaId);
    if (!area) throw new AppError('VALIDATION_FAILED', '区域不存在', { areaId: '区域不存在' });
    areaPrefix = area.prefix;
  }
  const { items, total } = await repo.findPlaces(db, user, q, areaPrefix);
  return { items: items.map(presentPlace), total, totalCapped: false, page: q.page, pageSize: q.pageSize };
}

/** One place in scope, or 404. */
export async function getPlace(db: Db, user: TUser, id: number) {
  const p = await repo.findPlaceById(db, user, id);
  if (!p) notFound('点位');
  return presentPlace(p);
}

async function assertPlaceUnits(db: Db, body: Partial<Pick<TCreatePlaceBody, 'communityUnitId' | 'propertyUnitId' | 'departmentUnitId'>>) {
  const wanted = [
    ['communityUnitId', body.communityUnitId, ['village_committee', 'township_office']],
    ['propertyUnitId', body.propertyUnitId, ['property']],
    ['departmentUnitId', body.departmentUnitId, ['bureau', 'township_office', 'other']],
  ] as const;
  const ids = wanted.map(([, id]) => id).filter((id): id is number => id != null);
  const found = new Map((await repo.findActiveUnits(db, ids)).map((u) => [u.id, u]));
  for (const [field, id, types] of wanted) {
    if (id == null) continue;
    const u = found.get(id);
    if (!u) throw new AppError('VALIDATION_FAILED', '单位不存在或已停用', { [field]: '单位不存在或已停用' });
    if (!(types as readonly string[]).includes(u.type)) {
      throw new AppError('VALIDATION_FAILED', `“${u.name}”不能作为该类责任单位`, { [field]: '单位类型不符' });
    }
  }
}

/** Creates a place inside the caller's area. */
export async function createPlace(db: Db, user: TUser, body: TCreatePlaceBody) {
  const area = await repo.findArea(db, body.areaId);
  if (!area || !isAreaInScope(user, area.code)) {
    throw new AppError('VALIDATION_FAILED', '所选区域不存在或不在您的管辖范围内', { areaId: '区域不在管辖范围内' });
  }
  await assertPlaceUnits(db, body);
  const id = await repo.insertPlace(db, { ...body, areaCode: area.code });
  if (id == null) throw new AppError('DUPLICATE', `该区域已有名为“${body.name}”的点位`, { name: '名称重复' });
  return getPlace(db, user, id);
}

/** Updates a place in scope: 404 outside scope, 403 for roles that may only read. */
export async function updatePlace(db: Db, user: TUser, id: number, body: TUpdatePlaceBody) {
  const before = await repo.findPlaceById(db, user, id);
  if (!before) notFound('点位');
  if (!canEditPlaces(user)) throw new AppError('FORBIDDEN', '当前角色无权修改点位');
  await assertPlaceUnits(db, body);
  await repo.updatePlace(db, id, body);
  return { before: presentPlace(before), after: await getPlace(db, user, id) };
}

// ── settings ────────────────────────────────────────────────────────────────────────────

const MEASURES_KEY = 'measures';

/** The score's deductions: the saved settings, or the defaults of domain.md. */
export async function getMeasureSettings(db: Db): Promise<TMeasureSettings> {
  const saved = ZMeasureSettings.partial().safeParse(await repo.findSetting(db, MEASURES_KEY));
  return { ...DEFAULT_MEASURE_SETTINGS, ...(saved.success ? saved.data : {}) };
}

/** Saves the score's deductions. */
export async function saveMeasureSettings(db: Db, user: TUser, value: TMeasureSettings) {
  const before = await getMeasureSettings(db);
  await repo.upsertSetting(db, MEASURES_KEY, value, user.id);
  return { before, after: value };
}

// ── a 创文 case at a place ─────────────────────────────────────────────────────────────

/**
 * Raises a 创文 case at a place for a category (现场交办 when a unit is known): the title,
 * severity, unit and deadline default from the category and place; the case is created by
 * the cases module and linked to its place and category in the same transaction, so the
 * per-place measures see it. Used by the API and by inspections that fail an item.
 */
export async function createPlaceCase(db: Db, user: TUser, body: TCreatePlaceCaseBody, opts: { origin?: TCaseOrigin } = {}) {
  const place = await repo.findPlaceById(db, user, body.placeId);
  if (!place) notFound('点位');
  const category = await repo.findCategoryByCode(db, body.categoryCode);
  if (!category?.isActive) {
    throw new AppError('VALIDATION_FAILED', '问题类别不存在或已停用', { categoryCode: '问题类别不存在或已停用' });
  }
  const foundAt = body.foundAt ? new Date(body.foundAt) : new Date();
  const defaults = await categoryDefaults(db, user, category.code, { placeId: place.id, at: foundAt });
  const unitId = body.unitId !== undefined ? body.unitId : defaults.unitId;
  const deadline = unitId == null ? null : (body.deadline ?? defaults.deadline);
  return db.transaction(async (t) => {
    const change = await cases.raiseCase(t, {
      actor: userActor(user),
      origin: opts.origin,
      case: {
        title: body.title ?? category.name,
        description: body.description,
        module: 'chuangwen',
        category: category.name,
        areaId: place.areaId,
        place: place.name,
        lat: body.lat ?? place.lat,
        lng: body.lng ?? place.lng,
        source: body.source,
        severity: defaults.severity,
        foundAt: foundAt.toISOString(),
        unitId,
        deadline,
        attachmentIds: body.attachmentIds,
      },
    });
    await repo.insertCaseLink(t, { caseId: change.caseId, placeId: place.id, categoryCode: category.code });
    return change;
  });
}

/**
 * A place in the caller's scope as other modules need it (inspections of a place), or null
 * when absent or out of scope; callers decide between 404 and a validation error.
 */
export async function findPlaceInScope(db: Db, user: TUser, placeId: number) {
  return repo.findPlaceById(db, user, placeId);
}

/** The code of the active category named exactly `name` (a checklist item's category), or null. */
export async function findCategoryCodeByName(db: Db, name: string | null): Promise<string | null> {
  return name ? repo.findActiveCategoryByName(db, name) : null;
}

/**
 * The responsible unit of a place when no category decides it: the property company, else the
 * community, else the functional department.
 */
export function placeFallbackUnit(p: Pick<repo.TPlaceRecord, 'propertyUnitId' | 'communityUnitId' | 'departmentUnitId'>): number | null {
  return p.propertyUnitId ?? p.communityUnitId ?? p.departmentUnitId ?? null;
}

/**
 * Links a case created elsewhere (现场交办 of an inspection, a citizen's report) to its place, or
 * none, and its category, in the caller's transaction: the case counts in 创文's measures.
 */
export async function linkCaseToPlace(db: Db, v: { caseId: number; placeId: number | null; categoryCode: string | null }) {
  await repo.insertCaseLink(db, v);
}
