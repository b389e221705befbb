/**
 * Micro-caches of the reads that every screen repeats: the case list and the home counts.
 * Any case write made through this process invalidates both at once; writes elsewhere show
 * within the TTL. Keys carry the database handle, the caller's scope and the query.
 */
import type { THomeStats, TCasePage } from '../../../shared/contracts/cases.js';
import type { Db } from '../../db/client.js';
import { createMicroCache } from '../../lib/micro-cache.js';
import type { TUser } from '../../lib/types.js';

/** How long a list page may be served from memory. */
export const CASE_LIST_CACHE_MS = 2_000;
/** How long the home counts may be served from memory. */
export const HOME_STATS_CACHE_MS = 5_000;

/** A cached page and its JSON, so a hit is sent without serializing again. */
export interface TCachedPage {
  page: TCasePage;
  json: string;
}

export const caseListCache = createMicroCache<TCachedPage>(CASE_LIST_CACHE_MS, 2_000);
export const homeStatsCache = createMicroCache<THomeStats>(HOME_STATS_CACHE_MS, 500);

const dbIds = new WeakMap<Db, number>();
let nextDbId = 1;

/** A key for what `user` may see of `db`, plus the request's own parts. */
export function scopeKey(db: Db, user: TUser, ...parts: unknown[]): string {
  let id = dbIds.get(db);
  if (id === undefined) {
    id = nextDbId++;
    dbIds.set(db, id);
  }
  return JSON.stringify([id, user.role, user.areaPrefix, user.unitId, ...parts]);
}

/** Called after every case write: cached lists and counts are dropped. */
export function invalidateCaseReads(): void {
  caseListCache.bump();
  homeStatsCache.bump();
}
