import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/database.js';
import { startEmbeddedPostgres, type EmbeddedPg } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { ensureSeedRegions, seedDemo } from '../src/demo/demo.js';
import { TEST_PASSWORD } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let pg: EmbeddedPg | undefined;
let dir: string | undefined;

/**
 * One real PostgreSQL for the whole run, with two template databases: `mw_template` (schema +
 * seed regions) and `mw_template_demo` (plus the demo organisation and users). Each test file
 * clones one of them, so every file gets a fresh database in milliseconds.
 */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    throw new Error('TEST_DATABASE_URL is not supported yet: the tests start their own embedded PostgreSQL');
  }
  dir = await mkdtemp(path.join(tmpdir(), 'minewatch-test-'));
  await chmod(dir, 0o755); // the postgres system user must reach its data directory
  pg = await startEmbeddedPostgres({ dataDir: dir, database: 'mw_template' });
  const base = createDb(pg.url, 2);
  await migrate(base);
  await ensureSeedRegions(base);
  await base.destroy();
  const adminUrl = pg.url.replace(/\/mw_template$/, '/postgres');
  const admin = createDb(adminUrl, 1);
  const { sql } = await import('kysely');
  await sql`create database mw_template_demo template mw_template`.execute(admin);
  const demo = createDb(pg.url.replace(/\/mw_template$/, '/mw_template_demo'), 2);
  await seedDemo(demo, TEST_PASSWORD);
  await demo.destroy();
  await admin.destroy();
  project.provide('pgAdminUrl', adminUrl);
}

export async function teardown(): Promise<void> {
  await pg?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
