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
import { filesRoutes, openFileStore } from './modules/files/files.routes.js';
import { siteRecordRoutes } from './modules/sites/site-records.routes.js';
import { gridRoutes } from './modules/grids/grids.routes.js';
import { contractRoutes } from './modules/contracts/contracts.routes.js';
import { siteMapRoutes } from './modules/sites/sites.map.js';
import { boundaryRoutes } from './modules/regions/boundaries.routes.js';
import { mapConfigRoutes } from './modules/config/map-config.js';

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
  /** Where uploaded files are kept, content-addressed (main: <DATA_DIR>/files); a temporary directory removed on close when omitted. */
  filesDir?: string;
  /** A site photo taken farther than this from the site, km, is flagged (default 1). */
  photoMaxDistanceKm?: number;
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
  (await import('./modules/sites/sites.export.js')).siteExportRoutes(app, opts.db);
  (await import('./modules/ogc/ogc.routes.js')).ogcRoutes(app, opts.db);
  (await import('./modules/patches/patches.routes.js')).patchRoutes(app, opts.db);
  const fileStore = await openFileStore(app, opts.filesDir);
  filesRoutes(app, opts.db, fileStore);
  siteRecordRoutes(app, opts.db, { photoMaxDistanceKm: opts.photoMaxDistanceKm ?? 1 });
  gridRoutes(app, opts.db);
  contractRoutes(app, opts.db);
  siteMapRoutes(app, opts.db);
  boundaryRoutes(app, opts.db);
  mapConfigRoutes(app);
  (await import('./modules/campaigns/campaigns.routes.js')).campaignRoutes(app, opts.db);
  (await import('./modules/problems/problems.routes.js')).problemRoutes(app, opts.db);
  (await import('./modules/ledger/ledger.routes.js')).ledgerRoutes(app, opts.db);
  (await import('./modules/notifications/notifications.routes.js')).notificationRoutes(app, opts.db);
  (await import('./jobs/jobs.routes.js')).jobRoutes(app, opts.db);
  (await import('./modules/penalties/penalties.routes.js')).penaltyRoutes(app, opts.db);
  (await import('./modules/hazards/hazards.routes.js')).hazardRoutes(app, opts.db);
  (await import('./modules/checklists/checklists.routes.js')).checklistRoutes(app, opts.db);
  (await import('./modules/saved-views/saved-views.routes.js')).savedViewRoutes(app, opts.db);
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
