/** Ids as they come from text columns and paths (attachment owners, query strings). */

/** The largest value of PostgreSQL's `integer`. */
export const PG_INT_MAX = 2_147_483_647;

/** The ids among `ids` that can be `integer` keys (positive, within range); the rest match no row. */
export function intIds(ids: readonly string[]): number[] {
  return ids.map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= PG_INT_MAX);
}
