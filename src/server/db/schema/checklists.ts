/**
 * Checklist templates and inspections: reused by 创文 测评, 十须知, site checks.
 * A failed item becomes a case in one step (现场交办).
 */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';


export const checklistTemplates = pgTable('checklist_templates', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  module: varchar('module', { length: 16 }).notNull(),
  description: text('description').notNull().default(''),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const checklistItems = pgTable(
  'checklist_items',
  {
    id: serial('id').primaryKey(),
    templateId: integer('template_id').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    standard: text('standard').notNull().default(''),
    category: text('category'),
    defaultUnitId: integer('default_unit_id'),
    /** Deadline for a case raised from this item, in days from the inspection. */
    defaultDeadlineDays: integer('default_deadline_days').notNull().default(3),
    severity: varchar('severity', { length: 16 }).notNull().default('normal'),
    /** False once removed from the template while past inspections still answer it. */
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [index('checklist_items_template_idx').on(t.templateId, t.position)],
);

export const inspections = pgTable(
  'inspections',
  {
    id: serial('id').primaryKey(),
    templateId: integer('template_id').notNull(),
    inspectorId: integer('inspector_id').notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    /** The 创文 place inspected (cw_places.id), when the inspection is of one. */
    placeId: integer('place_id'),
    /**
     * What else the inspection is of, when a module declares it as an inspection subject (a
     * clinic, a construction site): its type and id.
     */
    subjectType: varchar('subject_type', { length: 32 }),
    subjectId: integer('subject_id'),
    place: text('place'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** draft while items are being checked; completed once submitted. */
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    summary: text('summary'),
    startedAt: ts('started_at').notNull().defaultNow(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    index('inspections_area_idx').on(t.areaCode, t.startedAt),
    index('inspections_inspector_idx').on(t.inspectorId, t.startedAt),
    index('inspections_subject_idx').on(t.subjectType, t.subjectId, t.startedAt),
  ],
);

export const inspectionResults = pgTable(
  'inspection_results',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id').notNull(),
    itemId: integer('item_id').notNull(),
    /** pass / fail / na */
    result: varchar('result', { length: 8 }).notNull(),
    note: text('note'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('inspection_results_item_uq').on(t.inspectionId, t.itemId)],
);
