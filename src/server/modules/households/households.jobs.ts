/**
 * The nightly jobs of 防返贫监测: a screening over the whole registry and the escalation of
 * overdue leads, each run once a day at 02:00 Asia/Shanghai from the server process (one
 * instance per day, see lib/jobs.ts). They act as the zone-wide admin account.
 */
import type { TRole } from '../../../shared/domain/roles.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { runDailyJob, scheduleDailyJobs, type TJobLog, type TJobOutcome, type TScheduler } from '../../lib/jobs.js';
import * as jobsRepo from '../../lib/jobs.repo.js';
import { zoneDate } from '../../lib/time.js';
import type { TUser } from '../../lib/types.js';
import { runScreening } from './households.service.js';
import * as repo from './households.repo.js';
import { escalateOverdueLeads } from './leads.service.js';
import * as leadsRepo from './leads.repo.js';

/** Names of the nightly jobs, as kept in job_runs. */
export const NIGHTLY_JOBS = { screening: 'households.screening', escalation: 'households.escalation' } as const;

/** Chinese names of the jobs for the admin page. */
export const NIGHTLY_JOB_LABELS: Record<string, string> = {
  [NIGHTLY_JOBS.screening]: '全库风险筛查',
  [NIGHTLY_JOBS.escalation]: '超时线索转督办',
};

/** When the jobs run (zone time): 02:00 screening, 02:30 escalation. */
export const NIGHTLY_SCHEDULE = { screening: { hour: 2, minute: 0 }, escalation: { hour: 2, minute: 30 } };

async function jobUser(db: Db): Promise<TUser> {
  const u = await leadsRepo.findJobUser(db);
  if (!u) throw new AppError('SETTING_MISSING', '没有可用于定时任务的管理员账号');
  return { ...u, role: u.role as TRole, unitName: null };
}

/**
 * Screens the whole registry for the current year, or the latest year with a monitoring line
 * when this year's is not set yet; skips (counts say so) when no line is set at all.
 */
export async function nightlyScreening(db: Db): Promise<Record<string, unknown>> {
  const user = await jobUser(db);
  const thisYear = Number(zoneDate().slice(0, 4));
  const years = (await repo.findMonitoringSettings(db)).map((r) => r.year).filter((y) => y <= thisYear);
  if (!years.length) return { skipped: 'no_monitoring_line' };
  const { change: _c, ...result } = await runScreening(db, user, { year: Math.max(...years) });
  return { ...result };
}

/** Escalates every overdue lead not escalated yet. */
export async function nightlyEscalation(db: Db): Promise<Record<string, unknown>> {
  return { ...(await escalateOverdueLeads(db, await jobUser(db))) };
}

/** Runs both nightly jobs for `day` (each at most once per day across instances). */
export async function runNightlyJobs(db: Db, day = zoneDate()): Promise<Record<string, TJobOutcome>> {
  return {
    [NIGHTLY_JOBS.screening]: await runDailyJob(db, NIGHTLY_JOBS.screening, day, nightlyScreening),
    [NIGHTLY_JOBS.escalation]: await runDailyJob(db, NIGHTLY_JOBS.escalation, day, nightlyEscalation),
  };
}

/**
 * Starts the nightly jobs in this process (called once from main.ts). Safe with several
 * instances: each day's run of a job is claimed by one of them.
 */
export function startNightlyJobs(db: Db, log: TJobLog): TScheduler {
  return scheduleDailyJobs(
    db,
    [
      { job: NIGHTLY_JOBS.screening, ...NIGHTLY_SCHEDULE.screening, fn: nightlyScreening },
      { job: NIGHTLY_JOBS.escalation, ...NIGHTLY_SCHEDULE.escalation, fn: nightlyEscalation },
    ],
    log,
  );
}

/** The latest runs of the nightly jobs, for the admin endpoint. */
export async function listJobRuns(db: Db) {
  const rows = await jobsRepo.findJobRuns(db, { limit: 60 });
  return {
    schedule: [
      { job: NIGHTLY_JOBS.screening, label: NIGHTLY_JOB_LABELS[NIGHTLY_JOBS.screening], at: '02:00' },
      { job: NIGHTLY_JOBS.escalation, label: NIGHTLY_JOB_LABELS[NIGHTLY_JOBS.escalation], at: '02:30' },
    ],
    items: rows
      .filter((r) => r.job in NIGHTLY_JOB_LABELS)
      .map((r) => ({
        id: r.id,
        job: r.job,
        label: NIGHTLY_JOB_LABELS[r.job] ?? r.job,
        day: r.day,
        status: r.status as 'running' | 'done' | 'failed',
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        counts: r.counts as Record<string, unknown>,
        error: r.error,
      })),
  };
}
