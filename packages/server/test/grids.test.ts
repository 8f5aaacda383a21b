import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, testApp, type TestApp } from './harness.js';

/** O6 grids (网格): an area of a region with its people; created and changed by the office, audited. */
let t: TestApp;
let office: string;
let kelan: string;
let leader: string;
let cadre: string;
let leaderPerson: string;
let memberPerson: string;

const req = (cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, ...(payload ? { payload: payload as Record<string, unknown> } : {}), headers: cookie ? { cookie } : {} });

const square = (lon: number, lat: number, d = 0.01) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });

beforeAll(async () => {
  t = await testApp();
  [office, kelan, leader, cadre] = (await Promise.all(['dehong.office', 'kelan.office', 'dehong.leader', 'dehong.cadre'].map((u) => t.login(u)))) as [string, string, string, string];
  const p1 = await req(office, 'POST', '/api/org/people', { regionCode: '533103', name: '网格测试长', position: '芒市自然资源局', phone: '13900000001' });
  const p2 = await req(office, 'POST', '/api/org/people', { regionCode: '533103101', name: '网格测试员', position: '芒市镇干部' });
  leaderPerson = json(p1).id;
  memberPerson = json(p2).id;
});
afterAll(() => t?.close());

describe('grids', () => {
  let id: string;

  it('creates a grid with an area and people, audited', async () => {
    const res = await req(office, 'POST', '/api/grids', {
      regionCode: '533103101',
      name: '芒市镇第一网格',
      geometry: square(98.58, 24.43),
      people: [{ personId: leaderPerson, role: 'leader' }, { personId: memberPerson, role: 'member' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const g = json(res);
    id = g.id;
    expect(g).toMatchObject({ regionCode: '533103101', name: '芒市镇第一网格', version: 1, siteCount: 0, sites: [], geometry: square(98.58, 24.43) });
    expect(g.people).toEqual([
      expect.objectContaining({ personId: leaderPerson, role: 'leader', name: '网格测试长', phone: '13900000001', regionCode: '533103' }),
      expect.objectContaining({ personId: memberPerson, role: 'member', name: '网格测试员', phone: null }),
    ]);
    const audit = json(await req(office, 'GET', `/api/audit?entityType=grid&entityId=${id}`));
    expect(audit).toEqual([expect.objectContaining({ action: 'grid.create', regionCode: '533103101', after: expect.objectContaining({ name: '芒市镇第一网格', people: [{ personId: leaderPerson, role: 'leader' }, { personId: memberPerson, role: 'member' }] }) })]);
  });

  it('lists grids in scope, filtered by region', async () => {
    const mine = json(await req(leader, 'GET', '/api/grids?region=533103'));
    expect(mine.map((g: any) => g.name)).toContain('芒市镇第一网格');
    // the 芒市镇 cadre sees his township's grid
    expect(json(await req(cadre, 'GET', '/api/grids')).map((g: any) => g.id)).toEqual([id]);
    expect(json(await req(kelan, 'GET', '/api/grids'))).toEqual([]);
    expect((await req(kelan, 'GET', '/api/grids?region=533103')).statusCode).toBe(404);
    expect((await req(kelan, 'GET', `/api/grids/${id}`)).statusCode).toBe(404);
  });

  it('changes name, area and people with the version seen; a stale version is a 409', async () => {
    const res = await req(office, 'PATCH', `/api/grids/${id}`, { version: 1, name: '芒市镇一号网格', people: [{ personId: memberPerson, role: 'leader' }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ name: '芒市镇一号网格', version: 2, people: [expect.objectContaining({ personId: memberPerson, role: 'leader' })] });
    const stale = await req(office, 'PATCH', `/api/grids/${id}`, { version: 1, name: '又改名' });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error.message).toMatch(/you edited version 1, it is now 2/);
    const cleared = await req(office, 'PATCH', `/api/grids/${id}`, { version: 2, geometry: null });
    expect(json(cleared)).toMatchObject({ version: 3, geometry: null, name: '芒市镇一号网格' });
    const audit = json(await req(office, 'GET', `/api/audit?entityType=grid&entityId=${id}`));
    expect(audit[1]).toMatchObject({ action: 'grid.update', before: { version: 1, name: '芒市镇第一网格' }, after: { version: 2, name: '芒市镇一号网格', people: [{ personId: memberPerson, role: 'leader' }] } });
  });

  it('refuses bad input with the field at fault and writes nothing', async () => {
    const count = async () => (await t.db.selectFrom('grid').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const kelanPerson = json(await req(kelan, 'GET', '/api/org/people?region=140929'))[0].id;
    const sibling = json(await req(office, 'POST', '/api/org/people', { regionCode: '533102', name: '瑞丽网格测试人' })).id;
    const cases: [object, string, RegExp][] = [
      [{ regionCode: '533103', name: '芒市镇一号网格X', people: [{ personId: kelanPerson, role: 'member' }] }, 'body.people.0.personId', /no such person in your region/],
      [{ regionCode: '533103101', name: '网格B', people: [{ personId: sibling, role: 'member' }] }, 'body.people.0.personId', /neither above nor below the grid's region 533103101/],
      [{ regionCode: '533103', name: '网格C', people: [{ personId: leaderPerson, role: 'member' }, { personId: leaderPerson, role: 'leader' }] }, 'body.people.1.personId', /listed twice/],
      [{ regionCode: '533103', name: '网格D', geometry: { type: 'Point', coordinates: [98.58, 24.43] } }, 'body.geometry', /Polygon or MultiPolygon/],
      [{ regionCode: '533103', name: '网格E', geometry: { type: 'Polygon', coordinates: [[[98.58, 24.43], [98.59, 24.43], [98.59, 24.44], [98.58, 24.44]]] } }, 'body.geometry.coordinates.0', /not closed/],
      [{ regionCode: '140929', name: '网格F' }, 'body.regionCode', /outside your region/],
      [{ regionCode: '533103', name: '' }, 'body.name', /./],
    ];
    for (const [payload, path, message] of cases) {
      const res = await req(office, 'POST', '/api/grids', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error.details[0]).toMatchObject({ path, message: expect.stringMatching(message) });
    }
    const dup = await req(office, 'POST', '/api/grids', { regionCode: '533103101', name: '芒市镇一号网格' });
    expect(dup.statusCode).toBe(409);
    expect(await count()).toBe(before);
  });

  it('is written only by the office', async () => {
    for (const c of [leader, cadre]) expect((await req(c, 'POST', '/api/grids', { regionCode: '533103101', name: '无权网格' })).statusCode).toBe(403);
    expect((await req(kelan, 'PATCH', `/api/grids/${id}`, { version: 3, name: '越权' })).statusCode).toBe(404);
    expect((await req(null, 'GET', '/api/grids')).statusCode).toBe(401);
  });
});
