/**
 * Citizens' reports (群众反映): what a citizen sent from the public page or through Open311,
 * its moderation (accepted as a case, merged into one, or rejected), the Open311 API keys,
 * and the counters that throttle the public endpoints.
 */
import { doublePrecision, index, integer, pgTable, serial, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';


/** One citizen's report; `caseId` links it to the case it became or was merged into. */
export const citizenReports = pgTable(
  'citizen_reports',
  {
    id: serial('id').primaryKey(),
    /** The reporter's secret tracking code (also the Open311 token). */
    trackingCode: varchar('tracking_code', { length: 16 }).notNull(),
    categoryCode: varchar('category_code', { length: 16 }).notNull(),
    description: text('description').notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    address: text('address').notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    phone: varchar('phone', { length: 20 }),
    name: text('name'),
    /** The uploaded photo (attachments.id); only its EXIF-free copy is ever shown publicly. */
    photoId: uuid('photo_id'),
    /** pending / accepted / merged / rejected */
    status: varchar('status', { length: 16 }).notNull().default('pending'),
    /** web or open311 */
    channel: varchar('channel', { length: 16 }).notNull().default('web'),
    apiKeyId: integer('api_key_id'),
    caseId: integer('case_id'),
    rejectReason: text('reject_reason'),
    moderatedById: integer('moderated_by_id'),
    moderatedAt: ts('moderated_at'),
    /** How many times the reporter said "not fixed". */
    reopenCount: integer('reopen_count').notNull().default(0),
    ip: text('ip'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('citizen_reports_code_uq').on(t.trackingCode),
    index('citizen_reports_area_status_idx').on(t.areaCode, t.status, t.createdAt),
    index('citizen_reports_created_idx').on(t.createdAt),
    index('citizen_reports_case_idx').on(t.caseId),
  ],
);

/** Open311 API keys issued by administrators; only the SHA-256 of a key is stored. */
export const citizenApiKeys = pgTable(
  'citizen_api_keys',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: varchar('key_hash', { length: 64 }).notNull(),
    /** The first characters of the key, to recognise it in lists. */
    keyPrefix: varchar('key_prefix', { length: 12 }).notNull(),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('citizen_api_keys_hash_uq').on(t.keyHash)],
);

/** Hit counters of the public endpoints per key ("ip:…", "phone:…", "key:…") within a window. */
export const publicThrottle = pgTable('public_throttle', {
  key: varchar('key', { length: 200 }).primaryKey(),
  hits: integer('hits').notNull().default(0),
  windowStart: ts('window_start').notNull().defaultNow(),
});
