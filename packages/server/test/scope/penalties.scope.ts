/**
 * Region-scope classification of the penalty routes (L6), picked up by test/scope-matrix.test.ts.
 * Fixture: a campaign of the region with 002's rules (排土场污染环境: fine on finding, 按日连续处罚 once
 * overdue), one such problem, a fine and a daily fine on it.
 */
import { campaign002 } from '@minewatch/core';
import type { ScopeModule } from './scope-spec.js';
import { campaignData, matrixKey } from './campaign-data.js';

const fine = { kind: 'fine', decisionNo: '矩阵罚〔2022〕1号', decidedOn: '2022-06-01', amountFen: 100_000 };

export const scope: ScopeModule = {
  tables: ['penalty', 'penalty_clock'],
  routes: {
    'GET /api/problems/{id}/penalties': { kind: 'read', variants: (f) => [{ url: `/api/problems/${f.x.penProblemId}/penalties` }], ok: 200 },
    'POST /api/problems/{id}/penalties': { kind: 'write', variants: (f) => [{ url: `/api/problems/${f.x.penProblemId}/penalties`, payload: fine }], ok: 201 },
    'POST /api/penalties/{id}/rechecks': { kind: 'write', variants: (f) => [{ url: `/api/penalties/${f.x.penDailyId}/rechecks`, payload: { version: 1, on: '2022-06-15', continuing: true } }], ok: 200 },
    'PATCH /api/penalties/{id}': { kind: 'write', variants: (f) => [{ url: `/api/penalties/${f.x.penFineId}`, payload: { version: 1, note: '矩阵备注' } }], ok: 200 },
  },

  async fixture(ctx, f, user) {
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await ctx.send(ctx.as(user), 'POST', { url, payload });
      if (res.statusCode !== 201) throw new Error(`penalty fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const campaignId = await post('/api/campaigns', campaignData(campaign002, f.region, matrixKey('pen'), `罚则矩阵行动${ctx.uniq()}`, { relaxRules: true }));
    const penProblemId = await post('/api/problems', {
      campaignId,
      regionCode: f.county,
      enterprise: `罚则矩阵煤矿${ctx.uniq()}`,
      typeCode: 'dump_pollution',
      description: '矩阵测试：排土场污染环境',
      measures: '治理污染',
      foundOn: '2022-05-20',
      deadline: '2022-06-10',
      responsibleUnitId: f.unitId,
      source: 'survey',
    });
    const penFineId = await post(`/api/problems/${penProblemId}/penalties`, fine);
    const penDailyId = await post(`/api/problems/${penProblemId}/penalties`, { kind: 'daily_continuous_fine', decisionNo: '矩阵罚〔2022〕2号', decidedOn: '2022-06-12', dailyAmountFen: 10_000, countFrom: '2022-06-10' });
    return { ids: { penProblemId, penFineId, penDailyId } };
  },
};
