/** Building blocks shared by the contracts of every module. */
import { z } from 'zod';
import { ZId } from './primitives.js';

// Validation messages in Simplified Chinese wherever a contract is used (server and web).
z.config(z.locales.zhCN());

// The primitives of every request contract (text, search, ids, dates, timestamps).
export * from './primitives.js';

/** Path params of a record by id. */
export const ZIdParams = z.object({ id: ZId });

/** The last page a list may ask for (an offset beyond stays within the database's range). */
export const PAGE_MAX = 100_000;

/** Paging in query strings. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(PAGE_MAX, `页码不超过 ${PAGE_MAX}`).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZOk = z.object({ ok: z.literal(true) });

/** A list answer: the rows of one page and the total (capped for speed, see `totalCapped`). */
export function zPaged<T extends z.ZodTypeAny>(row: T) {
  return z.object({
    items: z.array(row),
    total: z.number().int(),
    /** True when `total` is a lower bound (the count stops counting past a cap). */
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
