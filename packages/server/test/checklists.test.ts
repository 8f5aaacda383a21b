/**
 * L8: the 004 inspection checklist filled per mine: checked against the checklist item by item; the
 * failed items become findings, and problems through the problem service when measures, a deadline
 * and a responsible unit are given (at once or later); the campaign's rules still apply to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST_004, applicableItems, campaign002, campaign004 } from '@minewatch/core';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
const send = (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

let c004: string;
let c002: string;
let site: string;
let unit: string;
let submission: any;

/** Every applicable item passes, except those given. */
function answers(expired: boolean, over: Record<string, { answer: 'yes' | 'no' | 'not_applicable'; note?: string }> = {}, subject: 'mine' | 'county' = 'mine') {
  return applicableItems(CHECKLIST_004, subject, expired).map((i) => ({ itemCode: i.code, answer: i.failWhen === 'yes' ? 'no' : 'yes', ...over[i.code] }));
}
const form = (over: Record<string, unknown> = {}) => ({
  checklistId: CHECKLIST_004.id,
  subject: 'mine',
  siteId: site,
  regionCode: '640502',
  inspectedOn: '2022-05-10',
  inspectors: ['第一督查组 马某某', '第一督查组 李某某'],
  answers: answers(false, {
    hidden_hazards: { answer: 'yes', note: '采场边坡存在浮石，未设置警示标志' },
    eia: { answer: 'no', note: '环评批复后扩大产能，未重新环评' },
    refusal_not_closed: { answer: 'not_applicable' },
  }),
  ...over,
});
const assignment = (over: Record<string, unknown> = {}) => ({ measures: '立即清理浮石，设置警示标志', deadline: '2022-06-20', responsibleUnitId: unit, ...over });
const paths = (res: Parameters<typeof json>[0]) => (json(res).error.details ?? []).map((d: any) => d.path) as string[];

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'zhongwei.office', 'zhongwei.inspector', 'zhongwei.leader', 'zhongwei.cadre', 'kelan.office', 'dalad.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  c004 = campaigns.find((c) => c.code === campaign004.key).id;
  c002 = campaigns.find((c) => c.code === campaign002.key).id;
  unit = (json(await send('admin', 'GET', '/api/org/units?region=640500')) as any[]).find((u) => u.name === '市应急管理局').id;
  const s = await send('zhongwei.office', 'POST', '/api/sites', {
    regionCode: '640502',
    name: '沙坡头区某石灰岩矿',
    attributes: { kind: 'licensed_mine', licenceNo: 'C6405002010127130098765', holder: '中卫市某建材有限公司', mineral: '石灰岩', method: 'open_pit' },
    geometry: { type: 'Point', coordinates: [105.05, 37.45] },
  });
  expect(s.statusCode, s.body).toBe(201);
  site = json(s).id;
}, 120_000);
afterAll(() => t?.close());

describe('submitting the 004 checklist for a mine', () => {
  it('keeps the form; failed items become findings, assigned ones problems', async () => {
    const res = await send('zhongwei.inspector', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form(), assign: { hidden_hazards: assignment() } });
    expect(res.statusCode, res.body).toBe(201);
    submission = json(res);
    expect(submission).toMatchObject({ campaignId: c004, subject: 'mine', siteId: site, siteName: '沙坡头区某石灰岩矿', regionName: '沙坡头区', failedCount: 2, assignErrors: [], createdBy: 'zhongwei.inspector' });
    expect(submission.answers).toHaveLength(11);
    expect(submission.findings.map((f: any) => f.itemCode)).toEqual(['hidden_hazards', 'eia']);
    const [hazard, eia] = submission.findings;
    expect(eia.problemId).toBeNull();
    expect(hazard.problemId).not.toBeNull();
    const p = json(await send('zhongwei.office', 'GET', `/api/problems/${hazard.problemId}`));
    expect(p).toMatchObject({
      typeCode: 'hidden_hazards',
      typeName: '安全隐患未排查整治到位',
      description: '安全隐患未排查整治到位：采场边坡存在浮石，未设置警示标志',
      source: 'inspection',
      sourceRef: `checklist:${submission.id}`,
      siteId: site,
      foundOn: '2022-05-10',
      deadline: '2022-06-20',
      state: 'found',
    });
  });

  it('turns an open finding into a problem later, once, under the campaign rules', async () => {
    const eia = submission.findings[1];
    const late = await send('zhongwei.office', 'POST', `/api/checklists/findings/${eia.id}/problem`, assignment({ deadline: '2022-07-31', measures: '重新编制环评并报批' }));
    expect(late.statusCode, late.body).toBe(400);
    expect(paths(late)).toContain('body.deadline'); // 004: 6月底前完成验收销号
    const ok = await send('zhongwei.office', 'POST', `/api/checklists/findings/${eia.id}/problem`, assignment({ measures: '重新编制环评并报批' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok).problemId).not.toBeNull();
    expect((await send('zhongwei.office', 'POST', `/api/checklists/findings/${eia.id}/problem`, assignment())).statusCode).toBe(409);
    const again = json(await send('zhongwei.office', 'GET', `/api/checklists/submissions/${submission.id}`));
    expect(again.findings.every((f: any) => f.problemId)).toBe(true);
    const audit = json(await send('zhongwei.office', 'GET', `/api/audit?entityType=checklist_submission&entityId=${submission.id}`)) as any[];
    expect(audit.map((a) => a.action).sort()).toEqual(['checklist.finding_assign', 'checklist.finding_assign', 'checklist.submit']);
  });

  it('keeps the inspection when the campaign refuses an assignment, and says why', async () => {
    const res = await send('zhongwei.inspector', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form({ inspectedOn: '2022-05-12' }), assign: { hidden_hazards: assignment(), eia: assignment({ deadline: '2022-08-01' }) } });
    expect(res.statusCode, res.body).toBe(201);
    const s = json(res);
    expect(s.assignErrors).toHaveLength(1);
    expect(s.assignErrors[0].itemCode).toBe('eia');
    expect(s.assignErrors[0].details.map((d: any) => d.path)).toContain('body.assign.eia.deadline');
    expect(s.findings.map((f: any) => [f.itemCode, f.problemId !== null])).toEqual([['hidden_hazards', true], ['eia', false]]);
    const list = json(await send('zhongwei.office', 'GET', `/api/checklists/submissions?siteId=${site}`));
    expect(list.items.map((i: any) => [i.inspectedOn, i.openFindings])).toEqual([['2022-05-12', 1], ['2022-05-10', 0]]);
  });

  it('asks the 六要 items of an expired mine, and the county the 七要 item', async () => {
    const expired = form({ expired: true, answers: answers(true, { three_no_remain: { answer: 'no', note: '矿区内仍有采矿设备和工棚' } }) });
    const res = await send('zhongwei.inspector', 'POST', '/api/checklists/submissions', { campaignId: c004, form: expired });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res).answers).toHaveLength(13);
    expect(json(res).findings.map((f: any) => f.itemCode)).toEqual(['three_no_remain']);
    const county = { ...form(), subject: 'county', siteId: null, answers: answers(false, { collective_decision: { answer: 'no', note: '开复工审批未经县委常委会研究' } }, 'county') };
    const c = await send('zhongwei.office', 'POST', '/api/checklists/submissions', { campaignId: c004, form: county, assign: { collective_decision: assignment({ measures: '将矿产资源审批纳入“三重一大”事项' }) } });
    expect(c.statusCode, c.body).toBe(201);
    const p = json(await send('zhongwei.office', 'GET', `/api/problems/${json(c).findings[0].problemId}`));
    expect(p).toMatchObject({ enterprise: '沙坡头区党委、政府', siteId: null, typeCode: 'collective_decision' });
  });

  it('refuses forms that do not fit the checklist, field by field', async () => {
    const all = answers(false);
    const cases: [Record<string, unknown>, string][] = [
      [{ form: form({ answers: all.slice(1) }) }, 'body.form.answers'],
      [{ form: form({ answers: all.map((a) => (a.itemCode === 'safety_design' ? { ...a, answer: 'not_applicable' } : a)) }) }, 'body.form.answers.0.answer'],
      [{ form: form({ answers: all.map((a) => (a.itemCode === 'eia' ? { ...a, answer: 'no' } : a)) }) }, 'body.form.answers.5.note'],
      [{ form: form({ answers: [...all, { itemCode: 'three_no_remain', answer: 'yes' }] }) }, 'body.form.answers.11.itemCode'],
      [{ form: form({ answers: [...all, { itemCode: 'no_such_item', answer: 'yes' }] }) }, 'body.form.answers.11.itemCode'],
      [{ form: form({ inspectedOn: '2099-01-01' }) }, 'body.form.inspectedOn'],
      [{ form: form({ inspectors: [] }) }, 'body.form.inspectors'],
      [{ form: form({ subject: 'county' }) }, 'body.form.siteId'],
      [{ form: form({ checklistId: 'other' }) }, 'body.form.checklistId'],
      [{ form: form({ regionCode: '640521' }) }, 'body.form.siteId'],
      [{ form: form(), assign: { safety_design: assignment() } }, 'body.assign.safety_design'],
      [{ form: form(), assign: { eia: { measures: '', deadline: '2022-06-01', responsibleUnitId: unit } } }, 'body.assign.eia.measures'],
      [{ campaignId: c002, form: form() }, 'body.campaignId'],
    ];
    for (const [over, path] of cases) {
      const res = await send('zhongwei.office', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form(), ...over });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(paths(res), `${path}: ${res.body}`).toContain(path);
    }
    expect(json(await send('zhongwei.office', 'GET', '/api/checklists/submissions')).total).toBe(4);
  });

  it('keeps each region to its own submissions and lets only inspecting roles submit', async () => {
    expect((await send('kelan.office', 'GET', `/api/checklists/submissions/${submission.id}`)).statusCode).toBe(404);
    expect(json(await send('kelan.office', 'GET', '/api/checklists/submissions')).total).toBe(0);
    expect((await send('kelan.office', 'GET', '/api/checklists/submissions?region=640502')).statusCode).toBe(404);
    const foreign = await send('kelan.office', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form() });
    expect(foreign.statusCode).toBe(400);
    expect(json(foreign).error.message).toMatch(/region/);
    expect((await send('zhongwei.leader', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form() })).statusCode).toBe(403);
    expect((await send('zhongwei.cadre', 'POST', '/api/checklists/submissions', { campaignId: c004, form: form() })).statusCode).toBe(403);
    expect(json(await send('zhongwei.leader', 'GET', `/api/checklists/submissions/${submission.id}`)).findings).toHaveLength(2);
  });
});
