import { sql, type SelectQueryBuilder } from 'kysely';
import { scopePrefix, type Campaign } from '@minewatch/core';
import type { DB } from '../../db/schema.js';
import type { Db, Tx } from '../../db/database.js';
import { whereInScope, type Scope } from '../../auth/scope.js';

/**
 * The regions above a scope root, by the shape of GB/T 2260 codes: village → township → county →
 * prefecture → province (a township directly under a prefecture, as in 东莞, yields the prefecture
 * itself as its "county", which is what its code says).
 */
export function ancestorCodes(root: string): string[] {
  const out = new Set<string>();
  const six = root.slice(0, 6);
  if (root.length === 12) out.add(root.slice(0, 9));
  if (root.length > 6) out.add(six);
  out.add(six.slice(0, 4) + '00');
  out.add(six.slice(0, 2) + '0000');
  out.delete(root);
  return [...out];
}

/**
 * Campaign scope: the campaigns of the actor's region and below (whereInScope), plus those of the
 * regions above it, which the actor works under (a county inspector and the prefecture's campaign).
 * Writes use `inScopeOnly` and see only the first kind.
 */
function whereVisible<O>(q: SelectQueryBuilder<DB, 'campaign' | 'region', O>, scope: Scope, inScopeOnly: boolean): SelectQueryBuilder<DB, 'campaign' | 'region', O> {
  if (scope.root === null || inScopeOnly) return whereInScope(q, 'campaign.region_code', scope);
  // whereInScope's prefix rule, or one of the regions above the root.
  const prefix = scopePrefix(scope.root) + '%';
  return q.where((eb) => eb.or([eb('campaign.region_code', 'like', prefix), eb('campaign.region_code', 'in', ancestorCodes(scope.root!))]));
}

const base = (db: Db | Tx) =>
  db
    .selectFrom('campaign')
    .innerJoin('region', 'region.code', 'campaign.region_code')
    .select([
      'campaign.id',
      'campaign.code',
      'campaign.name',
      'campaign.kind',
      'campaign.region_code',
      'region.name as region_name',
      'campaign.period_start',
      'campaign.period_end',
      'campaign.seed',
      'campaign.copied_from',
      'campaign.version',
      'campaign.updated_at',
      sql<string>`campaign.data->>'en'`.as('en'),
    ]);

export interface CampaignFilter {
  region?: string | undefined;
  q?: string | undefined;
  kind?: string | undefined;
}

export async function listCampaigns(db: Db, scope: Scope, f: CampaignFilter) {
  let q = whereVisible(base(db), scope, false);
  if (f.region) q = whereInScope(q, 'campaign.region_code', { root: null }, f.region);
  if (f.kind) q = q.where('campaign.kind', '=', f.kind);
  if (f.q) q = q.where('campaign.name', 'like', '%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  return q.orderBy('campaign.region_code').orderBy('campaign.period_start').orderBy('campaign.code').execute();
}

export async function getCampaign(db: Db | Tx, scope: Scope, id: string, opts: { inScopeOnly?: boolean; forUpdate?: boolean } = {}) {
  let q = whereVisible(base(db).select('campaign.data'), scope, opts.inScopeOnly ?? false).where('campaign.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('campaign');
  return q.executeTakeFirst();
}

export async function codeTaken(db: Db | Tx, regionCode: string, code: string): Promise<boolean> {
  return !!(await db.selectFrom('campaign').select('id').where('region_code', '=', regionCode).where('code', '=', code).executeTakeFirst());
}

export async function insertCampaign(trx: Tx, c: Campaign, by: { userId: string | null; copiedFrom?: string | null }) {
  return trx
    .insertInto('campaign')
    .values({
      region_code: c.regionCode,
      code: c.key,
      name: c.name,
      kind: c.kind,
      period_start: c.period.start,
      period_end: c.period.end,
      seed: c.seed,
      copied_from: by.copiedFrom ?? null,
      data: JSON.stringify(c),
      created_by: by.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Replaces the campaign when the stored version is still `version`; undefined when someone else changed it first. */
export async function updateCampaign(trx: Tx, id: string, version: number, c: Campaign) {
  return trx
    .updateTable('campaign')
    .set({ name: c.name, kind: c.kind, period_start: c.period.start, period_end: c.period.end, data: JSON.stringify(c), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}

/** Problem type codes and work-group keys the campaign's problems use (a change must keep them). */
export async function usedCodes(db: Db | Tx, campaignId: string): Promise<{ types: string[]; groups: string[] }> {
  const types = await db.selectFrom('problem').select('type_code').distinct().where('campaign_id', '=', campaignId).execute();
  const groups = await db.selectFrom('problem').select('work_group_key').distinct().where('campaign_id', '=', campaignId).where('work_group_key', 'is not', null).execute();
  return { types: types.map((t) => t.type_code), groups: groups.map((g) => g.work_group_key!) };
}
