import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATCH_CLASSES } from '@minewatch/core';
import { CGCS2000_PRJ, geodesicArea, lonLatToGk, OVERLAY_CLASSES, writeShapefiles, zoneOf } from '@minewatch/geo';
import { multipart, testApp, type TestApp } from './harness.js';

const GEO = new URL('../../geo/test/', import.meta.url);

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.login('kelan.office');
});
afterAll(() => t.close());

const upload = (fields: Record<string, string>, file?: { name: string; bytes: Buffer }, cookie = office) => {
  const m = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: '/api/patches/import', payload: m.payload, headers: { ...m.headers, cookie } });
};
const commit = (previewId: string, cookie = office) => t.app.inject({ method: 'POST', url: `/api/patches/import/${previewId}/commit`, headers: { cookie } });
const get = (url: string, cookie = office) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const count = async (table = 'patch') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

async function xlsx(rows: unknown[][], sheetName = '图斑'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表为卫片图斑核查台账，第二个工作表为数据']);
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const box = (lon: number, lat: number, dLon: number, dLat: number) => [[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]];
const wktBox = (lon: number, lat: number, d: number) => `POLYGON((${box(lon, lat, d, d).map((p) => p.join(' ')).join(', ')}))`;

describe('patch import (图斑): preview, then commit all or nothing', () => {
  it('reads a workbook as officials fill it: title row, Chinese headers with units and notes, padded region codes, WKT or 中心坐标', async () => {
    const before = await count();
    const file = await xlsx([
      ['岢岚县2024年第一季度卫片图斑核查台账'],
      [],
      ['序号', ' 图斑编号 ', '行政区代码', '前时相', '后时相（yyyymmdd）', '面积（亩）', '中心坐标', '变化类型', 'WKT'],
      [1, 'XLS-001', '140929000000', new Date(Date.UTC(2023, 9, 1)), 20240315, 22.5, '', '采矿用地', wktBox(111.5, 38.7, 0.004)],
      [2, 'XLS-002', 140929100, '2023年10月', '2024/3/20', '8.5亩', '111.55,38.75', '疑似采矿', ''],
      [3, 'XLS-003', '', '2023.10.01', '2024年3月21日', 12000, '111°33′00″E，38°45′36″N', '', null],
      [null, null, null, null, null, null, null, null, null],
    ]);
    const res = await upload({ regionCode: '140929' }, { name: '图斑台账.xlsx', bytes: file });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ format: 'xlsx', count: 3, areaUnit: { unit: 'mu', from: 'header' }, byGeometryType: { Polygon: 1, Point: 2 } });
    expect(p.columns).toEqual({ code: ' 图斑编号 '.trim(), regionCode: '行政区代码', beforeDate: '前时相', afterDate: '后时相（yyyymmdd）', area: '面积（亩）', center: '中心坐标', wkt: 'WKT' });
    expect(p.otherColumns).toEqual(['序号', '变化类型']);
    expect(p.items.map((i: any) => [i.at, i.code, i.regionCode, i.beforeDate, i.afterDate, i.declaredArea, i.declaredAreaUnit])).toEqual([
      ['rows.4', 'XLS-001', '140929', '2023-10-01', '2024-03-15', 22.5, 'mu'],
      ['rows.5', 'XLS-002', '140929100', '2023-10-01', '2024-03-20', 8.5, 'mu'],
      ['rows.6', 'XLS-003', '140929', '2023-10-01', '2024-03-21', 12000, 'mu'],
    ]);
    // 12000 亩 against a point: nothing to compare; 22.5 亩 against a 0.004° square (≈ 230 亩): flagged.
    expect(p.warnings).toEqual([expect.stringMatching(/^row 4 \(XLS-001\): 面积 22.5 mu differs from the outline's 2\d\d\.\d\d 亩 by more than 10 %/)]);
    expect(p.totalArea.mu).toBeCloseTo(geodesicArea({ type: 'Polygon', coordinates: [box(111.5, 38.7, 0.004, 0.004)] }).mu, 6);
    expect(await count()).toBe(before);

    const other = await t.login('kelan.cadre');
    expect((await commit(p.previewId, other)).statusCode).toBe(404); // a preview belongs to its uploader
    const done = await commit(p.previewId);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().created).toBe(3);
    expect(await count()).toBe(before + 3);
    expect((await commit(p.previewId)).statusCode).toBe(404);

    const list = (await get('/api/patches?q=XLS-&limit=10')).json();
    expect(list.total).toBe(3);
    const dms = list.items.find((i: any) => i.code === 'XLS-003');
    expect(dms.center[0]).toBeCloseTo(111.55, 9);
    expect(dms.center[1]).toBeCloseTo(38.76, 9);
    const detail = (await get(`/api/patches/${list.items.find((i: any) => i.code === 'XLS-001').id}`)).json();
    expect(detail).toMatchObject({ geometryType: 'Polygon', attributes: { 序号: 1, 变化类型: '采矿用地' }, overlay: null, classes: null });
    expect(detail.center[0]).toBeGreaterThan(111.5);
    const audit = await sql<{ after: any }>`select after from audit_event where action = 'patch.import' and entity_id = ${p.previewId} order by seq`.execute(t.db);
    expect(audit.rows.map((r) => r.after.step)).toEqual(['preview', 'commit']);
    expect(audit.rows[1]!.after.patches.map((x: any) => x.code).sort()).toEqual(['XLS-001', 'XLS-002', 'XLS-003']);
  });

  it('reads pinyin headers (TBBH, XZQDM, QSX, HSX, MJ, ZXZBX/ZXZBY) with Gauss–Krüger centre coordinates and the unit chosen for the upload', async () => {
    const z = zoneOf(3, 37, true);
    const c = lonLatToGk(111.6, 38.8, z); // x northing, y easting with zone prefix
    const file = await xlsx([['TBBH', 'XZQDM', 'QSX', 'HSX', 'MJ', 'ZXZBX', 'ZXZBY'], ['PY-1', '140929', '20230601', '20240601', '1500.5', c.y.toFixed(2), c.x.toFixed(2)]]);
    const noUnit = await upload({ regionCode: '140929' }, { name: 'py.xlsx', bytes: file });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.details).toEqual([{ path: 'body.file.rows.2.MJ', message: '面积 (MJ): the unit is unknown: name it in the header (面积(亩), MJ_M2) or choose areaUnit for the upload' }]);
    const res = await upload({ regionCode: '140929', areaUnit: 'm2' }, { name: 'py.xlsx', bytes: file });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().columns).toEqual({ code: 'TBBH', regionCode: 'XZQDM', beforeDate: 'QSX', afterDate: 'HSX', area: 'MJ', centerX: 'ZXZBX', centerY: 'ZXZBY' });
    expect(res.json().declaredTotal.m2).toBe(1500.5);
    expect((await commit(res.json().previewId)).statusCode).toBe(201);
    const item = (await get('/api/patches?q=PY-1')).json().items[0];
    expect(item.center[0]).toBeCloseTo(111.6, 6); // the table's metres have 2 decimals
    expect(item.center[1]).toBeCloseTo(38.8, 6);
    expect(item).toMatchObject({ declaredArea: 1500.5, declaredAreaUnit: 'm2', geometryType: 'Point', areaM2: null });
  });

  it('rejects a file with bad rows, naming every row and column and why, and writes nothing', async () => {
    const before = await count();
    const previews = await count('patch_import_preview');
    const file = await xlsx([
      ['图斑编号', '行政区代码', '前时相', '后时相', '面积(公顷)', '中心点X', '中心点Y', 'geometry'],
      ['OK-1', '140929', '2023-01-01', '2024-01-01', 1.2, 111.5, 38.7, ''],
      ['', '140929', '2023-01-01', '2024-01-01', 1, 111.5, 38.7, ''],
      ['BAD-2', '533100', '2023-13-01', '2022-01-01', -3, 111.5, 38.7, ''],
      ['BAD-3', '14092', '2024-05-01', '2023-05-01', '3 about', '', 38.7, ''],
      ['BAD-4', '140929', '', '', '', '', '', 'POLYGON((111.5 38.7, 111.6 38.8, 111.6 38.7, 111.5 38.8, 111.5 38.7))'],
      ['BAD-5', '140929', '', '', '', 38.7, 111.5, 'LINESTRING(111.5 38.7, 111.6 38.8)'],
      ['OK-1', '140929', '', '', '', 2.35, 48.85, ''],
      ['BAD-6', '140929', '', '', '', '', '', ''],
    ]);
    const res = await upload({ regionCode: '140929' }, { name: 'bad.xlsx', bytes: file });
    expect(res.statusCode).toBe(400);
    const { message, details } = res.json().error;
    expect(message).toMatch(/^bad\.xlsx: \d+ problems, nothing was imported — /);
    expect(details).toEqual(expect.arrayContaining([
      { path: 'body.file.rows.3.图斑编号', message: '图斑编号 (图斑编号): is empty; every patch needs its number' },
      { path: 'body.file.rows.4.行政区代码', message: '行政区代码 (行政区代码): 533100 is outside the region of this upload (140929)' },
      { path: 'body.file.rows.4.前时相', message: '前时相 (前时相): 2023-13-01 is not a calendar date' },
      { path: 'body.file.rows.4.面积(公顷)', message: '面积 (面积(公顷)): -3 is negative' },
      { path: 'body.file.rows.5.行政区代码', message: '行政区代码 (行政区代码): "14092" is not a GB/T 2260 region code (6, 9 or 12 digits)' },
      { path: 'body.file.rows.5.后时相', message: '后时相 (后时相): 2023-05-01 is before 前时相 2024-05-01' },
      { path: 'body.file.rows.5.面积(公顷)', message: '面积 (面积(公顷)): "about" is not an area unit (亩, 平方米, 公顷, 平方公里)' },
      { path: 'body.file.rows.5.中心点X', message: '中心坐标X (中心点X): is empty while the other centre coordinate is given' },
      { path: 'body.file.rows.6.geometry', message: 'WKT几何 (geometry): geometry ring 0 vertex 0: ring intersects itself: edge 0 crosses edge 2' },
      { path: 'body.file.rows.7.geometry', message: expect.stringMatching(/^WKT几何 \(geometry\): "LINESTRING\(111\.5 38\.7.*…" is not WKT of a POINT, POLYGON or MULTIPOLYGON$/) },
      { path: 'body.file.rows.8.中心点X', message: '中心坐标X (中心点X): 2.35, 48.85 is not a longitude/latitude in China' },
      { path: 'body.file.rows.9', message: 'no geometry: fill the WKT column or 中心坐标 (lon,lat or X/Y)' },
    ]));
    // BAD-5's centre has latitude and longitude swapped: degrees are recognised in either order, so only its WKT is wrong.
    expect(details.filter((d: any) => d.path.startsWith('body.file.rows.7'))).toHaveLength(1);
    expect(details.some((d: any) => d.path.startsWith('body.file.rows.2'))).toBe(false);
    expect(await count()).toBe(before);
    expect(await count('patch_import_preview')).toBe(previews);

    const dup = await xlsx([['图斑编号', '中心坐标'], ['D-1', '111.5,38.7'], ['D-1', '111.6,38.7']]);
    expect((await upload({ regionCode: '140929' }, { name: 'dup.xlsx', bytes: dup })).json().error.details).toEqual([
      { path: 'body.file.rows.3.图斑编号', message: '图斑编号 (图斑编号): "D-1" appears twice in 140929 (also at rows 2)' },
    ]);
    const noCode = await xlsx([['名称', '中心坐标'], ['x', '111.5,38.7']]);
    expect((await upload({ regionCode: '140929' }, { name: 'nocode.xlsx', bytes: noCode })).json().error.message).toMatch(/no sheet has a 图斑编号 column/);
    const twice = await xlsx([['图斑编号', 'TBBH', '中心坐标'], ['x', 'y', '111.5,38.7']]);
    expect((await upload({ regionCode: '140929' }, { name: 'twice.xlsx', bytes: twice })).json().error.details[0]).toEqual({ path: 'body.file.header', message: 'columns "图斑编号" and "TBBH" both read as 图斑编号 (code): rename or remove one' });
    expect((await upload({ regionCode: '140929', sheet: '没有' }, { name: 'twice.xlsx', bytes: twice })).json().error.details[0].path).toBe('body.sheet');
    expect((await upload({ regionCode: '140929' }, { name: 'a.xls', bytes: Buffer.from('x') })).json().error.message).toMatch(/save the workbook as \.xlsx/);
    expect((await upload({ regionCode: '140929' }, { name: 'a.xlsx', bytes: Buffer.from('not a zip') })).json().error.message).toMatch(/not a readable \.xlsx workbook/);
  });

  it('is all or nothing: a code registered since the preview fails the whole commit; a registered code fails the preview', async () => {
    const a = await xlsx([['图斑编号', '中心坐标'], ['AON-1', '111.5,38.7'], ['AON-2', '111.51,38.7']]);
    const b = await xlsx([['图斑编号', '中心坐标'], ['AON-2', '111.51,38.7']]);
    const pa = (await upload({ regionCode: '140929' }, { name: 'a.xlsx', bytes: a })).json();
    const pb = (await upload({ regionCode: '140929' }, { name: 'b.xlsx', bytes: b })).json();
    expect((await commit(pb.previewId)).statusCode).toBe(201);
    const before = await count();
    const late = await commit(pa.previewId);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/1 图斑编号 were registered since the preview \(140929\/AON-2\); nothing was imported/);
    expect(await count()).toBe(before);
    expect((await get('/api/patches?q=AON-1')).json().total).toBe(0);
    const again = await upload({ regionCode: '140929' }, { name: 'a.xlsx', bytes: a });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details).toEqual([{ path: 'body.file.rows.3.图斑编号', message: expect.stringMatching(/^图斑编号 \(图斑编号\): "AON-2" is already registered in 140929 \(imported \d{4}-\d\d-\d\d\)$/) }]);
  });

  it('reads zipped Shapefiles in Gauss–Krüger (GBK attributes) and GeoJSON with English keys', async () => {
    const shp = await upload({ regionCode: '140929' }, { name: 'kelan-4525-gbk.zip', bytes: readFileSync(new URL('readers/in/shp/kelan-4525-gbk.zip', GEO)) });
    expect(shp.statusCode, shp.body).toBe(200);
    expect(shp.json()).toMatchObject({ format: 'shapefile', count: 3, columns: { code: '图斑编号', area: '面积亩' }, areaUnit: { unit: 'mu', from: 'header' }, byGeometryType: { Polygon: 2, MultiPolygon: 1 } });
    expect(shp.json().otherColumns).toEqual(['名称', '核查日期']);
    expect(shp.json().warnings).toHaveLength(2); // 21.5 亩 and 9.25 亩 declared for outlines of 608 and 167 亩
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { patch_code: 'GJ-1', region_code: '140929', before_date: '2023-04-01', after_date: '2024-04-01', area_ha: 2 }, geometry: { type: 'Polygon', coordinates: [box(111.4, 38.6, 0.002, 0.002)] } },
        { type: 'Feature', properties: { patch_code: 'GJ-2', centroid: '111.45, 38.65' }, geometry: { type: 'Point', coordinates: [111.45, 38.65] } },
      ],
    };
    const gj = await upload({ regionCode: '140929' }, { name: 'p.geojson', bytes: Buffer.from(JSON.stringify(fc)) });
    expect(gj.statusCode, gj.body).toBe(200);
    expect(gj.json()).toMatchObject({ format: 'geojson', count: 2, byGeometryType: { Polygon: 1, Point: 1 }, areaUnit: { unit: 'ha', from: 'header' } });
  });
});

describe('classification against the registry (M4)', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const site = async (payload: object) => {
      const r = await t.app.inject({ method: 'POST', url: '/api/sites', payload, headers: { cookie: office } });
      if (r.statusCode !== 201) throw new Error(r.body);
      return r.json().id as string;
    };
    const poly = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [box(lon, lat, d, d)] });
    ids.licence = await site({ regionCode: '140929', name: '岚漪铁矿', attributes: { kind: 'licensed_mine', licenceNo: 'C1409002010', holder: '岚漪矿业', mineral: '铁矿', method: 'open_pit', validFrom: '2020-01-01', validTo: '2030-12-31' }, geometry: poly(111.9, 38.3, 0.02) });
    ids.closed = await site({ regionCode: '140929', name: '已关闭矿山', attributes: { kind: 'licensed_mine', licenceNo: 'C1409002011', holder: '关闭矿业', mineral: '煤', method: 'underground', status: 'closed' }, geometry: poly(111.95, 38.3, 0.02) });
    ids.reserve = await site({ regionCode: '140929', name: '荷叶坪自然保护区', attributes: { kind: 'protected_area', category: 'nature_reserve', level: 'provincial' }, geometry: poly(112.0, 38.3, 0.02) });
    ids.land = await site({ regionCode: '140929', name: '临时用地一号', attributes: { kind: 'temporary_land', approvalNo: '岢临〔2023〕1号', approvedFrom: '2023-01-01', approvedTo: '2025-12-31' }, geometry: poly(112.1, 38.3, 0.02) });
    const fc = {
      type: 'FeatureCollection',
      features: [
        ['CL-inside', box(111.905, 38.305, 0.005, 0.005)],
        ['CL-cross', box(111.915, 38.305, 0.01, 0.005)],
        ['CL-closed', box(111.955, 38.305, 0.005, 0.005)],
        ['CL-reserve', box(112.005, 38.305, 0.005, 0.005)],
        ['CL-land', box(112.105, 38.305, 0.005, 0.005)],
      ].map(([code, ring]) => ({ type: 'Feature', properties: { 图斑编号: code, 后时相: '2024-06-01' }, geometry: { type: 'Polygon', coordinates: [ring] } }))
        .concat([{ type: 'Feature', properties: { 图斑编号: 'CL-point', 后时相: '2024-06-01' }, geometry: { type: 'Point', coordinates: [111.91, 38.31] } } as never]),
    };
    const p = await upload({ regionCode: '140929101' }, { name: 'cl.geojson', bytes: Buffer.from(JSON.stringify(fc)) });
    expect(p.statusCode, p.body).toBe(200);
    expect((await commit(p.json().previewId)).statusCode).toBe(201);
  });

  it('names the same classes as the overlay engine', () => {
    expect([...PATCH_CLASSES].sort()).toEqual(Object.keys(OVERLAY_CLASSES).sort());
  });

  it('classifies every patch of a region, stores classes and areas in m² and 亩, audited, and re-runs idempotently', async () => {
    const leader = await t.login('kelan.leader');
    expect((await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=140929101', headers: { cookie: leader } })).statusCode).toBe(403);
    const res = await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=140929101', headers: { cookie: office } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    expect(run).toMatchObject({ regionCode: '140929101', patches: 6, sites: { licensed_mine: 1, temporary_land: 1, protected_area: 1 }, changed: 6 });
    expect(run.skippedSites).toEqual([{ siteId: ids.closed, reason: 'licence status closed: not in force' }]);
    expect(run.counts).toMatchObject({ inside_licence: 1, over_boundary: 1, no_licence: 2, protected_area: 1, approved_temporary_land: 1, temporary_exceeds: 0, temporary_elsewhere: 0, error: 1 });
    // The run's counts are the stored classes, patch by patch.
    const stored = (await get('/api/patches?region=140929101')).json().items.flatMap((i: any) => i.classes);
    expect(Object.fromEntries(PATCH_CLASSES.map((c) => [c, stored.filter((x: string) => x === c).length]))).toEqual(run.counts);

    const byCode = async (code: string) => {
      const id = (await get(`/api/patches?q=${code}`)).json().items.find((i: any) => i.code === code).id;
      return (await get(`/api/patches/${id}`)).json();
    };
    const area = (lon: number, d: number) => geodesicArea({ type: 'Polygon', coordinates: [box(lon, 38.305, d, 0.005)] });
    const cross = await byCode('CL-cross');
    // The part beyond the boundary may also carry a temporary-land class (the engine's rules); 越界 comes first.
    expect(cross.classes[0]).toBe('over_boundary');
    expect(cross.overlay.holders).toEqual(['岚漪矿业']);
    expect(cross.overlay.inside.m2 / area(111.915, 0.005).m2).toBeCloseTo(1, 6);
    expect(cross.overlay.outside.m2 / area(111.92, 0.005).m2).toBeCloseTo(1, 6);
    expect(cross.overlay.inside.mu).toBeCloseTo(cross.overlay.inside.m2 / (10000 / 15), 9);
    expect(cross.overlay.inside.licences).toEqual([expect.objectContaining({ siteId: ids.licence, name: '岚漪铁矿', holder: '岚漪矿业' })]);
    expect((await byCode('CL-inside')).classes).toEqual(['inside_licence']);
    expect((await byCode('CL-closed')).classes).toEqual(['no_licence']);
    const reserve = await byCode('CL-reserve');
    expect(reserve.classes).toEqual(['no_licence', 'protected_area']);
    expect(reserve.overlay.protectedAreas).toEqual([expect.objectContaining({ siteId: ids.reserve, name: '荷叶坪自然保护区', category: 'nature_reserve' })]);
    expect(reserve.overlay.protectedTotal.m2 / area(112.005, 0.005).m2).toBeCloseTo(1, 6);
    const land = await byCode('CL-land');
    expect(land.classes).toEqual(['approved_temporary_land']);
    expect(land.overlay.temporaryLand.overlapping).toEqual([expect.objectContaining({ siteId: ids.land, status: 'valid' })]);
    const point = await byCode('CL-point');
    expect(point.classes).toEqual(['error']);
    expect(point.overlay.error).toMatch(/only a centre point/);
    expect(run.areas.over_boundary.m2 / area(111.92, 0.005).m2).toBeCloseTo(1, 6);

    const filtered = (await get('/api/patches?region=140929101&classification=no_licence')).json();
    expect(filtered.items.map((i: any) => i.code).sort()).toEqual(['CL-closed', 'CL-reserve']);
    expect((await get('/api/patches?region=140929101&classification=unclassified')).json().total).toBe(0);
    expect((await get('/api/patches?bbox=112.0,38.3,112.02,38.32')).json().items.map((i: any) => i.code)).toEqual(['CL-reserve']);

    const audit = await sql<{ after: any; region_code: string }>`select after, region_code from audit_event where action = 'patch.classify' and entity_id = ${run.runId}`.execute(t.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after.changed).toHaveLength(6);
    expect(audit.rows[0]!.region_code).toBe('140929101');

    const again = (await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=140929101', headers: { cookie: office } })).json();
    expect(again.changed).toBe(0);
    expect(again.counts).toEqual(run.counts);
  });

  it('keeps other regions out: 404 for a foreign region or patch, and nothing to classify is a field error', async () => {
    const dehong = await t.login('dehong.office');
    const id = (await get('/api/patches?q=CL-inside')).json().items[0].id;
    expect((await get(`/api/patches/${id}`, dehong)).statusCode).toBe(404);
    expect((await get('/api/patches?region=140929', dehong)).statusCode).toBe(404);
    expect((await get('/api/patches', dehong)).json().total).toBe(0);
    expect((await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=140929', headers: { cookie: dehong } })).statusCode).toBe(404);
    const none = await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=533100', headers: { cookie: dehong } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details).toEqual([{ path: 'query.region', message: 'region 533100 has no patches to classify; import them first' }]);
  });
});

describe('temporary-land classes from the registry (用地单位 links approvals to a holder)', () => {
  it('finds 批小占大, 批东占西 and 未批先占 against registered temporary land', async () => {
    const site = async (payload: object) => {
      const r = await t.app.inject({ method: 'POST', url: '/api/sites', payload, headers: { cookie: office } });
      if (r.statusCode !== 201) throw new Error(r.body);
      return r.json().id as string;
    };
    const poly = (lon: number, lat: number, d: number) => ({ type: 'Polygon', coordinates: [box(lon, lat, d, d)] });
    await site({ regionCode: '140929', name: '北岭铁矿', attributes: { kind: 'licensed_mine', licenceNo: 'C1409002099', holder: '北岭矿业', mineral: '铁矿', method: 'open_pit', validFrom: '2020-01-01', validTo: '2030-12-31' }, geometry: poly(111.5, 38.5, 0.01) });
    await site({ regionCode: '140929', name: '北岭临时用地', attributes: { kind: 'temporary_land', holder: '北岭矿业', approvalNo: '岢临〔2023〕9号', approvedFrom: '2023-01-01', approvedTo: '2025-12-31' }, geometry: poly(111.53, 38.5, 0.01) });
    await site({ regionCode: '140929', name: '南坡临时用地', attributes: { kind: 'temporary_land', holder: '南坡矿业', approvedFrom: '2025-03-01', approvedTo: '2026-12-31' }, geometry: poly(111.56, 38.5, 0.01) });
    const fc = {
      type: 'FeatureCollection',
      features: [
        ['TL-exceeds', box(111.535, 38.505, 0.01, 0.003)], // half on 北岭's approval, half beyond it
        ['TL-elsewhere', box(111.512, 38.502, 0.003, 0.003)], // ≈170 m from 北岭's licence, away from its approval
        ['TL-early', box(111.562, 38.502, 0.003, 0.003)], // on land approved only after the imagery
      ].map(([code, ring]) => ({ type: 'Feature', properties: { 图斑编号: code, 后时相: '2024-06-01' }, geometry: { type: 'Polygon', coordinates: [ring] } })),
    };
    const p = await upload({ regionCode: '140929102' }, { name: 'tl.geojson', bytes: Buffer.from(JSON.stringify(fc)) });
    expect(p.statusCode, p.body).toBe(200);
    expect((await commit(p.json().previewId)).statusCode).toBe(201);
    const res = await t.app.inject({ method: 'POST', url: '/api/patches/classify?region=140929102', headers: { cookie: office } });
    expect(res.statusCode, res.body).toBe(200);
    const classes = async (code: string) => (await get(`/api/patches?q=${code}`)).json().items.find((i: any) => i.code === code).classes as string[];
    expect(await classes('TL-exceeds')).toContain('temporary_exceeds');
    expect(await classes('TL-elsewhere')).toContain('temporary_elsewhere');
    expect(await classes('TL-early')).toContain('temporary_unapproved');
  });
});

describe('Shapefile written by the platform round-trips through the import', () => {
  it('imports a UTF-8 Shapefile with a .prj', async () => {
    const out = writeShapefiles(
      [1, 2].map((k) => ({ type: 'Feature' as const, properties: { TBBH: `W-${k}`, XZQDM: '140929', HSX: '2024-01-0' + k }, geometry: { type: 'Polygon' as const, coordinates: [box(111.3 + k / 100, 38.5, 0.003, 0.003)] } })),
      { fields: [{ name: 'TBBH', type: 'C' }, { name: 'XZQDM', type: 'C' }, { name: 'HSX', type: 'D' }], prj: CGCS2000_PRJ },
    );
    const l = out.layers.polygon!;
    const zip = zipSync({ 'w.shp': l.shp!, 'w.shx': l.shx!, 'w.dbf': l.dbf, 'w.prj': l.prj!, 'w.cpg': l.cpg });
    const res = await upload({ regionCode: '140929' }, { name: 'w.zip', bytes: Buffer.from(zip) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: any) => [i.code, i.afterDate])).toEqual([['W-1', '2024-01-01'], ['W-2', '2024-01-02']]);
  });
});
