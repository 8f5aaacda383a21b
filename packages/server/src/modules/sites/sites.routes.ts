import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freeText, regionCodeSchema, SITE_KINDS, siteDetailSchema, siteInputSchema, siteSummarySchema, siteUpdateSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './sites.service.js';

const tags = ['sites'];
const idParams = z.strictObject({ id: z.uuid() });
const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox minimum must not exceed its maximum');

export function siteRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/sites', {
    schema: {
      tags,
      summary: 'Supervised objects in your region, filtered; paged',
      querystring: z.strictObject({
        region: regionCodeSchema.optional(),
        kind: z.enum(SITE_KINDS).optional(),
        status: z.string().regex(/^[a-z_]{1,30}$/).optional(),
        q: freeText(100).optional(),
        bbox: bbox.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      response: { 200: z.object({ items: z.array(siteSummarySchema), total: z.number() }) },
    },
  }, async (req) => service.listSites(db, authorize(req, 'site.read'), req.query));
  r.get('/api/sites/:id', { schema: { tags, summary: 'One site: attributes, geometry, sealing responsibility, grade', params: idParams, response: { 200: siteDetailSchema } } }, async (req) =>
    service.getSite(db, authorize(req, 'site.read'), req.params.id),
  );
  r.post('/api/sites', { schema: { tags, summary: 'Register a supervised object', body: siteInputSchema, response: { 201: siteDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.createSite(db, authorize(req, 'site.write'), req.body)),
  );
  r.patch('/api/sites/:id', { schema: { tags, summary: 'Change a site (optimistic: give the version you saw)', params: idParams, body: siteUpdateSchema, response: { 200: siteDetailSchema } } }, async (req) =>
    service.updateSite(db, authorize(req, 'site.write'), req.params.id, req.body),
  );
}
