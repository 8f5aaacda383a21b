import { regionCodeSchema } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { scopeOf } from '../auth/scope.js';
import { todayInChina } from '../clock.js';
import { channelsFromEnv } from '../modules/notifications/adapters.js';
import { createNotifier } from '../modules/notifications/notifier.js';
import { regionExists } from '../modules/regions/regions.repository.js';
import { runOverdueJob } from './overdue-job.js';

export const JOBS_USAGE = `  jobs:run overdue [--region CODE] [--day YYYY-MM-DD]
                           run the overdue job now (default: every region, today in China); one run at a time across processes`;

/**
 * `npm run cli -- jobs:run overdue`: exit 0 when the run succeeded, 1 when it failed, 75 (EX_TEMPFAIL)
 * when another run holds the lock, 2 on bad arguments.
 */
export async function runJobCli(db: Db, args: string[]): Promise<number> {
  const [job, ...rest] = args;
  if (job !== 'overdue') {
    console.error(`Unknown job ${job ?? '(none)'}\nUsage: npm run cli -- ${JOBS_USAGE.trim()}`);
    return 2;
  }
  let region: string | null = null;
  let day = todayInChina();
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === '--region' && value && regionCodeSchema.safeParse(value).success) region = value;
    else if (flag === '--day' && value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) day = value;
    else {
      console.error(`Bad argument ${flag ?? ''} ${value ?? ''}\nUsage: npm run cli -- ${JOBS_USAGE.trim()}`);
      return 2;
    }
  }
  if (region && !(await regionExists(db, region))) {
    console.error(`Unknown region code ${region}`);
    return 2;
  }
  const notifier = createNotifier(channelsFromEnv(process.env, { info: (o, m) => console.log(`${m} ${JSON.stringify(o)}`) }));
  const t0 = performance.now();
  const run = await runOverdueJob(db, {
    today: day,
    scope: scopeOf(region),
    trigger: 'cli',
    actor: SYSTEM_ACTOR,
    notifier,
    onBatch: (n) => process.stdout.write(`\r  marked ${n.toLocaleString('en')} …`),
  });
  process.stdout.write('\n');
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (run.status === 'skipped') {
    console.error(`another overdue run is in progress; this attempt is recorded as job run ${run.id}`);
    return 75;
  }
  if (run.status === 'failed') {
    console.error(`overdue run ${run.id} FAILED after ${secs} s: ${run.error}`);
    return 1;
  }
  console.log(`overdue run ${run.id} for ${day}${region ? ` in ${region}` : ''}: ${secs} s; ${JSON.stringify(run.counts)}`);
  return 0;
}
