/**
 * The 创文 port: what other modules use of 创文 — its problem categories and their defaults,
 * the working-day calendar, places, and a case raised at a place. Inspections of a place
 * (checklists) and citizens' reports (citizen) raise their cases through it.
 */
import type { Db } from '../../db/client.js';
import * as repo from './chuangwen.repo.js';

export {
  categoryDefaults,
  computeDeadline,
  createPlaceCase,
  findCategoryCodeByName,
  findPlaceInScope,
  linkCaseToPlace,
  placeFallbackUnit,
} from './chuangwen.service.js';

/** The active problem categories (code, name, group), as the public form and Open311 list them. */
export async function listActiveCategories(db: Db) {
  return (await repo.findCategories(db, false)).map((c) => ({ code: c.code, name: c.name, groupName: c.groupName }));
}

/** A setting kept under `key` in 创文's settings (the citizen module keeps its own there). */
export const findSetting = repo.findSetting;
/** Saves a setting under `key`. */
export const saveSetting = repo.upsertSetting;
