/**
 * 批量指派 (POST /api/problems/bulk-assign): the campaign office gives many open problems the same
 * responsible unit, person, contact and verifying unit in one transaction — all of them or none —
 * under the rules of a change to one problem, checked per campaign, with one audit row per problem.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { json, testApp, type TestApp } from './harness.js';
import { daladProblemBody } from './problem-body.js';

let t: TestApp;
const cookies: Record<string, string> = {};
let c002: string;
let c004: string;
let units: Record<string, string>;
let people: Record<string, any>;
/** A 副处级 person of 旗自然资源局 with a phone on record, and a 科员 (below 002's 副科级 rule). */
let assignee: any;
let clerk: string;

const send = (u: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[u]! }, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });
const bulk = (u: string, payload: object) => send(u, 'POST', '/api/problems/bulk-assign', payload);

let seq = 0;
/** A 002 problem of 白泥井镇 with 旗林业和草原局 / 杜培源 responsible, as dalad.office records it. */
async function make(over: Record<string, unknown> = {}, user = 'dalad.office'): Promise<{ id: string; version: number }> {
  const res = await send(user, 'POST', '/api/problems', daladProblemBody({ campaignId: c002, unitId: units['旗林业和草原局']!, personId: people['杜培源'].id }, { enterprise: `批量指派测试煤矿${++seq}`, ...over }));
  expect(res.statusCode, res.body).toBe(201);
  return { id: json(res).id, version: json(res).version };
}

/** A 004 problem of 沙坡头区, recorded by 中卫's office (outside 达拉特旗). */
async function zhongweiProblem() {
  const unit = (json(await send('admin', 'GET', '/api/org/units?region=640500')) as any[]).find((u) => u.name === '市应急管理局').id;
  const type = json(await send('admin', 'GET', `/api/campaigns/${c004}`)).data.taxonomy[0].code;
  return make({ campaignId: c004, regionCode: '640502', typeCode: type, responsibleUnitId: unit, responsiblePersonId: null, responsibleContact: null, foundOn: '2022-05-10', deadline: '2022-06-30' }, 'zhongwei.office');
}

const rowsOf = (ids: string[]) =>
  t.db.selectFrom('problem').select(['id', 'version', 'responsible_unit_id', 'responsible_person_id', 'responsible_contact', 'responsible_text', 'verifying_unit_id', 'state']).where('id', 'in', ids).orderBy('id').execute();
const auditCount = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_event`.execute(t.db)).rows[0]!.n;
const updateRows = (ids: string[]) =>
  t.db.selectFrom('audit_event').select(['entity_id', 'actor_label', 'before', 'after']).where('action', '=', 'problem.update').where('entity_id', 'in', ids).orderBy('seq').execute();

/** Tries a refused request and proves it changed nothing: the problems and the audit log are as before. */
async function refusedWithoutChange(ids: string[], attempt: () => Promise<{ statusCode: number; body: string }>, status: number) {
  const [before, auditBefore] = [await rowsOf(ids), await auditCount()];
  const res = await attempt();
  expect(res.statusCode, res.body).toBe(status);
  expect(await rowsOf(ids)).toEqual(before);
  expect(await auditCount()).toBe(auditBefore);
  return JSON.parse(res.body).error as { code: string; message: string; details?: { path: string; message: string }[] };
}

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.forestry', 'dalad.inspector', 'dalad.leader', 'kelan.office', 'zhongwei.office']) cookies[u] = await t.login(u);
  const campaigns = json(await send('admin', 'GET', '/api/campaigns')).items as any[];
  c002 = campaigns.find((c) => c.code === campaign002.key).id;
  c004 = campaigns.find((c) => c.regionCode === '640500').id;
  units = Object.fromEntries((json(await send('admin', 'GET', '/api/org/units?region=150621')) as any[]).map((u) => [u.name, u.id]));
  people = Object.fromEntries((json(await send('admin', 'GET', '/api/org/people?region=150621')) as any[]).map((p) => [p.name, p]));
  expect(units['旗自然资源局']).toBeDefined();
  const made = await send('dalad.office', 'POST', '/api/org/people', { regionCode: '150621', name: '王指派', position: '副局长', rank: 'deputy_division', unitId: units['旗自然资源局'], phone: '13800000001' });
  expect(made.statusCode, made.body).toBe(201);
  assignee = json(made);
  clerk = json(await send('dalad.office', 'POST', '/api/org/people', { regionCode: '150621', name: '李科员', position: '科员', rank: 'clerk', unitId: units['旗自然资源局'], phone: '13800000002' })).id;
});
afterAll(() => t?.close());

describe('bulk assign (批量指派)', () => {
  it('assigns N problems at once: new versions, 整改责任人及联系方式 rewritten, one audit row each', async () => {
    const made = await Promise.all([1, 2, 3, 4, 5].map(() => make()));
    const ids = made.map((m) => m.id);
    const res = await bulk('dalad.office', {
      items: made,
      responsibleUnitId: units['旗自然资源局'],
      responsiblePersonId: assignee.id,
      verifyingUnitId: units['旗林业和草原局'],
      reason: '按联席会议分工调整',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.updated).toBe(5);
    // in the order asked, each with its new version and the ledger wording (the person's phone, no contact given)
    expect(body.items).toEqual(made.map((m) => ({ id: m.id, version: 2, responsibleText: '王指派 副局长 13800000001' })));
    for (const r of await rowsOf(ids)) {
      expect(r).toMatchObject({
        version: 2,
        responsible_unit_id: units['旗自然资源局'],
        responsible_person_id: assignee.id,
        responsible_contact: '13800000001',
        responsible_text: '王指派 副局长 13800000001',
        verifying_unit_id: units['旗林业和草原局'],
      });
    }
    const audit = await updateRows(ids);
    expect(audit).toHaveLength(5);
    expect(new Set(audit.map((a) => a.entity_id))).toEqual(new Set(ids));
    for (const a of audit) {
      expect(a.actor_label).toBe('dalad.office');
      expect(a.before).toMatchObject({ version: 1, responsible_unit_id: units['旗林业和草原局'], responsible_person_id: people['杜培源'].id, responsible_contact: '13947712345', verifying_unit_id: null });
      expect(a.after).toMatchObject({ version: 2, responsible_person_id: assignee.id, responsible_text: '王指派 副局长 13800000001', reason: '按联席会议分工调整', bulk: true, count: 5 });
    }
    // the list and the problem's history show it
    const list = json(await send('dalad.office', 'GET', `/api/problems?responsiblePersonId=${assignee.id}&limit=100`));
    expect(list.items.map((p: any) => p.id).sort()).toEqual([...ids].sort());
    expect(list.items.every((p: any) => p.responsibleUnitName === '旗自然资源局' && p.responsiblePersonName === '王指派')).toBe(true);
    const one = json(await send('dalad.office', 'GET', `/api/problems/${ids[0]}`));
    expect(one.history.at(-1)).toMatchObject({ action: 'problem.update', actor: 'dalad.office', after: { bulk: true, count: 5 } });
  });

  it('changes only the contact, keeping each problem\'s own person in the wording', async () => {
    const a = await make();
    const b = await make({ responsiblePersonId: assignee.id, responsibleContact: null });
    const res = await bulk('dalad.office', { items: [a, b], responsibleContact: '0477-1234567' });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).items.map((x: any) => x.responsibleText)).toEqual(['杜培源 林草局副局长 0477-1234567', '王指派 副局长 0477-1234567']);
  });

  it('changes nothing when one problem is stale, closed or voided, or outside the office\'s region, and names it', async () => {
    const [a, b, c] = [await make(), await make(), await make()];
    const ids = [a.id, b.id, c.id];
    const assign = (items: object[]) => () => bulk('dalad.office', { items, responsiblePersonId: assignee.id });

    // someone changed b after the office loaded the list
    expect((await send('dalad.office', 'PATCH', `/api/problems/${b.id}`, { version: 1, measures: '另有人修改了措施' })).statusCode).toBe(200);
    const stale = await refusedWithoutChange(ids, assign([a, b, c]), 409);
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/item 1: you saw version 1, it is now 2/);
    expect(stale.details).toEqual([{ path: 'body.items.1', message: expect.stringMatching(/you saw version 1, it is now 2/) }]);
    b.version = 2;

    // c is voided
    const voided = await send('dalad.office', 'POST', `/api/problems/${c.id}/transitions`, { version: 1, event: 'void', reason: '重复登记' });
    expect(voided.statusCode, voided.body).toBe(200);
    c.version = json(voided).version;
    const closed = await refusedWithoutChange(ids, assign([a, b, c]), 409);
    expect(closed.message).toMatch(/item 2 \(.+\) is closed or voided/);
    expect(closed.details).toEqual([{ path: 'body.items.2', message: 'the problem is voided: reopen it to change its facts' }]);

    // a 中卫 problem is not 达拉特旗's to see: 404 naming it, as GET /api/problems/{id} would be
    const zw = await zhongweiProblem();
    const out = await refusedWithoutChange([...ids, zw.id], assign([a, b, zw]), 404);
    expect(out.code).toBe('NOT_FOUND');
    expect(out.message).toContain(zw.id);
    expect(out.details).toEqual([{ path: 'body.items.2.id', message: expect.stringContaining(zw.id) }]);

    // without the foreign and the voided one it goes through
    const ok = await bulk('dalad.office', { items: [a, b], responsiblePersonId: assignee.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok).items.map((x: any) => x.version)).toEqual([2, 3]);
  });

  it('refuses the responsible unit, the inspector and the read-only leader (403)', async () => {
    const [a, b] = [await make(), await make()];
    const ids = [a.id, b.id];
    const own = await refusedWithoutChange(ids, () => bulk('dalad.forestry', { items: [a, b], responsiblePersonId: assignee.id }), 403);
    expect(own).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/items 0, 1 .*the responsible unit reports only progressPercent/) });
    const inspector = await refusedWithoutChange(ids, () => bulk('dalad.inspector', { items: [a, b], responsibleUnitId: units['旗自然资源局'] }), 403);
    expect(inspector.message).toMatch(/only the campaign office changes a problem's facts/);
    const leader = await refusedWithoutChange(ids, () => bulk('dalad.leader', { items: [a, b], responsibleUnitId: units['旗自然资源局'] }), 403);
    expect(leader.code).toBe('FORBIDDEN');
  });

  it("applies 002's rank rule to the person, naming the field, the campaign and its problems", async () => {
    const [a, b] = [await make(), await make()];
    const ids = [a.id, b.id];
    const low = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [a, b], responsiblePersonId: clerk }), 400);
    expect(low.details).toHaveLength(1);
    expect(low.details![0]!.path).toBe('body.responsiblePersonId');
    expect(low.details![0]!.message).toMatch(/整改责任人职级为科员.*低于副科级/);
    expect(low.details![0]!.message).toContain('达拉特旗矿山以案促改专项行动');
    expect(low.details![0]!.message).toMatch(/items 0, 1/);
    const unranked = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [a, b], responsiblePersonId: people['周洪威'].id }), 400);
    expect(unranked.details![0]).toMatchObject({ path: 'body.responsiblePersonId', message: expect.stringMatching(/未登记职级/) });
    // 002 requires a responsible person: clearing it is refused too
    const cleared = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [a, b], responsiblePersonId: null }), 400);
    expect(cleared.details!.map((d) => d.path)).toContain('body.responsiblePersonId');
  });

  it('checks each campaign on its own when the problems span campaigns', async () => {
    // A copy of 002 without the rank rule: a 科员 may be responsible there, not in 002.
    const copy = await send('dalad.office', 'POST', `/api/campaigns/${c002}/copy`, { key: 'dalad_bulk_copy', name: '达拉特旗批量指派测试行动' });
    expect(copy.statusCode, copy.body).toBe(201);
    const cc = json(copy);
    const patched = await send('dalad.office', 'PATCH', `/api/campaigns/${cc.id}`, { version: cc.version, data: { rules: { ...cc.data.rules, minResponsibleRank: null, rankBasis: null } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const [a, b, c] = [await make(), await make({ campaignId: cc.id }), await make({ campaignId: cc.id })];
    const ids = [a.id, b.id, c.id];

    const mixed = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [b, a, c], responsiblePersonId: clerk }), 400);
    expect(mixed.details).toHaveLength(1);
    expect(mixed.details![0]!.message).toContain('达拉特旗矿山以案促改专项行动');
    expect(mixed.details![0]!.message).not.toContain('达拉特旗批量指派测试行动');
    expect(mixed.details![0]!.message).toMatch(new RegExp(`item 1 \\(${a.id}\\)`));

    // the copy's problems alone take the 科员
    const copyOnly = await bulk('dalad.office', { items: [b, c], responsiblePersonId: clerk });
    expect(copyOnly.statusCode, copyOnly.body).toBe(200);
    b.version = c.version = 2;
    // and a qualified person goes to both campaigns' problems in one request
    const both = await bulk('dalad.office', { items: [a, b, c], responsiblePersonId: assignee.id });
    expect(both.statusCode, both.body).toBe(200);
    expect((await rowsOf(ids)).map((r) => r.responsible_person_id)).toEqual([assignee.id, assignee.id, assignee.id]);

    // Across regions (the platform admin sees both): 达拉特旗's person is no record of 中卫's campaign.
    const z = await zhongweiProblem();
    const cur = await rowsOf([a.id]);
    const across = await refusedWithoutChange([a.id, z.id], () => bulk('admin', { items: [{ id: a.id, version: cur[0]!.version }, z], responsiblePersonId: assignee.id }), 400);
    expect(across.details).toEqual([{ path: 'body.responsiblePersonId', message: expect.stringMatching(/no person .* in the campaign's region 640500 — campaign .*\(640500\), item 1/) }]);
  });

  it('refuses a verifying unit that is a problem\'s own responsible unit, and malformed requests, with paths', async () => {
    const [a, b] = [await make(), await make({ responsibleUnitId: units['旗自然资源局'] })];
    const ids = [a.id, b.id];
    const ownWork = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [a, b], verifyingUnitId: units['旗林业和草原局'] }), 400);
    expect(ownWork.details).toEqual([{ path: 'body.verifyingUnitId', message: expect.stringMatching(/cannot verify its own work — campaign .*item 0 \(/) }]);

    const cases: [object, string][] = [
      [{ items: [a, a], responsiblePersonId: assignee.id }, 'body.items.1.id'],
      [{ items: [a] }, 'body'],
      [{ items: [], responsiblePersonId: assignee.id }, 'body.items'],
      [{ items: [a], responsibleUnitId: units['旗自然资源局'], verifyingUnitId: units['旗自然资源局'] }, 'body.verifyingUnitId'],
      [{ items: [a], responsibleContact: 'call me' }, 'body.responsibleContact'],
      [{ items: [{ id: a.id }], responsiblePersonId: assignee.id }, 'body.items.0.version'],
      [{ items: Array.from({ length: 1001 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, version: 1 })), responsiblePersonId: assignee.id }, 'body.items'],
    ];
    for (const [payload, path] of cases) {
      const err = await refusedWithoutChange(ids, () => bulk('dalad.office', payload), 400);
      expect(err.details!.map((d) => d.path), JSON.stringify(err)).toContain(path);
    }
    const unknownUnit = await refusedWithoutChange(ids, () => bulk('dalad.office', { items: [a, b], responsibleUnitId: '00000000-0000-4000-8000-000000000000' }), 400);
    expect(unknownUnit.details).toEqual([{ path: 'body.responsibleUnitId', message: expect.stringMatching(/no unit .* in the campaign's region 150621 — campaign 达拉特旗矿山以案促改专项行动 .*items 0, 1/) }]);
  });

  it('assigns 1,000 problems in one request', async () => {
    const ids = await t.db.transaction().execute(async (trx) => {
      const base = await trx.selectFrom('problem').selectAll().where('id', '=', (await make()).id).executeTakeFirstOrThrow();
      const { id: _id, created_at: _c, updated_at: _u, version: _v, ...rest } = base;
      const rows = Array.from({ length: 999 }, (_, i) => ({ ...rest, enterprise: `批量千条煤矿${i}` }));
      const got = await trx.insertInto('problem').values(rows as any).returning('id').execute();
      return [base.id, ...got.map((g) => g.id)];
    });
    const items = (await rowsOf(ids)).map((r) => ({ id: r.id, version: r.version }));
    const started = Date.now();
    const res = await bulk('dalad.office', { items, responsiblePersonId: assignee.id });
    const ms = Date.now() - started;
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(json(res).updated).toBe(1000);
    expect(await updateRows(ids)).toHaveLength(1000);
    console.info(`bulk assign of 1,000 problems: ${ms} ms`);
  }, 120_000);
});
