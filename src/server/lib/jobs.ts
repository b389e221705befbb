/**
 * A small scheduler for the jobs that modules declare in their manifests (daily at a zone time,
 * or every N minutes), run from the server process. Each run is claimed through a `job_runs` row
 * with a unique (job, day, slot) key, so when several app instances share a database only one of
 * them runs a job on a given Asia/Shanghai day or period; the others skip it. A job acts as the system (`TSystemActor` named after it).
 */
import type { Db } from '../db/client.js';
import { describeError } from '../db/errors.js';
import { systemActor } from './actor.js';
import * as repo from './jobs.repo.js';
import type { TModuleJob, TModuleRegistry } from './module.js';
import { zoneDate } from './time.js';

const ZONE_OFFSET_MS = 8 * 3600 * 1000;

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
export async function runDailyJob(db: Db, job: string, day: string, fn: TJobFn, slot = ''): Promise<TJobOutcome> {
  const runId = await repo.claimJobRun(db, job, day, slot);
  if (runId == null) return { ran: false, reason: 'claimed_elsewhere' };
  try {
    const counts = await fn(db);
    await repo.finishJobRun(db, runId, { status: 'done', counts });
    return { ran: true, runId, counts };
  } catch (err) {
    // Shown at /api/admin/jobs: a database error by its SQLSTATE, never its query's values.
    const error = describeError(err);
    await repo.finishJobRun(db, runId, { status: 'failed', error });
    return { ran: true, runId, error };
  }
}

/**
 * Runs a module's job for `day` (a periodic job for the period `slot` of it), at most once per
 * day or period across instances, as the system.
 */
export function runModuleJob(db: Db, modules: TModuleRegistry, job: TModuleJob, day = zoneDate(), slot = ''): Promise<TJobOutcome> {
  return runDailyJob(db, job.name, day, (d) => job.run({ db: d, actor: systemActor(job.name), modules }), slot);
}

/** The zone day and the 'HH:MM' start of the `everyMinutes` period that contains `at`. */
export function periodSlot(at: Date, everyMinutes: number): { day: string; slot: string; start: Date; next: Date } {
  const day = zoneDate(at);
  const midnight = Date.parse(`${day}T00:00:00Z`) - ZONE_OFFSET_MS;
  const period = everyMinutes * 60_000;
  const start = midnight + Math.floor((at.getTime() - midnight) / period) * period;
  const minutes = (start - midnight) / 60_000;
  const slot = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { day, slot, start: new Date(start), next: new Date(start + period) };
}

/** Runs every declared job for `day`, one after another; the outcomes by job name. */
export async function runModuleJobs(db: Db, modules: TModuleRegistry, day = zoneDate()): Promise<Record<string, TJobOutcome>> {
  const out: Record<string, TJobOutcome> = {};
  for (const job of modules.jobs) out[job.name] = await runModuleJob(db, modules, job, day);
  return out;
}

/** The next instant (after `now`) when the Asia/Shanghai clock shows `hour`:`minute`. */
export function nextZoneTime(now: Date, hour: number, minute = 0): Date {
  const today = zoneDate(now);
  const at = new Date(Date.parse(`${today}T00:00:00Z`) - ZONE_OFFSET_MS + (hour * 60 + minute) * 60_000);
  return at.getTime() > now.getTime() ? at : new Date(at.getTime() + 86_400_000);
}

/** When a job runs, in Chinese: the zone time 'HH:MM' of a daily job, or 每 N 分钟. */
export function jobTime(job: Pick<TModuleJob, 'hour' | 'minute' | 'everyMinutes'>): string {
  if (job.everyMinutes != null) return job.everyMinutes % 60 === 0 ? `每 ${job.everyMinutes / 60} 小时` : `每 ${job.everyMinutes} 分钟`;
  return `${String(job.hour).padStart(2, '0')}:${String(job.minute ?? 0).padStart(2, '0')}`;
}

/** A handle to stop scheduled jobs (on shutdown); timers never keep the process alive. */
export interface TScheduler {
  stop: () => void;
}

/**
 * Schedules every declared job once a day at its zone time, for as long as the process lives.
 * Each firing claims the day's run first, so extra instances and restarts do not run a job twice.
 */
export function scheduleModuleJobs(db: Db, modules: TModuleRegistry, log: TJobLog): TScheduler {
  const timers = new Set<NodeJS.Timeout>();
  let isStopped = false;
  const arm = (j: TModuleJob) => {
    if (isStopped) return;
    const now = new Date();
    const at = j.everyMinutes != null ? periodSlot(now, j.everyMinutes).next : nextZoneTime(now, j.hour ?? 0, j.minute ?? 0);
    // setTimeout's limit is ~24.8 days; a day is far below it.
    const timer = setTimeout(async () => {
      timers.delete(timer);
      // A periodic run claims the period that has just begun (the timer fires at its start).
      const { day, slot } = j.everyMinutes != null ? periodSlot(new Date(), j.everyMinutes) : { day: zoneDate(), slot: '' };
      try {
        const out = await runModuleJob(db, modules, j, day, slot);
        if ('error' in out) log.error({ job: j.name, day, slot, error: out.error }, 'scheduled job failed');
        else log.info({ job: j.name, day, slot, ...out }, out.ran ? 'scheduled job done' : 'scheduled job already run');
      } catch (err) {
        log.error({ job: j.name, day, slot, err }, 'scheduled job could not start');
      }
      arm(j);
    }, at.getTime() - Date.now());
    timer.unref();
    timers.add(timer);
  };
  for (const j of modules.jobs) arm(j);
  return {
    stop: () => {
      isStopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** The schedule and the latest runs of the declared jobs, for `/api/admin/jobs`. */
export async function listJobRuns(db: Db, modules: TModuleRegistry) {
  const labels = new Map(modules.jobs.map((j) => [j.name, j.label]));
  const rows = await repo.findJobRuns(db, { jobs: [...labels.keys()], limit: 60 });
  return {
    schedule: modules.jobs.map((j) => ({ job: j.name, label: j.label, at: jobTime(j) })),
    items: rows.map((r) => ({
      id: r.id,
      job: r.job,
      label: labels.get(r.job) ?? r.job,
      day: r.day,
      slot: r.slot,
      status: r.status as 'running' | 'done' | 'failed',
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      counts: r.counts as Record<string, unknown>,
      error: r.error,
    })),
  };
}
