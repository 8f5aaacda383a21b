import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionCodeSchema, regionSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './regions.service.js';

export function regionRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.strictObject({ code: regionCodeSchema });
  r.get('/api/org/regions/roots', { schema: { tags: ['org'], summary: 'Regions the user may switch to', response: { 200: z.array(regionSchema) } } }, async (req) =>
    service.scopeRoots(db, authorize(req, 'org.read')),
  );
  r.get('/api/org/regions/:code', { schema: { tags: ['org'], summary: 'One region (GB/T 2260)', params, response: { 200: regionSchema } } }, async (req) =>
    service.getRegion(db, authorize(req, 'org.read'), req.params.code),
  );
  r.get('/api/org/regions/:code/children', { schema: { tags: ['org'], summary: 'Direct children of a region', params, response: { 200: z.array(regionSchema) } } }, async (req) =>
    service.childRegions(db, authorize(req, 'org.read'), req.params.code),
  );
}
