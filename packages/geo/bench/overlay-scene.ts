/**
 * Times classifyPatches on a generated scene of the size the issue names (50,000 patches, 20,000
 * licences, 2,000 protected areas, 5,000 temporary-land approvals) and prints class counts.
 * Deterministic (seeded), so the same scene can be loaded into PostGIS for the comparison:
 *
 *   node --import tsx packages/geo/bench/overlay-scene.ts                 # time ours
 *   SCENE_OUT=/tmp/scene node --import tsx packages/geo/bench/overlay-scene.ts   # also write the four layers as GeoJSON
 *
 * Sizes: BENCH_PATCHES, BENCH_LICENCES, BENCH_PROTECTED, BENCH_TEMPORARY.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Feature, Polygon, Position } from 'geojson';
import { classifyPatches, OVERLAY_CLASSES, type OverlayClass } from '../src/overlay.js';

const N = {
  patches: Number(process.env.BENCH_PATCHES ?? 50_000),
  licences: Number(process.env.BENCH_LICENCES ?? 20_000),
  protected: Number(process.env.BENCH_PROTECTED ?? 2_000),
  temporary: Number(process.env.BENCH_TEMPORARY ?? 5_000),
};

let seed = 20251123;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// 2° × 2° around 岢岚/保德 (Shanxi): 20,000 licences ≈ one per 2 km²
const LON0 = 111, LAT0 = 38, SPAN = 2, K = 1 / Math.cos((39 * Math.PI) / 180);

/** Irregular star-shaped polygon, radius in degrees of latitude. */
function blob(cx: number, cy: number, r: number, n: number): Polygon {
  const ring: Position[] = [];
  const phase = rnd() * 6.283;
  for (let i = 0; i < n; i++) {
    const a = phase + (i / n) * 2 * Math.PI, d = r * (0.6 + 0.4 * rnd());
    ring.push([+(cx + Math.cos(a) * d * K).toFixed(8), +(cy + Math.sin(a) * d).toFixed(8)]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}
const feature = <P>(id: string, geometry: Polygon, properties: P): Feature<Polygon, P> => ({ type: 'Feature', id, properties, geometry });
const date = (y0: number, y1: number) => {
  const d = new Date(Date.UTC(y0, 0, 1) + rnd() * (Date.UTC(y1, 0, 1) - Date.UTC(y0, 0, 1)));
  return d.toISOString().slice(0, 10);
};

const centres: [number, number][] = [];
const licences = Array.from({ length: N.licences }, (_, i) => {
  const c: [number, number] = [LON0 + rnd() * SPAN, LAT0 + rnd() * SPAN];
  centres.push(c);
  return feature(`L${i}`, blob(c[0], c[1], 0.002 + rnd() * 0.006, 4 + Math.floor(rnd() * 12)), { id: `L${i}`, holder: `H${i % 12000}`, validFrom: date(2005, 2018), validTo: date(2024, 2035) });
});
const protectedAreas = Array.from({ length: N.protected }, (_, i) =>
  feature(`R${i}`, blob(LON0 + rnd() * SPAN, LAT0 + rnd() * SPAN, 0.005 + rnd() * 0.03, 32 + Math.floor(rnd() * 600)), { id: `R${i}`, kind: rnd() < 0.3 ? 'water_source' : 'nature_reserve' }),
);
const temporaryLand = Array.from({ length: N.temporary }, (_, i) => {
  const l = Math.floor(rnd() * N.licences);
  const [cx, cy] = centres[l]!;
  const a = rnd() * 6.283;
  return feature(`T${i}`, blob(cx + Math.cos(a) * 0.006 * K, cy + Math.sin(a) * 0.006, 0.001 + rnd() * 0.002, 4 + Math.floor(rnd() * 6)), {
    id: `T${i}`,
    holder: `H${l % 12000}`,
    approvedOn: date(2022, 2026),
    expiresOn: date(2026, 2029),
  });
});
const patches = Array.from({ length: N.patches }, (_, i) => {
  const k = rnd();
  let cx: number, cy: number;
  if (k < 0.6) {
    // around a licence: inside, across its boundary, or just outside
    const [lx, ly] = centres[Math.floor(rnd() * N.licences)]!;
    const a = rnd() * 6.283, d = rnd() * 0.009;
    [cx, cy] = [lx + Math.cos(a) * d * K, ly + Math.sin(a) * d];
  } else [cx, cy] = [LON0 + rnd() * SPAN, LAT0 + rnd() * SPAN];
  return feature(`P${i}`, blob(cx, cy, 0.0003 + rnd() * 0.0015, 4 + Math.floor(rnd() * 14)), { id: `P${i}`, detectedOn: '2025-06-01' });
});

if (process.env.SCENE_OUT) {
  mkdirSync(process.env.SCENE_OUT, { recursive: true });
  for (const [name, fs] of Object.entries({ patches, licences, protectedAreas, temporaryLand }))
    writeFileSync(`${process.env.SCENE_OUT}/${name}.geojson`, JSON.stringify({ type: 'FeatureCollection', features: fs }));
  console.log(`wrote the scene to ${process.env.SCENE_OUT}`);
}

// CPU time as well as wall time: on a shared machine the wall clock also counts other processes
const cpu = (f: () => void) => {
  const c0 = process.cpuUsage(), t = performance.now();
  f();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t, cpu: (c.user + c.system) / 1000 };
};
const prep = cpu(() => classifyPatches({ patches: [], licences, protectedAreas, temporaryLand }));
let res!: ReturnType<typeof classifyPatches>;
const run = cpu(() => (res = classifyPatches({ patches, licences, protectedAreas, temporaryLand }, { geometry: false })));
const ms = run.wall;
console.log(`layer preparation alone (canonicalise + index ${N.licences + N.protected + N.temporary} features): wall ${prep.wall.toFixed(0)} ms, CPU ${prep.cpu.toFixed(0)} ms`);
console.log(`whole call: wall ${run.wall.toFixed(0)} ms, CPU ${run.cpu.toFixed(0)} ms`);
const t1 = performance.now();
classifyPatches({ patches: patches.slice(0, 5000), licences, protectedAreas, temporaryLand });
const msGeom = performance.now() - t1;
const counts = {} as Record<OverlayClass, number>;
for (const p of res.patches) for (const c of p.classes) counts[c] = (counts[c] ?? 0) + 1;
const mu = (f: (p: (typeof res.patches)[number]) => number) => res.patches.reduce((s, p) => s + f(p), 0).toFixed(1);
console.log(`${N.patches} patches × ${N.licences} licences, ${N.protected} protected areas, ${N.temporary} approvals: ${ms.toFixed(0)} ms (${((ms / N.patches) * 1000).toFixed(0)} µs/patch, without geometries)`);
console.log(`first 5000 patches with outside/unapproved geometries: ${msGeom.toFixed(0)} ms`);
for (const [c, n] of Object.entries(counts)) console.log(`  ${c} (${OVERLAY_CLASSES[c as OverlayClass].zh}): ${n}`);
console.log(`  inside ${mu((p) => p.inside.mu)} 亩, outside ${mu((p) => p.outside.mu)} 亩, unapproved ${mu((p) => p.unapproved.mu)} 亩, protected ${mu((p) => p.protectedTotal.mu)} 亩; skipped layer features: ${res.skipped.length}`);
