/**
 * Use cases of checklist templates and inspections (督导检查): save a template while keeping
 * the items past results point to, run an inspection, record answers with photos, raise a case
 * from a failed item in one step (现场交办) and complete the inspection.
 */
import { ZCreateCaseBody } from '../../../shared/contracts/cases.js';
import type {
  TChecklistItem,
  TChecklistQuery,
  TChecklistTemplate,
  TChecklistTemplateRow,
  TCheckResult,
  TCompleteInspectionBody,
  TCreateInspectionBody,
  TInspectionCounts,
  TInspectionDetail,
  TInspectionQuery,
  TInspectionRow,
  TInspectionStatus,
  TRaiseCaseBody,
  TRecordResultBody,
  TSaveChecklistBody,
} from '../../../shared/contracts/checklists.js';
import type { TCaseStatus } from '../../../shared/domain/case-machine.js';
import type { TCaseModule, TCaseSeverity } from '../../../shared/domain/case-vocab.js';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { isAreaInScope } from '../../lib/scope.js';
import { userActor } from '../../lib/actor.js';
import { addDays, zoneDate, zoneDayEnd } from '../../lib/time.js';
import type { TModuleRegistry } from '../../lib/module.js';
import type { TUser } from '../../lib/types.js';
import * as attachments from '../attachments/attachments.port.js';
import * as cases from '../cases/cases.port.js';
import type { TCaseChange } from '../cases/cases.port.js';
import { categoryDefaults, findCategoryCodeByName, findPlaceInScope, linkCaseToPlace, placeFallbackUnit } from '../chuangwen/chuangwen.port.js';
import { canAssignOnSpot, canEditTemplates, isInspectionOwner } from './checklists.policy.js';
import * as repo from './checklists.repo.js';

/** What a write changed, for the route's audit entry. */
export interface TChecklistChange {
  id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

const invalid = (field: string, message: string): never => {
  throw new AppError('VALIDATION_FAILED', message, { [field]: message });
};

// ---------------------------------------------------------------- templates

function presentItem(i: repo.TItemRecord): TChecklistItem {
  return {
    id: i.id,
    position: i.position,
    title: i.title,
    standard: i.standard,
    category: i.category,
    defaultUnitId: i.defaultUnitId,
    defaultUnitName: i.defaultUnitName,
    defaultDeadlineDays: i.defaultDeadlineDays,
    severity: i.severity as TCaseSeverity,
  };
}

/** Templates for the list, with their active item counts. */
export async function listTemplates(db: Db, q: TChecklistQuery): Promise<TChecklistTemplateRow[]> {
  const rows = await repo.findTemplates(db, { module: q.module, includeInactive: q.includeInactive === 'true' });
  return rows.map((t) => ({ ...t, module: t.module as TCaseModule, updatedAt: t.updatedAt.toISOString() }));
}

/** One template with its active items by position. */
export async function getTemplate(db: Db, user: TUser, id: number): Promise<TChecklistTemplate> {
  const t = await repo.findTemplateById(db, id);
  if (!t) notFound('检查表');
  const items = await repo.findTemplateItems(db, id);
  return {
    id: t.id,
    name: t.name,
    module: t.module as TCaseModule,
    description: t.description,
    isActive: t.isActive,
    itemCount: items.length,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    items: items.map(presentItem),
    canEdit: canEditTemplates(user),
  };
}

async function assertUnitsActive(db: Db, body: TSaveChecklistBody) {
  const wanted = [...new Set(body.items.map((i) => i.defaultUnitId).filter((u): u is number => u != null))];
  const active = new Set(await repo.findActiveUnitIds(db, wanted));
  body.items.forEach((item, index) => {
    if (item.defaultUnitId != null && !active.has(item.defaultUnitId)) {
      invalid(`items.${index}.defaultUnitId`, '默认责任单位不存在或已停用');
    }
  });
}

function itemValues(templateId: number, item: TSaveChecklistBody['items'][number], position: number): repo.TNewItem {
  return {
    templateId,
    position,
    title: item.title,
    standard: item.standard,
    category: item.category ?? null,
    defaultUnitId: item.defaultUnitId ?? null,
    defaultDeadlineDays: item.defaultDeadlineDays,
    severity: item.severity,
    isActive: true,
  };
}

const templateSnapshot = (t: TChecklistTemplate) => ({
  name: t.name,
  module: t.module,
  description: t.description,
  isActive: t.isActive,
  items: t.items.map((i) => ({ id: i.id, title: i.title, defaultUnitId: i.defaultUnitId, defaultDeadlineDays: i.defaultDeadlineDays })),
});

/** Creates a template with its items (used by the API and by the seed). */
export async function createTemplate(db: Db, user: TUser | null, body: TSaveChecklistBody): Promise<TChecklistChange> {
  if (body.items.some((i) => i.id != null)) invalid('items', '新建检查表时检查项不能带编号');
  await assertUnitsActive(db, body);
  const id = await db.transaction(async (t) => {
    const templateId = await repo.insertTemplate(t, {
      name: body.name,
      module: body.module,
      description: body.description,
      isActive: body.isActive,
    });
    await repo.insertItems(t, body.items.map((item, i) => itemValues(templateId, item, i + 1)));
    return templateId;
  });
  const after = user ? templateSnapshot(await getTemplate(db, user, id)) : { name: body.name };
  return { id, before: null, after };
}

/**
 * Replaces a template's name, description and items. Items given with an id are updated in
 * place (past results keep pointing to them); items left out are deleted, or hidden when some
 * inspection answered them, so a past inspection still shows what was checked.
 */
export async function replaceTemplate(db: Db, user: TUser, id: number, body: TSaveChecklistBody): Promise<TChecklistChange> {
  const before = await getTemplate(db, user, id);
  const existing = await repo.findTemplateItems(db, id, true);
  const existingIds = new Set(existing.map((i) => i.id));
  const keptIds = new Set<number>();
  body.items.forEach((item, index) => {
    if (item.id == null) return;
    if (!existingIds.has(item.id)) invalid(`items.${index}.id`, '检查项不属于该检查表');
    if (keptIds.has(item.id)) invalid(`items.${index}.id`, '检查项重复');
    keptIds.add(item.id);
  });
  await assertUnitsActive(db, body);
  const dropped = existing.filter((i) => !keptIds.has(i.id) && i.isActive).map((i) => i.id);
  const answered = new Set(await repo.findAnsweredItemIds(db, dropped));
  await db.transaction(async (t) => {
    await repo.updateTemplate(t, id, { name: body.name, module: body.module, description: body.description, isActive: body.isActive });
    await repo.deactivateItems(t, dropped.filter((i) => answered.has(i)));
    await repo.deleteItems(t, dropped.filter((i) => !answered.has(i)));
    const fresh: repo.TNewItem[] = [];
    for (const [index, item] of body.items.entries()) {
      const values = itemValues(id, item, index + 1);
      if (item.id != null) await repo.updateItem(t, item.id, values);
      else fresh.push(values);
    }
    await repo.insertItems(t, fresh);
  });
  const after = await getTemplate(db, user, id);
  return { id, before: templateSnapshot(before), after: templateSnapshot(after) };
}

// ---------------------------------------------------------------- inspections

function emptyCounts(): TInspectionCounts {
  return { total: 0, pass: 0, fail: 0, na: 0, unchecked: 0, cases: 0 };
}

/** Result counts of several inspections in two queries. */
async function countsFor(db: Db, rows: { id: number; templateId: number }[]): Promise<Map<number, TInspectionCounts>> {
  const [results, actives] = await Promise.all([
    repo.countResults(db, rows.map((r) => r.id)),
    repo.countActiveItems(db, [...new Set(rows.map((r) => r.templateId))]),
  ]);
  const activeByTemplate = new Map(actives.map((a) => [a.templateId, a.n]));
  const out = new Map<number, TInspectionCounts>();
  for (const r of rows) out.set(r.id, { ...emptyCounts(), total: activeByTemplate.get(r.templateId) ?? 0 });
  for (const c of results) {
    const counts = out.get(c.inspectionId)!;
    counts[c.result as TCheckResult] += c.n;
    counts.cases += c.cases;
    // An answered item removed from the template since still counts for this inspection.
    if (!c.itemActive) counts.total += c.n;
  }
  for (const counts of out.values()) counts.unchecked = counts.total - counts.pass - counts.fail - counts.na;
  return out;
}

function presentRow(r: repo.TInspectionRecord, counts: TInspectionCounts): TInspectionRow {
  return {
    id: r.id,
    templateId: r.templateId,
    templateName: r.templateName,
    module: r.module as TCaseModule,
    inspectorId: r.inspectorId,
    inspectorName: r.inspectorName,
    areaId: r.areaId,
    areaName: r.areaName,
    placeId: r.placeId,
    subject: r.subjectType != null && r.subjectId != null ? { type: r.subjectType, id: r.subjectId } : null,
    place: r.place,
    status: r.status as TInspectionStatus,
    startedAt: r.startedAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    counts,
  };
}

/** One page of inspections in the user's scope, with their counts. */
export async function listInspections(db: Db, user: TUser, q: TInspectionQuery) {
  let areaPrefix: string | null = null;
  if (q.areaId) {
    const area = await repo.findArea(db, q.areaId);
    if (!area) invalid('areaId', '区域不存在');
    areaPrefix = area!.prefix;
  }
  const { items, total } = await repo.findInspections(db, user, q, areaPrefix);
  const counts = await countsFor(db, items);
  return {
    items: items.map((r) => presentRow(r, counts.get(r.id)!)),
    total,
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Starts a draft inspection of an area (and optional place) in the inspector's scope. With a
 * 创文 place, the area, place text and location default from the place (an area given must be
 * the place's own).
 */
/** The inspection subjects of the module registry, as inspections need them. */
export type TInspectionSubjects = Pick<TModuleRegistry, 'inspectionSubject'>;

/** The facts of an inspection's subject in the user's scope, or null (unknown type, absent, out of scope). */
async function findSubject(db: Db, subjects: TInspectionSubjects, user: TUser, ref: { type: string; id: number } | null | undefined) {
  if (!ref) return null;
  return (await subjects.inspectionSubject(ref.type)?.find(db, user, ref.id)) ?? null;
}

export async function createInspection(db: Db, subjects: TInspectionSubjects, user: TUser, body: TCreateInspectionBody): Promise<TChecklistChange> {
  const template = await repo.findTemplateById(db, body.templateId);
  if (!template?.isActive) invalid('templateId', '检查表不存在或已停用');
  const cwPlace = body.placeId != null ? await findPlaceInScope(db, user, body.placeId) : null;
  if (body.placeId != null && !cwPlace?.isActive) invalid('placeId', '所选点位不存在或不在您的管辖范围内');
  if (cwPlace && body.areaId != null && body.areaId !== cwPlace.areaId) invalid('areaId', '所选区域与点位所在区域不一致');
  const subject = await findSubject(db, subjects, user, body.subject);
  if (body.subject && !subject) invalid('subject', '所选检查对象不存在或不在您的管辖范围内');
  const area = await repo.findArea(db, body.areaId ?? cwPlace?.areaId ?? subject!.areaId);
  if (!area?.isActive || !isAreaInScope(user, area.code)) invalid('areaId', '所选区域不存在或不在您的管辖范围内');
  const values = {
    templateId: body.templateId,
    inspectorId: user.id,
    areaId: area!.id,
    areaCode: area!.code,
    placeId: cwPlace?.id ?? null,
    subjectType: body.subject?.type ?? null,
    subjectId: body.subject?.id ?? null,
    place: body.place || cwPlace?.name || subject?.name || null,
    lat: body.lat ?? cwPlace?.lat ?? subject?.lat ?? null,
    lng: body.lng ?? cwPlace?.lng ?? subject?.lng ?? null,
    status: 'draft',
  };
  const id = await repo.insertInspection(db, values);
  return { id, before: null, after: values };
}

async function loadInspection(db: Db, user: TUser, id: number) {
  const insp = await repo.findInspectionById(db, user, id);
  if (!insp) notFound('检查');
  return insp;
}

function assertOwner(user: TUser, insp: repo.TInspectionRecord) {
  if (!isInspectionOwner(user, insp)) throw new AppError('FORBIDDEN', '只有本次检查的检查人可以操作');
}

function assertDraft(insp: repo.TInspectionRecord) {
  if (insp.status !== 'draft') throw new AppError('CONFLICT', '检查已完成，不能再修改检查结果');
}

/** An inspection with every item, its answer, photos and the case raised from it. */
export async function getInspectionDetail(db: Db, user: TUser, id: number): Promise<TInspectionDetail> {
  const insp = await loadInspection(db, user, id);
  const [items, results, counts] = await Promise.all([
    repo.findTemplateItems(db, insp.templateId, true),
    repo.findResults(db, id),
    countsFor(db, [insp]),
  ]);
  const byItem = new Map(results.map((r) => [r.itemId, r]));
  const files = await attachments.findByOwners(db, 'inspection_result', results.map((r) => r.id));
  const filesByResult = new Map<string, typeof files>();
  for (const f of files) filesByResult.set(f.ownerId!, [...(filesByResult.get(f.ownerId!) ?? []), f]);
  const owner = isInspectionOwner(user, insp);
  const draft = insp.status === 'draft';
  return {
    ...presentRow(insp, counts.get(insp.id)!),
    lat: insp.lat,
    lng: insp.lng,
    summary: insp.summary,
    items: items
      .filter((i) => i.isActive || byItem.has(i.id))
      .map((i) => {
        const r = byItem.get(i.id);
        const photos = r ? (filesByResult.get(String(r.id)) ?? []) : [];
        const order = r?.attachmentIds ?? [];
        photos.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
        return {
          ...presentItem(i),
          resultId: r?.id ?? null,
          result: (r?.result as TCheckResult | undefined) ?? null,
          note: r?.note ?? null,
          attachments: photos.map(attachments.presentAttachment),
          case: r?.caseId != null ? { id: r.caseId, code: r.caseCode!, status: r.caseStatus as TCaseStatus } : null,
        };
      }),
    abilities: { canRecord: owner && draft, canRaiseCase: owner, canComplete: owner && draft },
  };
}

/**
 * Records (or replaces) the answer to one item while the inspection is a draft. `attachmentIds`
 * is the full list of the answer's photos: new ones must be the caller's unlinked uploads,
 * photos left out are detached.
 */
export async function recordResult(
  db: Db,
  user: TUser,
  inspectionId: number,
  itemId: number,
  body: TRecordResultBody,
): Promise<TChecklistChange> {
  const insp = await loadInspection(db, user, inspectionId);
  assertOwner(user, insp);
  assertDraft(insp);
  const existing = await repo.findResult(db, inspectionId, itemId);
  const item = (await repo.findTemplateItems(db, insp.templateId, true)).find((i) => i.id === itemId);
  if (!item || (!item.isActive && !existing)) notFound('检查项');
  if (existing?.caseId != null && body.result !== 'fail') {
    throw new AppError('CONFLICT', '该项已现场交办，不能改为合格或不适用');
  }
  const wanted = [...new Set(body.attachmentIds)];
  const current = existing ? (await attachments.findByOwners(db, 'inspection_result', [existing.id])).map((a) => a.id) : [];
  const added = wanted.filter((a) => !current.includes(a));
  const removed = current.filter((a) => !wanted.includes(a));
  await attachments.assertClaimable(db, user.id, added);
  const resultId = await db.transaction(async (t) => {
    const rid = await repo.upsertResult(t, { inspectionId, itemId, result: body.result, note: body.note ?? null, attachmentIds: wanted });
    await attachments.unlink(t, removed);
    await attachments.link(t, added, 'inspection_result', rid, 'evidence');
    return rid;
  });
  return {
    id: resultId,
    before: existing ? { result: existing.result, note: existing.note, attachmentIds: existing.attachmentIds } : null,
    after: { inspectionId, itemId, result: body.result, note: body.note ?? null, attachmentIds: wanted },
  };
}

const MAX_TITLE = 100;

/** The default case title: the item, and where it was found. */
function defaultTitle(itemTitle: string, place: string | null): string {
  const title = place ? `${itemTitle}（${place}）` : itemTitle;
  return (title.length >= 2 ? title : `${title}不合格`).slice(0, MAX_TITLE);
}

/** Unit, deadline and place link of a case raised at a 创文 place (see raiseCase). */
async function placeDefaults(
  db: Db,
  user: TUser,
  placeId: number,
  item: repo.TItemRecord,
  mayAssign: boolean,
): Promise<{ categoryCode: string | null; unitId: number | null; deadline: string | undefined }> {
  const place = await findPlaceInScope(db, user, placeId);
  if (!place) notFound('点位');
  const categoryCode = await findCategoryCodeByName(db, item.category);
  if (!mayAssign) return { categoryCode, unitId: null, deadline: undefined };
  if (categoryCode) {
    const d = await categoryDefaults(db, user, categoryCode, { placeId });
    if (d.unitId != null) return { categoryCode, unitId: d.unitId, deadline: d.deadline };
  }
  const unitId = placeFallbackUnit(place!);
  const deadline = unitId != null ? zoneDayEnd(addDays(zoneDate(), item.defaultDeadlineDays)).toISOString() : undefined;
  return { categoryCode, unitId, deadline };
}

/**
 * 现场交办: turns a failed answer into a supervision case in one step, with the template's
 * module, the item's category, severity, default unit and deadline (end of the zone day
 * `defaultDeadlineDays` from today), the inspection's area and place, source 督导检查, and the
 * result as origin. Without a unit (none given, none by default, or the caller may not assign)
 * the case waits 待交办.
 *
 * At a 创文 place (the inspection names one) the case goes the 创文 way: it is linked to the
 * place (cw_case_places, with the category whose name matches the item's, if any), and when the
 * item has no default unit it takes the category's defaults at that place (unit, deadline),
 * else the place's own responsible unit with the item's deadline.
 *
 * Photos: an upload is claimed by one owner only, so the result keeps its photos and the case
 * gets new attachment rows (kind 'before') that point to the same stored files. The files are
 * shared by reference, not copied; nothing deletes stored files today, and a future clean-up
 * must count references by storage key before removing one.
 */
export async function raiseCase(
  db: Db,
  subjects: TInspectionSubjects,
  user: TUser,
  inspectionId: number,
  itemId: number,
  body: TRaiseCaseBody,
): Promise<TCaseChange> {
  const insp = await loadInspection(db, user, inspectionId);
  assertOwner(user, insp);
  const result = await repo.findResult(db, inspectionId, itemId);
  if (result?.result !== 'fail') invalid('result', '只有不合格的检查项可以现场交办');
  if (result!.caseId != null) throw new AppError('DUPLICATE', '该检查项已现场交办，不能重复生成督办事项');
  const item = (await repo.findTemplateItems(db, insp.templateId, true)).find((i) => i.id === itemId);
  if (!item) notFound('检查项');

  const mayAssign = canAssignOnSpot(user);
  const itemUnit = mayAssign && item!.defaultUnitId != null && item!.defaultUnitActive ? item!.defaultUnitId : null;
  const itemDeadline = () => zoneDayEnd(addDays(zoneDate(), item!.defaultDeadlineDays)).toISOString();
  let defaultUnit = itemUnit;
  let defaultDeadline: string | undefined = itemUnit != null ? itemDeadline() : undefined;
  let link: { placeId: number; categoryCode: string | null } | null = null;
  if (insp.placeId != null) {
    const d = await placeDefaults(db, user, insp.placeId, item!, mayAssign);
    link = { placeId: insp.placeId, categoryCode: d.categoryCode };
    if (itemUnit == null) {
      defaultUnit = d.unitId;
      defaultDeadline = d.deadline;
    }
  } else if (itemUnit == null && mayAssign && insp.subjectType != null) {
    // An inspected clinic or site answers for its own failed items (现场整改).
    const subject = await findSubject(db, subjects, user, { type: insp.subjectType, id: insp.subjectId! });
    if (subject?.unitId != null) {
      defaultUnit = subject.unitId;
      defaultDeadline = itemDeadline();
    }
  }
  const unitId = body.unitId !== undefined ? body.unitId : defaultUnit;
  const deadline = unitId != null ? (body.deadline ?? defaultDeadline ?? itemDeadline()) : body.deadline;
  const parsed = ZCreateCaseBody.safeParse({
    title: body.title ?? defaultTitle(item!.title, insp.place),
    description: result!.note ?? '',
    module: insp.module,
    category: item!.category,
    areaId: insp.areaId,
    place: insp.place,
    lat: insp.lat,
    lng: insp.lng,
    source: 'inspection',
    severity: body.severity ?? item!.severity,
    unitId,
    deadline,
    attachmentIds: [],
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    invalid(String(issue.path[0] ?? 'title'), issue.message);
  }
  const photos = await attachments.findByOwners(db, 'inspection_result', [result!.id]);

  return db.transaction(async (t) => {
    // A second raise of the same result (a double tap, two phones) is refused by the case port.
    const change = await cases.raiseCase(t, { actor: userActor(user), origin: { type: 'inspection_result', id: result!.id }, case: parsed.data! });
    await attachments.copyToOwner(t, photos, { type: cases.CASE_OWNER_TYPE, id: change.caseId, kind: 'before' });
    if (link) await linkCaseToPlace(t, { caseId: change.caseId, ...link });
    return change;
  });
}

/** Completes a draft: every item must have an answer, else 400 listing the unchecked ones. */
export async function completeInspection(
  db: Db,
  user: TUser,
  id: number,
  body: TCompleteInspectionBody,
): Promise<TChecklistChange> {
  const detail = await getInspectionDetail(db, user, id);
  const insp = (await repo.findInspectionById(db, user, id))!;
  assertOwner(user, insp);
  assertDraft(insp);
  const unchecked = detail.items.filter((i) => i.result == null);
  if (unchecked.length) {
    const fields = Object.fromEntries(unchecked.map((i) => [`items.${i.id}`, `未检查：${i.title}`]));
    throw new AppError('VALIDATION_FAILED', `还有 ${unchecked.length} 项未检查：${unchecked.map((i) => i.title).join('、')}`, fields);
  }
  if (!(await repo.completeInspection(db, id, body.summary ?? null))) assertDraft({ ...insp, status: 'completed' });
  return { id, before: { status: 'draft' }, after: { status: 'completed', summary: body.summary ?? null, counts: detail.counts } };
}
