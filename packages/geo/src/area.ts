import geodesic from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** 1 亩 = 10000/15 m² (exactly 666.6…). */
export const M2_PER_MU = 10000 / 15;

// CGCS2000 uses the GRS 80 ellipsoid.
const GRS80 = new geodesic.Geodesic.Geodesic(6378137, 1 / 298.257222101);

/** Area enclosed by one ring of [lon, lat] degrees along geodesics on the ellipsoid, m², unsigned. */
export function ringArea(ring: Position[]): number {
  const poly = GRS80.Polygon(false);
  const n = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i]![1]!, ring[i]![0]!);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/**
 * Ellipsoidal area of a Polygon or MultiPolygon in lon/lat degrees: outer rings minus holes.
 * Returns square metres and 亩.
 */
export function geodesicArea(g: Polygon | MultiPolygon): { m2: number; mu: number } {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let m2 = 0;
  for (const rings of polys) {
    rings.forEach((ring, i) => {
      m2 += (i === 0 ? 1 : -1) * ringArea(ring);
    });
  }
  return { m2, mu: m2 / M2_PER_MU };
}
