/**
 * npm run bench — measures on this machine, prints a Markdown table for docs/benchmarks.md:
 *  1. cold start (empty data dir: initdb + migrations + seed regions + demo) and warm start, to a healthy /api/health;
 *  2. `regions:import --all` (the whole GB/T 2260 tree to village level);
 *  3. autocannon, 50 connections: GET /api/org/bodies?region=… (logged in) next to GET /api/health on the same server.
 * Everything runs on loopback against a server this script starts and stops.
 * Sections by name: `npm run bench -- start regions sites ledger` (no names: all of them). `regions`
 * without `start` also creates the database, so its time then includes initdb. `ledger` is
 * ledger-1m.ts (the ledger at 1,000,000 problems) in a process of its own, run last, printing its own table.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded.js';
import { createDb } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { generateSites } from './generate-sites.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'packages/server/src/main.ts');
const CLI = path.join(ROOT, 'packages/server/src/cli.ts');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench-password';
const SECTIONS = ['start', 'regions', 'sites', 'ledger'];
const asked = process.argv.slice(2);
for (const a of asked) if (!SECTIONS.includes(a)) throw new Error(`unknown bench section "${a}" (sections: ${SECTIONS.join(', ')})`);
const want = (section: string) => asked.length === 0 || asked.includes(section);

function startServer(dataDir: string, port: number, databaseUrl?: string): { proc: ChildProcess; ready: Promise<number> } {
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const ready = (async () => {
    for (;;) {
      if (proc.exitCode !== null) throw new Error('server exited during start');
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.ok) return performance.now() - t0;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { proc, ready };
}

async function stop(proc: ChildProcess) {
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await done;
}

async function cannon(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: 50, duration: DURATION, headers });
  return { p50: r.latency.p50, p99: r.latency.p99, rps: Math.round(r.requests.average), errors: r.errors + r.non2xx };
}

const rows: string[] = [];
const dir = await mkdtemp(path.join(tmpdir(), 'minewatch-bench-'));
await chmod(dir, 0o755);
try {
  if (want('start')) {
    const port = await freePort();
    let s = startServer(dir, port);
    rows.push(`| cold start to healthy (initdb, migrations, seed regions, demo) | ${Math.round(await s.ready)} ms |`);
    await stop(s.proc);
    s = startServer(dir, port);
    rows.push(`| warm start to healthy (existing ./data) | ${Math.round(await s.ready)} ms |`);

    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const bodies = await fetch(`http://127.0.0.1:${port}/api/org/bodies?region=640500`, { headers: { cookie } });
    const count = ((await bodies.json()) as unknown[]).length;
    const health = await cannon(`http://127.0.0.1:${port}/api/health`);
    const org = await cannon(`http://127.0.0.1:${port}/api/org/bodies?region=640500`, { cookie });
    rows.push(`| GET /api/health, 50 connections, ${DURATION} s | p50 ${health.p50} ms, p99 ${health.p99} ms, ${health.rps} req/s, ${health.errors} errors |`);
    rows.push(`| GET /api/org/bodies?region=640500 (${count} bodies with rosters, session cookie), 50 connections, ${DURATION} s | p50 ${org.p50} ms, p99 ${org.p99} ms, ${org.rps} req/s, ${org.errors} errors |`);
    await stop(s.proc);
  }

  if (want('regions')) {
    const t0 = performance.now();
    const imp = spawn(process.execPath, ['--import', 'tsx', CLI, 'regions:import', '--all'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    imp.stdout!.on('data', (d) => (out += d));
    const code = await new Promise((r) => imp.once('exit', r));
    if (code !== 0) throw new Error('regions:import --all failed');
    rows.push(`| npm run cli -- regions:import --all (${out.trim()}) | ${Math.round(performance.now() - t0)} ms total |`);
  }

  if (want('sites')) {
    // Site registry at size: its own embedded PostgreSQL, the server pointed at it with DATABASE_URL.
    const SITES = Number(process.env.BENCH_SITES ?? 20_000);
    const dir2 = path.join(dir, 'sites');
    const pg = await startEmbeddedPostgres({ dataDir: dir2 });
    try {
      const db = createDb(pg.url, 4);
      await migrate(db);
      await seedDemo(db, PASSWORD);
      const g0 = performance.now();
      await generateSites(db, SITES);
      rows.push(`| generate ${SITES} licence polygons into site (SQL batches + ellipsoidal area) | ${Math.round(performance.now() - g0)} ms |`);
      await db.destroy();
      const port2 = await freePort();
      const s2 = startServer(path.join(dir, 'unused'), port2, pg.url);
      await s2.ready;
      const l2 = await fetch(`http://127.0.0.1:${port2}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
      const c2 = (l2.headers.get('set-cookie') ?? '').split(';')[0]!;
      const window = '111.5,38.6,111.6,38.7';
      const inWindow = ((await (await fetch(`http://127.0.0.1:${port2}/api/sites?bbox=${window}&limit=1000`, { headers: { cookie: c2 } })).json()) as { total: number }).total;
      const h2 = await cannon(`http://127.0.0.1:${port2}/api/health`);
      const bb = await cannon(`http://127.0.0.1:${port2}/api/sites?bbox=${window}&limit=1000`, { cookie: c2 });
      const pg1 = await cannon(`http://127.0.0.1:${port2}/api/sites?region=140929&kind=licensed_mine&limit=100&offset=1000`, { cookie: c2 });
      rows.push(`| GET /api/health on the same server, 50 connections | p50 ${h2.p50} ms, p99 ${h2.p99} ms, ${h2.rps} req/s |`);
      rows.push(`| GET /api/sites?bbox=${window} (${inWindow} of ${SITES} sites in the window, with total), 50 connections | p50 ${bb.p50} ms, p99 ${bb.p99} ms, ${bb.rps} req/s, ${bb.errors} errors |`);
      rows.push(`| GET /api/sites?region=140929&kind=licensed_mine&limit=100&offset=1000 (page 11), 50 connections | p50 ${pg1.p50} ms, p99 ${pg1.p99} ms, ${pg1.rps} req/s, ${pg1.errors} errors |`);
      await stop(s2.proc);
    } finally {
      await pg.stop();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
if (rows.length) console.log(`| measure | result |\n|---|---|\n${rows.join('\n')}`);

if (want('ledger')) {
  const ledger = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'packages/server/bench/ledger-1m.ts')], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise((r) => ledger.once('exit', r));
  if (code !== 0) throw new Error(`ledger-1m.ts failed (exit ${code})`);
}
