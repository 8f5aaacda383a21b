/**
 * Writes the overlay fixtures: test/overlay/in/<scene>.geojson (patches and layers, each feature
 * tagged with properties.layer) and test/overlay/out/<scene>.geojson (what classifyPatches must
 * return). The expected areas do NOT come from the engine: every shape is a lon/lat rectangle, and the
 * area of a rectangle bounded by meridians and parallels on GRS 80 is exact in closed form through the
 * authalic latitude function q(φ) (Snyder, Map Projections — A Working Manual, eq. 3-12):
 *   A = a²/2 · Δλ · (q(φ₂) − q(φ₁)),  q(φ) = (1 − e²)[sin φ/(1 − e² sin² φ) − 1/(2e) ln((1 − e sin φ)/(1 + e sin φ))].
 * (The engine's edges are geodesics, not parallels; for these ≤ 1 km rectangles the two differ by
 * < 0.01 m², see the tolerance in overlay.test.ts.) Overlaps and differences of rectangles are
 * rectangles, so every expected figure is a sum of such closed-form areas.
 *
 *   node --import tsx packages/geo/test/overlay/make-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';

const a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f), e = Math.sqrt(e2);
const q = (phi: number) => {
  const s = Math.sin(phi);
  return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * Math.log((1 - e * s) / (1 + e * s)));
};
const RAD = Math.PI / 180;
// scene origin near 岢岚县 (Kelan, 140929); one unit = 1e-3° (≈ 87 m east, 111 m north)
const X0 = 111.5, Y0 = 38.6, U = 1e-3;

type R = [number, number, number, number]; // x0, y0, x1, y1 in units
const lon = (x: number) => +(X0 + x * U).toFixed(9);
const lat = (y: number) => +(Y0 + y * U).toFixed(9);
export function rectAreaM2([x0, y0, x1, y1]: R): number {
  if (x1 <= x0 || y1 <= y0) return 0;
  return ((a * a) / 2) * (lon(x1) - lon(x0)) * RAD * (q(lat(y1) * RAD) - q(lat(y0) * RAD));
}
const inter = (p: R, r: R): R => [Math.max(p[0], r[0]), Math.max(p[1], r[1]), Math.min(p[2], r[2]), Math.min(p[3], r[3])];
const ring = ([x0, y0, x1, y1]: R) => [[lon(x0), lat(y0)], [lon(x1), lat(y0)], [lon(x1), lat(y1)], [lon(x0), lat(y1)], [lon(x0), lat(y0)]];
const feature = (layer: string, id: string, r: R | null, props: Record<string, unknown> = {}, geometry?: unknown) => ({
  type: 'Feature',
  id,
  properties: { layer, ...props },
  geometry: geometry ?? (r ? { type: 'Polygon', coordinates: [ring(r)] } : null),
});

interface Expect {
  id: string;
  classes: string[];
  error?: string;
  areaM2?: number;
  insideM2?: number;
  outsideM2?: number;
  unapprovedM2?: number;
  protectedTotalM2?: number;
  protectedAreas?: Record<string, number>;
  beforeApprovalM2?: number;
  beyondApprovalM2?: number;
  elsewhereM2?: number;
  elsewhereApprovals?: string[];
  holders?: string[];
  /** inside area per licence id */
  licences?: Record<string, number>;
  /** bounding box (lon/lat) of the expected unapproved geometry, when it is one rectangle */
  unapprovedBbox?: number[];
}

const box = ([x0, y0, x1, y1]: R) => [lon(x0), lat(y0), lon(x1), lat(y1)];
const scenes: Record<string, { features: unknown[]; expect: Expect[]; skipped?: { layer: string; id: string; reason: string }[] }> = {};

// 证内: a patch inside one licence, another inside two adjacent licences that share an edge
{
  const L1: R = [0, 0, 10, 10], L2: R = [10, 0, 20, 10];
  const P1: R = [2, 2, 4, 4], P2: R = [8, 5, 12, 7];
  scenes['inside-licence'] = {
    features: [feature('licence', 'L1', L1, { holder: 'H1' }), feature('licence', 'L2', L2, { holder: 'H1' }), feature('patch', 'P1', P1), feature('patch', 'P2', P2)],
    expect: [
      { id: 'P1', classes: ['inside_licence'], areaM2: rectAreaM2(P1), insideM2: rectAreaM2(P1), outsideM2: 0, unapprovedM2: 0 },
      { id: 'P2', classes: ['inside_licence'], areaM2: rectAreaM2(P2), insideM2: rectAreaM2(P2), outsideM2: 0, unapprovedM2: 0, licences: { L1: rectAreaM2(inter(P2, L1)), L2: rectAreaM2(inter(P2, L2)) } },
    ],
  };
}
// 越界: a patch across the east boundary; the outside part is a rectangle
{
  const L: R = [0, 0, 10, 10], P: R = [8, 2, 13, 4], out: R = [10, 2, 13, 4];
  scenes['over-boundary'] = {
    features: [feature('licence', 'L1', L, { holder: 'H1' }), feature('patch', 'P1', P, { detectedOn: '2025-05-01' })],
    expect: [{ id: 'P1', classes: ['over_boundary'], areaM2: rectAreaM2(P), insideM2: rectAreaM2(inter(P, L)), outsideM2: rectAreaM2(out), unapprovedM2: rectAreaM2(out), holders: ['H1'], unapprovedBbox: box(out) }],
  };
}
// 无证: far from any licence; a sliver overlap below tolerance; a licence expired before the imagery
{
  const L: R = [0, 0, 10, 10], Lx: R = [30, 0, 40, 10];
  const P1: R = [20, 0, 23, 2], P2: R = [9.99999, 2, 14, 4], P3: R = [32, 2, 34, 4];
  scenes['no-licence'] = {
    features: [
      feature('licence', 'L1', L, { holder: 'H1' }),
      feature('licence', 'L9', Lx, { holder: 'H9', validFrom: '2010-01-01', validTo: '2020-12-31' }),
      feature('patch', 'far', P1),
      feature('patch', 'sliver', P2),
      feature('patch', 'expired', P3, { detectedOn: '2025-05-01' }),
    ],
    expect: [
      { id: 'far', classes: ['no_licence'], areaM2: rectAreaM2(P1), insideM2: 0, outsideM2: rectAreaM2(P1), unapprovedM2: rectAreaM2(P1), holders: [] },
      // 0.87 mm × 222 m ≈ 0.19 m² inside: below the 10 m² tolerance. The patch touches L1, so it is
      // attributed to H1, who has no temporary-land approval: 未批先占 as well.
      { id: 'sliver', classes: ['no_licence', 'temporary_unapproved'], areaM2: rectAreaM2(P2), insideM2: rectAreaM2(inter(P2, L)), outsideM2: rectAreaM2([10, 2, 14, 4]), holders: ['H1'], beforeApprovalM2: rectAreaM2([10, 2, 14, 4]) },
      { id: 'expired', classes: ['no_licence'], areaM2: rectAreaM2(P3), insideM2: 0, outsideM2: rectAreaM2(P3), holders: [] },
    ],
  };
}
// 保护区/水源地: a nature reserve and a water-source area overlapping each other
{
  const R1: R = [30, 0, 40, 10], W: R = [36, 0, 45, 10], P: R = [34, 2, 38, 4], Q: R = [41, 8, 44, 12];
  scenes['protected-area'] = {
    features: [feature('protectedArea', 'reserve', R1, { kind: 'nature_reserve', name: '芦芽山保护区' }), feature('protectedArea', 'water', W, { kind: 'water_source' }), feature('patch', 'P1', P), feature('patch', 'P2', Q)],
    expect: [
      { id: 'P1', classes: ['no_licence', 'protected_area'], areaM2: rectAreaM2(P), protectedTotalM2: rectAreaM2(P), protectedAreas: { reserve: rectAreaM2(inter(P, R1)), water: rectAreaM2(inter(P, W)) } },
      { id: 'P2', classes: ['no_licence', 'protected_area'], areaM2: rectAreaM2(Q), protectedTotalM2: rectAreaM2(inter(Q, W)), protectedAreas: { water: rectAreaM2(inter(Q, W)) } },
    ],
  };
}
// 批小占大: approved temporary land east of the licence, the patch runs beyond it
{
  const L: R = [50, 0, 60, 10], T: R = [60, 0, 64, 10], P: R = [61, 2, 66, 4], beyond: R = [64, 2, 66, 4];
  scenes['temporary-exceeds'] = {
    features: [feature('licence', 'L2', L, { holder: 'H2' }), feature('temporaryLand', 'T1', T, { holder: 'H2', approvedOn: '2024-01-01', expiresOn: '2026-12-31' }), feature('patch', 'P1', P, { detectedOn: '2025-03-01' })],
    expect: [{ id: 'P1', classes: ['no_licence', 'temporary_exceeds'], areaM2: rectAreaM2(P), insideM2: 0, outsideM2: rectAreaM2(P), unapprovedM2: rectAreaM2(beyond), beyondApprovalM2: rectAreaM2(beyond), holders: ['H2'], unapprovedBbox: box(beyond) }],
  };
}
// 未批先占: (a) land occupied before its approval was issued; (b) next to the holder's licence, with no approval at all
{
  const L: R = [50, 20, 60, 30], T: R = [60, 20, 64, 30], P: R = [61, 22, 63, 24], L3: R = [70, 20, 80, 30], Q: R = [80.5, 22, 82, 24];
  scenes['temporary-unapproved'] = {
    features: [
      feature('licence', 'L2', L, { holder: 'H2' }),
      feature('temporaryLand', 'T2', T, { holder: 'H2', approvedOn: '2025-06-01' }),
      feature('patch', 'before', P, { detectedOn: '2025-03-01' }),
      feature('licence', 'L4', L3, { holder: 'H4' }),
      feature('patch', 'none', Q, { detectedOn: '2025-03-01' }),
    ],
    expect: [
      { id: 'before', classes: ['no_licence', 'temporary_unapproved'], areaM2: rectAreaM2(P), unapprovedM2: rectAreaM2(P), beforeApprovalM2: rectAreaM2(P), holders: ['H2'] },
      // 0.5e-3° ≈ 43 m from L4's boundary: within holderDistanceM (200 m), so attributed to H4
      { id: 'none', classes: ['no_licence', 'temporary_unapproved'], areaM2: rectAreaM2(Q), unapprovedM2: rectAreaM2(Q), beforeApprovalM2: rectAreaM2(Q), holders: ['H4'] },
    ],
  };
}
// 批东占西: the holder's approval lies south of where the land is occupied
{
  const L: R = [80, 0, 90, 10], T: R = [90, 0, 94, 4], P: R = [90.5, 6, 93, 9];
  scenes['temporary-elsewhere'] = {
    features: [feature('licence', 'L3', L, { holder: 'H3' }), feature('temporaryLand', 'T3', T, { holder: 'H3', approvedOn: '2024-01-01' }), feature('patch', 'P1', P, { detectedOn: '2025-03-01' })],
    expect: [{ id: 'P1', classes: ['no_licence', 'temporary_elsewhere'], areaM2: rectAreaM2(P), unapprovedM2: rectAreaM2(P), elsewhereM2: rectAreaM2(P), elsewhereApprovals: ['T3'], holders: ['H3'] }],
  };
}
// 已批临时用地: wholly on valid approved temporary land. The same place after the approval expired:
// an expired approval is no approval and the holder has no other, so 无证 + 未批先占.
{
  const L: R = [80, 0, 90, 10], T: R = [90, 0, 94, 4], P: R = [91, 1, 93, 3];
  scenes['approved-temporary-land'] = {
    features: [
      feature('licence', 'L3', L, { holder: 'H3' }),
      feature('temporaryLand', 'T3', T, { holder: 'H3', approvedOn: '2024-01-01', expiresOn: '2025-12-31' }),
      feature('patch', 'valid', P, { detectedOn: '2025-03-01' }),
      feature('patch', 'after-expiry', P, { detectedOn: '2026-03-01' }),
    ],
    expect: [
      { id: 'valid', classes: ['approved_temporary_land'], areaM2: rectAreaM2(P), insideM2: 0, outsideM2: rectAreaM2(P), unapprovedM2: 0, holders: ['H3'] },
      { id: 'after-expiry', classes: ['no_licence', 'temporary_unapproved'], areaM2: rectAreaM2(P), unapprovedM2: rectAreaM2(P), beforeApprovalM2: rectAreaM2(P), holders: ['H3'] },
    ],
  };
}
// patches that cannot be processed, and layer features that are skipped
{
  scenes['errors'] = {
    features: [
      feature('licence', 'L1', [0, 0, 10, 10]),
      feature('licence', 'bad-date', [20, 0, 30, 10], { validTo: '31/12/2025' }),
      feature('patch', 'collinear', null, {}, { type: 'Polygon', coordinates: [[[lon(1), lat(1)], [lon(2), lat(2)], [lon(3), lat(3)], [lon(1), lat(1)]]] }),
      feature('patch', 'nan', null, {}, { type: 'Polygon', coordinates: [[[lon(1), lat(1)], ['x', lat(2)], [lon(3), lat(1)], [lon(1), lat(1)]]] }),
      feature('patch', 'point', null, {}, { type: 'Point', coordinates: [lon(1), lat(1)] }),
      feature('patch', 'no-geometry', null),
      feature('patch', 'swapped', null, {}, { type: 'Polygon', coordinates: [[[lat(1), lon(1)], [lat(2), lon(1)], [lat(2), lon(2)], [lat(1), lon(1)]]] }),
      feature('patch', 'bad-date', [1, 1, 2, 2], { detectedOn: '2025-13-01' }),
      feature('patch', 'ok', [1, 1, 2, 2]),
    ],
    expect: [
      { id: 'collinear', classes: ['error'], error: 'zero area' },
      { id: 'nan', classes: ['error'], error: 'polygon 0 ring 0 vertex 1: not a pair of finite numbers' },
      { id: 'point', classes: ['error'], error: 'geometry is Point, expected Polygon or MultiPolygon' },
      { id: 'no-geometry', classes: ['error'], error: 'no geometry' },
      { id: 'swapped', classes: ['error'], error: 'is not lon/lat degrees' },
      { id: 'bad-date', classes: ['error'], error: 'detectedOn "2025-13-01" is not an ISO date' },
      { id: 'ok', classes: ['inside_licence'], areaM2: rectAreaM2([1, 1, 2, 2]), insideM2: rectAreaM2([1, 1, 2, 2]) },
    ],
    skipped: [{ layer: 'licence', id: 'bad-date', reason: 'validTo "31/12/2025" is not an ISO date (YYYY-MM-DD)' }],
  };
}

const dir = new URL('./', import.meta.url);
mkdirSync(new URL('in/', dir), { recursive: true });
mkdirSync(new URL('out/', dir), { recursive: true });
for (const [name, s] of Object.entries(scenes)) {
  writeFileSync(new URL(`in/${name}.geojson`, dir), JSON.stringify({ type: 'FeatureCollection', features: s.features }, null, 1) + '\n');
  const out = {
    type: 'FeatureCollection',
    skipped: s.skipped ?? [],
    features: s.expect.map((x) => ({ type: 'Feature', id: x.id, properties: x, geometry: null })),
  };
  writeFileSync(new URL(`out/${name}.geojson`, dir), JSON.stringify(out, null, 1) + '\n');
}
console.log(`wrote ${Object.keys(scenes).length} scenes`);
