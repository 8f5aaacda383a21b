import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { boundaryLayerSchema, freeText, regionBoundaryInfoSchema, regionBoundarySchema, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { AppError } from '../../errors.js';
import { parseFields, readUpload } from '../../read-upload.js';
import * as service from './boundaries.service.js';

const tags = ['org'];
const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox minimum must not exceed its maximum');

const uploadFields = z.strictObject({
  source: freeText(200).pipe(z.string().min(2, 'name who issued the boundary (e.g. 县自然资源局, 2023)')),
  codeField: freeText(60).optional(),
  zoneWidth: z.enum(['3', '6']).optional(),
  zone: z.coerce.number().int().min(13).max(45).optional(),
});

/** Largest boundary file accepted. */
export const BOUNDARY_FILE_LIMIT = 50 * 1024 * 1024;

/** Region boundaries: the map's offline base layer, from official files an office uploads. */
export function boundaryRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/org/boundaries', {
    schema: {
      tags,
      summary: 'Base layer: boundaries of a region (default: yours) and the regions below it in a view box, simplified for the zoom (GeoJSON)',
      querystring: z.strictObject({ region: regionCodeSchema.optional(), bbox: bbox.optional(), zoom: z.coerce.number().min(0).max(24).default(8) }),
      response: { 200: boundaryLayerSchema },
    },
  }, async (req) => service.boundaryLayer(db, authorize(req, 'org.read'), req.query));

  r.get('/api/org/regions/:code/boundary', {
    schema: { tags, summary: "A region's stored boundary at full resolution, with its source", params: z.strictObject({ code: regionCodeSchema }), response: { 200: regionBoundarySchema } },
  }, async (req) => service.getBoundary(db, authorize(req, 'org.read'), req.params.code));

  r.put('/api/org/regions/:code/boundary', {
    schema: {
      tags,
      summary: 'Upload an official boundary (multipart: file = GeoJSON, zipped Shapefile with .prj, KML/KMZ; source; optional codeField to load every region below this one from one file; zoneWidth/zone)',
      consumes: ['multipart/form-data'],
      params: z.strictObject({ code: regionCodeSchema }),
      response: { 200: z.object({ updated: z.array(regionBoundaryInfoSchema), skipped: z.number() }) },
    },
  }, async (req) => {
    const actor = authorize(req, 'org.write');
    const { file, fields } = await readUpload(req, { limit: BOUNDARY_FILE_LIMIT, maxFields: 10 });
    const f = parseFields(uploadFields, fields);
    return service.uploadBoundary(db, actor, file.bytes, {
      fileName: file.name,
      regionCode: req.params.code,
      source: f.source,
      codeField: f.codeField,
      zone: f.zoneWidth && f.zone ? { width: Number(f.zoneWidth) as 3 | 6, zone: f.zone } : undefined,
    });
  });
}
