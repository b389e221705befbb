/**
 * One error handler: AppError → its status and code; Zod validation → 400 with field
 * messages; unknown API routes → 404 JSON; anything else → 500 without a stack trace.
 */
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FastifyError } from 'fastify';
import { AppError } from '../lib/app-error.js';
import type { TApp } from '../lib/types.js';

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
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (opts.spaIndex && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
}
