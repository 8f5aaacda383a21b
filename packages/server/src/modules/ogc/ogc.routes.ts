import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { authorize } from '../../auth/authorize.js';
import * as service from './ogc.service.js';

/**
 * OGC API – Features at /ogc (GIS clients: QGIS, ArcGIS Pro, GDAL's OAPIF driver). The routes are in
 * the OpenAPI document like every other route, and authenticate the same way: the session cookie,
 * or `Authorization: Bearer <API token>` (GDAL: GDAL_HTTP_HEADERS="Authorization: Bearer …").
 *
 * Not claimed: the OpenAPI 3.0 conformance class (it wants every operation of the document to list
 * all its status codes and the security scheme, and the document served as
 * application/vnd.oai.openapi+json) and HTML.
 */

const tags = ['ogc'];

/** Absolute URLs in links (GDAL follows `next` as given), default port dropped. Behind a proxy, X-Forwarded-Proto/Host apply (trustProxy). */
const baseUrl = (req: FastifyRequest) => new URL(`${req.protocol}://${req.host}`).origin;

const metaQuery = z.strictObject({ f: z.enum(['json']).optional().describe('Encoding; JSON is the only one') });

/** bbox in CRS84: 4 numbers, or 6 with heights (ignored: sites have none); west > east crosses the antimeridian. */
const bboxParam = z
  .string()
  .max(300)
  .describe('minLon,minLat,maxLon,maxLat in CRS84 (WGS 84 lon/lat degrees); 6 numbers with heights are accepted, heights ignored')
  .transform((s, ctx) => {
    const n = s.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be 4 numbers minLon,minLat,maxLon,maxLat (or 6 with heights)' });
      return z.NEVER;
    }
    const [x1, y1, x2, y2] = (n.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as [number, number, number, number];
    if ([x1, x2].some((x) => x < -180 || x > 180) || [y1, y2].some((y) => y < -90 || y > 90)) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be longitude within ±180 and latitude within ±90 degrees' });
      return z.NEVER;
    }
    if (y1 > y2) {
      ctx.addIssue({ code: 'custom', message: 'bbox: the lower latitude exceeds the upper' });
      return z.NEVER;
    }
    return x1 <= x2
      ? [[x1, y1, x2, y2] as [number, number, number, number]]
      : [[x1, y1, 180, y2] as [number, number, number, number], [-180, y1, x2, y2] as [number, number, number, number]];
  });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A calendar day in China time (UTC+8) for an RFC 3339 date-time, or a full-date as given; null when invalid. */
function chinaDay(s: string): string | null {
  if (DATE.test(s)) {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : null;
  }
  if (!DATE_TIME.test(s)) return null;
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const [y, m, d] = [Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))];
  const local = new Date(Date.UTC(y, m - 1, d));
  if (local.getUTCMonth() !== m - 1 || local.getUTCDate() !== d) return null; // e.g. 2024-02-30
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** datetime: an instant or an interval "start/end" with ".." or "" for an open end (OGC API Features, /req/core/fc-time-definition). */
const datetimeParam = z
  .string()
  .max(100)
  .describe('RFC 3339 date-time (or date), or an interval start/end with ".." or an empty string for an open end; compared by calendar day in China time')
  .transform((s, ctx) => {
    const parts = s.split('/');
    const bad = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (parts.length > 2) return bad('datetime is an instant or one interval start/end');
    if (parts.length === 1) {
      const day = chinaDay(parts[0]!);
      return day ? { from: day, to: day } : bad(`datetime "${s}" is not an RFC 3339 date-time such as 2024-05-01T00:00:00Z`);
    }
    const [a, b] = parts.map((p) => (p === '' || p === '..' ? null : p)) as [string | null, string | null];
    if (a === null && b === null) return bad('a datetime interval needs at least one end');
    const from = a === null ? null : chinaDay(a);
    const to = b === null ? null : chinaDay(b);
    if ((a !== null && !from) || (b !== null && !to)) return bad(`datetime "${s}": each end must be an RFC 3339 date-time, ".." or empty`);
    if (from && to && from > to) return bad('datetime: the interval ends before it starts');
    return { from, to };
  });

const itemsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('Features per page, 1–10000'),
    bbox: bboxParam.optional(),
    datetime: datetimeParam.optional(),
    after: z.uuid().optional().describe('Cursor: the page after this feature id (from a next link)'),
    before: z.uuid().optional().describe('Cursor: the page before this feature id (from a prev link)'),
    f: z.enum(['json', 'geojson']).optional().describe('Encoding; GeoJSON is the only one'),
  })
  .refine((q) => !(q.after && q.before), { message: 'give after or before, not both', path: ['before'] });

const link = z.object({ href: z.string(), rel: z.string(), type: z.string(), title: z.string().optional() });
const landingSchema = z.object({ title: z.string(), description: z.string(), links: z.array(link) });
const collectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  links: z.array(link),
  extent: z.object({ spatial: z.object({ bbox: z.array(z.array(z.number())), crs: z.string() }) }).optional(),
  itemType: z.string(),
  crs: z.array(z.string()),
});
const collectionParams = z.strictObject({ collectionId: z.string().max(100) });

export function ogcRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/ogc', {
    schema: { tags, summary: 'OGC API – Features landing page (links to the API definition, conformance and collections)', querystring: metaQuery, response: { 200: landingSchema } },
  }, async (req) => {
    authorize(req, 'site.read');
    return service.landingPage(baseUrl(req));
  });
  r.get('/ogc/conformance', {
    schema: { tags, summary: 'OGC API – Features conformance classes implemented', querystring: metaQuery, response: { 200: z.object({ conformsTo: z.array(z.string()) }) } },
  }, async (req) => {
    authorize(req, 'site.read');
    return service.conformance();
  });
  r.get('/ogc/collections', {
    schema: { tags, summary: 'One collection per site kind, with the extent of the sites in your region', querystring: metaQuery, response: { 200: z.object({ links: z.array(link), collections: z.array(collectionSchema) }) } },
  }, async (req) => service.collections(db, authorize(req, 'site.read'), baseUrl(req)));
  r.get('/ogc/collections/:collectionId', {
    schema: { tags, summary: 'One collection (a site kind) and its extent in your region', params: collectionParams, querystring: metaQuery, response: { 200: collectionSchema } },
  }, async (req) => service.collection(db, authorize(req, 'site.read'), baseUrl(req), req.params.collectionId));
  r.get('/ogc/collections/:collectionId/items', {
    schema: {
      tags,
      summary: 'Features of a collection in your region as GeoJSON (application/geo+json), paged by cursor: follow the next link',
      params: collectionParams,
      querystring: itemsQuery,
      produces: ['application/geo+json'],
    },
  }, async (req, reply) => {
    const actor = authorize(req, 'site.read');
    const q = req.query;
    const text = await service.items(db, actor, baseUrl(req), req.params.collectionId, { limit: q.limit, boxes: q.bbox, time: q.datetime, after: q.after, before: q.before }, baseUrl(req) + req.url);
    return reply.type('application/geo+json').send(text);
  });
  r.get('/ogc/collections/:collectionId/items/:featureId', {
    schema: { tags, summary: 'One feature (site) as GeoJSON', params: z.strictObject({ collectionId: z.string().max(100), featureId: z.string().max(100) }), querystring: metaQuery.extend({ f: z.enum(['json', 'geojson']).optional() }), produces: ['application/geo+json'] },
  }, async (req, reply) => {
    const text = await service.feature(db, authorize(req, 'site.read'), baseUrl(req), req.params.collectionId, req.params.featureId);
    return reply.type('application/geo+json').send(text);
  });
}
