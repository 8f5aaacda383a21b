import { CrsError, zoneOf, type GkZone } from '../crs.js';
import { LEGACY_DATUMS, legacyEpsg, legacyProjDef, type DatumTransform, type LegacyDatum, type LegacyProjection } from '../datum.js';
import { tmProjDef, type TmParams } from './tm.js';

/**
 * What a Shapefile's .prj (WKT 1 in the ESRI or OGC dialect; WKT 2 is read too) says about the
 * coordinates. CGCS2000 and WGS 84 (centimetre-level the same) are accepted, as lon/lat or as
 * Gauss–Krüger / Transverse Mercator. Xi'an 1980 and Beijing 1954 (lon/lat or Gauss–Krüger) are
 * accepted only together with a transformation the caller supplies (opts.datum, datum.ts) whose
 * source datum matches: going from them to CGCS2000 needs parameters for the area, and guessing
 * them would silently move every boundary by up to ~100 m. They come back as 'legacy-lonlat' /
 * 'legacy-tm', which a caller must convert with datum.ts, never with proj (other ellipsoid).
 */
export type PrjCrs =
  | { kind: 'lonlat'; datum: Datum; name: string; epsg?: number }
  | { kind: 'tm'; datum: Datum; name: string; epsg?: number; params: TmParams; proj: string; zone?: GkZone }
  | { kind: 'legacy-lonlat'; datum: LegacyDatum; name: string; epsg: number; transform: DatumTransform }
  | { kind: 'legacy-tm'; datum: LegacyDatum; name: string; epsg?: number; params: Required<LegacyProjection>; proj: string; zone?: GkZone; transform: DatumTransform };

export type Datum = 'CGCS2000' | 'WGS 84';

export interface PrjOptions {
  /** The transformation to CGCS2000 for a Xi'an 1980 / Beijing 1954 .prj; refused for any other. */
  datum?: DatumTransform;
}

export class PrjError extends Error {}

type Arg = string | number | WktNode | { ident: string };
interface WktNode {
  key: string;
  args: Arg[];
}

/** Parses WKT into nested nodes KEY[arg, …] (round brackets too). */
function parseWkt(text: string): WktNode {
  let i = 0;
  const s = text.replace(/^\uFEFF/, '').trim();
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new PrjError(`the .prj is not valid WKT: ${what} at character ${i + 1}`);
  };
  const node = (): WktNode => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return fail('expected a keyword');
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return fail(`expected "[" after ${m[0]}`);
    const close = open === '[' ? ']' : ')';
    i++;
    const args: Arg[] = [];
    for (;;) {
      ws();
      const c = s[i];
      if (c === undefined) return fail('unexpected end');
      if (c === close) {
        i++;
        return { key: m[0].toUpperCase(), args };
      }
      if (args.length) {
        if (c !== ',') return fail('expected ","');
        i++;
        ws();
      }
      const d = s[i];
      if (d === '"') {
        let str = '';
        i++;
        for (;;) {
          const e = s[i];
          if (e === undefined) return fail('unterminated string');
          i++;
          if (e === '"') {
            if (s[i] === '"') {
              str += '"';
              i++;
            } else break;
          } else str += e;
        }
        args.push(str);
      } else if (d !== undefined && /[-+.\d]/.test(d)) {
        const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) return fail('bad number');
        i += n[0].length;
        args.push(Number(n[0]));
      } else {
        const save = i;
        const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
        if (!id) return fail('unexpected character');
        i += id[0].length;
        ws();
        if (s[i] === '[' || s[i] === '(') {
          i = save;
          args.push(node());
        } else args.push({ ident: id[0] });
      }
    }
  };
  const root = node();
  ws();
  if (i < s.length) fail('text after the end');
  return root;
}

const isNode = (a: Arg | undefined): a is WktNode => typeof a === 'object' && a !== null && 'key' in a;
const kids = (n: WktNode, ...keys: string[]) => n.args.filter((a): a is WktNode => isNode(a) && keys.includes(a.key));
function find(n: WktNode, ...keys: string[]): WktNode | undefined {
  for (const a of n.args) {
    if (!isNode(a)) continue;
    if (keys.includes(a.key)) return a;
    const r = find(a, ...keys);
    if (r) return r;
  }
  return undefined;
}
function findAll(n: WktNode, keys: string[], out: WktNode[] = []): WktNode[] {
  for (const a of n.args) {
    if (!isNode(a)) continue;
    if (keys.includes(a.key)) out.push(a);
    findAll(a, keys, out);
  }
  return out;
}
const nameOf = (n: WktNode | undefined) => (n && typeof n.args[0] === 'string' ? n.args[0] : '');
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function epsgOf(n: WktNode): number | undefined {
  for (const a of kids(n, 'AUTHORITY', 'ID')) {
    if (String(a.args[0]).toUpperCase() === 'EPSG' && Number.isInteger(Number(a.args[1]))) return Number(a.args[1]);
  }
  return undefined;
}

const PROJECTED = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const GEOGRAPHIC = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS', 'BASEGEOGCRS', 'BASEGEODCRS'];

function datumOf(root: WktNode): Datum | LegacyDatum {
  const datum = find(root, 'DATUM', 'GEODETICDATUM', 'TRF', 'ENSEMBLE');
  const ell = find(root, 'SPHEROID', 'ELLIPSOID');
  const gcs = PROJECTED.includes(root.key) ? find(root, ...GEOGRAPHIC) : root;
  const a = Number(ell?.args[1]), rf = Number(ell?.args[2]);
  const names = `${nameOf(datum)} ${nameOf(gcs)} ${nameOf(ell)}`;
  const n = norm(names);
  if (/xian|iag1975|1975/.test(n) || Math.abs(a - 6378140) < 0.5) return 'xian80';
  if (/beijing|krasovsk|krassowsk/.test(n) || Math.abs(a - 6378245) < 0.5) return 'beijing54';
  if (/china2000|cgcs2000|chinageodeticcoordinatesystem2000/.test(n)) return 'CGCS2000';
  if (/wgs84|wgs1984|worldgeodeticsystem1984/.test(n)) return 'WGS 84';
  // A datum without a real name (some Chinese GIS software writes "D_unknown" or the ellipsoid's
  // name) is judged by its ellipsoid; a named foreign datum (NAD83, ETRS89 …) is not CGCS2000.
  const unnamed = /^d?(unknown|unnamed|notspecified.*|grs1980|grs80|wgs1984|wgs84|)$/.test(norm(nameOf(datum)));
  if (unnamed && Math.abs(a - 6378137) < 1e-3 && Math.abs(rf - 298.257222101) < 1e-6) return 'CGCS2000'; // GRS 80 ellipsoid
  if (unnamed && Math.abs(a - 6378137) < 1e-3 && Math.abs(rf - 298.257223563) < 1e-6) return 'WGS 84';
  throw new PrjError(`the .prj's datum ${JSON.stringify(names.trim())} is neither CGCS2000 nor WGS 84: convert the data to CGCS2000 first`);
}

/** A standard CGCS2000 zone (EPSG 4491–4554) matching these parameters, if there is exactly one. */
function zoneOfParams(p: Required<TmParams>, name: string): GkZone | undefined {
  if (p.ellipsoid !== 'GRS80' || p.scale !== 1 || p.latitudeOfOrigin !== 0 || p.falseNorthing !== 0) return undefined;
  const cm = p.centralMeridian;
  try {
    if (p.falseEasting === 500_000) {
      if (!Number.isInteger(cm / 3)) return undefined;
      // CM ≡ 3 (mod 6) is the central meridian of both a 6° and a 3° zone: the same projection.
      // Only the name can tell which EPSG code the author meant.
      if (cm % 6 !== 3) return zoneOf(3, cm / 3, false);
      const three = /3[-_ ]?degree|3度|3°|三度/i.test(name);
      if (three) return zoneOf(3, cm / 3, false);
      if (/6[-_ ]?degree|6度|6°|六度/i.test(name) || /^(cgcs2000|xian1980|beijing1954)(gk|gausskruger)cm/.test(norm(name))) return zoneOf(6, (cm + 3) / 6, false);
      return undefined;
    }
    const z = (p.falseEasting - 500_000) / 1_000_000;
    if (!Number.isInteger(z)) return undefined;
    const zone = z >= 25 ? zoneOf(3, z, true) : zoneOf(6, z, true);
    return zone.centralMeridian === cm ? zone : undefined;
  } catch (e) {
    if (e instanceof CrsError) return undefined;
    throw e;
  }
}

const isLegacy = (d: Datum | LegacyDatum): d is LegacyDatum => d === 'xian80' || d === 'beijing54';

/** A Xi'an 1980 / Beijing 1954 .prj needs a transformation from that datum; any other .prj none. */
function checkTransform(datum: Datum | LegacyDatum, name: string, t: DatumTransform | undefined, lonLat: boolean): DatumTransform | undefined {
  if (!isLegacy(datum)) {
    if (t) throw new PrjError(`the .prj ("${name}") is ${datum}, but a transformation from ${LEGACY_DATUMS[t.from].name} was supplied: remove it`);
    return undefined;
  }
  const d = LEGACY_DATUMS[datum];
  if (!t) throw new PrjError(`the .prj is in the ${d.name} datum ("${name}"); converting it to CGCS2000 needs a 7- or 4-parameter transformation you supply; none is guessed`);
  if (t.from !== datum) throw new PrjError(`the .prj is in the ${d.name} datum ("${name}"), but the transformation supplied is from ${LEGACY_DATUMS[t.from].name}`);
  if (lonLat && t.type === '4-parameter') throw new PrjError(`the .prj ("${name}") is ${d.name} longitude/latitude, but a 4-parameter transformation works in the Gauss–Krüger plane: supply a 7-parameter one`);
  return t;
}

/**
 * Reads a .prj. Throws PrjError saying why the CRS cannot be used: a datum other than CGCS2000 /
 * WGS 84 / Xi'an 1980 / Beijing 1954, a Xi'an 1980 / Beijing 1954 .prj without opts.datum (or
 * with one from the other datum), or opts.datum with a CGCS2000 / WGS 84 .prj.
 */
export function parsePrj(wkt: string, opts: PrjOptions = {}): PrjCrs {
  let root = parseWkt(wkt);
  if (root.key === 'COMPD_CS' || root.key === 'COMPOUNDCRS') {
    const horizontal = kids(root, ...PROJECTED, ...GEOGRAPHIC)[0];
    if (!horizontal) throw new PrjError('the .prj is a compound CRS without a horizontal part');
    root = horizontal;
  }
  const name = nameOf(root);
  if (GEOGRAPHIC.includes(root.key)) {
    const datum = datumOf(root);
    const transform = checkTransform(datum, name, opts.datum, true);
    if (isLegacy(datum)) return { kind: 'legacy-lonlat', datum, name, epsg: epsgOf(root) ?? LEGACY_DATUMS[datum].geographicEpsg, transform: transform! };
    const epsg = epsgOf(root) ?? (datum === 'CGCS2000' ? 4490 : 4326);
    return { kind: 'lonlat', datum, name, epsg };
  }
  if (!PROJECTED.includes(root.key)) throw new PrjError(`the .prj describes a ${root.key} ("${name}"), not longitude/latitude or a map projection`);
  const datum = datumOf(root);
  const transform = checkTransform(datum, name, opts.datum, false);
  const method = nameOf(kids(root, 'PROJECTION')[0] ?? find(root, 'METHOD', 'PROJECTION'));
  if (!['transversemercator', 'gausskruger', 'gausskrueger', 'gaussschreibertransversemercator'].includes(norm(method))) {
    throw new PrjError(`the .prj uses the projection "${method}": only Gauss–Krüger (Transverse Mercator) is supported`);
  }
  const params = new Map<string, number>();
  for (const p of findAll(root, ['PARAMETER'])) {
    const v = Number(p.args[1]);
    if (Number.isFinite(v)) params.set(norm(nameOf(p)), v);
  }
  const get = (...keys: string[]) => keys.map((k) => params.get(k)).find((v) => v !== undefined);
  const centralMeridian = get('centralmeridian', 'longitudeofnaturalorigin', 'longitudeoforigin', 'longitudeofcenter');
  const falseEasting = get('falseeasting');
  if (centralMeridian === undefined || falseEasting === undefined) throw new PrjError(`the .prj ("${name}") lacks the central meridian or the false easting`);
  // WKT 1: the PROJCS's own UNIT; WKT 2: a LENGTHUNIT after the axes, or the first axis's.
  const axis = kids(root, 'AXIS')[0];
  const unit = kids(root, 'UNIT', 'LENGTHUNIT').at(-1) ?? (axis && kids(axis, 'LENGTHUNIT')[0]);
  if (unit && Math.abs(Number(unit.args[1]) - 1) > 1e-12) throw new PrjError(`the .prj's linear unit is "${nameOf(unit)}", not metres`);
  const projection: Required<LegacyProjection> = {
    centralMeridian,
    falseEasting,
    falseNorthing: get('falsenorthing') ?? 0,
    scale: get('scalefactor', 'scalefactoratnaturalorigin') ?? 1,
    latitudeOfOrigin: get('latitudeoforigin', 'latitudeofnaturalorigin') ?? 0,
  };
  if (isLegacy(datum)) {
    // The zone numbering is the same on every datum; zoneOfParams judges the numbers, not the ellipsoid.
    const zone = zoneOfParams({ ...projection, ellipsoid: 'GRS80' }, name);
    const epsg = epsgOf(root) ?? (zone ? legacyEpsg(datum, zone) : undefined);
    return { kind: 'legacy-tm', datum, name, params: projection, proj: legacyProjDef(projection, datum), transform: transform!, ...(epsg !== undefined ? { epsg } : {}), ...(zone ? { zone } : {}) };
  }
  const p: Required<TmParams> = { ...projection, ellipsoid: datum === 'CGCS2000' ? 'GRS80' : 'WGS84' };
  const zone = zoneOfParams(p, name);
  const epsg = epsgOf(root) ?? zone?.epsg;
  return { kind: 'tm', datum, name, params: p, proj: tmProjDef(p), ...(epsg !== undefined ? { epsg } : {}), ...(zone ? { zone } : {}) };
}
