import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '@minewatch/core';
import { todayInChina } from '../src/clock.js';
import { testApp, type TestApp } from './harness.js';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('dehong.office');
});
afterAll(() => t.close());

const get = (url: string, cookie = office) => t.app.inject({ url, headers: { cookie } });
const post = (url: string, payload: object, cookie = office) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

describe('regions (O1)', () => {
  it('lists the counties of 德宏州 and the townships of a county', async () => {
    const res = await get('/api/org/regions/533100/children');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((r: { code: string; name: string }) => `${r.code} ${r.name}`)).toEqual([
      '533102 瑞丽市', '533103 芒市', '533122 梁河县', '533123 盈江县', '533124 陇川县',
    ]);
    const towns = (await get('/api/org/regions/533103/children')).json();
    expect(towns.length).toBeGreaterThan(5);
    expect(towns.every((r: { level: string; code: string }) => r.level === 'township' && r.code.startsWith('533103'))).toBe(true);
    const villages = (await get(`/api/org/regions/${towns[0].code}/children`)).json();
    expect(villages.length).toBeGreaterThan(0);
    expect(villages[0].level).toBe('village');
  });

  it('has the seed jurisdictions with their provinces for the admin', async () => {
    const admin = await t.login('admin');
    const roots = (await get('/api/org/regions/roots', admin)).json().map((r: { code: string }) => r.code);
    expect(roots).toEqual(['140000', '150000', '530000', '640000']);
    for (const [code, name, parent] of [
      ['150621', '达拉特旗', '150600'], ['150600', '鄂尔多斯市', '150000'], ['140929', '岢岚县', '140900'], ['140900', '忻州市', '140000'],
      ['640502', '沙坡头区', '640500'], ['640521', '中宁县', '640500'], ['640522', '海原县', '640500'], ['533100', '德宏傣族景颇族自治州', '530000'],
    ] as const) {
      expect((await get(`/api/org/regions/${code}`, admin)).json()).toMatchObject({ code, name, parentCode: parent });
    }
  });
});

describe('bodies (O3) through the stable API', () => {
  it('returns the 001 joint meeting with members: name, position, role', async () => {
    const bodies = (await get('/api/org/bodies?region=533100')).json();
    const jm = bodies.find((b: { kind: string }) => b.kind === 'joint_meeting');
    expect(jm.name).toContain('联席会议');
    const members = jm.members.map((m: { name: string; position: string; role: string }) => [m.name, m.position, m.role]);
    expect(members).toContainEqual(['董自明', '州自然资源和规划局局长', 'convener']);
    expect(members).toContainEqual(['向三帕', '州自然资源和规划局副局长', 'deputy_convener']);
    expect(members).toContainEqual(['赵维', '州应急管理局副局长', 'member']);
    const detail = (await get(`/api/org/bodies/${jm.id}`)).json();
    expect(detail.children.map((c: { kind: string }) => c.kind)).toContain('office');
    expect(detail.members).toHaveLength(jm.members.length);
  });

  it('returns the three 中卫 supervision groups with their districts', async () => {
    const z = await t.login('zhongwei.office');
    const groups = (await get('/api/org/bodies?region=640500', z)).json().filter((b: { kind: string }) => b.kind === 'supervision_group');
    expect(groups.map((g: { districtCodes: string[] }) => g.districtCodes)).toEqual([['640502'], ['640521'], ['640522']]);
  });

  it('creates a body, adds members, and keeps people de-duplicated across roles', async () => {
    const person = await post('/api/org/people', { regionCode: '533103', name: '测试人', position: '芒市自然资源局局长', rank: 'section', phone: '0692-1234567' });
    expect(person.statusCode).toBe(201);
    const body = await post('/api/org/bodies', { regionCode: '533103', name: '芒市打击“洗洞”盗采金矿专项整治行动联席会议', kind: 'joint_meeting', cadenceMonths: 3 });
    expect(body.statusCode).toBe(201);
    const m = await post(`/api/org/bodies/${body.json().id}/members`, { personId: person.json().id, role: 'convener', position: '芒市副市长' });
    expect(m.statusCode).toBe(201);
    expect(m.json()).toMatchObject({ name: '测试人', role: 'convener', position: '芒市副市长' });
    const unnamed = await post(`/api/org/bodies/${body.json().id}/members`, { role: 'member', note: '各乡镇分管领导' });
    expect(unnamed.statusCode).toBe(201);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/org/bodies/${body.json().id}/members/${unnamed.json().id}`, headers: { cookie: office } });
    expect(del.statusCode).toBe(204);
    expect((await get(`/api/org/bodies/${body.json().id}`)).json().members).toHaveLength(1);
  });

  it('refuses writes from a read-only leader', async () => {
    const leader = await t.login('dehong.leader');
    const res = await post('/api/org/units', { regionCode: '533100', name: '某单位', kind: 'bureau' }, leader);
    expect(res.statusCode).toBe(403);
  });
});

describe('meetings and cadence (O7)', () => {
  it('shows the 岢岚 task force (quarterly rule since 2022-09-15) overdue until a meeting is recorded', async () => {
    const k = await t.login('kelan.office');
    let cad = (await get('/api/org/cadence?region=140929', k)).json();
    const tf = cad.find((c: { body: { kind: string } }) => c.body.kind === 'task_force');
    expect(tf.cadence).toMatchObject({ cadenceMonths: 3, lastHeldOn: null, dueBy: '2022-12-15', overdue: true });

    const detail = (await get(`/api/org/bodies/${tf.body.id}`, k)).json();
    const attendees = detail.members.filter((m: { personId: string | null }) => m.personId).slice(0, 3).map((m: { personId: string }) => m.personId);
    const today = todayInChina();
    const rec = await post(`/api/org/bodies/${tf.body.id}/meetings`, { kind: 'joint_meeting', heldOn: today, title: '联席会议', attendeePersonIds: attendees, decisions: ['研究重点难点问题'] }, k);
    expect(rec.statusCode).toBe(201);
    expect(rec.json().attendees).toHaveLength(3);

    cad = (await get('/api/org/cadence?region=140929', k)).json();
    const after = cad.find((c: { body: { id: string } }) => c.body.id === tf.body.id);
    expect(after.cadence).toMatchObject({ lastHeldOn: today, dueBy: addMonths(today, 3), overdue: false, daysOverdue: 0 });
    const shown = (await get(`/api/org/bodies/${tf.body.id}`, k)).json();
    expect(shown.meetings[0]).toMatchObject({ heldOn: today, decisions: ['研究重点难点问题'] });
  });

  it('refuses attendees from another region', async () => {
    const k = await t.login('kelan.office');
    const foreign = (await get('/api/org/people?region=533100')).json()[0].id;
    const tf = (await get('/api/org/bodies?region=140929', k)).json()[0];
    const res = await post(`/api/org/bodies/${tf.id}/meetings`, { kind: 'joint_meeting', heldOn: '2023-01-05', title: 'x', attendeePersonIds: [foreign] }, k);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.attendeePersonIds.0');
  });
});

describe('duties matrix (O4)', () => {
  it('lists 岢岚 tasks with lead and cooperating units', async () => {
    const k = await t.login('kelan.office');
    const duties = (await get('/api/org/duties?region=140929', k)).json();
    expect(duties.length).toBeGreaterThanOrEqual(15);
    const first = duties.find((d: { section: string }) => d.section === '二.(一).1');
    expect(first.title).toBe('健全常态化领导机构');
    expect(first.leadUnits.map((u: { name: string }) => u.name).join()).toMatch(/自然资源局/);
    expect(first.cooperatingUnits.length).toBeGreaterThanOrEqual(5);
  });
});
