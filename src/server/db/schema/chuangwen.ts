/**
 * 创文 (civilized-city) tables: problem categories, places and their responsible units,
 * the link of a case to its place and category, and module settings (score deductions).
 * The working-day calendar is core's calendar_days.
 */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';


/** Problem categories (部件/事件) with the defaults a new case takes. */
export const cwCategories = pgTable(
  'cw_categories',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 16 }).notNull(),
    name: text('name').notNull(),
    /** part (部件) or event (事件). */
    kind: varchar('kind', { length: 8 }).notNull(),
    /** The category's group (大类), e.g. 市容环境. */
    groupName: text('group_name').notNull(),
    /** Default responsible-unit type (UNIT_TYPES): the place's unit of this type is chosen. */
    defaultUnitType: varchar('default_unit_type', { length: 24 }).notNull(),
    /** A fixed unit when the place has none of the type (e.g. 城管局). */
    defaultUnitId: integer('default_unit_id'),
    deadlineValue: integer('deadline_value').notNull(),
    /** hours or workdays. */
    deadlineUnit: varchar('deadline_unit', { length: 8 }).notNull(),
    /** Case severity the category implies: normal / serious / urgent. */
    urgency: varchar('urgency', { length: 16 }).notNull().default('normal'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cw_categories_code_uq').on(t.code)],
);

/** Places inspected for 创文: communities, compounds, back lanes, markets, toilets, … */
export const cwPlaces = pgTable(
  'cw_places',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    address: text('address').notNull().default(''),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** The 村(居)委会 answering for the place. */
    communityUnitId: integer('community_unit_id'),
    /** The property company (物业), if any. */
    propertyUnitId: integer('property_unit_id'),
    /** The functional department (职能部门) of the place, e.g. 城管局 for a street. */
    departmentUnitId: integer('department_unit_id'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cw_places_area_name_uq').on(t.areaId, t.name),
    index('cw_places_area_code_idx').on(t.areaCode),
    index('cw_places_property_idx').on(t.propertyUnitId),
  ],
);

/** Which place and category a 创文 case concerns (the case table stays module-neutral). */
export const cwCasePlaces = pgTable(
  'cw_case_places',
  {
    caseId: integer('case_id').primaryKey(),
    placeId: integer('place_id'),
    categoryCode: varchar('category_code', { length: 16 }),
  },
  (t) => [index('cw_case_places_place_idx').on(t.placeId)],
);

/** Settings of the module as JSON by key, e.g. 'measures' → the score's deductions. */
export const cwSettings = pgTable('cw_settings', {
  key: varchar('key', { length: 48 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedById: integer('updated_by_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
