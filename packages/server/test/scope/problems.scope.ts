/** Region-scope classification of the problem ledger routes (L1–L7), picked up by test/scope-matrix.test.ts. */
import ExcelJS from 'exceljs';
import type { Fx, ScopeModule, Variant } from './scope-spec.js';
import { campaignFor } from './campaigns.scope.js';

/** A one-row 附件1 workbook for the fixture's region (its township, its person), as an office fills it. */
async function ledgerBook(township: string, person: string, enterprise: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('露天组');
  ws.addRow(['达拉特旗矿山以案促改专项行动摸排情况表']);
  ws.addRow(['排查工作组：露天矿山临时用地及违法违规开采专项工作组']);
  ws.addRow(['序号', '矿山企业', '行政区域(苏木镇)', '开采方式、矿种', '问题类型', '排查发现问题', '整改措施', '完成整改时限', '整改责任人及联系方式']);
  ws.addRow([1, enterprise, township, '露天+煤矿', '临时用地批小占大', '矩阵导入：超占 5 亩', '退还', '2022-12-31', `${person} 副局长 13900000001`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** The workbook each fixture region uploads (by campaign id), for the import route's variants. */
const books = new Map<string, Buffer>();
const upload = (campaignId: string): Variant => ({
  url: `/api/campaigns/${campaignId}/ledger/import`,
  form: { fields: { foundOn: '2022-05-31' }, file: { name: '矩阵台账.xlsx', bytes: books.get(campaignId) ?? Buffer.from('PK\u0003\u0004 not a workbook') } },
});

const problem = (campaignId: string, regionCode: string, unitId: string, personId: string, enterprise: string) => ({
  campaignId,
  regionCode,
  enterprise,
  typeCode: 'temp_land_small_big',
  description: '矩阵测试：临时用地批小占大',
  measures: '退还超占土地',
  foundOn: '2022-05-20',
  deadline: '2022-12-31',
  responsibleUnitId: unitId,
  responsiblePersonId: personId,
  responsibleContact: '13900000000',
  source: 'survey',
});
const items = (b: any) => (b.items as { regionCode: string }[]).map((x) => x.regionCode);

export const scope: ScopeModule = {
  tables: ['problem', 'problem_event', 'mine_plan', 'ledger_import_preview'],
  routes: {
    'GET /api/problems': {
      kind: 'list',
      variants: (f) => [
        ...[f.region, f.county, f.township].map((c) => ({ url: `/api/problems?region=${c}` })),
        { url: `/api/problems?campaignId=${f.x.problemCampaignId}` },
      ],
      plain: () => ['/api/problems', '/api/problems?overdue=true&limit=1000', `/api/problems?q=${encodeURIComponent('矩阵')}`, '/api/problems?state=found,rectifying&sort=updated'],
      regionsOf: items,
      ok: 200,
    },
    'GET /api/problems/sign-off-queue': { kind: 'list', plain: () => ['/api/problems/sign-off-queue'], regionsOf: items, ok: 200 },
    'GET /api/problems/progress': {
      kind: 'list',
      variants: (f) => [
        ...[f.region, f.county].map((c) => ({ url: `/api/problems/progress?region=${c}` })),
        { url: `/api/problems/progress?groupBy=type&campaignId=${f.x.problemCampaignId}` },
      ],
      plain: () => ['/api/problems/progress', '/api/problems/progress?groupBy=campaign', '/api/problems/progress?overdue=true'],
      regionsOf: (b) => (b.groupBy === 'region' ? (b.groups as { key: string }[]).map((g) => g.key) : []),
      ok: 200,
    },
    'GET /api/problems/{id}': { kind: 'read', variants: (f) => [{ url: `/api/problems/${f.x.problemId}` }], ok: 200 },
    'POST /api/problems': {
      kind: 'write',
      variants: (f, me): Variant[] => [
        { url: '/api/problems', payload: problem(f.x.problemCampaignId!, f.county, f.unitId, f.x.problemPersonId!, '矩阵新增煤矿') },
        { url: '/api/problems', payload: problem(me.x.problemCampaignId!, f.township, me.unitId, me.x.problemPersonId!, '矩阵新增煤矿') },
        { url: '/api/problems', payload: problem(me.x.problemCampaignId!, me.county, f.unitId, me.x.problemPersonId!, '矩阵新增煤矿') },
        { url: '/api/problems', payload: problem(me.x.problemCampaignId!, me.county, me.unitId, f.x.problemPersonId!, '矩阵新增煤矿') },
      ],
      ok: 201,
    },
    'PATCH /api/problems/{id}': {
      kind: 'write',
      variants: (f) => [{ url: `/api/problems/${f.x.patchProblemId}`, payload: { version: 1, measures: '矩阵修改后的整改措施' } }],
      ok: 200,
    },
    'POST /api/problems/bulk-assign': {
      kind: 'write',
      // Each variant its own problems (version 1), so the positive control changes every one once.
      variants: (f, me): Variant[] => [
        { url: '/api/problems/bulk-assign', payload: { items: [{ id: f.x.bulkProblemA, version: 1 }], responsiblePersonId: f.x.problemPersonId, responsibleContact: '13900000002', reason: '矩阵批量指派' } },
        // the caller's own problem beside a foreign one: nothing changes
        { url: '/api/problems/bulk-assign', payload: { items: [{ id: me.x.bulkProblemB, version: 1 }, { id: f.x.bulkProblemC, version: 1 }], responsibleUnitId: me.unitId } },
        // the caller's own problem given a foreign unit and person
        { url: '/api/problems/bulk-assign', payload: { items: [{ id: me.x.bulkProblemD, version: 1 }], responsibleUnitId: f.unitId, responsiblePersonId: f.x.problemPersonId, responsibleContact: '13900000003' } },
      ],
      ok: 200,
    },
    'POST /api/problems/{id}/transitions': {
      kind: 'write',
      variants: (f) => [{ url: `/api/problems/${f.x.transitionProblemId}/transitions`, payload: { version: 1, event: 'start' } }],
      ok: 200,
    },
    'GET /api/campaigns/{id}/mines': {
      kind: 'read',
      variants: (f) => [{ url: `/api/campaigns/${f.x.problemCampaignId}/mines` }, { url: `/api/campaigns/${f.x.problemCampaignId}/mines?region=${f.county}` }],
      ok: 200,
    },
    'GET /api/campaigns/{id}/mines/{siteId}': { kind: 'read', variants: (f) => [{ url: `/api/campaigns/${f.x.problemCampaignId}/mines/${f.siteId}` }], ok: 200 },
    'GET /api/campaigns/{id}/ledger.xlsx': {
      kind: 'read',
      variants: (f) => [{ url: `/api/campaigns/${f.x.problemCampaignId}/ledger.xlsx` }, { url: `/api/campaigns/${f.x.problemCampaignId}/ledger.xlsx?region=${f.county}&state=found` }],
      binary: true,
      ok: 200,
    },
    'POST /api/campaigns/{id}/ledger/import': {
      kind: 'write',
      variants: (f, me) => [upload(f.x.problemCampaignId!), { ...upload(me.x.problemCampaignId!), url: `/api/campaigns/${f.x.problemCampaignId}/ledger/import` }],
      ok: 200,
    },
    'POST /api/campaigns/{id}/ledger/import/{previewId}/commit': {
      kind: 'write',
      // Previews belong to their uploader; the positive control commits the one 德宏's office made.
      variants: (f) => [{ url: `/api/campaigns/${f.x.problemCampaignId}/ledger/import/${f.x.ledgerPreviewId}/commit`, payload: { confirmEnterprises: [f.x.ledgerEnterprise] } }],
      ok: 201,
    },
    'PUT /api/mine-plans': {
      kind: 'write',
      variants: (f: Fx, me: Fx): Variant[] => [
        { url: '/api/mine-plans', payload: { campaignId: f.x.problemCampaignId, siteId: f.siteId, policy: '矩阵一矿一策' } },
        { url: '/api/mine-plans', payload: { campaignId: me.x.problemCampaignId, siteId: f.siteId, policy: '矩阵一矿一策' } },
        { url: '/api/mine-plans', payload: { campaignId: me.x.problemCampaignId, siteId: me.siteId, responsiblePersonId: f.x.problemPersonId } },
      ],
      ok: 200,
    },
  },

  /** A campaign of the region (002's rules), a person of 正科 rank, three problems: to read, to change, to start. */
  async fixture(ctx, f, user) {
    const as = ctx.as(user);
    const post = async (url: string, payload: Record<string, unknown>) => {
      const res = await ctx.send(as, 'POST', { url, payload });
      if (res.statusCode !== 201) throw new Error(`problems fixture ${url}: ${res.statusCode} ${res.body}`);
      return res.json().id as string;
    };
    const tag = user === 'dehong.office' ? '德宏' : '克岚';
    const campaignName = `${tag}矩阵台账行动${ctx.uniq()}`;
    // A name the 附件1 reader takes for one (two to four Chinese characters), unique to this run.
    const pick = (i: number) => '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳'[parseInt(ctx.uniq().slice(i, i + 1), 16)]!;
    const personName = `${tag === '德宏' ? '德' : '岚'}${pick(0)}${pick(1)}${pick(2)}`;
    const enterprise = `${tag}矩阵问题煤矿${ctx.uniq()}`;
    const campaignId = await post('/api/campaigns', campaignFor(f.region, `matrix_ledger_${ctx.uniq()}`, campaignName));
    const personId = await post('/api/org/people', { regionCode: f.region, name: personName, position: '副局长', rank: 'section', unitId: f.unitId });
    const p = (name: string) => post('/api/problems', problem(campaignId, f.county, f.unitId, personId, name));
    const problemId = await p(enterprise);
    const patchProblemId = await p(`${enterprise}乙`);
    const transitionProblemId = await p(`${enterprise}丙`);
    const [bulkProblemA, bulkProblemB, bulkProblemC, bulkProblemD] = [await p(`${enterprise}丁`), await p(`${enterprise}戊`), await p(`${enterprise}己`), await p(`${enterprise}庚`)];
    // A checked 附件1 upload, error-free, waiting for its commit.
    const township = (await ctx.get(`/api/org/regions/${f.township}`)).name as string;
    const ledgerEnterprise = `${tag}矩阵导入煤矿${ctx.uniq()}`;
    books.set(campaignId, await ledgerBook(township, personName, ledgerEnterprise));
    const preview = await ctx.send(as, 'POST', upload(campaignId));
    if (preview.statusCode !== 200 || preview.json().errorCount !== 0) throw new Error(`ledger preview fixture: ${preview.statusCode} ${preview.body.slice(0, 500)}`);
    return {
      ids: { problemCampaignId: campaignId, problemPersonId: personId, problemId, patchProblemId, transitionProblemId, bulkProblemA, bulkProblemB, bulkProblemC, bulkProblemD, ledgerPreviewId: preview.json().previewId, ledgerEnterprise },
      leaks: [campaignName, personName, enterprise, ledgerEnterprise],
    };
  },
};
