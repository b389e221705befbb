/**
 * Runs of the server's scheduled jobs. The unique (job, day, slot) key lets several app instances
 * race for a day's (or a period's) run: the one whose insert wins runs it, the others skip.
 */
import { date, jsonb, pgTable, serial, text, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

/** One run of a daily job: which job, for which zone day, its state and what it counted. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: serial('id').primaryKey(),
    job: varchar('job', { length: 48 }).notNull(),
    /** The Asia/Shanghai day the run is for. */
    day: date('day', { mode: 'string' }).notNull(),
    /** The zone time 'HH:MM' a periodic job's run starts its period at; '' for a daily job. */
    slot: varchar('slot', { length: 5 }).notNull().default(''),
    /** running · done · failed */
    status: varchar('status', { length: 16 }).notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    counts: jsonb('counts').notNull().default({}),
    error: text('error'),
  },
  (t) => [uniqueIndex('job_runs_job_day_slot_uq').on(t.job, t.day, t.slot)],
);
