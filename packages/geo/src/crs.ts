import proj4 from 'proj4';

/**
 * CGCS2000 Gauss–Krüger zones (EPSG 4491–4554). Chinese surveying writes X = northing and
 * Y = easting; a Y with zone prefix carries the zone number before the 6-digit easting
 * (37512345.67 → zone 37, easting 512345.67). All coordinates here are metres; lon/lat are degrees
 * on CGCS2000 (≈ WGS 84 at the centimetre level, so no datum shift is applied).
 */
export type ZoneWidth = 3 | 6;

export interface GkZone {
  width: ZoneWidth;
  /** 6°: 13–23; 3°: 25–45 (the zones that cover China). */
  zone: number;
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** Whether Y values carry the zone number as a prefix (false easting zone·10⁶ + 500 000 m). */
  prefixed: boolean;
  epsg: number;
}

export class CrsError extends Error {}

const SIX = { min: 13, max: 23 };
const THREE = { min: 25, max: 45 };

export function zoneOf(width: ZoneWidth, zone: number, prefixed: boolean): GkZone {
  const r = width === 6 ? SIX : THREE;
  if (!Number.isInteger(zone) || zone < r.min || zone > r.max) {
    throw new CrsError(`zone ${zone} is not a ${width}° Gauss–Krüger zone of China (${r.min}–${r.max})`);
  }
  const centralMeridian = width === 6 ? zone * 6 - 3 : zone * 3;
  const epsg = width === 6 ? (prefixed ? 4491 : 4502) + zone - 13 : (prefixed ? 4513 : 4534) + zone - 25;
  return { width, zone, centralMeridian, prefixed, epsg };
}

/** The zone of an EPSG code in 4491–4554. */
export function zoneOfEpsg(epsg: number): GkZone {
  if (epsg >= 4491 && epsg <= 4501) return zoneOf(6, epsg - 4491 + 13, true);
  if (epsg >= 4502 && epsg <= 4512) return zoneOf(6, epsg - 4502 + 13, false);
  if (epsg >= 4513 && epsg <= 4533) return zoneOf(3, epsg - 4513 + 25, true);
  if (epsg >= 4534 && epsg <= 4554) return zoneOf(3, epsg - 4534 + 25, false);
  throw new CrsError(`EPSG:${epsg} is not a CGCS2000 Gauss–Krüger zone (4491–4554)`);
}

/**
 * Reads the zone from a prefixed Y (easting) value: the digits before the last six of the integer
 * part. 13–23 are 6° zones and 25–45 3° zones, so the prefix alone decides the width. Returns null
 * for an unprefixed Y (integer part of six digits).
 */
export function zoneFromY(y: number): GkZone | null {
  const int = Math.floor(Math.abs(y));
  if (int < 1_000_000) return null;
  const zone = Math.floor(int / 1_000_000);
  if (zone >= SIX.min && zone <= SIX.max) return zoneOf(6, zone, true);
  if (zone >= THREE.min && zone <= THREE.max) return zoneOf(3, zone, true);
  throw new CrsError(`Y ${y} has zone prefix ${zone}, which is no Gauss–Krüger zone of China (6°: 13–23, 3°: 25–45)`);
}

/** False easting of a zone in metres: 500 000, plus zone·10⁶ when Y carries the zone prefix. */
export function zoneFalseEasting(z: GkZone): number {
  return (z.prefixed ? z.zone * 1_000_000 : 0) + 500_000;
}

/** PROJ definition of a zone on the CGCS2000 ellipsoid (GRS 80 parameters). */
export function projDef(z: GkZone): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${z.centralMeridian} +k=1 +x_0=${zoneFalseEasting(z)} +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

const converters = new Map<string, proj4.Converter>();
function converter(z: GkZone): proj4.Converter {
  const def = projDef(z);
  let c = converters.get(def);
  if (!c) converters.set(def, (c = proj4(def, 'EPSG:4326')));
  return c;
}

/** Gauss–Krüger (X northing, Y easting, metres) → [longitude, latitude] in degrees. */
export function gkToLonLat(x: number, y: number, z: GkZone): [number, number] {
  const [lon, lat] = converter(z).forward([y, x]) as [number, number];
  return [lon, lat];
}

/** [longitude, latitude] degrees → Gauss–Krüger { x: northing, y: easting } in metres. */
export function lonLatToGk(lon: number, lat: number, z: GkZone): { x: number; y: number } {
  const [e, n] = converter(z).inverse([lon, lat]) as [number, number];
  return { x: n, y: e };
}

/** Rough bounding box of China's territory incl. islands, degrees; used to reject swapped or foreign coordinates. */
export const CHINA_BBOX = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const;

export function inChina(lon: number, lat: number): boolean {
  return lon >= CHINA_BBOX.minLon && lon <= CHINA_BBOX.maxLon && lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat;
}
