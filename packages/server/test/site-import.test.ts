import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { multipart, testApp, type TestApp } from './harness.js';

const GEO = new URL('../../geo/test/', import.meta.url);
const fixture = (p: string) => readFileSync(new URL(p, GEO));

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

const upload = (fields: Record<string, string>, file?: { name: string; bytes: Buffer }, cookie = office) => {
  const m = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: '/api/sites/import', payload: m.payload, headers: { ...m.headers, cookie } });
};
const siteCount = async () => (await sql<{ n: number }>`select count(*)::int as n from site`.execute(t.db)).rows[0]!.n;

describe('geometry import: preview, then commit all or nothing (S3)', () => {
  it('previews a zipped Shapefile in CGCS2000 GK with GBK attributes, then registers every feature', async () => {
    const before = await siteCount();
    const res = await upload({ regionCode: '140929', kind: 'tailing_pit', attributes: JSON.stringify({ owned: false }) }, { name: 'kelan-4525-gbk.zip', bytes: fixture('readers/in/shp/kelan-4525-gbk.zip') });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.count).toBeGreaterThan(0);
    expect(p.items[0].name).toMatch(/岢岚|TB/);
    expect(p.totalAreaMu).toBeGreaterThan(0);
    expect(await siteCount()).toBe(before);

    const other = await t.login('kelan.cadre');
    expect((await t.app.inject({ method: 'POST', url: `/api/sites/import/${p.previewId}/commit`, headers: { cookie: other } })).statusCode).toBe(404);
    const commit = await t.app.inject({ method: 'POST', url: `/api/sites/import/${p.previewId}/commit`, headers: { cookie: office } });
    expect(commit.statusCode, commit.body).toBe(201);
    expect(commit.json().created).toBe(p.count);
    expect(await siteCount()).toBe(before + p.count);
    const again = await t.app.inject({ method: 'POST', url: `/api/sites/import/${p.previewId}/commit`, headers: { cookie: office } });
    expect(again.statusCode).toBe(404);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_event where action = 'site.create' and after->>'importedFrom' = 'kelan-4525-gbk.zip'`.execute(t.db);
    expect(audit.rows[0]!.n).toBe(p.count);
  });

  it('reads licence corner-point text with the zone from its header, and KML', async () => {
    const txt = await upload({ regionCode: '140929', kind: 'temporary_land' }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') });
    expect(txt.statusCode, txt.body).toBe(200);
    expect(txt.json().items[0]).toMatchObject({ name: '临时用地一号地块', geometryType: 'Polygon' });
    expect(txt.json().items[0].areaMu).toBeCloseTo(172.5, 0);
    const kml = await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'kelan.kml', bytes: fixture('readers/in/kml/kelan.kml') });
    expect(kml.statusCode, kml.body).toBe(200);
  });

  it('rejects a bad file naming the feature and why, writing nothing', async () => {
    const before = await siteCount();
    const bad = await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'err-self-intersection.zip', bytes: fixture('readers/in/shp/err-self-intersection.zip') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/^body\.file\.features\.\d+/);
    expect(bad.json().error.message).toMatch(/intersects itself/);
    const xian = await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'err-xian80.zip', bytes: fixture('readers/in/shp/err-xian80.zip') });
    expect(xian.statusCode).toBe(400);
    expect(xian.json().error.message).toMatch(/none is guessed/);
    const noZone = await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'err-no-zone.txt', bytes: fixture('in/err-no-zone.txt') });
    expect(noZone.json().error.details[0]).toMatchObject({ path: 'body.file.line.2' });
    const withZone = await upload({ regionCode: '140929', kind: 'illegal_point', zoneWidth: '3', zone: '37' }, { name: 'err-no-zone.txt', bytes: fixture('in/err-no-zone.txt') });
    expect(withZone.statusCode, withZone.body).toBe(200);
    const zoneOnly = await upload({ regionCode: '140929', kind: 'illegal_point', zone: '37' }, { name: 'err-no-zone.txt', bytes: fixture('in/err-no-zone.txt') });
    expect(zoneOnly.statusCode).toBe(400);
    expect(zoneOnly.json().error.details).toEqual([{ path: 'body.zoneWidth', message: 'zoneWidth and zone go together' }]);
    expect(await siteCount()).toBe(before);
  });

  it('checks the shared attributes and fields before reading the file', async () => {
    const noCategory = await upload({ regionCode: '140929', kind: 'abandoned_mine' }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.details.map((d: { path: string }) => d.path)).toContain('body.attributes.category');
    const foreign = await upload({ regionCode: '533100', kind: 'illegal_point' }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('body.regionCode');
    expect((await upload({ regionCode: '140929', kind: 'illegal_point' })).json().error.details[0].path).toBe('body.file');
    expect((await upload({ regionCode: '140929', kind: 'quarry' }, { name: 'a.txt', bytes: Buffer.from('x') })).json().error.details[0].path).toBe('body.kind');
    const json = await t.app.inject({ method: 'POST', url: '/api/sites/import', payload: { regionCode: '140929' }, headers: { cookie: office } });
    expect(json.statusCode).toBe(400);
    const leader = await t.login('kelan.leader');
    expect((await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'land-approval.txt', bytes: fixture('in/land-approval.txt') }, leader)).statusCode).toBe(403);
  });
});
