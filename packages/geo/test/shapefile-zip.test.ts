import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { openShp } from 'shapefile';
import { describe, expect, it } from 'vitest';
import { geodesicArea, GeoImportError, gkToLonLat, parsePrj, projDef, readShapefileZip, tmProjDef, zoneOf, zoneOfEpsg, type ShapefileCollection } from '../src/index.js';
import { cpgEncoding } from '../src/readers/dbf.js';
import { hex, zipLayer, type TestLayer } from './readers/shp-writer.js';

const IN = new URL('./readers/in/shp/', import.meta.url);
const OUT = new URL('./readers/out/shp/', import.meta.url);
const zipFile = (f: string) => new Uint8Array(readFileSync(new URL(f, IN)));
const source = (f: string) => JSON.parse(readFileSync(new URL(`src/${f}`, IN), 'utf8')) as FeatureCollection;

/** PROJ's cs2cs (Debian proj-bin) as the independent oracle, as in corner-points.test.ts. */
function cs2cs(from: string, to: string, pts: Position[]): number[][] {
  if (!existsSync('/usr/bin/cs2cs')) throw new Error('cs2cs missing: apt-get install -y proj-bin (.ci/run does this)');
  const out = execFileSync('cs2cs', [...from.split(' '), '+to', ...to.split(' '), '-f', '%.12f'], { input: pts.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n' }).toString();
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number));
}

async function issues(zip: Uint8Array, opts?: Parameters<typeof readShapefileZip>[1]): Promise<string> {
  try {
    await readShapefileZip(zip, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(GeoImportError);
    return (e as Error).message;
  }
  throw new Error('expected an import error');
}

/** The fixture's files, to re-zip with changes. */
function files(f: string): Record<string, Uint8Array> {
  return unzipSync(zipFile(f));
}
function without(f: string, ...exts: string[]): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files(f)).filter(([k]) => !exts.some((e) => k.toLowerCase().endsWith(e)))));
}

/** Raw Shapefile geometries (projected metres), read with the shapefile package directly. */
async function rawGeometries(f: string): Promise<Geometry[]> {
  const shp = Object.entries(files(f)).find(([k]) => k.endsWith('.shp'))![1];
  const src = await openShp(shp);
  const out: Geometry[] = [];
  for (let r = await src.read(); !r.done; r = await src.read()) out.push(r.value as Geometry);
  return out;
}

const polys = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
const rings = (g: Geometry) => polys(g).flat(1);
const signed = (r: Position[]) => r.slice(1).reduce((s, p, k) => s + r[k]![0]! * p[1]! - p[0]! * r[k]![1]!, 0);

const GOOD = ['kelan-4525-gbk.zip', 'kelan-4525-gbk-no-cpg.zip', 'kelan-4546-utf8.zip', 'points-4490.zip'];

describe('Shapefile zips → GeoJSON (fixtures test/readers/in/shp written by ogr2ogr; expected in test/readers/out/shp)', () => {
  for (const file of GOOD) {
    it(file, async () => {
      const got = await readShapefileZip(zipFile(file));
      const outFile = new URL(file.replace(/\.zip$/, '.geojson'), OUT);
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, JSON.stringify(got, null, 2) + '\n');
      const want = JSON.parse(readFileSync(outFile, 'utf8')) as ShapefileCollection;
      expect(got.meta).toEqual(want.meta);
      expect(got.features.map((f) => f.properties)).toEqual(want.features.map((f) => f.properties));
      got.features.forEach((f, i) => {
        const a = JSON.stringify(f.geometry, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v));
        const b = JSON.stringify(want.features[i]!.geometry, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v));
        expect(a).toBe(b);
      });
    });
  }

  it('a) EPSG:4525 (zone 37 with prefix), .prj and .cpg "GBK": Chinese names, numbers, dates', async () => {
    const fc = await readShapefileZip(zipFile('kelan-4525-gbk.zip'));
    expect(fc.meta).toMatchObject({ layer: 'kelan-4525-gbk.shp', encoding: 'gbk', encodingFrom: 'cpg', crs: 'CGCS2000_3_Degree_GK_Zone_37', crsFrom: 'prj', epsg: 4525, proj: projDef(zoneOf(3, 37, true)) });
    expect(fc.features.map((f) => f.properties)).toEqual([
      { 图斑编号: 'TB001', 名称: '岢岚县一号图斑', 面积亩: 21.5, 核查日期: '2024-05-17' },
      { 图斑编号: 'TB002', 名称: '岢岚县二号图斑', 面积亩: 9.25, 核查日期: '2024-06-02' },
      { 图斑编号: 'TB003', 名称: '宁武县露天采场', 面积亩: null, 核查日期: '2023-11-30' },
    ]);
    expect(fc.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    expect((fc.features[0]!.geometry as Polygon).coordinates).toHaveLength(2); // outer ring + hole
  });

  it('b) EPSG:4546 (CM 111E, no prefix) in a sub-folder, UTF-8 without .cpg: same places as a)', async () => {
    const [a, b] = await Promise.all([readShapefileZip(zipFile('kelan-4525-gbk.zip')), readShapefileZip(zipFile('kelan-4546-utf8.zip'))]);
    expect(b.meta).toMatchObject({ layer: '岢岚县图斑/图斑.shp', encoding: 'utf-8', encodingFrom: 'detected', epsg: 4546 });
    expect(b.features.map((f) => f.properties!['名称'])).toEqual(['岢岚县一号图斑', '岢岚县二号图斑', '宁武县露天采场']);
    a.features.forEach((f, i) => {
      const pa = rings(f.geometry).flat(), pb = rings(b.features[i]!.geometry).flat();
      expect(pb.length).toBe(pa.length);
      pa.forEach((p, k) => {
        expect(pb[k]![0]).toBeCloseTo(p[0]!, 9);
        expect(pb[k]![1]).toBeCloseTo(p[1]!, 9);
      });
    });
  });

  it('c) GBK without .cpg is detected (not UTF-8 → GBK), and the encoding option is honoured', async () => {
    const a = await readShapefileZip(zipFile('kelan-4525-gbk.zip'));
    const c = await readShapefileZip(zipFile('kelan-4525-gbk-no-cpg.zip'));
    expect(c.meta).toMatchObject({ encoding: 'gbk', encodingFrom: 'detected' });
    expect(c.features.map((f) => f.properties)).toEqual(a.features.map((f) => f.properties));
    const o = await readShapefileZip(zipFile('kelan-4525-gbk-no-cpg.zip'), { encoding: '936' });
    expect(o.meta).toMatchObject({ encoding: 'gbk', encodingFrom: 'option' });
    // the .cpg wins over the option
    expect((await readShapefileZip(zipFile('kelan-4525-gbk.zip'), { encoding: 'utf-8' })).meta.encodingFrom).toBe('cpg');
  });

  it('d) EPSG:4490 lon/lat points: coordinates kept exactly', async () => {
    const fc = await readShapefileZip(zipFile('points-4490.zip'));
    expect(fc.meta).toMatchObject({ crs: 'GCS_China_Geodetic_Coordinate_System_2000', epsg: 4490, encoding: 'utf-8', encodingFrom: 'cpg' });
    expect(fc.features.map((f) => [f.properties!['name'], (f.geometry as Point).coordinates])).toEqual(
      source('points.geojson').features.map((f) => [f.properties!['name'], (f.geometry as Point).coordinates]),
    );
    expect(fc.features[2]!.properties).toEqual({ name: '盗采点3', 备注: null });
  });

  it('polygons come out in RFC 7946 orientation (outer counter-clockwise, holes clockwise)', async () => {
    const fc = await readShapefileZip(zipFile('kelan-4525-gbk.zip'));
    for (const f of fc.features) for (const rs of polys(f.geometry)) rs.forEach((r, k) => expect(signed(r) > 0).toBe(k === 0));
  });
});

describe('against PROJ cs2cs and the GeoJSON the fixtures were made from', () => {
  for (const file of ['kelan-4525-gbk.zip', 'kelan-4546-utf8.zip']) {
    it(`${file}: every vertex agrees with cs2cs to 1e-8°`, async () => {
      const fc = await readShapefileZip(zipFile(file));
      const def = projDef(zoneOfEpsg(fc.meta.epsg!));
      const raw = await rawGeometries(file);
      let n = 0;
      fc.features.forEach((f, i) => {
        const ours = rings(f.geometry), theirs = rings(raw[i]!);
        expect(ours.length).toBe(theirs.length);
        theirs.forEach((ring, k) => {
          const oracle = cs2cs(def, '+proj=longlat +ellps=GRS80', ring);
          // the reader rewinds Shapefile rings (outer clockwise) to RFC 7946
          const mine = signed(ours[k]!) * signed(oracle) < 0 ? [...ours[k]!].reverse() : ours[k]!;
          expect(mine.length).toBe(oracle.length);
          oracle.forEach(([lon, lat], v) => {
            expect(Math.abs(mine[v]![0]! - lon!)).toBeLessThan(1e-8);
            expect(Math.abs(mine[v]![1]! - lat!)).toBeLessThan(1e-8);
            n++;
          });
        });
      });
      expect(n).toBe(26); // 5 + 5 (TB001 and its hole) + 5 + 5 (TB002's two parts) + 6 (TB003)
    });

    it(`${file}: round trip through ogr2ogr gives back the source lon/lat to 1e-8°`, async () => {
      const fc = await readShapefileZip(zipFile(file));
      const src = source('kelan.geojson');
      fc.features.forEach((f, i) => {
        const want = rings(src.features[i]!.geometry).map((r) => r.map((p) => p.join(',')));
        const got = rings(f.geometry);
        expect(got.length).toBe(want.length);
        got.forEach((ring, k) => {
          expect(ring.length).toBe(want[k]!.length);
          for (const p of ring) {
            const near = src.features[i]!.geometry && rings(src.features[i]!.geometry).flat().some((q) => Math.abs(q[0]! - p[0]!) < 1e-8 && Math.abs(q[1]! - p[1]!) < 1e-8);
            expect(near, `${file} feature ${i}: ${p} not in the source`).toBe(true);
          }
        });
      });
      // one known vertex: the first corner of TB001
      const first = (fc.features[0]!.geometry as Polygon).coordinates[0]![0]!;
      expect(first[0]).toBeCloseTo(111.14, 9);
      expect(first[1]).toBeCloseTo(38.699, 9);
    });
  }

  it('areas: geodesicArea within 0.01 % of an equal-area projection through cs2cs and within 0.1 % of the planar Gauss–Krüger area', async () => {
    const fc = await readShapefileZip(zipFile('kelan-4525-gbk.zip'));
    const raw = await rawGeometries('kelan-4525-gbk.zip');
    const planar = (r: Position[]) => Math.abs(signed(r) / 2);
    fc.features.forEach((f, i) => {
      const { m2 } = geodesicArea(f.geometry as Polygon | MultiPolygon);
      let laea = 0, gk = 0;
      polys(f.geometry).forEach((rs) =>
        rs.forEach((ring, k) => {
          const [lon0, lat0] = ring[0]!;
          laea += (k === 0 ? 1 : -1) * planar(cs2cs('+proj=longlat +ellps=GRS80', `+proj=laea +lat_0=${lat0} +lon_0=${lon0} +ellps=GRS80`, ring));
        }),
      );
      polys(raw[i]!).forEach((rs) => rs.forEach((ring, k) => (gk += (k === 0 ? 1 : -1) * planar(ring))));
      expect(Math.abs(m2 - laea) / laea).toBeLessThan(1e-4);
      expect(Math.abs(m2 - gk) / gk).toBeLessThan(1e-3);
    });
    // TB001 at 38.7°N: 0.008° × 0.006° (695 m × 666 m) less a 0.003° × 0.002° hole (261 m × 222 m) ≈ 40.6 万 m²
    expect(geodesicArea(fc.features[0]!.geometry as Polygon).m2).toBeGreaterThan(4.0e5);
    expect(geodesicArea(fc.features[0]!.geometry as Polygon).m2).toBeLessThan(4.1e5);
  });
});

describe('coordinate systems', () => {
  it('no .prj, Y with zone prefix: the zone comes from the prefix (same result as with the .prj)', async () => {
    const withPrj = await readShapefileZip(zipFile('kelan-4525-gbk.zip'));
    const fc = await readShapefileZip(without('kelan-4525-gbk.zip', '.prj'));
    expect(fc.meta).toMatchObject({ crsFrom: 'coordinates', epsg: 4525, crs: 'CGCS2000 3° Gauss–Krüger zone 37 (from the Y prefix)' });
    expect(JSON.stringify(fc.features)).toBe(JSON.stringify(withPrj.features));
  });

  it('no .prj, unprefixed Y: an error unless the zone is chosen', async () => {
    expect(await issues(zipFile('err-no-prj-no-zone.zip'))).toMatch(
      /^feature 0 \(岢岚县一号图斑\): there is no \.prj and Y \(easting\) 512178\.\d+ has no zone prefix: choose the zone \(3° or 6° and its number\); feature 1 \(岢岚县二号图斑\)/,
    );
    const fc = await readShapefileZip(zipFile('err-no-prj-no-zone.zip'), { zone: { width: 3, zone: 37 } });
    expect(fc.meta).toMatchObject({ epsg: 4546, crs: 'CGCS2000 3° Gauss–Krüger zone 37 (zone chosen)' });
    const b = await readShapefileZip(zipFile('kelan-4546-utf8.zip'));
    expect(JSON.stringify(fc.features)).toBe(JSON.stringify(b.features));
    // 6° zone 19 has the same central meridian (111°E): the same projection, another EPSG code
    const six = await readShapefileZip(zipFile('err-no-prj-no-zone.zip'), { zone: { width: 6, zone: 19 } });
    expect(six.meta.epsg).toBe(4508);
    expect(JSON.stringify(six.features)).toBe(JSON.stringify(b.features));
    expect(await issues(zipFile('err-no-prj-no-zone.zip'), { zone: { width: 3, zone: 12 } })).toMatch(/^feature 0: zone 12 is not a 3° Gauss–Krüger zone of China/);
  });

  it('no .prj, mixed zone prefixes: an error naming the feature', async () => {
    expect(await issues(zipFile('err-mixed-zones.zip'))).toBe('feature 1 (三十八带图斑): mixed zones: Y (easting) 38412000 is in 3° zone 38 but feature 0 is in 3° zone 37');
  });

  it('a prefix that contradicts the chosen zone is an error', async () => {
    expect(await issues(without('kelan-4525-gbk.zip', '.prj'), { zone: { width: 3, zone: 38 } })).toMatch(/^feature 0 \(岢岚县一号图斑\): Y \(easting\) 375\d+\.\d+ carries the prefix of zone 37 but 3° zone 38 \(CM 114°E, no prefix\) was chosen/);
  });

  it("Xi'an 1980 and Beijing 1954 are refused, not guessed", async () => {
    expect(await issues(zipFile('err-xian80.zip'))).toBe(
      `feature 0: the .prj is in the Xi'an 1980 datum ("Xian_1980_3_Degree_GK_CM_114E"); converting it to CGCS2000 needs a 7- or 4-parameter transformation you supply; none is guessed`,
    );
    const bj54 =
      'PROJCS["Beijing_1954_3_Degree_GK_CM_114E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const f = files('err-xian80.zip');
    f['xian80.prj'] = strToU8(bj54);
    expect(await issues(zipSync(f))).toMatch(/the \.prj is in the Beijing 1954 datum .*needs a 7- or 4-parameter transformation you supply; none is guessed/);
  });

  it('a .prj that does not belong to the coordinates is an error, not a silent shift', async () => {
    const f = files('kelan-4525-gbk.zip');
    const prjOf = (z: string) => Object.entries(files(z)).find(([k]) => k.endsWith('.prj'))![1]; // zip names here are not UTF-8 flagged
    f['kelan-4525-gbk.prj'] = prjOf('kelan-4546-utf8.zip');
    expect(await issues(zipSync(f))).toMatch(/^feature 0 \(岢岚县一号图斑\): Y \(easting\) 37512\d+\.\d+ carries a zone prefix but the \.prj's false easting is 500000: the \.prj does not belong to these coordinates/);
    f['kelan-4525-gbk.prj'] = prjOf('points-4490.zip');
    expect(await issues(zipSync(f))).toMatch(/^feature 0 \(岢岚县一号图斑\): the \.prj says longitude\/latitude but the coordinates are 37512\d+\.\d+, 428\d+\.\d+ \(metres\?\)/);
  });

  it('parsePrj: ESRI and OGC WKT 1, WKT 2, 3° vs 6° naming, UTM on WGS 84; other projections, units and datums refused', () => {
    const ogc =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 37",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",111],PARAMETER["scale_factor",1],PARAMETER["false_easting",37500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4525"]]';
    expect(parsePrj(ogc)).toMatchObject({ kind: 'tm', datum: 'CGCS2000', epsg: 4525, proj: projDef(zoneOf(3, 37, true)) });
    const wkt2 =
      'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 111E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],CONVERSION["Gauss-Kruger CM 111E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",111,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]],ID["EPSG",4546]]';
    expect(parsePrj(wkt2)).toMatchObject({ kind: 'tm', epsg: 4546, proj: projDef(zoneOf(3, 37, false)) });
    const esri = (name: string, cm: number, fe: number) =>
      `PROJCS["${name}",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
    // CM 111E is a 6° and a 3° central meridian: the same projection; the name tells the EPSG code
    expect(parsePrj(esri('CGCS2000_3_Degree_GK_CM_111E', 111, 500000))).toMatchObject({ epsg: 4546, zone: { width: 3, zone: 37 } });
    expect(parsePrj(esri('CGCS2000_GK_CM_111E', 111, 500000))).toMatchObject({ epsg: 4508, zone: { width: 6, zone: 19 } });
    const plain = parsePrj(esri('custom', 111, 500000));
    expect(plain).toMatchObject({ kind: 'tm', proj: tmProjDef({ centralMeridian: 111, falseEasting: 500000 }) });
    expect(plain).not.toHaveProperty('epsg');
    expect(parsePrj(esri('custom', 114, 500000))).toMatchObject({ epsg: 4547 }); // 114 ≡ 0 (mod 6): only a 3° CM
    expect(parsePrj(esri('CGCS2000_GK_Zone_19', 111, 19500000))).toMatchObject({ epsg: 4497 });
    const utm =
      'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(parsePrj(utm)).toMatchObject({ kind: 'tm', datum: 'WGS 84', proj: '+proj=tmerc +lat_0=0 +lon_0=111 +k=0.9996 +x_0=500000 +y_0=0 +ellps=WGS84 +units=m +no_defs' });
    expect(parsePrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toEqual({ kind: 'lonlat', datum: 'WGS 84', name: 'GCS_WGS_1984', epsg: 4326 });
    expect(() =>
      parsePrj('PROJCS["Asia_North_Albers_Equal_Area_Conic",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Albers"],PARAMETER["Central_Meridian",95.0],UNIT["Meter",1.0]]'),
    ).toThrow(/projection "Albers": only Gauss–Krüger/);
    expect(() => parsePrj(esri('feet', 111, 500000).replace('UNIT["Meter",1.0]]', 'UNIT["Foot_US",0.3048006096012192]]'))).toThrow(/linear unit is "Foot_US", not metres/);
    expect(() =>
      parsePrj('GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'),
    ).toThrow(/datum .*North_American_1983.* is neither CGCS2000 nor WGS 84/);
    expect(parsePrj('GEOGCS["GCS_unknown",DATUM["D_unknown",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toMatchObject({ kind: 'lonlat', datum: 'CGCS2000' });
    expect(() => parsePrj('PROJCS["x",GEOGCS[')).toThrow(/not valid WKT/);
  });
});

describe('attribute encodings', () => {
  it('a .cpg saying UTF-8 over GBK bytes is a bad encoding, named with the field and the likely encoding', async () => {
    expect(await issues(zipFile('err-cpg-utf8-over-gbk.zip'))).toBe(
      'feature 0: bad encoding: field name #1 ("图斑编号" in GBK) is not valid UTF-8 (the .cpg says "UTF-8") — the bytes are valid GBK: if the data is GBK, correct or remove the .cpg / encoding',
    );
  });

  const layer = (values: (string | Uint8Array)[]): TestLayer => ({
    type: 'polygon',
    shapes: values.map((_, i) => [[[37512000 + 1000 * i, 4285000], [37512000 + 1000 * i, 4285500], [37512600 + 1000 * i, 4285500], [37512600 + 1000 * i, 4285000], [37512000 + 1000 * i, 4285000]]]),
    fields: [
      { name: 'TBBH', type: 'C', length: 10 },
      { name: 'MC', type: 'C', length: 20 },
    ],
    records: values.map((v, i) => [`TB00${i + 1}`, v]),
  });

  it('names the first bad record and field', async () => {
    const gbk = hex('e1b3e1b0cfd8b6febac5cdbcb0df'); // 岢岚县二号图斑 in GBK
    const msg = await issues(zipLayer(layer(['岢岚县一号图斑', gbk]), 'layer', { 'layer.cpg': 'UTF-8' }));
    expect(msg).toBe('feature 1 (TB002): bad encoding: field "MC" is not valid UTF-8 (the .cpg says "UTF-8") — the bytes are valid GBK: if the data is GBK, correct or remove the .cpg / encoding');
    // bytes that are neither UTF-8 nor GBK, no .cpg
    expect(await issues(zipLayer(layer(['abc', hex('ff41ff42')])))).toBe('feature 1 (TB002): bad encoding: field "MC" is not valid GBK (nor UTF-8: detection tried both) — give the encoding (a .cpg file or the encoding option)');
    // the same GBK bytes read fine when the .cpg says so
    const fc = await readShapefileZip(zipLayer(layer([hex('e1b3e1b0cfd8d2bbbac5cdbcb0df'), gbk]), 'layer', { 'layer.cpg': 'CP936' }));
    expect(fc.features.map((f) => f.properties)).toEqual([{ TBBH: 'TB001', MC: '岢岚县一号图斑' }, { TBBH: 'TB002', MC: '岢岚县二号图斑' }]);
    // 0xFF is no GBK byte (Node's ICU "gbk" decoder would let it through as U+F8F5)
    expect(await issues(zipLayer(layer(['abc', hex('ff41')]), 'layer', { 'layer.cpg': 'GBK' }))).toMatch(/^feature 1 \(TB002\): bad encoding: field "MC" is not valid GBK \(the \.cpg says "GBK"\)/);
  });

  it('a UTF-8 character cut by the field width (writers truncate names to 10 bytes) is dropped, not an error', async () => {
    const l = layer(['岢岚县一号图斑']);
    l.fields[1] = { name: new TextEncoder().encode('图斑编号').subarray(0, 10), type: 'C', length: 8 }; // "图斑编" + 1 byte; value 8 bytes = 2⅔ characters
    const fc = await readShapefileZip(zipLayer(l, 'layer', { 'layer.cpg': 'UTF-8' }));
    expect(fc.features[0]!.properties).toEqual({ TBBH: 'TB001', 图斑编: '岢岚' });
  });

  it('.cpg names → TextDecoder labels', () => {
    expect(['GBK', 'gbk\r\n', '936', 'CP936', 'ANSI 936', 'GB2312', 'MS936'].map(cpgEncoding)).toEqual(Array(7).fill('gbk'));
    expect(['UTF-8', 'utf8', '65001'].map(cpgEncoding)).toEqual(['utf-8', 'utf-8', 'utf-8']);
    expect(['GB18030', '54936', 'BIG5', '1252', 'SYSTEM', '', 'x-made-up'].map(cpgEncoding)).toEqual(['gb18030', 'gb18030', 'big5', 'windows-1252', null, null, undefined]);
  });

  it('an unknown .cpg is an error', async () => {
    expect(await issues(zipLayer(layer(['a']), 'layer', { 'layer.cpg': 'KOI9' }))).toBe('feature 0: the .cpg names the encoding "KOI9", which is not known: fix the .cpg or remove it');
  });
});

describe('archives', () => {
  it('a missing .dbf is an error', async () => {
    expect(await issues(zipFile('err-missing-dbf.zip'))).toBe('feature 0: the archive has kelan-4525-gbk.shp but no kelan-4525-gbk.dbf beside it: a Shapefile needs its .dbf (attributes)');
  });

  it('several layers in one archive: an error naming them', async () => {
    const f = { ...files('kelan-4525-gbk.zip'), ...files('points-4490.zip') };
    expect(await issues(zipSync(f))).toBe('feature 0: the archive holds 2 layers (kelan-4525-gbk.shp, points-4490.shp): zip one layer at a time');
  });

  it('no .shp, or not a zip at all', async () => {
    expect(await issues(zipSync({ 'readme.txt': strToU8('x') }))).toBe('feature 0: the archive holds no .shp file (it holds readme.txt)');
    expect(await issues(strToU8('not a zip'))).toMatch(/^feature 0: the upload is not a readable zip archive/);
  });

  it('upper-case extensions, macOS "__MACOSX/._" companions, GBK file names', async () => {
    const f = files('kelan-4525-gbk.zip');
    const renamed: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(f)) renamed[k.replace('kelan-4525-gbk', 'KELAN').toUpperCase().replace('KELAN', 'Kelan')] = v;
    renamed['__MACOSX/._Kelan.SHP'] = strToU8('junk');
    renamed['._Kelan.SHP'] = strToU8('junk');
    const fc = await readShapefileZip(zipSync(renamed));
    expect(fc.meta.layer).toBe('Kelan.SHP');
    expect(fc.features).toHaveLength(3);
  });

  it('a .shp and .dbf with different record counts do not belong together', async () => {
    const l: TestLayer = { type: 'point', shapes: [[[[111.1, 38.7]]], [[[111.2, 38.7]]]], fields: [{ name: 'name', type: 'C', length: 10 }], records: [['a']] };
    expect(await issues(zipLayer(l))).toBe('feature 1: the .shp has 2 shapes but the .dbf has 1 records: the files do not belong together');
  });
});

describe('validation: all-or-nothing, naming feature index and label', () => {
  it('a self-intersecting polygon', async () => {
    expect(await issues(zipFile('err-self-intersection.zip'))).toBe('feature 1 (自相交图斑) ring 0 vertex 0: ring intersects itself: edge 0 crosses edge 2');
  });

  it('a polygon outside China', async () => {
    expect(await issues(zipFile('err-outside-china.zip'))).toBe('feature 1 (境外图斑) ring 0 vertex 0: 2.35, 48.85 is not a longitude/latitude in China');
  });

  it('swapped lon/lat points and several problems at once', async () => {
    const l: TestLayer = {
      type: 'point',
      shapes: [[[[111.1, 38.7]]], [[[38.7, 111.1]]], [[[2.35, 48.85]]]],
      fields: [{ name: 'name', type: 'C', length: 10 }],
      records: [['ok'], ['swapped'], ['paris']],
    };
    expect(await issues(zipLayer(l))).toBe(
      'feature 1 (swapped): point 38.7, 111.1 is not a longitude/latitude in China (longitude and latitude look swapped); feature 2 (paris): point 2.35, 48.85 is not a longitude/latitude in China',
    );
  });

  it('an empty layer', async () => {
    expect(await issues(zipLayer({ type: 'polygon', shapes: [], fields: [{ name: 'a', type: 'C', length: 1 }], records: [] }))).toBe('feature 0: the layer has no features');
  });
});

describe('size', () => {
  it('20,000 polygons (zone 37, .prj, GBK .cpg): every feature read, vertices converted', async () => {
    const n = 20_000;
    const shapes = Array.from({ length: n }, (_, i) => {
      const x = 37500000 + (i % 200) * 150, y = 4280000 + Math.floor(i / 200) * 150;
      return [[[x, y], [x, y + 100], [x + 100, y + 100], [x + 100, y], [x, y]]]; // clockwise, as Shapefiles store outer rings
    });
    const l: TestLayer = {
      type: 'polygon',
      shapes,
      fields: [
        { name: hex('cdbcb0dfb1e0bac5'), type: 'C', length: 10 }, // 图斑编号 in GBK
        { name: 'MJ', type: 'N', length: 12, decimals: 2 },
      ],
      records: shapes.map((_, i) => [`TB${i}`, 1.5]),
    };
    const prj = files('kelan-4525-gbk.zip')['kelan-4525-gbk.prj']!;
    const zip = zipLayer(l, 'big', { 'big.prj': prj, 'big.cpg': 'GBK' });
    const fc = await readShapefileZip(zip);
    expect(fc.features).toHaveLength(n);
    expect(fc.features[n - 1]!.properties).toEqual({ 图斑编号: `TB${n - 1}`, MJ: 1.5 });
    const last = shapes[n - 1]![0]![0]!;
    const [lon, lat] = gkToLonLat(last[1]!, last[0]!, zoneOf(3, 37, true));
    const got = (fc.features[n - 1]!.geometry as Polygon).coordinates[0]!;
    expect(got.some((p) => Math.abs(p[0]! - lon) < 1e-9 && Math.abs(p[1]! - lat) < 1e-9)).toBe(true);
  });
});
