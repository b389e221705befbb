/**
 * The household registry of 防止返贫动态监测: households, members and their moves, income per
 * year, 两不愁三保障 + 饮水 checks per year, monitoring-line settings and screening flags.
 * Codes of the vocabularies live in src/shared/domain/households/vocab.ts.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

const day = (name: string) => date(name, { mode: 'string' });
const yuan = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

/** One household (户). Scope is by `area_code` (the 行政村's code), like every area-owned record. */
export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    /** 户编号, unique across the registry; re-imports update by it. */
    code: varchar('code', { length: 32 }).notNull(),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    /** 自然村, free text below the 行政村. */
    hamlet: text('hamlet'),
    address: text('address'),
    phone: text('phone'),
    type: varchar('type', { length: 16 }).notNull(),
    monitoringCategory: varchar('monitoring_category', { length: 16 }),
    riskTypes: text('risk_types').array().notNull().default(sql`'{}'::text[]`),
    /** 帮扶责任人: a platform user, or only a name when the person has no account. */
    cadreUserId: integer('cadre_user_id'),
    cadreName: text('cadre_name'),
    housingGrade: varchar('housing_grade', { length: 1 }),
    drinkingWater: varchar('drinking_water', { length: 8 }),
    identifiedAt: day('identified_at'),
    riskEliminatedAt: day('risk_eliminated_at'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('households_code_uq').on(t.code),
    index('households_area_code_idx').on(t.areaCode, t.id),
    index('households_cadre_idx').on(t.cadreUserId),
    // The list sorted by last change (bench: a top-N sort over 100,000 rows without it).
    index('households_updated_idx').on(t.updatedAt, t.id),
    index('households_risk_types_idx').using('gin', t.riskTypes),
    // The list filtered by type within a scope, and its count (bench: a scan of every household without it).
    index('households_type_idx').on(t.type, t.areaCode),
  ],
);

/** A member (人). The ID number is stored normalized (18 characters) and is unique, active or not. */
export const householdMembers = pgTable(
  'household_members',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id').notNull(),
    name: text('name').notNull(),
    idNumber: varchar('id_number', { length: 18 }).notNull(),
    /** Derived from the ID number. */
    sex: varchar('sex', { length: 1 }).notNull(),
    /** Derived from the ID number. */
    birthDate: day('birth_date').notNull(),
    relation: varchar('relation', { length: 16 }).notNull(),
    ethnicity: text('ethnicity'),
    education: varchar('education', { length: 16 }),
    schoolStatus: varchar('school_status', { length: 24 }),
    health: varchar('health', { length: 16 }),
    /** 残疾等级 1–4, null when none. */
    disabilityGrade: smallint('disability_grade'),
    labourSkill: varchar('labour_skill', { length: 16 }),
    migrantMonths: smallint('migrant_months'),
    hasMedicalInsurance: boolean('has_medical_insurance'),
    hasCriticalIllnessInsurance: boolean('has_critical_illness_insurance'),
    isActive: boolean('is_active').notNull().default(true),
    leftAt: day('left_at'),
    leftReason: varchar('left_reason', { length: 16 }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('household_members_id_number_uq').on(t.idNumber),
    index('household_members_household_idx').on(t.householdId),
    // The household list's search by member name matches from the start (`name like '张%'`):
    // text_pattern_ops makes a btree usable for that prefix whatever the database's collation.
    index('household_members_name_idx').on(t.name.op('text_pattern_ops')),
  ],
);

/** History of members joining, moving and leaving (分户, 并户, 出生, 死亡, 婚嫁, 迁入, 迁出). */
export const memberMoves = pgTable(
  'member_moves',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: integer('member_id').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    fromHouseholdId: integer('from_household_id'),
    toHouseholdId: integer('to_household_id'),
    movedOn: day('moved_on').notNull(),
    note: text('note'),
    actorId: integer('actor_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [
    index('member_moves_member_idx').on(t.memberId),
    index('member_moves_from_idx').on(t.fromHouseholdId),
    index('member_moves_to_idx').on(t.toHouseholdId),
  ],
);

/**
 * Income and rigid expenses of a household for a year. `household_size`, `net_income` and
 * `per_capita` are written with the components by the shared `computeIncome`: a year's figure is
 * a fact of that year and must not change when members later join or leave.
 */
export const householdIncomes = pgTable(
  'household_incomes',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id').notNull(),
    year: smallint('year').notNull(),
    wage: yuan('wage').notNull(),
    business: yuan('business').notNull(),
    productionCost: yuan('production_cost').notNull(),
    property: yuan('property').notNull(),
    transfer: yuan('transfer').notNull(),
    householdSize: smallint('household_size').notNull(),
    netIncome: yuan('net_income').notNull(),
    perCapita: integer('per_capita').notNull(),
    medicalSelfPay: yuan('medical_self_pay'),
    educationCost: yuan('education_cost'),
    disasterLoss: yuan('disaster_loss'),
    note: text('note'),
    recordedById: integer('recorded_by_id'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('household_incomes_household_year_uq').on(t.householdId, t.year), index('household_incomes_year_idx').on(t.year)],
);

/** One 两不愁三保障/饮水 item checked for a household and year, with its evidence. */
export const householdGuarantees = pgTable(
  'household_guarantees',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id').notNull(),
    year: smallint('year').notNull(),
    item: varchar('item', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    note: text('note'),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    checkedById: integer('checked_by_id'),
    checkedAt: ts('checked_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('household_guarantees_uq').on(t.householdId, t.year, t.item)],
);

/**
 * The monitoring line (监测线) per year, for the whole zone (`area_prefix` '') or an area subtree,
 * with overrides of the screening parameters and a note of where the figure came from.
 */
export const monitoringSettings = pgTable(
  'monitoring_settings',
  {
    id: serial('id').primaryKey(),
    year: smallint('year').notNull(),
    areaPrefix: varchar('area_prefix', { length: 12 }).notNull().default(''),
    incomeLine: integer('income_line').notNull(),
    params: jsonb('params').notNull().default({}),
    sourceNote: text('source_note').notNull(),
    updatedById: integer('updated_by_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('monitoring_settings_year_area_uq').on(t.year, t.areaPrefix)],
);

/**
 * A flag raised by a screening rule. At most one open flag per household, year and rule;
 * a later run that no longer raises it sets `resolved_at`.
 */
export const screeningFlags = pgTable(
  'screening_flags',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    householdId: integer('household_id').notNull(),
    year: smallint('year').notNull(),
    rule: varchar('rule', { length: 32 }).notNull(),
    message: text('message').notNull(),
    numbers: jsonb('numbers').notNull().default({}),
    raisedAt: ts('raised_at').notNull().defaultNow(),
    /** When its message or numbers last changed (a repeated run leaves unchanged flags alone). */
    checkedAt: ts('checked_at').notNull().defaultNow(),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    uniqueIndex('screening_flags_open_uq').on(t.householdId, t.year, t.rule).where(sql`resolved_at is null`),
    index('screening_flags_household_idx').on(t.householdId),
    // Open flags only: "has an open flag" probed per household (a household without one costs no
    // heap visit), and the households with an open flag of a rule (the list's flagRule filter).
    index('screening_flags_open_household_idx').on(t.householdId).where(sql`resolved_at is null`),
    index('screening_flags_open_rule_idx').on(t.rule, t.householdId).where(sql`resolved_at is null`),
  ],
);
