import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { whereInScope, type Scope } from '../auth/scope.js';
import { overdueSql } from '../modules/problems/problems.progress.js';

/** SQL of the overdue job. Overdue is problems.progress's `overdueSql`, the rule every list and figure uses. */

export interface MarkedRow {
  id: string;
  region_code: string;
  campaign_id: string;
  type_code: string;
  deadline: string;
  state: string;
  responsible_person_id: string | null;
}

/**
 * Marks up to `limit` problems overdue on `today` that are not marked yet (overdue_since is null),
 * oldest deadline first, within `scope`; returns them. Set-based: one UPDATE over a selection that
 * the partial index problem_overdue_pending_idx (migration 0013) serves, so each batch reads only
 * rows it will mark, however many were marked before. The UPDATE repeats the overdue condition:
 * a row changed meanwhile (closed, deadline moved) is re-checked on its newest version under the
 * row lock the UPDATE takes, so it is not marked by mistake — no separate SELECT … FOR UPDATE (which
 * would write every row twice). `= any(array(…))` makes the UPDATE find the rows by primary key
 * (an IN (subquery) is planned as a hash join over a scan of the whole table, once per batch).
 */
export async function markOverdueBatch(trx: Tx, scope: Scope, today: string, limit: number): Promise<MarkedRow[]> {
  const picked = whereInScope(trx.selectFrom('problem as p').select('p.id').where(overdueSql(today)).where('p.overdue_since', 'is', null), 'p.region_code', scope)
    .orderBy('p.deadline')
    .orderBy('p.id')
    .limit(limit);
  const res = await sql<MarkedRow>`
    update problem as p set overdue_since = ${today}::date
    where p.id = any(array(${picked})) and ${overdueSql(today)} and p.overdue_since is null
    returning p.id, p.region_code, p.campaign_id, p.type_code, p.deadline, p.state, p.responsible_person_id`.execute(trx);
  return res.rows;
}

export async function campaignsById(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('campaign').select(['id', 'region_code', 'name', 'data']).where('id', 'in', ids).execute();
}

/** Office users (联席会议/领导小组办公室) that are not disabled, with their regions. */
export async function officeUsers(db: Db | Tx) {
  return db.selectFrom('app_user').select(['id', 'region_code']).where('role', '=', 'office').where('disabled', '=', false).where('region_code', 'is not', null).execute() as Promise<{ id: string; region_code: string }[]>;
}

export async function personRegions(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'region_code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.region_code]));
}

export interface ClockStart {
  problemId: string;
  campaignId: string;
  regionCode: string;
  countFrom: string;
  ruleSection: string;
  rulePrinted: string;
}

/**
 * Starts clocks (one per problem). An existing clock is left alone, unless it was stopped because the
 * office moved the deadline: a missed new deadline starts the count again from that one. Returns the
 * problems whose clock started now.
 */
export async function startClocks(trx: Tx, rows: ClockStart[], startedOn: string, jobRunId: string): Promise<string[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof ClockStart>(k: K) => rows.map((r) => r[k]);
  const res = await sql<{ problem_id: string }>`
    insert into penalty_clock (problem_id, campaign_id, region_code, count_from, started_on, job_run_id, rule_section, rule_printed)
    select s.pid, s.cid, s.region, s.count_from, ${startedOn}::date, ${jobRunId}::uuid, s.section, s.printed
    from unnest(${col('problemId')}::uuid[], ${col('campaignId')}::uuid[], ${col('regionCode')}::text[], ${col('countFrom')}::date[],
                ${col('ruleSection')}::text[], ${col('rulePrinted')}::text[]) as s(pid, cid, region, count_from, section, printed)
    on conflict (problem_id) do update
      set count_from = excluded.count_from, started_on = excluded.started_on, job_run_id = excluded.job_run_id, rule_section = excluded.rule_section,
          rule_printed = excluded.rule_printed, penalty_id = null, stopped_on = null, stop_reason = null
      where penalty_clock.stop_reason = 'deadline_moved'
    returning problem_id`.execute(trx);
  return res.rows.map((r) => r.problem_id);
}

/**
 * Stops the running clocks of problems that were closed (销号: the day it closed) or voided (today),
 * within `scope`; returns what was stopped.
 */
export async function stopClocksOfFinishedProblems(trx: Tx, scope: Scope, today: string) {
  const running = whereInScope(
    trx
      .selectFrom('penalty_clock as c')
      .innerJoin('problem as p', 'p.id', 'c.problem_id')
      .select('c.problem_id')
      .where('c.stopped_on', 'is', null)
      .where('p.state', 'in', ['closed', 'voided']),
    'c.region_code',
    scope,
  );
  const res = await sql<{ problem_id: string; region_code: string; stopped_on: string; stop_reason: string; count_from: string }>`
    update penalty_clock as c
    set stopped_on = case when p.state = 'closed' then greatest(p.closed_on, c.started_on) else ${today}::date end,
        stop_reason = case when p.state = 'closed' then 'closed' else 'voided' end
    from problem p
    where p.id = c.problem_id and c.problem_id in (${running})
    returning c.problem_id, c.region_code, c.stopped_on, c.stop_reason, c.count_from`.execute(trx);
  return res.rows;
}

// ---------- job runs ----------

export async function insertRun(db: Db | Tx, r: { job: string; trigger: string; actorUserId: string | null; regionCode: string | null; forDay: string; status: 'running' | 'skipped'; error?: string | null }) {
  return db
    .insertInto('job_run')
    .values({
      job: r.job,
      trigger: r.trigger,
      actor_user_id: r.actorUserId,
      region_code: r.regionCode,
      for_day: r.forDay,
      status: r.status,
      finished_at: r.status === 'skipped' ? new Date() : null,
      error: r.error ?? null,
      counts: '{}',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function finishRun(db: Db | Tx, id: string, status: 'succeeded' | 'failed', counts: Record<string, number>, error: string | null) {
  return db.updateTable('job_run').set({ status, finished_at: new Date(), counts: JSON.stringify(counts), error }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Runs left 'running' by a process that died: only called while holding the job's lock, so none is alive. */
export async function closeStaleRuns(db: Db | Tx, job: string): Promise<number> {
  const res = await db
    .updateTable('job_run')
    .set({ status: 'failed', finished_at: new Date(), error: 'the process ended before the run finished' })
    .where('job', '=', job)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function listRuns(db: Db, scope: Scope, f: { job?: string | undefined; limit: number }) {
  // Runs over the whole country (region null) are the platform admin's; whereInScope lets only scope root null see them.
  let q = db.selectFrom('job_run').selectAll();
  q = scope.root === null ? q : whereInScope(q.where('region_code', 'is not', null), 'job_run.region_code', scope);
  if (f.job) q = q.where('job', '=', f.job);
  return q.orderBy('started_at', 'desc').orderBy('id').limit(f.limit).execute();
}

export async function lastSucceeded(db: Db, job: string, forDay: string) {
  return db
    .selectFrom('job_run')
    .select(['id'])
    .where('job', '=', job)
    .where('for_day', '=', forDay)
    .where('status', '=', 'succeeded')
    .where('region_code', 'is', null)
    .limit(1)
    .executeTakeFirst();
}

export const tryLock = async (db: Db, key: number) => (await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}::bigint) as ok`.execute(db)).rows[0]!.ok;
export const unlock = async (db: Db, key: number) => void (await sql`select pg_advisory_unlock(${key}::bigint)`.execute(db));
