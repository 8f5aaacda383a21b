import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { CrsError, gkToLonLat, inChina, zoneFromY, zoneOfEpsg, type GkZone } from './crs.js';

export class WktError extends Error {}

export type WktGeometry = Point | Polygon | MultiPolygon;

/**
 * Reads one WKT or EWKT geometry (POINT, POLYGON, MULTIPOLYGON; Z/M values are dropped) into lon/lat
 * GeoJSON degrees. Coordinates are taken as GIS software writes them, x (easting / longitude) first.
 * The CRS comes from an EWKT prefix `SRID=n;` (4490 / 4326 lon/lat, 4491–4554 CGCS2000
 * Gauss–Krüger), else from the numbers: longitude/latitude in China, or a Gauss–Krüger easting
 * with its zone prefix (37512345.6) and a northing. A projected value without a zone is refused:
 * the zone is never guessed.
 */
export function readWkt(text: string): WktGeometry {
  let s = text.trim();
  let srid: number | null = null;
  let at = text.length - text.trimStart().length;
  const e = /^srid\s*=\s*(\d+)\s*;\s*/i.exec(s);
  if (e) {
    srid = Number(e[1]);
    s = s.slice(e[0].length);
    at += e[0].length;
  }
  const head = /^(point|polygon|multipolygon)\s*(zm|z|m)?\s*/i.exec(s);
  if (!head) throw new WktError(`"${s.slice(0, 30)}${s.length > 30 ? '…' : ''}" is not WKT of a POINT, POLYGON or MULTIPOLYGON`);
  const type = head[1]!.toUpperCase();
  const body = s.slice(head[0].length);
  if (/^empty$/i.test(body.trim())) throw new WktError(`${type} EMPTY has no coordinates`);
  const nested = parseNested(body, at + head[0].length);
  let g: WktGeometry;
  const pos = (v: unknown, what: string): Position => {
    if (!Array.isArray(v) || v.length < 2 || v.some((n) => typeof n !== 'number')) throw new WktError(`${type}: ${what} is not a coordinate "x y"`);
    return [v[0] as number, v[1] as number];
  };
  const ring = (v: unknown, what: string): Position[] => {
    if (!Array.isArray(v) || !Array.isArray(v[0])) throw new WktError(`${type}: ${what} is not a ring of coordinates`);
    return v.map((p, k) => pos(p, `${what} position ${k}`));
  };
  const polygon = (v: unknown, what: string): Position[][] => {
    if (!Array.isArray(v) || !Array.isArray(v[0]) || !Array.isArray(v[0][0])) throw new WktError(`${type}: ${what} is not a list of rings`);
    return v.map((r, k) => ring(r, `${what} ring ${k}`));
  };
  if (type === 'POINT') {
    // "(x y)" is one list holding one coordinate.
    if (!Array.isArray(nested) || nested.length !== 1) throw new WktError('POINT: expected one coordinate "(x y)"');
    g = { type: 'Point', coordinates: pos(nested[0], 'the point') };
  }
  else if (type === 'POLYGON') g = { type: 'Polygon', coordinates: polygon(nested, 'the polygon') };
  else {
    if (!Array.isArray(nested)) throw new WktError('MULTIPOLYGON: not a list of polygons');
    g = { type: 'MultiPolygon', coordinates: nested.map((p, k) => polygon(p, `polygon ${k}`)) };
  }
  return toLonLat(g, srid);
}

/** "((1 2, 3 4), (5 6))" → nested arrays, one per level of parentheses; a coordinate is an array of numbers. */
function parseNested(body: string, offset: number): unknown {
  let i = 0;
  const ws = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };
  const list = (): unknown[] => {
    ws();
    if (body[i] !== '(') throw new WktError(`expected "(" at character ${offset + i + 1}`);
    i++;
    const items: unknown[] = [];
    for (;;) {
      ws();
      if (body[i] === '(') items.push(list());
      else {
        const m = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?(\s+[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?)*/i.exec(body.slice(i));
        if (!m) throw new WktError(`expected a number at character ${offset + i + 1} ("${body.slice(i, i + 12)}")`);
        items.push(m[0].trim().split(/\s+/).map(Number));
        i += m[0].length;
      }
      ws();
      if (body[i] === ',') {
        i++;
        continue;
      }
      if (body[i] === ')') {
        i++;
        return items;
      }
      throw new WktError(body[i] === undefined ? 'unbalanced parentheses: the text ends inside a list' : `expected "," or ")" at character ${offset + i + 1}`);
    }
  };
  const out = list();
  ws();
  if (i < body.length) throw new WktError(`unexpected text after the geometry at character ${offset + i + 1}`);
  return out;
}

function positions(g: WktGeometry): Position[] {
  return g.type === 'Point' ? [g.coordinates] : g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

function mapGeometry(g: WktGeometry, f: (p: Position) => Position): WktGeometry {
  if (g.type === 'Point') return { type: 'Point', coordinates: f(g.coordinates) };
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
}

function toLonLat(g: WktGeometry, srid: number | null): WktGeometry {
  const first = positions(g)[0]!;
  let zone: GkZone | null = null;
  try {
    if (srid !== null && srid !== 4490 && srid !== 4326) zone = zoneOfEpsg(srid);
    else if (srid === null && !inChina(first[0]!, first[1]!)) {
      zone = zoneFromY(first[0]!);
      if (!zone) {
        throw new WktError(
          `coordinates ${first[0]} ${first[1]} are neither longitude/latitude in China nor a Gauss–Krüger easting with its zone prefix: ` +
            'write SRID=45xx; before the WKT (CGCS2000 zone EPSG code), or give longitude/latitude',
        );
      }
    }
  } catch (e) {
    if (e instanceof CrsError) throw new WktError(e.message);
    throw e;
  }
  if (!zone) return g;
  const z = zone;
  return mapGeometry(g, (p) => gkToLonLat(p[1]!, p[0]!, z));
}
