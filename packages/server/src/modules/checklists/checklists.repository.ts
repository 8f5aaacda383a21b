import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of the 004 checklist submissions and their findings (L8). Reads go through whereInScope. */

export async function siteInScope(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(db.selectFrom('site').select(['id', 'name', 'region_code']).where('id', '=', id), 'site.region_code', scope).executeTakeFirst();
}

export async function regionName(db: Db | Tx, code: string) {
  return (await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst())?.name ?? null;
}

export async function insertSubmission(
  trx: Tx,
  s: { campaignId: string; checklistId: string; subject: string; siteId: string | null; regionCode: string; inspectedOn: string; expired: boolean; inspectors: string[]; answers: unknown; failedCount: number; userId: string | null },
) {
  return trx
    .insertInto('checklist_submission')
    .values({
      campaign_id: s.campaignId,
      checklist_id: s.checklistId,
      subject: s.subject,
      site_id: s.siteId,
      region_code: s.regionCode,
      inspected_on: s.inspectedOn,
      expired: s.expired,
      inspectors: s.inspectors,
      answers: JSON.stringify(s.answers),
      failed_count: s.failedCount,
      created_by: s.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertFindings(
  trx: Tx,
  rows: { submissionId: string; campaignId: string; regionCode: string; itemCode: string; typeCode: string; description: string; evidence: string[]; siteId: string | null; foundOn: string }[],
) {
  if (rows.length === 0) return [];
  return trx
    .insertInto('checklist_finding')
    .values(rows.map((r) => ({ submission_id: r.submissionId, campaign_id: r.campaignId, region_code: r.regionCode, item_code: r.itemCode, type_code: r.typeCode, description: r.description, evidence: r.evidence, site_id: r.siteId, found_on: r.foundOn })))
    .returning(['id', 'item_code'])
    .execute();
}

const submissionSelect = (db: Db | Tx) =>
  db
    .selectFrom('checklist_submission as cs')
    .innerJoin('campaign as c', 'c.id', 'cs.campaign_id')
    .innerJoin('region as r', 'r.code', 'cs.region_code')
    .leftJoin('site as s', 's.id', 'cs.site_id')
    .leftJoin('app_user as u', 'u.id', 'cs.created_by')
    .selectAll('cs')
    .select(['c.name as campaign_name', 'r.name as region_name', 's.name as site_name', 'u.username as created_by_name']);

export async function getSubmission(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(submissionSelect(db).where('cs.id', '=', id), 'cs.region_code', scope).executeTakeFirst();
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

export async function listSubmissions(db: Db, scope: Scope, f: { region?: string | undefined; campaignId?: string | undefined; siteId?: string | undefined; limit: number; offset: number }) {
  const base = () => {
    let q = whereInScope(db.selectFrom('checklist_submission as cs'), 'cs.region_code', scope, f.region);
    if (f.campaignId) q = q.where('cs.campaign_id', '=', f.campaignId);
    if (f.siteId) q = q.where('cs.site_id', '=', f.siteId);
    return q;
  };
  const [rows, total] = await Promise.all([
    base()
      .innerJoin('campaign as c', 'c.id', 'cs.campaign_id')
      .innerJoin('region as r', 'r.code', 'cs.region_code')
      .leftJoin('site as s', 's.id', 'cs.site_id')
      .leftJoin('app_user as u', 'u.id', 'cs.created_by')
      .selectAll('cs')
      .select([
        'c.name as campaign_name',
        'r.name as region_name',
        's.name as site_name',
        'u.username as created_by_name',
        sql<number>`(select count(*)::int from checklist_finding f where f.submission_id = cs.id and f.problem_id is null)`.as('open_findings'),
      ])
      .orderBy('cs.inspected_on', 'desc')
      .orderBy('cs.created_at', 'desc')
      .orderBy('cs.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function findingsOf(db: Db | Tx, submissionId: string) {
  return db.selectFrom('checklist_finding').selectAll().where('submission_id', '=', submissionId).orderBy('created_at').orderBy('id').execute();
}

export async function getFinding(db: Db | Tx, scope: Scope, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = whereInScope(db.selectFrom('checklist_finding').selectAll().where('id', '=', id), 'checklist_finding.region_code', scope);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type FindingRow = NonNullable<Awaited<ReturnType<typeof getFinding>>>;

/** Links a finding to the problem it became; false when another request linked it first. */
export async function linkFinding(trx: Tx, id: string, problemId: string): Promise<boolean> {
  const r = await trx.updateTable('checklist_finding').set({ problem_id: problemId }).where('id', '=', id).where('problem_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
