import Flatbush from 'flatbush';
import type { Position } from 'geojson';

/** Whether c, known to be collinear with ab, lies within ab's box. */
function on(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/**
 * Whether segments p1p2 and p3p4 properly cross or touch (planar; fine at licence-block scale).
 * Plain numbers, no closures: it runs for every candidate pair of every imported ring.
 */
function segmentsIntersect(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, x4: number, y4: number): boolean {
  const d1 = (x4 - x3) * (y1 - y3) - (y4 - y3) * (x1 - x3); // p1 against p3p4
  const d2 = (x4 - x3) * (y2 - y3) - (y4 - y3) * (x2 - x3); // p2 against p3p4
  const d3 = (x2 - x1) * (y3 - y1) - (y2 - y1) * (x3 - x1); // p3 against p1p2
  const d4 = (x2 - x1) * (y4 - y1) - (y2 - y1) * (x4 - x1); // p4 against p1p2
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  // collinear touching: an endpoint of one lies on the other (inside its box)
  return (d1 === 0 && on(x3, y3, x4, y4, x1, y1)) || (d2 === 0 && on(x3, y3, x4, y4, x2, y2)) || (d3 === 0 && on(x1, y1, x2, y2, x3, y3)) || (d4 === 0 && on(x1, y1, x2, y2, x4, y4));
}

/** Below this many edges the plain pairwise test is cheaper than building an index. */
const INDEX_FROM = 24;

/**
 * Finds the first pair (lowest i, then lowest j) of non-adjacent edges of a closed ring (first
 * point repeated last) that intersect; returns their 0-based edge indices, or null for a simple
 * ring. Small rings test every pair; larger ones test only pairs whose boxes overlap, found with
 * a packed R-tree of the edges (O(n log n) plus the overlapping pairs), so surveyed boundaries of
 * tens of thousands of vertices stay fast.
 */
export function selfIntersection(ring: Position[]): [number, number] | null {
  const n = ring.length - 1;
  if (n < 4) return null; // three edges are pairwise adjacent
  const xs = new Float64Array(n + 1), ys = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    xs[k] = ring[k]![0]!;
    ys[k] = ring[k]![1]!;
  }
  if (n < INDEX_FROM) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 2; j < n; j++) {
        if (i === 0 && j === n - 1) continue; // adjacent through the closing vertex
        if (segmentsIntersect(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, xs[j]!, ys[j]!, xs[j + 1]!, ys[j + 1]!)) return [i, j];
      }
    }
    return null;
  }
  // Edge e's box; ids are edge indices. Two edges that intersect share a point, so their boxes overlap.
  const index = new Flatbush(n);
  for (let e = 0; e < n; e++) index.add(Math.min(xs[e]!, xs[e + 1]!), Math.min(ys[e]!, ys[e + 1]!), Math.max(xs[e]!, xs[e + 1]!), Math.max(ys[e]!, ys[e + 1]!));
  index.finish();
  let i = 0, bestJ = n;
  const visit = (j: number): boolean => {
    if (j > i + 1 && j < bestJ && !(i === 0 && j === n - 1) && segmentsIntersect(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, xs[j]!, ys[j]!, xs[j + 1]!, ys[j + 1]!)) bestJ = j;
    return false; // nothing to collect: bestJ is the answer
  };
  for (; i < n; i++) {
    index.search(Math.min(xs[i]!, xs[i + 1]!), Math.min(ys[i]!, ys[i + 1]!), Math.max(xs[i]!, xs[i + 1]!), Math.max(ys[i]!, ys[i + 1]!), visit);
    if (bestJ < n) return [i, bestJ];
  }
  return null;
}

export const closeRing = (pts: Position[]): Position[] => {
  const a = pts[0]!, b = pts[pts.length - 1]!;
  return a[0] === b[0] && a[1] === b[1] ? pts : [...pts, a];
};
