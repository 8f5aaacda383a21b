/** Region-scope classification of the 001 hazard-ledger routes (L9), picked up by test/scope-matrix.test.ts. */
import { campaign001 } from '@minewatch/core';
import type { ScopeModule } from './scope-spec.js';
import { campaignData, matrixKey } from './campaign-data.js';

const entry = (campaignId: string | undefined, regionCode: string, unitId: string) => ({
  campaignId,
  regionCode,
  enterprise: '隐患台账矩阵金矿',
  description: '矩阵测试：尾矿库重大隐患',
  measures: '停产整治',
  foundOn: '2022-05-10',
  deadline: '2022-09-30',
  responsibleUnitId: unitId,
  source: 'inspection',
  hazard: { target: 'tailings_pond', hazardLevel: 'major', pondGrade: 3 },
});
const items = (b: any) => (b.items as { regionCode: string }[]).map((x) => x.regionCode);

export const scope: ScopeModule = {
  tables: ['problem'],
  routes: {
    'GET /api/hazard-ledgers': {
      kind: 'list',
      variants: (f) => [f.region, f.county].map((c) => ({ url: `/api/hazard-ledgers?region=${c}` })),
      plain: () => ['/api/hazard-ledgers'],
      ok: 200,
    },
    'GET /api/hazard-ledgers/{type}': {
      kind: 'list',
      variants: (f) => [{ url: `/api/hazard-ledgers/gold_mine_hazard?region=${f.region}` }, { url: `/api/hazard-ledgers/gold_mine_hazard?campaignId=${f.x.hzCampaignId}` }],
      plain: () => ['/api/hazard-ledgers/gold_mine_hazard', '/api/hazard-ledgers/explosives_cyanide?open=true&limit=500'],
      regionsOf: items,
      ok: 200,
    },
    'POST /api/hazard-ledgers/{type}/entries': {
      kind: 'write',
      variants: (f, me) => [
        { url: '/api/hazard-ledgers/gold_mine_hazard/entries', payload: entry(f.x.hzCampaignId, f.county, f.unitId) },
        { url: '/api/hazard-ledgers/gold_mine_hazard/entries', payload: entry(me.x.hzCampaignId, f.county, me.unitId) },
      ],
      ok: 201,
    },
  },

  async fixture(ctx, f, user) {
    const res = await ctx.send(ctx.as(user), 'POST', { url: '/api/campaigns', payload: campaignData(campaign001, f.region, matrixKey('hz'), `隐患台账矩阵行动${ctx.uniq()}`) });
    if (res.statusCode !== 201) throw new Error(`hazard fixture campaign: ${res.statusCode} ${res.body}`);
    const hzCampaignId = res.json().id as string;
    const made = await ctx.send(ctx.as(user), 'POST', { url: '/api/hazard-ledgers/gold_mine_hazard/entries', payload: entry(hzCampaignId, f.county, f.unitId) });
    if (made.statusCode !== 201) throw new Error(`hazard fixture entry: ${made.statusCode} ${made.body}`);
    return { ids: { hzCampaignId } };
  },
};
