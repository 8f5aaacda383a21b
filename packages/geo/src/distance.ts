import geodesic from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';

// CGCS2000's GRS 80; for a GPS (WGS 84) position the difference is far below a metre.
const GRS80 = new geodesic.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Geodesic distance between two [lon, lat] positions in degrees, metres (Karney's algorithm). */
export function geodesicDistance(a: Position, b: Position): number {
  return GRS80.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12 ?? NaN;
}

/** Even–odd test of a [lon, lat] point against one ring (degrees; rings of a site are small). */
function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > p[1]! !== yj! > p[1]! && p[0]! < ((xj! - xi!) * (p[1]! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/**
 * The point of segment a–b nearest to p, found in a local equirectangular plane around p (exact
 * enough to pick the foot point on site-sized segments); its distance is then measured geodesically.
 */
function nearestOnSegment(p: Position, a: Position, b: Position): Position {
  const k = Math.cos((p[1]! * Math.PI) / 180);
  const ax = (a[0]! - p[0]!) * k, ay = a[1]! - p[1]!;
  const bx = (b[0]! - p[0]!) * k, by = b[1]! - p[1]!;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
}

function distanceToRings(p: Position, rings: Position[][]): number {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, geodesicDistance(p, nearestOnSegment(p, ring[i]!, ring[i + 1]!)));
  }
  return best;
}

/**
 * Metres from a [lon, lat] position (degrees) to a GeoJSON geometry in lon/lat degrees: to the
 * nearest point of a Point/MultiPoint, 0 inside a Polygon/MultiPolygon (holes excluded), else to
 * its nearest edge. Other geometry types give NaN.
 */
export function distanceToGeometry(p: Position, g: Geometry): number {
  switch (g.type) {
    case 'Point':
      return geodesicDistance(p, g.coordinates);
    case 'MultiPoint':
      return Math.min(...g.coordinates.map((c) => geodesicDistance(p, c)));
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const rings of polys) {
        if (rings[0] && inRing(p, rings[0]) && !rings.slice(1).some((h) => inRing(p, h))) return 0;
      }
      return distanceToRings(p, polys.flat());
    }
    default:
      return NaN;
  }
}
