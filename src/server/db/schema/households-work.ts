/**
 * The work done on households of 防止返贫动态监测: leads and their review procedures
 * (识别纳入 and 风险消除), assistance measures with their funds, cadre visits, and the
 * settings of the procedures. Vocabularies: shared/domain/households/vocab.ts and procedure.ts.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

const day = (name: string) => date(name, { mode: 'string' });
const yuan = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

/**
 * A lead (线索) and the procedure run on it. `kind` 'identification' is a possible new monitored
 * household (channel 自主申报/干部排查/部门预警); 'elimination' is a monitored household under review
 * for 风险消除. Done steps are kept in `steps` (step → who, when, note, publicity dates); every
 * change is also an event row. Scope is by `area_code` (the 行政村).
 */
export const householdLeads = pgTable(
  'household_leads',
  {
    id: serial('id').primaryKey(),
    /** Receipt number (回执号), shown to a self-reporting person. */
    code: varchar('code', { length: 24 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    channel: varchar('channel', { length: 16 }),
    /** The department of a 部门预警 lead. */
    department: varchar('department', { length: 24 }),
    householdId: integer('household_id'),
    personName: text('person_name'),
    idNumber: varchar('id_number', { length: 18 }),
    phone: text('phone'),
    areaId: integer('area_id').notNull(),
    areaCode: varchar('area_code', { length: 12 }).notNull(),
    reason: text('reason').notNull(),
    /** The figures that raised it (department lists). */
    numbers: jsonb('numbers').notNull().default({}),
    raisedAt: ts('raised_at').notNull(),
    /** Zone date of raised_at: the procedure's day count starts here. */
    raisedOn: day('raised_on').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    steps: jsonb('steps').notNull().default({}),
    refusedStep: varchar('refused_step', { length: 24 }),
    refusedReason: text('refused_reason'),
    closedAt: ts('closed_at'),
    reporterIp: text('reporter_ip'),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('household_leads_code_uq').on(t.code),
    index('household_leads_area_status_idx').on(t.areaCode, t.status, t.raisedOn),
    index('household_leads_status_raised_idx').on(t.status, t.raisedOn),
    index('household_leads_household_idx').on(t.householdId),
    index('household_leads_id_number_idx').on(t.idNumber),
    index('household_leads_ip_idx').on(t.reporterIp, t.createdAt),
    index('household_leads_phone_idx').on(t.phone, t.createdAt),
  ],
);

/** What happened to a lead: created, a step done, refused, escalated. */
export const householdLeadEvents = pgTable(
  'household_lead_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    leadId: integer('lead_id').notNull(),
    actorId: integer('actor_id'),
    action: varchar('action', { length: 16 }).notNull(),
    step: varchar('step', { length: 24 }),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    note: text('note'),
    data: jsonb('data'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('household_lead_events_lead_idx').on(t.leadId, t.id)],
);

/** Settings of the household procedures (one JSON row per key; defaults in the service). */
export const householdWorkSettings = pgTable('household_work_settings', {
  key: varchar('key', { length: 32 }).primaryKey(),
  value: jsonb('value').notNull(),
  updatedById: integer('updated_by_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** An assistance measure (帮扶措施) of a household. */
export const householdMeasures = pgTable(
  'household_measures',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id').notNull(),
    type: varchar('type', { length: 16 }).notNull(),
    content: text('content').notNull(),
    amount: yuan('amount'),
    startOn: day('start_on').notNull(),
    endOn: day('end_on'),
    unitId: integer('unit_id'),
    unitName: text('unit_name'),
    status: varchar('status', { length: 16 }).notNull(),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('household_measures_household_idx').on(t.householdId), index('household_measures_type_idx').on(t.type, t.status)],
);

/** Money allocated to or paid out under a measure. */
export const householdMeasureFunds = pgTable(
  'household_measure_funds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    measureId: integer('measure_id').notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    amount: yuan('amount').notNull(),
    on: day('on').notNull(),
    note: text('note'),
    recordedById: integer('recorded_by_id'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('household_measure_funds_measure_idx').on(t.measureId, t.kind)],
);

/** A cadre's visit (走访) to a household; a problem found becomes a supervision case. */
export const householdVisits = pgTable(
  'household_visits',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id').notNull(),
    visitedOn: day('visited_on').notNull(),
    visitorId: integer('visitor_id'),
    visitorName: text('visitor_name').notNull(),
    findings: text('findings').notNull(),
    attachmentIds: uuid('attachment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    hasProblem: boolean('has_problem').notNull().default(false),
    createdById: integer('created_by_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('household_visits_household_idx').on(t.householdId, t.visitedOn), index('household_visits_visitor_idx').on(t.visitorId, t.visitedOn)],
);
