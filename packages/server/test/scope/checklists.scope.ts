/**
 * Region-scope classification of the 004 checklist routes (L8), picked up by test/scope-matrix.test.ts.
 * Fixture: a campaign of the region with 004's checklist, and a submission for the matrix site with
 * two failed items left open.
 */
import { CHECKLIST_004, applicableItems, campaign004 } from '@minewatch/core';
import type { Fx, ScopeModule } from './scope-spec.js';
import { campaignData, matrixKey } from './campaign-data.js';

const form = (f: Fx) => ({
  checklistId: CHECKLIST_004.id,
  subject: 'mine',
  siteId: f.siteId,
  regionCode: f.county,
  inspectedOn: '2022-05-10',
  inspectors: ['矩阵督查组'],
  answers: applicableItems(CHECKLIST_004, 'mine', false).map((i) =>
    i.code === 'hidden_hazards' || i.code === 'eia'
      ? { itemCode: i.code, answer: i.failWhen, note: '矩阵测试发现的问题' }
      : { itemCode: i.code, answer: i.failWhen === 'yes' ? 'no' : 'yes' },
  ),
});
const items = (b: any) => (b.items as { regionCode: string }[]).map((x) => x.regionCode);

export const scope: ScopeModule = {
  tables: ['checklist_submission', 'checklist_finding', 'problem'],
  routes: {
    'POST /api/checklists/submissions': {
      kind: 'write',
      variants: (f, me) => [
        { url: '/api/checklists/submissions', payload: { campaignId: f.x.clCampaignId, form: form(f) } },
        { url: '/api/checklists/submissions', payload: { campaignId: me.x.clCampaignId, form: form(f) } },
      ],
      ok: 201,
    },
    'GET /api/checklists/submissions': {
      kind: 'list',
      variants: (f) => [{ url: `/api/checklists/submissions?region=${f.region}` }, { url: `/api/checklists/submissions?campaignId=${f.x.clCampaignId}` }, { url: `/api/checklists/submissions?region=${f.county}&siteId=${f.siteId}` }],
      plain: () => ['/api/checklists/submissions', '/api/checklists/submissions?limit=500'],
      regionsOf: items,
      ok: 200,
    },
    'GET /api/checklists/submissions/{id}': { kind: 'read', variants: (f) => [{ url: `/api/checklists/submissions/${f.x.clSubmissionId}` }], ok: 200 },
    'POST /api/checklists/findings/{id}/problem': {
      kind: 'write',
      variants: (f) => [{ url: `/api/checklists/findings/${f.x.clFindingId}/problem`, payload: { measures: '矩阵整改措施', deadline: '2022-06-20', responsibleUnitId: f.unitId } }],
      ok: 201,
    },
  },

  async fixture(ctx, f, user) {
    const c = await ctx.send(ctx.as(user), 'POST', { url: '/api/campaigns', payload: campaignData(campaign004, f.region, matrixKey('cl'), `检查表矩阵行动${ctx.uniq()}`) });
    if (c.statusCode !== 201) throw new Error(`checklist fixture campaign: ${c.statusCode} ${c.body}`);
    const clCampaignId = c.json().id as string;
    const s = await ctx.send(ctx.as(user), 'POST', { url: '/api/checklists/submissions', payload: { campaignId: clCampaignId, form: form(f) } });
    if (s.statusCode !== 201) throw new Error(`checklist fixture submission: ${s.statusCode} ${s.body}`);
    return { ids: { clCampaignId, clSubmissionId: s.json().id, clFindingId: s.json().findings[0].id } };
  },
};
