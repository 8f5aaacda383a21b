import proj4 from 'proj4';

/**
 * A Transverse Mercator (Gauss–Krüger) projection given by its parameters rather than by a zone
 * number, as a .prj states it. For the CGCS2000 zones (scale 1, origin latitude 0, false northing
 * 0) tmProjDef gives exactly the string crs.ts's projDef gives for the same zone.
 */
export interface TmParams {
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** False easting in metres: 500 000, or zone·10⁶ + 500 000 when Y carries the zone prefix. */
  falseEasting: number;
  falseNorthing?: number;
  /** Scale factor on the central meridian (1 for Gauss–Krüger, 0.9996 for UTM). */
  scale?: number;
  latitudeOfOrigin?: number;
  /** GRS80 for CGCS2000 (default), WGS84 for WGS 84; both read as CGCS2000 lon/lat (centimetre level). */
  ellipsoid?: 'GRS80' | 'WGS84';
}

export function tmProjDef(p: TmParams): string {
  return `+proj=tmerc +lat_0=${p.latitudeOfOrigin ?? 0} +lon_0=${p.centralMeridian} +k=${p.scale ?? 1} +x_0=${p.falseEasting} +y_0=${p.falseNorthing ?? 0} +ellps=${p.ellipsoid ?? 'GRS80'} +units=m +no_defs`;
}

const cache = new Map<string, (easting: number, northing: number) => [number, number]>();

/**
 * A converter from projected (easting, northing) metres — Shapefile x, y; Chinese Y, X — to
 * [longitude, latitude] degrees on the same ellipsoid (no datum shift).
 */
export function tmToLonLat(p: TmParams | string): (easting: number, northing: number) => [number, number] {
  const def = typeof p === 'string' ? p : tmProjDef(p);
  let f = cache.get(def);
  if (!f) {
    const ellps = /\+ellps=(\S+)/.exec(def)?.[1] ?? 'GRS80';
    const c = proj4(def, `+proj=longlat +ellps=${ellps} +no_defs`);
    f = (e, n) => {
      const [lon, lat] = c.forward([e, n]) as [number, number];
      return [lon, lat];
    };
    cache.set(def, f);
  }
  return f;
}
