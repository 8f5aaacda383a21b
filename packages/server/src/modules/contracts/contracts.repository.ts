import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { scopePrefix, type ContractInput, type VisitInput } from '@minewatch/core';
import { whereInScope, type Scope } from '../../auth/scope.js';

/** All SQL of the 包联 context. Reads go through whereInScope on the assignment's region_code. */

export interface ContractFilter {
  /** Assignments with at least one target in this region (and below). */
  region?: string | undefined;
  personId?: string | undefined;
  /** Also those whose last day lies before `today`. */
  includeEnded: boolean;
  today: string;
  limit: number;
  offset: number;
}

/** LIKE pattern of a region and everything below it (codes are digits; nothing to escape). */
const under = (region: string) => scopePrefix(region) + '%';

const contractSelect = (db: Db | Tx) =>
  db
    .selectFrom('contract')
    .innerJoin('region', 'region.code', 'contract.region_code')
    .innerJoin('person', 'person.id', 'contract.person_id')
    .leftJoin('unit', 'unit.id', 'person.unit_id')
    .select([
      'contract.id',
      'contract.region_code',
      'region.name as region_name',
      'contract.person_id',
      'person.name as person_name',
      'person.position as person_position',
      'person.region_code as person_region_code',
      'unit.name as unit_name',
      'contract.valid_from',
      'contract.valid_to',
      'contract.note',
      'contract.ended_at',
      'contract.end_reason',
      'contract.created_at',
    ]);
export type ContractRow = NonNullable<Awaited<ReturnType<typeof getContract>>>;

/** Restricts to assignments touching `region`: one of their targets lies in it. */
function touching<QB extends ReturnType<typeof contractSelect> | ReturnType<typeof contractCount>>(q: QB, region: string | undefined): QB {
  if (region === undefined) return q;
  return (q as ReturnType<typeof contractSelect>).where(({ exists, selectFrom }) =>
    exists(selectFrom('contract_target as t').select('t.id').whereRef('t.contract_id', '=', 'contract.id').where(sql<boolean>`t.region_code like ${under(region)}`)),
  ) as unknown as QB;
}

const contractCount = (db: Db) =>
  db.selectFrom('contract').innerJoin('person', 'person.id', 'contract.person_id').select(sql<number>`count(*)::int`.as('n'));

function filtered<QB extends ReturnType<typeof contractSelect> | ReturnType<typeof contractCount>>(q: QB, scope: Scope, f: ContractFilter): QB {
  let out = whereInScope(q as ReturnType<typeof contractSelect>, 'contract.region_code', scope);
  out = touching(out, f.region);
  if (f.personId) out = out.where('contract.person_id', '=', f.personId);
  if (!f.includeEnded) out = out.where((eb) => eb.or([eb('contract.valid_to', 'is', null), eb('contract.valid_to', '>=', f.today)]));
  return out as unknown as QB;
}

/** One page of assignments, by person then start date, and the count of all that match. */
export async function listContracts(db: Db, scope: Scope, f: ContractFilter) {
  const [rows, total] = await Promise.all([
    filtered(contractSelect(db), scope, f)
      .orderBy('person.name')
      .orderBy('contract.valid_from', 'desc')
      .orderBy('contract.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(contractCount(db), scope, f).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function getContract(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(contractSelect(db).where('contract.id', '=', id), 'contract.region_code', scope).executeTakeFirst();
}

/**
 * Targets of the given assignments with names and the latest visit on or before `asOf`.
 * Callers pass assignment IDs they read through the scope.
 */
export async function targetsOf(db: Db | Tx, contractIds: string[], asOf: string) {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('contract_target as t')
    .innerJoin('region', 'region.code', 't.region_code')
    .leftJoin('site', 'site.id', 't.site_id')
    .select([
      't.id',
      't.contract_id',
      't.kind',
      't.region_code',
      'region.name as region_name',
      't.site_id',
      'site.name as site_name',
      'site.kind as site_kind',
      sql<string | null>`(select max(v.visited_on)::text from contract_visit v where v.target_id = t.id and v.visited_on <= ${asOf}::date)`.as('last_visit_on'),
    ])
    .where('t.contract_id', 'in', contractIds)
    .orderBy('t.contract_id')
    .orderBy('t.sort_order')
    .execute();
}

/** The person record a login is linked to (app_user.person_id), if any. */
export async function personOfUser(db: Db, userId: string): Promise<string | null> {
  const r = await db.selectFrom('app_user').select('person_id').where('id', '=', userId).executeTakeFirst();
  return r?.person_id ?? null;
}

export async function regionLevel(db: Db, code: string): Promise<string | undefined> {
  return (await db.selectFrom('region').select('level').where('code', '=', code).executeTakeFirst())?.level;
}

/** Codes from the top of the tree down to `code` itself (province first). */
export async function ancestorChain(db: Db | Tx, code: string): Promise<string[]> {
  const r = await sql<{ code: string }>`
    with recursive up(code, parent_code, depth) as (
      select code, parent_code, 0 from region where code = ${code}
      union all
      select r.code, r.parent_code, up.depth + 1 from region r join up on r.code = up.parent_code where up.depth < 10
    )
    select code from up order by depth desc`.execute(db);
  return r.rows.map((x) => x.code);
}

export async function getSite(db: Db, scope: Scope, id: string) {
  return whereInScope(db.selectFrom('site').select(['site.id', 'site.region_code', 'site.name', 'site.kind']).where('site.id', '=', id), 'site.region_code', scope).executeTakeFirst();
}

/**
 * Targets among `keys` (region codes, site IDs) that the person already holds in another assignment
 * whose period overlaps validFrom..validTo. An integrity check over the person's own assignments.
 */
export async function overlappingTargets(db: Db | Tx, personId: string, regionCodes: string[], siteIds: string[], validFrom: string, validTo: string | null) {
  if (regionCodes.length === 0 && siteIds.length === 0) return [];
  return db
    .selectFrom('contract_target as t')
    .innerJoin('contract as c', 'c.id', 't.contract_id')
    .select(['t.kind', 't.region_code', 't.site_id'])
    .where('c.person_id', '=', personId)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', validFrom)]))
    .$if(validTo !== null, (q) => q.where('c.valid_from', '<=', validTo!))
    .where((eb) =>
      eb.or([
        ...(regionCodes.length ? [eb.and([eb('t.kind', '=', 'region'), eb('t.region_code', 'in', regionCodes)])] : []),
        ...(siteIds.length ? [eb.and([eb('t.kind', '=', 'site'), eb('t.site_id', 'in', siteIds)])] : []),
      ]),
    )
    .execute();
}

/** Serialises assignment writes for one person (overlap check + insert) until the transaction ends. */
export async function lockPerson(trx: Tx, personId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('contract.person'), hashtext(${personId}))`.execute(trx);
}

/** The assignment's period, locked until the transaction ends (ending vs. recording a visit). */
export async function lockContract(trx: Tx, id: string) {
  return trx.selectFrom('contract').select(['valid_from', 'valid_to', 'ended_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export interface TargetWrite {
  kind: 'region' | 'site';
  regionCode: string;
  siteId: string | null;
}

export async function insertContract(trx: Tx, c: { regionCode: string; input: ContractInput; targets: TargetWrite[]; createdBy: string | null }) {
  const { id } = await trx
    .insertInto('contract')
    .values({ region_code: c.regionCode, person_id: c.input.personId, valid_from: c.input.validFrom, valid_to: c.input.validTo, note: c.input.note, created_by: c.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('contract_target')
    .values(c.targets.map((t, i) => ({ contract_id: id, kind: t.kind, region_code: t.regionCode, site_id: t.siteId, sort_order: i })))
    .execute();
  return id;
}

/** Ends an assignment that has not been ended; undefined when someone ended it first. */
export async function endContract(trx: Tx, id: string, endOn: string, reason: string, endedBy: string | null) {
  return trx
    .updateTable('contract')
    .set({ valid_to: endOn, end_reason: reason, ended_at: new Date(), ended_by: endedBy })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

export async function latestVisitOn(db: Db | Tx, contractId: string): Promise<string | null> {
  const r = await db.selectFrom('contract_visit').select(sql<string | null>`max(visited_on)::text`.as('d')).where('contract_id', '=', contractId).executeTakeFirstOrThrow();
  return r.d;
}

export async function insertVisit(trx: Tx, v: { contractId: string; regionCode: string; input: VisitInput; recordedBy: string | null }) {
  const { id } = await trx
    .insertInto('contract_visit')
    .values({
      contract_id: v.contractId,
      target_id: v.input.targetId,
      region_code: v.regionCode,
      visited_on: v.input.visitedOn,
      method: v.input.method,
      lon: v.input.location?.lon ?? null,
      lat: v.input.location?.lat ?? null,
      accuracy_m: v.input.location?.accuracyM ?? null,
      notes: v.input.notes,
      photo_file_ids: v.input.photoFileIds,
      recorded_by: v.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const visitSelect = (db: Db | Tx) =>
  db
    .selectFrom('contract_visit as v')
    .innerJoin('contract', 'contract.id', 'v.contract_id')
    .leftJoin('app_user as u', 'u.id', 'v.recorded_by')
    .select(['v.id', 'v.contract_id', 'v.target_id', 'v.visited_on', 'v.method', 'v.lon', 'v.lat', 'v.accuracy_m', 'v.notes', 'v.photo_file_ids', 'u.display_name as recorded_by', 'v.recorded_at']);
export type VisitRow = Awaited<ReturnType<typeof listVisits>>[number];

/** Visits of one assignment (in scope), newest first. */
export async function listVisits(db: Db | Tx, scope: Scope, contractId: string, targetId?: string) {
  let q = whereInScope(visitSelect(db).where('v.contract_id', '=', contractId), 'contract.region_code', scope);
  if (targetId) q = q.where('v.target_id', '=', targetId);
  return q.orderBy('v.visited_on', 'desc').orderBy('v.recorded_at', 'desc').limit(2000).execute();
}

export async function getVisit(db: Db | Tx, scope: Scope, id: string) {
  return whereInScope(visitSelect(db).where('v.id', '=', id), 'contract.region_code', scope).executeTakeFirst();
}

/**
 * Rows for the overdue rule: every target, with its assignment and person, of the assignments in
 * force on `asOf`, whose target lies in `region` (and below); with the latest visit on or before `asOf`.
 */
export async function targetsInForce(db: Db, scope: Scope, asOf: string, region: string | undefined) {
  let q = db
    .selectFrom('contract_target as t')
    .innerJoin('contract', 'contract.id', 't.contract_id')
    .innerJoin('person', 'person.id', 'contract.person_id')
    .leftJoin('unit', 'unit.id', 'person.unit_id')
    .innerJoin('region', 'region.code', 't.region_code')
    .leftJoin('site', 'site.id', 't.site_id')
    .select([
      't.id as target_id',
      't.kind',
      't.region_code',
      'region.name as region_name',
      't.site_id',
      'site.name as site_name',
      'site.kind as site_kind',
      'contract.id as contract_id',
      'contract.valid_from',
      'contract.valid_to',
      'person.id as person_id',
      'person.name as person_name',
      'person.position as person_position',
      'person.region_code as person_region_code',
      'unit.name as unit_name',
      sql<string | null>`(select max(v.visited_on)::text from contract_visit v where v.target_id = t.id and v.visited_on <= ${asOf}::date)`.as('last_visit_on'),
    ])
    .where('contract.valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('contract.valid_to', 'is', null), eb('contract.valid_to', '>=', asOf)]));
  q = whereInScope(q, 'contract.region_code', scope);
  if (region !== undefined) q = q.where(sql<boolean>`t.region_code like ${under(region)}`);
  return q.orderBy('person.name').orderBy('t.sort_order').limit(20_000).execute();
}
