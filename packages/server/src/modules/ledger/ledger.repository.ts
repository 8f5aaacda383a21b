import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Scope } from '../../auth/scope.js';
import { applyProblemFilter, type ProblemFilter } from '../problems/problems.progress.js';

export interface LedgerKey {
  region: string;
  deadline: string;
  id: string;
}

/**
 * One batch of a work group's problems in 附件1 order (region, deadline, id) after `after`: keyset
 * paging on problem_ledger_idx (campaign_id, work_group_key, region_code, deadline, id), so a
 * million-row export never sorts more than one batch. The township (行政区域) is the region at
 * township level containing the problem's region (the region itself above that level).
 */
export async function ledgerBatch(db: Db, scope: Scope, f: ProblemFilter, workGroupKey: string | null, today: string, after: LedgerKey | null, n: number) {
  let q = applyProblemFilter(db.selectFrom('problem as p'), scope, f, today)
    .leftJoin('region as t', (j) => j.on(sql`t.code`, '=', sql`(case when length(p.region_code) >= 9 then left(p.region_code, 9) else p.region_code end)`))
    .leftJoin('site as s', 's.id', 'p.site_id')
    .select(['p.id', 'p.region_code', 'p.deadline', 'p.enterprise', 'p.method_mineral', 'p.type_code', 'p.description', 'p.measures', 'p.responsible_text', 't.name as township', 's.name as site_name']);
  q = workGroupKey === null ? q.where('p.work_group_key', 'is', null) : q.where('p.work_group_key', '=', workGroupKey);
  if (after) q = q.where(sql<boolean>`(p.region_code, p.deadline, p.id) > (${after.region}, ${after.deadline}::date, ${after.id}::uuid)`);
  return q.orderBy('p.region_code').orderBy('p.deadline').orderBy('p.id').limit(n).execute();
}

/** Work-group keys the filtered problems use (null: problems without a group). */
export async function groupsInUse(db: Db, scope: Scope, f: ProblemFilter, today: string): Promise<(string | null)[]> {
  const rows = await applyProblemFilter(db.selectFrom('problem as p'), scope, f, today).select('p.work_group_key').distinct().execute();
  return rows.map((r) => r.work_group_key);
}

export interface PreviewWrite {
  campaignId: string;
  campaignVersion: number;
  userId: string;
  regionCode: string;
  fileName: string;
  foundOn: string;
  source: string;
  rows: unknown[];
  errors: unknown[];
  unmatched: string[];
}

export async function insertPreview(trx: Tx, p: PreviewWrite) {
  return trx
    .insertInto('ledger_import_preview')
    .values({
      campaign_id: p.campaignId,
      campaign_version: p.campaignVersion,
      user_id: p.userId,
      region_code: p.regionCode,
      file_name: p.fileName,
      found_on: p.foundOn,
      source: p.source,
      row_count: p.rows.length,
      error_count: p.errors.length,
      rows: JSON.stringify(p.rows),
      errors: JSON.stringify(p.errors),
      unmatched: JSON.stringify(p.unmatched),
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The preview, locked, if it is this user's, of this campaign and not expired. */
export async function lockPreview(trx: Tx, userId: string, campaignId: string, id: string) {
  return trx
    .selectFrom('ledger_import_preview')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('campaign_id', '=', campaignId)
    .where('expires_at', '>', sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
}

export async function deletePreview(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('ledger_import_preview').where('id', '=', id).execute();
}
