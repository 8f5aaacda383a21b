import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Point, Polygon } from 'geojson';
import { gcj02ToWgs84, parseCornerPoints, parseDatumTransform, readShapefileZip, bd09ToWgs84 } from '@minewatch/geo';
import { multipart, testApp, type TestApp } from './harness.js';

const GEO = new URL('../../geo/test/', import.meta.url);
const fixture = (p: string) => readFileSync(new URL(p, GEO));
const TRANSFORMS = JSON.parse(fixture('in/datum-transforms.json').toString()) as Record<string, { transform: unknown }>;
const KELAN = 'datum-xian80-land-kelan.txt';
const kelanDatum = JSON.stringify(TRANSFORMS[KELAN]!.transform);

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

const upload = (fields: Record<string, string>, file: { name: string; bytes: Buffer }) => {
  const m = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: '/api/sites/import', payload: m.payload, headers: { ...m.headers, cookie: office } });
};
const commit = (previewId: string) => t.app.inject({ method: 'POST', url: `/api/sites/import/${previewId}/commit`, headers: { cookie: office } });
const site = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/sites/${id}`, headers: { cookie: office } })).json();
const siteCount = async () => (await sql<{ n: number }>`select count(*)::int as n from site`.execute(t.db)).rows[0]!.n;

describe("geometry import with a Xi'an 80 / Beijing 54 transformation (datum field)", () => {
  it('refuses the old datum without a transformation, then registers it converted with one', async () => {
    const before = await siteCount();
    const file = { name: KELAN, bytes: fixture(`in/${KELAN}`) };
    const refused = await upload({ regionCode: '140929', kind: 'temporary_land' }, file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ path: 'body.file.line.5' });
    expect(refused.json().error.message).toMatch(/坐标系 "1980西安坐标系" is not CGCS2000: .*none is guessed/);

    const preview = await upload({ regionCode: '140929', kind: 'temporary_land', datum: kelanDatum }, file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().items[0]).toMatchObject({ name: '采矿用地二号地块', geometryType: 'Polygon' });
    expect(await siteCount()).toBe(before);
    const done = await commit(preview.json().previewId);
    expect(done.statusCode, done.body).toBe(201);
    const stored = (await site(done.json().ids[0])).geometry as Polygon;
    const [want] = parseCornerPoints(fixture(`in/${KELAN}`).toString(), { datum: parseDatumTransform(TRANSFORMS[KELAN]!.transform) });
    const w = (want!.geometry as Polygon).coordinates.flat(1);
    const g = stored.coordinates.flat(1);
    expect(g).toHaveLength(w.length);
    g.forEach((p, k) => {
      expect(p[0]).toBeCloseTo(w[k]![0]!, 9);
      expect(p[1]).toBeCloseTo(w[k]![1]!, 9);
    });
  });

  it('reads a Xi’an 1980 Shapefile with the transformation', async () => {
    const datum = { type: '7-parameter', from: 'xian80', dx: 31.42, dy: -126.35, dz: -47.18, rx: -1.8432, ry: 2.2917, rz: -3.0841, scale: 4.3126, convention: 'position-vector' };
    const zip = fixture('readers/in/shp/err-xian80.zip');
    const res = await upload({ regionCode: '140929', kind: 'illegal_point', datum: JSON.stringify(datum) }, { name: 'err-xian80.zip', bytes: zip });
    expect(res.statusCode, res.body).toBe(200);
    const direct = await readShapefileZip(new Uint8Array(zip), { datum: parseDatumTransform(datum) });
    expect(res.json().count).toBe(direct.features.length);
  });

  it('names the datum field and its units when the transformation is wrong, and writes nothing', async () => {
    const before = await siteCount();
    const file = { name: KELAN, bytes: fixture(`in/${KELAN}`) };
    const incomplete = await upload({ regionCode: '140929', kind: 'temporary_land', datum: '{"type":"7-parameter","from":"xian80","dx":31.42,"dy":-126.35,"dz":-47.18,"convention":"coordinate-frame"}' }, file);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details).toEqual([
      { path: 'body.datum', message: expect.stringMatching(/^datum\.rx is missing: the rotation about the geocentric X axis in arc-seconds .*; datum\.scale is missing: the scale difference in ppm/) },
    ]);
    const notJson = await upload({ regionCode: '140929', kind: 'temporary_land', datum: '{dx: 1}' }, file);
    expect(notJson.json().error.details[0]).toMatchObject({ path: 'body.datum', message: expect.stringMatching(/^datum must be JSON/) });
    const beijing = JSON.stringify({ ...(TRANSFORMS[KELAN]!.transform as object), from: 'beijing54' });
    const mismatch = await upload({ regionCode: '140929', kind: 'temporary_land', datum: beijing }, file);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.message).toMatch(/坐标系 "1980西安坐标系" names Xi'an 1980 \(1980西安坐标系\), but the transformation supplied is from Beijing 1954/);
    const cgcs = await upload({ regionCode: '140929', kind: 'temporary_land', datum: kelanDatum }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') });
    expect(cgcs.json().error.message).toMatch(/is CGCS2000, but a transformation from Xi'an 1980 was supplied: remove it/);
    const kml = await upload({ regionCode: '140929', kind: 'illegal_point', datum: kelanDatum }, { name: 'kelan.kml', bytes: fixture('readers/in/kml/kelan.kml') });
    expect(kml.json().error.details[0]).toMatchObject({ path: 'body.datum', message: expect.stringMatching(/KML is WGS 84/) });
    expect(await siteCount()).toBe(before);
  });
});

describe('geometry import of Amap / Baidu coordinates (sourceCrs field)', () => {
  const point = (lon: number, lat: number) => Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '高德标注盗采点' }, geometry: { type: 'Point', coordinates: [lon, lat] } }] }));

  it('stores GCJ-02 input as WGS 84 (hundreds of metres from the numbers given)', async () => {
    const res = await upload({ regionCode: '140929', kind: 'illegal_point', sourceCrs: 'gcj02' }, { name: 'amap.geojson', bytes: point(111.1123, 38.7056) });
    expect(res.statusCode, res.body).toBe(200);
    const done = await commit(res.json().previewId);
    expect(done.statusCode, done.body).toBe(201);
    const stored = (await site(done.json().ids[0])).geometry as Point;
    const [lon, lat] = gcj02ToWgs84(111.1123, 38.7056);
    expect(stored.coordinates[0]).toBeCloseTo(lon, 9);
    expect(stored.coordinates[1]).toBeCloseTo(lat, 9);
    expect(Math.abs(stored.coordinates[0]! - 111.1123) * 87_000).toBeGreaterThan(100); // metres east–west at 38.7°N
  });

  it('converts BD-09 KML too, and refuses a map offset for corner points or an unknown one', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>百度标注点</name><Point><coordinates>111.1187,38.7118</coordinates></Point></Placemark></Document></kml>`;
    const res = await upload({ regionCode: '140929', kind: 'illegal_point', sourceCrs: 'bd09' }, { name: 'baidu.kml', bytes: Buffer.from(kml) });
    expect(res.statusCode, res.body).toBe(200);
    const done = await commit(res.json().previewId);
    const stored = (await site(done.json().ids[0])).geometry as Point;
    const [lon, lat] = bd09ToWgs84(111.1187, 38.7118);
    expect(stored.coordinates[0]).toBeCloseTo(lon, 9);
    expect(stored.coordinates[1]).toBeCloseTo(lat, 9);

    const txt = await upload({ regionCode: '140929', kind: 'illegal_point', sourceCrs: 'gcj02' }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') });
    expect(txt.statusCode).toBe(400);
    expect(txt.json().error.details[0]).toMatchObject({ path: 'body.sourceCrs' });
    const unknown = await upload({ regionCode: '140929', kind: 'illegal_point', sourceCrs: 'wgs84' }, { name: 'amap.geojson', bytes: point(111.1, 38.7) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('body.sourceCrs');
  });
});
