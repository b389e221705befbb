/**
 * Core tables: areas, units, users, sessions, login throttling and the audit log.
 * The TypeScript schema is the source of truth; migrations are generated from it.
 */

import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';


export const areas = pgTable(
  'areas',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    /** Significant prefix of the code; a subtree is every code starting with it. */
    prefix: varchar('prefix', { length: 12 }).notNull(),
    parentId: integer('parent_id'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('areas_code_uq').on(t.code), index('areas_parent_idx').on(t.parentId)],
);

export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    type: varchar('type', { length: 24 }).notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    contact: text('contact'),
    phone: text('phone'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('units_name_uq').on(t.name), index('units_area_code_idx').on(t.areaCode)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: varchar('role', { length: 24 }).notNull(),
    unitId: integer('unit_id'),
    areaId: integer('area_id').notNull(),
    phone: text('phone'),
    isActive: boolean('is_active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: ts('password_changed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_unit_idx').on(t.unitId)],
);

/** Server-side sessions: any app instance can serve any user. The id stored is a hash of the cookie token. */
export const sessions = pgTable(
  'sessions',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: integer('user_id').notNull(),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Failed-login counters per key ("u:<username>" or "ip:<addr>") within a window. */
export const loginThrottle = pgTable('login_throttle', {
  key: varchar('key', { length: 200 }).primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: ts('window_start').notNull().defaultNow(),
  lockedUntil: ts('locked_until'),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    action: varchar('action', { length: 48 }).notNull(),
    entity: varchar('entity', { length: 48 }).notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    detail: text('detail'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_user_idx').on(t.userId, t.at),
  ],
);

/** Official work calendar (调休): one row per date whose status differs from Mon–Fri. */
export const calendarDays = pgTable('calendar_days', {
  day: varchar('day', { length: 10 }).primaryKey(),
  isWorkday: boolean('is_workday').notNull(),
  note: text('note'),
});

