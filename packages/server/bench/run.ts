/**
 * npm run bench — measures on this machine, prints a Markdown table for docs/benchmarks.md:
 *  1. cold start (empty data dir: initdb + migrations + seed regions + demo) and warm start, to a healthy /api/health;
 *  2. `regions:import --all` (the whole GB/T 2260 tree to village level);
 *  3. autocannon, 50 connections: GET /api/org/bodies?region=… (logged in) next to GET /api/health on the same server.
 * Everything runs on loopback against a server this script starts and stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../src/db/embedded.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'packages/server/src/main.ts');
const CLI = path.join(ROOT, 'packages/server/src/cli.ts');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'bench-password';

function startServer(dataDir: string, port: number): { proc: ChildProcess; ready: Promise<number> } {
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
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

  const t0 = performance.now();
  const imp = spawn(process.execPath, ['--import', 'tsx', CLI, 'regions:import', '--all'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  imp.stdout!.on('data', (d) => (out += d));
  const code = await new Promise((r) => imp.once('exit', r));
  if (code !== 0) throw new Error('regions:import --all failed');
  rows.push(`| npm run cli -- regions:import --all (${out.trim()}) | ${Math.round(performance.now() - t0)} ms total |`);
} finally {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
console.log(`| measure | result |\n|---|---|\n${rows.join('\n')}`);
