import { describe, expect, it } from 'vitest';
import { GeoImportError, readGeoJson } from '../src/index.js';

const square = (lon: number, lat: number, d = 0.01) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const fc = (...features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const feat = (geometry: object, properties: object = {}) => ({ type: 'Feature', properties, geometry });

function issues(text: string): string {
  try {
    readGeoJson(text);
  } catch (e) {
    expect(e).toBeInstanceOf(GeoImportError);
    return (e as Error).message;
  }
  throw new Error('expected an import error');
}

describe('GeoJSON reader', () => {
  it('reads a collection of polygons (with a hole), points and a multipolygon', () => {
    const poly = square(111.1, 38.7, 0.02);
    poly.push([[111.105, 38.705], [111.105, 38.71], [111.11, 38.71], [111.11, 38.705], [111.105, 38.705]]);
    const out = readGeoJson(fc(
      feat({ type: 'Polygon', coordinates: poly }, { 图斑编号: 'TB001' }),
      feat({ type: 'Point', coordinates: [98.58, 24.43] }, { name: '盗采点' }),
      feat({ type: 'MultiPolygon', coordinates: [square(110, 40), square(110.1, 40)] }),
    ));
    expect(out.features).toHaveLength(3);
    expect(out.features[0]!.properties).toEqual({ 图斑编号: 'TB001' });
  });

  it('accepts a bare Feature or Geometry and a BOM', () => {
    expect(readGeoJson('\uFEFF' + JSON.stringify(feat({ type: 'Point', coordinates: [105.2, 37.5] }))).features).toHaveLength(1);
    expect(readGeoJson(JSON.stringify({ type: 'Polygon', coordinates: square(105.2, 37.5) })).features).toHaveLength(1);
  });

  it('names the feature and ring of an unclosed ring', () => {
    const open = [[[111.1, 38.7], [111.2, 38.7], [111.2, 38.8], [111.1, 38.8]]];
    expect(issues(fc(feat({ type: 'Point', coordinates: [111, 38] }), feat({ type: 'Polygon', coordinates: open }, { 图斑编号: 'TB002' })))).toMatch(/feature 1 \(TB002\) ring 0: ring is not closed/);
  });

  it('names a self-intersecting ring (bow tie)', () => {
    const bow = [[[111.1, 38.7], [111.2, 38.8], [111.2, 38.7], [111.1, 38.8], [111.1, 38.7]]];
    expect(issues(fc(feat({ type: 'Polygon', coordinates: bow })))).toMatch(/feature 0 ring 0 vertex 0: ring intersects itself/);
  });

  it('tolerates repeated consecutive vertices', () => {
    const dup = [[[111.1, 38.7], [111.2, 38.7], [111.2, 38.7], [111.2, 38.8], [111.1, 38.8], [111.1, 38.7]]];
    expect(readGeoJson(fc(feat({ type: 'Polygon', coordinates: dup }))).features).toHaveLength(1);
  });

  it('says when longitude and latitude look swapped, and rejects points outside China', () => {
    expect(issues(fc(feat({ type: 'Point', coordinates: [38.7, 111.1] })))).toMatch(/not a longitude\/latitude in China/);
    expect(issues(fc(feat({ type: 'Polygon', coordinates: square(38.7, 111.1) })))).toMatch(/look swapped/);
    expect(issues(fc(feat({ type: 'Point', coordinates: [2.35, 48.85] })))).toMatch(/not a longitude\/latitude in China/);
  });

  it('refuses projected GeoJSON, bad JSON, empty collections and unsupported geometry, listing every problem', () => {
    expect(issues(JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'EPSG:4525' } }, features: [] }))).toMatch(/declares CRS EPSG:4525/);
    expect(issues('{"type": "FeatureCollection", ')).toMatch(/not valid JSON/);
    expect(issues(fc())).toMatch(/no features/);
    const msg = issues(fc(feat({ type: 'LineString', coordinates: [[111, 38], [111.1, 38]] }), feat({ type: 'Point', coordinates: [0, 0] })));
    expect(msg).toMatch(/feature 0: geometry type LineString is not supported/);
    expect(msg).toMatch(/feature 1: point 0, 0/);
  });
});
