import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simplifyRing, vertexCount } from '../src/modules/sites/map-simplify.js';
import { SHAPE_LIMIT, SITE_LIMIT } from '../src/modules/sites/sites.map.js';
import { testApp, type TestApp } from './harness.js';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

const get = (url: string, cookie = office) => t.app.inject({ method: 'GET', url, headers: { cookie } });

/** A ring of n vertices on a circle of radius r degrees around (lon, lat), closed. */
const circle = (lon: number, lat: number, r: number, n: number) => {
  const ring = Array.from({ length: n }, (_, i) => [lon + r * Math.cos((2 * Math.PI * i) / n), lat + r * Math.sin((2 * Math.PI * i) / n)]);
  return [...ring, ring[0]!];
};
/** The whole of 岢岚县 and around. */
const VIEW = '111.0,38.5,111.9,38.9';

describe('GET /api/sites/map (一张图 layer)', () => {
  let pitId: string;
  let pointId: string;
  beforeAll(async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie: office }, payload });
    const pit = await post({ regionCode: '140929', name: '地图测试尾矿坑', attributes: { kind: 'tailing_pit', owned: false }, geometry: { type: 'Polygon', coordinates: [circle(111.3, 38.7, 0.01, 720)] } });
    expect(pit.statusCode, pit.body).toBe(201);
    pitId = pit.json().id;
    const point = await post({ regionCode: '140929100', name: '地图测试盗采点', attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [111.5, 38.75] } });
    expect(point.statusCode, point.body).toBe(201);
    pointId = point.json().id;
  });

  it('answers the sites in the view with light fields; no outline below zoom 8', async () => {
    const res = await get(`/api/sites/map?bbox=${VIEW}&zoom=7`);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ mode: 'sites', total: 2, cells: [], shapesOmitted: false, byKind: { tailing_pit: 1, illegal_point: 1 } });
    const pit = m.sites.find((s: { id: string }) => s.id === pitId);
    expect(pit).toMatchObject({ name: '地图测试尾矿坑', kind: 'tailing_pit', status: 'not_started', regionName: '岢岚县', area: true, shape: null });
    expect(pit.center[0]).toBeCloseTo(111.3, 6);
    expect(pit.center[1]).toBeCloseTo(38.7, 6);
    expect(pit.bbox[0]).toBeCloseTo(111.29, 6);
    expect(pit.bbox[3]).toBeCloseTo(38.71, 6);
    const point = m.sites.find((s: { id: string }) => s.id === pointId);
    expect(point).toMatchObject({ area: false, shape: null, center: [111.5, 38.75], bbox: [111.5, 38.75, 111.5, 38.75], regionCode: '140929100', regionName: '岚漪镇' });
    expect(Object.keys(point).sort()).toEqual(['area', 'bbox', 'center', 'id', 'kind', 'name', 'regionCode', 'regionName', 'shape', 'status']);
  });

  it('sends outlines from zoom 8, simplified to half a pixel: fewer vertices at lower zoom, rings stay closed', async () => {
    const near = (await get(`/api/sites/map?bbox=${VIEW}&zoom=16`)).json();
    const mid = (await get(`/api/sites/map?bbox=${VIEW}&zoom=10`)).json();
    const at = (m: { sites: { id: string; shape: unknown }[] }) => m.sites.find((s) => s.id === pitId)!.shape as { type: string; coordinates: number[][][] };
    expect(at(near).type).toBe('Polygon');
    const n16 = vertexCount(at(near));
    const n10 = vertexCount(at(mid));
    // 0.01° radius is ~70 px at zoom 10: a few dozen vertices draw it; at zoom 16 nearly all 721 are kept
    expect(n10).toBeLessThan(120);
    expect(n10).toBeGreaterThan(8);
    expect(n16).toBeGreaterThan(n10);
    expect(n16).toBeLessThanOrEqual(721);
    for (const shape of [at(near), at(mid)]) {
      const ring = shape.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
    // the point has no outline at any zoom
    expect(near.sites.find((s: { id: string }) => s.id === pointId).shape).toBeNull();
  });

  it('filters by the kinds shown while counting every kind for the legend; the view box limits', async () => {
    const pits = (await get(`/api/sites/map?bbox=${VIEW}&zoom=9&kinds=tailing_pit`)).json();
    expect(pits.sites.map((s: { id: string }) => s.id)).toEqual([pitId]);
    expect(pits.total).toBe(1);
    expect(pits.byKind).toEqual({ tailing_pit: 1, illegal_point: 1 });
    const none = (await get(`/api/sites/map?bbox=${VIEW}&zoom=9&kinds=`)).json();
    expect(none).toMatchObject({ total: 0, sites: [] });
    const east = (await get('/api/sites/map?bbox=111.45,38.7,111.6,38.8&zoom=12')).json();
    expect(east.sites.map((s: { id: string }) => s.id)).toEqual([pointId]);
    const township = (await get(`/api/sites/map?bbox=${VIEW}&zoom=9&region=140929100`)).json();
    expect(township.sites.map((s: { id: string }) => s.id)).toEqual([pointId]);
    // only the given sites (what an import just registered)
    const only = (await get(`/api/sites/map?bbox=${VIEW}&zoom=9&ids=${pitId}`)).json();
    expect(only.sites.map((s: { id: string }) => s.id)).toEqual([pitId]);
    expect(only.byKind).toEqual({ tailing_pit: 1 });
  });

  it('refuses bad parameters with the field named', async () => {
    for (const [q, path] of [
      ['bbox=1,2,3&zoom=5', 'querystring.bbox'],
      ['bbox=112,38,111,39&zoom=5', 'querystring.bbox'],
      ['bbox=111,38,112,39', 'querystring.zoom'],
      ['bbox=111,38,112,39&zoom=30', 'querystring.zoom'],
      ['bbox=111,38,112,39&zoom=5&kinds=gold_mine', 'querystring.kinds'],
      ['bbox=111,38,112,39&zoom=5&ids=1,2', 'querystring.ids.0'],
    ] as const) {
      const res = await get(`/api/sites/map?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path), q).toContain(path);
    }
  });

  it('never shows another region: 德宏 office sees nothing in 岢岚, a region outside the scope is 404', async () => {
    const dehong = await t.login('dehong.office');
    const res = await get(`/api/sites/map?bbox=${VIEW}&zoom=9`, dehong);
    expect(res.json()).toMatchObject({ total: 0, sites: [], byKind: {} });
    expect((await get(`/api/sites/map?bbox=${VIEW}&zoom=9&region=140929`, dehong)).statusCode).toBe(404);
    expect((await get(`/api/sites/map?bbox=${VIEW}&zoom=9`, '')).statusCode).toBe(401);
  });

  it(`past ${SITE_LIMIT} sites in view answers grid cells whose counts add up; past ${SHAPE_LIMIT} areas no outlines`, async () => {
    // 2,500 small squares spread over 岢岚 (inserted directly: this test is about reading a large layer)
    await sql`
      insert into site (region_code, kind, name, attributes, geometry, bbox, area_m2, status)
      select '140929', 'tailing_pit', '批量尾矿坑' || g, '{"kind":"tailing_pit","owned":false}'::jsonb,
             jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
               jsonb_build_array(x, y), jsonb_build_array(x + 0.001, y), jsonb_build_array(x + 0.001, y + 0.001),
               jsonb_build_array(x, y + 0.001), jsonb_build_array(x, y)))),
             box(point(x, y), point(x + 0.001, y + 0.001)), 10000, 'not_started'
      from (select g, 111.1 + (g % 50) * 0.012 as x, 38.55 + (g / 50) * 0.006 as y from generate_series(0, 2499) g) s`.execute(t.db);
    const grid = (await get(`/api/sites/map?bbox=${VIEW}&zoom=9`)).json();
    expect(grid.mode).toBe('grid');
    expect(grid.total).toBe(2502);
    expect(grid.sites).toEqual([]);
    expect(grid.cells.length).toBeGreaterThan(4);
    expect(grid.cells.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(2502);
    for (const c of grid.cells) {
      expect(c.center[0]).toBeGreaterThanOrEqual(c.bbox[0]);
      expect(c.center[0]).toBeLessThanOrEqual(c.bbox[2]);
    }
    // zoomed in on a part with 600 of them: sites again, but too many areas for outlines
    const part = (await get('/api/sites/map?bbox=111.09,38.549,111.70,38.621&zoom=9')).json();
    expect(part.mode).toBe('sites');
    expect(part.total).toBeGreaterThan(SHAPE_LIMIT);
    expect(part.total).toBeLessThanOrEqual(SITE_LIMIT);
    expect(part.shapesOmitted).toBe(true);
    expect(part.sites.every((s: { shape: unknown }) => s.shape === null)).toBe(true);
    // and fewer: outlines
    const few = (await get('/api/sites/map?bbox=111.09,38.549,111.15,38.56&zoom=12')).json();
    expect(few.total).toBeGreaterThan(0);
    expect(few.total).toBeLessThanOrEqual(SHAPE_LIMIT);
    expect(few.shapesOmitted).toBe(false);
    expect(few.sites.every((s: { shape: unknown }) => s.shape !== null)).toBe(true);
  });
});

describe('simplifyRing', () => {
  it('keeps a closed ring of at least 4 positions and drops what the tolerance hides', () => {
    const ring = circle(0, 0, 1, 1000);
    const out = simplifyRing(ring, 0.01);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out.length).toBeLessThan(60);
    expect(out.length).toBeGreaterThanOrEqual(4);
    // a ring the tolerance would collapse keeps its own vertices
    const tiny = circle(0, 0, 1e-6, 10);
    expect(simplifyRing(tiny, 1)).toEqual(tiny);
    // every kept vertex is an original one
    const set = new Set(ring.map((p) => p.join(',')));
    expect(out.every((p) => set.has(p.join(',')))).toBe(true);
  });
});
