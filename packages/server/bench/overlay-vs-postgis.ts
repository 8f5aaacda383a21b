/**
 * npm run bench:overlay — the province-scale overlay benchmark (issue #3):
 *  1. generates the province data set (generate-province.ts: 20,000 licences, 50,000 patches, 2,000
 *     protected areas, 5,000 temporary-land approvals at BENCH_SCALE=1);
 *  2. loads it into a throwaway PostgreSQL 15 + PostGIS 3 (Debian binaries, packages/geo/test/
 *     postgis-server.ts): geometry (SRID 4490) and geography columns, GiST indexes on both, built
 *     and ANALYZEd BEFORE any timing; then runs the same classification as geo's classifyPatches in
 *     one SQL statement (ST_Intersects / ST_Union / ST_Intersection / ST_Difference /
 *     ST_Area(geography) / ST_DWithin(geography)) and times it;
 *  3. runs classifyPatches in this Node process on the same data and times it; reports both times,
 *     their ratio, class agreement and area agreement per class (max / mean relative difference),
 *     and peak RSS;
 *  4. (unless BENCH_SKIP_APP=1) loads the data into the app's own embedded PostgreSQL, starts the real
 *     server, imports a 20,000-feature zipped Shapefile of patches through POST /api/patches/import +
 *     commit (time, server peak RSS), classifies every patch through POST /api/patches/classify, and
 *     measures map / OGC queries at that size with autocannon (p50 / p99).
 * Knobs: BENCH_SCALE (default 1; 0.1 for a quick run), BENCH_SECONDS (autocannon duration, default 10),
 * BENCH_CONNECTIONS (default 50), BENCH_SKIP_APP=1, BENCH_JSON=path (also write the figures as JSON).
 * Everything runs on loopback against servers this script starts and stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { zipSync } from 'fflate';
import type { Feature, Geometry } from 'geojson';
import { PATCH_CLASSES, type PatchClass } from '@minewatch/core';
import { CGCS2000_PRJ, classifyPatches, writeShapefiles, type OverlayResult } from '@minewatch/geo';
import { startPostgis } from '../../geo/test/postgis-server.js';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.js';
import { createDb } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { classAreaM2 } from '../src/modules/patches/patches.service.js';
import { generateProvince, insertPatches, insertSites, loadShanxiRegions, shanxiRegions, type GenPatch, type ProvinceData } from './generate-province.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'packages/server/src/main.ts');
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SKIP_APP = process.env.BENCH_SKIP_APP === '1';
const PASSWORD = 'bench-password';

const rows: [string, string][] = [];
const figures: Record<string, unknown> = { scale: SCALE, cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version };
const row = (what: string, result: string) => {
  rows.push([what, result]);
  console.error(`  ${what}: ${result}`);
};
const ms = (t0: number) => Math.round(performance.now() - t0);
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

/** The same inputs for both engines: what the app's classify service builds from the registry. */
function overlayInput(d: ProvinceData) {
  const live = d.licences.filter((l) => l.status !== 'closed' && l.status !== 'cancelled');
  const f = <P>(id: string, geometry: Geometry, properties: P): Feature<Geometry, P> => ({ type: 'Feature', id, properties, geometry });
  return {
    patches: d.patches.map((p) => f(p.id, p.geometry, { id: p.id, detectedOn: p.afterDate })),
    licences: live.map((l) => f(l.id, l.geometry, { holder: l.holder, validFrom: l.validFrom, validTo: l.validTo })),
    temporaryLand: d.temporaryLand.map((t) => f(t.id, t.geometry, { approvedOn: t.approvedFrom, expiresOn: t.approvedTo })),
    protectedAreas: d.protectedAreas.map((p) => f(p.id, p.geometry, { name: p.name, kind: p.category })),
    live,
  };
}

// ---------------------------------------------------------------- PostGIS side

const SCHEMA = `
create table licence (id text primary key, holder text, valid_from date, valid_to date, geom geometry(Polygon, 4490) not null, geog geography(Polygon, 4490) not null);
create table protected_area (id text primary key, name text, category text, geom geometry(Polygon, 4490) not null, geog geography(Polygon, 4490) not null);
create table temporary_land (id text primary key, approved_on date, expires_on date, geom geometry(Polygon, 4490) not null, geog geography(Polygon, 4490) not null);
create table patch (id text primary key, detected_on date, geom geometry(Polygon, 4490) not null, geog geography(Polygon, 4490) not null);`;
const INDEXES = ['licence', 'protected_area', 'temporary_land', 'patch'].flatMap((t) => [`create index on ${t} using gist (geom)`, `create index on ${t} using gist (geog)`]);

/**
 * classifyPatches' rules in SQL (see packages/geo/src/overlay.ts), per patch P with date D and
 * significance threshold t = min(max(10 m², 0.001·area), area/3): inside = P ∩ ∪valid licences,
 * outside = P − that union; when outside counts, temporary-land approvals meeting the outside part
 * ('valid' / 'future' / 'expired' on D) give unapproved = outside − ∪valid approvals; 批小占大 when a
 * valid approval overlaps outside by ≥ t; 未批先占 from future approvals, or — no approval counting
 * and inside not counting — when the patch has a holder (a valid licence overlapping it, or, when
 * outside counts, one within 200 m); 批东占西 needs
 * approvals with holders, which the registry does not record (always 0 here, as in the engine for
 * this data). Areas are ST_Area(geography) on the CGCS2000 ellipsoid.
 */
const CLASSIFY_SQL = `
create table pg_result as
with p as (
  select id, geom, geog, detected_on d, ST_Area(geog) a, least(greatest(10, 0.001 * ST_Area(geog)), ST_Area(geog) / 3) t from patch
)
select p.id, p.a, p.t, ar.inside_m2, ar.outside_m2, un.unapproved_m2, pt.prot_total, prot.prot_max,
  tmp.valid_counts, tmp.any_counts, fut.before_future_m2, hold.has_holder
from p
cross join lateral (
  select ST_Union(l.geom) u from licence l
  where l.geom && p.geom and ST_Intersects(l.geom, p.geom)
    and (l.valid_from is null or l.valid_from <= p.d) and (l.valid_to is null or p.d <= l.valid_to)
) lic
cross join lateral (
  select case when lic.u is null then null else ST_Intersection(p.geom, lic.u) end inside_g,
         case when lic.u is null then p.geom else ST_Difference(p.geom, lic.u) end outside_g
) parts
cross join lateral (
  select coalesce(ST_Area(parts.inside_g::geography), 0) inside_m2, coalesce(ST_Area(parts.outside_g::geography), 0) outside_m2
) ar
cross join lateral (
  select coalesce(max(ST_Area(ST_Intersection(p.geom, pa.geom)::geography)), 0) prot_max, ST_Union(pa.geom) pu
  from protected_area pa where pa.geom && p.geom and ST_Intersects(pa.geom, p.geom)
) prot
cross join lateral (
  select case when prot.pu is null then 0 else ST_Area(ST_Intersection(p.geom, prot.pu)::geography) end prot_total
) pt
cross join lateral (
  select ST_Union(x.geom) filter (where x.status = 'valid') valid_u,
         ST_Union(x.geom) filter (where x.status = 'future') future_u,
         coalesce(bool_or(x.status = 'valid' and x.ov >= p.t), false) valid_counts,
         coalesce(bool_or(x.status <> 'expired' and x.ov >= p.t), false) any_counts
  from (
    select tl.geom, ST_Area(ST_Intersection(parts.outside_g, tl.geom)::geography) ov,
           case when tl.approved_on > p.d then 'future' when tl.expires_on < p.d then 'expired' else 'valid' end status
    from temporary_land tl
    where ar.outside_m2 >= p.t and tl.geom && parts.outside_g and ST_Intersects(tl.geom, parts.outside_g)
  ) x where x.ov > 0
) tmp
cross join lateral (
  select case when tmp.valid_u is null then parts.outside_g else ST_Difference(parts.outside_g, tmp.valid_u) end unapproved_g
) ug
cross join lateral (select coalesce(ST_Area(ug.unapproved_g::geography), 0) unapproved_m2) un
cross join lateral (
  select case when un.unapproved_m2 >= p.t and tmp.future_u is not null then ST_Area(ST_Intersection(ug.unapproved_g, tmp.future_u)::geography) else 0 end before_future_m2
) fut
cross join lateral (
  select ar.inside_m2 > 0 or (ar.outside_m2 >= p.t and exists (
    select 1 from licence l where l.holder is not null and (l.valid_from is null or l.valid_from <= p.d) and (l.valid_to is null or p.d <= l.valid_to)
      and ST_DWithin(l.geog, p.geog, 200))) has_holder
) hold`;

interface PgRow {
  id: string; a: number; t: number; inside_m2: number; outside_m2: number; unapproved_m2: number; prot_total: number; prot_max: number;
  valid_counts: boolean; any_counts: boolean; before_future_m2: number; has_holder: boolean;
}

/** Classes and per-class areas (as classAreaM2 measures them) from one SQL result row. */
function pgClasses(r: PgRow): { classes: PatchClass[]; area: Partial<Record<PatchClass, number>> } {
  const counts = (m2: number) => m2 >= r.t;
  const insideC = counts(r.inside_m2), unC = counts(r.unapproved_m2);
  let before = 0, beyond = 0;
  if (counts(r.outside_m2) && unC) {
    if (r.valid_counts) beyond = r.unapproved_m2;
    if (counts(r.before_future_m2)) before = r.before_future_m2;
    if (!r.any_counts && !insideC && r.has_holder) before = r.unapproved_m2;
  }
  const classes: PatchClass[] = [insideC ? (unC ? 'over_boundary' : 'inside_licence') : unC ? 'no_licence' : 'approved_temporary_land'];
  if (counts(r.prot_max)) classes.push('protected_area');
  if (before > 0) classes.push('temporary_unapproved');
  if (beyond > 0) classes.push('temporary_exceeds');
  const area: Partial<Record<PatchClass, number>> = {
    inside_licence: r.inside_m2, over_boundary: r.unapproved_m2, no_licence: r.unapproved_m2, approved_temporary_land: Math.max(0, r.outside_m2 - r.unapproved_m2),
    protected_area: r.prot_total, temporary_unapproved: before, temporary_exceeds: beyond, temporary_elsewhere: 0,
  };
  return { classes, area };
}

async function postgisSide(d: ProvinceData, input: ReturnType<typeof overlayInput>) {
  const t0 = performance.now();
  const server = await startPostgis({ settings: { shared_buffers: '1GB', work_mem: '64MB', maintenance_work_mem: '512MB' } });
  row('PostGIS server (throwaway cluster: initdb, start, create extension)', `${ms(t0)} ms — PostGIS ${server.postgisVersion}`);
  const c = await server.client();
  try {
    const settings = (await c.query<{ name: string; setting: string }>(`select name, setting from pg_settings where name in ('max_parallel_workers_per_gather', 'max_parallel_workers', 'shared_buffers', 'work_mem', 'jit')`)).rows;
    figures.postgisSettings = Object.fromEntries(settings.map((s) => [s.name, s.setting]));
    await c.query(SCHEMA);
    const l0 = performance.now();
    const put = async (table: string, cols: string[], values: unknown[][], geoms: string[]) => {
      for (let i = 0; i < geoms.length; i += 5000) {
        const params = [...values.map((v) => v.slice(i, i + 5000)), geoms.slice(i, i + 5000)];
        const casts = cols.map((col, k) => `$${k + 1}::${col.endsWith('_on') || col.startsWith('valid_') || col === 'detected_on' ? 'date' : 'text'}[]`);
        await c.query(
          `insert into ${table} (${cols.join(', ')}, geom, geog)
           select ${cols.map((_, k) => `v${k}`).join(', ')}, g, g::geography from (
             select ${cols.map((_, k) => `v${k}`).join(', ')}, ST_SetSRID(ST_GeomFromGeoJSON(gj), 4490) g
             from unnest(${casts.join(', ')}, $${cols.length + 1}::text[]) as u(${cols.map((_, k) => `v${k}`).join(', ')}, gj)) s`,
          params,
        );
      }
    };
    const gj = (xs: { geometry: Geometry }[]) => xs.map((x) => JSON.stringify(x.geometry));
    await put('licence', ['id', 'holder', 'valid_from', 'valid_to'], [input.live.map((l) => l.id), input.live.map((l) => l.holder), input.live.map((l) => l.validFrom), input.live.map((l) => l.validTo)], gj(input.live));
    await put('protected_area', ['id', 'name', 'category'], [d.protectedAreas.map((p) => p.id), d.protectedAreas.map((p) => p.name), d.protectedAreas.map((p) => p.category)], gj(d.protectedAreas));
    await put('temporary_land', ['id', 'approved_on', 'expires_on'], [d.temporaryLand.map((t) => t.id), d.temporaryLand.map((t) => t.approvedFrom), d.temporaryLand.map((t) => t.approvedTo)], gj(d.temporaryLand));
    await put('patch', ['id', 'detected_on'], [d.patches.map((p) => p.id), d.patches.map((p) => p.afterDate)], gj(d.patches));
    row('PostGIS: load (ST_GeomFromGeoJSON, SRID 4490, geometry + geography)', `${ms(l0)} ms`);
    const i0 = performance.now();
    for (const sqlText of INDEXES) await c.query(sqlText);
    await c.query('analyze');
    row('PostGIS: GiST indexes on geometry and geography of all four tables + ANALYZE (before timing)', `${ms(i0)} ms`);
    const invalid = (await c.query<{ n: number }>(`select (select count(*) from licence where not ST_IsValid(geom)) + (select count(*) from protected_area where not ST_IsValid(geom)) + (select count(*) from temporary_land where not ST_IsValid(geom)) + (select count(*) from patch where not ST_IsValid(geom)) as n`)).rows[0]!.n;
    figures.postgisInvalidGeometries = Number(invalid);
    const loadBefore = load();
    const q0 = performance.now();
    await c.query(CLASSIFY_SQL);
    const sqlMs = ms(q0);
    const result = (await c.query<PgRow>('select * from pg_result')).rows;
    return { sqlMs, loadBefore, loadAfter: load(), result: new Map(result.map((r) => [r.id, r])) };
  } finally {
    await c.end();
    await server.stop();
  }
}

// ---------------------------------------------------------------- comparison

function compare(node: OverlayResult, pg: Map<string, PgRow>) {
  const perClass = new Map<PatchClass, { both: number; nodeOnly: number; pgOnly: number; maxRel: number; sumRel: number; worst: string }>();
  for (const c of PATCH_CLASSES) perClass.set(c, { both: 0, nodeOnly: 0, pgOnly: 0, maxRel: 0, sumRel: 0, worst: '' });
  let differing = 0;
  const examples: string[] = [];
  const measures = { inside: 0, outside: 0, unapproved: 0, protected: 0 };
  for (const o of node.patches) {
    const r = pg.get(o.id);
    if (!r) throw new Error(`PostGIS has no result for ${o.id}`);
    const p = pgClasses(r);
    const a = new Set(o.classes as PatchClass[]), b = new Set(p.classes);
    if ([...a].sort().join() !== [...b].sort().join()) {
      differing++;
      if (examples.length < 8) examples.push(`${o.id}: ours ${[...a].join('+')} vs PostGIS ${[...b].join('+')} (area ${o.area.m2.toFixed(1)} m², inside ${o.inside.m2.toFixed(2)} / ${r.inside_m2.toFixed(2)}, unapproved ${o.unapproved.m2.toFixed(2)} / ${r.unapproved_m2.toFixed(2)}, t ${o.toleranceM2.toFixed(2)})`);
    }
    for (const c of PATCH_CLASSES) {
      const s = perClass.get(c)!;
      if (a.has(c) && b.has(c)) {
        s.both++;
        if (c === 'error') continue;
        const x = classAreaM2(o, c), y = p.area[c] ?? 0;
        const rel = Math.max(x, y) > 0 ? Math.abs(x - y) / Math.max(x, y) : 0;
        s.sumRel += rel;
        if (rel > s.maxRel) {
          s.maxRel = rel;
          s.worst = `${o.id} (${x.toFixed(3)} vs ${y.toFixed(3)} m²)`;
        }
      } else if (a.has(c)) s.nodeOnly++;
      else if (b.has(c)) s.pgOnly++;
    }
    // Raw measures relative to the patch area (no class involved).
    const rel = (x: number, y: number) => Math.abs(x - y) / r.a;
    measures.inside = Math.max(measures.inside, rel(o.inside.m2, r.inside_m2));
    measures.outside = Math.max(measures.outside, rel(o.outside.m2, r.outside_m2));
    measures.unapproved = Math.max(measures.unapproved, rel(o.unapproved.m2, r.unapproved_m2));
    measures.protected = Math.max(measures.protected, rel(o.protectedTotal.m2, r.prot_total));
  }
  return { perClass, differing, examples, measures };
}

// ---------------------------------------------------------------- the app

function startServer(port: number, databaseUrl: string, dataDir: string): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ready = (async () => {
    for (;;) {
      if (proc.exitCode !== null) throw new Error('server exited during start');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return { proc, ready };
}

/** Resident set now and at its peak (VmHWM) of a process on this machine, bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function multipartBody(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const boundary = '----minewatchbench' + randomUUID();
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/zip\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'), Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function patchShapefile(patches: GenPatch[]): Uint8Array {
  const out = writeShapefiles(
    patches.map((p) => ({ type: 'Feature' as const, properties: { TBBH: p.code, XZQDM: p.regionCode, QSX: p.beforeDate, HSX: p.afterDate, MJ_MU: p.declaredMu }, geometry: p.geometry })),
    { fields: [{ name: 'TBBH', type: 'C' }, { name: 'XZQDM', type: 'C' }, { name: 'QSX', type: 'D' }, { name: 'HSX', type: 'D' }, { name: 'MJ_MU', type: 'N', decimals: 2 }], prj: CGCS2000_PRJ },
  );
  const l = out.layers.polygon!;
  return zipSync({ 'patches.shp': l.shp!, 'patches.shx': l.shx!, 'patches.dbf': l.dbf, 'patches.prj': l.prj!, 'patches.cpg': l.cpg }, { level: 6 });
}

async function cannon(url: string, cookie: string) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: { cookie } });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), errors: r.errors + r.non2xx };
}

async function appSide(d: ProvinceData) {
  const dir = await mkdtemp(path.join(tmpdir(), 'minewatch-bench-overlay-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
  let server: ChildProcess | null = null;
  try {
    const db = createDb(pg.url, 4);
    await migrate(db);
    await seedDemo(db, PASSWORD);
    const s0 = performance.now();
    const counties = await loadShanxiRegions(db);
    const sites = await insertSites(db, d);
    const nImport = Math.min(d.patches.length, Math.round(20_000 * SCALE));
    const imported = d.patches.slice(0, nImport), direct = d.patches.slice(nImport);
    await insertPatches(db, direct, randomUUID());
    row(`app database: ${counties.length} Shanxi counties, ${sites} sites and ${direct.length} patches inserted with SQL (the other ${nImport} go through the import API)`, `${ms(s0)} ms`);
    await db.destroy();

    const port = await freePort();
    const s = startServer(port, pg.url, path.join(dir, 'unused'));
    server = s.proc;
    await s.ready;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    const zip = patchShapefile(imported);
    const { body, type } = multipartBody({ regionCode: '140000' }, { name: 'patches.zip', bytes: zip });
    const m0 = memoryOf(s.proc.pid!);
    const p0 = performance.now();
    const pre = await fetch(`${base}/api/patches/import`, { method: 'POST', headers: { cookie, 'content-type': type }, body });
    const preview = (await pre.json()) as { previewId: string; count: number; warningCount: number; error?: unknown };
    if (pre.status !== 200) throw new Error(`preview failed: ${pre.status} ${JSON.stringify(preview).slice(0, 500)}`);
    const previewMs = ms(p0);
    const c0 = performance.now();
    const com = await fetch(`${base}/api/patches/import/${preview.previewId}/commit`, { method: 'POST', headers: { cookie } });
    const committed = (await com.json()) as { created: number };
    if (com.status !== 201) throw new Error(`commit failed: ${com.status} ${JSON.stringify(committed).slice(0, 500)}`);
    const commitMs = ms(c0);
    const m1 = memoryOf(s.proc.pid!);
    row(`import a ${nImport}-feature zipped Shapefile of patches (${mib(zip.length)}) through the API: preview (read, check, store) + commit (insert, audit)`, `${previewMs} ms + ${commitMs} ms = ${previewMs + commitMs} ms; ${committed.created} created, ${preview.warningCount} warnings; server RSS ${mib(m0.rss)} before, peak ${mib(m1.peak)} (VmHWM)`);
    figures.import = { features: nImport, zipBytes: zip.length, previewMs, commitMs, rssBefore: m0.rss, peak: m1.peak };

    const k0 = performance.now();
    const cl = await fetch(`${base}/api/patches/classify?region=140000`, { method: 'POST', headers: { cookie } });
    const run = (await cl.json()) as { patches: number; durationMs: { overlay: number; total: number }; counts: Record<string, number> };
    if (cl.status !== 200) throw new Error(`classify failed: ${cl.status} ${JSON.stringify(run).slice(0, 500)}`);
    const m2 = memoryOf(s.proc.pid!);
    row(`POST /api/patches/classify?region=140000 through the app (${run.patches} patches: read, overlay, store, audit in one transaction)`, `${ms(k0)} ms wall (overlay ${run.durationMs.overlay} ms); server peak RSS ${mib(m2.peak)}`);
    figures.appClassify = { wallMs: ms(k0), ...run.durationMs, counts: run.counts, peak: m2.peak };

    // A 0.2° window in a mining district, and the whole-province view of a map.
    const c = d.licences[0]!.geometry.coordinates[0]![0]!;
    const win = `${(c[0]! - 0.1).toFixed(3)},${(c[1]! - 0.1).toFixed(3)},${(c[0]! + 0.1).toFixed(3)},${(c[1]! + 0.1).toFixed(3)}`;
    const probe = async (url: string) => {
      const r = await fetch(`${base}${url}`, { headers: { cookie } });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`${url}: ${r.status} ${text.slice(0, 300)}`);
      return text;
    };
    const patchTotal = (JSON.parse(await probe(`/api/patches?bbox=${win}&limit=1000`)) as { total: number }).total;
    const ogcCount = (JSON.parse(await probe(`/ogc/collections/licensed_mine/items?bbox=${win}&limit=1000`)) as { numberReturned?: number; features: unknown[] }).features.length;
    const queries: [string, string][] = [
      [`GET /api/patches?bbox=${win}&limit=1000 (${patchTotal} patches in the window)`, `/api/patches?bbox=${win}&limit=1000`],
      [`GET /api/patches?region=140000&classification=no_licence&limit=100&offset=1000`, `/api/patches?region=140000&classification=no_licence&limit=100&offset=1000`],
      [`GET /api/sites/map?bbox=${win}&zoom=12 (map layer, mining district)`, `/api/sites/map?bbox=${win}&zoom=12`],
      [`GET /api/sites/map?bbox=110.5,35,114,40.5&zoom=7 (map layer, whole province)`, `/api/sites/map?bbox=110.5,35,114,40.5&zoom=7`],
      [`GET /ogc/collections/licensed_mine/items?bbox=${win}&limit=1000 (${ogcCount} features)`, `/ogc/collections/licensed_mine/items?bbox=${win}&limit=1000`],
      [`GET /ogc/collections/protected_area/items?limit=100`, `/ogc/collections/protected_area/items?limit=100`],
    ];
    figures.queries = {};
    for (const [label, url] of queries) {
      await probe(url);
      const q = await cannon(`${base}${url}`, cookie);
      row(`${label}, ${CONNECTIONS} connections, ${SECONDS} s`, `p50 ${q.p50} ms, p99 ${q.p99} ms, ${q.rps} req/s, ${q.errors} errors`);
      (figures.queries as Record<string, unknown>)[url] = q;
    }
  } finally {
    if (server && server.exitCode === null) {
      const done = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await done;
    }
    await pg.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

// ---------------------------------------------------------------- main

console.error(`overlay benchmark, scale ${SCALE}, ${cpus().length} CPUs (${cpus()[0]?.model}), load average at start ${load()}`);
figures.loadAtStart = load();
const g0 = performance.now();
const counties = (await shanxiRegions()).filter((r) => r.level === 'county').map((r) => r.code).sort();
const data = generateProvince(counties, { scale: SCALE });
row(`generate (seeded): ${data.licences.length} licences, ${data.patches.length} patches, ${data.protectedAreas.length} protected areas, ${data.temporaryLand.length} temporary-land approvals; ${data.vertices.min}–${data.vertices.max} vertices (mean ${data.vertices.mean.toFixed(1)}), ${data.holes} with a hole`, `${ms(g0)} ms`);
const mix: Record<string, number> = {};
for (const p of data.patches) mix[p.placed] = (mix[p.placed] ?? 0) + 1;
figures.mix = mix;
const input = overlayInput(data);

const pgRun = await postgisSide(data, input);
row(`PostGIS: the classification in one SQL statement over all ${data.patches.length} patches (load average before ${pgRun.loadBefore}, after ${pgRun.loadAfter})`, `${pgRun.sqlMs} ms`);

const rssBefore = process.memoryUsage().rss;
const loadBefore = load();
const n0 = performance.now();
const node = classifyPatches({ patches: input.patches, licences: input.licences, temporaryLand: input.temporaryLand, protectedAreas: input.protectedAreas }, { geometry: false });
const nodeMs = ms(n0);
const peak = process.resourceUsage().maxRSS * 1024;
row(`ours: classifyPatches in Node over the same ${data.patches.length} patches (one thread; load average before ${loadBefore}, after ${load()})`, `${nodeMs} ms; process RSS ${mib(rssBefore)} before, peak ${mib(peak)}`);
row('ratio ours / PostGIS (goal ≤ 1)', (nodeMs / pgRun.sqlMs).toFixed(3));
figures.overlay = { nodeMs, postgisMs: pgRun.sqlMs, ratio: nodeMs / pgRun.sqlMs, rssBefore, peak, skipped: node.skipped.length };

const cmp = compare(node, pgRun.result);
row('patches whose class set differs between ours and PostGIS', `${cmp.differing} of ${data.patches.length}${cmp.examples.length ? ` — e.g. ${cmp.examples.join('; ')}` : ''}`);
for (const [c, s] of cmp.perClass) {
  if (s.both + s.nodeOnly + s.pgOnly === 0) continue;
  row(`class ${c}: ${s.both} patches in both${s.nodeOnly ? `, ${s.nodeOnly} only ours` : ''}${s.pgOnly ? `, ${s.pgOnly} only PostGIS` : ''}`, c === 'error' ? '—' : `area max rel. diff ${s.maxRel.toExponential(2)}, mean ${(s.both ? s.sumRel / s.both : 0).toExponential(2)}${s.maxRel > 1e-6 ? ` (worst ${s.worst})` : ''}`);
}
row('largest |ours − PostGIS| / patch area of inside, outside, unapproved, protected', Object.values(cmp.measures).map((x) => x.toExponential(2)).join(', '));
figures.agreement = { differing: cmp.differing, perClass: Object.fromEntries([...cmp.perClass].map(([c, s]) => [c, { ...s, mean: s.both ? s.sumRel / s.both : 0 }])), measures: cmp.measures, examples: cmp.examples };
figures.skippedLayerFeatures = node.skipped.slice(0, 10);

if (!SKIP_APP) await appSide(data);
figures.loadAtEnd = load();

console.log(`| measure | result |\n|---|---|\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
