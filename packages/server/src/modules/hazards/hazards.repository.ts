import { sql } from 'kysely';
import type { HazardLedgerType } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/**
 * L9: the 001 hazard ledgers are the problems of hazard-ledger types, with the ledger's own fields in
 * problem.hazard (core hazardLedgerEntrySchema); these are their lists, in scope.
 */

const OPEN = ['found', 'rectifying', 'submitted', 'returned'];

export async function ledgerCounts(db: Db, scope: Scope, region: string | undefined) {
  const q = whereInScope(db.selectFrom('problem as p').where('p.hazard', 'is not', null), 'p.region_code', scope, region);
  return q
    .select([
      sql<string>`p.hazard->>'ledgerType'`.as('type'),
      sql<number>`count(*) filter (where p.state <> 'voided')::int`.as('total'),
      sql<number>`count(*) filter (where p.state in (${sql.join(OPEN.map((s) => sql.lit(s)))}))::int`.as('open'),
    ])
    .groupBy(sql`p.hazard->>'ledgerType'`)
    .execute();
}

const entries = (db: Db | Tx, scope: Scope, type: HazardLedgerType, f: { region?: string | undefined; campaignId?: string | undefined; open?: boolean | undefined }) => {
  let q = whereInScope(db.selectFrom('problem as p').where(sql<boolean>`p.hazard->>'ledgerType' = ${type}`).where('p.state', '<>', 'voided'), 'p.region_code', scope, f.region);
  if (f.campaignId) q = q.where('p.campaign_id', '=', f.campaignId);
  if (f.open === true) q = q.where('p.state', 'in', OPEN);
  if (f.open === false) q = q.where('p.state', 'not in', OPEN);
  return q;
};

const withNames = (q: ReturnType<typeof entries>) =>
  q
    .innerJoin('region as r', 'r.code', 'p.region_code')
    .innerJoin('campaign as c', 'c.id', 'p.campaign_id')
    .leftJoin('site as s', 's.id', 'p.site_id')
    .leftJoin('unit as ru', 'ru.id', 'p.responsible_unit_id')
    .leftJoin('person as rp', 'rp.id', 'p.responsible_person_id')
    .select([
      'p.id', 'p.campaign_id', 'p.region_code', 'p.site_id', 'p.enterprise', 'p.type_code', 'p.description', 'p.measures', 'p.found_on', 'p.deadline', 'p.state', 'p.overdue_since', 'p.hazard',
      'r.name as region_name', 'c.name as campaign_name', 's.name as site_name', 'ru.name as unit_name', 'rp.name as person_name',
    ]);

export async function listEntries(db: Db, scope: Scope, type: HazardLedgerType, f: { region?: string | undefined; campaignId?: string | undefined; open?: boolean | undefined; limit: number; offset: number }) {
  const [rows, total] = await Promise.all([
    withNames(entries(db, scope, type, f)).orderBy('p.found_on', 'desc').orderBy('p.id').limit(f.limit).offset(f.offset).execute(),
    entries(db, scope, type, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function getEntry(db: Db, scope: Scope, type: HazardLedgerType, problemId: string) {
  return withNames(entries(db, scope, type, {})).where('p.id', '=', problemId).executeTakeFirst();
}
export type EntryRow = NonNullable<Awaited<ReturnType<typeof getEntry>>>;
