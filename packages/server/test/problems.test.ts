/**
 * The problem ledger through the API (L1, L2, L3, L5, L7): problems checked against their campaign,
 * the lifecycle fired through core's state machine with the actor's capacities, the sign-off queue,
 * fact changes, progress figures and the per-mine view.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { json, multipart, testApp, type TestApp } from './harness.js';
import { daladProblemBody } from './problem-body.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
let c002: string;
let c004: string;
let units: Record<string, string>;
let people: Record<string, any>;
let photos: string[] = [];

const send = (u: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

async function upload(u: string, name: string, bytes: Buffer): Promise<string> {
  const m = multipart({ purpose: 'photo' }, { name, bytes });
  const res = await t.app.inject({ method: 'POST', url: '/api/files', headers: { ...as(u), ...m.headers }, payload: m.payload });
  expect([200, 201], res.body).toContain(res.statusCode);
  return json(res).sha256;
}

/** A PNG that differs per call (the store deduplicates identical bytes). */
async function photo(u: string): Promise<string> {
  const base = await readFile(new URL('./fixtures/photo-no-exif.png', import.meta.url));
  return upload(u, `整改照片${photos.length}.png`, Buffer.concat([base, Buffer.from(`#${photos.length}-${Math.random()}`)]));
}

const problem = (over: Record<string, unknown> = {}) =>
  daladProblemBody({ campaignId: c002, unitId: units['旗林业和草原局']!, personId: people['杜培源'].id }, { description: '临时用地批小占大，超出批准范围约 12 亩', ...over });

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.forestry', 'dalad.inspector', 'dalad.leader', 'dalad.cadre', 'kelan.office', 'zhongwei.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  c002 = campaigns.find((c) => c.code === campaign002.key).id;
  c004 = campaigns.find((c) => c.regionCode === '640500').id;
  units = Object.fromEntries((json(await send('admin', 'GET', '/api/org/units?region=150621')) as any[]).map((u) => [u.name, u.id]));
  people = Object.fromEntries((json(await send('admin', 'GET', '/api/org/people?region=150621')) as any[]).map((p) => [p.name, p]));
  expect(people['杜培源'].rank).toBe('deputy_section');
});
afterAll(() => t?.close());

describe('creating problems against the campaign rules (L1, L3)', () => {
  it('puts a problem on the ledger with its work group, contact and ledger wording', async () => {
    const res = await send('dalad.office', 'POST', '/api/problems', problem({ methodMineral: '露天 煤矿' }));
    expect(res.statusCode, res.body).toBe(201);
    const p = json(res);
    expect(p).toMatchObject({
      state: 'found',
      workGroupKey: 'wg_open_pit',
      typeName: '临时用地批小占大',
      methodMineral: '露天+煤矿',
      responsibleText: '杜培源 林草局副局长 13947712345',
      responsibleUnitName: '旗林业和草原局',
      regionName: '白泥井镇',
      version: 1,
    });
    expect(p.history.map((h: any) => h.action)).toEqual(['problem.create']);
    expect(p.capacities).toEqual(['office']);
    expect(p.availableEvents).toEqual(['start', 'immediate_fix', 'void']);
  });

  it('refuses what the campaign forbids, naming the field and the rule', async () => {
    const clerk = json(await send('dalad.office', 'POST', '/api/org/people', { regionCode: '150621', name: '张科员', position: '科员', rank: 'clerk', unitId: units['旗林业和草原局'] })).id;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ typeCode: 'made_up_type' }, 'body.typeCode', /不在本行动的问题类型目录中/],
      [{ deadline: '2023-01-15' }, 'body.deadline', /晚于规定的 2022-12-31/],
      [{ typeCode: 'dump_over_limit', deadline: '2022-08-31' }, 'body.deadline', /2022-06-30/],
      [{ responsiblePersonId: clerk }, 'body.responsiblePersonId', /低于副科级/],
      [{ responsiblePersonId: people['周洪威'].id }, 'body.responsiblePersonId', /未登记职级/],
      [{ responsibleContact: null }, 'body.responsibleContact', /联系方式/],
      [{ deadline: '2022-05-01' }, 'body.deadline', /before the day the problem was found/],
      [{ regionCode: '140929100' }, 'body.regionCode', /outside your region/],
      [{ workGroupKey: 'wg_dumps' }, 'body.workGroupKey', /belongs to work group wg_open_pit/],
      [{ immediate: true }, 'body.evidenceFileIds', /立行立改/],
      [{ methodMineral: '露天+井工+煤' }, 'body.methodMineral', /露天和井工/],
      [{ evidenceFileIds: ['a'.repeat(64)] }, 'body.evidenceFileIds.0', /no uploaded file/],
    ];
    for (const [over, path, message] of cases) {
      const res = await send('dalad.office', 'POST', '/api/problems', problem(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const d = json(res).error.details.find((x: any) => x.path === path);
      expect(d, `${JSON.stringify(over)} → ${res.body}`).toBeDefined();
      expect(d.message).toMatch(message);
    }
    const dump = problem({ typeCode: 'dump_over_limit', deadline: '2022-08-31' });
    expect(json(await send('dalad.office', 'POST', '/api/problems', dump)).error.details[0].message).toMatch(/排土场/);
    expect((await send('dalad.leader', 'POST', '/api/problems', problem())).statusCode).toBe(403);
    expect((await send('kelan.office', 'POST', '/api/problems', problem({ regionCode: '140929100' }))).statusCode).toBe(400);
  });
});

describe('the lifecycle through the API (L2)', () => {
  let id: string;
  const fireAs = async (u: string, event: string, extra: Record<string, unknown> = {}) => {
    const cur = json(await send('admin', 'GET', `/api/problems/${id}`));
    return send(u, 'POST', `/api/problems/${id}/transitions`, { version: cur.version, event, ...extra });
  };

  beforeAll(async () => {
    id = json(await send('dalad.office', 'POST', '/api/problems', problem({ enterprise: '达拉特旗生命周期煤矿' }))).id;
  });

  it('lets the responsible unit start and submit with new evidence, never sign off its own work', async () => {
    expect((await fireAs('dalad.forestry', 'start')).statusCode).toBe(200);
    const bare = await fireAs('dalad.forestry', 'submit');
    expect(bare.statusCode).toBe(409);
    expect(json(bare).error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/^EVIDENCE_REQUIRED: 提交销号申请须上传新的整改佐证材料/) });
    expect(json(bare).error.details[0].path).toBe('body.evidenceFileIds');
    const sha = await photo('dalad.forestry');
    const sub = await fireAs('dalad.forestry', 'submit', { evidenceFileIds: [sha] });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(json(sub)).toMatchObject({ state: 'submitted', evidenceCount: 1, submittedOn: expect.any(String) });
    expect(json(sub).evidence[0]).toMatchObject({ sha256: sha, mime: 'image/png', fileId: expect.any(String) });
    const own = await fireAs('dalad.forestry', 'sign_off');
    expect(own.statusCode).toBe(409);
    expect(json(own).error.message).toMatch(/^OWN_WORK: 整改责任单位不能对本单位的整改验收销号/);
  });

  it('shows the office its sign-off queue and not the responsible unit', async () => {
    const q = json(await send('dalad.office', 'GET', '/api/problems/sign-off-queue'));
    expect(q.items.map((p: any) => p.id)).toContain(id);
    const forestry = json(await send('dalad.forestry', 'GET', '/api/problems/sign-off-queue'));
    expect(forestry.items.map((p: any) => p.id)).not.toContain(id);
    expect(json(await send('kelan.office', 'GET', '/api/problems/sign-off-queue')).total).toBe(0);
  });

  it('returns with a reason, needs new evidence to resubmit, then the office closes it (销号)', async () => {
    const noReason = await fireAs('dalad.office', 'return');
    expect(json(noReason).error.message).toMatch(/^REASON_REQUIRED/);
    expect((await fireAs('dalad.office', 'return', { reason: '复垦面积不足' })).statusCode).toBe(200);
    const again = await fireAs('dalad.forestry', 'submit', { evidenceFileIds: json(await send('admin', 'GET', `/api/problems/${id}`)).evidence.map((e: any) => e.sha256) });
    expect(json(again).error.message).toMatch(/^EVIDENCE_REQUIRED/);
    expect((await fireAs('dalad.forestry', 'submit', { evidenceFileIds: [await photo('dalad.forestry')] })).statusCode).toBe(200);
    const stale = await send('dalad.office', 'POST', `/api/problems/${id}/transitions`, { version: 1, event: 'sign_off' });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error.code).toBe('CONFLICT');
    const cadre = await fireAs('dalad.cadre', 'sign_off');
    expect(json(cadre).error.message).toMatch(/^NOT_PERMITTED/);
    const closed = await fireAs('dalad.office', 'sign_off');
    expect(closed.statusCode).toBe(200);
    const p = json(closed);
    expect(p).toMatchObject({ state: 'closed', progressClass: 'completed', evidenceCount: 2 });
    expect(p.closedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(p.events.map((e: any) => `${e.event}:${e.from}>${e.to}`)).toEqual([
      'start:found>rectifying',
      'submit:rectifying>submitted',
      'return:submitted>returned',
      'submit:returned>submitted',
      'sign_off:submitted>closed',
    ]);
    expect(p.events[4]).toMatchObject({ actor: 'dalad.office', capacities: ['office'] });
    expect(p.events[2].reason).toBe('复垦面积不足');
    expect(p.history.map((h: any) => h.action)).toEqual(['problem.create', 'problem.start', 'problem.submit', 'problem.return', 'problem.submit', 'problem.sign_off']);
  });

  it('reopens a closed problem only with a reason, audited', async () => {
    expect(json(await fireAs('dalad.office', 'reopen')).error.message).toMatch(/^REASON_REQUIRED/);
    const res = await fireAs('dalad.inspector', 'reopen', { reason: '回头看发现复耕不实' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ state: 'rectifying', closedOn: null });
    expect(json(res).history.at(-1)).toMatchObject({ action: 'problem.reopen', actor: 'dalad.inspector' });
  });

  it('closes a 立行立改 problem at once, with its evidence, when a supervision group records it', async () => {
    const sha = await photo('dalad.inspector');
    const res = await send('dalad.inspector', 'POST', '/api/problems', problem({ immediate: true, evidenceFileIds: [sha], source: 'supervision_group', enterprise: '当场整改砂场' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({ state: 'closed', immediate: true, evidenceCount: 1 });
    expect(json(res).events.map((e: any) => e.event)).toEqual(['immediate_fix']);
    // The responsible unit cannot declare its own work fixed on the spot.
    const own = await send('dalad.forestry', 'POST', '/api/problems', problem({ immediate: true, evidenceFileIds: [await photo('dalad.forestry')], enterprise: '自查砂场' }));
    expect(own.statusCode).toBe(409);
    expect(json(own).error.message).toMatch(/^OWN_WORK/);
    expect(json(await send('admin', 'GET', `/api/problems?q=${encodeURIComponent('自查砂场')}`)).total).toBe(0);
  });
});

describe('changing facts', () => {
  let id: string;
  beforeAll(async () => {
    id = json(await send('dalad.office', 'POST', '/api/problems', problem({ enterprise: '达拉特旗改期煤矿' }))).id;
  });
  const patch = (u: string, body: Record<string, unknown>) => send(u, 'PATCH', `/api/problems/${id}`, body);

  it('moves a deadline only with a reason and within the campaign limit', async () => {
    const noReason = await patch('dalad.office', { version: 1, deadline: '2022-12-15' });
    expect(json(noReason).error.details[0].path).toBe('body.reason');
    const late = await patch('dalad.office', { version: 1, deadline: '2023-02-01', reason: '汛期' });
    expect(json(late).error.details[0]).toMatchObject({ path: 'body.deadline', message: expect.stringMatching(/2022-12-31/) });
    const ok = await patch('dalad.office', { version: 1, deadline: '2022-12-15', reason: '汛期施工困难' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ deadline: '2022-12-15', version: 2 });
    const audit = json(ok).history.at(-1);
    expect(audit).toMatchObject({ action: 'problem.update', before: { deadline: '2022-11-30', version: 1 }, after: { deadline: '2022-12-15', reason: '汛期施工困难', version: 2 } });
  });

  it('lets the responsible unit report progress and nothing else', async () => {
    const ok = await patch('dalad.forestry', { version: 2, progressPercent: 40 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).progressPercent).toBe(40);
    expect((await patch('dalad.forestry', { version: 3, measures: '改写措施' })).statusCode).toBe(403);
    expect((await patch('dalad.cadre', { version: 3, progressPercent: 90 })).statusCode).toBe(403);
    expect((await patch('dalad.office', { version: 2, measures: '过期版本' })).statusCode).toBe(409);
  });

  it('keeps the campaign from dropping a problem type its problems use', async () => {
    const c = json(await send('dalad.office', 'GET', `/api/campaigns/${c002}`));
    const taxonomy = c.data.taxonomy.filter((x: any) => x.code !== 'temp_land_small_big');
    const rules = { ...c.data.rules, penalties: c.data.rules.penalties.map((p: any) => ({ ...p, problemTypeCodes: p.problemTypeCodes.filter((x: string) => x !== 'temp_land_small_big') })) };
    const res = await send('dalad.office', 'PATCH', `/api/campaigns/${c002}`, { version: c.version, data: { taxonomy, rules } });
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res).error.details[0]).toMatchObject({ path: 'body.data.taxonomy', message: expect.stringMatching(/temp_land_small_big/) });
  });
});

describe('the list and the progress figures (L5)', () => {
  it('filters by campaign, state, type, work group, text, region and overdue, paged', async () => {
    const all = json(await send('dalad.office', 'GET', `/api/problems?campaignId=${c002}&limit=2`));
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items).toHaveLength(2);
    const closed = json(await send('dalad.office', 'GET', '/api/problems?state=closed'));
    expect(closed.items.every((p: any) => p.state === 'closed')).toBe(true);
    expect(closed.total).toBe(1);
    const open = json(await send('dalad.office', 'GET', '/api/problems?state=found,rectifying'));
    expect(open.items.every((p: any) => ['found', 'rectifying'].includes(p.state))).toBe(true);
    expect(json(await send('dalad.office', 'GET', '/api/problems?typeCode=dump_over_limit')).total).toBe(0);
    expect(json(await send('dalad.office', 'GET', '/api/problems?workGroupKey=wg_open_pit')).total).toBe(all.total);
    expect(json(await send('dalad.office', 'GET', `/api/problems?q=${encodeURIComponent('改期')}`)).items.map((p: any) => p.enterprise)).toEqual(['达拉特旗改期煤矿']);
    // Judged on 2022-06-01 nothing is overdue; on 2023-01-01 every open one is.
    expect(json(await send('dalad.office', 'GET', '/api/problems?overdue=true&asOf=2022-06-01')).total).toBe(0);
    const late = json(await send('dalad.office', 'GET', '/api/problems?overdue=true&asOf=2023-01-01'));
    expect(late.total).toBe(json(await send('dalad.office', 'GET', '/api/problems?progress=in_progress')).total);
    expect(late.items.every((p: any) => p.progressClass === 'overdue' && p.daysOverdue > 0)).toBe(true);
    expect(json(await send('kelan.office', 'GET', '/api/problems')).total).toBe(0);
    expect((await send('kelan.office', 'GET', `/api/problems?campaignId=${c002}`)).statusCode).toBe(404);
    expect((await send('kelan.office', 'GET', '/api/problems?region=150621')).statusCode).toBe(404);
  });

  it('counts the same figures by region, work group and type', async () => {
    const byRegion = json(await send('dalad.office', 'GET', '/api/problems/progress?groupBy=region&asOf=2022-06-01'));
    expect(byRegion.groups).toEqual([expect.objectContaining({ key: '150621102', label: '白泥井镇' })]);
    const list = json(await send('dalad.office', 'GET', '/api/problems?limit=1000&asOf=2022-06-01')).items as any[];
    const counted = { total: list.length, completed: list.filter((p) => p.progressClass === 'completed').length, overdue: list.filter((p) => p.progressClass === 'overdue').length };
    expect(byRegion.total).toMatchObject(counted);
    expect(byRegion.total.onSchedule + byRegion.total.behindSchedule + byRegion.total.overdue).toBe(byRegion.total.inProgress);
    const byGroup = json(await send('dalad.office', 'GET', `/api/problems/progress?groupBy=workGroup&campaignId=${c002}&asOf=2022-06-01`));
    expect(byGroup.groups[0]).toMatchObject({ key: 'wg_open_pit', label: expect.stringContaining('露天矿山临时用地') });
    const byType = json(await send('dalad.office', 'GET', `/api/problems/progress?groupBy=type&campaignId=${c002}`));
    expect(byType.groups[0]).toMatchObject({ key: 'temp_land_small_big', label: '临时用地批小占大' });
    expect((await send('dalad.office', 'GET', '/api/problems/progress?groupBy=type')).statusCode).toBe(400);
  });
});

describe('per mine (L7)', () => {
  it('shows the eight stages of 004 for every mine, what is missing, and the plan once set', async () => {
    const site = json(await send('zhongwei.office', 'POST', '/api/sites', {
      regionCode: '640502',
      name: '中卫市某石料矿',
      attributes: { kind: 'licensed_mine', licenceNo: 'C6405002010127130123456', holder: '中卫市某石料有限公司', mineral: '建筑石料用灰岩', method: 'open_pit' },
      geometry: { type: 'Point', coordinates: [105.19, 37.51] },
    }));
    const emergency = json(await send('admin', 'GET', '/api/org/units?region=640500')).find((u: any) => u.name === '市应急管理局').id;
    const c = json(await send('zhongwei.office', 'GET', `/api/campaigns/${c004}`)).data;
    const created = await send('zhongwei.office', 'POST', '/api/problems', {
      campaignId: c004, siteId: site.id, regionCode: '640502', typeCode: c.taxonomy[0].code, description: '未按安全设计建设', measures: '停产整改', foundOn: '2022-05-10', deadline: '2022-06-30', responsibleUnitId: emergency, source: 'inspection',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(json(created)).toMatchObject({ enterprise: '中卫市某石料矿', methodMineral: '露天+建筑石料用灰岩' });
    const mines = json(await send('zhongwei.office', 'GET', `/api/campaigns/${c004}/mines`)).items;
    expect(mines).toHaveLength(1);
    expect(mines[0].stages.map((s: any) => s.name)).toEqual(['查清现状', '停产整治', '取缔关闭', '依法查处', '生态修复', '堆料治理', '规范管理', '后续管理']);
    expect(mines[0].stages.every((s: any) => s.status === 'pending')).toBe(true);
    expect(mines[0].problems).toEqual({ open: 1, closed: 0, overdue: expect.any(Number) });
    expect(mines[0].gaps.map((g: any) => g.path)).toEqual(expect.arrayContaining(['policy', 'planFileIds', 'responsiblePersonId', 'stages']));

    const plan = await photo('zhongwei.office');
    const person = json(await send('zhongwei.office', 'POST', '/api/org/people', { regionCode: '640502', name: '马责任', position: '副区长', rank: 'deputy_division' })).id;
    const stages = c.stages.map((s: any, i: number) => (i === 0 ? { code: s.code, status: 'done', completedOn: '2022-05-20', evidenceFileIds: [plan] } : { code: s.code, status: i === 2 ? 'not_applicable' : 'in_progress', note: i === 2 ? '有证矿山，不予取缔' : '' }));
    const put = await send('zhongwei.office', 'PUT', '/api/mine-plans', { campaignId: c004, siteId: site.id, policy: '停产整治后验收复产', planFileIds: [plan], responsiblePersonId: person, stages });
    expect(put.statusCode, put.body).toBe(200);
    const m = json(put);
    expect(m.gaps).toEqual([]);
    expect(m.stageProgress).toEqual({ done: 1, applicable: 7, percent: 14 });
    expect(m.responsiblePersonName).toBe('马责任');
    const bad = await send('zhongwei.office', 'PUT', '/api/mine-plans', { campaignId: c004, siteId: site.id, stages: [{ code: 'no_such_stage', status: 'pending' }] });
    expect(json(bad).error.details[0].path).toBe('body.stages.0.code');
    expect((await send('dalad.office', 'GET', `/api/campaigns/${c004}/mines/${site.id}`)).statusCode).toBe(404);
    const one = json(await send('zhongwei.office', 'GET', `/api/campaigns/${c004}/mines/${site.id}`));
    expect(one.version).toBe(1);
  });
});
