/**
 * Site geometry import at province scale, without HTTP: builds a zipped Shapefile of N polygons
 * (default 20,000; the province generator's patches, 5–60 vertices, some with a hole), starts a
 * throwaway embedded PostgreSQL (migrations + demo data), and times the service functions
 * previewImport and commitImport, then checks the result (N sites, N site.create audit events, the
 * audit chain verifies).
 *
 *   node --import tsx packages/server/bench/import-profile.ts
 *
 * IMPORT_N (default 20000) sets the number of polygons; IMPORT_JSON=<file> writes the figures;
 * IMPORT_PROF_DIR=<dir> writes a V8 CPU profile (.cpuprofile) of the import. The import runs in a
 * child process of its own (like the server would), so its RSS and peak (VmHWM) are the import's
 * plus the loaded modules and the database pool, not the generator's.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { zipSync } from 'fflate';
import { CGCS2000_PRJ, writeShapefiles } from '@minewatch/geo';
import type { Role } from '@minewatch/core';
import { createDb } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { scopeOf } from '../src/auth/scope.js';
import type { Actor } from '../src/auth/actor.js';
import { commitImport, previewImport } from '../src/modules/sites/sites.service.js';
import { generateProvince, PROVINCE_SIZE } from './generate-province.js';

const N = Number(process.env.IMPORT_N ?? 20_000);
const REGION = '140929';
const USER = 'kelan.office';
const ms = (t0: number) => Math.round(performance.now() - t0);
const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function memory(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** The zipped Shapefile: N generated polygons with a NAME (the site name) and TBBH column, CGCS2000 .prj. */
function buildZip(): { zip: Uint8Array; positions: number } {
  const data = generateProvince([REGION], { scale: N / PROVINCE_SIZE.patches });
  const patches = data.patches.slice(0, N);
  const out = writeShapefiles(
    patches.map((p) => ({ type: 'Feature' as const, properties: { NAME: `图斑${p.code}`, TBBH: p.code }, geometry: p.geometry })),
    { fields: [{ name: 'NAME', type: 'C' }, { name: 'TBBH', type: 'C' }], prj: CGCS2000_PRJ },
  );
  const l = out.layers.polygon!;
  const zip = zipSync({ 'sites.shp': l.shp!, 'sites.shx': l.shx!, 'sites.dbf': l.dbf, 'sites.prj': l.prj!, 'sites.cpg': l.cpg }, { level: 6 });
  return { zip, positions: patches.reduce((s, p) => s + p.geometry.coordinates.reduce((t, r) => t + r.length, 0), 0) };
}

/** The child: preview + commit of the zip against the database, figures as JSON on stdout. */
async function child(zipPath: string, url: string) {
  const zip = new Uint8Array(await readFile(zipPath));
  const db = createDb(url, 4);
  try {
    const u = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'region_code']).where('username', '=', USER).executeTakeFirstOrThrow();
    const actor: Actor = { userId: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, regionCode: u.region_code, scope: scopeOf(u.region_code), via: 'session' };
    const m0 = memory();
    const p0 = performance.now();
    const preview = await previewImport(db, actor, zip, { fileName: 'sites.zip', regionCode: REGION, kind: 'illegal_point', attributes: {} });
    const previewMs = ms(p0);
    const m1 = memory();
    const c0 = performance.now();
    const committed = await commitImport(db, actor, preview.previewId);
    const commitMs = ms(c0);
    const m2 = memory();
    process.stdout.write(JSON.stringify({ count: preview.count, created: committed.created, previewMs, commitMs, rssBefore: m0.rss, peakAfterPreview: m1.peak, peak: m2.peak }));
  } finally {
    await db.destroy();
  }
}

async function main() {
  const g0 = performance.now();
  const { zip, positions } = buildZip();
  console.error(`generated ${N} polygons (${positions} positions, ${mib(zip.length)} zipped) in ${ms(g0)} ms`);
  const dir = await mkdtemp(path.join(tmpdir(), 'minewatch-import-profile-'));
  await chmod(dir, 0o755); // the postgres system user must reach its data directory
  const zipPath = path.join(dir, 'sites.zip');
  await writeFile(zipPath, zip);
  const pg = await startEmbeddedPostgres({ dataDir: dir });
  const db = createDb(pg.url, 2);
  try {
    await migrate(db);
    await seedDemo(db, 'profile-password');
    const sitesBefore = (await sql<{ n: number }>`select count(*)::int as n from site`.execute(db)).rows[0]!.n;
    const loadBefore = load();
    const prof = process.env.IMPORT_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.IMPORT_PROF_DIR}`] : [];
    const proc = spawn(process.execPath, [...prof, '--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, IMPORT_CHILD_ZIP: zipPath, IMPORT_CHILD_URL: pg.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    if (code !== 0) throw new Error(`the import process failed (exit ${code})`);
    const f = JSON.parse(out) as { count: number; created: number; previewMs: number; commitMs: number; rssBefore: number; peakAfterPreview: number; peak: number };
    const loadAfter = load();

    // The import must have done its whole job: every site, one audit event each, an intact chain.
    const sites = (await sql<{ n: number }>`select count(*)::int as n from site`.execute(db)).rows[0]!.n - sitesBefore;
    const audits = (await sql<{ n: number }>`select count(*)::int as n from audit_event where action = 'site.create' and after->>'importedFrom' = 'sites.zip'`.execute(db)).rows[0]!.n;
    const v0 = performance.now();
    const chain = await verifyAuditChain(db);
    const verifyMs = ms(v0);
    if (f.count !== N || f.created !== N || sites !== N || audits !== N || !chain.ok) {
      throw new Error(`import incomplete: preview ${f.count}, created ${f.created}, sites ${sites}, audit ${audits}, chain ${chain.ok ? 'ok' : chain.problems.slice(0, 3).join('; ')}`);
    }
    let cli = 'not run';
    if (process.env.IMPORT_CLI_VERIFY === '1') {
      const root = fileURLToPath(new URL('../../../', import.meta.url));
      cli = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/cli.ts'), 'audit:verify'], { cwd: root, env: { ...process.env, DATABASE_URL: pg.url }, encoding: 'utf8' }).trim();
    }
    console.log(
      `import of ${N} polygons: preview ${f.previewMs} ms + commit ${f.commitMs} ms = ${f.previewMs + f.commitMs} ms; ` +
        `import process RSS ${mib(f.rssBefore)} before, peak ${mib(f.peakAfterPreview)} after preview, ${mib(f.peak)} after commit; ` +
        `${sites} sites, ${audits} site.create events, audit chain verified (${chain.checked} rows, ${verifyMs} ms); cli audit:verify: ${cli}; ` +
        `load ${loadBefore} before, ${loadAfter} after`,
    );
    if (process.env.IMPORT_JSON) {
      await writeFile(process.env.IMPORT_JSON, JSON.stringify({ features: N, positions, zipBytes: zip.length, ...f, totalMs: f.previewMs + f.commitMs, verifyMs, auditChecked: chain.checked, loadBefore, loadAfter, node: process.version }, null, 2));
    }
  } finally {
    await db.destroy();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.env.IMPORT_CHILD_ZIP) await child(process.env.IMPORT_CHILD_ZIP, process.env.IMPORT_CHILD_URL!);
else await main();
