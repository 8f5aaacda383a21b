import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { CornerPointError, geodesicArea, M2_PER_MU, parseCornerPoints, projDef, zoneFromY, zoneOf, zoneOfEpsg } from '../src/index.js';

const IN = new URL('./in/', import.meta.url);
const OUT = new URL('./out/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, IN), 'utf8');

/** PROJ's cs2cs (Debian proj-bin, installed by .ci/run) as the independent oracle. */
function cs2cs(from: string, to: string, pts: number[][]): number[][] {
  if (!existsSync('/usr/bin/cs2cs')) throw new Error('cs2cs missing: apt-get install -y proj-bin (.ci/run does this)');
  const out = execFileSync('cs2cs', [...from.split(' '), '+to', ...to.split(' '), '-f', '%.10f'], { input: pts.map((p) => p.join(' ')).join('\n') + '\n' }).toString();
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number));
}

const GOOD = readdirSync(IN).filter((f) => !f.startsWith('err-') && !f.startsWith('datum-')); // datum-*: Xi'an 80 / Beijing 54, datum.test.ts

describe('corner-point text → GeoJSON (fixtures in test/in, expected in test/out)', () => {
  for (const file of GOOD) {
    it(file, () => {
      const got = parseCornerPoints(read(file));
      const outFile = new URL(file.replace(/\.txt$/, '.geojson'), OUT);
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, JSON.stringify({ type: 'FeatureCollection', features: got }, null, 2) + '\n');
      const want = JSON.parse(readFileSync(outFile, 'utf8'));
      expect(got.length).toBe(want.features.length);
      got.forEach((f, i) => {
        const w = want.features[i];
        expect(f.properties).toMatchObject({ ...w.properties, areaM2: expect.closeTo(w.properties.areaM2, 3), areaMu: expect.closeTo(w.properties.areaMu, 3) });
        const flat = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2) as Position[];
        const a = flat(f.geometry), b = flat(w.geometry);
        expect(a.length).toBe(b.length);
        a.forEach((p, k) => {
          expect(p[0]).toBeCloseTo(b[k]![0]!, 9);
          expect(p[1]).toBeCloseTo(b[k]![1]!, 9);
        });
      });
    });
  }
});

describe('against PROJ cs2cs (oracle)', () => {
  it('agrees on every vertex of every fixture to 1e-8° (X is northing: no axis swap)', () => {
    for (const file of GOOD) {
      const text = read(file).normalize('NFKC');
      const features = parseCornerPoints(text);
      const epsg = features[0]!.properties.epsg;
      const def = projDef(zoneOfEpsg(epsg));
      const rows = [...text.matchAll(/^\s*(?:J?\d+)[\s,]+(?:\d+,)?\s*([\d.]{7,})[\s,]+([\d.]{6,})\s*$/gm)].map((m) => [Number(m[2]), Number(m[1])]);
      expect(rows.length).toBeGreaterThan(2);
      const oracle = cs2cs(def, '+proj=longlat +ellps=GRS80', rows);
      const ours = new Map(features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(1).flat(1).map((p) => [`${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`, p])));
      for (const [lon, lat] of oracle) {
        expect(ours.has(`${lon!.toFixed(7)},${lat!.toFixed(7)}`), `${file}: ${lon},${lat} from cs2cs not among ours`).toBe(true);
      }
    }
  });

  it('a known point: X 4285123.45 N, Y 37512345.67 (3° zone 37) is 111.1419°E 38.6992°N', () => {
    const [f] = parseCornerPoints(read('table-kelan.txt'));
    const first = (f!.geometry as Polygon).coordinates[0]![0]!;
    const [[lon, lat]] = cs2cs(projDef(zoneOf(3, 37, true)), '+proj=longlat +ellps=GRS80', [[37512345.67, 4285123.45]]) as [[number, number]];
    expect(first[0]).toBeCloseTo(lon, 8);
    expect(first[1]).toBeCloseTo(lat, 8);
    expect(first[0]).toBeCloseTo(111.14191733, 6);
    expect(first[1]).toBeCloseTo(38.69922252, 6);
  });

  it('ellipsoidal areas agree with an equal-area projection through cs2cs within 0.01 %', () => {
    for (const file of GOOD) {
      for (const f of parseCornerPoints(read(file))) {
        const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        let oracle = 0;
        for (const rings of polys) rings.forEach((ring, i) => {
          const [lon0, lat0] = ring[0]!;
          const xy = cs2cs('+proj=longlat +ellps=GRS80', `+proj=laea +lat_0=${lat0} +lon_0=${lon0} +ellps=GRS80`, ring.map((p) => [p[0]!, p[1]!]));
          let s = 0;
          for (let k = 0; k < xy.length - 1; k++) s += xy[k]![0]! * xy[k + 1]![1]! - xy[k + 1]![0]! * xy[k]![1]!;
          oracle += (i === 0 ? 1 : -1) * Math.abs(s / 2);
        });
        expect(Math.abs(f.properties.areaM2 - oracle) / oracle).toBeLessThan(1e-4);
        expect(f.properties.areaMu).toBeCloseTo(f.properties.areaM2 / M2_PER_MU, 6);
      }
    }
  });
});

describe('what the fixtures say', () => {
  it('table: one 1 km square block, 1350–1200 m, ≈1500 亩', () => {
    const [f] = parseCornerPoints(read('table-kelan.txt'));
    expect(f!.properties).toMatchObject({ format: 'table', epsg: 4525, elevationTop: 1350, elevationBottom: 1200 });
    expect(f!.properties.areaMu).toBeCloseTo(1500, 0);
  });
  it('registry: two blocks, the first with an excluded ring', () => {
    const fs = parseCornerPoints(read('registry-two-blocks.txt'));
    expect(fs.map((f) => [f.properties.name, f.properties.elevationTop, f.properties.elevationBottom, f.geometry.type])).toEqual([
      ['一号矿段', 1420, 1260, 'Polygon'],
      ['二号矿段', 1300, 1180, 'Polygon'],
    ]);
    expect((fs[0]!.geometry as Polygon).coordinates).toHaveLength(2);
    expect(fs[0]!.properties.epsg).toBe(4497); // 6° zone 19 with prefix
    const outer = 1500 * 1200 - 0.5 * 600 * 600; // planar m² of the pentagon
    expect(fs[0]!.properties.areaM2).toBeCloseTo(outer - 300 * 300, -2);
  });
  it('land approval: zone from the header (带号 37, 3°), hole from 圈号 2, first point not doubled', () => {
    const [f] = parseCornerPoints(read('land-approval.txt'));
    expect(f!.properties).toMatchObject({ name: '临时用地一号地块', format: 'land', epsg: 4546 });
    const g = f!.geometry as Polygon;
    expect(g.coordinates.map((r) => r.length)).toEqual([5, 4]);
    expect(f!.properties.areaM2).toBeCloseTo(400 * 300 - 0.5 * 100 * 100, -1);
  });
  it('the zone prefix decides 3° vs 6°', () => {
    expect(zoneFromY(37512345.67)).toMatchObject({ width: 3, zone: 37, centralMeridian: 111, epsg: 4525 });
    expect(zoneFromY(19505000)).toMatchObject({ width: 6, zone: 19, centralMeridian: 111, epsg: 4497 });
    expect(zoneFromY(512345.67)).toBeNull();
    expect(() => zoneFromY(24500000)).toThrow(/no Gauss–Krüger zone/);
    for (let e = 4491; e <= 4554; e++) expect(zoneOfEpsg(e).epsg).toBe(e);
  });
  it('an unprefixed Y is accepted when the zone is chosen', () => {
    const [f] = parseCornerPoints(read('err-no-zone.txt'), { zone: { width: 3, zone: 37 } });
    expect(f!.properties.epsg).toBe(4546);
    const [g] = parseCornerPoints(read('table-kelan.txt'));
    expect((f!.geometry as Polygon).coordinates[0]![0]![0]).toBeCloseTo((g!.geometry as Polygon).coordinates[0]![0]![0]!, 9);
  });
});

describe('wrong inputs name the line and point, and return nothing', () => {
  const cases: [string, RegExp, { format?: 'registry' }?][] = [
    ['err-no-zone.txt', /line 2 \(point 1\): Y 512345.67 has no zone prefix/],
    ['err-swapped.txt', /line 2 \(point 1\): Y 4285123.45 has zone prefix 4/],
    ['err-self-intersection.txt', /point 1\): ring of parcel intersects itself: edge 1–2 crosses edge 3–4/],
    ['err-mixed-zones.txt', /line 3 \(point 2\): mixed zones/],
    ['err-xian80.txt', /line 2: 坐标系 "80西安坐标系" is not CGCS2000/],
    ['err-outside-china.txt', /line 2 \(point 1\): .* lies outside China/],
    ['err-registry-unclosed.txt', /line 3: the last ring is not closed/, { format: 'registry' }],
  ];
  for (const [file, message, opts] of cases) {
    it(file, () => {
      let err: unknown;
      try {
        parseCornerPoints(read(file), opts);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CornerPointError);
      expect((err as Error).message).toMatch(message);
    });
  }
  it('an unknown chosen zone is an error, not a guess', () => {
    expect(() => parseCornerPoints(read('err-no-zone.txt'), { zone: { width: 3, zone: 12 } })).toThrow(/zone 12 is not a 3°/);
  });
});

describe('geodesic area', () => {
  it('a 1°×1° cell at the equator on GRS80 is 12,308.778 km² (GeographicLib reference)', () => {
    const { m2 } = geodesicArea({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] });
    expect(m2 / 1e6).toBeCloseTo(12308.778, 0);
  });
});
