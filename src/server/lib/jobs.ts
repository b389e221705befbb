/**
 * A small scheduler for daily jobs run from the server process. Each run is claimed through a
 * `job_runs` row with a unique (job, day) key, so when several app instances share a database
 * only one of them runs a job on a given Asia/Shanghai day; the others skip it.
 */
import type { Db } from '../db/client.js';
import * as repo from './jobs.repo.js';
import { zoneDate } from './time.js';

/** The minimal logger the scheduler writes to (Fastify's and pino's fit). */
export interface TJobLog {
  info: (obj: object, msg?: string) => void;
  error: (obj: object, msg?: string) => void;
}

/** What a run of a job does; returns the counts kept with the run. */
export type TJobFn = (db: Db) => Promise<Record<string, unknown>>;

/** The outcome of one attempt to run a job for a day. */
export type TJobOutcome =
  | { ran: true; runId: number; counts: Record<string, unknown> }
  | { ran: false; reason: 'claimed_elsewhere' }
  | { ran: true; runId: number; error: string };

/**
 * Runs `fn` as the run of `job` for `day` unless that day's run is already claimed (by this or
 * another instance). A failed run may be claimed again the same day.
 */
export async function runDailyJob(db: Db, job: string, day: string, fn: TJobFn): Promise<TJobOutcome> {
  const runId = await repo.claimJobRun(db, job, day);
  if (runId == null) return { ran: false, reason: 'claimed_elsewhere' };
  try {
    const counts = await fn(db);
    await repo.finishJobRun(db, runId, { status: 'done', counts });
    return { ran: true, runId, counts };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await repo.finishJobRun(db, runId, { status: 'failed', error });
    return { ran: true, runId, error };
  }
}

const ZONE_OFFSET_MS = 8 * 3600 * 1000;

/** The next instant (after `now`) when the Asia/Shanghai clock shows `hour`:`minute`. */
export function nextZoneTime(now: Date, hour: number, minute = 0): Date {
  const today = zoneDate(now);
  const at = new Date(Date.parse(`${today}T00:00:00Z`) - ZONE_OFFSET_MS + (hour * 60 + minute) * 60_000);
  return at.getTime() > now.getTime() ? at : new Date(at.getTime() + 86_400_000);
}

/** One daily job: its name, the zone time it runs at, and what it does. */
export interface TDailyJob {
  job: string;
  hour: number;
  minute?: number;
  fn: TJobFn;
}

/** A handle to stop scheduled jobs (on shutdown); timers never keep the process alive. */
export interface TScheduler {
  stop: () => void;
}

/**
 * Schedules each job once a day at its zone time, for as long as the process lives. Each firing
 * claims the day's run first, so extra instances and restarts do not run a job twice.
 */
export function scheduleDailyJobs(db: Db, jobs: readonly TDailyJob[], log: TJobLog): TScheduler {
  const timers = new Set<NodeJS.Timeout>();
  let isStopped = false;
  const arm = (j: TDailyJob) => {
    if (isStopped) return;
    const at = nextZoneTime(new Date(), j.hour, j.minute ?? 0);
    // setTimeout's limit is ~24.8 days; a day is far below it.
    const timer = setTimeout(async () => {
      timers.delete(timer);
      const day = zoneDate();
      try {
        const out = await runDailyJob(db, j.job, day, j.fn);
        if ('error' in out) log.error({ job: j.job, day, error: out.error }, 'nightly job failed');
        else log.info({ job: j.job, day, ...out }, out.ran ? 'nightly job done' : 'nightly job already run');
      } catch (err) {
        log.error({ job: j.job, day, err }, 'nightly job could not start');
      }
      arm(j);
    }, at.getTime() - Date.now());
    timer.unref();
    timers.add(timer);
  };
  for (const j of jobs) arm(j);
  return {
    stop: () => {
      isStopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
