/**
 * The supervision case (督办事项) and its event log, owned by the cases module; other modules
 * read cases through `case_view` (below) and change them through the case port.
 */
import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, jsonb, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import type { TCaseOriginType } from '../../../shared/domain/case-origins.js';
import { ts } from './columns.js';


export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 24 }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    module: varchar('module', { length: 16 }).notNull(),
    category: text('category'),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    place: text('place'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    source: varchar('source', { length: 16 }).notNull(),
    severity: varchar('severity', { length: 16 }).notNull().default('normal'),
    foundById: integer('found_by_id'),
    foundAt: ts('found_at').notNull(),
    unitId: integer('unit_id'),
    deadline: ts('deadline'),
    status: varchar('status', { length: 24 }).notNull(),
    outcome: varchar('outcome', { length: 16 }),
    returnCount: integer('return_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    /** While an extension is requested: the deadline asked for. */
    requestedDeadline: ts('requested_deadline'),
    lastSubmitterId: integer('last_submitter_id'),
    assignedAt: ts('assigned_at'),
    submittedAt: ts('submitted_at'),
    closedAt: ts('closed_at'),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** Optimistic concurrency: every transition bumps it; a stale version is refused. */
    version: integer('version').notNull().default(1),
    /**
     * The one link to where the case came from in another module (CASE_ORIGINS of
     * shared/domain/case-origins.ts): at most one case per origin record.
     */
    originType: varchar('origin_type', { length: 32 }).$type<TCaseOriginType>(),
    originId: integer('origin_id'),
  },
  (t) => [
    index('cases_code_idx').on(t.code),
    index('cases_area_status_idx').on(t.areaCode, t.status),
    // area_code last: every list is scoped by area, so the capped counts behind a filter on
    // status, unit or module are answered from the index alone (no table visits).
    index('cases_status_deadline_idx').on(t.status, t.deadline, t.areaCode),
    index('cases_unit_status_idx').on(t.unitId, t.status, t.deadline, t.areaCode),
    index('cases_module_status_idx').on(t.module, t.status, t.foundAt, t.areaCode),
    index('cases_found_at_idx').on(t.foundAt),
    // Covering for "closed since …" counts (home page, measures): no table visits.
    index('cases_closed_at_idx').on(t.closedAt, t.areaCode, t.unitId, t.deadline, t.status),
    uniqueIndex('cases_origin_uq').on(t.originType, t.originId),
    // Open cases only (a small share of a long history): the overdue list and its count, the
    // home counts and 我的待办 read them here, mostly without visiting the table.
    // The list is OPEN_STATUSES of shared/domain/case-machine.ts (kept literal for drizzle-kit).
    index('cases_open_idx')
      .on(t.foundAt, t.deadline, t.areaCode, t.unitId, t.module, t.status)
      .where(sql`status in ('pending_assign', 'rectifying', 'extension_requested', 'pending_verify', 'returned')`),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    at: ts('at').notNull().defaultNow(),
    /** The user who acted; null when the system (a job) or a citizen did. */
    actorId: integer('actor_id'),
    /** Who acted: a user, the system (a scheduled job), or a citizen on a public page. */
    actorKind: varchar('actor_kind', { length: 16 }).$type<'user' | 'system' | 'citizen'>().notNull().default('user'),
    /** The job's name, or 'citizen_report:<id>'; null for a user. */
    actorRef: text('actor_ref'),
    action: varchar('action', { length: 24 }).notNull(),
    fromStatus: varchar('from_status', { length: 24 }),
    toStatus: varchar('to_status', { length: 24 }).notNull(),
    note: text('note'),
    /** Extra facts of the event: unit and deadline changes, outcome. */
    data: jsonb('data'),
    attachmentIds: jsonb('attachment_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);
