import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gridDetailSchema, gridInputSchema, gridSchema, gridUpdateSchema, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './grids.service.js';

const tags = ['grids'];
const idParams = z.strictObject({ id: z.uuid() });

/** O6 网格化管理: grids (areas of a region) and the people assigned to them. */
export function gridRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/grids', {
    schema: { tags, summary: 'Grids (网格) in your region with their people and number of sites', querystring: z.strictObject({ region: regionCodeSchema.optional() }), response: { 200: z.array(gridSchema) } },
  }, async (req) => service.listGrids(db, authorize(req, 'site.read'), req.query.region));
  r.get('/api/grids/:id', { schema: { tags, summary: 'One grid with its people and sites', params: idParams, response: { 200: gridDetailSchema } } }, async (req) =>
    service.getGrid(db, authorize(req, 'site.read'), req.params.id),
  );
  r.post('/api/grids', { schema: { tags, summary: 'Create a grid: region, name, optional area (Polygon/MultiPolygon, lon/lat), assigned people', body: gridInputSchema, response: { 201: gridDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await service.createGrid(db, authorize(req, 'grid.write'), req.body)),
  );
  r.patch('/api/grids/:id', { schema: { tags, summary: 'Change a grid (optimistic: give the version you saw); people replaces the whole list', params: idParams, body: gridUpdateSchema, response: { 200: gridDetailSchema } } }, async (req) =>
    service.updateGrid(db, authorize(req, 'grid.write'), req.params.id, req.body),
  );
}
