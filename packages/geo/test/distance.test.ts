import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { distanceToGeometry, geodesicDistance } from '../src/index.js';

/** PROJ's geod (Debian proj-bin, installed by .ci/run) as the independent oracle: metres on GRS 80. */
function geod(pairs: [Position, Position][]): number[] {
  if (!existsSync('/usr/bin/geod')) throw new Error('geod missing: apt-get install -y proj-bin (.ci/run does this)');
  const input = pairs.map(([a, b]) => `${a[1]} ${a[0]} ${b[1]} ${b[0]}`).join('\n') + '\n';
  const out = execFileSync('geod', ['+ellps=GRS80', '-I', '+units=m', '-f', '%.6f'], { input }).toString();
  return out.trim().split('\n').map((l) => Number(l.trim().split(/\s+/)[2]));
}

describe('geodesic distance', () => {
  it('matches PROJ geod for short and long pairs', () => {
    const pairs: [Position, Position][] = [
      [[98.5856, 24.4331], [98.6, 24.4]],
      [[111.5, 38.7], [111.5001, 38.7001]],
      [[109.97, 40.4], [105.18, 37.5]],
      [[-58.3816, -34.6037], [98.6, 24.4]],
    ];
    const want = geod(pairs);
    pairs.forEach(([a, b], i) => expect(geodesicDistance(a, b)).toBeCloseTo(want[i]!, 3));
  });
});

describe('distance to a site geometry', () => {
  // A 0.01° square near 芒市 with a 0.002° hole in the middle.
  const square: Position[] = [[98.6, 24.4], [98.61, 24.4], [98.61, 24.41], [98.6, 24.41], [98.6, 24.4]];
  const hole: Position[] = [[98.604, 24.404], [98.606, 24.404], [98.606, 24.406], [98.604, 24.406], [98.604, 24.404]];

  it('is 0 inside a polygon and not inside its hole', () => {
    expect(distanceToGeometry([98.601, 24.401], { type: 'Polygon', coordinates: [square] })).toBe(0);
    const inHole = distanceToGeometry([98.605, 24.405], { type: 'Polygon', coordinates: [square, hole] });
    // from the hole's centre to its nearest edge: 0.001° of longitude or latitude, whichever is shorter
    const want = Math.min(...geod([[[98.605, 24.405], [98.604, 24.405]], [[98.605, 24.405], [98.605, 24.404]]]));
    expect(inHole).toBeCloseTo(want, 1);
  });

  it('measures to the nearest edge, not the nearest vertex', () => {
    // due east of the middle of the east edge: the foot point is on the edge, not a corner
    const p: Position = [98.62, 24.405];
    const [toFoot, toCorner] = geod([[p, [98.61, 24.405]], [p, [98.61, 24.41]]]);
    const d = distanceToGeometry(p, { type: 'MultiPolygon', coordinates: [[square]] });
    expect(d).toBeCloseTo(toFoot!, 0);
    expect(d).toBeLessThan(toCorner!);
  });

  it('takes the nearest of several points', () => {
    const p: Position = [98.5856, 24.4331];
    const [near] = geod([[p, [98.59, 24.43]]]);
    expect(distanceToGeometry(p, { type: 'MultiPoint', coordinates: [[100, 30], [98.59, 24.43]] })).toBeCloseTo(near!, 3);
  });
});
