/**
 * Region-scope classification of the campaign routes (P1), picked up by test/scope-matrix.test.ts.
 * A campaign of a region above the caller is readable (inherited: true) but never writable; the
 * list's region check counts only the caller's own campaigns (campaigns.test.ts checks that the
 * inherited ones are exactly those of the regions above).
 */
import { campaign002 } from '@minewatch/core';
import type { ScopeModule } from './scope-spec.js';

/** 002's definition as a new campaign of `region` (what an office sets up from scratch). */
export function campaignFor(region: string, key: string, name: string): Record<string, unknown> {
  const c = JSON.parse(JSON.stringify(campaign002)) as Record<string, any>;
  return { ...c, key, name, seed: null, regionCode: region, scopeCodes: [region], workGroups: c.workGroups.map((g: any) => ({ ...g, districtCodes: [] })) };
}

const key = () => `matrix_${Math.random().toString(36).slice(2, 10)}`;

export const scope: ScopeModule = {
  tables: ['campaign'],
  routes: {
    'GET /api/campaigns': {
      kind: 'list',
      variants: (f) => [f.region, f.county, f.township].map((c) => ({ url: `/api/campaigns?region=${c}` })),
      plain: () => ['/api/campaigns', '/api/campaigns?kind=campaign', `/api/campaigns?q=${encodeURIComponent('矩阵')}`],
      regionsOf: (b) => (b.items as { regionCode: string; inherited: boolean }[]).filter((c) => !c.inherited).map((c) => c.regionCode),
      ok: 200,
    },
    'GET /api/campaigns/{id}': { kind: 'read', variants: (f) => [{ url: `/api/campaigns/${f.x.campaignId}` }], ok: 200 },
    'POST /api/campaigns': {
      kind: 'write',
      variants: (f) => [
        { url: '/api/campaigns', payload: campaignFor(f.region, key(), '矩阵行动') },
        { url: '/api/campaigns', payload: { ...campaignFor(f.county, key(), '矩阵县级行动') } },
      ],
      ok: 201,
    },
    'POST /api/campaigns/{id}/copy': {
      kind: 'write',
      variants: (f, me) => [
        { url: `/api/campaigns/${f.x.campaignId}/copy`, payload: { key: key(), name: '矩阵复制行动' } },
        { url: `/api/campaigns/${me.x.campaignId}/copy`, payload: { key: key(), name: '矩阵复制行动', regionCode: f.region } },
      ],
      ok: 201,
    },
    'PATCH /api/campaigns/{id}': {
      kind: 'write',
      variants: (f) => [{ url: `/api/campaigns/${f.x.patchCampaignId}`, payload: { version: 1, data: { en: 'Matrix campaign, renamed' } } }],
      ok: 200,
    },
  },

  async fixture(ctx, f, user) {
    const tag = user === 'dehong.office' ? '德宏' : '克岚';
    const name = `${tag}矩阵整治行动${ctx.uniq()}`;
    const post = async (payload: Record<string, unknown>) => {
      const res = await ctx.send(ctx.as(user), 'POST', { url: '/api/campaigns', payload });
      if (res.statusCode !== 201) throw new Error(`campaign fixture: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const campaignId = await post(campaignFor(f.region, key(), name));
    const patchCampaignId = await post(campaignFor(f.region, key(), `${tag}矩阵待改行动${ctx.uniq()}`));
    return { ids: { campaignId, patchCampaignId }, leaks: [name] };
  },
};
