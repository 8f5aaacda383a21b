import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_KINDS } from '@minewatch/core';
import { hashToken } from '../src/auth/auth.service.js';
import { testApp, type TestApp } from './harness.js';

const run = promisify(execFile);

let t: TestApp;
const cookies: Record<string, string> = {};
/** A personal API token of kelan.office (the way a GIS desktop authenticates), and one of the machine user. */
let kelanToken: string;
let machineToken: string;
/** kelan.office's illegal points (id → name), its mines, and 德宏's points. */
const kelanPoints = new Map<string, { name: string; lon: number; lat: number }>();
const kelanMines = new Map<string, string>();
const dehongPoints = new Map<string, string>();

async function token(username: string): Promise<string> {
  const tok = 'mwt_' + randomBytes(32).toString('base64url');
  const u = await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  await t.db.insertInto('api_token').values({ user_id: u.id, name: `ogc test ${username}`, token_hash: hashToken(tok) }).execute();
  return tok;
}

const get = (url: string, as: string | null = 'kelan.office', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(as ? { cookie: cookies[as]! } : {}), ...headers } });

async function create(as: string, payload: object): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie: cookies[as]! }, payload });
  if (res.statusCode !== 201) throw new Error(`fixture: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

const rect = (lon: number, lat: number, d = 0.01) => ({ type: 'Polygon', coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] });
const mine = (n: number, validFrom: string | null, validTo: string | null) => ({
  kind: 'licensed_mine', licenceNo: `C14092920${n}`, holder: `岢岚县测试矿业${n}有限公司`, mineral: '铁矿', method: 'open_pit', validFrom, validTo,
});

beforeAll(async () => {
  t = await testApp();
  for (const u of ['kelan.office', 'dehong.office', 'admin', 'kelan.leader']) cookies[u] = await t.login(u);
  kelanToken = await token('kelan.office');
  machineToken = await token('kelan.power');
  // 23 illegal points on a line across 岢岚县 (so bbox picks a known subset); 3 licence polygons with validity.
  for (let k = 0; k < 23; k++) {
    const lon = 111.3 + k * 0.02, lat = 38.6 + k * 0.01;
    const name = `岢岚盗采点${String(k).padStart(2, '0')}`;
    kelanPoints.set(await create('kelan.office', { regionCode: k % 2 ? '140929100' : '140929', name, attributes: { kind: 'illegal_point', mineral: '铁矿' }, geometry: { type: 'Point', coordinates: [lon, lat] } }), { name, lon, lat });
  }
  for (const [n, from, to] of [[1, '2015-01-01', '2019-12-31'], [2, '2020-01-01', null], [3, null, null]] as const) {
    kelanMines.set(await create('kelan.office', { regionCode: '140929', name: `岢岚测试铁矿${n}`, attributes: mine(n, from, to), geometry: rect(111.5 + n * 0.05, 38.7) }), `岢岚测试铁矿${n}`);
  }
  for (let k = 0; k < 4; k++) {
    const name = `德宏盗采点OGC${k}`;
    dehongPoints.set(await create('dehong.office', { regionCode: '533103', name, attributes: { kind: 'illegal_point' }, geometry: { type: 'Point', coordinates: [98.5 + k * 0.01, 24.4] } }), name);
  }
});
afterAll(() => t?.close());

describe('OGC API – Features: discovery', () => {
  it('answers 401 without a login or with a wrong token, before anything else', async () => {
    for (const url of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/illegal_point', '/ogc/collections/illegal_point/items', `/ogc/collections/illegal_point/items/${[...kelanPoints.keys()][0]}`, '/ogc/collections/nope/items?bogus=1']) {
      const res = await get(url, null);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
      expect((await get(url, null, { authorization: 'Bearer mwt_wrong' })).statusCode).toBe(401);
    }
  });

  it('has a landing page linking the API definition, conformance and the collections, with absolute URLs', async () => {
    const res = await get('/ogc', 'kelan.office', { host: 'gis.example.cn:8443', 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const links = res.json().links as { rel: string; href: string; type: string }[];
    const byRel = Object.fromEntries(links.map((l) => [l.rel, l]));
    expect(byRel['self']!.href).toBe('https://gis.example.cn:8443/ogc');
    expect(byRel['service-desc']!.href).toBe('https://gis.example.cn:8443/api/docs/json');
    expect(byRel['conformance']!.href).toBe('https://gis.example.cn:8443/ogc/conformance');
    expect(byRel['data']!.href).toBe('https://gis.example.cn:8443/ogc/collections');
    // The API definition it points to describes the OGC operations and their parameters.
    const doc = (await t.app.inject('/api/docs/json')).json();
    const items = doc.paths['/ogc/collections/{collectionId}/items'].get;
    expect(items.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['collectionId', 'limit', 'bbox', 'datetime', 'after', 'before']));
    const limit = items.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 10000, default: 100 });
  });

  it('declares the conformance classes it implements', async () => {
    const res = await get('/ogc/conformance');
    expect(res.json()).toEqual({ conformsTo: ['http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core', 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'] });
  });

  it('lists one collection per site kind, titled in Chinese and English, with the extent of the data in the caller’s region', async () => {
    const res = await get('/ogc/collections');
    expect(res.statusCode).toBe(200);
    const cols = res.json().collections as any[];
    expect(cols.map((c) => c.id)).toEqual([...SITE_KINDS]);
    const point = cols.find((c) => c.id === 'illegal_point');
    expect(point.title).toBe('盗采点 Illegal mining point');
    expect(point.links).toEqual(expect.arrayContaining([expect.objectContaining({ rel: 'items', type: 'application/geo+json', href: 'http://localhost/ogc/collections/illegal_point/items' })]));
    // 岢岚's points span 111.30–111.74 E, 38.60–38.82 N; 德宏's at 98.5 E are not in a 岢岚 user's extent.
    const bbox = point.extent.spatial.bbox[0] as number[];
    expect(bbox[0]).toBeCloseTo(111.3, 9);
    expect(bbox[1]).toBeCloseTo(38.6, 9);
    expect(bbox[2]).toBeCloseTo(111.3 + 22 * 0.02, 9);
    expect(bbox[3]).toBeCloseTo(38.6 + 22 * 0.01, 9);
    expect(point.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect(cols.find((c) => c.id === 'camera').extent).toBeUndefined(); // no cameras: no extent
    // 德宏's office sees its own extent only.
    const dehong = (await get('/ogc/collections/illegal_point', 'dehong.office')).json();
    expect(dehong.extent.spatial.bbox[0][0]).toBeCloseTo(98.5, 9);
    expect(dehong.extent.spatial.bbox[0][2]).toBeCloseTo(98.53, 9);
    // The single-collection resource says the same as its entry in the list.
    expect((await get('/ogc/collections/illegal_point')).json()).toEqual(point);
    expect((await get('/ogc/collections/not_a_kind')).statusCode).toBe(404);
    expect((await get('/ogc/collections?f=html')).statusCode).toBe(400);
  });
});

type FC = { type: string; numberMatched: number; numberReturned: number; timeStamp: string; links: { rel: string; href: string; type: string }[]; features: { id: string; geometry: any; properties: any }[] };
const path = (href: string) => new URL(href).pathname + new URL(href).search;

describe('OGC API – Features: items', () => {
  it('serves GeoJSON (application/geo+json) with numberMatched/numberReturned, self and collection links', async () => {
    const res = await get('/ogc/collections/illegal_point/items');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json() as FC;
    expect(fc).toMatchObject({ type: 'FeatureCollection', numberMatched: 23, numberReturned: 23 });
    expect(Date.now() - Date.parse(fc.timeStamp)).toBeLessThan(60_000);
    expect(fc.links.map((l) => l.rel).sort()).toEqual(['collection', 'self']);
    const f = fc.features.find((x) => x.id === [...kelanPoints.keys()][3])!;
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [111.36, 38.63] });
    expect(f.properties).toMatchObject({ name: '岢岚盗采点03', kind: 'illegal_point', kindName: '盗采点', regionCode: '140929100', regionName: '岚漪镇', status: 'unsealed', mineral: '铁矿', sealingStatus: 'unsealed', discoveredOn: null, areaM2: null, version: 1 });
  });

  it('pages by cursor: following next from the first page gives every item exactly once; prev walks back the same pages', async () => {
    let url: string | undefined = '/ogc/collections/illegal_point/items?limit=5';
    const pages: string[][] = [];
    const nextLinks: string[] = [];
    while (url) {
      const fc = (await get(url)).json() as FC;
      expect(fc.numberMatched).toBe(23);
      expect(fc.numberReturned).toBe(fc.features.length);
      expect(fc.features.length).toBeLessThanOrEqual(5);
      pages.push(fc.features.map((f) => f.id));
      const next = fc.links.find((l) => l.rel === 'next');
      if (next) {
        expect(next.type).toBe('application/geo+json');
        expect(next.href).toMatch(/^http:\/\/localhost\/ogc\/collections\/illegal_point\/items\?limit=5&after=/);
        nextLinks.push(next.href);
      }
      url = next && path(next.href);
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    const all = pages.flat();
    expect(new Set(all).size).toBe(23);
    expect(new Set(all)).toEqual(new Set(kelanPoints.keys()));
    // Back from the last page.
    let back: string | undefined = path(nextLinks.at(-1)!);
    const backPages: string[][] = [];
    while (back) {
      const fc = (await get(back)).json() as FC;
      backPages.push(fc.features.map((f) => f.id));
      const prev = fc.links.find((l) => l.rel === 'prev');
      back = prev && path(prev.href);
      expect(backPages.length).toBeLessThan(10);
    }
    expect(backPages).toEqual([...pages].reverse());
  });

  it('filters by bbox (CRS84), paging within the filter', async () => {
    // Points k = 5..9 lie in 111.40–111.48 E, 38.65–38.69 N.
    const want = [...kelanPoints].filter(([, p]) => p.lon >= 111.395 && p.lon <= 111.485).map(([id]) => id);
    expect(want).toHaveLength(5);
    const fc = (await get('/ogc/collections/illegal_point/items?bbox=111.395,38.6,111.485,38.9&limit=2')).json() as FC;
    expect(fc.numberMatched).toBe(5);
    const next = fc.links.find((l) => l.rel === 'next')!;
    expect(new URL(next.href).searchParams.get('bbox')).toBe('111.395,38.6,111.485,38.9');
    const ids = [...fc.features.map((f) => f.id)];
    let url: string | undefined = path(next.href);
    while (url) {
      const page = (await get(url)).json() as FC;
      ids.push(...page.features.map((f) => f.id));
      const n = page.links.find((l) => l.rel === 'next');
      url = n && path(n.href);
    }
    expect(ids.sort()).toEqual(want.sort());
    // 6 numbers (with heights) are accepted; a box crossing the antimeridian is two boxes.
    expect((await get('/ogc/collections/illegal_point/items?bbox=111.395,38.6,0,111.485,38.9,100')).json().numberMatched).toBe(5);
    expect((await get('/ogc/collections/illegal_point/items?bbox=170,-10,100,60')).json().numberMatched).toBe(0);
    expect((await get('/ogc/collections/illegal_point/items?bbox=111.51,-10,-170,60')).json().numberMatched).toBe(12); // k = 11..22
    expect((await get('/ogc/collections/illegal_point/items?bbox=0,0,1,1')).json()).toMatchObject({ numberMatched: 0, numberReturned: 0, features: [] });
  });

  it('filters licensed mines by datetime against the licence validity (calendar days, China time); other kinds have no time', async () => {
    const names = async (dt: string) => ((await get(`/ogc/collections/licensed_mine/items?datetime=${encodeURIComponent(dt)}`)).json() as FC).features.map((f) => f.properties.name).sort();
    expect(await names('2018-06-01T00:00:00Z')).toEqual(['岢岚测试铁矿1', '岢岚测试铁矿3']);
    expect(await names('2024-06-01T00:00:00+08:00')).toEqual(['岢岚测试铁矿2', '岢岚测试铁矿3']);
    // 2019-12-31T20:00Z is already 2020-01-01 in China.
    expect(await names('2019-12-31T20:00:00Z')).toEqual(['岢岚测试铁矿2', '岢岚测试铁矿3']);
    expect(await names('2019-12-31T10:00:00Z')).toEqual(['岢岚测试铁矿1', '岢岚测试铁矿3']);
    expect(await names('../2014-12-31T00:00:00Z')).toEqual(['岢岚测试铁矿3']);
    expect(await names('2019-06-01T00:00:00Z/..')).toEqual(['岢岚测试铁矿1', '岢岚测试铁矿2', '岢岚测试铁矿3']);
    expect(await names('2016-01-01T00:00:00Z/2017-01-01T00:00:00Z')).toEqual(['岢岚测试铁矿1', '岢岚测试铁矿3']);
    expect((await get('/ogc/collections/illegal_point/items?datetime=1990-01-01T00:00:00Z')).json().numberMatched).toBe(23);
  });

  it('refuses bad parameters with 400 naming the parameter (unknown ones too)', async () => {
    for (const [q, param] of [
      ['limit=0', 'limit'],
      ['limit=10001', 'limit'],
      ['limit=abc', 'limit'],
      ['bbox=1,2,3', 'bbox'],
      ['bbox=1,2,x,4', 'bbox'],
      ['bbox=111,39,112,38', 'bbox'],
      ['bbox=111,38,200,39', 'bbox'],
      ['datetime=yesterday', 'datetime'],
      ['datetime=2024-02-30T00:00:00Z', 'datetime'],
      ['datetime=../..', 'datetime'],
      ['datetime=2024-01-02T00:00:00Z/2024-01-01T00:00:00Z', 'datetime'],
      ['after=not-a-uuid', 'after'],
      [`after=${[...kelanPoints.keys()][0]}&before=${[...kelanPoints.keys()][1]}`, 'before'],
      ['f=html', 'f'],
      ['filter=name%3D1', 'filter'],
    ] as const) {
      const res = await get(`/ogc/collections/illegal_point/items?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path).join(' '), q).toContain(`querystring.${param}`);
    }
    expect((await get('/ogc/collections/illegal_point/items?limit=10000')).statusCode).toBe(200);
    expect((await get('/ogc/collections/not_a_kind/items')).statusCode).toBe(404);
  });

  it('serves one feature with self and collection links; another kind, a guessed or malformed id is 404', async () => {
    const [id, p] = [...kelanPoints][0]!;
    const res = await get(`/ogc/collections/illegal_point/items/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const f = res.json();
    expect(f).toMatchObject({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { name: p.name } });
    expect(f.links).toEqual([
      { href: `http://localhost/ogc/collections/illegal_point/items/${id}`, rel: 'self', type: 'application/geo+json', title: p.name },
      { href: 'http://localhost/ogc/collections/illegal_point', rel: 'collection', type: 'application/json', title: '盗采点' },
    ]);
    expect((await get(`/ogc/collections/illegal_point/items/${id.toUpperCase()}`)).statusCode).toBe(200);
    expect((await get(`/ogc/collections/licensed_mine/items/${id}`)).statusCode).toBe(404);
    expect((await get('/ogc/collections/illegal_point/items/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/ogc/collections/illegal_point/items/1')).statusCode).toBe(404);
    const mineId = [...kelanMines.keys()][0]!;
    const m = (await get(`/ogc/collections/licensed_mine/items/${mineId}`)).json();
    expect(m.properties).toMatchObject({ licenceNo: 'C140929201', holder: '岢岚县测试矿业1有限公司', method: 'open_pit', validFrom: '2015-01-01', validTo: '2019-12-31', scale: null });
    expect(m.properties.areaMu).toBeCloseTo(m.properties.areaM2 / (10000 / 15), 9);
    expect(m.geometry.type).toBe('Polygon');
  });
});

describe('OGC API – Features: region scope and authentication', () => {
  it('never shows a 岢岚 user a 德宏 site: not in items, not by id, not in the extent', async () => {
    for (const as of ['kelan.office', 'kelan.leader']) {
      const fc = (await get('/ogc/collections/illegal_point/items?limit=10000', as)).json() as FC;
      expect(fc.numberMatched).toBe(23);
      expect(fc.features.every((f) => f.properties.regionCode.startsWith('140929'))).toBe(true);
      const body = JSON.stringify(fc);
      for (const [id, name] of dehongPoints) {
        expect(body).not.toContain(name);
        expect(body).not.toContain(id);
        expect((await get(`/ogc/collections/illegal_point/items/${id}`, as)).statusCode).toBe(404);
      }
      expect((await get('/ogc/collections/illegal_point/items?bbox=98,24,99,25', as)).json().numberMatched).toBe(0);
    }
    // Positive controls: 德宏 sees its own and not 岢岚's; the platform admin sees both.
    const dehong = (await get('/ogc/collections/illegal_point/items', 'dehong.office')).json() as FC;
    expect(new Set(dehong.features.map((f) => f.id))).toEqual(new Set(dehongPoints.keys()));
    expect((await get(`/ogc/collections/illegal_point/items/${[...dehongPoints.keys()][0]}`, 'dehong.office')).statusCode).toBe(200);
    expect((await get('/ogc/collections/illegal_point/items', 'admin')).json().numberMatched).toBe(27);
  });

  it('accepts an API token as Authorization: Bearer; the machine role may not read sites', async () => {
    const res = await get('/ogc/collections/illegal_point/items', null, { authorization: `Bearer ${kelanToken}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().numberMatched).toBe(23);
    const machine = await get('/ogc/collections', null, { authorization: `Bearer ${machineToken}` });
    expect(machine.statusCode).toBe(403);
    expect(machine.json().error.code).toBe('FORBIDDEN');
  });
});

/** GDAL's OAPIF driver (Debian gdal-bin) against a real listening server: the interoperability test. */
describe('GDAL ogrinfo reads /ogc', () => {
  let base: string;
  beforeAll(async () => {
    if (!existsSync('/usr/bin/ogrinfo')) throw new Error('ogrinfo missing: apt-get install -y gdal-bin (.ci/run does this)');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });

  /** ogrinfo in a child process (async: the server answers from this process's event loop). */
  const ogrinfo = async (args: string[], env: Record<string, string>) => {
    const { stdout, stderr } = await run('ogrinfo', args, { env: { ...process.env, ...env, CPL_DEBUG: 'OFF' }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    return stdout + stderr;
  };
  const bearer = () => ({ GDAL_HTTP_HEADERS: `Authorization: Bearer ${kelanToken}` });

  it('lists the collections as layers (GDAL_HTTP_HEADERS with a Bearer token)', async () => {
    expect((await ogrinfo(['--version'], {}))).toMatch(/^GDAL \d+\.\d+/);
    const out = await ogrinfo(['-ro', '-so', `OAPIF:${base}/ogc`], bearer());
    for (const [k, kind] of SITE_KINDS.entries()) expect(out).toContain(`${k + 1}: ${kind}`);
    expect(out).toContain('3: illegal_point (title: 盗采点 Illegal mining point) (Point)');
    expect(out).toContain('1: licensed_mine (title: 有证矿山 Licensed mine) (Polygon)');
  });

  it('reads a layer page by page through the next links: every feature, the right count and extent, nothing of 德宏', async () => {
    const summary = await ogrinfo(['-ro', '-so', `OAPIF:${base}/ogc`, 'illegal_point'], bearer());
    expect(summary).toContain('Feature Count: 23');
    expect(summary).toMatch(/Extent: \(111\.300000, 38\.600000\) - \(111\.740000, 38\.820000\)/);
    // PAGE_SIZE=4: six requests following next links.
    const out = await ogrinfo(['-ro', '-oo', 'PAGE_SIZE=4', `OAPIF:${base}/ogc`, 'illegal_point'], bearer());
    expect(out.match(/^OGRFeature\(illegal_point\):/gm)).toHaveLength(23);
    for (const { name } of kelanPoints.values()) expect(out).toContain(`name (String) = ${name}`);
    for (const name of dehongPoints.values()) expect(out).not.toContain(name);
    expect(out).toContain('POINT (111.3 38.6)');
    const mines = await ogrinfo(['-ro', `OAPIF:${base}/ogc`, 'licensed_mine'], bearer());
    expect(mines.match(/^OGRFeature\(licensed_mine\):/gm)).toHaveLength(3);
    expect(mines).toContain('licenceNo (String) = C140929201');
    expect(mines).toMatch(/POLYGON \(\(111\.55 38\.7,/);
  });

  it('applies a spatial filter as bbox (ogrinfo -spat)', async () => {
    const out = await ogrinfo(['-ro', '-spat', '111.395', '38.6', '111.485', '38.9', `OAPIF:${base}/ogc`, 'illegal_point'], bearer());
    expect(out.match(/^OGRFeature\(illegal_point\):/gm)).toHaveLength(5);
    expect(out).toContain('岢岚盗采点05');
    expect(out).toContain('岢岚盗采点09');
    expect(out).not.toContain('岢岚盗采点10');
  });

  it('works with the session cookie too, and fails without credentials', async () => {
    const withCookie = await ogrinfo(['-ro', '-so', `OAPIF:${base}/ogc`, 'illegal_point'], { GDAL_HTTP_COOKIE: cookies['dehong.office']! });
    expect(withCookie).toContain('Feature Count: 4');
    await expect(ogrinfo(['-ro', '-so', `OAPIF:${base}/ogc`], {})).rejects.toThrow(/401|Unable to open/);
  });
});
