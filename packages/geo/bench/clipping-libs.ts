/**
 * Polygon-clipping libraries compared on the overlay engine's workload (issue #3, M4).
 *
 *   npm install --no-save polyclip-ts polygon-clipping martinez-polygon-clipping jsts clipper2-ts flatbush
 *   node --import tsx packages/geo/bench/clipping-libs.ts            # BENCH_PATCHES=5000 BENCH_LICENCES=2000
 *
 * A library that is not installed is skipped with a note. For each library, in its own child process:
 *  1. workload: generated licences (irregular polygons, some pairs sharing an edge exactly) and change
 *     patches (inside, straddling, outside, some with vertices snapped onto licence vertices); for each
 *     patch, candidates by flatbush bbox search, then patch ∩ ∪candidates and patch − ∪candidates as
 *     GeoJSON MultiPolygon coordinates (conversion included). Reports time, the largest
 *     |inside + outside − patch| / patch (planar, shoelace) and disagreement with the other libraries.
 *  2. degenerate battery: named cases (duplicate vertices, slivers, touching rings, shared edges,
 *     self-touching ring, zero area, bow-tie, near-coincident edges) and BENCH_RANDOM random polygons on
 *     a coarse grid (collinear, coincident and self-intersecting edges are frequent), each through
 *     intersection, difference and union. A throw is counted; a case that does not finish within
 *     HANG_MS is counted as a hang (the child is killed and a new one resumes after the case); a result whose
 *     areas are inconsistent (|A∩B| + |A−B| ≠ |A| for a simple A) is counted as wrong.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

type Ring = number[][];
type Poly = Ring[];
type MP = Poly[];

interface Lib {
  name: string;
  /** a ∩ (b1 ∪ b2 ∪ …) */
  intersection(a: MP, bs: MP[]): MP;
  /** a − (b1 ∪ b2 ∪ …) */
  difference(a: MP, bs: MP[]): MP;
  union(bs: MP[]): MP;
}

const LIBS = ['clipper2-ts', 'polyclip-ts', 'polygon-clipping', 'martinez-polygon-clipping', 'jsts'];
const N_PATCHES = Number(process.env.BENCH_PATCHES ?? 5000);
const N_LICENCES = Number(process.env.BENCH_LICENCES ?? 2000);
const N_RANDOM = Number(process.env.BENCH_RANDOM ?? 1000);
const HANG_MS = Number(process.env.HANG_MS ?? 5000);

// ---------- deterministic generator ----------
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const M_PER_DEG_LAT = 111_000;
const LON0 = 111.3, LAT0 = 38.4;
const mPerDegLon = M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180);

/** Star-shaped (hence simple) polygon around (lon, lat), radius in metres. */
function star(r: () => number, lon: number, lat: number, radiusM: number, n: number): Poly {
  const ring: Ring = [];
  const phase = r() * Math.PI * 2;
  for (let i = 0; i < n; i++) {
    const a = phase + (i / n) * Math.PI * 2;
    const d = radiusM * (0.55 + 0.45 * r());
    ring.push([lon + (Math.cos(a) * d) / mPerDegLon, lat + (Math.sin(a) * d) / M_PER_DEG_LAT]);
  }
  ring.push([...ring[0]!]);
  return [ring];
}

export function scene(seed = 1, nLicences = N_LICENCES, nPatches = N_PATCHES) {
  const r = rng(seed);
  const licences: MP[] = [];
  const span = Math.sqrt(nLicences) * 0.03; // ≈ 3 km spacing
  while (licences.length < nLicences) {
    const lon = LON0 + r() * span, lat = LAT0 + r() * span;
    if (r() < 0.3) {
      // two rectangles sharing one edge exactly (adjacent licences)
      const w = (400 + r() * 800) / mPerDegLon, h = (400 + r() * 800) / M_PER_DEG_LAT;
      const rect = (x0: number, x1: number): MP => [[[[x0, lat], [x1, lat], [x1, lat + h], [x0, lat + h], [x0, lat]]]];
      licences.push(rect(lon, lon + w), rect(lon + w, lon + 2 * w));
    } else licences.push([star(r, lon, lat, 500 + r() * 1000, 6 + Math.floor(r() * 15))]);
  }
  licences.length = nLicences;
  const patches: MP[] = [];
  for (let i = 0; i < nPatches; i++) {
    const k = r();
    const lic = licences[Math.floor(r() * licences.length)]![0]![0]!;
    const v = lic[Math.floor(r() * (lic.length - 1))]!;
    let lon: number, lat: number;
    if (k < 0.4) [lon, lat] = lic.slice(0, -1).reduce((a, p) => [a[0]! + p[0]! / (lic.length - 1), a[1]! + p[1]! / (lic.length - 1)], [0, 0]) as [number, number];
    else if (k < 0.7) [lon, lat] = v as [number, number];
    else [lon, lat] = [LON0 + r() * span, LAT0 + r() * span];
    const p = star(r, lon, lat, 30 + r() * 270, 5 + Math.floor(r() * 12));
    if (k >= 0.4 && k < 0.7 && r() < 0.5) {
      // one vertex exactly on a licence vertex, as when a patch is digitised along the boundary
      p[0]![0] = [...v];
      p[0]![p[0]!.length - 1] = [...v];
    }
    patches.push([p]);
  }
  return { licences, patches };
}

// ---------- planar helpers (shoelace, degrees² scaled to m²) ----------
const ringA = (ring: Ring) => {
  // relative to a local origin: with raw lon/lat (≈111, 38) the products cancel catastrophically
  let s = 0;
  const ox = LON0, oy = LAT0;
  for (let i = 0; i + 1 < ring.length; i++) s += (ring[i]![0]! - ox) * (ring[i + 1]![1]! - oy) - (ring[i + 1]![0]! - ox) * (ring[i]![1]! - oy);
  return s / 2;
};
const mpArea = (mp: MP) => mp.reduce((s, p) => s + p.reduce((t, ring, i) => t + (i === 0 ? 1 : -1) * Math.abs(ringA(ring)), 0), 0) * mPerDegLon * M_PER_DEG_LAT;

// ---------- degenerate battery ----------
const R = (pts: number[][]): Ring => [...pts, pts[0]!].map(([x, y]) => [LON0 + x! * 1e-3, LAT0 + y! * 1e-3]);
const sq = (x0: number, y0: number, x1: number, y1: number) => R([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
export const NAMED: { name: string; a: MP; b: MP; simpleA: boolean }[] = [
  { name: 'duplicate vertices', a: [[R([[0, 0], [0, 0], [2, 0], [2, 0], [2, 2], [0, 2], [0, 2]])]], b: [[sq(1, 1, 3, 3)]], simpleA: true },
  { name: 'sliver 1e-12', a: [[R([[0, 0], [2, 0], [1, 1e-9]])]], b: [[sq(0.5, -1, 1.5, 1)]], simpleA: true },
  { name: 'touching at vertex', a: [[sq(0, 0, 1, 1)]], b: [[sq(1, 1, 2, 2)]], simpleA: true },
  { name: 'shared edge', a: [[sq(0, 0, 1, 1)]], b: [[sq(1, 0, 2, 1)]], simpleA: true },
  { name: 'shared partial edge', a: [[sq(0, 0, 1, 1)]], b: [[sq(1, 0.5, 2, 2)]], simpleA: true },
  { name: 'identical', a: [[sq(0, 0, 1, 1)]], b: [[sq(0, 0, 1, 1)]], simpleA: true },
  { name: 'self-touching ring', a: [[R([[0, 0], [4, 0], [4, 4], [2, 4], [3, 2], [1, 2], [2, 4], [0, 4]])]], b: [[sq(1, 1, 3, 3)]], simpleA: false },
  { name: 'hole touching shell', a: [[sq(0, 0, 4, 4), R([[0, 1], [1, 3], [2, 1]]).reverse()]], b: [[sq(0.5, 0.5, 3, 3)]], simpleA: true },
  { name: 'zero area (collinear)', a: [[R([[0, 0], [1, 1], [2, 2]])]], b: [[sq(0, 0, 3, 3)]], simpleA: false },
  { name: 'bow-tie', a: [[R([[0, 0], [2, 2], [2, 0], [0, 2]])]], b: [[sq(0.5, 0.5, 1.5, 1.5)]], simpleA: false },
  { name: 'near-coincident edge 1e-15', a: [[sq(0, 0, 1, 1)]], b: [[R([[1 + 1e-12, 0], [2, 0], [2, 1], [1 - 1e-12, 1]])]], simpleA: true },
  { name: 'spike', a: [[R([[0, 0], [2, 0], [2, 1], [3, 1], [2, 1], [2, 2], [0, 2]])]], b: [[sq(1, 0.5, 4, 1.5)]], simpleA: false },
  { name: 'ring of 2 points', a: [[R([[0, 0], [1, 1]])]], b: [[sq(0, 0, 2, 2)]], simpleA: false },
  { name: 'overlapping clip polygons', a: [[sq(0, 0, 3, 3)]], b: [[sq(1, 1, 4, 4)], [sq(2, 0, 5, 2)]], simpleA: true },
];

function randomCase(r: () => number): { a: MP; b: MP; simpleA: boolean } {
  const ring = () => {
    const n = 3 + Math.floor(r() * 6);
    const pts: number[][] = [];
    for (let i = 0; i < n; i++) pts.push([Math.floor(r() * 6), Math.floor(r() * 6)]);
    if (r() < 0.3) pts.splice(1, 0, [...pts[0]!]);
    if (r() < 0.2) for (const p of pts) p[0]! += (r() - 0.5) * 1e-9;
    return R(pts);
  };
  const a: MP = [[ring()]], b: MP = [[ring()]];
  return { a, b, simpleA: isSimple(a[0]![0]!) && Math.abs(ringA(a[0]![0]!)) > 0 };
}

function isSimple(ring: Ring): boolean {
  const n = ring.length - 1;
  const cross = (o: number[], a: number[], b: number[]) => (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
  for (let i = 0; i < n; i++) if (ring[i]![0] === ring[i + 1]![0] && ring[i]![1] === ring[i + 1]![1]) return false;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const [p, q, s, t] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      const d1 = cross(s, t, p), d2 = cross(s, t, q), d3 = cross(p, q, s), d4 = cross(p, q, t);
      if (d1 * d2 <= 0 && d3 * d4 <= 0) {
        if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
          if (Math.max(p[0]!, q[0]!) < Math.min(s[0]!, t[0]!) || Math.max(s[0]!, t[0]!) < Math.min(p[0]!, q[0]!)) continue;
          if (Math.max(p[1]!, q[1]!) < Math.min(s[1]!, t[1]!) || Math.max(s[1]!, t[1]!) < Math.min(p[1]!, q[1]!)) continue;
        }
        return false;
      }
    }
  return true;
}

// ---------- adapters ----------
async function load(name: string): Promise<Lib | null> {
  const req = createRequire(import.meta.url);
  try {
    req.resolve(name === 'jsts' ? 'jsts/package.json' : `${name}/package.json`);
  } catch {
    try {
      await import(name);
    } catch {
      return null;
    }
  }
  const flat = (bs: MP[]): MP => bs.flat();
  switch (name) {
    case 'clipper2-ts': {
      const c = await import('clipper2-ts');
      const S = 1e9; // 1e-9° ≈ 0.1 mm grid; a local origin keeps coordinates small (Clipper's fast integer path)
      const toPaths = (mp: MP, ox: number, oy: number) => {
        const out: { x: number; y: number }[][] = [];
        for (const p of mp)
          p.forEach((ring, k) => {
            const path = ring.slice(0, -1).map((q) => ({ x: Math.round((q[0]! - ox) * S), y: Math.round((q[1]! - oy) * S) }));
            // NonZero fill needs outer rings one way and holes the other, as the overlay engine normalises them
            if ((ringA(ring) > 0) !== (k === 0)) path.reverse();
            out.push(path);
          });
        return out;
      };
      const fromTree = (t: InstanceType<typeof c.PolyTree64>, ox: number, oy: number): MP => {
        const out: MP = [];
        const ring = (path: { x: number; y: number }[]) => {
          const r = path.map((q) => [q.x / S + ox, q.y / S + oy]);
          r.push([...r[0]!]);
          return r;
        };
        const walk = (node: InstanceType<typeof c.PolyPath64>) => {
          for (let i = 0; i < node.count; i++) {
            const outer = node.child(i);
            const poly: Poly = [ring(outer.polygon!)];
            for (let j = 0; j < outer.count; j++) {
              const hole = outer.child(j);
              poly.push(ring(hole.polygon!));
              walk(hole);
            }
            out.push(poly);
          }
        };
        walk(t);
        return out;
      };
      const op = (type: number, a: MP, bs: MP[]) => {
        const ox = a[0]?.[0]?.[0]?.[0] ?? 0, oy = a[0]?.[0]?.[0]?.[1] ?? 0;
        const tree = new c.PolyTree64();
        c.Clipper.booleanOpWithPolyTree(type, toPaths(a, ox, oy), toPaths(flat(bs), ox, oy), tree, c.FillRule.NonZero);
        return fromTree(tree, ox, oy);
      };
      return {
        name,
        intersection: (a, bs) => op(c.ClipType.Intersection, a, bs),
        difference: (a, bs) => op(c.ClipType.Difference, a, bs),
        union: (bs) => op(c.ClipType.Union, flat(bs), []),
      };
    }
    case 'polyclip-ts':
    case 'polygon-clipping': {
      const m = (await import(name)) as { default?: unknown };
      const pc = (m.default ?? m) as { intersection: (...g: MP[]) => MP; difference: (...g: MP[]) => MP; union: (...g: MP[]) => MP };
      return {
        name,
        intersection: (a, bs) => (bs.length ? pc.intersection(a, bs.length === 1 ? bs[0]! : pc.union(...bs)) : []),
        difference: (a, bs) => pc.difference(a, ...bs),
        union: (bs) => pc.union(...bs),
      };
    }
    case 'martinez-polygon-clipping': {
      const m = await import('martinez-polygon-clipping');
      const norm = (g: unknown): MP => {
        if (!g || !(g as unknown[]).length) return [];
        const x = g as unknown[][][];
        return (typeof x[0]![0]![0] === 'number' ? [x] : x) as MP;
      };
      const union = (bs: MP[]): MP => bs.reduce<MP>((u, b) => (u.length ? norm(m.union(u as never, b as never)) : b), []);
      return {
        name,
        intersection: (a, bs) => (bs.length ? norm(m.intersection(a as never, union(bs) as never)) : []),
        difference: (a, bs) => (bs.length ? norm(m.diff(a as never, union(bs) as never)) : a),
        union,
      };
    }
    case 'jsts': {
      await import('jsts/org/locationtech/jts/monkey.js' as string); // adds intersection/difference to Geometry
      const { default: GeoJSONReader } = await import('jsts/org/locationtech/jts/io/GeoJSONReader.js' as string);
      const { default: GeoJSONWriter } = await import('jsts/org/locationtech/jts/io/GeoJSONWriter.js' as string);
      const { default: UnaryUnionOp } = await import('jsts/org/locationtech/jts/operation/union/UnaryUnionOp.js' as string);
      const reader = new GeoJSONReader(), writer = new GeoJSONWriter();
      const read = (mp: MP) => reader.read({ type: 'MultiPolygon', coordinates: mp });
      const write = (g: unknown): MP => {
        const j = writer.write(g) as { type: string; coordinates: unknown; geometries?: unknown[] };
        if (j.type === 'Polygon') return [j.coordinates as Poly];
        if (j.type === 'MultiPolygon') return j.coordinates as MP;
        if (j.type === 'GeometryCollection') return (j.geometries ?? []).flatMap((x) => write(reader.read(x)));
        return [];
      };
      const unionG = (bs: MP[]) => UnaryUnionOp.union(read(flat(bs)));
      return {
        name,
        intersection: (a, bs) => (bs.length ? write(read(a).intersection(unionG(bs))) : []),
        difference: (a, bs) => (bs.length ? write(read(a).difference(unionG(bs))) : a),
        union: (bs) => write(unionG(bs)),
      };
    }
  }
  return null;
}

// ---------- worker ----------
type Msg =
  | { t: 'tick'; phase: 'battery'; i: number }
  | { t: 'workload'; ms: number; maxSumErr: number; inside: number[]; throws: number; errors: string[] }
  | { t: 'battery'; from: number; throws: { i: number; name: string; op: string; err: string }[]; wrong: { i: number; name: string; err: number }[]; done: true }
  | { t: 'missing' };

async function worker() {
  const { lib: name, phase, from } = JSON.parse(process.env.CLIP_BENCH_CHILD!) as { lib: string; phase: 'workload' | 'battery'; from: number };
  const lib = await load(name);
  const post = (m: Msg) => process.send!(m);
  if (!lib) return post({ t: 'missing' });
  if (phase === 'workload') {
    const Flatbush = (await import('flatbush')).default;
    const { licences, patches } = scene();
    const bbox = (mp: MP) => {
      let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
      for (const p of mp) for (const q of p[0]!) (a = Math.min(a, q[0]!)), (b = Math.min(b, q[1]!)), (c = Math.max(c, q[0]!)), (d = Math.max(d, q[1]!));
      return [a, b, c, d] as const;
    };
    const t0 = performance.now();
    const index = new Flatbush(licences.length);
    for (const l of licences) index.add(...bbox(l));
    index.finish();
    let maxSumErr = 0, throws = 0;
    const errors: string[] = [];
    const inside: number[] = [];
    for (const p of patches) {
      const cands = index.search(...bbox(p)).map((i) => licences[i]!);
      try {
        const a = mpArea(p);
        const ins = cands.length ? mpArea(lib.intersection(p, cands)) : 0;
        const out = cands.length ? mpArea(lib.difference(p, cands)) : a;
        maxSumErr = Math.max(maxSumErr, Math.abs(ins + out - a) / a);
        inside.push(ins);
      } catch (e) {
        throws++;
        if (errors.length < 3) errors.push(String((e as Error).message ?? e).slice(0, 120));
        inside.push(NaN);
      }
    }
    return post({ t: 'workload', ms: performance.now() - t0, maxSumErr, inside, throws, errors });
  }
  const cases = [...NAMED];
  const r = rng(7);
  for (let i = 0; i < N_RANDOM; i++) cases.push({ name: `random #${i}`, ...randomCase(r) });
  const throws: { i: number; name: string; op: string; err: string }[] = [];
  const wrong: { i: number; name: string; err: number }[] = [];
  for (let i = from; i < cases.length; i++) {
    post({ t: 'tick', phase: 'battery', i });
    const { name: cname, a, b, simpleA } = cases[i]!;
    let ins = NaN, out = NaN;
    for (const op of ['intersection', 'difference', 'union'] as const) {
      try {
        const res = op === 'union' ? lib.union([a, b]) : lib[op](a, [b]);
        for (const p of res) for (const ring of p) for (const q of ring) if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) throw new Error('non-finite coordinate in output');
        if (op === 'intersection') ins = mpArea(res);
        if (op === 'difference') out = mpArea(res);
      } catch (e) {
        throws.push({ i, name: cname, op, err: String((e as Error).message ?? e).slice(0, 100) });
      }
    }
    const area = mpArea(a);
    // 1e-3 m² absolute (cases are ~100 m across) plus 1e-6 relative
    if (simpleA && Number.isFinite(ins) && Number.isFinite(out) && Math.abs(ins + out - area) > 1e-3 + 1e-6 * area) wrong.push({ i, name: cname, err: (ins + out - area) / area });
  }
  post({ t: 'battery', from, throws, wrong, done: true });
}

// ---------- main ----------
function run(lib: string, phase: 'workload' | 'battery', from = 0, onMsg: (m: Msg) => void): Promise<'done' | 'hang'> {
  return new Promise((resolve) => {
    const w = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, CLIP_BENCH_CHILD: JSON.stringify({ lib, phase, from }) }, execArgv: ['--import', 'tsx'] });
    const kill = () => w.kill('SIGKILL');
    let timer: NodeJS.Timeout;
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        kill();
        resolve('hang');
      }, ms);
    };
    arm(phase === 'workload' ? 600_000 : HANG_MS + 10_000); // first tick includes module loading
    w.on('message', (m: Msg) => {
      onMsg(m);
      if (m.t === 'tick') arm(HANG_MS);
      else {
        clearTimeout(timer);
        kill();
        resolve('done');
      }
    });
    w.on('exit', (code) => {
      clearTimeout(timer);
      if (code) console.error(`${lib} ${phase}: child exited with ${code}`);
      resolve('done');
    });
  });
}

async function main() {
  console.log(`workload: ${N_PATCHES} patches × ${N_LICENCES} licences; battery: ${NAMED.length} named + ${N_RANDOM} random cases × 3 ops; hang = no progress in ${HANG_MS} ms`);
  const insideBy: Record<string, number[]> = {};
  const rows: string[] = [];
  for (const lib of LIBS) {
    let missing = false;
    let wl: Extract<Msg, { t: 'workload' }> | undefined;
    const wlState = await run(lib, 'workload', 0, (m) => {
      if (m.t === 'missing') missing = true;
      if (m.t === 'workload') wl = m;
    });
    if (missing) {
      rows.push(`| ${lib} | not installed | | | | | |`);
      continue;
    }
    if (wl) insideBy[lib] = wl.inside.map((x) => (x === null ? NaN : x)); // NaN travels as null over IPC
    const throws: Extract<Msg, { t: 'battery' }>['throws'] = [], wrong: Extract<Msg, { t: 'battery' }>['wrong'] = [], hangs: number[] = [];
    let from = 0;
    for (;;) {
      let last = from;
      const state = await run(lib, 'battery', from, (m) => {
        if (m.t === 'tick') last = m.i;
        if (m.t === 'battery') throws.push(...m.throws), wrong.push(...m.wrong);
      });
      if (state === 'done') break;
      hangs.push(last);
      from = last + 1;
    }
    const named = (xs: { name: string }[]) => [...new Set(xs.map((x) => x.name).filter((n) => !n.startsWith('random')))].join(', ');
    rows.push(
      `| ${lib} | ${wlState === 'hang' ? 'hang' : wl ? `${wl.ms.toFixed(0)} ms` : 'failed'} | ${wl ? wl.throws : '—'} | ${wl ? wl.maxSumErr.toExponential(1) : '—'} | ${throws.length} (${new Set(throws.map((x) => x.i)).size} cases${named(throws) ? ': ' + named(throws) : ''}) | ${hangs.length}${hangs.length ? ` (${hangs.map((h) => (h < NAMED.length ? NAMED[h]!.name : `random #${h - NAMED.length}`)).join(', ')})` : ''} | ${wrong.length}${named(wrong) ? ` (${named(wrong)})` : ''} |`,
    );
    if (wl?.errors.length) console.log(`${lib} workload errors: ${wl.errors.join(' | ')}`);
    if (wrong.length) console.log(`${lib} battery wrong areas, first: ${wrong.slice(0, 3).map((x) => `${x.name}: ${Number(x.err).toExponential(1)}`).join(' | ')}`);
    if (throws.length) console.log(`${lib} battery throws, first: ${throws.slice(0, 3).map((x) => `${x.name} ${x.op}: ${x.err}`).join(' | ')}`);
  }
  console.log('\n| library | workload time | workload throws | max (in+out−patch)/patch | battery throws | battery hangs | battery wrong areas |\n|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  // agreement of inside fraction between libraries, patch by patch
  const names = Object.keys(insideBy);
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const a = insideBy[names[i]!]!, b = insideBy[names[j]!]!;
      let n = 0, max = 0;
      for (let k = 0; k < a.length; k++) {
        const d = Math.abs(a[k]! - b[k]!);
        if (!(d <= 0.01)) n++;
        if (d > max) max = d;
      }
      console.log(`${names[i]} vs ${names[j]}: inside area differs by > 0.01 m² in ${n} patches, max difference ${max.toExponential(1)} m²`);
    }
}

if (process.env.CLIP_BENCH_CHILD) await worker();
else await main();
