import type { Geometry, Position } from 'geojson';
import { inChina } from '../crs.js';
import { checkGeometry, type GeoIssue } from '../import-issues.js';

/** Twice the signed planar area of a closed ring (positive = counter-clockwise in lon/lat). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

function orient(rings: Position[][]): Position[][] {
  return rings.map((r, i) => {
    const ccw = signedArea2(r) > 0;
    return (i === 0) === ccw ? r : [...r].reverse();
  });
}

/**
 * Rewinds polygons to RFC 7946 (outer rings counter-clockwise, holes clockwise). Shapefiles store
 * outer rings clockwise and KML has no rule, so both readers rewind after validation.
 */
export function rewind<G extends Geometry | null>(g: G): G {
  if (g?.type === 'Polygon') return { ...g, coordinates: orient(g.coordinates) };
  if (g?.type === 'MultiPolygon') return { ...g, coordinates: g.coordinates.map(orient) };
  return g;
}

/** Applies f to every position of a Point/MultiPoint/LineString/MultiLineString/Polygon/MultiPolygon. */
export function mapPositions(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(f) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(f)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map((x) => mapPositions(x, f)) };
  }
}

/**
 * checkGeometry, plus the "look swapped" hint for points that it gives for polygon vertices only
 * (KML written as "lat,lon" and x/y-swapped point layers are common).
 */
export function checkFeatureGeometry(g: Geometry | null, feature: number, label: string | undefined, out: GeoIssue[]): void {
  const before = out.length;
  checkGeometry(g, feature, label, out);
  if (g?.type !== 'Point' && g?.type !== 'MultiPoint') return;
  for (const issue of out.slice(before)) {
    const p = g.type === 'Point' ? g.coordinates : g.coordinates[issue.vertex ?? -1];
    if (p && !inChina(p[0]!, p[1]!) && inChina(p[1]!, p[0]!)) issue.message += ' (longitude and latitude look swapped)';
  }
}
