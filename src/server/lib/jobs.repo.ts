/** Queries of job runs: claim a day's run (once across instances), finish it, list recent runs. */
import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema/jobs.js';

/**
 * Claims the run of `job` for `day` (and a periodic job's `slot`): inserts its row, or takes over a failed one.
 * The unique key makes this atomic across instances; returns the run id, or null when another
 * run already holds (or finished) the day.
 */
export async function claimJobRun(db: Db, job: string, day: string, slot = ''): Promise<number | null> {
  const r = await db
    .insert(jobRuns)
    .values({ job, day, slot, status: 'running', startedAt: new Date() })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.day, jobRuns.slot],
      set: { status: 'running', startedAt: new Date(), finishedAt: null, error: null, counts: {} },
      setWhere: sql`${jobRuns.status} = 'failed'`,
    })
    .returning({ id: jobRuns.id });
  return r[0]?.id ?? null;
}

/** Records the end of a run: done with its counts, or failed with the error. */
export async function finishJobRun(db: Db, id: number, o: { status: 'done' | 'failed'; counts?: Record<string, unknown>; error?: string | null }) {
  await db
    .update(jobRuns)
    .set({ status: o.status, finishedAt: new Date(), counts: o.counts ?? {}, error: o.error ?? null })
    .where(eq(jobRuns.id, id));
}

/** The latest runs of some jobs, newest first. */
export async function findJobRuns(db: Db, o: { jobs: readonly string[]; limit: number }) {
  if (!o.jobs.length) return [];
  return db
    .select()
    .from(jobRuns)
    .where(inArray(jobRuns.job, [...o.jobs]))
    .orderBy(desc(jobRuns.day), desc(jobRuns.id))
    .limit(o.limit);
}
