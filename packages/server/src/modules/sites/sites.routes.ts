import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { freeText, regionCodeSchema, SITE_KINDS, siteDetailSchema, siteInputSchema, siteSummarySchema, siteUpdateSchema } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './sites.service.js';
import { AppError } from '../../errors.js';
import { parseFields, readUpload } from '../../read-upload.js';
import { CHINA_OFFSET_CRS, DatumError, parseDatumTransform } from '@minewatch/geo';

const tags = ['sites'];
const idParams = z.strictObject({ id: z.uuid() });
const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox minimum must not exceed its maximum');

/** The list's filters; the exports (sites.export.ts) take the same, so a filtered set exports exactly as listed. */
export const siteFilterFields = {
  region: regionCodeSchema.optional(),
  kind: z.enum(SITE_KINDS).optional(),
  status: z.string().regex(/^[a-z_]{1,30}$/).optional(),
  q: freeText(100).optional(),
  bbox: bbox.optional(),
};

const importFields = z.strictObject({
  regionCode: regionCodeSchema,
  kind: z.enum(SITE_KINDS),
  attributes: z
    .string()
    .max(10_000)
    .default('{}')
    .transform((s, ctx) => {
      try {
        const v: unknown = JSON.parse(s);
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'attributes must be a JSON object' });
      return z.NEVER;
    }),
  nameField: freeText(60).optional(),
  // Per-feature attributes: JSON { attribute key: column name }; keys and columns are checked against the kind and the file.
  fieldMap: z
    .string()
    .max(5_000)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      const column = freeText(60).pipe(z.string().min(1, 'column name is empty'));
      const map = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,40}$/, 'not an attribute key'), column).refine((m) => Object.keys(m).length <= 50, 'at most 50 mapped attributes');
      let v: unknown;
      try {
        v = JSON.parse(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'fieldMap must be a JSON object {"attribute": "column"}' });
        return z.NEVER;
      }
      const r = map.safeParse(v);
      if (r.success) return r.data;
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path as (string | number)[], message: i.path.length ? i.message : 'fieldMap must be a JSON object {"attribute": "column"}' });
      return z.NEVER;
    }),
  zoneWidth: z.enum(['3', '6']).optional(),
  zone: z.coerce.number().int().min(13).max(45).optional(),
  // Xi'an 80 / Beijing 54 input: the 7- or 4-parameter transformation to CGCS2000 as JSON (geo datum.ts); never guessed.
  datum: z
    .string()
    .max(2_000)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      try {
        return parseDatumTransform(JSON.parse(s));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof DatumError ? e.message : `datum must be JSON: ${(e as Error).message}` });
        return z.NEVER;
      }
    }),
  // Coordinates taken from Amap/Tencent (GCJ-02) or Baidu (BD-09) maps.
  sourceCrs: z.enum(CHINA_OFFSET_CRS).optional(),
});

/** Largest geometry file accepted for import. */
export const IMPORT_FILE_LIMIT = 50 * 1024 * 1024;

export function siteRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/sites/import', {
    schema: {
      tags,
      summary: 'Step 1 of a geometry import: upload one file (multipart: file + regionCode, kind, attributes JSON, fieldMap JSON {attribute: column} for per-feature attributes, nameField, zoneWidth/zone, datum JSON for Xi\'an 80/Beijing 54, sourceCrs gcj02|bd09); returns a preview, writes no site',
      consumes: ['multipart/form-data'],
    },
  }, async (req, reply) => {
    const actor = authorize(req, 'site.write');
    const { file, fields } = await readUpload(req, { limit: IMPORT_FILE_LIMIT, maxFields: 20 });
    const f = parseFields(importFields, fields);
    service.assertNoSealingClaim(f.attributes, 'body.attributes.sealingStatus');
    if ((f.zoneWidth === undefined) !== (f.zone === undefined)) throw new AppError('VALIDATION', 'body.zone: give zoneWidth and zone together', [{ path: f.zone === undefined ? 'body.zone' : 'body.zoneWidth', message: 'zoneWidth and zone go together' }]);
    const preview = await service.previewImport(db, actor, file.bytes, {
      fileName: file.name,
      regionCode: f.regionCode,
      kind: f.kind,
      attributes: f.attributes,
      nameField: f.nameField,
      fieldMap: f.fieldMap,
      zone: f.zoneWidth && f.zone ? { width: Number(f.zoneWidth) as 3 | 6, zone: f.zone } : undefined,
      datum: f.datum,
      sourceCrs: f.sourceCrs,
    });
    return reply.code(200).send(preview);
  });
  r.post('/api/sites/import/:previewId/commit', {
    schema: { tags, summary: 'Step 2 of a geometry import: register every previewed site, all or nothing', params: z.strictObject({ previewId: z.uuid() }), response: { 201: z.object({ created: z.number(), ids: z.array(z.string()) }) } },
  }, async (req, reply) => reply.code(201).send(await service.commitImport(db, authorize(req, 'site.write'), req.params.previewId)));
  r.get('/api/sites', {
    schema: {
      tags,
      summary: 'Supervised objects in your region, filtered; paged',
      querystring: z.strictObject({
        ...siteFilterFields,
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
  r.patch('/api/sites/:id', { schema: { tags, summary: 'Change a site (optimistic: give the version you saw); sealingStatus is not changed here: record sealing with POST /api/sites/{id}/sealing', params: idParams, body: siteUpdateSchema, response: { 200: siteDetailSchema } } }, async (req) =>
    service.updateSite(db, authorize(req, 'site.write'), req.params.id, req.body),
  );
}
