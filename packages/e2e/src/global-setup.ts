import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD = 'e2e-Passw0rd';
let server: ChildProcess | undefined;
let dir: string | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Starts the real server (built web app + embedded PostgreSQL on a fresh data dir) for the browser tests. */
export async function setup(project: TestProject): Promise<void> {
  if (!existsSync(path.join(ROOT, 'packages/web/dist/index.html'))) throw new Error('build the web app first: npm run build:web');
  if (!existsSync('/usr/bin/chromium')) throw new Error('Debian chromium is missing: apt-get install -y chromium (.ci/run does this)');
  dir = await mkdtemp(path.join(tmpdir(), 'minewatch-e2e-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', JOBS_SCHEDULER: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error('server exited during start');
    try {
      if ((await fetch(base + '/api/health')).ok) break;
    } catch {
      /* starting */
    }
    if (Date.now() > end) throw new Error('server did not become healthy in 90 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide('baseUrl', base);
  project.provide('demoPassword', PASSWORD);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const done = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await done;
  }
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
