/**
 * The nightly jobs of 防返贫监测, declared in the module's manifest: a screening over the whole
 * registry and the escalation of overdue leads, each run once a day at 02:00 / 02:30
 * Asia/Shanghai from the server process (one instance per day, see lib/jobs.ts), as the system:
 * the cases it raises name the job as their actor, not a user.
 */
import { ZONE_SCOPE } from '../../lib/actor.js';
import type { TJobContext, TModuleJob } from '../../lib/module.js';
import { zoneDate } from '../../lib/time.js';
import { runScreening } from './households.service.js';
import * as repo from './households.repo.js';
import { escalateOverdueLeads } from './leads.service.js';

/** Names of the nightly jobs, as kept in job_runs. */
export const NIGHTLY_JOBS = { screening: 'households.screening', escalation: 'households.escalation' } as const;

/**
 * Screens the whole registry for the current year, or the latest year with a monitoring line
 * when this year's is not set yet; skips (counts say so) when no line is set at all.
 */
export async function nightlyScreening({ db }: TJobContext): Promise<Record<string, unknown>> {
  const thisYear = Number(zoneDate().slice(0, 4));
  const years = (await repo.findMonitoringSettings(db)).map((r) => r.year).filter((y) => y <= thisYear);
  if (!years.length) return { skipped: 'no_monitoring_line' };
  const { change: _c, ...result } = await runScreening(db, ZONE_SCOPE, { year: Math.max(...years) });
  return { ...result };
}

/** Escalates every overdue lead not escalated yet, as the system (the job is the cases' actor). */
export async function nightlyEscalation({ db, actor }: TJobContext): Promise<Record<string, unknown>> {
  return { ...(await escalateOverdueLeads(db, actor)) };
}

/** The module's scheduled jobs. */
export const householdJobs: readonly TModuleJob[] = [
  { name: NIGHTLY_JOBS.screening, label: '全库风险筛查', hour: 2, minute: 0, run: nightlyScreening },
  { name: NIGHTLY_JOBS.escalation, label: '超时线索转督办', hour: 2, minute: 30, run: nightlyEscalation },
];
