import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from './db/database.js';
import { frameworkErrors, installErrorHandler, noRoute } from './errors.js';
import { authRoutes, installAuth } from './auth/auth.routes.js';
import { DEFAULT_AUTH, type AuthConfig } from './auth/auth.service.js';
import { auditRoutes } from './audit/audit.routes.js';
import { regionRoutes } from './modules/regions/regions.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { siteRoutes } from './modules/sites/sites.routes.js';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface AppOptions {
  db: Db;
  auth?: Partial<AuthConfig>;
  /** A pino logger; none in tests. */
  logger?: FastifyBaseLogger;
  /** Serve the built web app from this directory when it exists. */
  webDist?: string | null;
  secureCookie?: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: true,
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Minewatch 矿产资源执法监管平台 API', version: '0.1.0', description: 'Session cookie from POST /api/auth/login, or Authorization: Bearer <API token> for machine integrations.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const auth = { ...DEFAULT_AUTH, ...opts.auth };
  installAuth(app, opts.db, auth);

  app.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().get('/api/health', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: z.object({ status: z.literal('ok'), db: z.literal('ok') }), 503: z.object({ status: z.literal('degraded'), db: z.literal('down') }) } },
  }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(opts.db);
      return { status: 'ok' as const, db: 'ok' as const };
    } catch {
      return reply.code(503).send({ status: 'degraded' as const, db: 'down' as const });
    }
  });
  authRoutes(app, opts.db, auth, opts.secureCookie ?? false);
  regionRoutes(app, opts.db);
  orgRoutes(app, opts.db);
  siteRoutes(app, opts.db);
  auditRoutes(app, opts.db);

  const dist = opts.webDist === undefined ? WEB_DIST : opts.webDist;
  const spa = !!dist && existsSync(dist + 'index.html');
  if (spa) await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  // SPA fallback: unknown non-API GETs get the app shell; unknown API paths stay JSON 404s.
  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/ogc')) return reply.sendFile('index.html');
    return reply.code(404).send(noRoute(req.method, req.url));
  });
  return app;
}
