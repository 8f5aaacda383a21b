import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './harness.js';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = office) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** About 1 km × 1 km near 岢岚 (111.14°E, 38.70°N). */
const square = (lon = 111.14, lat = 38.69, d = 0.0115) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d * 0.78], [lon, lat + d * 0.78], [lon, lat]]] });

describe('site registry (S1, S2, S4)', () => {
  let mineId: string;
  it('registers a licensed mine with its boundary; area on the ellipsoid in m² and 亩', async () => {
    const res = await send('POST', '/api/sites', {
      regionCode: '140929',
      name: '岢岚县某铁矿',
      attributes: { kind: 'licensed_mine', licenceNo: 'C1409292010127130012345', holder: '岢岚县某矿业有限公司', mineral: '铁矿', method: 'open_pit', scale: 'small', validFrom: '2019-01-01', validTo: '2024-01-01', elevationTop: 1350, elevationBottom: 1200 },
      geometry: square(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    mineId = s.id;
    expect(s).toMatchObject({ kind: 'licensed_mine', status: 'producing', regionName: '岢岚县', version: 1, sealing: null });
    expect(s.areaM2).toBeGreaterThan(900_000);
    expect(s.areaM2).toBeLessThan(1_100_000);
    expect(s.areaMu).toBeCloseTo(s.areaM2 / (10000 / 15), 6);
    expect(s.bbox[0]).toBeCloseTo(111.14, 9);
  });

  it('computes sealing responsibility for shafts and points, and the grade of a tailings pond', async () => {
    const shaft = await send('POST', '/api/sites', { regionCode: '140929100', name: '某废弃矿井', attributes: { kind: 'abandoned_mine', category: 'protected_area_exit', sealingStatus: 'incomplete' }, geometry: { type: 'Point', coordinates: [111.57, 38.7] } });
    expect(shaft.statusCode, shaft.body).toBe(201);
    expect(shaft.json().sealing).toMatchObject({ party: 'county_government', awaitingDesignation: true, sealingDue: true });
    expect(shaft.json().status).toBe('incomplete');
    const pond = await send('POST', '/api/sites', { regionCode: '140929', name: '某尾矿库', attributes: { kind: 'tailings_pond', capacity10kM3: 1200, damHeightM: 45 }, geometry: null });
    expect(pond.json().tailingsGrade).toBe(3);
  });

  it('refuses to register a site as 已封堵 (that needs the sealing record with a photo), by form or by import', async () => {
    const res = await send('POST', '/api/sites', { regionCode: '140929100', name: '声称已封堵的井', attributes: { kind: 'abandoned_mine', category: 'normal_closure', sealingStatus: 'sealed' }, geometry: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body.attributes.sealingStatus' })]);
  });

  it('lists with filters: kind, status, text, bbox, region; paged with a total', async () => {
    const all = (await send('GET', '/api/sites')).json();
    expect(all.total).toBe(3);
    expect((await send('GET', '/api/sites?kind=abandoned_mine')).json().items.map((s: { name: string }) => s.name)).toEqual(['某废弃矿井']);
    expect((await send('GET', '/api/sites?status=producing')).json().total).toBe(1);
    expect((await send('GET', '/api/sites?q=%25')).json().total).toBe(0);
    expect((await send('GET', `/api/sites?q=${encodeURIComponent('铁矿')}`)).json().total).toBe(1);
    // by licence number and right holder, not only by name
    expect((await send('GET', '/api/sites?q=2010127130')).json().items.map((x: { kind: string }) => x.kind)).toEqual(['licensed_mine']);
    expect((await send('GET', `/api/sites?q=${encodeURIComponent('某矿业有限')}`)).json().total).toBe(1);
    expect((await send('GET', '/api/sites?bbox=111.1,38.6,111.2,38.8')).json().items.map((s: { name: string }) => s.name)).toEqual(['岢岚县某铁矿']);
    expect((await send('GET', '/api/sites?bbox=111.5,38.6,111.6,38.8')).json().items.map((s: { name: string }) => s.name)).toEqual(['某废弃矿井']);
    expect((await send('GET', '/api/sites?region=140929100')).json().total).toBe(1);
    const page = (await send('GET', '/api/sites?limit=2&offset=2')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect((await send('GET', '/api/sites?bbox=2,1,1,2')).statusCode).toBe(400);
  });

  it('updates with the version seen; a stale version is a 409; history has before and after', async () => {
    const cur = (await send('GET', `/api/sites/${mineId}`)).json();
    const attrs = { ...cur.attributes, status: 'suspended' };
    const ok = await send('PATCH', `/api/sites/${mineId}`, { version: 1, attributes: attrs });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, status: 'suspended' });
    const stale = await send('PATCH', `/api/sites/${mineId}`, { version: 1, name: '改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toMatch(/version 1, it is now 2/);
    const hist = (await send('GET', `/api/audit?entityType=site&entityId=${mineId}`)).json();
    expect(hist.map((h: { action: string }) => h.action)).toEqual(['site.update', 'site.create']);
    expect(hist[0].before.attributes.status).toBe('producing');
    expect(hist[0].after.attributes.status).toBe('suspended');
    const kind = await send('PATCH', `/api/sites/${mineId}`, { version: 2, attributes: { kind: 'illegal_point' } });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details[0].path).toBe('body.attributes.kind');
  });

  it('refuses bad geometry naming where, and writes nothing', async () => {
    const before = (await send('GET', '/api/sites')).json().total;
    const open = await send('POST', '/api/sites', { regionCode: '140929', name: 'x', attributes: { kind: 'dump_site', type: 'soil', approved: false }, geometry: { type: 'Polygon', coordinates: [[[111.1, 38.7], [111.2, 38.7], [111.2, 38.8], [111.1, 38.8]]] } });
    expect(open.statusCode).toBe(400);
    expect(open.json().error.details[0]).toMatchObject({ path: 'body.geometry.coordinates.0' });
    expect(open.json().error.message).toMatch(/not closed/);
    const swapped = await send('POST', '/api/sites', { regionCode: '140929', name: 'x', attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [38.7, 111.1] } });
    expect(swapped.statusCode).toBe(400);
    const badAttr = await send('POST', '/api/sites', { regionCode: '140929', name: 'x', attributes: { kind: 'licensed_mine', licenceNo: 'x', holder: 'y', mineral: 'z', method: 'strip' } });
    expect(badAttr.statusCode).toBe(400);
    expect(badAttr.json().error.details.map((d: { path: string }) => d.path)).toContain('body.attributes.method');
    expect((await send('GET', '/api/sites')).json().total).toBe(before);
  });

  it('lets a township cadre update sites of his township only, and a leader none', async () => {
    const cadre = await t.login('kelan.cadre');
    const list = (await send('GET', '/api/sites', undefined, cadre)).json();
    expect(list.items.map((s: { regionCode: string }) => s.regionCode)).toEqual(['140929100']);
    const shaft = list.items[0];
    const cur = (await send('GET', `/api/sites/${shaft.id}`, undefined, cadre)).json();
    // An attribute edit keeps the recorded sealing status: 已封堵 needs the sealing record with a photo.
    const res = await send('PATCH', `/api/sites/${shaft.id}`, { version: cur.version, attributes: { ...cur.attributes, sealingStatus: 'sealed', shaftCount: 3 } }, cadre);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attributes).toMatchObject({ shaftCount: 3, sealingStatus: 'incomplete' });
    expect(res.json().sealing.sealingDue).toBe(true);
    expect((await send('GET', `/api/sites/${mineId}`, undefined, cadre)).statusCode).toBe(404);
    const leader = await t.login('kelan.leader');
    expect((await send('PATCH', `/api/sites/${mineId}`, { version: 2, name: 'x' }, leader)).statusCode).toBe(403);
    expect((await send('POST', '/api/sites', { regionCode: '140929', name: 'x', attributes: { kind: 'illegal_point' } }, leader)).statusCode).toBe(403);
  });
});
