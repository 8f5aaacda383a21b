import { HAZARD_LEDGER_TYPES, hazardLedgerInfo, problemCreateSchema, type HazardEntry, type HazardLedgerType, type hazardLedgerSummarySchema } from '@minewatch/core';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope } from '../../auth/scope.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { createProblem } from '../problems/problems.service.js';
import * as repo from './hazards.repository.js';

/**
 * L9 hazard ledgers of seed 001 §五.(一).2–4 (民爆物品和氰化钠, 非法采选金矿用电, “洗洞”污染, 金矿及尾矿库隐患).
 * An entry is a problem of a campaign type kept in that ledger, carrying the ledger's own fields
 * (core hazardLedgerEntrySchema): it is found, rectified, overdue and closed like any problem, and
 * the ledger is the list of them. Entries are created through the problem service, so the campaign
 * rules (type, deadline limit, responsible person) apply to them as to any problem.
 */

export function toEntry(r: repo.EntryRow): HazardEntry {
  return {
    problemId: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    siteId: r.site_id,
    siteName: r.site_name,
    enterprise: r.enterprise || r.site_name || '',
    typeCode: r.type_code,
    description: r.description,
    measures: r.measures,
    foundOn: r.found_on,
    deadline: r.deadline,
    state: r.state as HazardEntry['state'],
    overdueSince: r.overdue_since,
    responsibleUnitName: r.unit_name,
    responsiblePersonName: r.person_name,
    hazard: (r.hazard ?? {}) as Record<string, unknown>,
  };
}

async function checkRegion(db: Db, actor: Actor, region: string | undefined): Promise<void> {
  if (!region) return;
  assertRegionInScope(actor.scope, region);
  if (!(await regionExists(db, region))) throw notFound(`region ${region}`);
}

export async function summaries(db: Db, actor: Actor, region: string | undefined): Promise<z.infer<typeof hazardLedgerSummarySchema>[]> {
  await checkRegion(db, actor, region);
  const counts = new Map((await repo.ledgerCounts(db, actor.scope, region)).map((c) => [c.type, c]));
  return HAZARD_LEDGER_TYPES.map((type) => {
    const info = hazardLedgerInfo[type];
    return { type, label: info.label, section: info.section, printed: info.printed, total: counts.get(type)?.total ?? 0, open: counts.get(type)?.open ?? 0 };
  });
}

export async function listEntries(db: Db, actor: Actor, type: HazardLedgerType, q: { region?: string | undefined; campaignId?: string | undefined; open?: boolean | undefined; limit: number; offset: number }) {
  await checkRegion(db, actor, q.region);
  if (q.campaignId) await loadCampaign(db, actor, q.campaignId);
  const { rows, total } = await repo.listEntries(db, actor.scope, type, q);
  return { items: rows.map(toEntry), total };
}

/** Records an entry: a problem of the campaign's type for this ledger, with the ledger's fields. */
export async function createEntry(db: Db, actor: Actor, type: HazardLedgerType, body: Record<string, unknown>): Promise<HazardEntry> {
  const { typeCode: givenType, hazard, ...rest } = body as { typeCode?: unknown; hazard?: unknown } & Record<string, unknown>;
  if (typeof rest.campaignId !== 'string') throw invalid('body.campaignId', 'name the campaign (a uuid)');
  if (hazard === null || typeof hazard !== 'object' || Array.isArray(hazard)) throw invalid('body.hazard', `the fields of the ${hazardLedgerInfo[type].label.zh} (an object)`);
  const h = hazard as Record<string, unknown>;
  if (h.ledgerType !== undefined && h.ledgerType !== type) throw invalid('body.hazard.ledgerType', `this is the ${type} ledger`);
  let campaign;
  try {
    ({ campaign } = await loadCampaign(db, actor, rest.campaignId));
  } catch {
    throw invalid('body.campaignId', `no campaign ${rest.campaignId} in your region`);
  }
  const types = campaign.taxonomy.filter((t) => t.hazardLedger === type);
  if (types.length === 0) throw invalid('body.campaignId', `campaign ${campaign.name} keeps no ${hazardLedgerInfo[type].label.zh}`);
  let typeCode: string;
  if (givenType !== undefined) {
    if (typeof givenType !== 'string' || !types.some((t) => t.code === givenType)) throw invalid('body.typeCode', `not a type of this ledger in the campaign (${types.map((t) => t.code).join(', ')})`);
    typeCode = givenType;
  } else if (types.length === 1) typeCode = types[0]!.code;
  else throw invalid('body.typeCode', `the campaign keeps several types in this ledger: name one of ${types.map((t) => t.code).join(', ')}`);
  const parsed = problemCreateSchema.safeParse({ ...rest, typeCode, hazard: { ...h, ledgerType: type } });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('VALIDATION', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  const created = await createProblem(db, actor, parsed.data);
  const row = await repo.getEntry(db, actor.scope, type, created.id);
  if (!row) throw new Error(`hazard entry ${created.id} not readable after creation`);
  return toEntry(row);
}
