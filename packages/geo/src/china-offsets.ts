import type { Geometry, Position } from 'geojson';

/**
 * GCJ-02 (国测局坐标, "Mars coordinates": Amap/高德, Tencent, Google Maps China) and BD-09 (百度坐标:
 * Baidu Maps) ⇄ WGS 84 longitude/latitude in degrees. CGCS2000 and WGS 84 agree at the centimetre
 * level, so WGS 84 output is stored as is.
 *
 * GCJ-02 is an obfuscation of WGS 84 by a published-by-leak polynomial: the offset is hundreds of
 * metres and cannot be inverted in closed form, so the inverse iterates the forward formula until
 * it reproduces the input to 1e-10° (well under the 1e-7° asked for). BD-09 adds Baidu's own
 * offset on top of GCJ-02; its usual inverse formula is approximate (~1e-6°), so it is iterated too.
 *
 * Constants and formulas (the well-known public algorithm, as implemented by
 * github.com/wandergis/coordtransform index.js and github.com/googollee/eviltransform):
 * Krassovsky a = 6 378 245 m and e² = 0.00669342162296594323, origin offsets (105°E, 35°N), the
 * transformlat/transformlng polynomials below, and for BD-09 x_π = π·3000/180 with the
 * 0.00002/0.000003 terms and the (0.0065°, 0.006°) shift. The offsets apply only inside China:
 * outside wandergis's rectangle (73.66–135.05°E, 3.86–53.55°N) coordinates are returned unchanged.
 */
export const CHINA_OFFSET_CRS = ['gcj02', 'bd09'] as const;
export type ChinaOffsetCrs = (typeof CHINA_OFFSET_CRS)[number];

const A = 6378245.0;
const EE = 0.00669342162296594323;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** True where the offsets are not applied (outside the rectangle the public algorithm uses for China). */
export function outsideOffsetArea(lon: number, lat: number): boolean {
  return !(lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55);
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 forward formula without the in-China test (the inverse iterates it). */
function gcjForward(lon: number, lat: number): [number, number] {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

function bdForward(lon: number, lat: number): [number, number] {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const θ = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(θ) + 0.0065, z * Math.sin(θ) + 0.006];
}

/** Inverts f by fixed-point iteration (f is the identity plus a small, smooth offset). */
function invert(f: (lon: number, lat: number) => [number, number], lon: number, lat: number, start: [number, number]): [number, number] {
  let [x, y] = start;
  for (let i = 0; i < 50; i++) {
    const [fx, fy] = f(x, y);
    const dx = fx - lon, dy = fy - lat;
    x -= dx;
    y -= dy;
    if (Math.abs(dx) < 1e-10 && Math.abs(dy) < 1e-10) break;
  }
  return [x, y];
}

/** WGS 84 → GCJ-02, degrees. */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  return outsideOffsetArea(lon, lat) ? [lon, lat] : gcjForward(lon, lat);
}

/** GCJ-02 → WGS 84, degrees (iterated to 1e-10°). */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (outsideOffsetArea(lon, lat)) return [lon, lat];
  return invert(gcjForward, lon, lat, [lon, lat]);
}

/** GCJ-02 → BD-09, degrees. */
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  return outsideOffsetArea(lon, lat) ? [lon, lat] : bdForward(lon, lat);
}

/** BD-09 → GCJ-02, degrees: Baidu's approximate inverse, then iterated to 1e-10°. */
export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  if (outsideOffsetArea(lon, lat)) return [lon, lat];
  const x = lon - 0.0065, y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const θ = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return invert(bdForward, lon, lat, [z * Math.cos(θ), z * Math.sin(θ)]);
}

/** WGS 84 → BD-09, degrees. */
export function wgs84ToBd09(lon: number, lat: number): [number, number] {
  const [x, y] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(x, y);
}

/** BD-09 → WGS 84, degrees. */
export function bd09ToWgs84(lon: number, lat: number): [number, number] {
  const [x, y] = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(x, y);
}

/** GCJ-02 or BD-09 longitude/latitude → WGS 84 (≈ CGCS2000), degrees. */
export function offsetToWgs84(lon: number, lat: number, from: ChinaOffsetCrs): [number, number] {
  return from === 'gcj02' ? gcj02ToWgs84(lon, lat) : bd09ToWgs84(lon, lat);
}

/**
 * A geometry whose positions are GCJ-02 or BD-09 → the same geometry in WGS 84 degrees. Positions
 * that are not pairs of finite numbers are left as they are for the geometry checks to name; a
 * third value (height) is kept.
 */
export function geometryFromChinaOffset<G extends Geometry | null>(g: G, from: ChinaOffsetCrs): G {
  return mapGeometry(g, (p) => {
    const [lon, lat] = offsetToWgs84(p[0]!, p[1]!, from);
    return p.length > 2 ? [lon, lat, ...p.slice(2)] : [lon, lat];
  });
}

/**
 * Applies f to every well-formed position ([number, number, …]) of a geometry of any type, leaving
 * malformed parts untouched so that validation can report them. Returns a new geometry.
 */
export function mapGeometry<G extends Geometry | null>(g: G, f: (p: Position) => Position): G {
  if (!g || typeof g !== 'object') return g;
  const walk = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      return Number.isFinite(c[0]) && Number.isFinite(c[1]) ? f(c as Position) : c;
    }
    return c.map(walk);
  };
  if (g.type === 'GeometryCollection') {
    return { ...g, geometries: Array.isArray(g.geometries) ? g.geometries.map((x) => mapGeometry(x, f)) : g.geometries };
  }
  return { ...g, coordinates: walk((g as { coordinates: unknown }).coordinates) } as G;
}
