/**
 * L9: the four hazard ledgers of 001 §五.(一) (民用爆炸物品和氰化钠, 非法采选金矿用电, “洗洞”污染,
 * 金矿及尾矿库隐患). An entry is a problem of the campaign's type for that ledger with the ledger's
 * own fields, checked by core; the ledgers list them in scope and count them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign001, hazardLedgerFields, HAZARD_LEDGER_TYPES } from '@minewatch/core';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
const send = (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

let c001: string;
let c003: string;
let unit: string;
const entry = (hazard: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  campaignId: c001,
  regionCode: '533103',
  enterprise: '芒市某金矿',
  description: '排查发现',
  measures: '依法查处并整改',
  foundOn: '2022-05-10',
  deadline: '2022-09-30',
  responsibleUnitId: unit,
  source: 'inspection',
  hazard,
  ...over,
});
const HAZARDS = {
  explosives_cyanide: { substance: 'sodium_cyanide', acts: ['transport', 'resell'], party: '李某某', partyKind: 'individual', quantity: 2.5, quantityUnit: 't', permitStatus: 'none' },
  illegal_power_use: { consumer: '芒市某选矿点', supplier: '德宏供电局芒市供电分局', consumptionKwh: 120000, periodFrom: '2022-01-01', periodTo: '2022-04-30', action: 'supply_cut' },
  xidong_pollution: { pollutants: ['cyanide', 'heavy_metals'], media: ['surface_water', 'soil'], affectedAreaM2: 3500, offenderIdentified: true, offender: '王某某', damageAssessment: 'in_progress' },
  gold_mine_hazard: { target: 'tailings_pond', hazardLevel: 'major', pondGrade: 4 },
} as const;
const created: Record<string, any> = {};

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dehong.office', 'dehong.leader', 'dehong.inspector', 'kelan.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  c001 = campaigns.find((c) => c.code === campaign001.key).id;
  c003 = campaigns.find((c) => c.regionCode === '140929').id;
  unit = (json(await send('admin', 'GET', '/api/org/units?region=533100')) as any[])[0].id;
}, 120_000);
afterAll(() => t?.close());

describe('the hazard ledgers', () => {
  it('are the four ledgers of 001, empty at first', async () => {
    const res = await send('dehong.office', 'GET', '/api/hazard-ledgers');
    expect(res.statusCode).toBe(200);
    expect(json(res).map((l: any) => [l.type, l.section, l.total, l.open])).toEqual([
      ['explosives_cyanide', '五.(一).2', 0, 0],
      ['illegal_power_use', '五.(一).2', 0, 0],
      ['xidong_pollution', '五.(一).3', 0, 0],
      ['gold_mine_hazard', '五.(一).4', 0, 0],
    ]);
    expect(json(res)[0].label.zh).toBe('民用爆炸物品和氰化钠违法违规台账');
  });

  it('records an entry of each ledger as a problem of its type, with the ledger fields', async () => {
    for (const type of HAZARD_LEDGER_TYPES) {
      const res = await send('dehong.inspector', 'POST', `/api/hazard-ledgers/${type}/entries`, entry(HAZARDS[type], { description: `排查发现：${type}` }));
      expect(res.statusCode, res.body).toBe(201);
      const e = json(res);
      created[type] = e;
      expect(e).toMatchObject({ typeCode: type, state: 'found', regionCode: '533103', campaignId: c001, hazard: { ledgerType: type, ...HAZARDS[type] } });
      // Every field of the ledger is present (defaults filled), nothing else.
      expect(Object.keys(e.hazard).sort()).toEqual(['ledgerType', ...hazardLedgerFields[type].map((f) => f.key)].sort());
      const p = json(await send('dehong.office', 'GET', `/api/problems/${e.problemId}`));
      expect(p).toMatchObject({ typeCode: type, source: 'inspection', hazard: e.hazard });
      expect(p.history.map((h: any) => h.action)).toEqual(['problem.create']);
    }
  });

  it('lists each ledger with its entries and counts them', async () => {
    const list = json(await send('dehong.office', 'GET', '/api/hazard-ledgers/gold_mine_hazard'));
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ problemId: created.gold_mine_hazard.problemId, regionName: '芒市', campaignName: campaign001.name, hazard: { target: 'tailings_pond', pondGrade: 4 } });
    const summary = json(await send('dehong.office', 'GET', '/api/hazard-ledgers?region=533103'));
    expect(summary.map((l: any) => l.total)).toEqual([1, 1, 1, 1]);
    expect(json(await send('dehong.office', 'GET', '/api/hazard-ledgers/gold_mine_hazard?open=false')).total).toBe(0);
    expect(json(await send('dehong.office', 'GET', `/api/hazard-ledgers/gold_mine_hazard?campaignId=${c001}&region=533103&limit=1`)).items).toHaveLength(1);
  });

  it('refuses entries whose ledger fields break the rules, field by field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['explosives_cyanide', { ...HAZARDS.explosives_cyanide, quantityUnit: 'piece' }, 'body.hazard.quantityUnit'],
      ['explosives_cyanide', { ...HAZARDS.explosives_cyanide, acts: [] }, 'body.hazard.acts'],
      ['explosives_cyanide', { ...HAZARDS.explosives_cyanide, quantity: null }, 'body.hazard.quantityUnit'],
      ['illegal_power_use', { ...HAZARDS.illegal_power_use, periodTo: '2021-12-31' }, 'body.hazard.periodTo'],
      ['xidong_pollution', { ...HAZARDS.xidong_pollution, offender: null }, 'body.hazard.offender'],
      ['xidong_pollution', { ...HAZARDS.xidong_pollution, offenderIdentified: false, offender: null, compensation: 'paid' }, 'body.hazard.compensation'],
      ['gold_mine_hazard', { ...HAZARDS.gold_mine_hazard, target: 'gold_mine' }, 'body.hazard.pondGrade'],
      ['gold_mine_hazard', { ...HAZARDS.gold_mine_hazard, ledgerType: 'xidong_pollution' }, 'body.hazard.ledgerType'],
      ['gold_mine_hazard', { ...HAZARDS.gold_mine_hazard, colour: 'red' }, 'body.hazard'],
    ];
    for (const [type, hazard, path] of cases) {
      const res = await send('dehong.office', 'POST', `/api/hazard-ledgers/${type}/entries`, entry(hazard));
      expect(res.statusCode, `${type} ${JSON.stringify(hazard)} ${res.body}`).toBe(400);
      expect(json(res).error.details.map((d: any) => d.path), res.body).toContain(path);
    }
    const wrongType = await send('dehong.office', 'POST', '/api/hazard-ledgers/gold_mine_hazard/entries', entry(HAZARDS.gold_mine_hazard, { typeCode: 'xidong_pollution' }));
    expect(wrongType.statusCode).toBe(400);
    expect(json(wrongType).error.details[0].path).toBe('body.typeCode');
    const noLedger = await send('kelan.office', 'POST', '/api/hazard-ledgers/gold_mine_hazard/entries', entry(HAZARDS.gold_mine_hazard, { campaignId: c003, regionCode: '140929' }));
    expect(noLedger.statusCode).toBe(400);
    expect(json(noLedger).error.details[0]).toMatchObject({ path: 'body.campaignId' });
    expect((await send('dehong.office', 'POST', '/api/hazard-ledgers/no_such_ledger/entries', entry(HAZARDS.gold_mine_hazard))).statusCode).toBe(400);
    expect(json(await send('dehong.office', 'GET', '/api/hazard-ledgers')).map((l: any) => l.total)).toEqual([1, 1, 1, 1]);
  });

  it('keeps each region to its own ledgers', async () => {
    expect(json(await send('kelan.office', 'GET', '/api/hazard-ledgers/gold_mine_hazard')).total).toBe(0);
    expect(json(await send('kelan.office', 'GET', '/api/hazard-ledgers')).map((l: any) => l.total)).toEqual([0, 0, 0, 0]);
    expect((await send('kelan.office', 'GET', '/api/hazard-ledgers/gold_mine_hazard?region=533100')).statusCode).toBe(404);
    expect((await send('kelan.office', 'GET', `/api/hazard-ledgers/gold_mine_hazard?campaignId=${c001}`)).statusCode).toBe(404);
    const foreign = await send('kelan.office', 'POST', '/api/hazard-ledgers/gold_mine_hazard/entries', entry(HAZARDS.gold_mine_hazard));
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign).error.message).toMatch(/region/);
    expect((await send('dehong.leader', 'POST', '/api/hazard-ledgers/gold_mine_hazard/entries', entry(HAZARDS.gold_mine_hazard))).statusCode).toBe(403);
    expect(json(await send('dehong.leader', 'GET', '/api/hazard-ledgers/xidong_pollution')).total).toBe(1);
  });
});
