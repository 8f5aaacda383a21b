import type { Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selfIntersection } from '../src/rings.js';

/** The plain O(n²) search the sweep replaced: every non-adjacent pair, first by (i, j). The reference. */
function pairwise(ring: Position[], rows?: number[]): [number, number] | null {
  const d = (a: Position, b: Position, c: Position) => (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
  const on = (a: Position, b: Position, c: Position) =>
    Math.min(a[0]!, b[0]!) <= c[0]! && c[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= c[1]! && c[1]! <= Math.max(a[1]!, b[1]!);
  const cross = (p1: Position, p2: Position, p3: Position, p4: Position) => {
    const d1 = d(p3, p4, p1), d2 = d(p3, p4, p2), d3 = d(p1, p2, p3), d4 = d(p1, p2, p4);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    return (d1 === 0 && on(p3, p4, p1)) || (d2 === 0 && on(p3, p4, p2)) || (d3 === 0 && on(p1, p2, p3)) || (d4 === 0 && on(p1, p2, p4));
  };
  const n = ring.length - 1;
  for (const i of rows ?? Array.from({ length: Math.max(0, n) }, (_, k) => k)) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (cross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return [i, j];
    }
  }
  return null;
}

const close = (pts: Position[]) => [...pts, pts[0]!];

/** A star-shaped (hence simple) ring of k vertices around (cx, cy), radii 500–1000 m at random: very jagged when k is large. */
function star(k: number, cx = 111.5, cy = 38.7, seed = 1): Position[] {
  let s = seed;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const pts: Position[] = [];
  for (let i = 0; i < k; i++) {
    const a = ((i + 0.1 + rand() * 0.8) / k) * 2 * Math.PI, r = 0.005 + rand() * 0.005;
    pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return close(pts);
}

describe('selfIntersection', () => {
  it('finds the same first crossing pair as the pairwise search, on random rings (integer grids make touching and collinear cases common)', () => {
    const grid = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 3, maxLength: 40 });
    const floats = fc.array(fc.tuple(fc.double({ min: 100, max: 101, noNaN: true }), fc.double({ min: 30, max: 31, noNaN: true })), { minLength: 3, maxLength: 60 });
    fc.assert(fc.property(fc.oneof(grid, floats), (pts) => {
      const ring = close(pts as Position[]);
      expect(selfIntersection(ring)).toEqual(pairwise(ring));
    }), { numRuns: 3000 });
  });

  it('passes simple rings of every size and reports a bow tie, a spike back onto an edge and a repeated vertex', () => {
    for (const k of [3, 4, 5, 11, 12, 13, 31, 60, 500]) expect(selfIntersection(star(k, 111.5, 38.7, k))).toBeNull();
    expect(selfIntersection([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toEqual([0, 2]);
    // a long ring whose only crossing is between late edges: vertex 37 pulled across to the far side
    const big = star(40);
    const v = big[37]!;
    const pulled = [...big.slice(0, 37), [111.5 - 3 * (v[0]! - 111.5), 38.7 - 3 * (v[1]! - 38.7)], ...big.slice(38)];
    expect(selfIntersection(pulled)).toEqual(pairwise(pulled));
    expect(selfIntersection(pulled)![0]).toBeGreaterThan(0);
    // a figure of eight through one point (1,1) visited twice: edges touching there are reported
    const eight = close([[0, 0], [2, 0], [2, 2], [1, 1], [0, 2], [-1, 1], [1, 1], [0, 1.5], [-2, 0]] as Position[]);
    expect(selfIntersection(eight)).toEqual(pairwise(eight));
    expect(selfIntersection(eight)).not.toBeNull();
  });

  it('handles 20,000-vertex boundaries, smooth and jagged, in a fraction of the time the pairwise search takes (minutes)', () => {
    const smooth = close(Array.from({ length: 20_000 }, (_, i) => {
      const a = (i / 20_000) * 2 * Math.PI, r = 0.01 * (1 + 0.2 * Math.sin(7 * a));
      return [111.5 + r * Math.cos(a), 38.7 + r * Math.sin(a)];
    }));
    const t00 = performance.now();
    expect(selfIntersection(smooth)).toBeNull();
    expect(performance.now() - t00).toBeLessThan(3000);
    const ring = star(20_000);
    const t0 = performance.now();
    expect(selfIntersection(ring)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(3000);
    // a spike from the north vertex 5000 to the centre crosses nothing in a star; one beyond the south side does
    const bent = [...ring.slice(0, 5000), [111.5, 38.7], ...ring.slice(5001)];
    const far = [...ring.slice(0, 5000), [111.5, 38.7 - 0.02], ...ring.slice(5001)];
    expect(selfIntersection(bent)).toBeNull();
    const t1 = performance.now();
    const found = selfIntersection(far);
    expect(performance.now() - t1).toBeLessThan(3000);
    // edges before 4999 belong to the star and cross nothing: the first pair is in row 4999
    expect(found).toEqual(pairwise(far, [4999]));
    expect(found![1]).toBeGreaterThan(14_000);
  });
});
