import type { z } from 'zod';
import { campaignSchema, isWithinRegion, type Campaign, type CampaignCopy, type CampaignDetail, type CampaignPatch, type CampaignSummary } from '@minewatch/core';
import type { Db, Tx } from '../../db/database.js';
import { changeWithAudit } from '../../db/transaction.js';
import type { Actor } from '../../auth/actor.js';
import { assertRegionInScope, inScope, type Scope } from '../../auth/scope.js';
import { AppError, invalid, notFound, type FieldIssue } from '../../errors.js';
import { regionExists } from '../regions/regions.repository.js';
import * as repo from './campaigns.repository.js';

type Row = Awaited<ReturnType<typeof repo.listCampaigns>>[number];

const summary = (r: Row, scope: Scope): CampaignSummary => ({
  id: r.id,
  code: r.code,
  name: r.name,
  en: r.en ?? '',
  kind: r.kind as CampaignSummary['kind'],
  region: r.region_code,
  regionCode: r.region_code,
  regionName: r.region_name,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  seed: r.seed,
  copiedFrom: r.copied_from,
  inherited: !inScope(scope, r.region_code),
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** zod issues of a campaign document as field errors under `prefix` (e.g. body.data.phases.2.end). */
export function campaignIssues(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

function parseCampaign(data: unknown, prefix: string): Campaign {
  const parsed = campaignSchema.safeParse(data);
  if (!parsed.success) {
    const details = campaignIssues(parsed.error, prefix);
    throw new AppError('VALIDATION', details.slice(0, 20).map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return parsed.data;
}

/** The campaign's region, scope and stationed districts must be real regions in the actor's region, and the scope inside the campaign's region. */
async function checkRegions(db: Db | Tx, actor: Actor, c: Campaign, prefix: string): Promise<void> {
  const path = (p: string) => `${prefix}${prefix ? '.' : ''}${p}`;
  if (!inScope(actor.scope, c.regionCode)) throw invalid(path('regionCode'), `region ${c.regionCode} is outside your region`);
  if (!(await regionExists(db, c.regionCode))) throw invalid(path('regionCode'), `unknown region code ${c.regionCode}`);
  const codes: [string, string][] = [
    ...c.scopeCodes.map((code, i): [string, string] => [path(`scopeCodes.${i}`), code]),
    ...c.workGroups.flatMap((g, i) => g.districtCodes.map((code, j): [string, string] => [path(`workGroups.${i}.districtCodes.${j}`), code])),
  ];
  for (const [p, code] of codes) {
    if (!isWithinRegion(code, c.regionCode)) throw invalid(p, `region ${code} is outside the campaign's region ${c.regionCode}`);
    if (!(await regionExists(db, code))) throw invalid(p, `unknown region code ${code}`);
  }
}

export async function listCampaigns(db: Db, actor: Actor, f: repo.CampaignFilter): Promise<CampaignSummary[]> {
  if (f.region) assertRegionInScope(actor.scope, f.region);
  return (await repo.listCampaigns(db, actor.scope, f)).map((r) => summary(r, actor.scope));
}

/** A campaign the actor can see (their region, below, or above), parsed. */
export async function loadCampaign(db: Db | Tx, actor: Actor, id: string, opts: { inScopeOnly?: boolean; forUpdate?: boolean } = {}) {
  const row = await repo.getCampaign(db, actor.scope, id, opts);
  if (!row) throw notFound('campaign');
  // Stored documents were validated on the way in; parsing again applies defaults of later schema versions.
  return { row, campaign: campaignSchema.parse(row.data) };
}

export async function getCampaign(db: Db, actor: Actor, id: string): Promise<CampaignDetail> {
  const { row, campaign } = await loadCampaign(db, actor, id);
  return { ...summary(row, actor.scope), data: campaign };
}

export async function createCampaign(db: Db, actor: Actor, c: Campaign): Promise<CampaignDetail> {
  await checkRegions(db, actor, c, 'body');
  return changeWithAudit(db, actor, async (trx) => {
    if (await repo.codeTaken(trx, c.regionCode, c.key)) throw new AppError('CONFLICT', `A campaign with key ${c.key} already exists in region ${c.regionCode}`, [{ path: 'body.key', message: 'taken' }]);
    const { id } = await repo.insertCampaign(trx, c, { userId: actor.userId });
    const row = (await repo.getCampaign(trx, actor.scope, id))!;
    return {
      result: { ...summary(row, actor.scope), data: c },
      audit: [{ action: 'campaign.create', entityType: 'campaign', entityId: id, regionCode: c.regionCode, after: { key: c.key, name: c.name, seed: c.seed } }],
    };
  });
}

/** A new campaign from an existing one the actor can see, under a new key and name (and region, scope, period). */
export async function copyCampaign(db: Db, actor: Actor, id: string, copy: CampaignCopy): Promise<CampaignDetail> {
  const { row, campaign: src } = await loadCampaign(db, actor, id);
  const regionCode = copy.regionCode ?? src.regionCode;
  if (copy.regionCode !== undefined && !inScope(actor.scope, copy.regionCode)) throw invalid('body.regionCode', `region ${copy.regionCode} is outside your region`);
  const moved = regionCode !== src.regionCode;
  const data = {
    ...src,
    key: copy.key,
    name: copy.name,
    en: copy.en ?? src.en,
    seed: null,
    regionCode,
    scopeCodes: copy.scopeCodes ?? (moved ? [regionCode] : src.scopeCodes),
    // Stationed districts belong to the source's region; a copy elsewhere starts without them.
    workGroups: moved ? src.workGroups.map((g) => ({ ...g, districtCodes: [] })) : src.workGroups,
    period: copy.period ?? src.period,
  };
  const c = parseCampaign(data, 'body');
  await checkRegions(db, actor, c, 'body');
  return changeWithAudit(db, actor, async (trx) => {
    if (await repo.codeTaken(trx, c.regionCode, c.key)) throw new AppError('CONFLICT', `A campaign with key ${c.key} already exists in region ${c.regionCode}`, [{ path: 'body.key', message: 'taken' }]);
    const { id: newId } = await repo.insertCampaign(trx, c, { userId: actor.userId, copiedFrom: row.id });
    const created = (await repo.getCampaign(trx, actor.scope, newId))!;
    return {
      result: { ...summary(created, actor.scope), data: c },
      audit: [{ action: 'campaign.copy', entityType: 'campaign', entityId: newId, regionCode: c.regionCode, after: { key: c.key, name: c.name, copiedFrom: row.id, sourceKey: src.key } }],
    };
  });
}

export async function patchCampaign(db: Db, actor: Actor, id: string, p: CampaignPatch): Promise<CampaignDetail> {
  return changeWithAudit(db, actor, async (trx) => {
    const { row, campaign: current } = await loadCampaign(trx, actor, id, { inScopeOnly: true, forUpdate: true });
    for (const k of ['key', 'regionCode', 'seed'] as const) {
      if (k in p.data && JSON.stringify(p.data[k]) !== JSON.stringify(current[k])) {
        throw invalid(`body.data.${k}`, `${k} cannot change; copy the campaign (POST /api/campaigns/{id}/copy) instead`);
      }
    }
    const next = parseCampaign({ ...current, ...p.data }, 'body.data');
    await checkRegions(trx, actor, next, 'body.data');
    const used = await repo.usedCodes(trx, id);
    const types = new Set(next.taxonomy.map((t) => t.code));
    const groups = new Set(next.workGroups.map((g) => g.key));
    const lostTypes = used.types.filter((t) => !types.has(t));
    const lostGroups = used.groups.filter((g) => !groups.has(g));
    if (lostTypes.length) throw invalid('body.data.taxonomy', `problems of this campaign use the problem types ${lostTypes.join(', ')}; keep them in the taxonomy`);
    if (lostGroups.length) throw invalid('body.data.workGroups', `problems of this campaign belong to the work groups ${lostGroups.join(', ')}; keep them`);
    const done = await repo.updateCampaign(trx, id, p.version, next);
    if (!done) throw new AppError('CONFLICT', `The campaign was changed by someone else (you edited version ${p.version}, it is now ${row.version}); reload and apply your change again`);
    const after = (await repo.getCampaign(trx, actor.scope, id))!;
    const changed = Object.keys(p.data);
    return {
      result: { ...summary(after, actor.scope), data: next },
      audit: [{
        action: 'campaign.update',
        entityType: 'campaign',
        entityId: id,
        regionCode: current.regionCode,
        before: { version: row.version, ...Object.fromEntries(changed.map((k) => [k, (current as Record<string, unknown>)[k] ?? null])) },
        after: { version: after.version, ...Object.fromEntries(changed.map((k) => [k, (next as Record<string, unknown>)[k] ?? null])) },
      }],
    };
  });
}
