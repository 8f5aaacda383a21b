import { SEED_CAMPAIGNS } from '@minewatch/core';
import type { Tx } from '../db/database.js';
import { appendAudit } from '../audit/audit.repository.js';
import { insertCampaign } from '../modules/campaigns/campaigns.repository.js';

/**
 * Loads the four seed documents as campaigns (P1), each in the region of its seed, in the caller's
 * transaction with one audit event per campaign. Returns their ids by campaign key.
 */
export async function seedCampaigns(trx: Tx): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const c of SEED_CAMPAIGNS) {
    const { id } = await insertCampaign(trx, c, { userId: null });
    ids[c.key] = id;
    await appendAudit(trx, { actorUserId: null, actorLabel: 'system', action: 'campaign.create', entityType: 'campaign', entityId: id, regionCode: c.regionCode, after: { key: c.key, name: c.name, seed: c.seed } });
  }
  return ids;
}
