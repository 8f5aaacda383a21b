import type { Geometry, Position } from 'geojson';

/**
 * Centroid of a geometry in lon/lat degrees, returned as [lon, lat] degrees (null when there are no
 * coordinates): a Point itself; the mean of a MultiPoint's points; the length-weighted centre of
 * lines; the area-weighted centroid of polygons, holes subtracted.
 *
 * Lines and polygons are measured in a local equirectangular plane about their mean latitude
 * φ0 (x = lon·cos φ0, y = lat). Across a polygon a few kilometres wide the scale of that plane varies
 * by about 0.1 %, so the centroid lies well within a metre of the ellipsoidal one — plenty for a
 * register's "centre point" column. It can fall outside a concave polygon, as centroids do.
 */
export function centroid(g: Geometry | null): [number, number] | null {
  if (!g) return null;
  const pts = positions(g);
  if (pts.length === 0) return null;
  const lat0 = (pts.reduce((s, p) => s + p[1]!, 0) / pts.length) * (Math.PI / 180);
  const k = Math.cos(lat0);
  const mean = (): [number, number] => [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0]!, g.coordinates[1]!];
    case 'MultiPoint':
      return mean();
    case 'LineString':
    case 'MultiLineString': {
      const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      let L = 0, sx = 0, sy = 0;
      for (const line of lines) {
        for (let i = 0; i + 1 < line.length; i++) {
          const a = line[i]!, b = line[i + 1]!;
          const l = Math.hypot((b[0]! - a[0]!) * k, b[1]! - a[1]!);
          L += l;
          sx += (l * (a[0]! + b[0]!)) / 2;
          sy += (l * (a[1]! + b[1]!)) / 2;
        }
      }
      return L > 0 ? [sx / L, sy / L] : mean();
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      // Relative to the first vertex, so the sums do not lose digits to large coordinates.
      const o = pts[0]!;
      let A = 0, cx = 0, cy = 0;
      for (const rings of polys) {
        rings.forEach((ring, r) => {
          const { a, x, y } = ringMoments(ring, o, k);
          // Outer rings add, holes subtract, whatever their winding.
          const sign = (r === 0 ? 1 : -1) * Math.sign(a);
          A += sign * a;
          cx += sign * x;
          cy += sign * y;
        });
      }
      if (Math.abs(A) < 1e-18) return mean();
      return [o[0]! + cx / A / k, o[1]! + cy / A];
    }
    case 'GeometryCollection':
      return null;
  }
}

/** Signed area and first moments of a ring in the local plane, relative to `o`. */
function ringMoments(ring: Position[], o: Position, k: number): { a: number; x: number; y: number } {
  let a = 0, x = 0, y = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!, q = ring[(i + 1) % n]!;
    const x0 = (p[0]! - o[0]!) * k, y0 = p[1]! - o[1]!;
    const x1 = (q[0]! - o[0]!) * k, y1 = q[1]! - o[1]!;
    const c = x0 * y1 - x1 * y0;
    a += c;
    x += (x0 + x1) * c;
    y += (y0 + y1) * c;
  }
  return { a: a / 2, x: x / 6, y: y / 6 };
}

function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return [];
  }
}
