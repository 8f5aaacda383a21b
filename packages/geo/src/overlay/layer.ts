import Flatbush from 'flatbush';
import type { Paths64 } from 'clipper2-ts';
import type { Feature, Geometry } from 'geojson';
import { canonicalize, SCALE, type Bbox } from './int-geometry.js';

/** Above this many vertices a feature gets its own edge index and is rect-clipped before overlay. */
export const LARGE_POLYGON_VERTICES = 256;

export interface Prepared<P> {
  id: string;
  /** position in the input array */
  index: number;
  props: P;
  paths: Paths64;
  bbox: Bbox;
  vertices: number;
  /** lazily built for large polygons: edge endpoints (ax, ay, bx, by per edge) and their index */
  edges?: { xy: Float64Array; index: Flatbush };
}

export interface Skipped {
  layer: string;
  id: string;
  index: number;
  reason: string;
}

export const featureId = (f: Feature<Geometry | null> | undefined, index: number): string => {
  const raw = f?.id ?? (f?.properties as { id?: unknown } | null | undefined)?.id;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : `#${index}`;
};

/** One input layer, canonicalised and indexed by bounding box (flatbush). */
export class Layer<P> {
  readonly features: Prepared<P>[] = [];
  private readonly index: Flatbush | null;

  constructor(
    name: string,
    input: readonly Feature<Geometry | null>[] | undefined,
    readProps: (f: Feature<Geometry | null>) => P | string,
    skipped: Skipped[],
  ) {
    (input ?? []).forEach((f, index) => {
      const id = featureId(f, index);
      const props = f && typeof f === 'object' ? readProps(f) : 'not a GeoJSON Feature';
      if (typeof props === 'string') return void skipped.push({ layer: name, id, index, reason: props });
      const c = canonicalize(f.geometry);
      if (!c.ok) return void skipped.push({ layer: name, id, index, reason: c.reason });
      this.features.push({ id, index, props, paths: c.paths, bbox: c.bbox, vertices: c.vertices });
    });
    if (!this.features.length) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(this.features.length);
    for (const f of this.features) this.index.add(f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY);
    this.index.finish();
  }

  /** Features whose bounding box meets b (closed boxes). */
  search(b: Bbox): Prepared<P>[] {
    if (!this.index) return [];
    return this.index.search(b.minX, b.minY, b.maxX, b.maxY).map((i) => this.features[i]!);
  }
}

function edgesOf(f: Prepared<unknown>): { xy: Float64Array; index: Flatbush } {
  if (f.edges) return f.edges;
  const xy = new Float64Array(f.vertices * 4);
  let k = 0;
  for (const path of f.paths)
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!, b = path[(i + 1) % path.length]!;
      xy[k++] = a.x;
      xy[k++] = a.y;
      xy[k++] = b.x;
      xy[k++] = b.y;
    }
  const index = new Flatbush(f.vertices);
  for (let e = 0; e < f.vertices; e++) index.add(Math.min(xy[4 * e]!, xy[4 * e + 2]!), Math.min(xy[4 * e + 1]!, xy[4 * e + 3]!), Math.max(xy[4 * e]!, xy[4 * e + 2]!), Math.max(xy[4 * e + 1]!, xy[4 * e + 3]!));
  index.finish();
  return (f.edges = { xy, index });
}

/** Calls visit(ax, ay, bx, by) for every edge of f whose box meets b; stops when visit returns true. */
function someEdge(f: Prepared<unknown>, b: Bbox, visit: (ax: number, ay: number, bx: number, by: number) => boolean): boolean {
  if (f.vertices > LARGE_POLYGON_VERTICES) {
    const { xy, index } = edgesOf(f);
    for (const e of index.search(b.minX, b.minY, b.maxX, b.maxY)) if (visit(xy[4 * e]!, xy[4 * e + 1]!, xy[4 * e + 2]!, xy[4 * e + 3]!)) return true;
    return false;
  }
  for (const path of f.paths)
    for (let i = 0; i < path.length; i++) {
      const p = path[i]!, q = path[(i + 1) % path.length]!;
      if (Math.max(p.x, q.x) < b.minX || Math.min(p.x, q.x) > b.maxX || Math.max(p.y, q.y) < b.minY || Math.min(p.y, q.y) > b.maxY) continue;
      if (visit(p.x, p.y, q.x, q.y)) return true;
    }
  return false;
}

/** Whether segment (a, b) meets the closed rectangle r. Errs towards true (then the exact clip decides). */
function segmentMeetsRect(ax: number, ay: number, bx: number, by: number, r: Bbox): boolean {
  if (Math.max(ax, bx) < r.minX || Math.min(ax, bx) > r.maxX || Math.max(ay, by) < r.minY || Math.min(ay, by) > r.maxY) return false;
  if (ax >= r.minX && ax <= r.maxX && ay >= r.minY && ay <= r.maxY) return true;
  const dx = bx - ax, dy = by - ay;
  // side of each corner (inlined: this runs for every candidate edge)
  const s1 = dx * (r.minY - ay) - dy * (r.minX - ax), s2 = dx * (r.minY - ay) - dy * (r.maxX - ax);
  const s3 = dx * (r.maxY - ay) - dy * (r.maxX - ax), s4 = dx * (r.maxY - ay) - dy * (r.minX - ax);
  return !((s1 > 0 && s2 > 0 && s3 > 0 && s4 > 0) || (s1 < 0 && s2 < 0 && s3 < 0 && s4 < 0));
}

/** Even-odd point in polygon for a point known not to lie near f's boundary. */
function pointInside(f: Prepared<unknown>, px: number, py: number): boolean {
  let inside = false;
  someEdge(f, { minX: px, minY: py, maxX: Infinity, maxY: py }, (ax, ay, bx, by) => {
    if (ay > py !== by > py && px < ax + ((py - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    return false;
  });
  return inside;
}

/**
 * How feature f relates to a geometry with bounding box b, without clipping: when no edge of f meets
 * b, the whole box is inside f ('contains') or outside it ('disjoint'); otherwise 'crosses' and the
 * caller clips (which may still find no overlap).
 */
export function relate(f: Prepared<unknown>, b: Bbox): 'contains' | 'disjoint' | 'crosses' {
  if (f.bbox.maxX < b.minX || f.bbox.minX > b.maxX || f.bbox.maxY < b.minY || f.bbox.minY > b.maxY) return 'disjoint';
  if (someEdge(f, b, (ax, ay, bx, by) => segmentMeetsRect(ax, ay, bx, by, b))) return 'crosses';
  // the box centre is at least half a grid unit away from every edge of f
  return pointInside(f, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2) ? 'contains' : 'disjoint';
}

// GRS 80
const A = 6378137, E2 = 0.0066943800229;

/** Metres per grid unit in x (east) and y (north) at latitude lat (degrees), from the ellipsoid's radii. */
export function metresPerUnit(lat: number): { kx: number; ky: number } {
  const s = Math.sin((lat * Math.PI) / 180);
  const w = Math.sqrt(1 - E2 * s * s);
  const n = A / w, m = (A * (1 - E2)) / (w * w * w);
  const rad = Math.PI / 180 / SCALE;
  return { kx: n * Math.cos((lat * Math.PI) / 180) * rad, ky: m * rad };
}

/** Expands a box by d metres at its latitude, in grid units. */
export function expandBbox(b: Bbox, d: number): Bbox {
  const { kx, ky } = metresPerUnit(((b.minY + b.maxY) / 2 / SCALE));
  const dx = Math.ceil(d / kx), dy = Math.ceil(d / ky);
  return { minX: b.minX - dx, minY: b.minY - dy, maxX: b.maxX + dx, maxY: b.maxY + dy };
}

// module-level helpers rather than closures: the hot loops below call them per edge pair
function cross(ox: number, oy: number, px: number, py: number, qx: number, qy: number): number {
  return (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
}
/** Squared distance from point p to segment s–t. */
function pointSeg2(px: number, py: number, sx: number, sy: number, tx: number, ty: number): number {
  const vx = tx - sx, vy = ty - sy;
  const l2 = vx * vx + vy * vy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - sx) * vx + (py - sy) * vy) / l2));
  const ex = sx + t * vx - px, ey = sy + t * vy - py;
  return ex * ex + ey * ey;
}
function segSegDist2(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  const d1 = cross(cx, cy, dx, dy, ax, ay), d2 = cross(cx, cy, dx, dy, bx, by), d3 = cross(ax, ay, bx, by, cx, cy), d4 = cross(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.min(pointSeg2(ax, ay, cx, cy, dx, dy), pointSeg2(bx, by, cx, cy, dx, dy), pointSeg2(cx, cy, ax, ay, bx, by), pointSeg2(dx, dy, ax, ay, bx, by));
}

/**
 * Shortest distance in metres between the boundaries of canonical paths p (small, e.g. a patch) and
 * feature f, in a local equirectangular frame at p's latitude (fine at the few-kilometre distances
 * the overlay asks about); 0 when they overlap. Returns Infinity beyond maxM.
 */
export function distanceM(p: Paths64, pb: Bbox, f: Prepared<unknown>, maxM: number): number {
  const rel = relate(f, pb);
  if (rel === 'contains') return 0;
  const { kx, ky } = metresPerUnit((pb.minY + pb.maxY) / 2 / SCALE);
  const ox = pb.minX, oy = pb.minY;
  let best = Infinity;
  someEdge(f, expandBbox(pb, maxM), (ax, ay, bx, by) => {
    const [a1, a2, b1, b2] = [(ax - ox) * kx, (ay - oy) * ky, (bx - ox) * kx, (by - oy) * ky];
    for (const path of p)
      for (let i = 0; i < path.length; i++) {
        const s = path[i]!, t = path[(i + 1) % path.length]!;
        const d = segSegDist2(a1, a2, b1, b2, (s.x - ox) * kx, (s.y - oy) * ky, (t.x - ox) * kx, (t.y - oy) * ky);
        if (d < best) best = d;
      }
    return best === 0;
  });
  if (best > 0 && rel === 'crosses' && f.paths.length) {
    // f may lie wholly inside p: then every edge of f is inside and the distance is 0
    const v = f.paths[0]![0]!;
    let inside = false;
    for (const path of p)
      for (let i = 0; i < path.length; i++) {
        const a = path[i]!, b = path[(i + 1) % path.length]!;
        if (a.y > v.y !== b.y > v.y && v.x < a.x + ((v.y - a.y) * (b.x - a.x)) / (b.y - a.y)) inside = !inside;
      }
    if (inside) return 0;
  }
  const d = Math.sqrt(best);
  return d <= maxM ? d : Infinity;
}
