/**
 * Outline simplification for map layers (display only, never for stored geometry or areas).
 * Douglas–Peucker per ring in lon/lat degrees; a ring that would collapse below a triangle keeps
 * its original vertices, so no outline disappears at low zoom.
 */

type Pos = number[];

/** Degrees per screen pixel at a Web Mercator zoom level (256-px tiles, at the equator). */
export const degreesPerPixel = (zoom: number): number => 360 / (256 * 2 ** zoom);

/** Squared distance (degrees²) from p to the segment a–b. */
function segDist2(p: Pos, a: Pos, b: Pos): number {
  let x = a[0]!;
  let y = a[1]!;
  let dx = b[0]! - x;
  let dy = b[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0]! - x) * dx + (p[1]! - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0]!;
      y = b[1]!;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0]! - x;
  dy = p[1]! - y;
  return dx * dx + dy * dy;
}

/** Douglas–Peucker on a closed ring (first = last), iterative so long rings cannot overflow the stack. */
export function simplifyRing(ring: Pos[], tolerance: number): Pos[] {
  const n = ring.length;
  if (n <= 4 || tolerance <= 0) return ring;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tolerance * tolerance;
  // A closed ring's end points coincide: split it at the vertex farthest from the start first.
  let far = 0;
  let farD = -1;
  for (let i = 1; i < n - 1; i++) {
    const dx = ring[i]![0]! - ring[0]![0]!;
    const dy = ring[i]![1]! - ring[0]![1]!;
    const d = dx * dx + dy * dy;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [[0, far], [far, n - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxD = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(ring[i]!, ring[first]!, ring[last]!);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index !== -1 && maxD > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  const out: Pos[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[i]!);
  return out.length >= 4 ? out : ring;
}

const round = (p: Pos): Pos => [Math.round(p[0]! * 1e6) / 1e6, Math.round(p[1]! * 1e6) / 1e6];

/**
 * A Polygon or MultiPolygon simplified to `tolerance` degrees, coordinates rounded to 1e-6° (~0.1 m).
 * Other geometry types come back unchanged.
 */
export function simplifyGeometry(geometry: unknown, tolerance: number): unknown {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return geometry;
  if (g.type === 'Polygon') {
    return { type: 'Polygon', coordinates: (g.coordinates as Pos[][]).map((r) => simplifyRing(r, tolerance).map(round)) };
  }
  if (g.type === 'MultiPolygon') {
    return { type: 'MultiPolygon', coordinates: (g.coordinates as Pos[][][]).map((p) => p.map((r) => simplifyRing(r, tolerance).map(round))) };
  }
  return geometry;
}

/** Number of vertices of a (Multi)Polygon, all rings. */
export function vertexCount(geometry: unknown): number {
  const g = geometry as { type?: string; coordinates?: unknown };
  if (g?.type === 'Polygon') return (g.coordinates as Pos[][]).reduce((s, r) => s + r.length, 0);
  if (g?.type === 'MultiPolygon') return (g.coordinates as Pos[][][]).reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0);
  return 0;
}
