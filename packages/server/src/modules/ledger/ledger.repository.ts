import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Scope } from '../../auth/scope.js';
import { jsonArrayBytes } from '../../db/json-array-bytes.js';
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
}

/**
 * The preview's own row (after removing the uploader's expired ones), written first so that its rows (ledger_import_row) can follow in batches
 * within the same transaction; the counts, errors and unmatched enterprises are set by finishPreview.
 * The rows column of migration 0010 is no longer used (0014).
 */
export async function insertPreview(trx: Tx, p: PreviewWrite) {
  // The uploader's expired previews go first, with their rows (nothing else would ever remove them).
  await trx.deleteFrom('ledger_import_preview').where('user_id', '=', p.userId).where('expires_at', '<', sql<Date>`now()`).execute();
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
      row_count: 0,
      error_count: 0,
      rows: '[]',
      errors: '[]',
      unmatched: '[]',
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** The preview's counts, the errors it shows, its unmatched enterprises; it expires 24 hours from now. */
export async function finishPreview(trx: Tx, id: string, p: { rowCount: number; errorCount: number; errors: unknown[]; unmatched: string[] }) {
  return trx
    .updateTable('ledger_import_preview')
    .set({
      row_count: p.rowCount,
      error_count: p.errorCount,
      errors: JSON.stringify(p.errors),
      unmatched: JSON.stringify(p.unmatched),
      expires_at: sql<Date>`clock_timestamp() + interval '24 hours'`,
    })
    .where('id', '=', id)
    .returning(['expires_at'])
    .executeTakeFirstOrThrow();
}

/** What the commit needs of one checked row (only rows of a preview without errors are kept). */
export interface ImportRowWrite {
  sheet: string;
  row: number;
  workGroupKey: string | null;
  enterprise: string;
  regionCode: string;
  typeCode: string;
  methodMineral: string;
  description: string;
  measures: string;
  deadline: string;
  responsible: string;
  responsiblePersonId: string | null;
  responsibleUnitId: string | null;
  contact: string | null;
}

/** One batch of a preview's rows, numbered from `first`, in one INSERT (a JSON array, see jsonArrayBytes). */
export async function insertImportRows(trx: Tx, previewId: string, first: number, rows: ImportRowWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const json = jsonArrayBytes(rows.length, (k) => {
    const r = rows[k]!;
    return JSON.stringify({
      ordinal: first + k,
      sheet: r.sheet,
      sheet_row: r.row,
      work_group_key: r.workGroupKey,
      enterprise: r.enterprise,
      region_code: r.regionCode,
      type_code: r.typeCode,
      method_mineral: r.methodMineral,
      description: r.description,
      measures: r.measures,
      deadline: r.deadline,
      responsible_text: r.responsible,
      responsible_person_id: r.responsiblePersonId,
      responsible_unit_id: r.responsibleUnitId,
      responsible_contact: r.contact,
    });
  });
  await sql`insert into ledger_import_row (preview_id, ordinal, sheet, sheet_row, work_group_key, enterprise, region_code, type_code, method_mineral,
      description, measures, deadline, responsible_text, responsible_person_id, responsible_unit_id, responsible_contact)
    select ${previewId}::uuid, ordinal, sheet, sheet_row, work_group_key, enterprise, region_code, type_code, method_mineral,
      description, measures, deadline, responsible_text, responsible_person_id, responsible_unit_id, responsible_contact
    from jsonb_to_recordset(convert_from(${json}, 'UTF8')::jsonb) as r(ordinal int, sheet text, sheet_row int, work_group_key text, enterprise text,
      region_code text, type_code text, method_mineral text, description text, measures text, deadline date, responsible_text text,
      responsible_person_id uuid, responsible_unit_id uuid, responsible_contact text)`.execute(trx);
}

/** The rows kept so far, when the preview turned out to have errors (it can never be committed). */
export async function deleteImportRows(trx: Tx, previewId: string): Promise<void> {
  await sql`delete from ledger_import_row where preview_id = ${previewId}::uuid`.execute(trx);
}

/** The registry site each uniquely matched enterprise name stands for, as the preview found it. */
export async function insertImportSites(trx: Tx, previewId: string, sites: { enterprise: string; siteId: string }[]): Promise<void> {
  for (let i = 0; i < sites.length; i += 5000) {
    const part = sites.slice(i, i + 5000);
    const json = jsonArrayBytes(part.length, (k) => JSON.stringify({ enterprise: part[k]!.enterprise, site_id: part[k]!.siteId }));
    await sql`insert into ledger_import_site (preview_id, enterprise, site_id)
      select ${previewId}::uuid, enterprise, site_id from jsonb_to_recordset(convert_from(${json}, 'UTF8')::jsonb) as r(enterprise text, site_id uuid)`.execute(trx);
  }
}

/**
 * Every row of the preview becomes a problem, in row order, in one INSERT … SELECT: the same columns
 * the former problemsRepo.insertProblems was given one by one (state found, no evidence, no verifying unit,
 * source_ref "file#sheet!row", the registry site of the enterprise when it matched one). Returns the
 * number of problems created.
 */
export async function commitImportRows(trx: Tx, c: { previewId: string; campaignId: string; userId: string }): Promise<number> {
  const res = await sql`insert into problem (campaign_id, work_group_key, site_id, enterprise, region_code, type_code, method_mineral, description,
      measures, found_on, deadline, responsible_unit_id, responsible_person_id, responsible_contact, responsible_text, verifying_unit_id,
      source, source_ref, state, evidence, import_id, created_by)
    select ${c.campaignId}::uuid, r.work_group_key, s.site_id, r.enterprise, r.region_code, r.type_code, r.method_mineral, r.description,
      r.measures, p.found_on, r.deadline, r.responsible_unit_id, r.responsible_person_id, r.responsible_contact, r.responsible_text, null,
      p.source, p.file_name || '#' || r.sheet || '!' || r.sheet_row, 'found', '{}', p.id, ${c.userId}::uuid
    from ledger_import_row r
    join ledger_import_preview p on p.id = r.preview_id
    left join ledger_import_site s on s.preview_id = r.preview_id and s.enterprise = r.enterprise
    where r.preview_id = ${c.previewId}::uuid
    order by r.ordinal`.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}

/** The preview, locked, if it is this user's, of this campaign and not expired. */
export async function lockPreview(trx: Tx, userId: string, campaignId: string, id: string) {
  return trx
    .selectFrom('ledger_import_preview')
    .select(['id', 'region_code', 'campaign_version', 'file_name', 'found_on', 'source', 'row_count', 'error_count', 'unmatched'])
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
