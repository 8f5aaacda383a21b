import { z } from 'zod';
import { SITE_KINDS } from './sites.js';

/**
 * Contracts of the 一张图 map: the light site layer (GET /api/sites/map), region boundaries as the
 * offline base layer, and the map configuration (Tianditu key). Shared by server and web.
 */

const lonLat = z.tuple([z.number(), z.number()]);
const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** One site on the map: enough to draw and label it; `shape` is its outline simplified for the zoom asked. */
export const mapSiteSchema = z.object({
  id: z.string(),
  kind: z.enum(SITE_KINDS),
  name: z.string(),
  status: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  /** Centre of the site's extent, [lon, lat] degrees. */
  center: lonLat,
  /** The site's extent [minLon, minLat, maxLon, maxLat] (fitting the view to sites). */
  bbox: box,
  /** The site is an area (polygon), not a point. */
  area: z.boolean(),
  /** Simplified polygon outline (lon/lat), or null when not asked for at this zoom or too many areas are in view. */
  shape: z.unknown().nullable(),
});
export type MapSite = z.infer<typeof mapSiteSchema>;

/** Sites aggregated on a grid when too many are in view: count and the mean position of their centres. */
export const mapCellSchema = z.object({ center: lonLat, count: z.number(), bbox: box });
export type MapCell = z.infer<typeof mapCellSchema>;

export const siteMapSchema = z.object({
  /** Sites of the shown kinds in the view. */
  total: z.number(),
  /** Count per kind in the view over all kinds (legend counts, also for hidden kinds). */
  byKind: z.record(z.string(), z.number()),
  /** 'sites': every one is in `sites`; 'grid': too many, `cells` aggregates them. */
  mode: z.enum(['sites', 'grid']),
  sites: z.array(mapSiteSchema),
  cells: z.array(mapCellSchema),
  /** Outlines were left out because more areas than the outline limit are in view. */
  shapesOmitted: z.boolean(),
});
export type SiteMap = z.infer<typeof siteMapSchema>;

/** A region's boundary as stored: who gave it, from which file and source. */
export const regionBoundaryInfoSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.string(),
  source: z.string(),
  fileName: z.string(),
  bbox: box,
  /** Vertices stored (all rings). */
  vertices: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type RegionBoundaryInfo = z.infer<typeof regionBoundaryInfoSchema>;

export const regionBoundarySchema = regionBoundaryInfoSchema.extend({ geometry: z.unknown() });
export type RegionBoundary = z.infer<typeof regionBoundarySchema>;

/** The boundaries base layer: a GeoJSON FeatureCollection whose properties are code, name and level. */
export const boundaryLayerSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string(), level: z.string() }),
      geometry: z.unknown(),
    }),
  ),
});
export type BoundaryLayer = z.infer<typeof boundaryLayerSchema>;

/** Map configuration for the web app: the Tianditu key when the deployment set one, else null. */
export const mapConfigSchema = z.object({ tiandituKey: z.string().nullable() });
export type MapConfig = z.infer<typeof mapConfigSchema>;
