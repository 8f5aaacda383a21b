/**
 * Campaigns as data (P1): the four seeds load at demo seeding exactly as core defines them, in their
 * regions; a campaign can be set up from scratch, copied and changed, each change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CAMPAIGNS, campaign002, type CampaignData } from '@minewatch/core';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.leader', 'kelan.office', 'dehong.inspector', 'dehong.office', 'zhongwei.cadre']) cookies[u] = await t.login(u);
});
afterAll(() => t?.close());

const list = async (u: string, query = '') => {
  const res = await t.app.inject({ url: `/api/campaigns${query}`, headers: as(u) });
  expect(res.statusCode, res.body).toBe(200);
  return json(res).items as any[];
};
/** A from-scratch campaign: 002's definition under a new key (JSON round trip: what a client sends). */
const fresh = (over: Partial<CampaignData> = {}): Record<string, unknown> => ({ ...JSON.parse(JSON.stringify(campaign002)), key: 'dalad_followup_2023', seed: null, name: '达拉特旗矿山整治回头看行动', ...over });

describe('seed campaigns', () => {
  it('loads each of the four seeds in its own region, as core defines it', async () => {
    const all = await list('admin');
    expect(all.map((c) => c.code).sort()).toEqual(SEED_CAMPAIGNS.map((c) => c.key).sort());
    for (const seed of SEED_CAMPAIGNS) {
      const item = all.find((c) => c.code === seed.key);
      expect(item.regionCode).toBe(seed.regionCode);
      expect(item.seed).toBe(seed.seed);
      const one = await t.app.inject({ url: `/api/campaigns/${item.id}`, headers: as('admin') });
      expect(one.statusCode).toBe(200);
      // The stored document is the seed campaign, field for field (dates, phases, taxonomy, rules, templates).
      expect(json(one).data).toEqual(JSON.parse(JSON.stringify(seed)));
    }
    const c002 = all.find((c) => c.code === campaign002.key);
    const d = json(await t.app.inject({ url: `/api/campaigns/${c002.id}`, headers: as('admin') })).data;
    expect(d.phases.map((p: any) => p.end)).toEqual(['2022-04-25', '2022-05-31', '2022-12-31']);
    expect(d.templates.ledger.columns).toHaveLength(9);
    expect(d.rules.deadlineLimit).toBe('2022-12-31');
    expect(d.rules.minResponsibleRank).toBe('deputy_section');
  });

  it('lists by scope: own region, and the campaign of the region above as inherited', async () => {
    const dalad = await list('dalad.office');
    expect(dalad.map((c) => c.regionCode)).toEqual(['150621']);
    expect(dalad[0].inherited).toBe(false);
    expect((await list('kelan.office')).map((c) => c.regionCode)).toEqual(['140929']);
    const inspector = await list('dehong.inspector'); // 芒市 533103, below 德宏州
    expect(inspector.map((c) => [c.regionCode, c.inherited])).toEqual([['533100', true]]);
    const cadre = await list('zhongwei.cadre'); // 滨河镇 640502100
    expect(cadre.map((c) => [c.regionCode, c.inherited])).toEqual([['640500', true]]);
  });

  it('answers 404 for a campaign of another region, and filters by region only inside your own', async () => {
    const dehong = (await list('admin')).find((c) => c.regionCode === '533100');
    expect((await t.app.inject({ url: `/api/campaigns/${dehong.id}`, headers: as('kelan.office') })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/campaigns?region=533100', headers: as('kelan.office') })).statusCode).toBe(404);
    expect(await list('admin', '?region=150621')).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/campaigns' })).statusCode).toBe(401);
  });
});

describe('setting up, copying and changing campaigns', () => {
  let createdId: string;

  it('creates a campaign from scratch, validated whole by core', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.office'), payload: fresh() });
    expect(res.statusCode, res.body).toBe(201);
    const c = json(res);
    createdId = c.id;
    expect(c).toMatchObject({ code: 'dalad_followup_2023', regionCode: '150621', seed: null, inherited: false, version: 1 });
    expect(c.data.taxonomy).toEqual(JSON.parse(JSON.stringify(campaign002.taxonomy)));
    const audit = json(await t.app.inject({ url: `/api/audit?entityType=campaign&entityId=${c.id}`, headers: as('dalad.office') }));
    expect(audit.map((a: any) => a.action)).toEqual(['campaign.create']);
  });

  it('refuses a campaign that breaks core rules, naming the field', async () => {
    const bad = fresh({ key: 'bad_phases' }) as any;
    bad.phases[1].end = '2022-04-01';
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.office'), payload: bad });
    expect(res.statusCode).toBe(400);
    expect(json(res).error.details.map((d: any) => d.path)).toContain('body.phases.1.end');
    const typo = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.office'), payload: { ...fresh({ key: 'typo' }), taxonomy: [] } });
    expect(typo.statusCode).toBe(400);
    expect(json(typo).error.details[0].path).toBe('body.taxonomy');
  });

  it('refuses a campaign outside your region, a scope outside the campaign and a taken key', async () => {
    const foreign = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('kelan.office'), payload: fresh({ key: 'foreign' }) });
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign).error.details[0]).toMatchObject({ path: 'body.regionCode', message: expect.stringMatching(/outside your region/) });
    const scope = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.office'), payload: fresh({ key: 'wide', scopeCodes: ['150602'] }) });
    expect(scope.statusCode).toBe(400);
    expect(json(scope).error.details[0].path).toBe('body.scopeCodes.0');
    const taken = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.office'), payload: fresh() });
    expect(taken.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: as('dalad.leader'), payload: fresh({ key: 'leader' }) })).statusCode).toBe(403);
  });

  it('copies a campaign under a new key, keeping its rules, and records where it came from', async () => {
    const src = (await list('dalad.office')).find((c) => c.code === campaign002.key);
    const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${src.id}/copy`, headers: as('dalad.office'), payload: { key: 'dalad_copy', name: '达拉特旗矿山以案促改专项行动（复制）' } });
    expect(res.statusCode, res.body).toBe(201);
    const c = json(res);
    expect(c).toMatchObject({ code: 'dalad_copy', copiedFrom: src.id, seed: null, regionCode: '150621' });
    expect(c.data.rules).toEqual(JSON.parse(JSON.stringify(campaign002.rules)));
    expect(c.data.templates.ledger.title).toBe(campaign002.templates.ledger!.title);
    const again = await t.app.inject({ method: 'POST', url: `/api/campaigns/${src.id}/copy`, headers: as('dalad.office'), payload: { key: 'dalad_copy', name: 'x' } });
    expect(again.statusCode).toBe(409);
    // A county inspector's office may read the prefecture campaign, but a copy must land in its own region.
    const dehong = (await list('admin')).find((x) => x.regionCode === '533100');
    const foreign = await t.app.inject({ method: 'POST', url: `/api/campaigns/${dehong.id}/copy`, headers: as('kelan.office'), payload: { key: 'k', name: 'k' } });
    expect(foreign.statusCode).toBe(404);
    const moved = await t.app.inject({ method: 'POST', url: `/api/campaigns/${src.id}/copy`, headers: as('dalad.office'), payload: { key: 'dalad_town', name: '白泥井镇回头看', regionCode: '150621102' } });
    expect(moved.statusCode, moved.body).toBe(201);
    expect(json(moved).data.scopeCodes).toEqual(['150621102']);
  });

  it('changes parts of a campaign with optimistic versions, audited before and after', async () => {
    const patch = (payload: object, u = 'dalad.office') => t.app.inject({ method: 'PATCH', url: `/api/campaigns/${createdId}`, headers: as(u), payload });
    const rules = { ...JSON.parse(JSON.stringify(campaign002.rules)), deadlineLimit: '2022-11-30', deadlineBasis: '回头看整改时限' };
    const res = await patch({ version: 1, data: { rules } });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).version).toBe(2);
    expect(json(res).data.rules.deadlineLimit).toBe('2022-11-30');
    expect((await patch({ version: 1, data: { rules } })).statusCode).toBe(409);
    const key = await patch({ version: 2, data: { key: 'renamed' } });
    expect(key.statusCode).toBe(400);
    expect(json(key).error.details[0].path).toBe('body.data.key');
    const broken = await patch({ version: 2, data: { rules: { ...rules, deadlineBasis: null } } });
    expect(broken.statusCode).toBe(400);
    expect(json(broken).error.details[0].path).toBe('body.data.rules.deadlineBasis');
    expect((await patch({ version: 2, data: { rules } }, 'kelan.office')).statusCode).toBe(404);
    const audit = json(await t.app.inject({ url: `/api/audit?entityType=campaign&entityId=${createdId}`, headers: as('dalad.office') }));
    const update = audit.find((a: any) => a.action === 'campaign.update');
    expect(update.before.rules.deadlineLimit).toBe('2022-12-31');
    expect(update.after.rules.deadlineLimit).toBe('2022-11-30');
  });

  it('lets nobody change a campaign of the region above', async () => {
    const dehong = (await list('dehong.office')).find((c) => c.regionCode === '533100');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${dehong.id}`, headers: as('dehong.inspector'), payload: { version: 1, data: { name: 'x' } } });
    expect(res.statusCode).toBe(403); // inspectors do not write campaigns at all
  });
});
