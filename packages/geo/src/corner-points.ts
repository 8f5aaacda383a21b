import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { CrsError, gkToLonLat, inChina, zoneFromY, zoneOf, type GkZone, type ZoneWidth } from './crs.js';
import { DatumError, describeTransform, LEGACY_DATUMS, legacyDatumOfName, legacyEpsg, legacyPlaneConverter, zoneProjection, type DatumTransform, type LegacyDatum } from './datum.js';
import { geodesicArea } from './area.js';
import { closeRing, selfIntersection } from './rings.js';

/**
 * Licence corner-point text (拐点坐标) in the three layouts officials use, CGCS2000 Gauss–Krüger
 * X (northing) / Y (easting) in metres → GeoJSON Features in lon/lat degrees.
 *  - `table`: the transfer-notice table "序号 X Y" (any of spaces, tabs, commas), with an optional
 *    "开采深度/开采标高 由 A 米至 B 米" line;
 *  - `registry`: point lines "点号,X,Y" closed by a "*,顶标高,底标高,块段名,圈属性" line per ring,
 *    圈属性 1 (or empty) = outer boundary, -1 = an excluded ring (hole) of the block before it;
 *  - `land`: the land-approval exchange file with "[属性描述]" (坐标系, 几度分带, 带号 …) and
 *    "[地块坐标]" blocks "界址点数,面积,地块号,地块名称,面,图幅号,用途,地类编码,@" followed by
 *    "J1,圈号,X,Y" lines (圈号 1 = outer ring, 2… = holes).
 * All-or-nothing: every problem is collected with its line number and point; nothing is returned
 * unless the whole text is valid.
 *
 * Datum: CGCS2000 unless the text says otherwise (the land format's 坐标系, or a title line naming
 * 1980西安 / 1954北京 in the other two). Xi'an 80 / Beijing 54 coordinates are read only with a
 * transformation the caller supplies (opts.datum, see datum.ts); without one they are refused, and
 * a transformation from another datum than the text names is an error.
 */
export type CornerFormat = 'table' | 'registry' | 'land';

export interface CornerIssue {
  line: number;
  point?: string;
  message: string;
}

export class CornerPointError extends Error {
  constructor(readonly issues: CornerIssue[]) {
    super(issues.map((i) => `line ${i.line}${i.point ? ` (point ${i.point})` : ''}: ${i.message}`).join('; '));
  }
}

interface Pt {
  id: string;
  x: number;
  y: number;
  line: number;
}
interface Ring {
  points: Pt[];
  hole: boolean;
  line: number;
}
interface Parcel {
  name: string;
  rings: Ring[];
  top: number | null;
  bottom: number | null;
  line: number;
}

export interface CornerOptions {
  /** The layout, when the caller knows it; otherwise detected (a registry text without any "*" line reads as a table). */
  format?: CornerFormat;
  /** Zone to use when Y has no zone prefix and the text names none. */
  zone?: { width: ZoneWidth; zone: number };
  /**
   * The coordinates are Xi'an 1980 / Beijing 1954 Gauss–Krüger, and this 7- or 4-parameter
   * transformation takes them to CGCS2000. Must match the datum the text names, if it names one.
   */
  datum?: DatumTransform;
}

export interface CornerProperties {
  name: string;
  format: CornerFormat;
  /** EPSG code of the source coordinates (CGCS2000 4491–4554, or the Xi'an 80 / Beijing 54 zone). */
  epsg: number;
  /** Only for Xi'an 80 / Beijing 54 input: the transformation applied (describeTransform). */
  transformation?: string;
  elevationTop: number | null;
  elevationBottom: number | null;
  areaM2: number;
  areaMu: number;
}

const NUM = /^[+-]?\d+(\.\d+)?$/;

export function detectFormat(text: string): CornerFormat {
  if (/\[属性描述\]|\[地块坐标\]/.test(text) || /^\s*J\d+\s*,/m.test(text)) return 'land';
  if (/^\s*\*/m.test(text)) return 'registry';
  return 'table';
}

/** Parses corner-point text of any of the three layouts (detected) into Features. */
export function parseCornerPoints(input: string, opts: CornerOptions = {}): Feature<Polygon | MultiPolygon, CornerProperties>[] {
  const text = input.normalize('NFKC').replace(/^\uFEFF/, '');
  const lines = text.split(/\r\n|\r|\n/);
  const format = opts.format ?? detectFormat(text);
  const issues: CornerIssue[] = [];
  let headerZone: GkZone | null = null;
  let parcels: Parcel[];
  let declared: Declared | null = null;
  if (format === 'table') parcels = parseTable(lines, issues);
  else if (format === 'registry') parcels = parseRegistry(lines, issues);
  else ({ parcels, zone: headerZone, declared } = parseLand(lines, issues));
  if (format !== 'land') declared = titleDatum(lines, issues);
  checkDatum(declared, opts.datum, issues);
  if (parcels.length === 0 && issues.length === 0) issues.push({ line: 1, message: 'no corner points found' });
  if (issues.length) throw new CornerPointError(issues);

  const fallback = opts.zone ? safeZone(opts.zone, issues) : null;
  const all = parcels.flatMap((p) => p.rings.flatMap((r) => r.points));
  let zone: GkZone | null = headerZone;
  for (const pt of all) {
    let z: GkZone | null;
    try {
      z = zoneFromY(pt.y);
    } catch (e) {
      issues.push({ line: pt.line, point: pt.id, message: (e as Error).message });
      continue;
    }
    if (z === null) {
      if (!headerZone && !fallback) {
        issues.push({ line: pt.line, point: pt.id, message: `Y ${pt.y} has no zone prefix and no zone was given (带号/几度分带 in the file, or choose the zone)` });
        break;
      }
      z = headerZone ?? fallback;
      if (headerZone && fallback && (headerZone.zone !== fallback.zone || headerZone.width !== fallback.width)) {
        issues.push({ line: pt.line, message: `the file says ${headerZone.width}° zone ${headerZone.zone} but zone ${fallback.width}° ${fallback.zone} was chosen` });
        break;
      }
      z = { ...z!, prefixed: false, ...unprefixedEpsg(z!) };
    } else if (headerZone && (z.zone !== headerZone.zone || z.width !== headerZone.width)) {
      issues.push({ line: pt.line, point: pt.id, message: `Y prefix says zone ${z.zone} but the header says ${headerZone.width}° zone ${headerZone.zone}` });
      continue;
    }
    if (zone && (zone.zone !== z!.zone || zone.width !== z!.width || zone.prefixed !== z!.prefixed)) {
      issues.push({ line: pt.line, point: pt.id, message: `mixed zones: this point is in zone ${z!.zone}, earlier points in zone ${zone.zone}` });
      continue;
    }
    zone = z;
  }
  if (issues.length) throw new CornerPointError(issues);

  const features = parcels.map((p) => toFeature(p, zone!, format, opts.datum, issues));
  if (issues.length) throw new CornerPointError(issues);
  return features as Feature<Polygon | MultiPolygon, CornerProperties>[];
}

function unprefixedEpsg(z: GkZone): { epsg: number } {
  return { epsg: z.width === 6 ? 4502 + z.zone - 13 : 4534 + z.zone - 25 };
}

function safeZone(z: { width: ZoneWidth; zone: number }, issues: CornerIssue[]): GkZone | null {
  try {
    return zoneOf(z.width, z.zone, false);
  } catch (e) {
    issues.push({ line: 0, message: (e as CrsError).message });
    return null;
  }
}

function toFeature(p: Parcel, zone: GkZone, format: CornerFormat, datum: DatumTransform | undefined, issues: CornerIssue[]): Feature<Polygon | MultiPolygon, CornerProperties> | null {
  const polygons: Position[][][] = [];
  const legacy = datum && legacyPlaneConverter(zoneProjection(zone), datum);
  const toLonLat = (x: number, y: number): [number, number] => (legacy ? legacy(y, x) : gkToLonLat(x, y, zone));
  for (const ring of p.rings) {
    const distinct = new Set(ring.points.map((q) => `${q.x},${q.y}`));
    if (distinct.size < 3) {
      issues.push({ line: ring.line, message: `ring of ${p.name || 'parcel'} has ${distinct.size} distinct points; at least 3 are needed` });
      continue;
    }
    const planar = closeRing(ring.points.map((q) => [q.y, q.x]));
    const cross = selfIntersection(planar);
    if (cross) {
      const ids = (k: number) => `${ring.points[k]!.id}–${ring.points[(k + 1) % ring.points.length]!.id}`;
      issues.push({ line: ring.line, point: ring.points[cross[0]]!.id, message: `ring of ${p.name || 'parcel'} intersects itself: edge ${ids(cross[0])} crosses edge ${ids(cross[1])}` });
      continue;
    }
    const coords: Position[] = [];
    let implausible = false;
    for (const q of ring.points) {
      let lon: number, lat: number;
      try {
        [lon, lat] = toLonLat(q.x, q.y);
      } catch (e) {
        if (!(e instanceof DatumError)) throw e;
        // one issue per ring: the same parameters fail the same way at every corner
        issues.push({ line: q.line, point: q.id, message: `X ${q.x}, Y ${q.y}: ${e.message}` });
        implausible = true;
        break;
      }
      if (!inChina(lon, lat)) {
        issues.push({ line: q.line, point: q.id, message: `X ${q.x}, Y ${q.y} lies outside China (${lon.toFixed(4)}°E, ${lat.toFixed(4)}°N): are X and Y swapped?` });
      }
      coords.push([lon, lat]);
    }
    if (implausible) continue;
    const closed = closeRing(coords);
    if (!ring.hole) polygons.push([closed]);
    else if (polygons.length === 0) issues.push({ line: ring.line, message: 'an excluded ring (hole) comes before any outer ring' });
    else polygons[polygons.length - 1]!.push(closed);
  }
  if (issues.length) return null;
  const geometry: Polygon | MultiPolygon = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  const { m2, mu } = geodesicArea(geometry);
  return {
    type: 'Feature',
    geometry,
    properties: {
      name: p.name,
      format,
      epsg: datum ? legacyEpsg(datum.from, zone) : zone.epsg,
      ...(datum ? { transformation: describeTransform(datum) } : {}),
      elevationTop: p.top,
      elevationBottom: p.bottom,
      areaM2: m2,
      areaMu: mu,
    },
  };
}

function cells(line: string): string[] {
  return line.trim().split(/[\s,，;；]+/).filter(Boolean);
}

/** "开采深度：由1350米至1200米标高" / "开采标高 1350m-1200m" → [top, bottom]. */
function elevation(line: string): [number, number] | null {
  const m = line.match(/([+-]?\d+(?:\.\d+)?)\s*(?:米|m)?\s*(?:至|到|~|-|—|－)\s*([+-]?\d+(?:\.\d+)?)\s*(?:米|m)?/);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function parseTable(lines: string[], issues: CornerIssue[]): Parcel[] {
  const points: Pt[] = [];
  let top: number | null = null;
  let bottom: number | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (/开采深度|开采标高|标高/.test(line) && !/^\d/.test(line)) {
      const e = elevation(line);
      if (e) [top, bottom] = e;
      else issues.push({ line: i + 1, message: `cannot read the elevation range in "${line}"` });
      return;
    }
    const c = cells(line);
    if (c.length >= 3 && /^\d+$/.test(c[0]!) && NUM.test(c[1]!) && NUM.test(c[2]!)) {
      points.push({ id: c[0]!, x: Number(c[1]), y: Number(c[2]), line: i + 1 });
    } else if (/^\d/.test(line)) {
      issues.push({ line: i + 1, message: `expected "序号 X Y" with numbers, got "${line}"` });
    }
    // other lines (titles, column headers, notes) are not coordinates
  });
  return points.length ? [{ name: '', rings: [{ points, hole: false, line: points[0]!.line }], top, bottom, line: points[0]!.line }] : [];
}

function parseRegistry(lines: string[], issues: CornerIssue[]): Parcel[] {
  const parcels: Parcel[] = [];
  let pending: Pt[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const c = line.split(/\s*[,，]\s*/);
    if (c[0] === '*') {
      if (pending.length === 0) {
        issues.push({ line: i + 1, message: 'a "*" line closes a ring that has no points' });
        return;
      }
      const [, topS = '', bottomS = '', name = '', flag = ''] = c;
      const num = (s: string, what: string) => {
        if (s === '') return null;
        if (!NUM.test(s)) issues.push({ line: i + 1, message: `${what} "${s}" is not a number` });
        return Number(s);
      };
      const top = num(topS, '顶标高 (top elevation)');
      const bottom = num(bottomS, '底标高 (bottom elevation)');
      if (flag !== '' && flag !== '1' && flag !== '-1') issues.push({ line: i + 1, message: `圈属性 (ring flag) must be 1 or -1, got "${flag}"` });
      const ring: Ring = { points: pending, hole: flag === '-1', line: pending[0]!.line };
      if (ring.hole && parcels.length) parcels[parcels.length - 1]!.rings.push(ring);
      else parcels.push({ name, rings: [ring], top, bottom, line: ring.line });
      pending = [];
      return;
    }
    if (c.length === 1 || (c.length === 2 && c[1] === '')) {
      if (/^\d+$/.test(c[0]!)) return; // leading point count
    }
    if (c.length >= 3 && NUM.test(c[1]!) && NUM.test(c[2]!)) pending.push({ id: c[0]!, x: Number(c[1]), y: Number(c[2]), line: i + 1 });
    else issues.push({ line: i + 1, message: `expected "点号,X,Y", got "${line}"` });
  });
  if (pending.length) issues.push({ line: pending[pending.length - 1]!.line, message: 'the last ring is not closed by a "*,顶标高,底标高,块段名,圈属性" line' });
  return parcels;
}

function parseLand(lines: string[], issues: CornerIssue[]): { parcels: Parcel[]; zone: GkZone | null; declared: Declared | null } {
  const header = new Map<string, { value: string; line: number }>();
  const parcels: Parcel[] = [];
  let section = '';
  let current: Parcel | null = null;
  let ringNo = '';
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const sec = line.match(/^\[(.+)\]$/);
    if (sec) {
      section = sec[1]!;
      return;
    }
    if (section === '属性描述') {
      const kv = line.match(/^([^=]+)=(.*)$/);
      if (kv) header.set(kv[1]!.trim(), { value: kv[2]!.trim(), line: i + 1 });
      return;
    }
    const c = line.split(/\s*,\s*/);
    if (c[c.length - 1] === '@') {
      current = { name: c[3] || c[2] || '', rings: [], top: null, bottom: null, line: i + 1 };
      parcels.push(current);
      ringNo = '';
      if (c[4] && c[4] !== '面') issues.push({ line: i + 1, message: `图形属性 "${c[4]}" is not supported: only 面 (polygon) parcels` });
      return;
    }
    if (/^J\d+/i.test(c[0]!)) {
      if (!current) {
        current = { name: '', rings: [], top: null, bottom: null, line: i + 1 };
        parcels.push(current);
      }
      if (c.length < 4 || !NUM.test(c[2]!) || !NUM.test(c[3]!)) {
        issues.push({ line: i + 1, point: c[0], message: `expected "J点号,圈号,X,Y", got "${line}"` });
        return;
      }
      const ring = c[1]!;
      if (ring !== ringNo) {
        current.rings.push({ points: [], hole: current.rings.length > 0, line: i + 1 });
        ringNo = ring;
      }
      current.rings[current.rings.length - 1]!.points.push({ id: c[0]!, x: Number(c[2]), y: Number(c[3]), line: i + 1 });
      return;
    }
    issues.push({ line: i + 1, message: `unexpected line "${line}"` });
  });
  // The exchange format repeats the first point at the end of each ring; drop it (rings are closed later).
  for (const p of parcels) for (const r of p.rings) {
    const a = r.points[0], b = r.points[r.points.length - 1];
    if (r.points.length > 1 && a && b && a.x === b.x && a.y === b.y) r.points.pop();
  }
  let zone: GkZone | null = null;
  const band = header.get('带号');
  const width = header.get('几度分带');
  if (band) {
    const w = width ? Number(width.value) : NaN;
    if (w !== 3 && w !== 6) issues.push({ line: width?.line ?? band.line, message: `几度分带 must be 3 or 6, got "${width?.value ?? ''}"` });
    else {
      try {
        zone = zoneOf(w, Number(band.value), false);
      } catch (e) {
        issues.push({ line: band.line, message: (e as Error).message });
      }
    }
  }
  const crs = header.get('坐标系');
  const params = header.get('转换参数');
  const declared: Declared | null = crs ? { datum: headerDatum(crs.value), text: crs.value, line: crs.line, header: true, ...(params && /\d/.test(params.value) ? { params: params.value } : {}) } : null;
  return { parcels, zone, declared };
}

/** A datum the text names: the land format's 坐标系, or a title line of the other layouts. */
interface Declared {
  datum: 'CGCS2000' | LegacyDatum | 'other';
  text: string;
  line: number;
  /** Whether it is the land format's 坐标系 field (else a title line). */
  header: boolean;
  /** The land format's 转换参数 when filled in. */
  params?: string;
}

const NAMES_CGCS2000 = /2000\s*年?\s*国家大地坐标系|国家\s*2000|cgcs\s*2000|china\s*(geodetic\s*coordinate\s*system\s*)?2000|2000\s*坐标系/i;
const NAMES_XIAN80 = /西安\s*(19)?80|(19)?80\s*年?\s*西安|西安坐标系|1980\s*年?\s*国家大地坐标系|xi'?an\s*[-_ ]?\s*(19)?80/i;
const NAMES_BEIJING54 = /北京\s*(19)?54|(19)?54\s*年?\s*北京|北京坐标系|beijing\s*[-_ ]?\s*(19)?54/i;

function namedDatum(text: string): Declared['datum'] | null {
  const t = text.normalize('NFKC');
  if (NAMES_XIAN80.test(t)) return 'xian80';
  if (NAMES_BEIJING54.test(t)) return 'beijing54';
  if (NAMES_CGCS2000.test(t)) return 'CGCS2000';
  return null;
}

/** The land format's 坐标系 value: a name, or "80"/"54" alone (the field can only mean a CRS). */
function headerDatum(value: string): Declared['datum'] {
  const named = namedDatum(value);
  if (named) return named;
  if (/2000/.test(value)) return 'CGCS2000';
  const legacy = legacyDatumOfName(value);
  if (legacy) return legacy;
  if (/(^|\D)(19)?80(\D|$)/.test(value)) return 'xian80';
  if (/(^|\D)(19)?54(\D|$)/.test(value)) return 'beijing54';
  return 'other';
}

/** A datum named in the title or notes of table/registry text (lines that hold no coordinates). */
function titleDatum(lines: string[], issues: CornerIssue[]): Declared | null {
  let found: Declared | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || /^[\d*]/.test(line)) return;
    const datum = namedDatum(line);
    if (!datum) return;
    if (found && found.datum !== datum) {
      issues.push({ line: i + 1, message: `"${line}" names ${datumName(datum)} but line ${found.line} names ${datumName(found.datum)}` });
      return;
    }
    found ??= { datum, text: line, line: i + 1, header: false };
  });
  return found;
}

const datumName = (d: Declared['datum']) => (d === 'CGCS2000' || d === 'other' ? d : `${LEGACY_DATUMS[d].name} (${LEGACY_DATUMS[d].zh})`);

/** The datum the text names against the transformation supplied: refuse, never guess. */
function checkDatum(declared: Declared | null, datum: DatumTransform | undefined, issues: CornerIssue[]): void {
  if (!declared) return; // unnamed: CGCS2000, or the datum of the transformation the caller supplied
  const what = declared.header ? `坐标系 "${declared.text}"` : `"${declared.text}"`;
  const at = { line: declared.line };
  if (declared.datum === 'other') {
    issues.push({ ...at, message: `${what} is neither CGCS2000 nor Xi'an 80 / Beijing 54: convert the coordinates to CGCS2000 first` });
  } else if (declared.datum === 'CGCS2000') {
    if (datum) issues.push({ ...at, message: `${what} is CGCS2000, but a transformation from ${LEGACY_DATUMS[datum.from].name} was supplied: remove it` });
  } else if (!datum) {
    const unused = declared.params ? ` (the file's 转换参数 "${declared.params}" are not applied: the format states neither their kind nor their rotation convention; supply them as the transformation)` : '';
    issues.push({
      ...at,
      message: `${what} is not CGCS2000: Xi'an 80 / Beijing 54 coordinates need a transformation with parameters you supply; none is guessed${unused}`,
    });
  } else if (datum.from !== declared.datum) {
    issues.push({ ...at, message: `${what} names ${datumName(declared.datum)}, but the transformation supplied is from ${datumName(datum.from)}` });
  }
}
