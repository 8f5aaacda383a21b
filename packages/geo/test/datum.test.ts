import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { openShp } from 'shapefile';
import { describe, expect, it } from 'vitest';
import {
  CornerPointError,
  DatumError,
  GeoImportError,
  LEGACY_DATUMS,
  describeTransform,
  legacyCrsOfEpsg,
  legacyEpsg,
  legacyGkPointToLonLat,
  legacyLonLatToCgcs2000,
  parseCornerPoints,
  parseDatumTransform,
  parsePrj,
  planeTransform,
  readGeoJson,
  readShapefileZip,
  zoneOf,
  type DatumTransform,
  type FourParameterTransform,
  type SevenParameterTransform,
} from '../src/index.js';

const IN = new URL('./in/', import.meta.url);
const OUT = new URL('./out/', import.meta.url);
const SHP = new URL('./readers/in/shp/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, IN), 'utf8');
const TRANSFORMS = JSON.parse(read('datum-transforms.json')) as Record<string, { source: string; transform: unknown }>;
const transformOf = (f: string) => parseDatumTransform(TRANSFORMS[f]!.transform);
const FIXTURES = readdirSync(IN).filter((f) => f.startsWith('datum-') && f.endsWith('.txt'));

function tool(name: string): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path)) throw new Error(`${name} missing: apt-get install -y proj-bin (.ci/run does this)`);
  return path;
}
const lines = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number) as [number, number]);
/** PROJ's cs2cs (Debian proj-bin) as the independent oracle: points are easting northing / lon lat. */
function cs2cs(from: string, to: string, pts: number[][]): [number, number][] {
  return lines(execFileSync(tool('cs2cs'), [...from.split(' '), '+to', ...to.split(' '), '-f', '%.12f'], { input: pts.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n' }).toString());
}
/** PROJ's cct running an explicit pipeline (for what +towgs84 cannot say: coordinate frame, affine). */
function cct(pipeline: string, pts: number[][]): [number, number][] {
  return lines(execFileSync(tool('cct'), ['-d', '12', ...pipeline.split(/\s+/)], { input: pts.map((p) => `${p[0]} ${p[1]} 0 0`).join('\n') + '\n' }).toString());
}

const ELLPS = { xian80: '+a=6378140 +rf=298.257', beijing54: '+ellps=krass' } as const;
/** +towgs84 is position vector; a coordinate-frame set is the same with the rotations negated. */
function towgs84(t: SevenParameterTransform): string {
  const r = t.convention === 'position-vector' ? 1 : -1;
  return [t.dx, t.dy, t.dz, r * t.rx, r * t.ry, r * t.rz, t.scale].join(',');
}
const tmerc = (cm: number, x0: number, ellps: string) => `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${x0} +y_0=0 ${ellps} +units=m +no_defs`;
const CGCS = '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs';

/** The fixture's corner points as written, [X northing, Y easting], each once (ring closures dropped). */
function rows(text: string): [number, number][] {
  const seen = new Set<string>();
  const out: [number, number][] = [];
  for (const m of text.normalize('NFKC').matchAll(/^\s*(?:J?\d+)[\s,]+(?:\d+,)?\s*(\d{6,}\.\d+)[\s,]+(\d{6,}\.\d+)\s*,?\s*$/gm)) {
    const key = `${m[1]},${m[2]}`;
    if (!seen.has(key)) out.push([Number(m[1]), Number(m[2])]);
    seen.add(key);
  }
  return out;
}
/** Every vertex of the features in order, without the repeated closing vertex of each ring. */
const vertices = (fs: { geometry: Polygon | MultiPolygon }[]) =>
  fs.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap((poly) => poly.flatMap((ring) => ring.slice(0, -1))));

function expectSame(ours: Position[], oracle: [number, number][], what: string) {
  expect(ours.length, what).toBe(oracle.length);
  ours.forEach((p, k) => {
    expect(Math.abs(p[0]! - oracle[k]![0]), `${what} vertex ${k} longitude`).toBeLessThan(1e-8);
    expect(Math.abs(p[1]! - oracle[k]![1]), `${what} vertex ${k} latitude`).toBeLessThan(1e-8);
  });
}

function cornerIssues(text: string, opts: Parameters<typeof parseCornerPoints>[1]): string {
  try {
    parseCornerPoints(text, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(CornerPointError);
    return (e as Error).message;
  }
  throw new Error('expected a corner-point error');
}

describe("Xi'an 80 / Beijing 54 corner points → CGCS2000 (fixtures test/in/datum-*, transformations in datum-transforms.json)", () => {
  for (const file of FIXTURES) {
    it(`${file}: matches test/out and, vertex by vertex, PROJ to 1e-8°`, () => {
      const t = transformOf(file);
      const got = parseCornerPoints(read(file), { datum: t });
      const outFile = new URL(file.replace(/\.txt$/, '.geojson'), OUT);
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, JSON.stringify({ type: 'FeatureCollection', features: got }, null, 2) + '\n');
      const want = JSON.parse(readFileSync(outFile, 'utf8'));
      expect(got.map((f) => f.properties)).toEqual(want.features.map((f: { properties: object }) => ({ ...f.properties, areaM2: expect.closeTo((f.properties as { areaM2: number }).areaM2, 3), areaMu: expect.closeTo((f.properties as { areaMu: number }).areaMu, 3) })));
      const ours = vertices(got);
      expectSame(ours, vertices(want.features) as [number, number][], `${file} vs test/out`);

      // The oracle reads the file's own numbers as easting = Y, northing = X (no axis swap).
      const xy = rows(read(file));
      const epsg = got[0]!.properties.epsg;
      const crs = legacyCrsOfEpsg(epsg)!;
      expect(crs.datum).toBe(t.from);
      const z = crs.zone!;
      const x0 = (z.prefixed ? z.zone * 1e6 : 0) + 500_000;
      const en = xy.map(([x, y]) => [y, x]);
      if (t.type === '7-parameter') {
        // the brief's oracle: cs2cs with +towgs84 on the old ellipsoid
        expectSame(ours, cs2cs(`${tmerc(z.centralMeridian, x0, ELLPS[t.from])} +towgs84=${towgs84(t)}`, CGCS, en), `${file} vs cs2cs`);
        // and an explicit pipeline stating the convention, so the sign handling is checked on its own
        const pipeline = `+proj=pipeline +step +inv ${tmerc(z.centralMeridian, x0, ELLPS[t.from])} +step +proj=cart ${ELLPS[t.from]} +step +proj=helmert +x=${t.dx} +y=${t.dy} +z=${t.dz} +rx=${t.rx} +ry=${t.ry} +rz=${t.rz} +s=${t.scale} +convention=${t.convention.replace('-', '_')} +step +inv +proj=cart +ellps=GRS80 +step +proj=unitconvert +xy_in=rad +xy_out=deg`;
        expectSame(ours, cct(pipeline.replace(/ \+units=m \+no_defs/g, ''), en), `${file} vs cct`);
      } else {
        // 4 parameters as PROJ's affine on (easting, northing), then the CGCS2000 zone
        const θ = (t.rotation / 3600) * (Math.PI / 180), k = 1 + t.scale * 1e-6;
        const c = k * Math.cos(θ), s = k * Math.sin(θ);
        const pipeline = `+proj=pipeline +step +proj=affine +xoff=${t.dy} +yoff=${t.dx} +s11=${c} +s12=${s} +s21=${-s} +s22=${c} +step +inv ${tmerc(z.centralMeridian, x0, '+ellps=GRS80')} +step +proj=unitconvert +xy_in=rad +xy_out=deg`;
        expectSame(ours, cct(pipeline.replace(/ \+units=m \+no_defs/g, ''), en), `${file} vs cct`);
      }
    });
  }

  it('the 4-parameter plane transformation agrees with a hand computation', () => {
    // X' = dX + (1+m)(X cos θ − Y sin θ), Y' = dY + (1+m)(X sin θ + Y cos θ) with the Zhongwei
    // parameters (dX 37.285 m, dY −594.935 m, θ 0.26057″, m 20.2302 ppm) at its point 1
    // (X 4146455.92, Y 35504424.22): θ = 1.263279008867e-6 rad, cos θ = 0.999999999999202,
    // sin θ = 1.263279008867e-6 (bc -l, 30 digits).
    const t = transformOf('datum-xian80-registry-zhongwei.txt') as FourParameterTransform;
    const q = planeTransform(4146455.92, 35504424.22, t);
    expect(q.x).toBeCloseTo(4146532.235728, 5);
    expect(q.y).toBeCloseTo(35504552.784811, 5);
  });

  it('X is northing: the Dalad fixture lands in 达拉特旗, and the swapped table is refused', () => {
    const t = transformOf('datum-beijing54-table-dalad.txt');
    const [f] = parseCornerPoints(read('datum-beijing54-table-dalad.txt'), { datum: t });
    const [lon, lat] = (f!.geometry as Polygon).coordinates[0]![0]!;
    // 达拉特旗 spans about 109.0–110.8°E, 39.8–40.6°N; the fixture was drawn at 109.95°E 40.28°N
    expect(lon).toBeGreaterThan(109.9);
    expect(lon).toBeLessThan(110.0);
    expect(lat).toBeGreaterThan(40.25);
    expect(lat).toBeLessThan(40.3);
    expect(f!.properties).toMatchObject({ epsg: 21419, elevationTop: 1180, elevationBottom: 1120 });
    expect(cornerIssues(read('err-datum-swapped.txt'), { datum: t })).toMatch(/^line 3 \(point 1\): Y 4461227\.4 has zone prefix 4, which is no Gauss–Krüger zone of China/);
    // the point API reads the zone from the Y prefix the same way
    const p = legacyGkPointToLonLat(4461227.4, 19410701.43, t);
    expect(p).toMatchObject({ lonLat: [lon, lat], epsg: 21419, zone: { width: 6, zone: 19, prefixed: true } });
  });

  it('the rotation convention matters and is applied as stated', () => {
    const t = transformOf('datum-xian80-land-kelan.txt') as SevenParameterTransform;
    const flipped: SevenParameterTransform = { ...t, convention: 'position-vector' };
    const negated: SevenParameterTransform = { ...t, convention: 'position-vector', rx: -t.rx, ry: -t.ry, rz: -t.rz };
    const at = (tr: DatumTransform) => (parseCornerPoints(read('datum-xian80-land-kelan.txt'), { datum: tr })[0]!.geometry as Polygon).coordinates[0]![0]!;
    const a = at(t), b = at(flipped), c = at(negated);
    expect(Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) * 111_000).toBeGreaterThan(10); // metres
    expect(c[0]).toBeCloseTo(a[0]!, 12);
    expect(c[1]).toBeCloseTo(a[1]!, 12);
  });

  it('without a transformation the named old datum is refused; a mismatched or needless one is an error', () => {
    expect(cornerIssues(read('datum-beijing54-table-dalad.txt'), {})).toBe(
      'line 1: "达拉特旗某砂石矿采矿权拐点坐标(1954北京坐标系,6度带)" is not CGCS2000: Xi\'an 80 / Beijing 54 coordinates need a transformation with parameters you supply; none is guessed',
    );
    expect(cornerIssues(read('datum-xian80-land-kelan.txt'), {})).toMatch(/^line 5: 坐标系 "1980西安坐标系" is not CGCS2000: .*none is guessed$/);
    const xian = transformOf('datum-xian80-land-kelan.txt');
    expect(cornerIssues(read('datum-beijing54-table-dehong.txt'), { datum: xian })).toMatch(/^line 1: ".*1954年北京坐标系.*" names Beijing 1954 \(1954北京坐标系\), but the transformation supplied is from Xi'an 1980 \(1980西安坐标系\)$/);
    expect(cornerIssues(read('table-kelan.txt'), { datum: xian })).toMatch(/^line 1: ".*2000国家大地坐标系.*" is CGCS2000, but a transformation from Xi'an 1980 was supplied: remove it$/);
    // the same file that corner-points.test.ts sees refused reads with a transformation
    const [f] = parseCornerPoints(read('err-xian80.txt'), { datum: xian });
    expect(f!.properties.epsg).toBe(2382); // Xi'an 1980 / 3-degree GK CM 111E
    expect(f!.properties.transformation).toBe(describeTransform(xian));
    // 转换参数 in the file are named, not used
    const withParams = read('datum-xian80-land-kelan.txt').replace('转换参数=,,,,,,', '转换参数=31.42,-126.35,-47.18,-1.8432,2.2917,-3.0841,4.3126');
    expect(cornerIssues(withParams, {})).toMatch(/the file's 转换参数 "31\.42,.*" are not applied: the format states neither their kind nor their rotation convention/);
    expect(cornerIssues(read('datum-xian80-land-kelan.txt').replace('1980西安坐标系', '地方独立坐标系'), {})).toMatch(/^line 5: 坐标系 "地方独立坐标系" is neither CGCS2000 nor Xi'an 80 \/ Beijing 54/);
  });

  it('parameters that move points by kilometres are refused, naming the point', () => {
    const bad = parseDatumTransform({ type: '7-parameter', from: 'xian80', dx: 900, dy: -900, dz: 900, rx: 0, ry: 0, rz: 0, scale: 0, convention: 'position-vector' });
    expect(cornerIssues(read('datum-xian80-land-kelan.txt'), { datum: bad })).toMatch(/^line 14 \(point J1\): X 4287425\.44, Y 506957\.35: the 7-parameter transformation moves this point \d{4} m from where the same coordinates lie read as CGCS2000/);
    // rotations in arc-minutes by mistake (60× too large) are caught the same way
    const t = transformOf('datum-xian80-land-kelan.txt') as SevenParameterTransform;
    expect(cornerIssues(read('datum-xian80-land-kelan.txt'), { datum: { ...t, rz: t.rz * 60 } })).toMatch(/moves this point \d+ m/);
  });
});

describe('DatumTransform validation', () => {
  const seven = { type: '7-parameter', from: 'xian80', dx: 1, dy: 2, dz: 3, rx: 0.1, ry: 0.2, rz: 0.3, scale: 1.5, convention: 'coordinate-frame' };
  const err = (v: unknown) => {
    try {
      parseDatumTransform(v);
    } catch (e) {
      expect(e).toBeInstanceOf(DatumError);
      return (e as Error).message;
    }
    throw new Error('expected a DatumError');
  };
  it('accepts complete sets of both kinds', () => {
    expect(parseDatumTransform(seven)).toEqual(seven);
    const four = { type: '4-parameter', from: 'beijing54', dx: -12.5, dy: 80, rotation: -1.2, scale: 3 };
    expect(parseDatumTransform(four)).toEqual(four);
  });
  it('names the field, its unit and the problem; nothing is defaulted', () => {
    const { rz: _rz, ...noRz } = seven;
    expect(err(noRz)).toBe('datum.rz is missing: the rotation about the geocentric Z axis in arc-seconds (write 0 if it is zero; nothing is assumed)');
    const { convention: _c, ...noConvention } = seven;
    expect(err(noConvention)).toMatch(/^datum\.convention is missing: "position-vector" \(EPSG 9606, PROJ \+towgs84\) or "coordinate-frame" \(EPSG 9607\)/);
    expect(err({ ...seven, dx: '12.3' })).toBe('datum.dx must be a number in m (the shift along the geocentric X axis in metres), got "12.3"');
    expect(err({ ...seven, scale: 1.2e4 })).toBe('datum.scale is 12000 ppm, beyond ±1000 ppm for the scale difference in ppm, (factor − 1) × 10⁶: check the unit');
    expect(err({ ...seven, rx: 3600 })).toMatch(/^datum\.rx is 3600 ″, beyond ±600 ″/);
    expect(err({ ...seven, angle: 1 })).toMatch(/^datum\.angle is not a field of a 7-parameter transformation \(fields: type, from, dx, dy, dz, rx, ry, rz, scale, convention\)/);
    expect(err({ ...seven, from: 'wgs84' })).toMatch(/^datum\.from must be "xian80" \(1980西安坐标系, Xi'an 1980\) or "beijing54"/);
    expect(err({ ...seven, type: 'helmert' })).toMatch(/^datum\.type must be "7-parameter" .* or "4-parameter"/);
    expect(err({ type: '4-parameter', from: 'xian80', dx: 1, dy: 2, scale: 0 })).toBe('datum.rotation is missing: the rotation in arc-seconds (write 0 if it is zero; nothing is assumed)');
    expect(err({ type: '4-parameter', from: 'xian80', dx: 1, dy: 2, rotation: 0, scale: 0, convention: 'position-vector' })).toMatch(/datum\.convention is not a field of a 4-parameter transformation/);
    expect(err([1, 2, 3])).toMatch(/^datum must be an object/);
    // every problem at once
    expect(err({ ...seven, dx: null, dy: Infinity }).split('; ')).toHaveLength(2);
  });
});

describe('EPSG codes of the old-datum zones', () => {
  it('agree with the names in PROJ’s EPSG database for all 128 Gauss–Krüger CRSs', () => {
    const list = execFileSync(tool('projinfo'), ['--list-crs', 'projected', '--authority', 'EPSG']).toString();
    const found = [...list.matchAll(/^EPSG:(\d+) "(Xian 1980|Beijing 1954) \/ (3-degree )?Gauss-Kruger (zone (\d+)|CM (\d+)E)"$/gm)];
    expect(found).toHaveLength(128);
    for (const m of found) {
      const code = Number(m[1]);
      const datum = m[2] === 'Xian 1980' ? 'xian80' : 'beijing54';
      const width = m[3] ? 3 : 6;
      const zone = m[5] ? Number(m[5]) : width === 3 ? Number(m[6]) / 3 : (Number(m[6]) + 3) / 6;
      const z = zoneOf(width, zone, m[5] !== undefined);
      expect(legacyEpsg(datum, z), m[0]).toBe(code);
      expect(legacyCrsOfEpsg(code), m[0]).toEqual({ datum, zone: z });
    }
    expect(legacyCrsOfEpsg(4610)).toEqual({ datum: 'xian80' });
    expect(legacyCrsOfEpsg(4214)).toEqual({ datum: 'beijing54' });
    expect(legacyCrsOfEpsg(4525)).toBeUndefined();
  });
});

describe('Shapefile .prj in Xi’an 1980 / Beijing 1954', () => {
  const zip = () => new Uint8Array(readFileSync(new URL('err-xian80.zip', SHP)));
  const files = () => unzipSync(zip());
  const xian = parseDatumTransform({ type: '7-parameter', from: 'xian80', dx: 31.42, dy: -126.35, dz: -47.18, rx: -1.8432, ry: 2.2917, rz: -3.0841, scale: 4.3126, convention: 'position-vector' }) as SevenParameterTransform;
  async function raw(): Promise<Position[]> {
    const src = await openShp(files()['xian80.shp']!);
    const out: Position[] = [];
    for (let r = await src.read(); !r.done; r = await src.read()) out.push(...(r.value as Polygon).coordinates.flat(1));
    return out;
  }
  async function issues(z: Uint8Array, opts: Parameters<typeof readShapefileZip>[1]): Promise<string> {
    try {
      await readShapefileZip(z, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(GeoImportError);
      return (e as Error).message;
    }
    throw new Error('expected an import error');
  }
  const sortedVertices = (g: Geometry) => (g as Polygon).coordinates.flat(1).map((p) => `${p[0]!.toFixed(9)},${p[1]!.toFixed(9)}`).sort();

  it('with a transformation: every vertex as cs2cs gives it (EPSG:2383 + the same +towgs84)', async () => {
    const fc = await readShapefileZip(zip(), { datum: xian });
    expect(fc.meta).toMatchObject({ crs: 'Xian_1980_3_Degree_GK_CM_114E', epsg: 2383, transformation: describeTransform(xian) });
    const oracle = cs2cs(`${tmerc(114, 500000, ELLPS.xian80)} +towgs84=${towgs84(xian)}`, CGCS, await raw());
    // the reader rewinds rings to RFC 7946, so compare as sets of vertices
    expect(sortedVertices(fc.features[0]!.geometry)).toEqual(oracle.map((p) => `${p[0].toFixed(9)},${p[1].toFixed(9)}`).sort());
  });

  it('without a .prj the transformation says the datum and the zone comes as for CGCS2000', async () => {
    const f = files();
    delete f['xian80.prj'];
    const fc = await readShapefileZip(zipSync(f), { datum: xian, zone: { width: 3, zone: 38 } });
    expect(fc.meta).toMatchObject({ crs: "Xi'an 1980 3° Gauss–Krüger zone 38 (zone chosen)", crsFrom: 'coordinates', epsg: 2383 });
    const withPrj = await readShapefileZip(zip(), { datum: xian });
    expect(fc.features[0]!.geometry).toEqual(withPrj.features[0]!.geometry);
  });

  it('refuses a transformation from the other datum, one for a CGCS2000 layer, and 4 parameters on longitude/latitude', async () => {
    const bj = parseDatumTransform({ type: '4-parameter', from: 'beijing54', dx: 0, dy: 0, rotation: 0, scale: 0 });
    expect(await issues(zip(), { datum: bj })).toBe(`feature 0: the .prj is in the Xi'an 1980 datum ("Xian_1980_3_Degree_GK_CM_114E"), but the transformation supplied is from Beijing 1954`);
    expect(await issues(new Uint8Array(readFileSync(new URL('kelan-4525-gbk.zip', SHP))), { datum: xian })).toMatch(/^feature 0: the \.prj \("CGCS2000_3_Degree_GK_Zone_37"\) is CGCS2000, but a transformation from Xi'an 1980 was supplied: remove it$/);
    const geog = 'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(() => parsePrj(geog, { datum: bj })).toThrow(/is Beijing 1954 longitude\/latitude, but a 4-parameter transformation works in the Gauss–Krüger plane/);
    expect(parsePrj(geog, { datum: { ...xian, from: 'beijing54' } })).toMatchObject({ kind: 'legacy-lonlat', datum: 'beijing54', epsg: 4214 });
    expect(() => parsePrj(geog)).toThrow(/the \.prj is in the Beijing 1954 datum \("GCS_Beijing_1954"\); .*none is guessed/);
  });

  it('a Beijing 1954 .prj with a 4-parameter transformation goes through the CGCS2000 plane of the same zone', async () => {
    const bj54 =
      'PROJCS["Beijing_1954_3_Degree_GK_CM_114E",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const f = files();
    f['xian80.prj'] = strToU8(bj54);
    const t = parseDatumTransform({ type: '4-parameter', from: 'beijing54', dx: -41.2, dy: 63.7, rotation: 0.8, scale: -6.1 }) as FourParameterTransform;
    const fc = await readShapefileZip(zipSync(f), { datum: t });
    expect(fc.meta).toMatchObject({ epsg: 2435, proj: tmerc(114, 500000, '+a=6378245 +rf=298.3') });
    const moved = (await raw()).map((p) => {
      const q = planeTransform(p[1]!, p[0]!, t);
      return [q.y, q.x];
    });
    const oracle = cs2cs(tmerc(114, 500000, '+ellps=GRS80'), '+proj=longlat +ellps=GRS80 +no_defs', moved);
    expect(sortedVertices(fc.features[0]!.geometry)).toEqual(oracle.map((p) => `${p[0].toFixed(9)},${p[1].toFixed(9)}`).sort());
  });
});

describe('GeoJSON declaring Xi’an 1980 / Beijing 1954 longitude/latitude', () => {
  const xian = parseDatumTransform({ type: '7-parameter', from: 'xian80', dx: 31.42, dy: -126.35, dz: -47.18, rx: -1.8432, ry: 2.2917, rz: -3.0841, scale: 4.3126, convention: 'coordinate-frame' }) as SevenParameterTransform;
  const ring = [[111.08, 38.72], [111.09, 38.72], [111.09, 38.73], [111.08, 38.73], [111.08, 38.72]];
  const doc = (crs?: string) => JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features: [{ type: 'Feature', properties: { name: '图斑' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
  const issues = (text: string, opts?: Parameters<typeof readGeoJson>[1]) => {
    try {
      readGeoJson(text, opts);
    } catch (e) {
      expect(e).toBeInstanceOf(GeoImportError);
      return (e as Error).message;
    }
    throw new Error('expected an import error');
  };

  it('converts with a 7-parameter transformation, as cs2cs does', () => {
    const fc = readGeoJson(doc('urn:ogc:def:crs:EPSG::4610'), { datum: xian });
    const got = (fc.features[0]!.geometry as Polygon).coordinates[0]!;
    expectSame(got, cs2cs(`+proj=longlat ${ELLPS.xian80} +towgs84=${towgs84(xian)} +no_defs`, CGCS, ring), 'GeoJSON');
    expect(got[0]).toEqual(legacyLonLatToCgcs2000(111.08, 38.72, xian));
  });

  it('refuses it without one, with the wrong one or with 4 parameters; refuses a transformation for a WGS 84 file', () => {
    expect(issues(doc('EPSG:4610'))).toBe("feature 0: declares CRS EPSG:4610 (Xi'an 1980 longitude/latitude); converting it to CGCS2000 needs a 7-parameter transformation you supply; none is guessed");
    expect(issues(doc('EPSG:4214'), { datum: xian })).toBe("feature 0: declares CRS EPSG:4214 (Beijing 1954), but the transformation supplied is from Xi'an 1980");
    expect(issues(doc('EPSG:4610'), { datum: { type: '4-parameter', from: 'xian80', dx: 0, dy: 0, rotation: 0, scale: 0 } })).toMatch(/a 4-parameter transformation works in the Gauss–Krüger plane/);
    expect(issues(doc('EPSG:2383'), { datum: xian })).toMatch(/declares CRS EPSG:2383 \(Xi'an 1980 Gauss–Krüger\); GeoJSON must be longitude\/latitude/);
    expect(issues(doc(), { datum: xian })).toMatch(/^feature 0: a transformation from Xi'an 1980 was supplied, but the GeoJSON declares no CRS \(so it is WGS 84\): name the old datum in a crs member/);
    expect(issues(doc('EPSG:4610'), { datum: xian, sourceCrs: 'gcj02' })).toMatch(/choose either the map offset \(gcj02\) or a datum transformation, not both/);
  });
});

describe('datum names', () => {
  it('describes what is applied, with units', () => {
    expect(describeTransform(transformOf('datum-xian80-registry-zhongwei.txt'))).toBe(
      "Xi'an 1980 Gauss–Krüger → CGCS2000 Gauss–Krüger (same zone), 4-parameter plane: dX 37.285 m, dY -594.935 m, rotation 0.26057″, scale 20.2302 ppm",
    );
    expect(LEGACY_DATUMS.beijing54).toMatchObject({ a: 6378245, rf: 298.3, geographicEpsg: 4214 });
  });
});
