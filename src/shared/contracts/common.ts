/** Building blocks shared by the contracts of every module. */
import { z } from 'zod';

// Validation messages in Simplified Chinese wherever a contract is used (server and web).
z.config(z.locales.zhCN());

/** A positive integer id from a path or query string. */
export const ZId = z.coerce.number().int().positive();
export const ZIdParams = z.object({ id: ZId });

/** Paging in query strings. */
export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** ISO-8601 timestamp as sent over JSON. */
export const ZIsoDateTime = z.iso.datetime({ offset: true });
/** A calendar date YYYY-MM-DD (zone date). */
export const ZDate = z.iso.date();

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
