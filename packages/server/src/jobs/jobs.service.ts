import type { JobRun } from '@minewatch/core';
import type { Db } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { assertRegionInScope, scopeOf } from '../auth/scope.js';
import { AppError } from '../errors.js';
import { todayInChina } from '../clock.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { regionExists } from '../modules/regions/regions.repository.js';
import type { JobRunRow } from './job-runner.js';
import { runOverdueJob } from './overdue-job.js';
import * as repo from './overdue.repository.js';

export function toJobRun(r: JobRunRow): JobRun {
  return {
    id: r.id,
    job: r.job,
    trigger: r.trigger as JobRun['trigger'],
    status: r.status as JobRun['status'],
    regionCode: r.region_code,
    forDay: r.for_day,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    counts: r.counts as Record<string, number>,
    error: r.error,
  };
}

/**
 * Runs the overdue job now for the actor's region (or a region below it): the platform admin for
 * everything by default. A run already in progress anywhere → 409; a run that failed → 500 (its
 * message is kept on the job_run row for the admin, not sent).
 */
export async function runOverdueNow(db: Db, actor: Actor, notifier: Notifier, input: { regionCode?: string | undefined }): Promise<JobRun> {
  let root = actor.scope.root;
  if (input.regionCode !== undefined) {
    assertRegionInScope(actor.scope, input.regionCode);
    if (!(await regionExists(db, input.regionCode))) throw new AppError('VALIDATION', `body.regionCode: unknown region code ${input.regionCode}`, [{ path: 'body.regionCode', message: `unknown region code ${input.regionCode}` }]);
    root = input.regionCode;
  }
  const run = await runOverdueJob(db, { today: todayInChina(), scope: scopeOf(root), trigger: 'api', actor, notifier });
  if (run.status === 'skipped') throw new AppError('CONFLICT', `An overdue run is already in progress (this attempt is recorded as job run ${run.id})`);
  if (run.status === 'failed') throw new AppError('INTERNAL', `The overdue run failed; see job run ${run.id}`);
  return toJobRun(run);
}

export async function listRuns(db: Db, actor: Actor, f: { job?: string | undefined; limit: number }): Promise<JobRun[]> {
  return (await repo.listRuns(db, actor.scope, f)).map((r) => toJobRun(r as JobRunRow));
}
