import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import type { FeatureCollection, Geometry, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { decodeKml, geodesicArea, GeoImportError, readKml, readKmz, readShapefileZip } from '../src/index.js';
import { hex } from './readers/shp-writer.js';

const IN = new URL('./readers/in/kml/', import.meta.url);
const OUT = new URL('./readers/out/kml/', import.meta.url);
const kml = (f: string) => readFileSync(new URL(f, IN), 'utf8');
const bytes = (f: string) => new Uint8Array(readFileSync(new URL(f, IN)));
const source = () => JSON.parse(readFileSync(new URL('../shp/src/kelan.geojson', IN), 'utf8')) as FeatureCollection;

function cs2cs(from: string, to: string, pts: Position[]): number[][] {
  if (!existsSync('/usr/bin/cs2cs')) throw new Error('cs2cs missing: apt-get install -y proj-bin (.ci/run does this)');
  const out = execFileSync('cs2cs', [...from.split(' '), '+to', ...to.split(' '), '-f', '%.12f'], { input: pts.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n' }).toString();
  return out.trim().split('\n').map((l) => l.trim().split(/\s+/).slice(0, 2).map(Number));
}

function issues(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(GeoImportError);
    return (e as Error).message;
  }
  throw new Error('expected an import error');
}

const polys = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
const signed = (r: Position[]) => r.slice(1).reduce((s, p, k) => s + r[k]![0]! * p[1]! - p[0]! * r[k]![1]!, 0);
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
const square = '111.2,38.7 111.21,38.7 111.21,38.71 111.2,38.71 111.2,38.7';
const polygon = (c = square) => `<Polygon><outerBoundaryIs><LinearRing><coordinates>${c}</coordinates></LinearRing></outerBoundaryIs></Polygon>`;

const GOOD = ['kelan.kml', 'prefixed.kml', 'ogr-kelan.kml', 'ogr-kelan.kmz'];

describe('KML/KMZ → GeoJSON (fixtures test/readers/in/kml; expected in test/readers/out/kml)', () => {
  for (const file of GOOD) {
    it(file, () => {
      const got = file.endsWith('.kmz') ? readKmz(bytes(file)) : readKml(kml(file));
      const outFile = new URL(file.replace(/\.km[lz]$/, (e) => `${e === '.kmz' ? '-kmz' : ''}.geojson`), OUT);
      if (process.env.UPDATE_FIXTURES) writeFileSync(outFile, JSON.stringify(got, null, 2) + '\n');
      expect(got).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
    });
  }

  it('kelan.kml: placemarks in document order through nested folders; polygon with hole, MultiGeometry, points', () => {
    const fc = readKml(kml('kelan.kml'));
    expect(fc.features.map((f) => [f.properties!['name'], f.geometry.type])).toEqual([
      ['岢岚县一号图斑', 'Polygon'],
      ['岢岚县二号图斑', 'MultiPolygon'],
      ['盗采点1', 'Point'],
      ['夜间巡查点', 'MultiPoint'],
      ['宁武县露天采场', 'Polygon'],
    ]);
    expect(fc.features[0]!.properties).toEqual({ name: '岢岚县一号图斑', description: '<b>疑似</b>越界开采 & 未批先建', 图斑编号: 'TB001', 面积亩: '21.5' });
    expect(fc.features[2]!.properties).toEqual({ name: '盗采点1', description: '河道采砂', 巡查人: '张三', 日期: '2024-05-17' });
    const p = fc.features[0]!.geometry as Polygon;
    expect(p.coordinates.map((r) => r.length)).toEqual([5, 5]);
    expect(p.coordinates[0]![0]).toEqual([111.14, 38.699]); // altitude dropped
    expect((fc.features[1]!.geometry as MultiPolygon).coordinates).toHaveLength(2);
    expect((fc.features[2]!.geometry as Point).coordinates).toEqual([111.5678, 38.7012]);
    expect((fc.features[3]!.geometry as MultiPoint).coordinates).toEqual([[111.57, 38.702], [111.5712, 38.7031]]);
    // RFC 7946 orientation whatever the KML had (宁武县露天采场 is written clockwise)
    for (const f of fc.features) for (const rs of polys(f.geometry)) rs.forEach((r, k) => expect(signed(r) > 0).toBe(k === 0));
  });

  it('prefixed.kml: kml: namespace prefixes', () => {
    const fc = readKml(kml('prefixed.kml'));
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.properties).toEqual({ name: '临时用地一号地块', 用途: '堆场' });
  });

  it('ogr2ogr KML and LIBKML KMZ (doc.kml → NetworkLink → layers/kelan.kml) give back the source GeoJSON', () => {
    const src = source();
    for (const fc of [readKml(kml('ogr-kelan.kml')), readKmz(bytes('ogr-kelan.kmz'))]) {
      expect(fc.features).toHaveLength(3);
      fc.features.forEach((f, i) => {
        const want = src.features[i]!;
        expect(f.properties!['name'] ?? f.properties!['名称']).toBe(want.properties!['名称']);
        expect(f.properties!['图斑编号']).toBe(want.properties!['图斑编号']);
        const a = polys(f.geometry), b = polys(want.geometry);
        expect(a.map((rs) => rs.map((r) => r.length))).toEqual(b.map((rs) => rs.map((r) => r.length)));
        a.flat(2).forEach((p) => expect(b.flat(2).some((q) => Math.abs(q[0]! - p[0]!) < 1e-12 && Math.abs(q[1]! - p[1]!) < 1e-12)).toBe(true));
      });
    }
  });

  it('areas: geodesicArea within 0.01 % of an equal-area projection through cs2cs, and equal to the Shapefile route', async () => {
    const fc = readKml(kml('kelan.kml'));
    const shp = await readShapefileZip(new Uint8Array(readFileSync(new URL('../shp/kelan-4525-gbk.zip', IN))));
    for (const f of fc.features.filter((x) => x.geometry.type.endsWith('Polygon'))) {
      const { m2 } = geodesicArea(f.geometry as Polygon | MultiPolygon);
      let laea = 0;
      polys(f.geometry).forEach((rs) =>
        rs.forEach((ring, k) => {
          const [lon0, lat0] = ring[0]!;
          const xy = cs2cs('+proj=longlat +ellps=GRS80', `+proj=laea +lat_0=${lat0} +lon_0=${lon0} +ellps=GRS80`, ring);
          laea += (k === 0 ? 1 : -1) * Math.abs(signed(xy) / 2);
        }),
      );
      expect(Math.abs(m2 - laea) / laea).toBeLessThan(1e-4);
      // the same parcel imported from the Gauss–Krüger Shapefile (through ogr2ogr and back)
      const twin = shp.features.find((s) => s.properties!['名称'] === f.properties!['name'])!;
      expect(Math.abs(geodesicArea(twin.geometry as Polygon | MultiPolygon).m2 - m2) / m2).toBeLessThan(1e-9);
    }
  });
});

describe('wrong KML names the placemark and says why, and returns nothing', () => {
  it('an unclosed ring', () => {
    expect(issues(() => readKml(kml('err-unclosed.kml')))).toBe('feature 1 (未闭合图斑) ring 0: ring is not closed: the last position 111.3,38.704 differs from the first 111.3,38.7');
  });

  it('latitude,longitude instead of longitude,latitude', () => {
    expect(issues(() => readKml(kml('err-swapped.kml')))).toBe(
      'feature 0 (纬经颠倒点): point 38.7, 111.1 is not a longitude/latitude in China (longitude and latitude look swapped); feature 1 (纬经颠倒图斑) ring 0 vertex 0: 38.7, 111.2 is not a longitude/latitude in China (longitude and latitude look swapped)',
    );
  });

  it('malformed XML', () => {
    expect(issues(() => readKml(kml('err-malformed.kml')))).toBe(
      "feature 0: the KML document is not well-formed XML (line 4, column 1): Expected closing tag 'Placemark' (opened in line 3, col 3) instead of closing tag 'Document'.",
    );
  });

  it('an empty document, empty text, another XML format', () => {
    expect(issues(() => readKml(kml('err-empty.kml')))).toBe('feature 0: the KML document has no placemarks');
    expect(issues(() => readKml(' \n'))).toBe('feature 0: the KML document is empty');
    expect(issues(() => readKml('<gpx version="1.1"><wpt lat="38.7" lon="111.1"/></gpx>'))).toBe('feature 0: the KML document is not KML: the root element is <gpx>, not <kml>');
  });

  it('bad coordinates, unsupported and missing geometry — all collected', () => {
    const text = doc(
      [
        `<Placemark><name>分号</name>${polygon('111.2;38.7 111.21,38.7 111.21,38.71 111.2,38.7')}</Placemark>`,
        `<Placemark><name>线</name><LineString><coordinates>111.2,38.7 111.3,38.8</coordinates></LineString></Placemark>`,
        `<Placemark><name>混合</name><MultiGeometry>${polygon()}<Point><coordinates>111.2,38.7</coordinates></Point></MultiGeometry></Placemark>`,
        `<Placemark><name>无几何</name></Placemark>`,
        `<Placemark><name>两个几何</name>${polygon()}${polygon()}</Placemark>`,
        `<Placemark><name>好</name>${polygon()}</Placemark>`,
        `<Placemark><name>洞</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${square}</coordinates></LinearRing></outerBoundaryIs><innerBoundaryIs><LinearRing><coordinates>111.202,38.702 111.205,38.702 111.205,38.705</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>`,
      ].join(''),
    );
    expect(issues(() => readKml(text)).split('; ')).toEqual([
      'feature 0 (分号) ring 0 vertex 0: coordinate "111.2;38.7" is not "longitude,latitude[,altitude]"',
      'feature 1 (线): geometry type LineString is not supported (points and polygons only)',
      'feature 2 (混合): a MultiGeometry of Polygon and Point is not supported (all points or all polygons only)',
      'feature 3 (无几何): feature has no geometry',
      'feature 4 (两个几何): the placemark has 2 geometries, but a placemark holds one (use a MultiGeometry)',
      'feature 6 (洞) ring 1: a ring needs at least 4 positions (3 corners and the first repeated), got 3',
    ]);
  });
});

describe('KMZ', () => {
  it('reads doc.kml, else the first .kml; follows links inside the archive only', () => {
    const one = doc(`<Placemark><name>一</name>${polygon()}</Placemark>`);
    expect(readKmz(zipSync({ 'doc.kml': strToU8(one), 'files/icon.png': new Uint8Array([137, 80]) })).features).toHaveLength(1);
    expect(readKmz(zipSync({ 'export/图斑.kml': strToU8(one) })).features[0]!.properties).toEqual({ name: '一' });
    const linking = doc(
      `<Placemark><name>前</name>${polygon()}</Placemark><NetworkLink><Link><href>sub/../layers/a.kml</href></Link></NetworkLink>` +
        `<NetworkLink><Link><href>http://example.com/x.kml</href></Link></NetworkLink><Placemark><name>后</name>${polygon()}</Placemark>`,
    );
    const linked = doc(`<Placemark><name>链接</name>${polygon()}</Placemark><NetworkLink><Link><href>../doc.kml</href></Link></NetworkLink>`);
    const fc = readKmz(zipSync({ 'doc.kml': strToU8(linking), 'layers/a.kml': strToU8(linked) }));
    expect(fc.features.map((f) => f.properties!['name'])).toEqual(['前', '链接', '后']); // linked file inlined where its link stands; no cycles
  });

  it('errors: no .kml, not a zip, a broken linked file', () => {
    expect(issues(() => readKmz(zipSync({ 'a.txt': strToU8('x') })))).toBe('feature 0: the KMZ holds no .kml file');
    expect(issues(() => readKmz(strToU8('<kml/>')))).toMatch(/^feature 0: the KMZ is not a readable zip archive/);
    const linking = doc('<NetworkLink><Link><href>layers/a.kml</href></Link></NetworkLink>');
    expect(issues(() => readKmz(zipSync({ 'doc.kml': strToU8(linking), 'layers/a.kml': strToU8('<kml><Document>') })))).toMatch(/^feature 0: layers\/a\.kml is not well-formed XML/);
  });

  it('a GBK-encoded .kml (declared in the XML declaration) is decoded; undeclared GBK is an error', () => {
    const head = strToU8('<?xml version="1.0" encoding="GBK"?><kml><Document><Placemark><name>');
    const tail = strToU8(`</name>${polygon()}</Placemark></Document></kml>`);
    const name = hex('e1b3e1b0cfd8d2bbbac5cdbcb0df'); // 岢岚县一号图斑 in GBK
    const gbk = new Uint8Array([...head, ...name, ...tail]);
    expect(readKmz(zipSync({ 'doc.kml': gbk })).features[0]!.properties).toEqual({ name: '岢岚县一号图斑' });
    expect(decodeKml(gbk)).toContain('岢岚县一号图斑');
    const undeclared = new Uint8Array([...strToU8('<kml><Document><Placemark><name>'), ...name, ...tail]);
    expect(issues(() => readKmz(zipSync({ 'doc.kml': undeclared })))).toBe('feature 0: doc.kml is not valid UTF-8 text');
  });
});
