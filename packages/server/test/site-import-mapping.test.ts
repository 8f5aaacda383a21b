import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { zipSync } from 'fflate';
import type { Feature, Polygon } from 'geojson';
import { CGCS2000_PRJ, writeShapefiles, type DbfFieldDef } from '@minewatch/geo';
import { multipart, testApp, type TestApp } from './harness.js';

/** Per-feature attributes of a geometry import (fieldMap) and the 开采标高 of corner-point text (S3). */

const GEO = new URL('../../geo/test/in/', import.meta.url);
const cornerFixture = (p: string) => readFileSync(new URL(p, GEO));

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
const count = async (table: 'site' | 'import_preview') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

/** A square of `d` degrees at (lon, lat) near 岢岚, counter-clockwise. */
const square = (lon: number, lat: number, d = 0.002): Polygon => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]],
});

// Column names as a licence register exports them, within dBASE's 10 bytes of UTF-8.
const FIELDS: DbfFieldDef[] = [
  { name: '名称', type: 'C' },
  { name: '证号', type: 'C' },
  { name: '矿权人', type: 'C' },
  { name: '矿种', type: 'C' },
  { name: '方式', type: 'C' },
  { name: '起始日', type: 'C' },
  { name: '截止日', type: 'D' },
  { name: '面积', type: 'C' },
  { name: '规模', type: 'C' },
];
const FIELD_MAP = { licenceNo: '证号', holder: '矿权人', mineral: '矿种', method: '方式', validFrom: '起始日', validTo: '截止日', licensedAreaKm2: '面积', scale: '规模' };

type Row = Record<string, string | number | null>;
function licenceShapefile(rows: Row[], name = 'licences'): Buffer {
  const features: Feature[] = rows.map((properties, i) => ({ type: 'Feature', properties, geometry: square(111.5 + i * 0.01, 38.7) }));
  const out = writeShapefiles(features, { fields: FIELDS, prj: CGCS2000_PRJ });
  const l = out.layers.polygon!;
  return Buffer.from(zipSync({ [`${name}.shp`]: l.shp!, [`${name}.shx`]: l.shx!, [`${name}.dbf`]: l.dbf, [`${name}.prj`]: l.prj!, [`${name}.cpg`]: l.cpg }));
}

const ROWS: Row[] = [
  { 名称: '岢岚县甲铁矿', 证号: 'C1409292010127120001', 矿权人: '岢岚县甲矿业有限公司', 矿种: '铁矿', 方式: '露天', 起始日: '2021年3月1日', 截止日: '2026-02-28', 面积: '0.35平方公里', 规模: '小型' },
  { 名称: '岢岚县乙石灰岩矿', 证号: 'C1409292015067130002', 矿权人: '岢岚县乙建材有限公司', 矿种: '水泥用灰岩', 方式: 'underground', 起始日: '2020/01/15', 截止日: '2030-01-14', 面积: '1,200.5', 规模: '中型' },
  { 名称: '岢岚县丙煤矿', 证号: 'C1409292009017110003', 矿权人: '岢岚县丙煤业有限公司', 矿种: '煤', 方式: '井工(地下)', 起始日: '20190601', 截止日: null, 面积: null, 规模: null },
];

describe('geometry import with per-feature attributes (fieldMap)', () => {
  it('gives each licence its own number, holder, mineral and validity, read from its row', async () => {
    const res = await upload(
      { regionCode: '140929', kind: 'licensed_mine', nameField: '名称', attributes: JSON.stringify({ status: 'producing' }), fieldMap: JSON.stringify(FIELD_MAP) },
      { name: 'licences.zip', bytes: licenceShapefile(ROWS) },
    );
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.items.map((i: { name: string }) => i.name)).toEqual(['岢岚县甲铁矿', '岢岚县乙石灰岩矿', '岢岚县丙煤矿']);
    expect(p.columns).toEqual(expect.arrayContaining(['名称', '证号', '矿权人', '截止日']));
    expect(p.items[1].attributes).toMatchObject({ licenceNo: 'C1409292015067130002', validFrom: '2020-01-15' });
    const done = await commit(p.previewId);
    expect(done.statusCode, done.body).toBe(201);
    const stored = await sql<{ name: string; attributes: Record<string, unknown> }>`select name, attributes from site where id = any(${done.json().ids}::uuid[]) order by name`.execute(t.db);
    const byName = Object.fromEntries(stored.rows.map((r) => [r.name, r.attributes]));
    expect(byName['岢岚县甲铁矿']).toEqual({
      kind: 'licensed_mine', licenceNo: 'C1409292010127120001', holder: '岢岚县甲矿业有限公司', mineral: '铁矿', method: 'open_pit', scale: 'small',
      validFrom: '2021-03-01', validTo: '2026-02-28', licensedAreaKm2: 0.35, elevationTop: null, elevationBottom: null, status: 'producing',
    });
    expect(byName['岢岚县乙石灰岩矿']).toMatchObject({ licenceNo: 'C1409292015067130002', holder: '岢岚县乙建材有限公司', method: 'underground', scale: 'medium', validFrom: '2020-01-15', validTo: '2030-01-14', licensedAreaKm2: 1200.5 });
    // empty cells leave the shared value or the default
    expect(byName['岢岚县丙煤矿']).toMatchObject({ licenceNo: 'C1409292009017110003', method: 'underground', validFrom: '2019-06-01', validTo: null, licensedAreaKm2: null, scale: null });
  });

  it('a bad value in two rows: one 400 naming both features, attribute, column and why; nothing stored', async () => {
    const [sites, previews] = [await count('site'), await count('import_preview')];
    const rows = [ROWS[0]!, { ...ROWS[1]!, 起始日: '长期有效' }, { ...ROWS[2]!, 面积: '约一平方公里', 方式: '土法' }];
    const res = await upload({ regionCode: '140929', kind: 'licensed_mine', nameField: '名称', fieldMap: JSON.stringify(FIELD_MAP) }, { name: 'bad.zip', bytes: licenceShapefile(rows) });
    expect(res.statusCode).toBe(400);
    const err = res.json().error as { message: string; details: { path: string; message: string }[] };
    expect(err.details.map((d) => d.path).sort()).toEqual(['body.file.features.1.attributes.validFrom', 'body.file.features.2.attributes.licensedAreaKm2', 'body.file.features.2.attributes.method']);
    expect(err.details.find((d) => d.path.endsWith('validFrom'))!.message).toBe('feature 2 (岢岚县乙石灰岩矿): validFrom from column "起始日": an ongoing commitment is not a deadline: give a date');
    expect(err.details.find((d) => d.path.endsWith('licensedAreaKm2'))!.message).toBe('feature 3 (岢岚县丙煤矿): licensedAreaKm2 from column "面积": "约一平方公里" is not a number');
    expect(err.details.find((d) => d.path.endsWith('method'))!.message).toMatch(/^feature 3 \(岢岚县丙煤矿\): method from column "方式": "土法" is not one of 露天 \(open_pit\)/);
    expect(err.message).toMatch(/^bad\.zip: 3 problems in 2 features; nothing was stored/);
    expect([await count('site'), await count('import_preview')]).toEqual([sites, previews]);
  });

  it('an empty required cell is named with its column; the shared value fills empty cells', async () => {
    const rows = [ROWS[0]!, { ...ROWS[1]!, 矿权人: null }];
    const res = await upload({ regionCode: '140929', kind: 'licensed_mine', nameField: '名称', fieldMap: JSON.stringify(FIELD_MAP) }, { name: 'gap.zip', bytes: licenceShapefile(rows) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.file.features.1.attributes.holder', message: expect.stringMatching(/^feature 2 \(岢岚县乙石灰岩矿\): holder from column "矿权人" \(empty\): /) }]);
    const filled = await upload(
      { regionCode: '140929', kind: 'licensed_mine', nameField: '名称', attributes: JSON.stringify({ holder: '岢岚县国有资产公司' }), fieldMap: JSON.stringify(FIELD_MAP) },
      { name: 'gap.zip', bytes: licenceShapefile(rows) },
    );
    expect(filled.statusCode, filled.body).toBe(200);
    expect(filled.json().items.map((i: { attributes: { holder: string } }) => i.attributes.holder)).toEqual(['岢岚县甲矿业有限公司', '岢岚县国有资产公司']);
  });

  it('unknown attribute keys and missing columns are 400s naming them, before any feature is read', async () => {
    const bytes = licenceShapefile(ROWS);
    const unknown = await upload({ regionCode: '140929', kind: 'licensed_mine', fieldMap: JSON.stringify({ ...FIELD_MAP, owner: '矿权人', depth: '面积' }) }, { name: 'l.zip', bytes });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.fieldMap.owner', 'body.fieldMap.depth']);
    expect(unknown.json().error.message).toMatch(/licensed_mine has no attribute owner, depth \(its attributes: licenceNo, holder/);
    const missing = await upload({ regionCode: '140929', kind: 'licensed_mine', nameField: 'MC', fieldMap: JSON.stringify({ ...FIELD_MAP, holder: '采矿权人' }) }, { name: 'l.zip', bytes });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([
      { path: 'body.fieldMap.holder', message: expect.stringMatching(/^no column "采矿权人" in the file \(its columns: 名称, 证号, 矿权人/) },
      { path: 'body.nameField', message: expect.stringMatching(/^no column "MC" in the file/) },
    ]);
    const notJson = await upload({ regionCode: '140929', kind: 'licensed_mine', fieldMap: '{licenceNo:' }, { name: 'l.zip', bytes });
    expect(notJson.json().error.details[0]).toMatchObject({ path: 'body.fieldMap', message: expect.stringMatching(/JSON object/) });
    const notText = await upload({ regionCode: '140929', kind: 'licensed_mine', fieldMap: JSON.stringify({ licenceNo: 3 }) }, { name: 'l.zip', bytes });
    expect(notText.statusCode).toBe(400);
    expect(notText.json().error.details[0].path).toMatch(/^body\.fieldMap/);
  });

  it('booleans from 是/否, numbers with units, enums by their Chinese words; 已封堵 cannot come from a file', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '一号尾矿坑', 有主: '是', 业主: '某选矿厂', 面积: '12.5亩', 修复: '修复中' }, geometry: square(111.5, 38.7) },
        { type: 'Feature', properties: { 名称: '二号尾矿坑', 有主: '否', 业主: '', 面积: 3, 修复: 'completed' }, geometry: square(111.52, 38.7) },
      ],
    };
    const res = await upload(
      { regionCode: '140929', kind: 'tailing_pit', nameField: '名称', fieldMap: JSON.stringify({ owned: '有主', owner: '业主', areaMu: '面积', restoration: '修复' }) },
      { name: 'pits.geojson', bytes: Buffer.from(JSON.stringify(fc)) },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { attributes: unknown }) => i.attributes)).toEqual([
      { kind: 'tailing_pit', owned: true, owner: '某选矿厂', areaMu: 12.5, damagedForestGrassMu: null, restoration: 'in_progress' },
      { kind: 'tailing_pit', owned: false, owner: null, areaMu: 3, damagedForestGrassMu: null, restoration: 'completed' },
    ]);
    const yesNo = await upload(
      { regionCode: '140929', kind: 'tailing_pit', fieldMap: JSON.stringify({ owned: '修复' }) },
      { name: 'pits.geojson', bytes: Buffer.from(JSON.stringify(fc)) },
    );
    expect(yesNo.json().error.details[0].message).toBe('feature 1 (一号尾矿坑): owned from column "修复": "修复中" is not yes/no (write 是 or 否)');
    const shafts = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '一号井', 状态: '已封堵' }, geometry: { type: 'Point', coordinates: [111.5, 38.7] } }] };
    const sealed = await upload(
      { regionCode: '140929', kind: 'abandoned_mine', attributes: JSON.stringify({ category: 'normal_closure' }), fieldMap: JSON.stringify({ sealingStatus: '状态' }) },
      { name: 'shafts.geojson', bytes: Buffer.from(JSON.stringify(shafts)) },
    );
    expect(sealed.statusCode).toBe(400);
    expect(sealed.json().error.details).toEqual([{ path: 'body.file.features.0.attributes.sealingStatus', message: expect.stringMatching(/^feature 1 \(一号井\): 已封堵 needs photo evidence/) }]);
  });

  it('names taken from files with control characters are refused, naming the feature', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 名称: '正常名称' }, geometry: { type: 'Point', coordinates: [111.5, 38.7] } },
        { type: 'Feature', properties: { 名称: '坏\u0007名称' }, geometry: { type: 'Point', coordinates: [111.51, 38.7] } },
        { type: 'Feature', properties: { 名称: '坏\u0000名称' }, geometry: { type: 'Point', coordinates: [111.52, 38.7] } },
      ],
    };
    const res = await upload({ regionCode: '140929', kind: 'illegal_point', nameField: '名称' }, { name: 'points.geojson', bytes: Buffer.from(JSON.stringify(fc)) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.file.features.1.name', message: 'feature 2 (坏?名称): the name from column "名称" contains control characters (line breaks, tabs or other invisible characters)' },
      { path: 'body.file.features.2.name', message: 'feature 3 (坏?名称): the name from column "名称" contains control characters (line breaks, tabs or other invisible characters)' },
    ]);
  });
});

describe('corner-point text: 开采标高 and multi-block licences', () => {
  const licence = { licenceNo: 'C1409292011017130099', holder: '岢岚县某铁矿有限公司', mineral: '铁矿', method: 'open_pit' };

  it('a one-block table fills elevationTop/Bottom from its 开采深度 line unless the form gives them', async () => {
    const res = await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify(licence) }, { name: 'table-kelan.txt', bytes: cornerFixture('table-kelan.txt') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].attributes).toMatchObject({ elevationTop: 1350, elevationBottom: 1200 });
    const given = await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify({ ...licence, elevationTop: 1400, elevationBottom: null }) }, { name: 'table-kelan.txt', bytes: cornerFixture('table-kelan.txt') });
    expect(given.json().items[0].attributes).toMatchObject({ elevationTop: 1400, elevationBottom: 1200 });
  });

  it('registry text with two 块段 is ONE licensed mine: a MultiPolygon, elevation from the highest top to the lowest bottom', async () => {
    const res = await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify(licence) }, { name: '岢岚县某铁矿.txt', bytes: cornerFixture('registry-two-blocks.txt') });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.count).toBe(1);
    expect(p.items[0]).toMatchObject({ name: '岢岚县某铁矿', geometryType: 'MultiPolygon' });
    expect(p.items[0].attributes).toMatchObject({ licenceNo: licence.licenceNo, elevationTop: 1420, elevationBottom: 1180 });
    const done = await commit(p.previewId);
    expect(done.statusCode, done.body).toBe(201);
    const g = (await sql<{ g: { coordinates: number[][][][] } }>`select geometry as g from site where id = ${done.json().ids[0]}`.execute(t.db)).rows[0]!.g;
    expect(g.coordinates.map((poly) => poly.length)).toEqual([2, 1]); // block 1 keeps its excluded ring
    // other kinds keep one site per block
    const ponds = await upload({ regionCode: '140929', kind: 'illegal_point' }, { name: 'blocks.txt', bytes: cornerFixture('registry-two-blocks.txt') });
    expect(ponds.json().items.map((i: { name: string }) => i.name)).toEqual(['一号矿段', '二号矿段']);
  });

  it('blocks that overlap in plan cannot be one site: refused naming both', async () => {
    const text = ['4,', '1,4290000,19505000', '2,4290000,19506000', '3,4289000,19506000', '4,4289000,19505000', '*,1420,1300,一号矿段,1,', '4,', '5,4289500,19505500', '6,4289500,19506500', '7,4288500,19506500', '8,4288500,19505500', '*,1300,1200,二号矿段,1,'].join('\n');
    const res = await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify(licence) }, { name: 'stacked.txt', bytes: Buffer.from(text) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/blocks 一号矿段 and 二号矿段 of this licence overlap in plan/);
    // the same outline at two depths
    const same = text.replace('5,4289500,19505500', '5,4290000,19505000').replace('6,4289500,19506500', '6,4290000,19506000').replace('7,4288500,19506500', '7,4289000,19506000').replace('8,4288500,19505500', '8,4289000,19505000');
    expect((await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify(licence) }, { name: 'same.txt', bytes: Buffer.from(same) })).json().error.message).toMatch(/overlap in plan/);
    // blocks sharing an edge are adjacent, not overlapping
    const adjacent = text.replace('5,4289500,19505500', '5,4289000,19505000').replace('6,4289500,19506500', '6,4289000,19506000').replace('7,4288500,19506500', '7,4288000,19506000').replace('8,4288500,19505500', '8,4288000,19505000');
    const ok = await upload({ regionCode: '140929', kind: 'licensed_mine', attributes: JSON.stringify(licence) }, { name: 'adjacent.txt', bytes: Buffer.from(adjacent) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items[0]).toMatchObject({ geometryType: 'MultiPolygon', attributes: { elevationTop: 1420, elevationBottom: 1200 } });
  });
});
