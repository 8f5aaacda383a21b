import type { Point, Polygon } from 'geojson';
import { Geodesic } from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  geometryFromChinaOffset,
  GeoImportError,
  outsideOffsetArea,
  readGeoJson,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../src/index.js';

const metres = (a: [number, number], b: [number, number]) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12!;

/*
 * Published reference pairs for the same public algorithm, computed by other implementations:
 *  - wandergis/coordtransform README (MIT), Tiananmen 116.404°E 39.915°N:
 *      wgs84togcj02 → [116.41024449916938, 39.91640428150164]
 *      gcj02tobd09  → [116.41036949371029, 39.92133699351021]
 *      gcj02towgs84 → [116.39775550083061, 39.91359571849836]  (one-step approximate inverse)
 *      bd09togcj02  → [116.39762729119315, 39.90865673957631]  (Baidu's approximate inverse)
 *  - googollee/eviltransform python/test.py (BSD), WGS → GCJ as (lat, lng) pairs:
 *      Shanghai (31.1774276, 121.5272106) → (31.17530398364597, 121.531541859215)
 *      Shenzhen (22.543847, 113.912316)   → (22.540796131694766, 113.9171764808363)
 *      Beijing  (39.911954, 116.377817)   → (39.91334545536069, 116.38404722455657)
 */
describe('GCJ-02 / BD-09 against published reference pairs', () => {
  it('forward formulas reproduce the published values', () => {
    const [gLon, gLat] = wgs84ToGcj02(116.404, 39.915);
    expect(gLon).toBeCloseTo(116.41024449916938, 12);
    expect(gLat).toBeCloseTo(39.91640428150164, 12);
    const [bLon, bLat] = gcj02ToBd09(116.404, 39.915);
    expect(bLon).toBeCloseTo(116.41036949371029, 12);
    expect(bLat).toBeCloseTo(39.92133699351021, 12);
    const evil: [number, number, number, number][] = [
      [31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
      [22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
      [39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
    ];
    for (const [lat, lon, gcjLat, gcjLon] of evil) {
      const [x, y] = wgs84ToGcj02(lon, lat);
      expect(x).toBeCloseTo(gcjLon, 10);
      expect(y).toBeCloseTo(gcjLat, 10);
    }
  });

  it('the iterated inverses invert to < 1e-9° and sit within the approximate inverses’ metre-level error', () => {
    const w = gcj02ToWgs84(116.404, 39.915);
    const back = wgs84ToGcj02(w[0], w[1]);
    expect(Math.abs(back[0] - 116.404)).toBeLessThan(1e-9);
    expect(Math.abs(back[1] - 39.915)).toBeLessThan(1e-9);
    // eviltransform documents its one-step inverse as 1–2 m off
    expect(metres(w, [116.39775550083061, 39.91359571849836])).toBeLessThan(3);
    expect(metres(w, [116.39775550083061, 39.91359571849836])).toBeGreaterThan(0.01); // and ours is not that one
    const g = bd09ToGcj02(116.404, 39.915);
    const bd = gcj02ToBd09(g[0], g[1]);
    expect(Math.abs(bd[0] - 116.404)).toBeLessThan(1e-9);
    expect(Math.abs(bd[1] - 39.915)).toBeLessThan(1e-9);
    expect(metres(g, [116.39762729119315, 39.90865673957631])).toBeLessThan(1);
  });

  it('round trips across China stay below 1e-9° (asked: 1e-6°)', () => {
    let worst = 0;
    for (let lon = 74; lon <= 134; lon += 2.5) {
      for (let lat = 4.5; lat <= 53; lat += 2.5) {
        const g = wgs84ToGcj02(lon, lat);
        const w = gcj02ToWgs84(g[0], g[1]);
        const b = wgs84ToBd09(lon, lat);
        const w2 = bd09ToWgs84(b[0], b[1]);
        worst = Math.max(worst, Math.abs(w[0] - lon), Math.abs(w[1] - lat), Math.abs(w2[0] - lon), Math.abs(w2[1] - lat));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('offsets in Beijing are hundreds of metres (GCJ) and about a kilometre more for Baidu', () => {
    const wgs: [number, number] = [116.404, 39.915];
    const gcj = wgs84ToGcj02(...wgs);
    const bd = wgs84ToBd09(...wgs);
    expect(metres(wgs, gcj)).toBeGreaterThan(300);
    expect(metres(wgs, gcj)).toBeLessThan(800);
    expect(metres(gcj, bd)).toBeGreaterThan(500);
    expect(metres(gcj, bd)).toBeLessThan(1200);
    // and in the seed jurisdictions
    for (const p of [[98.58, 24.43], [109.99, 40.4], [111.1, 38.7], [105.2, 37.5]] as [number, number][]) {
      const d = metres(p, wgs84ToGcj02(...p));
      expect(d, `${p}`).toBeGreaterThan(100);
      expect(d, `${p}`).toBeLessThan(1000);
    }
  });

  it('applies only inside China', () => {
    for (const p of [[2.35, 48.85], [139.75, 35.68], [-74, 40.7], [135.5, 48]] as [number, number][]) {
      expect(outsideOffsetArea(...p)).toBe(true);
      expect(wgs84ToGcj02(...p)).toEqual(p);
      expect(gcj02ToWgs84(...p)).toEqual(p);
      expect(bd09ToWgs84(...p)).toEqual(p);
    }
    expect(outsideOffsetArea(116.404, 39.915)).toBe(false);
  });
});

describe('GeoJSON with sourceCrs', () => {
  const square = (lon: number, lat: number, d = 0.01) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
  const doc = (geometry: object, crs?: string) =>
    JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features: [{ type: 'Feature', properties: { name: '盗采点' }, geometry }] });

  it('converts every position of Amap (GCJ-02) and Baidu (BD-09) input to WGS 84, keeping rings closed and heights', () => {
    const fc = readGeoJson(doc({ type: 'Polygon', coordinates: square(111.1, 38.7) }), { sourceCrs: 'gcj02' });
    const ring = (fc.features[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring[0]).toEqual(gcj02ToWgs84(111.1, 38.7));
    expect(ring[4]).toEqual(ring[0]);
    const pt = readGeoJson(doc({ type: 'Point', coordinates: [98.59, 24.44, 912.5] }), { sourceCrs: 'bd09' });
    expect((pt.features[0]!.geometry as Point).coordinates).toEqual([...bd09ToWgs84(98.59, 24.44), 912.5]);
    expect(geometryFromChinaOffset({ type: 'Point', coordinates: [98.59, 24.44] }, 'gcj02').coordinates).toEqual(gcj02ToWgs84(98.59, 24.44));
    // without the option the same text is taken as WGS 84
    expect((readGeoJson(doc({ type: 'Point', coordinates: [98.59, 24.44] })).features[0]!.geometry as Point).coordinates).toEqual([98.59, 24.44]);
  });

  it('refuses a map offset on a file that declares CGCS2000, and still checks the converted geometry', () => {
    const issues = (text: string) => {
      try {
        readGeoJson(text, { sourceCrs: 'gcj02' });
      } catch (e) {
        expect(e).toBeInstanceOf(GeoImportError);
        return (e as Error).message;
      }
      throw new Error('expected an import error');
    };
    expect(issues(doc({ type: 'Point', coordinates: [111.1, 38.7] }, 'EPSG:4490'))).toBe('feature 0: declares CRS EPSG:4490 (CGCS2000); the map offset gcj02 applies to WGS 84 longitude/latitude from Amap/Baidu only');
    expect(issues(doc({ type: 'Point', coordinates: [2.35, 48.85] }))).toMatch(/feature 0 \(盗采点\): point 2\.35, 48\.85 is not a longitude\/latitude in China/);
    expect(issues(doc({ type: 'Polygon', coordinates: [[[111.1, 38.7], [111.2, 38.7], [111.2, 38.8]]] }))).toMatch(/a ring needs at least 4 positions/);
  });
});
