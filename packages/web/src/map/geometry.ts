import type { LngLatBoundsLike } from 'maplibre-gl';

/** Plain geometry helpers (no maplibre code, no CSS), usable outside the lazily loaded map chunks. */

export type Bbox = [number, number, number, number];

/** Bounds of a GeoJSON geometry's coordinates, or null when it has none. */
export function geometryBounds(geometry: unknown): Bbox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const inner of c) visit(inner);
  };
  if (geometry && typeof geometry === 'object') visit((geometry as { coordinates?: unknown }).coordinates);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** Union of boxes, or null for none. */
export function unionBbox(boxes: readonly (Bbox | null)[]): Bbox | null {
  let out: Bbox | null = null;
  for (const b of boxes) {
    if (!b) continue;
    out = out
      ? [Math.min(out[0], b[0]), Math.min(out[1], b[1]), Math.max(out[2], b[2]), Math.max(out[3], b[3])]
      : [...b];
  }
  return out;
}

/** Bounds MapLibre can fit: a lone point gets a small box around it. */
export function fitBounds(b: Bbox): LngLatBoundsLike {
  const pad = 0.005;
  return b[0] === b[2] && b[1] === b[3] ? [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad] : b;
}

export const boxesOverlap = (a: Bbox, b: Bbox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
