/** Every query of checklist templates and inspections. Inspections are scoped by area in the query. */
import { and, asc, between, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { TInspectionQuery } from '../../../shared/contracts/checklists.js';
import { areaRange } from '../../../shared/domain/areas.js';
import type { Db } from '../../db/client.js';
import { caseView } from '../../db/schema/case-view.js';
import { checklistItems, checklistTemplates, inspectionResults, inspections } from '../../db/schema/checklists.js';
import { areas, units, users } from '../../db/schema/core.js';
import { scopeCondition } from '../../lib/scope.js';
import { zoneDayEnd, zoneDayStart } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';

export type TTemplateRecord = typeof checklistTemplates.$inferSelect;
export type TNewItem = typeof checklistItems.$inferInsert;

// ---------------------------------------------------------------- templates

/** Templates with their count of active items, by module then name. */
export async function findTemplates(db: Db, f: { module?: string; includeInactive?: boolean }) {
  return db
    .select({
      id: checklistTemplates.id,
      name: checklistTemplates.name,
      module: checklistTemplates.module,
      description: checklistTemplates.description,
      isActive: checklistTemplates.isActive,
      updatedAt: checklistTemplates.updatedAt,
      // Qualified by hand: drizzle leaves columns unqualified in a one-table select, which would
      // make the subquery compare checklist_items with itself.
      itemCount: sql<number>`(select count(*)::int from checklist_items ci where ci.template_id = "checklist_templates"."id" and ci.is_active)`,
    })
    .from(checklistTemplates)
    .where(
      and(
        f.module ? eq(checklistTemplates.module, f.module) : undefined,
        f.includeInactive ? undefined : eq(checklistTemplates.isActive, true),
      ),
    )
    .orderBy(asc(checklistTemplates.module), asc(checklistTemplates.name), asc(checklistTemplates.id));
}

export async function findTemplateById(db: Db, id: number) {
  const [row] = await db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id)).limit(1);
  return row ?? null;
}

/** Items of a template by position, with default unit names; removed items only when asked. */
export async function findTemplateItems(db: Db, templateId: number, includeRemoved = false) {
  return db
    .select({
      id: checklistItems.id,
      templateId: checklistItems.templateId,
      position: checklistItems.position,
      title: checklistItems.title,
      standard: checklistItems.standard,
      category: checklistItems.category,
      defaultUnitId: checklistItems.defaultUnitId,
      defaultUnitName: units.name,
      defaultUnitActive: units.isActive,
      defaultDeadlineDays: checklistItems.defaultDeadlineDays,
      severity: checklistItems.severity,
      isActive: checklistItems.isActive,
    })
    .from(checklistItems)
    .leftJoin(units, eq(units.id, checklistItems.defaultUnitId))
    .where(and(eq(checklistItems.templateId, templateId), includeRemoved ? undefined : eq(checklistItems.isActive, true)))
    .orderBy(desc(checklistItems.isActive), asc(checklistItems.position), asc(checklistItems.id));
}
export type TItemRecord = Awaited<ReturnType<typeof findTemplateItems>>[number];

export async function insertTemplate(db: Db, values: typeof checklistTemplates.$inferInsert): Promise<number> {
  const [row] = await db.insert(checklistTemplates).values(values).returning({ id: checklistTemplates.id });
  return row.id;
}

export async function updateTemplate(db: Db, id: number, patch: Partial<typeof checklistTemplates.$inferInsert>) {
  await db.update(checklistTemplates).set({ ...patch, updatedAt: new Date() }).where(eq(checklistTemplates.id, id));
}

/** Inserts items; returns their ids in order. */
export async function insertItems(db: Db, values: TNewItem[]): Promise<number[]> {
  if (!values.length) return [];
  const rows = await db.insert(checklistItems).values(values).returning({ id: checklistItems.id, position: checklistItems.position });
  return rows.sort((a, b) => a.position - b.position).map((r) => r.id);
}

export async function updateItem(db: Db, id: number, patch: Partial<TNewItem>) {
  await db.update(checklistItems).set(patch).where(eq(checklistItems.id, id));
}

export async function deleteItems(db: Db, ids: number[]) {
  if (!ids.length) return;
  await db.delete(checklistItems).where(inArray(checklistItems.id, ids));
}

/** Hides items that past inspections answered (their results keep pointing to them). */
export async function deactivateItems(db: Db, ids: number[]) {
  if (!ids.length) return;
  await db.update(checklistItems).set({ isActive: false }).where(inArray(checklistItems.id, ids));
}

/** Among `itemIds`, those that some inspection has answered. */
export async function findAnsweredItemIds(db: Db, itemIds: number[]): Promise<number[]> {
  if (!itemIds.length) return [];
  const rows = await db
    .selectDistinct({ itemId: inspectionResults.itemId })
    .from(inspectionResults)
    .where(inArray(inspectionResults.itemId, itemIds));
  return rows.map((r) => r.itemId);
}

/** Units among `ids` that exist and are active. */
export async function findActiveUnitIds(db: Db, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: units.id }).from(units).where(and(inArray(units.id, ids), eq(units.isActive, true)));
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- inspections

const inspectionColumns = {
  id: inspections.id,
  templateId: inspections.templateId,
  templateName: checklistTemplates.name,
  module: checklistTemplates.module,
  inspectorId: inspections.inspectorId,
  inspectorName: users.displayName,
  areaId: inspections.areaId,
  areaName: areas.name,
  areaCode: inspections.areaCode,
  placeId: inspections.placeId,
  subjectType: inspections.subjectType,
  subjectId: inspections.subjectId,
  place: inspections.place,
  lat: inspections.lat,
  lng: inspections.lng,
  status: inspections.status,
  summary: inspections.summary,
  startedAt: inspections.startedAt,
  completedAt: inspections.completedAt,
};

const inScope = (user: TUser) => scopeCondition(user, { areaCode: inspections.areaCode });

/** One page of inspections in the user's scope, newest first, and the total. */
export async function findInspections(db: Db, user: TUser, q: TInspectionQuery, areaPrefix: string | null) {
  const conds: (SQL | undefined)[] = [inScope(user)];
  if (q.status) conds.push(eq(inspections.status, q.status));
  if (q.templateId) conds.push(eq(inspections.templateId, q.templateId));
  if (areaPrefix) {
    const [low, high] = areaRange(areaPrefix);
    conds.push(between(inspections.areaCode, low, high));
  }
  if (q.from) conds.push(gte(inspections.startedAt, zoneDayStart(q.from)));
  if (q.to) conds.push(lte(inspections.startedAt, zoneDayEnd(q.to)));
  if (q.mine === 'true') conds.push(eq(inspections.inspectorId, user.id));
  if (q.subjectType) conds.push(eq(inspections.subjectType, q.subjectType));
  if (q.subjectId) conds.push(eq(inspections.subjectId, q.subjectId));
  const where = and(...conds);
  const [items, [{ total }]] = await Promise.all([
    db
      .select(inspectionColumns)
      .from(inspections)
      .innerJoin(checklistTemplates, eq(checklistTemplates.id, inspections.templateId))
      .innerJoin(users, eq(users.id, inspections.inspectorId))
      .innerJoin(areas, eq(areas.id, inspections.areaId))
      .where(where)
      .orderBy(desc(inspections.startedAt), desc(inspections.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(inspections).where(where),
  ]);
  return { items, total };
}
export type TInspectionRecord = Awaited<ReturnType<typeof findInspections>>['items'][number];

/** One inspection in the user's scope; null when absent or out of scope. */
export async function findInspectionById(db: Db, user: TUser, id: number): Promise<TInspectionRecord | null> {
  const [row] = await db
    .select(inspectionColumns)
    .from(inspections)
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, inspections.templateId))
    .innerJoin(users, eq(users.id, inspections.inspectorId))
    .innerJoin(areas, eq(areas.id, inspections.areaId))
    .where(and(eq(inspections.id, id), inScope(user)))
    .limit(1);
  return row ?? null;
}

export async function insertInspection(db: Db, values: typeof inspections.$inferInsert): Promise<number> {
  const [row] = await db.insert(inspections).values(values).returning({ id: inspections.id });
  return row.id;
}

/** Completes a draft; false when it was no longer a draft. */
export async function completeInspection(db: Db, id: number, summary: string | null): Promise<boolean> {
  const rows = await db
    .update(inspections)
    .set({ status: 'completed', summary, completedAt: new Date() })
    .where(and(eq(inspections.id, id), eq(inspections.status, 'draft')))
    .returning({ id: inspections.id });
  return rows.length === 1;
}

/** The case raised from a result: its origin is the result (one case per origin). */
const resultCase = and(eq(caseView.originType, 'inspection_result'), eq(caseView.originId, inspectionResults.id));

/** Per inspection: result counts, whether the answered item is still active, cases raised. */
export async function countResults(db: Db, inspectionIds: number[]) {
  if (!inspectionIds.length) return [];
  return db
    .select({
      inspectionId: inspectionResults.inspectionId,
      result: inspectionResults.result,
      itemActive: checklistItems.isActive,
      n: count(),
      cases: count(caseView.id),
    })
    .from(inspectionResults)
    .innerJoin(checklistItems, eq(checklistItems.id, inspectionResults.itemId))
    .leftJoin(caseView, resultCase)
    .where(inArray(inspectionResults.inspectionId, inspectionIds))
    .groupBy(inspectionResults.inspectionId, inspectionResults.result, checklistItems.isActive);
}

/** Active items per template. */
export async function countActiveItems(db: Db, templateIds: number[]) {
  if (!templateIds.length) return [];
  return db
    .select({ templateId: checklistItems.templateId, n: count() })
    .from(checklistItems)
    .where(and(inArray(checklistItems.templateId, templateIds), eq(checklistItems.isActive, true)))
    .groupBy(checklistItems.templateId);
}

/** The results of an inspection, with the case raised from each (if any). */
export async function findResults(db: Db, inspectionId: number) {
  return db
    .select({
      id: inspectionResults.id,
      itemId: inspectionResults.itemId,
      result: inspectionResults.result,
      note: inspectionResults.note,
      attachmentIds: inspectionResults.attachmentIds,
      caseId: caseView.id,
      caseCode: caseView.code,
      caseStatus: caseView.status,
    })
    .from(inspectionResults)
    .leftJoin(caseView, resultCase)
    .where(eq(inspectionResults.inspectionId, inspectionId))
    .orderBy(asc(inspectionResults.id));
}

/** The result of one item in one inspection, with the id of the case raised from it (if any). */
export async function findResult(db: Db, inspectionId: number, itemId: number) {
  const [row] = await db
    .select({
      id: inspectionResults.id,
      inspectionId: inspectionResults.inspectionId,
      itemId: inspectionResults.itemId,
      result: inspectionResults.result,
      note: inspectionResults.note,
      attachmentIds: inspectionResults.attachmentIds,
      caseId: caseView.id,
    })
    .from(inspectionResults)
    .leftJoin(caseView, resultCase)
    .where(and(eq(inspectionResults.inspectionId, inspectionId), eq(inspectionResults.itemId, itemId)))
    .limit(1);
  return row ?? null;
}

/** Inserts or replaces the answer of one item; returns the result id. */
export async function upsertResult(
  db: Db,
  v: { inspectionId: number; itemId: number; result: string; note: string | null; attachmentIds: string[] },
): Promise<number> {
  const [row] = await db
    .insert(inspectionResults)
    .values(v)
    .onConflictDoUpdate({
      target: [inspectionResults.inspectionId, inspectionResults.itemId],
      set: { result: v.result, note: v.note, attachmentIds: v.attachmentIds },
    })
    .returning({ id: inspectionResults.id });
  return row.id;
}

/** The results among `resultIds` whose inspection lies in the user's scope (attachment access). */
export async function findResultIdsInScope(db: Db, user: TUser, resultIds: readonly number[]): Promise<number[]> {
  if (!resultIds.length) return [];
  const rows = await db
    .select({ id: inspectionResults.id })
    .from(inspectionResults)
    .innerJoin(inspections, eq(inspections.id, inspectionResults.inspectionId))
    .where(and(inArray(inspectionResults.id, [...resultIds]), inScope(user)));
  return rows.map((r) => r.id);
}

/** One area by id (shared with every module). */
export { findAreaById as findArea } from '../../db/areas.repo.js';
