/**
 * The primitives every request contract (body, querystring, path params) is built from: text,
 * search strings, ids, dates and timestamps. Each refuses, with a Chinese message under its
 * field and before any query runs, what PostgreSQL cannot store or what no form can produce:
 *
 * - text: NUL (U+0000) and lone UTF-16 surrogates always; other control characters (C0, DEL,
 *   C1) too, except newline (\n, \r) and tab in multi-line text. Text is trimmed and normalised
 *   to Unicode NFC, so the same words typed on two keyboards are stored, searched and compared
 *   alike.
 * - ids: positive integers within PostgreSQL's `integer` (≤ 2^31 − 1), or, for `bigserial`
 *   columns (read as JS numbers), ≤ 2^53 − 1.
 * - dates and timestamps: within 2000-01-01 … 2100-12-31 (zone dates; instants in Asia/Shanghai)
 *   like the platform's year parameters; birth dates within 1900-01-01 … today.
 *
 * Response schemas do not need these: what the server wrote was checked on the way in.
 */
import { z } from 'zod';

// ---------------------------------------------------------------- text

/** A UTF-16 surrogate without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** C0 controls but NUL (checked first, with its own message), DEL and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose.
const CONTROL = /[\u0001-\u001f\u007f-\u009f]/;
/** The same, less newline (\n, \r) and tab: what multi-line text may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's purpose.
const CONTROL_MULTILINE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The Chinese messages of the text refusals. */
export const TEXT_REFUSALS = {
  nul: '不能包含空字符',
  surrogate: '含有无效字符（不成对的代理字符），请删除后重新输入',
  control: '不能包含换行、制表符或其他控制字符',
  controlMultiline: '不能包含控制字符（换行和制表符除外）',
} as const;

/**
 * Why `value` may not be stored as text, or null when it may: NUL, a lone surrogate, or a control
 * character (newline and tab are allowed when `multiline`). For code that reads text outside a
 * contract (form-encoded Open311 bodies, file imports).
 */
export function textRefusal(value: string, opts: { multiline?: boolean } = {}): string | null {
  if (value.includes('\u0000')) return TEXT_REFUSALS.nul;
  if (LONE_SURROGATE.test(value)) return TEXT_REFUSALS.surrogate;
  if (opts.multiline ? CONTROL_MULTILINE.test(value) : CONTROL.test(value)) {
    return opts.multiline ? TEXT_REFUSALS.controlMultiline : TEXT_REFUSALS.control;
  }
  return null;
}

function refuseUnstorable(multiline: boolean) {
  return (ctx: z.core.ParsePayload<string>) => {
    const message = textRefusal(ctx.value, { multiline });
    if (message) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  };
}

/**
 * One line of text (a title, a name, an address): trimmed, NFC, no control characters. Chain
 * `.min()`, `.max()`, `.regex()` with the field's own messages, as on `z.string()`.
 */
export const ZText = z.string().check(refuseUnstorable(false)).normalize('NFC').trim();

/** Multi-line text (a description, a note): as `ZText`, but newlines and tabs are kept. */
export const ZLongText = z.string().check(refuseUnstorable(true)).normalize('NFC').trim();

/**
 * A secret as typed (a password, an API key): never trimmed or normalised, since it must match
 * what was hashed, but NUL, lone surrogates and control characters are refused like in text.
 */
export const ZSecret = z.string().check(refuseUnstorable(false));

/** The longest search string by default (`?q=`). */
export const SEARCH_MAX = 40;

/** A search string (`?q=` and text filters): one line of text, at most `max` characters. */
export function zSearch(max: number = SEARCH_MAX) {
  return ZText.max(max, `搜索内容不超过 ${max} 个字`);
}

// ---------------------------------------------------------------- ids and integers

/** The largest PostgreSQL `integer` (serial ids, versions, integer columns): 2^31 − 1. */
export const PG_INT_MAX = 2_147_483_647;
/** The largest `bigserial` id the server reads (as a JS number): 2^53 − 1. */
export const BIGINT_ID_MAX = Number.MAX_SAFE_INTEGER;

const ID_TOO_LARGE = '编号超出范围';

/** A positive integer id from a path or query string (an `integer` / `serial` column). */
export const ZId = z.coerce.number().int().positive().max(PG_INT_MAX, ID_TOO_LARGE);
/**
 * A positive integer id in a JSON body (a reference to an `integer` / `serial` column), with the
 * form's own message when it is not positive (e.g. 请选择所在村(社区)).
 */
export function zRefId(message?: string) {
  return z.number().int().positive(message).max(PG_INT_MAX, ID_TOO_LARGE);
}
/** A positive integer id in a JSON body (a reference to an `integer` / `serial` column). */
export const ZRefId = zRefId();
/** A `bigserial` id from a path or query string. */
export const ZBigId = z.coerce.number().int().positive().max(BIGINT_ID_MAX, ID_TOO_LARGE);
/** A `bigserial` id in a JSON body. */
export const ZBigRefId = z.number().int().positive().max(BIGINT_ID_MAX, ID_TOO_LARGE);
/** A record's version for optimistic concurrency (an `integer` column). */
export const ZVersion = z.number().int().positive().max(PG_INT_MAX, '版本号超出范围');

// ---------------------------------------------------------------- dates and timestamps

/** The first and last zone date of any work record or filter (as the year parameters, 2000–2100). */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';
/** The first birth date taken (the last is today). */
export const BIRTH_DATE_MIN = '1900-01-01';

/** Today in Asia/Shanghai (YYYY-MM-DD), without Node or DOM APIs. */
function zoneToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A calendar date YYYY-MM-DD within `min` … `max` (inclusive; `max` may be computed at parse,
 * e.g. today), with a message naming the range.
 */
export function zDateBetween(min: string, max: string | (() => string), message?: string) {
  const last = typeof max === 'string' ? () => max : max;
  return z.iso.date().refine((d) => d >= min && d <= last(), {
    message: message ?? `日期须在 ${min} 至 ${typeof max === 'string' ? max : '今天'} 之间`,
  });
}

/** A calendar date YYYY-MM-DD (zone date) of a work record or filter, 2000-01-01 … 2100-12-31. */
export const ZDate = zDateBetween(DATE_MIN, DATE_MAX);
/** A birth date, 1900-01-01 … today. */
export const ZBirthDate = zDateBetween(BIRTH_DATE_MIN, zoneToday, `出生日期须在 ${BIRTH_DATE_MIN} 至今天之间`);

/**
 * An ISO-8601 timestamp with a zone (Z or ±hh:mm) whose instant falls within the zone dates
 * `minDay` … `maxDay` in Asia/Shanghai.
 */
export function zIsoDateTimeBetween(minDay: string, maxDay: string, message = `时间须在 ${minDay} 至 ${maxDay} 之间`) {
  const first = Date.parse(`${minDay}T00:00:00+08:00`);
  const afterLast = Date.parse(`${maxDay}T00:00:00+08:00`) + 86_400_000;
  return z.iso.datetime({ offset: true }).refine((s) => {
    const t = Date.parse(s);
    return t >= first && t < afterLast;
  }, { message });
}

/** An ISO-8601 timestamp (found at, deadline, raised at): 2000-01-01 … 2100-12-31 in the zone. */
export const ZIsoDateTime = zIsoDateTimeBetween(DATE_MIN, DATE_MAX);
