import { Clipper, ClipType, FillRule, PolyTree64, type Path64, type Paths64, type PolyPath64 } from 'clipper2-ts';
import Flatbush from 'flatbush';
import type { Geometry, MultiPolygon, Position } from 'geojson';
import { ringArea } from '../area.js';

/**
 * Integer geometry for the overlay engine: lon/lat degrees × 1e9 rounded (a 1e-9° grid, ≈0.1 mm), as
 * Clipper2 paths. Exact integer topology is what makes Clipper robust on slivers, shared edges and
 * touching rings (see docs/benchmarks.md, clipping libraries). Canonical paths come out of a Clipper
 * union: simple rings, outer rings counter-clockwise (positive), holes clockwise.
 */
export const SCALE = 1e9;

export interface Bbox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const toLonLat = (p: { x: number; y: number }): Position => [p.x / SCALE, p.y / SCALE];

/** Twice the signed planar area of a path, relative to its first vertex (keeps products small). */
export function signedArea2(path: Path64): number {
  const n = path.length;
  if (n < 3) return 0;
  const ox = path[0]!.x, oy = path[0]!.y;
  let s = 0;
  for (let i = 1; i + 1 < n; i++) s += (path[i]!.x - ox) * (path[i + 1]!.y - oy) - (path[i + 1]!.x - ox) * (path[i]!.y - oy);
  return s;
}

export function bboxOf(paths: Paths64): Bbox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const path of paths)
    for (const p of path) {
      if (p.x < minX) minX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.x > maxX) maxX = p.x;
      if (p.y > maxY) maxY = p.y;
    }
  return { minX, minY, maxX, maxY };
}

export type Canonical = { ok: true; paths: Paths64; bbox: Bbox; vertices: number } | { ok: false; reason: string };

/**
 * Validates a GeoJSON Polygon/MultiPolygon in lon/lat degrees and turns it into canonical integer
 * paths. Duplicate and closing vertices are dropped, rings are oriented (outer CCW, holes CW) and the
 * union under the non-zero rule resolves self-intersections, self-touching rings and overlapping
 * parts. Never throws: a geometry that cannot be used gives a reason.
 */
export function canonicalize(g: Geometry | null | undefined): Canonical {
  if (!g) return { ok: false, reason: 'no geometry' };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return { ok: false, reason: `geometry is ${String((g as { type?: unknown }).type)}, expected Polygon or MultiPolygon` };
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polys)) return { ok: false, reason: 'coordinates are not an array' };
  // per polygon: its outer ring, then its holes
  const polygons: Paths64[] = [];
  for (let pi = 0; pi < polys.length; pi++) {
    const paths: Paths64 = [];
    polygons.push(paths);
    const rings = polys[pi] as unknown;
    if (!Array.isArray(rings)) return { ok: false, reason: `polygon ${pi}: rings are not an array` };
    for (let ri = 0; ri < rings.length; ri++) {
      const ring = rings[ri] as unknown;
      if (!Array.isArray(ring)) return { ok: false, reason: `polygon ${pi} ring ${ri}: not an array of positions` };
      const path: Path64 = [];
      for (let vi = 0; vi < ring.length; vi++) {
        const p = ring[vi] as unknown;
        const lon = Array.isArray(p) ? p[0] : undefined, lat = Array.isArray(p) ? p[1] : undefined;
        if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
          return { ok: false, reason: `polygon ${pi} ring ${ri} vertex ${vi}: not a pair of finite numbers` };
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return { ok: false, reason: `polygon ${pi} ring ${ri} vertex ${vi}: (${lon}, ${lat}) is not lon/lat degrees` };
        const q = { x: Math.round(lon * SCALE), y: Math.round(lat * SCALE) };
        const last = path[path.length - 1];
        if (!last || last.x !== q.x || last.y !== q.y) path.push(q);
      }
      while (path.length > 1 && path[0]!.x === path[path.length - 1]!.x && path[0]!.y === path[path.length - 1]!.y) path.pop();
      if (path.length < 3) {
        if (ri === 0) break; // a collapsed outer ring takes its holes with it
        continue;
      }
      // Clipper2 (this port) mis-resolves spikes (a vertex where the ring doubles back on itself):
      // collinear vertices go first; they do not change the shape
      const trimmed = Clipper.trimCollinear(path, false);
      if (trimmed.length < 3) {
        if (ri === 0) break;
        continue;
      }
      if ((signedArea2(trimmed) > 0) !== (ri === 0)) trimmed.reverse();
      paths.push(trimmed);
    }
  }
  // Most polygons are one simple ring: then the oriented, trimmed ring already is canonical. Otherwise
  // each polygon's holes are cut from its own outer ring before the polygons are merged: in one
  // non-zero union of every ring, a hole lying outside its outer ring (or a ring given twice) cancelled
  // the area of another polygon, and the patch's area no longer matched what its pieces measured.
  const parts = polygons.filter((p) => p.length > 0);
  let out: Paths64;
  if (parts.length === 1 && parts[0]!.length === 1 && isSimpleRing(parts[0]![0]!)) out = parts[0]!;
  else {
    const pieces = parts.flatMap(([outer, ...holes]) => (holes.length ? boolean(ClipType.Difference, [outer!], holes) : boolean(ClipType.Union, [outer!], null)));
    out = parts.length === 1 ? pieces : boolean(ClipType.Union, pieces, null);
  }
  if (!out.length) return { ok: false, reason: 'zero area (collapsed or collinear rings)' };
  let vertices = 0;
  for (const p of out) vertices += p.length;
  return { ok: true, paths: out, bbox: bboxOf(out), vertices };
}

/** Orientation of c relative to a→b: ±1, or 0 when within rounding of collinear. */
function orient(a: { x: number; y: number }, b: { x: number; y: number }, c: { x: number; y: number }): number {
  const dx1 = b.x - a.x, dy1 = b.y - a.y, dx2 = c.x - a.x, dy2 = c.y - a.y;
  const v = dx1 * dy2 - dy1 * dx2;
  const eps = 1e-12 * (Math.abs(dx1) + Math.abs(dy1)) * (Math.abs(dx2) + Math.abs(dy2)) + 1;
  return v > eps ? 1 : v < -eps ? -1 : 0;
}

/**
 * Whether a ring (no repeated or collinear consecutive vertices) is simple: no two edges meet except
 * neighbours at their shared vertex. Conservative: near-touching within rounding counts as meeting
 * (false); the caller then unions with Clipper.
 */
export function isSimpleRing(path: Path64): boolean {
  const n = path.length;
  if (n < 3) return false;
  // long rings: candidate edge pairs from an index of edge boxes instead of all pairs
  let index: Flatbush | null = null;
  if (n > 64) {
    index = new Flatbush(n);
    for (let i = 0; i < n; i++) {
      const a = path[i]!, b = path[(i + 1) % n]!;
      index.add(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y));
    }
    index.finish();
  }
  for (let i = 0; i < n; i++) {
    const a = path[i]!, b = path[(i + 1) % n]!;
    const js = index ? index.search(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)).filter((j) => j > i) : null;
    for (let k = 0, m = js ? js.length : n - i - 1; k < m; k++) {
      const j = js ? js[k]! : i + 1 + k;
      const c = path[j]!, d = path[(j + 1) % n]!;
      if (Math.max(a.x, b.x) < Math.min(c.x, d.x) || Math.max(c.x, d.x) < Math.min(a.x, b.x) || Math.max(a.y, b.y) < Math.min(c.y, d.y) || Math.max(c.y, d.y) < Math.min(a.y, b.y)) continue;
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) {
        // neighbours share one vertex; they must not fold back over each other
        const [p, q, r] = j === i + 1 ? [a, b, d] : [c, a, b];
        if (orient(p, q, r) === 0) return false;
        continue;
      }
      const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
      if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return false; // touching or near it: let Clipper decide
      if (o1 !== o2 && o3 !== o4) return false;
    }
  }
  return true;
}

/**
 * A boolean operation under the non-zero rule, returned as canonical paths: rings taken from
 * Clipper's PolyTree and oriented by nesting level (outer CCW, holes CW). The flat output of this
 * Clipper2 port can carry an outer ring clockwise after degenerate input, which would turn it into a
 * hole for the next operation and for the area; the tree's nesting is reliable.
 */
export function boolean(type: ClipType, a: Paths64, b: Paths64 | null): Paths64 {
  const tree = new PolyTree64();
  Clipper.booleanOpWithPolyTree(type, a, b, tree, FillRule.NonZero);
  const out: Paths64 = [];
  const walk = (node: PolyPath64, hole: boolean) => {
    for (let i = 0; i < node.count; i++) {
      const child = node.child(i);
      const path = child.polygon!;
      if (path.length >= 3) {
        const s = signedArea2(path);
        if (s !== 0) out.push((s > 0) === !hole ? path : [...path].reverse());
      }
      walk(child, !hole);
    }
  };
  walk(tree, false);
  return out;
}

/** Ellipsoidal (GRS 80) area of canonical paths, m²: Σ ± ringArea, the sign from the orientation. */
export function pathsArea(paths: Paths64): number {
  let m2 = 0;
  for (const path of paths) {
    const s = signedArea2(path);
    if (s === 0) continue;
    m2 += Math.sign(s) * ringArea(path.map(toLonLat));
  }
  return Math.max(0, m2);
}

export const intersect = (a: Paths64, b: Paths64): Paths64 => (a.length && b.length ? boolean(ClipType.Intersection, a, b) : []);
export const difference = (a: Paths64, b: Paths64): Paths64 => (b.length ? boolean(ClipType.Difference, a, b) : a);
/** The paths of several polygons (which may overlap or touch) merged into canonical paths. */
export const union = (a: Paths64): Paths64 => (a.length ? boolean(ClipType.Union, a, null) : []);

/** Canonical paths as a GeoJSON MultiPolygon (RFC 7946 ring order and orientation), or null when empty. */
export function toMultiPolygon(paths: Paths64): MultiPolygon | null {
  if (!paths.length) return null;
  const tree = new PolyTree64();
  Clipper.booleanOpWithPolyTree(ClipType.Union, paths, null, tree, FillRule.NonZero);
  const coords: Position[][][] = [];
  const ring = (path: Path64) => {
    const r = path.map(toLonLat);
    r.push([...r[0]!]);
    return r;
  };
  const walk = (node: PolyPath64) => {
    for (let i = 0; i < node.count; i++) {
      const outer = node.child(i);
      const poly = [ring(outer.polygon!)];
      for (let j = 0; j < outer.count; j++) {
        const hole = outer.child(j);
        poly.push(ring(hole.polygon!));
        walk(hole);
      }
      coords.push(poly);
    }
  };
  walk(tree);
  return coords.length ? { type: 'MultiPolygon', coordinates: coords } : null;
}

/** Clips paths to a rectangle (Clipper2 RectClip, linear time): used before overlaying large polygons. */
export function clipToRect(paths: Paths64, b: Bbox, margin: number): Paths64 {
  const clipped = Clipper.rectClip({ left: b.minX - margin, top: b.minY - margin, right: b.maxX + margin, bottom: b.maxY + margin }, paths);
  // RectClip keeps each ring's orientation; drop collinear vertices along the rectangle, as on input
  const out: Paths64 = [];
  for (const p of clipped) {
    const t = Clipper.trimCollinear(p, false);
    if (t.length >= 3) out.push(t);
  }
  return out;
}
