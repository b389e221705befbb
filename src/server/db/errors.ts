/**
 * Database errors as the app answers and logs them. Both drivers raise an error carrying the
 * PostgreSQL SQLSTATE in `code` (PGlite's DatabaseError, postgres.js' PostgresError), and drizzle
 * wraps it in a DrizzleQueryError whose `.cause` it is. The wrapper's message and `params`, and
 * the driver's `parameters`, `detail` and even `message` (`value "…" is out of range`), hold the
 * values sent: ID numbers, phones, names. So a log gets only what names no value: the SQLSTATE,
 * the server routine, the table/column/constraint names and a fingerprint of the query text.
 */
import { createHash } from 'node:crypto';
import { DrizzleQueryError } from 'drizzle-orm';
import { stdSerializers } from 'pino';
import type { TErrorCode } from '../../shared/errors.js';

/** What a log may say about a database error. */
export interface TDbErrorSummary {
  sqlstate: string;
  /** The PostgreSQL routine that raised it (e.g. int4in, pg_verify_mbstr). */
  routine?: string;
  table?: string;
  column?: string;
  constraint?: string;
  /** The first 12 hex digits of the SHA-256 of the query text (placeholders, no values). */
  fingerprint?: string;
}

interface TDriverErrorLike {
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  query?: unknown;
  cause?: unknown;
  [key: string]: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const CHAIN_MAX = 6;

/** The errors of `err`'s cause chain, outermost first. */
function chain(err: unknown): TDriverErrorLike[] {
  const out: TDriverErrorLike[] = [];
  for (let e = err, i = 0; e != null && typeof e === 'object' && i < CHAIN_MAX; e = (e as TDriverErrorLike).cause, i++) {
    out.push(e as TDriverErrorLike);
  }
  return out;
}

/** The driver's error in the chain: a SQLSTATE in `code` and a server `severity`. */
function driverError(err: unknown): TDriverErrorLike | undefined {
  return chain(err).find((e) => typeof e.code === 'string' && SQLSTATE.test(e.code) && typeof e.severity === 'string');
}

/** The SQLSTATE of a database error (wrapped or not), or undefined for any other error. */
export function sqlStateOf(err: unknown): string | undefined {
  return driverError(err)?.code as string | undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** A fingerprint of a query's text: the same statement gives the same 12 hex digits. */
export function queryFingerprint(query: string): string {
  return createHash('sha256').update(query.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
}

/** What may be logged of a database error (null when `err` is not one). */
export function summarizeDbError(err: unknown): TDbErrorSummary | null {
  const d = driverError(err);
  if (!d) return null;
  const query = chain(err)
    .map((e) => e.query)
    .find((q): q is string => typeof q === 'string' && q.length > 0);
  const summary: TDbErrorSummary = { sqlstate: d.code as string };
  const routine = str(d.routine);
  // PGlite names them table/column/constraint, postgres.js table_name/column_name/constraint_name.
  const table = str(d.table) ?? str(d.table_name);
  const column = str(d.column) ?? str(d.column_name);
  const constraint = str(d.constraint) ?? str(d.constraint_name);
  if (routine) summary.routine = routine;
  if (table) summary.table = table;
  if (column) summary.column = column;
  if (constraint) summary.constraint = constraint;
  if (query) summary.fingerprint = queryFingerprint(query);
  return summary;
}

/**
 * SQLSTATEs that only a value the client sent can cause, and the stable code it is told (400):
 * - INVALID_CHARACTERS: 22021 character_not_in_repertoire (NUL in text), 22P05
 *   untranslatable_character (\u0000 in jsonb);
 * - INVALID_VALUE: 22P02 invalid_text_representation (a number, uuid or JSON that does not parse,
 *   a lone surrogate in jsonb), 22007 invalid_datetime_format, 22025 invalid_escape_sequence
 *   (LIKE), 2201B invalid_regular_expression;
 * - VALUE_OUT_OF_RANGE: 22003 numeric_value_out_of_range, 22008 datetime_field_overflow
 *   (year 0), 22001 string_data_right_truncation, 2201W/2201X invalid LIMIT/OFFSET row count,
 *   54000 program_limit_exceeded (e.g. an index row too large for a very long value).
 * Everything else (constraint violations the modules do not turn into DUPLICATE, undefined
 * tables, lost connections) stays a 500: it is ours to fix.
 */
export const INPUT_FAULT_SQLSTATES: Readonly<Record<string, TErrorCode>> = {
  '22021': 'INVALID_CHARACTERS',
  '22P05': 'INVALID_CHARACTERS',
  '22P02': 'INVALID_VALUE',
  '22007': 'INVALID_VALUE',
  '22025': 'INVALID_VALUE',
  '2201B': 'INVALID_VALUE',
  '22003': 'VALUE_OUT_OF_RANGE',
  '22008': 'VALUE_OUT_OF_RANGE',
  '22001': 'VALUE_OUT_OF_RANGE',
  '2201W': 'VALUE_OUT_OF_RANGE',
  '2201X': 'VALUE_OUT_OF_RANGE',
  '54000': 'VALUE_OUT_OF_RANGE',
};

/** The error code to answer when `err` is a database error caused by the input, else null. */
export function inputFaultOf(err: unknown): TErrorCode | null {
  const state = sqlStateOf(err);
  return (state && INPUT_FAULT_SQLSTATES[state]) || null;
}

/** The stack's frames only: its first lines repeat the message, which may hold values. */
function framesOf(err: unknown): string {
  const stack = (err as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return '';
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .join('\n');
}

/** An error as a log shows it. */
export interface TSerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/**
 * The logger's `err` serializer: a database error anywhere in the cause chain is logged by its
 * summary and stack frames, never its message, parameters or detail; any other error as pino
 * logs it.
 */
export function serializeError(err: unknown): TSerializedError {
  const summary = summarizeDbError(err);
  if (!summary) return stdSerializers.err(err as Error) as TSerializedError;
  const type = err instanceof DrizzleQueryError ? 'DrizzleQueryError' : ((err as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'Error');
  return { type, message: `database error ${summary.sqlstate}`, stack: framesOf(err), ...summary };
}

/**
 * An error's text for a record a user may read (a failed job's `error`): a database error as
 * its SQLSTATE and fingerprint only, any other error by its message.
 */
export function describeError(err: unknown): string {
  const s = summarizeDbError(err);
  if (s) return `数据库错误 SQLSTATE ${s.sqlstate}${s.routine ? ` (${s.routine})` : ''}${s.fingerprint ? ` 查询 ${s.fingerprint}` : ''}`;
  return err instanceof Error ? err.message : String(err);
}
