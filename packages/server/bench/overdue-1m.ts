/**
 * Benchmark: the daily overdue job over a province-sized ledger.
 *
 *   node --import tsx packages/server/bench/overdue-1m.ts [problems] [batchSize]
 *   (defaults 1,000,000 and 10,000; DATABASE_URL = use that PostgreSQL instead of a fresh embedded one)
 *
 * A fresh embedded PostgreSQL (fsync on, as in production) gets the schema, the seed regions and the
 * demo (four seed campaigns, their units, people and office users), then `problems` problems made
 * with INSERT … SELECT generate_series in 100,000-row statements: spread over the four campaigns and
 * their townships, responsible people drawn from each region's roster, 1/8 of the 002 ones of the
 * type whose rule says 按日连续处罚, deadlines from 2022-01-01 over 5 years (so on a 2026 day ~80 %
 * are past), 15 % closed, the rest in the four open states (submitted on time for some). Then:
 *   1. the overdue job as it runs at night (every region, today in China), timed, with its counts;
 *   2. the same run again (idempotent: must find nothing);
 *   3. the audit hash chain verified over everything written (BENCH_VERIFY=0 skips it).
 * Prints the figures as a Markdown table and peak RSS of this process.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { campaign001, campaign002, campaign003, campaign004 } from '@minewatch/core';
import { SYSTEM_ACTOR } from '../src/auth/actor.js';
import { scopeOf } from '../src/auth/scope.js';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { todayInChina } from '../src/clock.js';
import { createDb, type Db } from '../src/db/database.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { runOverdueJob } from '../src/jobs/overdue-job.js';
import { createNotifier } from '../src/modules/notifications/notifier.js';

const N = Number(process.argv[2] ?? process.env.BENCH_PROBLEMS ?? 1_000_000);
const BATCH = Number(process.argv[3] ?? process.env.BENCH_BATCH ?? 10_000);
const CHUNK = 100_000;
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(BATCH) || BATCH < 1) throw new Error('usage: overdue-1m.ts [problems] [batchSize]');

const ms = (t0: number) => Math.round(performance.now() - t0);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

/** For each seed campaign: its id, region, a township pool, a responsible-unit pool, people, a type (and the daily-fine type for 002). */
async function pools(db: Db) {
  const out = [];
  for (const seed of [campaign001, campaign002, campaign003, campaign004]) {
    const c = await db.selectFrom('campaign').select(['id', 'region_code']).where('code', '=', seed.key).executeTakeFirstOrThrow();
    const prefix = c.region_code.endsWith('00') ? c.region_code.slice(0, 4) : c.region_code;
    const towns = (await db.selectFrom('region').select('code').where('code', 'like', prefix + '%').where('level', '=', 'township').execute()).map((r) => r.code);
    const units = (await db.selectFrom('unit').select('id').where('region_code', 'like', prefix + '%').execute()).map((r) => r.id);
    const people = (await db.selectFrom('person').select('id').where('region_code', 'like', prefix + '%').execute()).map((r) => r.id);
    const types = seed.taxonomy.filter((t) => !t.hazardLedger).map((t) => t.code);
    if (!towns.length || !units.length || !people.length) throw new Error(`no townships/units/people for ${seed.key}`);
    out.push({ id: c.id, towns, units, people, types, daily: seed.key === campaign002.key ? 'dump_pollution' : null });
  }
  return out;
}

async function generate(db: Db): Promise<void> {
  const p = await pools(db);
  const arr = (xs: string[]) => sql`${xs}::text[]`;
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    const t0 = performance.now();
    // g % 4 picks the campaign; the arrays are indexed 1-based with modulo arithmetic on g.
    const pick = (k: 'towns' | 'units' | 'people' | 'types') => sql`(case g % 4 ${sql.join(p.map((c, i) => sql`when ${i} then (${arr(c[k])})[1 + (g / 4) % ${c[k].length}]`), sql` `)} end)`;
    await sql`
      insert into problem (campaign_id, region_code, enterprise, type_code, description, measures, found_on, deadline,
                           responsible_unit_id, responsible_person_id, responsible_contact, source, state, progress_percent,
                           submitted_on, closed_on, closed_at, created_at, updated_at)
      select (${sql`${p.map((c) => c.id)}::uuid[]`})[1 + g % 4],
             ${pick('towns')},
             '基准测试矿山' || g,
             case when g % 4 = 1 and g % 8 = 1 then ${p[1]!.daily} else ${pick('types')} end,
             '基准测试：排查发现问题 ' || g,
             '基准测试：整改措施',
             d - 30,
             d,
             ${pick('units')}::uuid,
             ${pick('people')}::uuid,
             '1390000' || lpad((g % 10000)::text, 4, '0'),
             'survey',
             s,
             (g % 10) * 10,
             case when s = 'submitted' then d - (g % 3) + 1 else null end,
             case when s = 'closed' then d - 1 else null end,
             case when s = 'closed' then (d - 1)::timestamptz else null end,
             now(), now()
      from (select g, (date '2022-01-01' + (g % 1826)) as d,
                   (case when g % 20 < 3 then 'closed' when g % 20 < 10 then 'found' when g % 20 < 15 then 'rectifying'
                         when g % 20 < 18 then 'submitted' else 'returned' end) as s
            from generate_series(${from}::int, ${to}::int) g) x`.execute(db);
    process.stdout.write(`\r  generated ${to.toLocaleString('en')} problems (${ms(t0)} ms for the last ${(to - from + 1).toLocaleString('en')})   `);
  }
  process.stdout.write('\n');
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const dir = process.env.DATABASE_URL ? null : await mkdtemp(path.join(tmpdir(), 'minewatch-bench-overdue-'));
  if (dir) await chmod(dir, 0o755);
  const pg = dir ? await startEmbeddedPostgres({ dataDir: dir }) : null;
  const db = createDb(process.env.DATABASE_URL ?? pg!.url, 4);
  try {
    await migrate(db);
    await seedDemo(db, 'bench-password');
    let t0 = performance.now();
    await generate(db);
    rows.push(`| generate ${N.toLocaleString('en')} problems (INSERT … SELECT generate_series, 100,000 per statement) | ${ms(t0).toLocaleString('en')} ms |`);
    t0 = performance.now();
    await sql`vacuum analyze problem`.execute(db);
    rows.push(`| VACUUM ANALYZE problem | ${ms(t0).toLocaleString('en')} ms |`);
    const today = todayInChina();
    const due = (await sql<{ n: number }>`select count(*)::int as n from problem p where p.state in ('found','rectifying','submitted','returned') and p.deadline < ${today}::date and not (p.state = 'submitted' and p.submitted_on <= p.deadline)`.execute(db)).rows[0]!.n;
    const notifier = createNotifier({ email: null, sms: null, appUrl: null });
    if (process.env.BENCH_EXPLAIN === '1') {
      // The plan of one marking batch, rolled back (BENCH_EXPLAIN=1).
      await db.transaction().execute(async (trx) => {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) update problem as p set overdue_since = ${today}::date
          where p.id = any(array(select q.id from problem q where q.state in ('found','rectifying','submitted','returned') and q.deadline < ${today}::date
                         and not (q.state = 'submitted' and coalesce(q.submitted_on <= q.deadline, false)) and q.overdue_since is null order by q.deadline, q.id limit ${BATCH}))
            and p.state in ('found','rectifying','submitted','returned') and p.deadline < ${today}::date and p.overdue_since is null`.execute(trx);
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        throw new Error('rollback');
      }).catch((e: Error) => { if (e.message !== 'rollback') throw e; });
    }

    t0 = performance.now();
    const run = await runOverdueJob(db, { today, scope: scopeOf(null), trigger: 'cli', actor: SYSTEM_ACTOR, notifier, batchSize: BATCH, onBatch: (n) => process.stdout.write(`\r  marked ${n.toLocaleString('en')} …`) });
    const runMs = ms(t0);
    process.stdout.write('\n');
    if (run.status !== 'succeeded') throw new Error(`run ${run.status}: ${run.error}`);
    if (run.counts.marked !== due) throw new Error(`marked ${run.counts.marked}, expected ${due}`);
    const c = run.counts;
    rows.push(
      `| overdue job, first run on ${today}: ${c.marked!.toLocaleString('en')} of ${N.toLocaleString('en')} problems overdue, batches of ${BATCH.toLocaleString('en')} | ${runMs.toLocaleString('en')} ms (${Math.round((c.marked! * 1000) / runMs).toLocaleString('en')} problems/s) |`,
    );
    rows.push(`| … written with it | ${c.auditEvents!.toLocaleString('en')} audit rows (one per problem + clock), ${c.clocksStarted!.toLocaleString('en')} 按日连续处罚 clocks, ${c.notificationsCreated!.toLocaleString('en')} digest notifications (${c.notificationsUpdated!.toLocaleString('en')} digest updates across batches) |`);

    t0 = performance.now();
    const again = await runOverdueJob(db, { today, scope: scopeOf(null), trigger: 'cli', actor: SYSTEM_ACTOR, notifier, batchSize: BATCH });
    rows.push(`| same run again (idempotent: ${again.counts.marked} marked) | ${ms(t0).toLocaleString('en')} ms |`);
    if (again.counts.marked !== 0) throw new Error('second run marked problems');

    if (process.env.BENCH_VERIFY !== '0') {
      t0 = performance.now();
      const v = await verifyAuditChain(db);
      if (!v.ok) throw new Error(`audit chain broken: ${v.problems.slice(0, 5).join('; ')}`);
      rows.push(`| audit:verify over the chain (${v.checked.toLocaleString('en')} rows) | ${ms(t0).toLocaleString('en')} ms, intact |`);
    }
    const size = (await sql<{ p: string; a: string }>`select pg_size_pretty(pg_total_relation_size('problem')) as p, pg_size_pretty(pg_total_relation_size('audit_event')) as a`.execute(db)).rows[0]!;
    rows.push(`| table sizes after the run | problem ${size.p}, audit_event ${size.a} |`);
    rows.push(`| peak RSS of the Node process (generator + job) | ${Math.round(peakRss / 1024 / 1024)} MB |`);
  } finally {
    clearInterval(sampler);
    await db.destroy();
    await pg?.stop();
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
  console.log(`\n| overdue job at ${N.toLocaleString('en')} problems | result |\n|---|---|\n${rows.join('\n')}`);
}

await main();
