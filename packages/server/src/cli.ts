import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { verifyAuditChain, appendAudit } from './audit/audit.repository.js';
import { readChinaDivision, seedRegionFilter } from './modules/regions/regions.import.js';
import { countRegions, upsertRegions } from './modules/regions/regions.repository.js';
import { seedDemo } from './demo/demo.js';

const USAGE = `Usage: npm run cli -- <command>
  regions:import [--all]   import GB/T 2260 regions (default: the four seed jurisdictions; --all: the whole country to village level)
  audit:verify             recompute the audit hash chain; exit 1 if any row was edited or deleted
  demo:reset               delete ALL data and load the demo again (DEMO_PASSWORD sets the password)
  jobs:run overdue [--region CODE] [--day YYYY-MM-DD]
                           run the overdue job now (exit 0 done, 1 failed, 75 another run holds the lock)`;

const [command, ...args] = process.argv.slice(2);
const cfg = loadConfig();

async function main(): Promise<number> {
  if (!command || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'jobs:run') {
    const conn = await connect(cfg, () => {});
    return (await import('./jobs/jobs.cli.js')).runJobCli(conn.db, args).finally(() => conn.close());
  }
  const known = ['regions:import', 'audit:verify', 'demo:reset'];
  if (!known.includes(command)) {
    console.error(`Unknown command ${command}\n${USAGE}`);
    return 2;
  }
  const conn = await connect(cfg, () => {});
  const { db } = conn;
  try {
    switch (command) {
      case 'regions:import': {
        const all = args.includes('--all');
        const t0 = performance.now();
        const rows = await readChinaDivision(all ? undefined : seedRegionFilter());
        const t1 = performance.now();
        await db.transaction().execute(async (trx) => {
          await upsertRegions(trx, rows);
          await appendAudit(trx, { actorUserId: null, actorLabel: 'cli', action: 'region.import', entityType: 'region', entityId: all ? 'all' : 'seed', regionCode: null, after: { rows: rows.length } });
        });
        const t2 = performance.now();
        console.log(`imported ${rows.length} regions (read ${Math.round(t1 - t0)} ms, write ${Math.round(t2 - t1)} ms); ${await countRegions(db)} regions in the database`);
        return 0;
      }
      case 'audit:verify': {
        const r = await verifyAuditChain(db);
        if (r.ok) console.log(`audit chain intact: ${r.checked} rows verified`);
        else console.error(`AUDIT CHAIN BROKEN (${r.checked} rows read):\n  ${r.problems.join('\n  ')}`);
        return r.ok ? 0 : 1;
      }
      case 'demo:reset': {
        await sql`drop schema public cascade`.execute(db);
        await sql`create schema public`.execute(db);
        // Stored files belong to the records just dropped.
        await rm(path.join(cfg.dataDir, 'files'), { recursive: true, force: true });
        await migrate(db);
        const seeded = await seedDemo(db, cfg.demoPassword);
        console.log(`demo data rebuilt; password: ${seeded?.generated ? seeded.password : 'the value of DEMO_PASSWORD'}; machine token: ${seeded?.token}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
