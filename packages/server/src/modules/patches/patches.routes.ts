import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AREA_UNITS, classificationRunSchema, freeText, PATCH_CLASSES, patchDetailSchema, patchSummarySchema, regionCodeSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import { AppError } from '../../errors.js';
import { parseFields, readUpload } from '../../read-upload.js';
import * as service from './patches.service.js';

const tags = ['patches'];
const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox minimum must not exceed its maximum');
const day = z.iso.date();

const importFields = z.strictObject({
  regionCode: regionCodeSchema,
  areaUnit: z.enum(AREA_UNITS).optional(),
  sheet: freeText(100).optional(),
  zoneWidth: z.enum(['3', '6']).optional(),
  zone: z.coerce.number().int().min(13).max(45).optional(),
});

/** Largest patch file accepted for import. */
export const PATCH_FILE_LIMIT = 100 * 1024 * 1024;

const previewSchema = z.object({
  previewId: z.string(),
  fileName: z.string(),
  format: z.enum(['shapefile', 'geojson', 'xlsx']),
  count: z.number(),
  columns: z.record(z.string(), z.string()),
  otherColumns: z.array(z.string()),
  areaUnit: z.object({ unit: z.enum(AREA_UNITS), from: z.enum(['header', 'option']) }).nullable(),
  byGeometryType: z.record(z.string(), z.number()),
  regions: z.array(z.object({ code: z.string(), count: z.number() })),
  totalArea: z.object({ m2: z.number(), mu: z.number() }),
  declaredTotal: z.object({ m2: z.number(), mu: z.number() }),
  warnings: z.array(z.string()),
  warningCount: z.number(),
  expiresAt: z.string(),
  items: z.array(z.object({
    at: z.string(), code: z.string(), regionCode: z.string(), beforeDate: z.string().nullable(), afterDate: z.string().nullable(),
    declaredArea: z.number().nullable(), declaredAreaUnit: z.enum(AREA_UNITS).nullable(), areaMu: z.number().nullable(), geometryType: z.string(),
  })),
});

export function patchRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/patches/import', {
    schema: {
      tags,
      summary: 'Step 1 of a patch (图斑) import: multipart file (.zip Shapefile, .geojson, .xlsx) + regionCode, areaUnit, sheet, zoneWidth/zone; returns a checked preview, writes no patch',
      consumes: ['multipart/form-data'],
      response: { 200: previewSchema },
    },
  }, async (req) => {
    const actor = authorize(req, 'site.write');
    const { file, fields } = await readUpload(req, { limit: PATCH_FILE_LIMIT, maxFields: 20 });
    const f = parseFields(importFields, fields);
    if ((f.zoneWidth === undefined) !== (f.zone === undefined)) throw new AppError('VALIDATION', 'body.zone: give zoneWidth and zone together', [{ path: f.zone === undefined ? 'body.zone' : 'body.zoneWidth', message: 'zoneWidth and zone go together' }]);
    return service.previewImport(db, actor, file.bytes, {
      fileName: file.name,
      regionCode: f.regionCode,
      areaUnit: f.areaUnit,
      sheet: f.sheet,
      zone: f.zoneWidth && f.zone ? { width: Number(f.zoneWidth) as 3 | 6, zone: f.zone } : undefined,
    });
  });
  r.post('/api/patches/import/:previewId/commit', {
    schema: { tags, summary: 'Step 2 of a patch import: store every previewed patch, all or nothing', params: z.strictObject({ previewId: z.uuid() }), response: { 201: z.object({ created: z.number(), importId: z.string() }) } },
  }, async (req, reply) => reply.code(201).send(await service.commitImport(db, authorize(req, 'site.write'), req.params.previewId)));
  r.get('/api/patches', {
    schema: {
      tags,
      summary: 'Change patches (图斑) in your region, filtered; paged',
      querystring: z.strictObject({
        region: regionCodeSchema.optional(),
        classification: z.enum([...PATCH_CLASSES, 'unclassified']).optional(),
        q: freeText(60).optional(),
        bbox: bbox.optional(),
        afterFrom: day.optional(),
        afterTo: day.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      }),
      response: { 200: z.object({ items: z.array(patchSummarySchema), total: z.number() }) },
    },
  }, async (req) => service.listPatches(db, authorize(req, 'site.read'), req.query));
  r.get('/api/patches/:id', {
    schema: { tags, summary: 'One patch: geometry, source attributes and its last classification', params: z.strictObject({ id: z.uuid() }), response: { 200: patchDetailSchema } },
  }, async (req) => service.getPatch(db, authorize(req, 'site.read'), req.params.id));
  r.post('/api/patches/classify', {
    schema: {
      tags,
      summary: 'Overlay every patch of a region with the licensed mines, temporary-land approvals and protected areas you can see; stores classes and areas (m², 亩), audited',
      querystring: z.strictObject({ region: regionCodeSchema }),
      response: { 200: classificationRunSchema },
    },
  }, async (req) => service.classify(db, authorize(req, 'site.write'), req.query.region));
}
