import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../src/db/embedded.js';

/**
 * The setup contract, exercised on the real entry point: a server process on an empty data
 * directory starts embedded PostgreSQL, seeds the demo, refuses a second instance on the same
 * data, shuts down cleanly on SIGTERM and comes back on the same data without re-seeding.
 */
const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
const procs: ChildProcess[] = [];
afterAll(async () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

function start(port: number): { proc: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // node --import tsx, not the tsx binary: its wrapper process would turn a graceful exit into 143.
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: 'process-test-pw', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, output: () => out, exited };
}

async function waitFor(check: () => boolean, ms: number, what: string, output: () => string) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; output:\n${output()}`);
}

describe('server process', () => {
  it('starts on empty data, refuses a second instance, stops cleanly and restarts without re-seeding', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'minewatch-proc-'));
    await chmod(dir, 0o755);
    const port = await freePort();
    const first = start(port);
    await waitFor(() => /Minewatch ready/.test(first.output()), 60_000, 'first start', first.output);
    expect(first.output()).toMatch(/demo data loaded/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok' });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'process-test-pw' }) });
    expect(login.status).toBe(200);
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(true);

    const second = start(await freePort());
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by a running PostgreSQL/);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopped cleanly/);
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    const again = start(port);
    await waitFor(() => /Minewatch ready/.test(again.output()), 60_000, 'restart', again.output);
    expect(again.output()).not.toMatch(/demo data loaded/);
    const relog = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kelan.office', password: 'process-test-pw' }) });
    expect(relog.status).toBe(200);
    again.proc.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 180_000);
});
