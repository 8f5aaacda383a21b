import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCode } from '../src/modules/regions/boundaries.import.js';
import { vertexCount } from '../src/modules/sites/map-simplify.js';
import { multipart, testApp, type TestApp } from './harness.js';

/**
 * Region boundaries for the map base layer, uploaded from official files. Every polygon here is a
 * synthetic test shape, not a real boundary.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/boundary/', import.meta.url));
const squaresZip = readFileSync(FIXTURES + 'test-squares-4525.zip');
const squaresSrc = JSON.parse(readFileSync(FIXTURES + 'src/test-squares.geojson', 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] };

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

/** A closed ring of n vertices around (lon, lat), radius r degrees. */
const ring = (lon: number, lat: number, r: number, n: number) => {
  const pts = Array.from({ length: n }, (_, i) => [lon + r * Math.cos((2 * Math.PI * i) / n), lat + r * 0.8 * Math.sin((2 * Math.PI * i) / n)]);
  return [...pts, pts[0]!];
};
const fc = (...geometries: object[]) => ({ type: 'FeatureCollection', features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { name: `测试${i}` }, geometry })) });
const file = (name: string, value: unknown) => ({ name, bytes: Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });

const put = (code: string, fields: Record<string, string>, f?: { name: string; bytes: Buffer }, cookie = office) => {
  const m = multipart(fields, f);
  return t.app.inject({ method: 'PUT', url: `/api/org/regions/${code}/boundary`, headers: { cookie, ...m.headers }, payload: m.payload });
};
const get = (url: string, cookie = office) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const detailPaths = (res: { json(): any }) => (res.json().error.details as { path: string }[]).map((d) => d.path);

describe('region boundaries (map base layer)', () => {
  it('stores an uploaded GeoJSON boundary for the county, serves it in full and in the layer, audited with its digest', async () => {
    const res = await put('140929', { source: '测试：县自然资源局 2023' }, file('岢岚县.geojson', fc({ type: 'Polygon', coordinates: [ring(111.55, 38.7, 0.3, 2000)] })));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ skipped: 0, updated: [{ regionCode: '140929', regionName: '岢岚县', level: 'county', source: '测试：县自然资源局 2023', fileName: '岢岚县.geojson', vertices: 2001, uploadedBy: 'kelan.office' }] });
    expect(res.json().updated[0].bbox[0]).toBeCloseTo(111.25, 6);

    const full = (await get('/api/org/regions/140929/boundary')).json();
    expect(full.geometry.type).toBe('Polygon');
    expect(vertexCount(full.geometry)).toBe(2001);

    const layer = (await get('/api/org/boundaries?region=140929&zoom=8')).json();
    expect(layer.type).toBe('FeatureCollection');
    expect(layer.features).toHaveLength(1);
    expect(layer.features[0].properties).toEqual({ code: '140929', name: '岢岚县', level: 'county' });
    const low = vertexCount(layer.features[0].geometry);
    const high = vertexCount((await get('/api/org/boundaries?region=140929&zoom=16')).json().features[0].geometry);
    expect(low).toBeLessThan(400); // half a pixel at zoom 8 is ~0.0009°
    expect(high).toBeGreaterThan(low);
    // outside the view box: nothing
    expect((await get('/api/org/boundaries?bbox=100,30,101,31&zoom=8')).json().features).toEqual([]);

    const audit = (await get('/api/audit?entityType=region&entityId=140929')).json() as { action: string; after: any; before: any }[];
    const ev = audit.find((e) => e.action === 'region.boundary')!;
    expect(ev.after).toMatchObject({ source: '测试：县自然资源局 2023', fileName: '岢岚县.geojson', vertices: 2001, features: 1 });
    expect(ev.after.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ev.before).toBeNull();
  });

  it('replaces a boundary on re-upload; the audit keeps what it replaced', async () => {
    const res = await put('140929', { source: '测试：第二版' }, file('v2.json', fc({ type: 'Polygon', coordinates: [ring(111.55, 38.7, 0.3, 100)] })));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated[0]).toMatchObject({ source: '测试：第二版', vertices: 101 });
    const audit = (await get('/api/audit?entityType=region&entityId=140929')).json() as { action: string; after: any; before: any }[];
    const latest = audit.filter((e) => e.action === 'region.boundary').find((e) => e.after.source === '测试：第二版')!;
    expect(latest.before).toMatchObject({ source: '测试：县自然资源局 2023', vertices: 2001 });
  });

  it('loads every township of a zipped Shapefile in CGCS2000 Gauss–Krüger by its code field; codes elsewhere are skipped', async () => {
    const res = await put('140929', { source: '测试：乡镇界线', codeField: 'XZQDM' }, file('乡镇界线.zip', squaresZip));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.skipped).toBe(1);
    expect(body.updated.map((u: { regionCode: string; regionName: string }) => [u.regionCode, u.regionName])).toEqual([
      ['140929100', '岚漪镇'],
      ['140929101', '三井镇'],
    ]);
    // Gauss–Krüger back to lon/lat: the corners are those of the source squares (to 1e-7°, ~1 cm)
    const a = (await get('/api/org/regions/140929100/boundary')).json();
    const src = squaresSrc.features[0]!.geometry.coordinates[0]!;
    const got = (a.geometry.coordinates as number[][][])[0]!;
    for (const p of src) expect(got.some((q) => Math.abs(q[0]! - p[0]!) < 1e-7 && Math.abs(q[1]! - p[1]!) < 1e-7), `corner ${p}`).toBe(true);
    // the county layer now has the county and its two townships, county first
    const layer = (await get('/api/org/boundaries?region=140929&zoom=10')).json();
    expect(layer.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['140929', '140929100', '140929101']);
    // a township's layer has only itself
    expect((await get('/api/org/boundaries?region=140929101')).json().features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['140929101']);
  });

  it('refuses bad files and fields with the feature or field named, and writes nothing', async () => {
    const before = (await get('/api/org/regions/140929/boundary')).json();
    const cases: [Record<string, string>, { name: string; bytes: Buffer } | undefined, string, RegExp][] = [
      [{ source: '测试' }, file('p.geojson', fc({ type: 'Point', coordinates: [111.5, 38.7] })), 'body.file.features.0', /polygons only/],
      [{ source: '测试' }, file('unclosed.geojson', fc({ type: 'Polygon', coordinates: [[[111.5, 38.7], [111.6, 38.7], [111.6, 38.8], [111.5, 38.8]]] })), 'body.file.features.0.ring.0', /not closed/],
      [{ source: '测试', codeField: 'XZQDM' }, file('nocode.geojson', fc({ type: 'Polygon', coordinates: [ring(111.5, 38.7, 0.01, 8)] })), 'body.file.features.0', /has no attribute XZQDM/],
      [{ source: '测试', codeField: 'name' }, file('badcode.geojson', fc({ type: 'Polygon', coordinates: [ring(111.5, 38.7, 0.01, 8)] })), 'body.file.features.0', /not a GB\/T 2260 code/],
      [{ source: '测试', codeField: 'XZQDM' }, file('elsewhere.zip', squaresZip), 'body.codeField', /within/],
      [{ source: '测试' }, file('b.txt', 'x'), 'body.file', /unsupported file type/],
      [{ source: '测试' }, undefined, 'body.file', /.*/],
      [{}, file('a.geojson', fc({ type: 'Polygon', coordinates: [ring(111.5, 38.7, 0.01, 8)] })), 'body.source', /.*/],
      [{ source: '测试', colour: 'red' }, file('a.geojson', fc({ type: 'Polygon', coordinates: [ring(111.5, 38.7, 0.01, 8)] })), 'body.colour', /.*/],
    ];
    for (const [fields, f, path, message] of cases) {
      // 'elsewhere.zip' is uploaded for a township none of its features lies in
      const res = await put(f?.name === 'elsewhere.zip' ? '140929202' : '140929', fields, f);
      expect(res.statusCode, `${f?.name}: ${res.body}`).toBe(400);
      expect(detailPaths(res), f?.name).toContain(path);
      expect(res.json().error.message, f?.name).toMatch(message);
    }
    // a code inside the county that is no region
    const unknown = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { DM: '140929999' }, geometry: { type: 'Polygon', coordinates: [ring(111.5, 38.7, 0.01, 8)] } }] };
    const res = await put('140929', { source: '测试', codeField: 'DM' }, file('u.geojson', unknown));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'body.file.features.0', message: expect.stringMatching(/140929999 is not a known region code/) });
    expect((await get('/api/org/regions/140929/boundary')).json()).toEqual(before);
  });

  it('keeps regions apart: no upload outside the scope, no reading of another region, no writing as a leader', async () => {
    const square = file('s.geojson', fc({ type: 'Polygon', coordinates: [ring(98.6, 24.4, 0.05, 8)] }));
    expect((await put('533100', { source: '测试' }, square)).statusCode).toBe(404);
    const leader = await t.login('kelan.leader');
    expect((await put('140929', { source: '测试' }, square, leader)).statusCode).toBe(403);
    expect((await get('/api/org/regions/140929/boundary', leader)).statusCode).toBe(200);
    const dehong = await t.login('dehong.office');
    expect((await get('/api/org/regions/140929/boundary', dehong)).statusCode).toBe(404);
    expect((await get('/api/org/boundaries', dehong)).json().features).toEqual([]);
    expect((await get('/api/org/boundaries?region=140929', dehong)).statusCode).toBe(404);
    expect((await get('/api/org/regions/533100/boundary', dehong)).statusCode).toBe(404); // none uploaded
  });

  it('normalises the code forms boundary files use', () => {
    expect(normaliseCode('140929000000')).toBe('140929');
    expect(normaliseCode('140929100000')).toBe('140929100');
    expect(normaliseCode(140929)).toBe('140929');
    expect(normaliseCode(' 140929101 ')).toBe('140929101');
    expect(normaliseCode('140929100201')).toBe('140929100201');
    expect(normaliseCode('14092')).toBeNull();
    expect(normaliseCode('岢岚')).toBeNull();
    expect(normaliseCode(null)).toBeNull();
  });
});
