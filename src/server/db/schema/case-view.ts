/**
 * `case_view`: what other modules may read of supervision cases. The cases module owns the
 * `cases` and `case_events` tables (schema/cases.ts); every other module joins and aggregates
 * on this view instead, so the tables can change behind it.
 */
import { sql } from 'drizzle-orm';
import { integer, pgView, text, varchar } from 'drizzle-orm/pg-core';
import type { TCaseOriginType } from '../../../shared/domain/case-origins.js';
import { cases } from './cases.js';
import { ts } from './columns.js';

/**
 * The read view of cases for other modules: the columns they may join and aggregate on, without
 * the cases table itself (which only the cases module reads and writes). PostgreSQL inlines it,
 * so a query through it uses the table's indexes.
 */
export const caseView = pgView('case_view', {
  id: integer('id').notNull(),
  code: varchar('code', { length: 24 }).notNull(),
  title: text('title').notNull(),
  module: varchar('module', { length: 16 }).notNull(),
  category: text('category'),
  areaId: integer('area_id').notNull(),
  areaCode: varchar('area_code', { length: 12 }).notNull(),
  place: text('place'),
  source: varchar('source', { length: 16 }).notNull(),
  severity: varchar('severity', { length: 16 }).notNull(),
  foundById: integer('found_by_id'),
  foundAt: ts('found_at').notNull(),
  unitId: integer('unit_id'),
  deadline: ts('deadline'),
  status: varchar('status', { length: 24 }).notNull(),
  outcome: varchar('outcome', { length: 16 }),
  returnCount: integer('return_count').notNull(),
  extensionCount: integer('extension_count').notNull(),
  lastSubmitterId: integer('last_submitter_id'),
  assignedAt: ts('assigned_at'),
  submittedAt: ts('submitted_at'),
  closedAt: ts('closed_at'),
  createdById: integer('created_by_id'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull(),
  originType: varchar('origin_type', { length: 32 }).$type<TCaseOriginType>(),
  originId: integer('origin_id'),
}).as(
  sql`select id, code, title, module, category, area_id, area_code, place, source, severity, found_by_id, found_at, unit_id,
    deadline, status, outcome, return_count, extension_count, last_submitter_id, assigned_at, submitted_at, closed_at,
    created_by_id, created_at, updated_at, version, origin_type, origin_id from ${cases}`,
);
