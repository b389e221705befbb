/**
 * buildApp(deps): the whole HTTP application, used by main.ts and by the tests.
 * Cross-cutting plugins first (cookies, errors, auth, OpenAPI), then every module's routes, as
 * the module manifests (modules/index.ts) declare them.
 */
import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectModules, type TModule } from './lib/module.js';
import type { TApp, TAppDeps } from './lib/types.js';
import { serializeError } from './db/errors.js';
import { MODULES } from './modules/index.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';

export interface TBuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** The modules to serve (all of them unless a test says otherwise). */
  modules?: readonly TModule[];
}

/**
 * The logger's options with the `err` serializer that never prints a database error's query
 * parameters (ID numbers, phones), wherever a module logs `{ err }`.
 */
function withSafeErrors(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, err: serializeError, req: serializeRequest } };
}

/**
 * A request as the request log shows it: method, path and client, without the query string
 * (searches carry names and ID numbers) or headers (cookies).
 */
function serializeRequest(req: { method: string; url: string; ip?: string; id?: string }) {
  const q = req.url.indexOf('?');
  return { method: req.method, url: q < 0 ? req.url : `${req.url.slice(0, q)}?…`, remoteAddress: req.ip, reqId: req.id };
}

/** Builds the app around its dependencies; call `ready()` or `listen()` on the result. */
export async function buildApp(deps: TAppDeps, opts: TBuildOptions = {}): Promise<TApp> {
  const app = Fastify({
    logger: withSafeErrors(opts.logger ?? false),
    trustProxy: true,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', deps);
  app.decorate('modules', collectModules(opts.modules ?? MODULES));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, { spaIndex: Boolean(deps.config.webDir && existsSync(deps.config.webDir)) });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10 } });
  registerAuth(app);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Zhili 智理 API', description: '示范区智慧治理平台接口', version: deps.config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zhili_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: deps.dbKind, version: deps.config.version }),
  );

  for (const m of app.modules.modules) {
    for (const r of m.routes ?? []) await app.register(r.plugin, { prefix: r.prefix });
  }

  if (deps.config.webDir && existsSync(deps.config.webDir)) {
    // Files are looked up per request, so a rebuilt UI is served without a restart; any other
    // path that is not an API route gets the SPA's index page (see registerErrorHandling).
    await app.register(fastifyStatic, { root: deps.config.webDir, maxAge: '1h', index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  return app;
}
