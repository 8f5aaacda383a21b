import { sql } from 'kysely';
import type { PenaltyClockStopReason } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of penalties (L6) and their daily clocks. Reads go through whereInScope on the rows' region_code. */

/** The facts of a problem a penalty depends on, in scope. */
export async function problemFacts(db: Db | Tx, scope: Scope, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = whereInScope(
    db
      .selectFrom('problem as p')
      .select(['p.id', 'p.campaign_id', 'p.region_code', 'p.type_code', 'p.state', 'p.deadline', 'p.found_on', 'p.progress_percent', 'p.submitted_on', 'p.closed_on', 'p.overdue_since'])
      .where('p.id', '=', id),
    'p.region_code',
    scope,
  );
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ProblemFacts = NonNullable<Awaited<ReturnType<typeof problemFacts>>>;

const penaltySelect = (db: Db | Tx) => db.selectFrom('penalty as pe').leftJoin('app_user as u', 'u.id', 'pe.created_by').selectAll('pe').select('u.username as created_by_name');

export async function penaltiesOf(db: Db | Tx, scope: Scope, problemId: string) {
  return whereInScope(penaltySelect(db).where('pe.problem_id', '=', problemId), 'pe.region_code', scope).orderBy('pe.decided_on').orderBy('pe.created_at').orderBy('pe.id').execute();
}

export async function getPenalty(db: Db | Tx, scope: Scope, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = whereInScope(penaltySelect(db).where('pe.id', '=', id), 'pe.region_code', scope);
  if (opts.forUpdate) q = q.forUpdate('pe');
  return q.executeTakeFirst();
}
export type PenaltyRow = NonNullable<Awaited<ReturnType<typeof getPenalty>>>;

export async function insertPenalty(trx: Tx, p: { problemId: string; campaignId: string; regionCode: string; kind: string; decidedOn: string; record: unknown; amountFen: number | null; userId: string | null }) {
  return trx
    .insertInto('penalty')
    .values({
      problem_id: p.problemId,
      campaign_id: p.campaignId,
      region_code: p.regionCode,
      kind: p.kind,
      decided_on: p.decidedOn,
      record: JSON.stringify(p.record),
      amount_fen: p.amountFen,
      created_by: p.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updatePenaltyRecord(trx: Tx, id: string, version: number, record: unknown) {
  return trx
    .updateTable('penalty')
    .set({ record: JSON.stringify(record), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

// ---------- clocks ----------

export async function clockOf(db: Db | Tx, scope: Scope, problemId: string, opts: { forUpdate?: boolean } = {}) {
  let q = whereInScope(db.selectFrom('penalty_clock').selectAll().where('problem_id', '=', problemId), 'penalty_clock.region_code', scope);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function attachClock(trx: Tx, problemId: string, penaltyId: string) {
  await trx.updateTable('penalty_clock').set({ penalty_id: penaltyId }).where('problem_id', '=', problemId).where('penalty_id', 'is', null).execute();
}

export async function stopClock(trx: Tx, problemId: string, on: string, reason: PenaltyClockStopReason) {
  return trx
    .updateTable('penalty_clock')
    .set({ stopped_on: on, stop_reason: reason })
    .where('problem_id', '=', problemId)
    .where('stopped_on', 'is', null)
    .returning(['problem_id', 'stopped_on'])
    .executeTakeFirst();
}
