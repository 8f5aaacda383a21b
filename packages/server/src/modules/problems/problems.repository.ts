import { sql, type Insertable } from 'kysely';
import { scopePrefix } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import type { ProblemTable } from '../../db/schema-problems.js';
import { whereInScope, type Scope } from '../../auth/scope.js';
import { applyProblemFilter, overdueSql, type ProblemFilter } from './problems.progress.js';

/** The unit and person an app user acts for: app_user.unit_id, else the unit on the user's person record. */
export async function actorUnit(db: Db | Tx, userId: string): Promise<{ unitId: string | null; personId: string | null }> {
  const r = await db
    .selectFrom('app_user as u')
    .leftJoin('person as pe', 'pe.id', 'u.person_id')
    .select(['u.unit_id', 'u.person_id', 'pe.unit_id as person_unit_id'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  return { unitId: r?.unit_id ?? r?.person_unit_id ?? null, personId: r?.person_id ?? null };
}

export async function getUnitRow(db: Db | Tx, id: string) {
  return db.selectFrom('unit').select(['id', 'region_code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function getPersonRow(db: Db | Tx, id: string) {
  return db.selectFrom('person').select(['id', 'region_code', 'name', 'position', 'rank', 'phone', 'unit_id']).where('id', '=', id).executeTakeFirst();
}

/** People of this name whose record lies in `region` or below (the 附件1 responsible person). */
export async function peopleNamed(db: Db | Tx, regionPrefix: string, names: string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'region_code', 'name', 'position', 'rank', 'phone', 'unit_id'])
    .where(sql<boolean>`name = any(${names}::text[])`)
    .where('region_code', 'like', regionPrefix + '%')
    .execute();
}

export async function getSiteRow(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(db.selectFrom('site').select(['id', 'name', 'region_code', 'kind', 'attributes']).where('id', '=', id), 'site.region_code', scope).executeTakeFirst();
}

/** Registry sites in `region` (a scope prefix) whose names are among `names` (the 附件1 矿山企业 match). */
export async function sitesNamed(db: Db | Tx, scope: Scope, region: string, names: string[]) {
  if (names.length === 0) return [];
  // One array parameter: a 100,000-row ledger names more enterprises than a statement may have parameters.
  return whereInScope(db.selectFrom('site').select(['id', 'name', 'region_code', 'kind']).where(sql<boolean>`site.name = any(${names}::text[])`), 'site.region_code', scope, region).execute();
}

/** Townships (and county-level towns) below `region`, for 行政区域(苏木镇). */
export async function townshipsBelow(db: Db | Tx, regionPrefix: string) {
  return db.selectFrom('region').select(['code', 'name', 'level']).where('code', 'like', regionPrefix + '%').where('level', 'in', ['township', 'county']).execute();
}

/** Uploaded files with these SHA-256 hashes in the actor's scope (one row per hash: the newest). */
export async function filesBySha(db: Db | Tx, scope: Scope, shas: string[]) {
  if (shas.length === 0) return [];
  return whereInScope(db.selectFrom('file').select(['id', 'sha256', 'original_name', 'mime', 'size', 'region_code']).where('sha256', 'in', shas), 'file.region_code', scope)
    .distinctOn('sha256')
    .orderBy('sha256')
    .orderBy('created_at', 'desc')
    .execute();
}

export type ProblemInsert = Insertable<ProblemTable>;

export async function insertProblem(trx: Tx, p: ProblemInsert): Promise<string> {
  return (await trx.insertInto('problem').values(p).returning('id').executeTakeFirstOrThrow()).id;
}

/** Page columns of a problem with the names the list shows (region, campaign, site, unit, person). */
const withNames = (q: ReturnType<typeof filteredBase>) =>
  q
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
    .leftJoin('site as s', 's.id', 'p.site_id')
    .leftJoin('unit as ru', 'ru.id', 'p.responsible_unit_id')
    .leftJoin('person as rp', 'rp.id', 'p.responsible_person_id')
    .selectAll('p')
    .select(['r.name as region_name', 'c.name as campaign_name', 'c.region_code as campaign_region', 's.name as site_name', 'ru.name as unit_name', 'rp.name as person_name']);

const filteredBase = (db: Db | Tx, scope: Scope, f: ProblemFilter, today: string) => applyProblemFilter(db.selectFrom('problem as p'), scope, f, today);

export type ProblemRow = Awaited<ReturnType<typeof getProblem>> & {};

export async function getProblem(db: Db | Tx, scope: Scope, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = withNames(filteredBase(db, scope, {}, '2000-01-01')).where('p.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('p');
  return q.executeTakeFirst();
}

/** Many problems in the actor's scope, locked for a change in id order (so two bulk changes never wait on each other crosswise). */
export async function getProblemsForUpdate(trx: Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return [];
  return withNames(filteredBase(trx, scope, {}, '2000-01-01'))
    .where(sql<boolean>`p.id = any(${ids.map((id) => id.toLowerCase())}::uuid[])`)
    .orderBy('p.id')
    .forUpdate('p')
    .execute();
}

export type ProblemSort = 'deadline' | 'updated' | 'found';

/** One page of problems and the number of all that match (two queries, as the site list). */
/** The list counts its matches up to here (measured at 200,000 problems: a full count took 140–420 ms a page, this one a few ms). */
export const LIST_COUNT_CAP = 10_000;

export async function listProblems(db: Db, scope: Scope, f: ProblemFilter, today: string, page: { limit: number; offset: number; sort: ProblemSort }) {
  let q = withNames(filteredBase(db, scope, f, today));
  // Ties broken by id in the same direction, so each order is one index scan (migration 0017).
  q = page.sort === 'updated' ? q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc') : page.sort === 'found' ? q.orderBy('p.found_on', 'desc').orderBy('p.id', 'desc') : q.orderBy('p.deadline').orderBy('p.id');
  const matches = filteredBase(db, scope, f, today).select(sql<number>`1`.as('one')).limit(LIST_COUNT_CAP + 1);
  const [rows, count] = await Promise.all([
    q.limit(page.limit).offset(page.offset).execute(),
    db.selectFrom(matches.as('m')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Math.min(count.n, LIST_COUNT_CAP), totalCapped: count.n > LIST_COUNT_CAP };
}

export async function updateProblem(trx: Tx, id: string, version: number, set: Partial<ProblemInsert>) {
  return trx
    .updateTable('problem')
    .set({ ...set, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export async function insertEvent(
  trx: Tx,
  e: { problemId: string; regionCode: string; event: string; from: string; to: string; reason: string | null; evidence: string[]; actorUserId: string | null; actorUnitId: string | null; capacities: string[] },
) {
  await trx
    .insertInto('problem_event')
    .values({
      problem_id: e.problemId,
      region_code: e.regionCode,
      event: e.event,
      from_state: e.from,
      to_state: e.to,
      reason: e.reason,
      evidence: e.evidence,
      actor_user_id: e.actorUserId,
      actor_unit_id: e.actorUnitId,
      capacities: e.capacities,
    })
    .execute();
}

export async function eventsOf(db: Db | Tx, problemId: string) {
  return db
    .selectFrom('problem_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.at', 'e.event', 'e.from_state', 'e.to_state', 'e.reason', 'e.evidence', 'e.capacities', 'u.username'])
    .where('e.problem_id', '=', problemId)
    .orderBy('e.id')
    .execute();
}

/** Audit rows of the problem and of the 附件1 import it came from, oldest first. */
export async function historyOf(db: Db | Tx, scope: Scope, problemId: string, importId: string | null) {
  let q = db.selectFrom('audit_event').select(['at', 'action', 'actor_label', 'before', 'after']);
  q = whereInScope(q, 'audit_event.region_code', scope);
  q = q.where((eb) =>
    importId
      ? eb.or([eb.and([eb('entity_type', '=', 'problem'), eb('entity_id', '=', problemId)]), eb.and([eb('entity_type', '=', 'ledger_import'), eb('entity_id', '=', importId)])])
      : eb.and([eb('entity_type', '=', 'problem'), eb('entity_id', '=', problemId)]),
  );
  return q.orderBy('seq').limit(1000).execute();
}

/**
 * Problems waiting for sign-off that this actor could verify: submitted, in scope, of a campaign
 * whose office the actor is (an office user and the campaign's region in scope), or whose verifying
 * unit is the actor's; never those whose responsible unit is the actor's. Oldest submission first.
 */
export async function signOffQueue(db: Db, scope: Scope, who: { office: boolean; unitId: string | null }, page: { limit: number; offset: number }) {
  const base = (q: ReturnType<typeof filteredBase>) => {
    let out = q.innerJoin('campaign as cq', 'cq.id', 'p.campaign_id');
    out = out.where((eb) => {
      const ors = [];
      if (who.office) ors.push(scope.root === null ? sql<boolean>`true` : sql<boolean>`cq.region_code like ${scopePrefix(scope.root) + '%'}`);
      if (who.unitId) ors.push(eb('p.verifying_unit_id', '=', who.unitId));
      return ors.length ? eb.or(ors) : sql<boolean>`false`;
    });
    if (who.unitId) out = out.where(sql<boolean>`p.responsible_unit_id is distinct from ${who.unitId}::uuid`);
    return out;
  };
  const f: ProblemFilter = { state: ['submitted'] };
  const [rows, total] = await Promise.all([
    withNames(base(filteredBase(db, scope, f, '2000-01-01')) as unknown as ReturnType<typeof filteredBase>)
      .orderBy('p.submitted_on')
      .orderBy('p.deadline')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base(filteredBase(db, scope, f, '2000-01-01')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// ---------- per mine (L7) ----------

export async function getMinePlan(db: Db | Tx, campaignId: string, siteId: string) {
  return db.selectFrom('mine_plan').selectAll().where('campaign_id', '=', campaignId).where('site_id', '=', siteId).executeTakeFirst();
}

export async function upsertMinePlan(
  trx: Tx,
  m: { campaignId: string; siteId: string; regionCode: string; policy: string; planFileIds: string[]; responsiblePersonId: string | null; stages: unknown; userId: string },
) {
  return trx
    .insertInto('mine_plan')
    .values({
      campaign_id: m.campaignId,
      site_id: m.siteId,
      region_code: m.regionCode,
      policy: m.policy,
      plan_file_ids: m.planFileIds,
      responsible_person_id: m.responsiblePersonId,
      stages: JSON.stringify(m.stages),
      updated_by: m.userId,
    })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'site_id']).doUpdateSet({
        policy: m.policy,
        plan_file_ids: m.planFileIds,
        responsible_person_id: m.responsiblePersonId,
        stages: JSON.stringify(m.stages),
        updated_by: m.userId,
        updated_at: new Date(),
        version: sql`mine_plan.version + 1`,
      }),
    )
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/**
 * The mines of a campaign in scope: registry sites that have problems in it or a plan, with their
 * plan (if any) and problem counts (open, closed, overdue on `today`).
 */
export async function minesOfCampaign(db: Db, scope: Scope, campaignId: string, today: string, page: { limit: number; offset: number; region?: string | undefined; siteId?: string | undefined }) {
  const ids = sql`(select site_id from problem where campaign_id = ${campaignId}::uuid and site_id is not null
                   union select site_id from mine_plan where campaign_id = ${campaignId}::uuid)`;
  let q = db
    .selectFrom('site as s')
    .leftJoin('mine_plan as mp', (j) => j.onRef('mp.site_id', '=', 's.id').on('mp.campaign_id', '=', campaignId))
    .leftJoin('person as rp', 'rp.id', 'mp.responsible_person_id')
    .select([
      's.id as site_id',
      's.name as site_name',
      's.region_code',
      'mp.policy',
      'mp.plan_file_ids',
      'mp.responsible_person_id',
      'rp.name as person_name',
      'mp.stages',
      'mp.version',
      sql<number>`(select count(*)::int from problem p where p.site_id = s.id and p.campaign_id = ${campaignId}::uuid and p.state in ('found','rectifying','submitted','returned'))`.as('open'),
      sql<number>`(select count(*)::int from problem p where p.site_id = s.id and p.campaign_id = ${campaignId}::uuid and p.state = 'closed')`.as('closed'),
      sql<number>`(select count(*)::int from problem p where p.site_id = s.id and p.campaign_id = ${campaignId}::uuid and ${overdueSql(today)})`.as('overdue'),
    ])
    .where(sql<boolean>`s.id in ${ids}`);
  q = whereInScope(q, 's.region_code', scope, page.region);
  if (page.siteId) q = q.where('s.id', '=', page.siteId);
  const rows = await q.orderBy('s.region_code').orderBy('s.name').orderBy('s.id').limit(page.limit).offset(page.offset).execute();
  return rows;
}

export async function regionNames(db: Db | Tx, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
}
