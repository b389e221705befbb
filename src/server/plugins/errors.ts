/**
 * One error handler: AppError → its status and code; Zod validation → 400 with field
 * messages; a database error the input caused (a value no contract caught) → 400 with a stable
 * code; unknown API routes → 404 JSON; anything else → 500 without a stack trace. Logs of
 * database errors name the SQLSTATE, the route and a query fingerprint, never the values sent.
 */
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { TErrorCode } from '../../shared/errors.js';
import { inputFaultOf, summarizeDbError } from '../db/errors.js';
import { AppError } from '../lib/app-error.js';
import type { TApp } from '../lib/types.js';

/** What the client is told when the database refused its input. */
const INPUT_FAULT_MESSAGES: Partial<Record<TErrorCode, string>> = {
  INVALID_CHARACTERS: '提交的内容含有无法保存的字符（如空字符），请删除后重试',
  INVALID_VALUE: '提交的内容格式不正确，请检查后重试',
  VALUE_OUT_OF_RANGE: '提交的数值、日期或长度超出允许范围，请检查后重试',
};

/** A database error caused by the input, as a status, code and Chinese message; null otherwise. */
export function inputFaultAnswer(err: unknown): { status: 400; code: TErrorCode; message: string } | null {
  const code = inputFaultOf(err);
  return code ? { status: 400, code, message: INPUT_FAULT_MESSAGES[code] ?? '提交的内容有误，请检查后重试' } : null;
}

/**
 * Logs an error the handler answered itself (`level` warn for the input's fault, error for
 * ours): the route's pattern (never the URL with its values) and, for a database error, its
 * summary instead of the error, whose message and params hold the query's values.
 */
export function logRequestError(req: FastifyRequest, err: unknown, level: 'warn' | 'error', msg: string): void {
  const where = { method: req.method, route: req.routeOptions?.url ?? null };
  const db = summarizeDbError(err);
  if (db) req.log[level]({ ...where, db }, msg);
  else req.log[level]({ ...where, err }, msg);
}

interface TZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[]; message?: string } };
}

function fieldMessages(validation: TZodIssueLike[], context: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const v of validation) {
    const p = v.params?.issue?.path?.join('.') || v.instancePath?.replace(/^\//, '').replace(/\//g, '.') || context || '_';
    fields[p] ??= v.params?.issue?.message ?? v.message ?? '格式不正确';
  }
  return fields;
}

/**
 * Registers the error and not-found handlers on the root instance. With `spaIndex`, a GET for a
 * path outside /api that matches no file answers the web UI's index.html (client-side routes).
 */
export function registerErrorHandling(app: TApp, opts: { spaIndex?: boolean } = {}): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = fieldMessages(err.validation as unknown as TZodIssueLike[], err.validationContext);
      return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请检查后重试', fields } });
    }
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'ATTACHMENT_TOO_LARGE', message: '文件太大' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: { code: 'BAD_REQUEST', message: '请求格式不正确' } });
    }
    const fault = inputFaultAnswer(err);
    if (fault) {
      logRequestError(req, err, 'warn', 'database refused the input');
      return reply.code(fault.status).send({ error: { code: fault.code, message: fault.message } });
    }
    logRequestError(req, err, 'error', 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (opts.spaIndex && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
}
