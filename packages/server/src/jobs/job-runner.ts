import type { JobName } from '@minewatch/core';
import type { Db } from '../db/database.js';
import { changeWithAudit } from '../db/transaction.js';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor.js';
import * as repo from './overdue.repository.js';

/** PostgreSQL advisory-lock keys, one per job: one run at a time across every process on the database. */
const LOCK_KEYS: Record<JobName, number> = { overdue: 7_355_701 };

type RunRow = Awaited<ReturnType<typeof repo.insertRun>>;
/** A job_run row; counts as the job wrote them. */
export type JobRunRow = Omit<RunRow, 'counts'> & { counts: Record<string, number> };
const asRun = (r: RunRow): JobRunRow => r as JobRunRow;

export interface RunMeta {
  job: JobName;
  trigger: 'schedule' | 'cli' | 'api' | 'test';
  actor: Actor;
  /** null: every region. */
  regionCode: string | null;
  forDay: string;
}

/**
 * Runs `work` as one recorded run of `job`, if no other process is running it: a session advisory
 * lock on a connection held for the whole run decides (a second caller gets a `skipped` run at once,
 * it does not wait). The run's row is written before the work starts (status running) and closed
 * with its counts and one `job.run` audit event in the same transaction; a run that throws is closed
 * as failed with the message. Rows left `running` by a process that died are closed as failed by
 * the next run (it holds the lock, so nothing else is running).
 */
export async function runExclusive(db: Db, meta: RunMeta, work: (conn: Db, run: JobRunRow) => Promise<Record<string, number>>): Promise<JobRunRow> {
  const base = { job: meta.job, trigger: meta.trigger, actorUserId: meta.actor === SYSTEM_ACTOR ? null : meta.actor.userId, regionCode: meta.regionCode, forDay: meta.forDay };
  return db.connection().execute(async (conn) => {
    if (!(await repo.tryLock(conn, LOCK_KEYS[meta.job]))) {
      return asRun(await repo.insertRun(conn, { ...base, status: 'skipped', error: `another ${meta.job} run is in progress` }));
    }
    try {
      const stale = await repo.closeStaleRuns(conn, meta.job);
      const run = asRun(await repo.insertRun(conn, { ...base, status: 'running' }));
      let counts: Record<string, number>;
      let error: string | null = null;
      try {
        counts = { ...(await work(conn, run)), staleRunsClosed: stale };
      } catch (err) {
        counts = { staleRunsClosed: stale };
        error = (err as Error).message || String(err);
      }
      const status = error === null ? 'succeeded' : 'failed';
      return await changeWithAudit(conn, meta.actor, async (trx) => ({
        result: asRun(await repo.finishRun(trx, run.id, status, counts, error)),
        audit: [{ action: 'job.run', entityType: 'job_run', entityId: run.id, regionCode: meta.regionCode, after: { job: meta.job, trigger: meta.trigger, forDay: meta.forDay, status, counts, error } }],
      }));
    } finally {
      await repo.unlock(conn, LOCK_KEYS[meta.job]);
    }
  });
}
