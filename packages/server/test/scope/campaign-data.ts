import type { CampaignData } from '@minewatch/core';

/**
 * A seed campaign's definition as a new campaign of `region` under a new key (what an office sets up
 * by copying), optionally without the rank/contact rules so a fixture needs no ranked person.
 */
export function campaignData(seed: CampaignData, region: string, key: string, name: string, opts: { relaxRules?: boolean } = {}): Record<string, unknown> {
  const c = JSON.parse(JSON.stringify(seed)) as Record<string, any>;
  const rules = opts.relaxRules ? { ...c.rules, minResponsibleRank: null, rankBasis: null, requireResponsibleContact: false } : c.rules;
  return { ...c, key, name, seed: null, regionCode: region, scopeCodes: [region], workGroups: c.workGroups.map((g: any) => ({ ...g, districtCodes: [] })), rules };
}

export const matrixKey = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
