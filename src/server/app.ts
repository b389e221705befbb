/**
 * buildApp(deps): the whole HTTP application, used by main.ts and by the tests.
 * Cross-cutting plugins first (cookies, errors, auth, OpenAPI), then one prefix per module.
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
import type { TApp, TAppDeps } from './lib/types.js';
import { volunteerRoutes } from './modules/volunteers/volunteers.routes.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { adminRoutes, lookupRoutes } from './modules/admin/admin.routes.js';
import { attachmentRoutes } from './modules/attachments/attachments.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { checklistRoutes } from './modules/checklists/checklists.routes.js';
import { citizenModerationRoutes, citizenRoutes } from './modules/citizen/citizen.routes.js';
import { open311Routes } from './modules/citizen/open311.routes.js';
import { chuangwenRoutes } from './modules/chuangwen/chuangwen.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { householdAssistanceRoutes } from './modules/households/assistance.routes.js';
import { householdRoutes } from './modules/households/households.routes.js';
import { hardshipReportRoutes, householdLeadRoutes } from './modules/households/leads.routes.js';

export interface TBuildOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Builds the app around its dependencies; call `ready()` or `listen()` on the result. */
export async function buildApp(deps: TAppDeps, opts: TBuildOptions = {}): Promise<TApp> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: true,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', deps);
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

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(lookupRoutes, { prefix: '/api/lookup' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(attachmentRoutes, { prefix: '/api/attachments' });
  await app.register(caseRoutes, { prefix: '/api/cases' });
  await app.register(checklistRoutes, { prefix: '/api' });
  await app.register(homeRoutes, { prefix: '/api/home' });
  await app.register(chuangwenRoutes, { prefix: '/api/chuangwen' });
  await app.register(householdRoutes, { prefix: '/api/households' });
  await app.register(householdAssistanceRoutes, { prefix: '/api/households' });
  await app.register(householdLeadRoutes, { prefix: '/api/household-leads' });
  await app.register(hardshipReportRoutes, { prefix: '/api/public/hardship-reports' });
  await app.register(citizenRoutes, { prefix: '/api/public' });
  await app.register(citizenModerationRoutes, { prefix: '/api/citizen' });
  await app.register(open311Routes, { prefix: '/open311/v2' });
  await app.register(volunteerRoutes, { prefix: '/api/volunteers' });

  if (deps.config.webDir && existsSync(deps.config.webDir)) {
    // Files are looked up per request, so a rebuilt UI is served without a restart; any other
    // path that is not an API route gets the SPA's index page (see registerErrorHandling).
    await app.register(fastifyStatic, { root: deps.config.webDir, maxAge: '1h', index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  return app;
}
