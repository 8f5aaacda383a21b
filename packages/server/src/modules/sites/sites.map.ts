import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionCodeSchema, SITE_KINDS, siteMapSchema, type MapSite, type SiteKind, type SiteMap } from '@minewatch/core';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/authorize.js';
import { assertRegionInScope } from '../../auth/scope.js';
import { notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import { degreesPerPixel, simplifyGeometry } from './map-simplify.js';
import * as repo from './sites.map.repository.js';

/**
 * GET /api/sites/map — the 一张图 layer: only what the map draws (id, kind, name, status, centre and,
 * when zoomed in, a simplified outline) for the sites in the view box. Past SITE_LIMIT sites in view
 * it answers a grid of counts instead, so a layer of any size stays one small response.
 */

/** Most sites sent one by one; more in view → grid cells. */
export const SITE_LIMIT = 2000;
/** Outlines are sent from this zoom (below it an area is drawn as a ring at its centre). */
export const SHAPE_MIN_ZOOM = 8;
/** Most outlines sent at once; more areas in view → rings only, with `shapesOmitted`. */
export const SHAPE_LIMIT = 500;
/** Most ids in one `ids` filter: the request line stays under Node's 16 kB header limit. */
export const MAX_IDS = 300;
/** Grid cell edge in screen pixels. */
const CELL_PX = 56;

const bbox = z
  .string()
  .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'bbox must be minLon,minLat,maxLon,maxLat')
  .transform((s) => s.split(',').map(Number) as [number, number, number, number])
  .refine((b) => b[0] <= b[2] && b[1] <= b[3], 'bbox minimum must not exceed its maximum')
  .refine((b) => b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90, 'bbox must be longitude/latitude degrees');

const kinds = z
  .string()
  .max(400)
  .transform((s, ctx) => {
    const list = s === '' ? [] : s.split(',');
    const bad = list.filter((k) => !(SITE_KINDS as readonly string[]).includes(k));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `unknown kind ${bad.join(', ')}; kinds are ${SITE_KINDS.join(', ')}` });
      return z.NEVER;
    }
    return list as SiteKind[];
  });

export const siteMapQuery = z.strictObject({
  bbox,
  zoom: z.coerce.number().min(0).max(24),
  region: regionCodeSchema.optional(),
  kinds: kinds.optional(),
  /** Only these sites (comma-separated ids), e.g. the ones an import just registered. */
  ids: z
    .string()
    .max(MAX_IDS * 37)
    .transform((s) => s.split(','))
    .pipe(z.array(z.uuid()).min(1).max(MAX_IDS))
    .optional(),
});
export type SiteMapQuery = z.infer<typeof siteMapQuery>;

export async function siteMap(db: Db, actor: Actor, q: SiteMapQuery): Promise<SiteMap> {
  if (q.region) {
    assertRegionInScope(actor.scope, q.region);
    if (!(await regionExists(db, q.region))) throw notFound(`region ${q.region}`);
  }
  const f: repo.MapFilter = { bbox: q.bbox, region: q.region, kinds: q.kinds, ids: q.ids };
  const counts = await repo.countByKind(db, actor.scope, f);
  const shown = counts.filter((c) => q.kinds === undefined || q.kinds.includes(c.kind as SiteKind));
  const total = shown.reduce((s, c) => s + c.n, 0);
  const areas = shown.reduce((s, c) => s + c.areas, 0);
  const byKind = Object.fromEntries(counts.map((c) => [c.kind, c.n]));
  if (total > SITE_LIMIT) {
    const cell = degreesPerPixel(q.zoom) * CELL_PX;
    const rows = await repo.gridInView(db, actor.scope, f, cell);
    return {
      total,
      byKind,
      mode: 'grid',
      sites: [],
      cells: rows.map((r) => ({ center: [r.x, r.y], count: r.n, bbox: [r.min_x, r.min_y, r.max_x, r.max_y] })),
      shapesOmitted: areas > 0,
    };
  }
  const wantShapes = q.zoom >= SHAPE_MIN_ZOOM;
  const withShapes = wantShapes && areas <= SHAPE_LIMIT;
  // half a pixel: the simplified outline is indistinguishable from the stored one at this zoom
  const tolerance = degreesPerPixel(q.zoom) / 2;
  const rows = total === 0 ? [] : await repo.sitesInView(db, actor.scope, f, SITE_LIMIT, withShapes);
  const sites: MapSite[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as SiteKind,
    name: r.name,
    status: r.status,
    regionCode: r.region_code,
    regionName: r.region_name,
    center: [r.x, r.y],
    bbox: [r.min_x, r.min_y, r.max_x, r.max_y],
    area: r.area,
    shape: r.geometry ? simplifyGeometry(r.geometry, tolerance) : null,
  }));
  return { total, byKind, mode: 'sites', sites, cells: [], shapesOmitted: wantShapes && !withShapes && areas > 0 };
}

/** Registers GET /api/sites/map (one line in app.ts). */
export function siteMapRoutes(app: FastifyInstance, db: Db): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/sites/map',
    {
      schema: {
        tags: ['sites'],
        summary: 'The map layer: sites in a view box (bbox, zoom), light fields and simplified outlines; a grid of counts when too many',
        querystring: siteMapQuery,
        response: { 200: siteMapSchema },
      },
    },
    async (req) => siteMap(db, authorize(req, 'site.read'), req.query),
  );
}
