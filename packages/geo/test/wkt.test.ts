import { describe, expect, it } from 'vitest';
import { geodesicArea, lonLatToGk, readWkt, WktError, zoneOf } from '../src/index.js';

const fails = (text: string) => {
  try {
    readWkt(text);
  } catch (e) {
    expect(e).toBeInstanceOf(WktError);
    return (e as Error).message;
  }
  throw new Error('expected a WKT error');
};

describe('WKT reader', () => {
  it('reads POINT, POLYGON with a hole and MULTIPOLYGON in lon/lat, dropping Z', () => {
    expect(readWkt('POINT (111.5 38.7)')).toEqual({ type: 'Point', coordinates: [111.5, 38.7] });
    expect(readWkt('point z(111.5 38.7 1350)')).toEqual({ type: 'Point', coordinates: [111.5, 38.7] });
    const p = readWkt('POLYGON((111 38, 111.1 38, 111.1 38.1, 111 38.1, 111 38),(111.02 38.02, 111.02 38.03, 111.03 38.03, 111.02 38.02))');
    expect(p.type).toBe('Polygon');
    expect(p.type === 'Polygon' && p.coordinates.map((r) => r.length)).toEqual([5, 4]);
    const m = readWkt('SRID=4490;MULTIPOLYGON(((105 37,105.01 37,105.01 37.01,105 37)),((105.1 37,105.11 37,105.11 37.01,105.1 37)))');
    expect(m.type === 'MultiPolygon' && m.coordinates.length).toBe(2);
    expect(readWkt('POLYGON((1.1e2 38, 110.1 38, 110.1 38.1, 110 38))').type).toBe('Polygon');
  });

  it('converts CGCS2000 Gauss–Krüger: zone from the easting prefix, or from SRID', () => {
    const z = zoneOf(3, 37, true);
    const corners = [[111.5, 38.7], [111.51, 38.7], [111.51, 38.71], [111.5, 38.71], [111.5, 38.7]].map(([lon, lat]) => lonLatToGk(lon!, lat!, z));
    const wkt = `POLYGON((${corners.map((c) => `${c.y.toFixed(3)} ${c.x.toFixed(3)}`).join(', ')}))`;
    const g = readWkt(wkt);
    expect(g.type === 'Polygon' && g.coordinates[0]![1]![0]).toBeCloseTo(111.51, 7);
    expect(g.type === 'Polygon' && g.coordinates[0]![1]![1]).toBeCloseTo(38.7, 7);
    const ref = geodesicArea({ type: 'Polygon', coordinates: [[[111.5, 38.7], [111.51, 38.7], [111.51, 38.71], [111.5, 38.71], [111.5, 38.7]]] }).m2;
    expect(geodesicArea(g as never).m2 / ref).toBeCloseTo(1, 6);
    const unprefixed = corners.map((c) => `${(c.y - 37_000_000).toFixed(3)} ${c.x.toFixed(3)}`).join(', ');
    const viaSrid = readWkt(`SRID=4534;POLYGON((${unprefixed}))`.replace('4534', String(4534 + 37 - 25)));
    expect(viaSrid.type === 'Polygon' && viaSrid.coordinates[0]![0]![0]).toBeCloseTo(111.5, 7);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(fails('LINESTRING(1 2, 3 4)')).toMatch(/not WKT of a POINT, POLYGON or MULTIPOLYGON/);
    expect(fails('POLYGON((111 38, 111.1 38, 111.1 38.1')).toMatch(/unbalanced parentheses/);
    expect(fails('POLYGON((111 38, abc 38))')).toBe('expected a number at character 18 ("abc 38))")');
    expect(fails('POLYGON((111 38, 111.1 abc))')).toBe('expected "," or ")" at character 24');
    expect(fails('POINT EMPTY')).toMatch(/no coordinates/);
    expect(fails('POLYGON((512345 4280000, 512400 4280000, 512400 4280100, 512345 4280000))')).toMatch(/SRID=45xx/);
    expect(fails('SRID=3857;POINT(12400000 4600000)')).toMatch(/EPSG:3857 is not a CGCS2000 Gauss–Krüger zone/);
    expect(fails('POINT(111 38) trailing')).toMatch(/unexpected text/);
  });
});
