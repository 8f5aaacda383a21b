import proj4 from 'proj4';
import { zoneFalseEasting, zoneFromY, zoneOf, type GkZone, type ZoneWidth } from './crs.js';

/**
 * Xi'an 1980 and Beijing 1954 → CGCS2000 with transformation parameters the user supplies.
 *
 * Going from the old datums to CGCS2000 needs parameters fitted for the area (the county's
 * surveying bureau publishes them); there is no national set, and a wrong one silently moves
 * every boundary by tens of metres. So nothing here has defaults: every parameter, the rotation
 * convention and the source datum must be stated, and the readers refuse old-datum data without
 * them.
 *
 * Two kinds:
 *  - 7-parameter (Bursa–Wolf / Helmert) between geocentric Cartesian coordinates of the old datum
 *    and CGCS2000: shifts dx, dy, dz in metres, rotations rx, ry, rz in arc-seconds, scale in ppm
 *    (parts per million), and the rotation convention, because the sign of the rotations depends on it:
 *      position-vector (EPSG method 9606, PROJ's +towgs84, ISO 19111):
 *        X' = dx + (1 + s·10⁻⁶) · ( X − rz·Y + ry·Z)
 *        Y' = dy + (1 + s·10⁻⁶) · ( rz·X + Y − rx·Z)
 *        Z' = dz + (1 + s·10⁻⁶) · (−ry·X + rx·Y + Z)
 *      coordinate-frame (EPSG method 9607, common in Chinese software): the same with every
 *        rotation negated.
 *    The small-angle (linearised) rotation matrix is used, as EPSG and PROJ do. Heights are not
 *    known, so points are taken to lie on the old ellipsoid (h = 0); the effect on longitude and
 *    latitude is below a millimetre.
 *  - 4-parameter plane transformation between the old Gauss–Krüger grid and the CGCS2000
 *    Gauss–Krüger grid of the same zone, in the Chinese X (northing) / Y (easting) order:
 *        X' = dx + (1 + s·10⁻⁶) · (X·cos θ − Y·sin θ)
 *        Y' = dy + (1 + s·10⁻⁶) · (X·sin θ + Y·cos θ)
 *    with θ = rotation in arc-seconds. It is applied to X and Y as written in the source: with
 *    the zone prefix when the Y values carry one, without it otherwise. Parameters fitted on the
 *    other form give a different result (the rotation acts on the zone·10⁶ m too), so use
 *    parameters fitted on coordinates written like the file's.
 */
export type LegacyDatum = 'xian80' | 'beijing54';

export interface LegacyDatumInfo {
  id: LegacyDatum;
  /** English name as in EPSG. */
  name: string;
  /** Name as Chinese documents write it. */
  zh: string;
  ellipsoid: string;
  /** Semi-major axis, metres. */
  a: number;
  /** Inverse flattening. */
  rf: number;
  /** EPSG code of the geographic (longitude/latitude) CRS. */
  geographicEpsg: number;
}

export const LEGACY_DATUMS: Readonly<Record<LegacyDatum, LegacyDatumInfo>> = {
  // IAG 1975 ellipsoid (PROJ's "IAU76": a = 6 378 140 m, 1/f = 298.257).
  xian80: { id: 'xian80', name: "Xi'an 1980", zh: '1980西安坐标系', ellipsoid: 'IAG 1975', a: 6_378_140, rf: 298.257, geographicEpsg: 4610 },
  // Krassovsky 1940 (PROJ's "krass": a = 6 378 245 m, 1/f = 298.3).
  beijing54: { id: 'beijing54', name: 'Beijing 1954', zh: '1954北京坐标系', ellipsoid: 'Krassovsky 1940', a: 6_378_245, rf: 298.3, geographicEpsg: 4214 },
};

/** CGCS2000 ellipsoid (GRS 80 parameters; CGCS2000's own 1/f differs in the 11th digit, ≈ 0.1 mm). */
const CGCS2000 = { a: 6_378_137, rf: 298.257222101 };

export type RotationConvention = 'position-vector' | 'coordinate-frame';

export interface SevenParameterTransform {
  type: '7-parameter';
  /** The datum the coordinates are in; they are transformed to CGCS2000. */
  from: LegacyDatum;
  /** Shifts of the geocentric X, Y, Z axes, metres. */
  dx: number;
  dy: number;
  dz: number;
  /** Rotations about the geocentric X, Y, Z axes, arc-seconds (″). */
  rx: number;
  ry: number;
  rz: number;
  /** Scale difference, ppm (parts per million): (factor − 1) × 10⁶. */
  scale: number;
  /** How the rotations are signed (see the module comment). */
  convention: RotationConvention;
}

export interface FourParameterTransform {
  type: '4-parameter';
  /** The datum of the old Gauss–Krüger grid; the result is the CGCS2000 grid of the same zone. */
  from: LegacyDatum;
  /** Shift of X (northing), metres. */
  dx: number;
  /** Shift of Y (easting), metres. */
  dy: number;
  /** Rotation θ in arc-seconds (″), positive from the X (north) axis towards the Y (east) axis. */
  rotation: number;
  /** Scale difference, ppm (parts per million): (factor − 1) × 10⁶. */
  scale: number;
}

export type DatumTransform = SevenParameterTransform | FourParameterTransform;

export class DatumError extends Error {}

type FieldSpec = { unit: string; what: string; max: number };

const SEVEN: Record<'dx' | 'dy' | 'dz' | 'rx' | 'ry' | 'rz' | 'scale', FieldSpec> = {
  dx: { unit: 'm', what: 'the shift along the geocentric X axis in metres', max: 10_000 },
  dy: { unit: 'm', what: 'the shift along the geocentric Y axis in metres', max: 10_000 },
  dz: { unit: 'm', what: 'the shift along the geocentric Z axis in metres', max: 10_000 },
  rx: { unit: '″', what: 'the rotation about the geocentric X axis in arc-seconds', max: 600 },
  ry: { unit: '″', what: 'the rotation about the geocentric Y axis in arc-seconds', max: 600 },
  rz: { unit: '″', what: 'the rotation about the geocentric Z axis in arc-seconds', max: 600 },
  scale: { unit: 'ppm', what: 'the scale difference in ppm, (factor − 1) × 10⁶', max: 1_000 },
};
const FOUR: Record<'dx' | 'dy' | 'rotation' | 'scale', FieldSpec> = {
  dx: { unit: 'm', what: 'the shift of X (northing) in metres', max: 100_000 },
  dy: { unit: 'm', what: 'the shift of Y (easting) in metres', max: 100_000 },
  rotation: { unit: '″', what: 'the rotation in arc-seconds', max: 600 },
  scale: { unit: 'ppm', what: 'the scale difference in ppm, (factor − 1) × 10⁶', max: 1_000 },
};
const CONVENTIONS: RotationConvention[] = ['position-vector', 'coordinate-frame'];

/**
 * Checks an untrusted value (parsed JSON) and returns it as a DatumTransform. Throws DatumError
 * naming the field, its unit and what is wrong; nothing is defaulted (a rotation of zero must be
 * written as 0).
 */
export function parseDatumTransform(input: unknown, path = 'datum'): DatumTransform {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DatumError(`${path} must be an object such as {"type":"7-parameter","from":"xian80","dx":…,"dy":…,"dz":…,"rx":…,"ry":…,"rz":…,"scale":…,"convention":"position-vector"}`);
  }
  const o = input as Record<string, unknown>;
  const type = o['type'];
  if (type !== '7-parameter' && type !== '4-parameter') {
    throw new DatumError(`${path}.type must be "7-parameter" (Bursa–Wolf, geocentric) or "4-parameter" (Gauss–Krüger plane), got ${show(type)}`);
  }
  const from = o['from'];
  if (from !== 'xian80' && from !== 'beijing54') {
    throw new DatumError(`${path}.from must be "xian80" (${LEGACY_DATUMS.xian80.zh}, Xi'an 1980) or "beijing54" (${LEGACY_DATUMS.beijing54.zh}, Beijing 1954), got ${show(from)}`);
  }
  const spec: Record<string, FieldSpec> = type === '7-parameter' ? SEVEN : FOUR;
  const allowed = ['type', 'from', ...Object.keys(spec), ...(type === '7-parameter' ? ['convention'] : [])];
  const problems: string[] = [];
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) problems.push(`${path}.${k} is not a field of a ${type} transformation (fields: ${allowed.join(', ')})`);
  }
  const nums: Record<string, number> = {};
  for (const [k, s] of Object.entries(spec)) {
    const v = o[k];
    if (v === undefined) problems.push(`${path}.${k} is missing: ${s.what} (write 0 if it is zero; nothing is assumed)`);
    else if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`${path}.${k} must be a number in ${s.unit} (${s.what}), got ${show(v)}`);
    else if (Math.abs(v) > s.max) problems.push(`${path}.${k} is ${v} ${s.unit}, beyond ±${s.max} ${s.unit} for ${s.what}: check the unit`);
    else nums[k] = v;
  }
  if (type === '7-parameter') {
    const c = o['convention'];
    if (c === undefined) problems.push(`${path}.convention is missing: "position-vector" (EPSG 9606, PROJ +towgs84) or "coordinate-frame" (EPSG 9607); the sign of the rotations depends on it`);
    else if (!CONVENTIONS.includes(c as RotationConvention)) problems.push(`${path}.convention must be "position-vector" or "coordinate-frame", got ${show(c)}`);
  }
  if (problems.length) throw new DatumError(problems.join('; '));
  if (type === '7-parameter') {
    return { type, from, dx: nums['dx']!, dy: nums['dy']!, dz: nums['dz']!, rx: nums['rx']!, ry: nums['ry']!, rz: nums['rz']!, scale: nums['scale']!, convention: o['convention'] as RotationConvention };
  }
  return { type, from, dx: nums['dx']!, dy: nums['dy']!, rotation: nums['rotation']!, scale: nums['scale']! };
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

const fmt = (n: number) => String(Number(n.toPrecision(12)));

/** One line for the user: what will be applied, with units. */
export function describeTransform(t: DatumTransform): string {
  const d = LEGACY_DATUMS[t.from];
  if (t.type === '7-parameter') {
    return `${d.name} → CGCS2000, 7-parameter Bursa–Wolf (${t.convention}): dx ${fmt(t.dx)} m, dy ${fmt(t.dy)} m, dz ${fmt(t.dz)} m, rx ${fmt(t.rx)}″, ry ${fmt(t.ry)}″, rz ${fmt(t.rz)}″, scale ${fmt(t.scale)} ppm`;
  }
  return `${d.name} Gauss–Krüger → CGCS2000 Gauss–Krüger (same zone), 4-parameter plane: dX ${fmt(t.dx)} m, dY ${fmt(t.dy)} m, rotation ${fmt(t.rotation)}″, scale ${fmt(t.scale)} ppm`;
}

const ARCSEC = Math.PI / 180 / 3600;

/** Geodetic (degrees, h metres) → geocentric Cartesian metres on an ellipsoid. */
export function geodeticToGeocentric(lon: number, lat: number, h: number, e: { a: number; rf: number }): [number, number, number] {
  const f = 1 / e.rf, e2 = f * (2 - f);
  const φ = lat * (Math.PI / 180), λ = lon * (Math.PI / 180);
  const sφ = Math.sin(φ), cφ = Math.cos(φ);
  const n = e.a / Math.sqrt(1 - e2 * sφ * sφ);
  return [(n + h) * cφ * Math.cos(λ), (n + h) * cφ * Math.sin(λ), (n * (1 - e2) + h) * sφ];
}

/** Geocentric Cartesian metres → [longitude, latitude] degrees and height metres (iterated to 1e-14 rad). */
export function geocentricToGeodetic(x: number, y: number, z: number, e: { a: number; rf: number }): [number, number, number] {
  const f = 1 / e.rf, e2 = f * (2 - f);
  const p = Math.hypot(x, y);
  let φ = Math.atan2(z, p * (1 - e2));
  let h = 0;
  for (let i = 0; i < 20; i++) {
    const sφ = Math.sin(φ);
    const n = e.a / Math.sqrt(1 - e2 * sφ * sφ);
    h = p / Math.cos(φ) - n;
    const next = Math.atan2(z, p * (1 - (e2 * n) / (n + h)));
    const done = Math.abs(next - φ) < 1e-14;
    φ = next;
    if (done) break;
  }
  return [Math.atan2(y, x) * (180 / Math.PI), φ * (180 / Math.PI), h];
}

/** The 7-parameter Helmert transformation of geocentric coordinates (metres), old datum → CGCS2000. */
export function helmert(xyz: [number, number, number], t: SevenParameterTransform): [number, number, number] {
  const sign = t.convention === 'position-vector' ? 1 : -1;
  const rx = sign * t.rx * ARCSEC, ry = sign * t.ry * ARCSEC, rz = sign * t.rz * ARCSEC;
  const k = 1 + t.scale * 1e-6;
  const [x, y, z] = xyz;
  return [t.dx + k * (x - rz * y + ry * z), t.dy + k * (rz * x + y - rx * z), t.dz + k * (-ry * x + rx * y + z)];
}

/** The 4-parameter plane transformation: old-grid X (northing), Y (easting) metres → CGCS2000-grid { x, y }. */
export function planeTransform(x: number, y: number, t: FourParameterTransform): { x: number; y: number } {
  const θ = t.rotation * ARCSEC, k = 1 + t.scale * 1e-6;
  const c = Math.cos(θ), s = Math.sin(θ);
  return { x: t.dx + k * (x * c - y * s), y: t.dy + k * (x * s + y * c) };
}

/** Old-datum longitude/latitude (degrees) → CGCS2000 longitude/latitude (degrees) with a 7-parameter transformation. */
export function legacyLonLatToCgcs2000(lon: number, lat: number, t: SevenParameterTransform): [number, number] {
  const [x, y, z] = helmert(geodeticToGeocentric(lon, lat, 0, LEGACY_DATUMS[t.from]), t);
  const [lon2, lat2] = geocentricToGeodetic(x, y, z, CGCS2000);
  return [lon2, lat2];
}

/** A Transverse Mercator (Gauss–Krüger) projection of old-datum coordinates, as a zone or a .prj gives it. */
export interface LegacyProjection {
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** False easting, metres (zone·10⁶ + 500 000 when Y carries the zone prefix). */
  falseEasting: number;
  falseNorthing?: number;
  scale?: number;
  latitudeOfOrigin?: number;
}

const tm = (p: LegacyProjection, ellipsoid: string) =>
  `+proj=tmerc +lat_0=${p.latitudeOfOrigin ?? 0} +lon_0=${p.centralMeridian} +k=${p.scale ?? 1} +x_0=${p.falseEasting} +y_0=${p.falseNorthing ?? 0} ${ellipsoid} +units=m +no_defs`;
const ellps = (e: { a: number; rf: number }) => `+a=${e.a} +rf=${e.rf}`;

/** PROJ definition of the projection on the old datum's ellipsoid. */
export function legacyProjDef(p: LegacyProjection, datum: LegacyDatum): string {
  return tm(p, ellps(LEGACY_DATUMS[datum]));
}

const inverses = new Map<string, proj4.Converter>();
/** Inverse TM (easting, northing → lon, lat on the same ellipsoid), cached per definition. */
function inverseTm(def: string): (e: number, n: number) => [number, number] {
  let c = inverses.get(def);
  if (!c) inverses.set(def, (c = proj4(def, `+proj=longlat ${/\+a=\S+ \+rf=\S+/.exec(def)![0]} +no_defs`)));
  const conv = c;
  return (e, n) => conv.forward([e, n]) as [number, number];
}

/**
 * Largest distance, metres, a transformation may move a point from where the same numbers would
 * lie read as CGCS2000. Xi'an 1980 and Beijing 1954 differ from CGCS2000 by tens of metres to a
 * few hundred; a kilometre means wrong units, a wrong sign convention or parameters for another
 * area, and is refused rather than imported.
 */
export const MAX_DATUM_SHIFT_M = 1_000;

function metresBetween(a: [number, number], b: [number, number]): number {
  const lat = ((a[1] + b[1]) / 2) * (Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * Math.cos(lat), a[1] - b[1]) * 111_195;
}

function plausible(result: [number, number], naive: [number, number], t: DatumTransform): [number, number] {
  const d = metresBetween(result, naive);
  if (!(d <= MAX_DATUM_SHIFT_M)) {
    throw new DatumError(
      `the ${t.type} transformation moves this point ${Math.round(d)} m from where the same coordinates lie read as CGCS2000; ${LEGACY_DATUMS[t.from].name} differs from CGCS2000 by at most a few hundred metres, so the parameters are wrong (units: m, ″, ppm; rotation convention; parameters of another area)`,
    );
  }
  return result;
}

/**
 * A converter from old-datum projected coordinates (easting, northing in metres: Shapefile x, y;
 * Chinese Y, X) to CGCS2000 [longitude, latitude] degrees. Throws DatumError for a point the
 * transformation moves implausibly far (MAX_DATUM_SHIFT_M).
 */
export function legacyPlaneConverter(p: LegacyProjection, t: DatumTransform): (easting: number, northing: number) => [number, number] {
  const onCgcs = inverseTm(tm(p, ellps(CGCS2000)));
  if (t.type === '4-parameter') {
    return (e, n) => {
      const q = planeTransform(n, e, t);
      return plausible(onCgcs(q.y, q.x), onCgcs(e, n), t);
    };
  }
  const onOld = inverseTm(legacyProjDef(p, t.from));
  return (e, n) => {
    const [lon, lat] = onOld(e, n);
    return plausible(legacyLonLatToCgcs2000(lon, lat, t), onCgcs(e, n), t);
  };
}

/** Old-datum longitude/latitude → CGCS2000, with the same plausibility check; only 7-parameter transformations apply. */
export function legacyLonLatConverter(t: DatumTransform): (lon: number, lat: number) => [number, number] {
  if (t.type !== '7-parameter') {
    throw new DatumError(`a 4-parameter transformation works in the Gauss–Krüger plane, but these coordinates are ${LEGACY_DATUMS[t.from].name} longitude/latitude: supply a 7-parameter transformation`);
  }
  return (lon, lat) => plausible(legacyLonLatToCgcs2000(lon, lat, t), [lon, lat], t);
}

/** The projection of a Gauss–Krüger zone (the same numbers on every datum). */
export function zoneProjection(z: GkZone): LegacyProjection {
  return { centralMeridian: z.centralMeridian, falseEasting: zoneFalseEasting(z) };
}

/** Old-datum Gauss–Krüger X (northing), Y (easting) metres in zone z → CGCS2000 [longitude, latitude] degrees. */
export function legacyGkToLonLat(x: number, y: number, z: GkZone, t: DatumTransform): [number, number] {
  return legacyPlaneConverter(zoneProjection(z), t)(y, x);
}

/**
 * Like legacyGkToLonLat, with the zone read from the Y prefix as for CGCS2000 (crs.ts zoneFromY:
 * 13–23 6°, 25–45 3°), or `zone` when Y has no prefix. Throws CrsError for an unknown prefix or a
 * missing zone, DatumError for an implausible result.
 */
export function legacyGkPointToLonLat(x: number, y: number, t: DatumTransform, zone?: { width: ZoneWidth; zone: number }): { lonLat: [number, number]; zone: GkZone; epsg: number } {
  const z = zoneFromY(y) ?? (zone ? zoneOf(zone.width, zone.zone, false) : null);
  if (!z) throw new DatumError(`Y ${y} has no zone prefix and no zone was given`);
  return { lonLat: legacyGkToLonLat(x, y, z, t), zone: z, epsg: legacyEpsg(t.from, z) };
}

/**
 * EPSG code of an old-datum Gauss–Krüger zone: Xi'an 1980 2327–2390, Beijing 1954 2401–2442 (3°)
 * and 21413–21463 (6°), with or without the zone prefix as z says.
 */
export function legacyEpsg(datum: LegacyDatum, z: GkZone): number {
  const six = z.zone - 13, three = z.zone - 25;
  if (datum === 'xian80') return z.width === 6 ? (z.prefixed ? 2327 : 2338) + six : (z.prefixed ? 2349 : 2370) + three;
  return z.width === 6 ? (z.prefixed ? 21413 : 21453) + six : (z.prefixed ? 2401 : 2422) + three;
}

/** The old-datum CRS an EPSG code names: a geographic CRS or a Gauss–Krüger zone; undefined for other codes. */
export function legacyCrsOfEpsg(epsg: number): { datum: LegacyDatum; zone?: GkZone } | undefined {
  for (const datum of ['xian80', 'beijing54'] as const) {
    if (epsg === LEGACY_DATUMS[datum].geographicEpsg) return { datum };
    for (const width of [3, 6] as const) {
      const [lo, hi] = width === 6 ? [13, 23] : [25, 45];
      for (const prefixed of [true, false]) {
        const first = legacyEpsg(datum, { width, zone: lo, prefixed, centralMeridian: 0, epsg: 0 });
        if (epsg >= first && epsg <= first + hi - lo) return { datum, zone: zoneOf(width, lo + epsg - first, prefixed) };
      }
    }
  }
  return undefined;
}

/** Which old datum a CRS name means ("80西安坐标系", "Xian_1980", "北京54", "GCS_Beijing_1954" …), if any. */
export function legacyDatumOfName(name: string): LegacyDatum | undefined {
  const n = name.normalize('NFKC').toLowerCase().replace(/[\s_\-'’]/g, '');
  if (/西安|xian|iag1975/.test(n)) return 'xian80';
  if (/北京|beijing|krasovsk|krassowsk/.test(n)) return 'beijing54';
  return undefined;
}
