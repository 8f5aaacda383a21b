import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { centroid, CGCS2000_PRJ, readShapefileZip, ShapefileWriteError, ShapefileWriter, writeShapefiles, type DbfFieldDef, type ShapefileLayerFiles } from '../src/index.js';

/** GDAL (Debian gdal-bin) reads what we write: the independent check that other GIS software can. */
function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[]): string {
  if (!existsSync(`/usr/bin/${tool}`)) throw new Error(`${tool} missing: apt-get install -y gdal-bin (.ci/run does this)`);
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes a layer's files as <dir>/<base>.<ext> and returns the path of the .shp (or the .dbf when there is none). */
function onDisk(files: ShapefileLayerFiles, base = 'layer'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shpw-'));
  dirs.push(dir);
  for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const) {
    const b = files[ext];
    if (b) writeFileSync(path.join(dir, `${base}.${ext}`), b);
  }
  return path.join(dir, `${base}.${files.shp ? 'shp' : 'dbf'}`);
}

const zipOf = (files: ShapefileLayerFiles, base = 'layer') =>
  zipSync(Object.fromEntries((['shp', 'shx', 'dbf', 'prj', 'cpg'] as const).filter((e) => files[e]).map((e) => [`${base}.${e}`, files[e]!])));

/** The layer as GeoJSON through ogr2ogr, rings in RFC 7946 orientation, 15 digits. */
const viaOgr = (file: string) => JSON.parse(gdal('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'RFC7946=YES', '-lco', 'COORDINATE_PRECISION=15', '/vsistdout/', file])) as FeatureCollection;
/** Coordinates to 1e-10° (GDAL prints 15 significant digits; 111.1 + 0.1 is 111.19999999999999 in JS). */
const rounded = (g: unknown) => JSON.parse(JSON.stringify(g, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e10) / 1e10 : v))) as unknown;

const FIELDS: DbfFieldDef[] = [
  { name: 'name', type: 'C' },
  { name: 'count', type: 'N' },
  { name: 'area_mu', type: 'N', decimals: 4 },
  { name: 'sealed', type: 'L' },
  { name: 'found_on', type: 'D' },
  { name: '类别', type: 'C' }, // 6 bytes of UTF-8: a Chinese column name fits
];

/** RFC 7946 orientation (outer counter-clockwise, hole clockwise), as our reader returns it. */
const square = (lon: number, lat: number, d: number): Position[] => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
const hole = (lon: number, lat: number, d: number): Position[] => [[lon, lat], [lon, lat + d], [lon + d, lat + d], [lon + d, lat], [lon, lat]];

const FEATURES: Feature<Geometry | null>[] = [
  { type: 'Feature', properties: { name: '岢岚县某铁矿', count: 3, area_mu: 1543.2156, sealed: true, found_on: '2024-01-02', 类别: '有证矿山' }, geometry: { type: 'Polygon', coordinates: [square(111.1, 38.6, 0.1), hole(111.12, 38.62, 0.02)] } },
  { type: 'Feature', properties: { name: '两块地', count: 0, area_mu: 0.5, sealed: false, found_on: null, 类别: null }, geometry: { type: 'MultiPolygon', coordinates: [[square(111.3, 38.6, 0.01)], [square(111.4, 38.65, 0.02)]] } },
  { type: 'Feature', properties: { name: '盗采点一', count: null, area_mu: null, sealed: null, found_on: '2023-12-31', 类别: '盗采点' }, geometry: { type: 'Point', coordinates: [111.5123456789, 38.7012345678] } },
  { type: 'Feature', properties: { name: '井口群', count: 12, area_mu: -0.00001, sealed: true, found_on: null, 类别: '废弃矿井' }, geometry: { type: 'MultiPoint', coordinates: [[111.51, 38.71], [111.52, 38.72, 1350]] } },
  { type: 'Feature', properties: { name: '无图形', count: 1, area_mu: 2, sealed: false, found_on: null, 类别: null }, geometry: null },
];

const withoutNulls = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
const dropZ = (g: Geometry): Geometry => JSON.parse(JSON.stringify(g, (k, v) => (Array.isArray(v) && typeof v[0] === 'number' ? v.slice(0, 2) : v))) as Geometry;

describe('writeShapefiles', () => {
  const out = writeShapefiles(FEATURES, { fields: FIELDS, prj: CGCS2000_PRJ, date: new Date('2026-03-04T00:00:00Z') });

  it('splits the features into one layer per shape type present, with .prj and a UTF-8 .cpg', () => {
    expect(Object.keys(out.layers).sort()).toEqual(['multipoint', 'none', 'point', 'polygon']);
    expect(out.layers.polygon!.count).toBe(2);
    expect(out.layers.none!.shp).toBeUndefined();
    expect(new TextDecoder().decode(out.layers.point!.cpg)).toBe('UTF-8');
    expect(new TextDecoder().decode(out.layers.point!.prj)).toBe(CGCS2000_PRJ);
    expect(out.truncated).toEqual([]);
  });

  it('round-trips through our Shapefile reader: geometry bit for bit, attributes typed', async () => {
    const poly = await readShapefileZip(zipOf(out.layers.polygon!));
    expect(poly.meta).toMatchObject({ encoding: 'utf-8', encodingFrom: 'cpg', crsFrom: 'prj' });
    expect(poly.features.map((f) => f.geometry)).toEqual([FEATURES[0]!.geometry, FEATURES[1]!.geometry]);
    expect(poly.features.map((f) => f.properties)).toEqual([
      { name: '岢岚县某铁矿', count: 3, area_mu: 1543.2156, sealed: true, found_on: '2024-01-02', 类别: '有证矿山' },
      { name: '两块地', count: 0, area_mu: 0.5, sealed: false, found_on: null, 类别: null },
    ]);
    const pt = await readShapefileZip(zipOf(out.layers.point!));
    expect(pt.features[0]!.geometry).toEqual(FEATURES[2]!.geometry);
    expect(pt.features[0]!.properties).toEqual({ name: '盗采点一', count: null, area_mu: null, sealed: null, found_on: '2023-12-31', 类别: '盗采点' });
    const mp = await readShapefileZip(zipOf(out.layers.multipoint!));
    expect(mp.features[0]!.geometry).toEqual(dropZ(FEATURES[3]!.geometry!));
    expect(mp.features[0]!.properties!['area_mu']).toBe(0); // -0.00001 at 4 decimals is 0, written without a sign
  });

  it('stores outer rings clockwise and holes counter-clockwise, as the Shapefile specification says', () => {
    const shp = out.layers.polygon!.shp!;
    const v = new DataView(shp.buffer, shp.byteOffset);
    expect(v.getInt32(0, false)).toBe(9994);
    expect(v.getInt32(24, false) * 2).toBe(shp.length);
    expect(v.getInt32(32, true)).toBe(5);
    // Record 1 (the polygon with a hole): parts at 100+8+44, points after.
    const rec = 108;
    const nParts = v.getInt32(rec + 36, true), nPoints = v.getInt32(rec + 40, true);
    expect([nParts, nPoints]).toEqual([2, 10]);
    const pts = Array.from({ length: nPoints }, (_, k) => [v.getFloat64(rec + 44 + 4 * nParts + 16 * k, true), v.getFloat64(rec + 52 + 4 * nParts + 16 * k, true)]);
    const signed = (r: number[][]) => r.slice(1).reduce((s, p, k) => s + r[k]![0]! * p[1]! - p[0]! * r[k]![1]!, 0);
    expect(signed(pts.slice(0, 5))).toBeLessThan(0);
    expect(signed(pts.slice(5))).toBeGreaterThan(0);
    // The .shx points at every record.
    const shx = new DataView(out.layers.polygon!.shx!.buffer);
    expect(shx.getInt32(100, false) * 2).toBe(100);
    expect(shx.getInt32(108, false) * 2).toBe(100 + 8 + shx.getInt32(104, false) * 2);
  });

  it('is read by GDAL (ogrinfo -al): layer type, count, extent, CGCS2000 = EPSG:4490, columns and values', () => {
    const file = onDisk(out.layers.polygon!, '图斑');
    const info = gdal('ogrinfo', ['-al', '-so', file]);
    expect(info).toContain('Geometry: Polygon');
    expect(info).toContain('Feature Count: 2');
    expect(info).toContain('Extent: (111.100000, 38.600000) - (111.420000, 38.700000)');
    expect(info).toContain('ID["EPSG",4490]');
    expect(info).toMatch(/^name: String \(18\.0\)$/m); // 岢岚县某铁矿 = 18 bytes of UTF-8
    // Column widths are shared by the layers of one writer (12 in the multipoint layer): one schema.
    expect(info).toMatch(/^count: Integer \(2\.0\)$/m);
    expect(info).toMatch(/^area_mu: Real \(9\.4\)$/m);
    expect(info).toMatch(/^found_on: Date \(10\.0\)$/m);
    expect(info).toMatch(/^类别: String \(12\.0\)$/m);
    const full = gdal('ogrinfo', ['-al', '-q', file]);
    expect(full).toContain('name (String) = 岢岚县某铁矿');
    expect(full).toContain('POLYGON ((111.1 38.6,111.1 38.7,111.2 38.7,111.2 38.6,111.1 38.6),(111.12 38.62,111.14 38.62,111.14 38.64,111.12 38.64,111.12 38.62))');
    expect(full).toContain('MULTIPOLYGON (((111.3 38.6,111.3 38.61,111.31 38.61,111.31 38.6,111.3 38.6)),((111.4 38.65,111.4 38.67,111.42 38.67,111.42 38.65,111.4 38.65)))');
  });

  it('gives GDAL the same features back (ogr2ogr → GeoJSON), every layer', () => {
    const expectSame = (layer: keyof typeof out.layers, source: Feature<Geometry | null>[]) => {
      const got = viaOgr(onDisk(out.layers[layer]!));
      expect(got.features).toHaveLength(source.length);
      got.features.forEach((f, k) => {
        const p = source[k]!.properties!;
        // GDAL reads L as text and leaves blank dates unset (not null): compare without the nulls.
        const want = { ...p, sealed: p['sealed'] === null ? '?' : p['sealed'] ? 'T' : 'F', area_mu: p['area_mu'] === -0.00001 ? 0 : p['area_mu'] };
        expect(withoutNulls(f.properties!)).toEqual(withoutNulls(want));
        const g = source[k]!.geometry;
        if (g) expect(rounded(f.geometry)).toEqual(rounded(dropZ(g)));
        else expect(f.geometry).toBeNull();
      });
    };
    expectSame('polygon', FEATURES.slice(0, 2));
    expectSame('point', [FEATURES[2]!]);
    expectSame('multipoint', [FEATURES[3]!]);
    expectSame('none', [FEATURES[4]!]);
  });

  it('cuts text beyond 254 bytes at a character boundary and says where', async () => {
    const long = '矿'.repeat(100); // 300 bytes of UTF-8
    const r = writeShapefiles(
      [{ type: 'Feature', properties: { name: 'a', note: long }, geometry: { type: 'Point', coordinates: [111, 38] } }],
      { fields: [{ name: 'name', type: 'C' }, { name: 'note', type: 'C' }] },
    );
    expect(r.truncated).toEqual([{ feature: 0, field: 'note' }]);
    const back = await readShapefileZip(zipOf(r.layers.point!));
    expect(back.features[0]!.properties!['note']).toBe('矿'.repeat(84)); // 252 bytes: the 85th would need 255
  });

  it('takes values through a getter and writes a third coordinate nowhere', async () => {
    const r = writeShapefiles([{ type: 'Feature', properties: { deep: { x: 'y' } }, geometry: { type: 'Point', coordinates: [111, 38, 1000] } }], {
      fields: [{ name: 'x', type: 'C', value: (f) => (f.properties!['deep'] as { x: string }).x }],
    });
    const back = await readShapefileZip(zipOf(r.layers.point!));
    expect(back.features[0]).toMatchObject({ properties: { x: 'y' }, geometry: { type: 'Point', coordinates: [111, 38] } });
    expect(r.layers.point!.prj).toBeUndefined();
  });

  it('refuses what a Shapefile cannot hold, naming the feature and column', () => {
    const pt = (properties: Record<string, unknown>, geometry: Geometry | null = { type: 'Point', coordinates: [111, 38] }): Feature<Geometry | null> => ({ type: 'Feature', properties, geometry });
    const bad = (fields: DbfFieldDef[], features: Feature<Geometry | null>[]) => () => writeShapefiles(features, { fields });
    expect(() => new ShapefileWriter({ fields: [{ name: 'licence_no_', type: 'C' }] })).toThrow(/11 bytes of UTF-8/);
    expect(() => new ShapefileWriter({ fields: [{ name: '许可证号码', type: 'C' }] })).toThrow(/15 bytes/);
    expect(() => new ShapefileWriter({ fields: [{ name: 'Name', type: 'C' }, { name: 'NAME', type: 'C' }] })).toThrow(/given twice/);
    expect(() => new ShapefileWriter({ fields: [] })).toThrow(ShapefileWriteError);
    expect(bad([{ name: 'n', type: 'N' }], [pt({ n: 1 }), pt({ n: '12' })])).toThrow('feature 1, column n: expected a finite number, got string');
    expect(bad([{ name: 'n', type: 'N' }], [pt({ n: Number.NaN })])).toThrow(/finite number, got NaN/);
    expect(bad([{ name: 'n', type: 'N', decimals: 2 }], [pt({ n: 1e30 })])).toThrow(/does not fit in 24 characters/);
    expect(bad([{ name: 'b', type: 'L' }], [pt({ b: 'yes' })])).toThrow('feature 0, column b: expected true or false, got "yes"');
    expect(bad([{ name: 'd', type: 'D' }], [pt({ d: '2024/01/02' })])).toThrow('feature 0, column d: expected a date YYYY-MM-DD, got "2024/01/02"');
    expect(bad([{ name: 'n', type: 'C' }], [pt({}, { type: 'GeometryCollection', geometries: [] })])).toThrow('feature 0: geometry type GeometryCollection cannot be written to a Shapefile');
    expect(bad([{ name: 'n', type: 'C' }], [pt({}), pt({}, { type: 'Polygon', coordinates: [[[111, 38], [112, 38], [111, 38]]] })])).toThrow(/feature 1: a ring needs at least 4 positions/);
    expect(bad([{ name: 'n', type: 'C' }], [pt({}, { type: 'MultiPoint', coordinates: [] })])).toThrow('feature 0: a MultiPoint without points');
    expect(bad([{ name: 'n', type: 'C' }], [pt({}, { type: 'Point', coordinates: [Number.POSITIVE_INFINITY, 38] })])).toThrow(/feature 0: coordinate .* is not a finite number/);
  });

  it('closes an unclosed ring and writes lines as PolyLine', () => {
    const r = writeShapefiles(
      [
        { type: 'Feature', properties: { n: 'ring' }, geometry: { type: 'Polygon', coordinates: [[[111, 38], [111, 38.1], [111.1, 38.1]]] } },
        { type: 'Feature', properties: { n: 'road' }, geometry: { type: 'LineString', coordinates: [[111, 38], [111.1, 38.2]] } },
      ],
      { fields: [{ name: 'n', type: 'C' }], prj: CGCS2000_PRJ },
    );
    expect(viaOgr(onDisk(r.layers.polygon!)).features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [[[111, 38], [111.1, 38.1], [111, 38.1], [111, 38]]] }); // closed, RFC 7946 winding
    const line = gdal('ogrinfo', ['-al', onDisk(r.layers.polyline!)]);
    expect(line).toContain('Geometry: Line String');
    expect(line).toContain('LINESTRING (111 38,111.1 38.2)');
  });

  it('writes 20,000 licence polygons (a province) that GDAL and our reader count alike', async () => {
    const t0 = performance.now();
    const w = new ShapefileWriter({ fields: [{ name: 'name', type: 'C' }, { name: 'licence', type: 'C' }, { name: 'area_mu', type: 'N', decimals: 2 }], prj: CGCS2000_PRJ });
    for (let k = 0; k < 20_000; k++) {
      const lon = 100 + (k % 200) * 0.05, lat = 25 + Math.floor(k / 200) * 0.05;
      w.add({ type: 'Feature', properties: { name: `测试矿山${k}`, licence: `C${String(k).padStart(22, '0')}`, area_mu: k / 3 }, geometry: { type: 'Polygon', coordinates: [square(lon, lat, 0.01 + (k % 7) * 0.001)] } });
    }
    const r = w.finish();
    const ms = performance.now() - t0;
    console.log(`shapefile writer: 20,000 polygons in ${ms.toFixed(0)} ms; .shp ${r.layers.polygon!.shp!.length} B, .dbf ${r.layers.polygon!.dbf.length} B`);
    expect(r.layers.polygon!.count).toBe(20_000);
    const info = gdal('ogrinfo', ['-al', '-so', onDisk(r.layers.polygon!)]);
    expect(info).toContain('Feature Count: 20000');
    expect(info).toMatch(/^name: String \(17\.0\)$/m); // 测试矿山19999
    const back = await readShapefileZip(zipOf(r.layers.polygon!));
    expect(back.features).toHaveLength(20_000);
    expect(back.features[19_999]!.properties).toEqual({ name: '测试矿山19999', licence: `C${'0'.repeat(17)}19999`, area_mu: 6666.33 });
  });
});

describe('centroid', () => {
  it('is the point itself, the mean of points, the middle of a line', () => {
    expect(centroid({ type: 'Point', coordinates: [111.5, 38.7] })).toEqual([111.5, 38.7]);
    expect(centroid({ type: 'MultiPoint', coordinates: [[111, 38], [112, 39]] })).toEqual([111.5, 38.5]);
    const mid = centroid({ type: 'LineString', coordinates: [[111, 38], [111, 38.2], [111, 38.4]] })!;
    expect(mid[0]).toBeCloseTo(111, 12);
    expect(mid[1]).toBeCloseTo(38.2, 12);
    expect(centroid(null)).toBeNull();
  });

  it('is the centre of a rectangle whatever its winding, and moves away from a hole', () => {
    const c = centroid({ type: 'Polygon', coordinates: [square(111.1, 38.6, 0.1)] })!;
    expect(c[0]).toBeCloseTo(111.15, 10);
    expect(c[1]).toBeCloseTo(38.65, 10);
    const cw = centroid({ type: 'Polygon', coordinates: [[...square(111.1, 38.6, 0.1)].reverse()] })!;
    expect(cw[0]).toBeCloseTo(111.15, 10);
    // A hole in the upper-right quarter pulls the centroid down-left; by the moments of the
    // rectangle minus the hole, in the local plane: y = (A·ȳ − a·ȳh)/(A − a).
    const h = centroid({ type: 'Polygon', coordinates: [square(111, 38, 0.2), hole(111.1, 38.1, 0.1)] })!;
    expect(h[1]).toBeCloseTo((0.04 * 38.1 - 0.01 * 38.15) / 0.03, 10);
    // Longitudes are scaled by one cos φ0 throughout, which cancels in an area-weighted mean.
    expect(h[0]).toBeCloseTo(111 + (0.04 * 0.1 - 0.01 * 0.15) / 0.03, 10);
  });

  it('weights the parts of a MultiPolygon by their areas', () => {
    const c = centroid({ type: 'MultiPolygon', coordinates: [[square(111, 38, 0.1)], [square(111.3, 38, 0.2)]] })!;
    expect(c[1]).toBeCloseTo((0.01 * 38.05 + 0.04 * 38.1) / 0.05, 10);
  });
});
