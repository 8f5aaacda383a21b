/**
 * L6 penalties through the API: a measure is recorded only where the problem's campaign provides it;
 * the daily fine (按日连续处罚) joins the clock the overdue job started, counts days by its rechecks
 * (core dailyPenalty) and stops the clock when found corrected; suspensions are lifted, third-party
 * restoration costs recovered; totals add up; every change is audited on the problem.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002, campaign004 } from '@minewatch/core';
import { SYSTEM_ACTOR } from '../src/auth/actor.js';
import { scopeOf } from '../src/auth/scope.js';
import { verifyAuditChain } from '../src/audit/audit.repository.js';
import { runOverdueJob } from '../src/jobs/overdue-job.js';
import { createNotifier } from '../src/modules/notifications/notifier.js';
import { json, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
const send = (u: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(u), ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

let pollution: string; // 002 排土场污染环境: fine on finding, 按日连续处罚 once overdue
let reclaim: string; // 002 到期未复垦: suspensions
let refuses: string; // 004 拒不履行恢复治理责任: third-party restoration
let daily: { id: string; version: number };

async function create(u: string, body: Record<string, unknown>): Promise<string> {
  const res = await send(u, 'POST', '/api/problems', body);
  expect(res.statusCode, res.body).toBe(201);
  return json(res).id;
}
const detailsOf = (res: Parameters<typeof json>[0]) => (json(res).error.details ?? []) as { path: string; message: string }[];

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.forestry', 'dalad.leader', 'dalad.cadre', 'kelan.office', 'zhongwei.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  const c002 = campaigns.find((c) => c.code === campaign002.key).id;
  const c004 = campaigns.find((c) => c.code === campaign004.key).id;
  const unit = (json(await send('admin', 'GET', '/api/org/units?region=150621')) as any[]).find((u) => u.name === '旗林业和草原局').id;
  const du = (json(await send('admin', 'GET', '/api/org/people?region=150621')) as any[]).find((x) => x.name === '杜培源').id;
  const base = { campaignId: c002, regionCode: '150621102', enterprise: '达拉特旗罚则测试煤矿', foundOn: '2022-05-20', deadline: '2022-06-10', responsibleUnitId: unit, responsiblePersonId: du, responsibleContact: '13947712345', source: 'survey' };
  pollution = await create('dalad.office', { ...base, typeCode: 'dump_pollution', description: '排土场淋溶水污染农田', measures: '建截排水沟、治理污染' });
  reclaim = await create('dalad.office', { ...base, typeCode: 'not_reclaimed', description: '临时用地到期未复垦', measures: '完成复垦并还地', deadline: '2022-09-30' });
  const zUnit = (json(await send('admin', 'GET', '/api/org/units?region=640500')) as any[])[0].id;
  refuses = await create('zhongwei.office', { campaignId: c004, regionCode: '640502', enterprise: '沙坡头区某石料厂', typeCode: 'refuses_restoration', description: '拒不履行恢复治理责任', measures: '委托第三方修复', foundOn: '2022-05-10', deadline: '2022-06-20', responsibleUnitId: zUnit, source: 'inspection' });
}, 120_000);
afterAll(() => t?.close());

describe('recording measures where the campaign provides them', () => {
  it('records a fine on finding, in fen, with its totals', async () => {
    const res = await send('dalad.office', 'POST', `/api/problems/${pollution}/penalties`, { kind: 'fine', decisionNo: '达自然资罚〔2022〕12号', decidedOn: '2022-06-01', amountFen: 5_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    expect(json(res)).toMatchObject({ kind: 'fine', decidedOn: '2022-06-01', amountFen: 5_000_000, daily: null, version: 1, createdBy: 'dalad.office', record: { decisionNo: '达自然资罚〔2022〕12号', note: '' } });
    expect(json(res).record).not.toHaveProperty('problemId');
  });

  it('refuses measures the campaign does not provide for the type, and bad records field by field', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [pollution, { kind: 'green_list_removal', removedOn: '2022-06-01', listLevel: 'national' }, 'body.kind', /green_list_removal/],
      [pollution, { kind: 'third_party_restoration', commissionedBy: '旗政府', contractor: '某公司', commissionedOn: '2022-06-01', costFen: 100 }, 'body.kind', /third_party_restoration/],
      [pollution, { kind: 'fine', decisionNo: 'x', decidedOn: '2022-06-01', amountFen: 0 }, 'body.amountFen', /./],
      [pollution, { kind: 'fine', decisionNo: 'x', decidedOn: '2099-01-01', amountFen: 100 }, 'body.decidedOn', /after today/],
      [pollution, { kind: 'fine', decisionNo: 'x', decidedOn: '2022-06-01', amountFen: 100, extra: 1 }, 'body', /extra|Unrecognized/i],
      // 按日连续处罚 only after the deadline, counted from the missed deadline.
      [pollution, { kind: 'daily_continuous_fine', decisionNo: 'x', decidedOn: '2022-06-10', dailyAmountFen: 100, countFrom: '2022-06-10' }, 'body.decidedOn', /./],
      [pollution, { kind: 'daily_continuous_fine', decisionNo: 'x', decidedOn: '2022-06-12', dailyAmountFen: 100, countFrom: '2022-06-09' }, 'body.countFrom', /届满次日/],
      [pollution, { kind: 'no_such_kind' }, 'body.kind', /./],
    ];
    for (const [id, body, path, msg] of cases) {
      const res = await send('dalad.office', 'POST', `/api/problems/${id}/penalties`, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(400);
      const d = detailsOf(res);
      expect(d.some((x) => x.path.startsWith(path) && msg.test(x.message)), `${JSON.stringify(body)} → ${res.body}`).toBe(true);
    }
    expect(json(await send('dalad.office', 'GET', `/api/problems/${pollution}/penalties`)).items).toHaveLength(1);
  });

  it('lets the enforcing member unit record but not the cadre, the leader or another region', async () => {
    const fine = { kind: 'fine', decisionNo: '达林草罚〔2022〕3号', decidedOn: '2022-06-02', amountFen: 200_000 };
    expect((await send('dalad.cadre', 'POST', `/api/problems/${pollution}/penalties`, fine)).statusCode).toBe(403);
    expect((await send('dalad.leader', 'POST', `/api/problems/${pollution}/penalties`, fine)).statusCode).toBe(403);
    expect((await send('kelan.office', 'POST', `/api/problems/${pollution}/penalties`, fine)).statusCode).toBe(404);
    expect((await send('kelan.office', 'GET', `/api/problems/${pollution}/penalties`)).statusCode).toBe(404);
    expect((await send('dalad.forestry', 'POST', `/api/problems/${pollution}/penalties`, fine)).statusCode).toBe(201);
    expect(json(await send('dalad.leader', 'GET', `/api/problems/${pollution}/penalties`)).totals.finesFen).toBe(5_200_000);
  });
});

describe('按日连续处罚 and its clock', () => {
  it('joins the clock the overdue job started', async () => {
    const notifier = createNotifier({ email: null, sms: null, appUrl: null });
    const run = await runOverdueJob(t.db, { today: '2022-06-11', scope: scopeOf('150621'), trigger: 'test', actor: SYSTEM_ACTOR, notifier });
    expect(run.counts.clocksStarted).toBe(1);
    const res = await send('dalad.office', 'POST', `/api/problems/${pollution}/penalties`, { kind: 'daily_continuous_fine', decisionNo: '达环罚〔2022〕7号', decidedOn: '2022-06-12', dailyAmountFen: 1_000_000, countFrom: '2022-06-10' });
    expect(res.statusCode, res.body).toBe(201);
    daily = json(res);
    expect(json(res).daily).toEqual({ days: 0, totalFen: 0, through: null, ongoing: false, correctedOn: null });
    const all = json(await send('dalad.office', 'GET', `/api/problems/${pollution}/penalties`));
    expect(all.clock).toMatchObject({ countFrom: '2022-06-10', startedOn: '2022-06-11', penaltyId: daily.id, stoppedOn: null, stopReason: null, ruleSection: '四.工作措施.(二)' });
    expect(all.clock.daysRunning).toBeGreaterThan(1000); // running since 2022, as of the real today
    expect(all.problem).toMatchObject({ overdueSince: '2022-06-11', state: 'found' });
    expect(all.rules.map((r: any) => r.kind).sort()).toEqual(['daily_continuous_fine', 'fine', 'judicial_referral']);
  });

  it('allows one counting daily fine per problem', async () => {
    const res = await send('dalad.office', 'POST', `/api/problems/${pollution}/penalties`, { kind: 'daily_continuous_fine', decisionNo: '达环罚〔2022〕8号', decidedOn: '2022-06-13', dailyAmountFen: 1_000_000, countFrom: '2022-06-10' });
    expect(res.statusCode).toBe(409);
  });

  it('counts days by rechecks that find the violation continuing', async () => {
    const res = await send('dalad.office', 'POST', `/api/penalties/${daily.id}/rechecks`, { version: daily.version, on: '2022-06-15', continuing: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).daily).toEqual({ days: 5, totalFen: 5_000_000, through: '2022-06-15', ongoing: true, correctedOn: null });
    daily = json(res);
    expect(daily.version).toBe(2);
  });

  it('refuses rechecks out of order, before the deadline, in the future, on a stale version or on another kind', async () => {
    const bad: [Record<string, unknown>, number, string][] = [
      [{ version: daily.version, on: '2022-06-14', continuing: true }, 400, 'body.on'],
      [{ version: daily.version, on: '2022-06-15', continuing: true }, 400, 'body.on'],
      [{ version: daily.version, on: '2099-01-01', continuing: true }, 400, 'body.on'],
      [{ version: 1, on: '2022-06-18', continuing: true }, 409, ''],
    ];
    for (const [body, status, path] of bad) {
      const res = await send('dalad.office', 'POST', `/api/penalties/${daily.id}/rechecks`, body);
      expect(res.statusCode, `${JSON.stringify(body)} ${res.body}`).toBe(status);
      if (path) expect(detailsOf(res).map((d) => d.path)).toContain(path);
    }
    const fine = json(await send('dalad.office', 'GET', `/api/problems/${pollution}/penalties`)).items.find((p: any) => p.kind === 'fine');
    const other = await send('dalad.office', 'POST', `/api/penalties/${fine.id}/rechecks`, { version: 1, on: '2022-06-18', continuing: true });
    expect(other.statusCode).toBe(400);
    expect(detailsOf(other)[0]!.path).toBe('params.id');
  });

  it('ends the count and stops the clock when a recheck finds it corrected', async () => {
    const res = await send('dalad.office', 'POST', `/api/penalties/${daily.id}/rechecks`, { version: daily.version, on: '2022-06-20', continuing: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).daily).toEqual({ days: 5, totalFen: 5_000_000, through: '2022-06-15', ongoing: false, correctedOn: '2022-06-20' });
    const all = json(await send('dalad.office', 'GET', `/api/problems/${pollution}/penalties`));
    expect(all.clock).toMatchObject({ stoppedOn: '2022-06-20', stopReason: 'corrected', daysRunning: 10 });
    expect(all.totals).toMatchObject({ finesFen: 5_200_000, dailyFen: 5_000_000 });
    const after = await send('dalad.office', 'POST', `/api/penalties/${daily.id}/rechecks`, { version: json(res).version, on: '2022-06-25', continuing: true });
    expect(after.statusCode).toBe(409);
    expect(json(after).error.message).toMatch(/整改到位/);
  });

  it('audits every step on the problem, in the hash chain', async () => {
    const history = json(await send('dalad.office', 'GET', `/api/problems/${pollution}`)).history.map((h: any) => h.action);
    expect(history).toEqual(['problem.create', 'penalty.create', 'penalty.create', 'problem.overdue', 'penalty.clock_start', 'penalty.create', 'penalty.recheck', 'penalty.recheck', 'penalty.clock_stop']);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe('suspensions and third-party restoration', () => {
  it('lifts a suspension (停止新增开采面 until the land is reclaimed)', async () => {
    const res = await send('dalad.office', 'POST', `/api/problems/${reclaim}/penalties`, { kind: 'suspend_new_faces', decidedOn: '2022-06-05' });
    expect(res.statusCode, res.body).toBe(201);
    const s = json(res);
    expect(s.record).toMatchObject({ liftedOn: null, decisionNo: null });
    expect(json(await send('dalad.office', 'GET', `/api/problems/${reclaim}/penalties`)).totals.activeSuspensions).toBe(1);
    const early = await send('dalad.office', 'PATCH', `/api/penalties/${s.id}`, { version: 1, liftedOn: '2022-06-01' });
    expect(early.statusCode).toBe(400);
    expect(detailsOf(early)[0]!.path).toBe('body.liftedOn');
    expect((await send('dalad.office', 'PATCH', `/api/penalties/${s.id}`, { version: 1, recoveredFen: 5 })).statusCode).toBe(400);
    const lifted = await send('dalad.office', 'PATCH', `/api/penalties/${s.id}`, { version: 1, liftedOn: '2022-10-08', note: '复垦验收合格' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(json(lifted)).toMatchObject({ version: 2, record: { liftedOn: '2022-10-08', note: '复垦验收合格' } });
    expect(json(await send('dalad.office', 'GET', `/api/problems/${reclaim}/penalties`)).totals.activeSuspensions).toBe(0);
    expect((await send('dalad.office', 'PATCH', `/api/penalties/${s.id}`, { version: 1, note: '旧版本' })).statusCode).toBe(409);
    expect((await send('dalad.office', 'PATCH', `/api/penalties/${s.id}`, { version: 2 })).statusCode).toBe(400);
  });

  it('records a restoration commissioned from a third party and the cost recovered', async () => {
    const res = await send('zhongwei.office', 'POST', `/api/problems/${refuses}/penalties`, { kind: 'third_party_restoration', commissionedBy: '沙坡头区人民政府', contractor: '宁夏某生态修复有限公司', commissionedOn: '2022-06-25', costFen: 80_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    const p = json(res);
    expect(p).toMatchObject({ amountFen: 80_000_000, record: { recoveredFen: 0 } });
    expect((await send('zhongwei.office', 'PATCH', `/api/penalties/${p.id}`, { version: 1, recoveredFen: 90_000_000 })).statusCode).toBe(400);
    expect((await send('zhongwei.office', 'PATCH', `/api/penalties/${p.id}`, { version: 1, liftedOn: '2022-07-01' })).statusCode).toBe(400);
    const ok = await send('zhongwei.office', 'PATCH', `/api/penalties/${p.id}`, { version: 1, recoveredFen: 30_000_000 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(await send('zhongwei.office', 'GET', `/api/problems/${refuses}/penalties`)).totals).toEqual({
      finesFen: 0,
      dailyFen: 0,
      restorationCostFen: 80_000_000,
      recoveredFen: 30_000_000,
      outstandingFen: 50_000_000,
      activeSuspensions: 0,
    });
    // 德宏's office cannot see 中卫's penalty.
    expect((await send('dalad.office', 'PATCH', `/api/penalties/${p.id}`, { version: 2, note: 'x' })).statusCode).toBe(404);
  });
});
