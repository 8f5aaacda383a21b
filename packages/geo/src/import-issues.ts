import type { Feature, Geometry, Position } from 'geojson';
import { inChina } from './crs.js';
import { selfIntersection } from './rings.js';

/**
 * One problem found while importing geometry: which feature (0-based index, and its id/name when
 * the source has one), which ring and vertex, and why. Readers collect all issues and throw one
 * GeoImportError, so an import is all-or-nothing.
 */
export interface GeoIssue {
  feature: number;
  label?: string;
  ring?: number;
  vertex?: number;
  message: string;
}

export class GeoImportError extends Error {
  constructor(readonly issues: GeoIssue[]) {
    super(
      issues
        .slice(0, 20)
        .map((i) => `feature ${i.feature}${i.label ? ` (${i.label})` : ''}${i.ring !== undefined ? ` ring ${i.ring}` : ''}${i.vertex !== undefined ? ` vertex ${i.vertex}` : ''}: ${i.message}`)
        .join('; ') + (issues.length > 20 ? `; … ${issues.length - 20} more` : ''),
    );
  }
}

function checkRing(ring: Position[], feature: number, ringNo: number, label: string | undefined, out: GeoIssue[]): void {
  const at = () => ({ feature, ring: ringNo, ...(label ? { label } : {}) });
  if (ring.length < 4) {
    out.push({ ...at(), message: `a ring needs at least 4 positions (3 corners and the first repeated), got ${ring.length}` });
    return;
  }
  const a = ring[0]!, b = ring[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) {
    out.push({ ...at(), message: `ring is not closed: the last position ${b[0]},${b[1]} differs from the first ${a[0]},${a[1]}` });
    return;
  }
  let repeats = false;
  for (let k = 0; k < ring.length; k++) {
    const p = ring[k]!;
    const x = p[0]!, y = p[1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      out.push({ ...at(), vertex: k, message: 'coordinate is not a number' });
      return;
    }
    if (!inChina(x, y)) {
      out.push({ ...at(), vertex: k, message: `${x}, ${y} is not a longitude/latitude in China${inChina(y, x) ? ' (longitude and latitude look swapped)' : ''}` });
      return;
    }
    if (k > 0 && x === ring[k - 1]![0] && y === ring[k - 1]![1]) repeats = true;
  }
  // Consecutive duplicate vertices are harmless; drop them before the crossing test.
  const simple = repeats ? ring.filter((p, k) => k === 0 || p[0] !== ring[k - 1]![0] || p[1] !== ring[k - 1]![1]) : ring;
  const cross = selfIntersection(simple);
  if (cross) out.push({ ...at(), vertex: cross[0], message: `ring intersects itself: edge ${cross[0]} crosses edge ${cross[1]}` });
}

/**
 * Checks a lon/lat geometry for import: Point/MultiPoint inside China; Polygon/MultiPolygon rings
 * closed, at least 3 corners, inside China, not self-intersecting. Appends issues to `out`.
 */
export function checkGeometry(g: Geometry | null, feature: number, label: string | undefined, out: GeoIssue[]): void {
  if (!g) {
    out.push({ feature, ...(label ? { label } : {}), message: 'feature has no geometry' });
    return;
  }
  switch (g.type) {
    case 'Point':
      if (!inChina(g.coordinates[0]!, g.coordinates[1]!)) out.push({ feature, ...(label ? { label } : {}), message: `point ${g.coordinates.join(', ')} is not a longitude/latitude in China` });
      return;
    case 'MultiPoint':
      g.coordinates.forEach((c, k) => {
        if (!inChina(c[0]!, c[1]!)) out.push({ feature, vertex: k, ...(label ? { label } : {}), message: `point ${c.join(', ')} is not a longitude/latitude in China` });
      });
      return;
    case 'Polygon':
      g.coordinates.forEach((r, k) => checkRing(r, feature, k, label, out));
      return;
    case 'MultiPolygon':
      g.coordinates.forEach((poly, p) => poly.forEach((r, k) => checkRing(r, feature, p * 1000 + k, label, out)));
      return;
    default:
      out.push({ feature, ...(label ? { label } : {}), message: `geometry type ${g.type} is not supported (points and polygons only)` });
  }
}

/** A readable label for a feature: its id or a name-like property. */
export function featureLabel(f: Feature): string | undefined {
  const p = (f.properties ?? {}) as Record<string, unknown>;
  const v = f.id ?? p['name'] ?? p['名称'] ?? p['图斑编号'] ?? p['TBBH'] ?? p['NAME'];
  return v === undefined || v === null ? undefined : String(v);
}
