import type { Feature, Geometry, Position } from 'geojson';

/**
 * A Shapefile writer: GeoJSON features (lon/lat degrees) → the bytes of .shp, .shx, .dbf, .prj and
 * .cpg. A Shapefile holds one shape type, so features are split into one layer per type present:
 *
 * | GeoJSON                       | layer        | shape type        |
 * |-------------------------------|--------------|-------------------|
 * | Point                         | `point`      | 1 Point           |
 * | MultiPoint                    | `multipoint` | 8 MultiPoint      |
 * | LineString, MultiLineString   | `polyline`   | 3 PolyLine        |
 * | Polygon, MultiPolygon         | `polygon`    | 5 Polygon         |
 * | no geometry (null)            | `none`       | (a .dbf table only) |
 *
 * Polygon rings are written as the Shapefile specification wants them (outer rings clockwise,
 * holes counter-clockwise, closed); a third coordinate (height) is dropped. Attributes go to a
 * dBASE III table in UTF-8 (the .cpg says so); the width of every column is the widest value.
 * Text longer than dBASE's 254 bytes is cut at a character boundary and reported in `truncated`.
 *
 * Pure: no I/O; features are encoded as they are added, so only the output bytes (and the
 * attribute values) are held, never the features.
 */

/** A GeoJSON feature that may have no geometry. */
export type AnyFeature = Feature<Geometry | null>;

export type ShapeLayer = 'point' | 'multipoint' | 'polyline' | 'polygon' | 'none';

export interface DbfFieldDef {
  /** Column name: 1–10 bytes of UTF-8 (the dBASE limit), unique ignoring case. */
  name: string;
  /** C text, N number (with `decimals`), L logical, D date (given as "YYYY-MM-DD"). */
  type: 'C' | 'N' | 'L' | 'D';
  /** Digits after the decimal point of an N column; 0 (the default) writes integers. */
  decimals?: number;
  /** The value of this column for a feature; by default `feature.properties[name]`. */
  value?: (f: AnyFeature) => unknown;
}

export interface ShapefileLayerFiles {
  /** Absent for the `none` layer (attributes only). */
  shp?: Uint8Array;
  shx?: Uint8Array;
  prj?: Uint8Array;
  dbf: Uint8Array;
  cpg: Uint8Array;
  /** Number of records. */
  count: number;
}

export interface ShapefileOutput {
  layers: Partial<Record<ShapeLayer, ShapefileLayerFiles>>;
  /** Text values cut to 254 bytes: the feature's index (in the order added) and the column. */
  truncated: { feature: number; field: string }[];
}

export interface ShapefileWriterOptions {
  fields: DbfFieldDef[];
  /** Content of the .prj (WKT 1, ESRI dialect) written beside every layer with geometry. */
  prj?: string;
  /** Date of last update in the .dbf header (default: today). */
  date?: Date;
}

/** CGCS2000 longitude/latitude (EPSG:4490) as ESRI WKT, the .prj GDAL writes for EPSG:4490. */
export const CGCS2000_PRJ =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** dBASE III limits. */
const MAX_TEXT_BYTES = 254;
const MAX_NUMBER_WIDTH = 24;
const MAX_NAME_BYTES = 10;

export class ShapefileWriteError extends Error {}

const SHAPE_TYPE: Record<Exclude<ShapeLayer, 'none'>, number> = { point: 1, polyline: 3, polygon: 5, multipoint: 8 };

/** UTF-8 length of a string, bytes. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The longest prefix of s, on a code-point boundary, whose UTF-8 is at most max bytes. */
function cutUtf8(s: string, max: number): string {
  let n = 0;
  let i = 0;
  for (const ch of s) {
    const w = utf8Length(ch);
    if (n + w > max) break;
    n += w;
    i += ch.length;
  }
  return s.slice(0, i);
}

/** Twice the signed area of a ring in the plane of its coordinates (positive = counter-clockwise). */
function signedArea2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s;
}

const closed = (ring: Position[]): Position[] => {
  const a = ring[0]!, b = ring[ring.length - 1]!;
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, a];
};

/** Rings as the Shapefile stores them: closed; outer clockwise, holes counter-clockwise. */
function shapefileRings(polys: Position[][][]): Position[][] {
  const out: Position[][] = [];
  for (const rings of polys) {
    rings.forEach((r, k) => {
      const ring = closed(r);
      const clockwise = signedArea2(ring) < 0;
      out.push(clockwise === (k === 0) ? ring : [...ring].reverse());
    });
  }
  return out;
}

interface Encoded {
  layer: ShapeLayer;
  /** Record contents (without the 8-byte record header); null for the `none` layer. */
  content: Uint8Array | null;
  box: [number, number, number, number] | null;
}

function layerOf(g: Geometry | null): ShapeLayer {
  if (g === null) return 'none';
  switch (g.type) {
    case 'Point':
      return 'point';
    case 'MultiPoint':
      return 'multipoint';
    case 'LineString':
    case 'MultiLineString':
      return 'polyline';
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon';
    default:
      throw new ShapefileWriteError(`geometry type ${g.type} cannot be written to a Shapefile`);
  }
}

function boxOf(points: Position[]): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of points) {
    const x = p[0]!, y = p[1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ShapefileWriteError(`coordinate ${p.join(',')} is not a finite number`);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Encodes one geometry as the contents of a .shp record (little-endian, as the format wants). */
function encodeGeometry(g: Geometry | null): Encoded {
  const layer = layerOf(g);
  if (g === null || layer === 'none') return { layer, content: null, box: null };
  if (g.type === 'Point') {
    const box = boxOf([g.coordinates]);
    const v = new DataView(new ArrayBuffer(20));
    v.setInt32(0, 1, true);
    v.setFloat64(4, g.coordinates[0]!, true);
    v.setFloat64(12, g.coordinates[1]!, true);
    return { layer, content: new Uint8Array(v.buffer), box };
  }
  if (g.type === 'MultiPoint') {
    if (g.coordinates.length === 0) throw new ShapefileWriteError('a MultiPoint without points');
    const box = boxOf(g.coordinates);
    const v = new DataView(new ArrayBuffer(40 + 16 * g.coordinates.length));
    v.setInt32(0, 8, true);
    box.forEach((b, k) => v.setFloat64(4 + 8 * k, b, true));
    v.setInt32(36, g.coordinates.length, true);
    g.coordinates.forEach((p, k) => {
      v.setFloat64(40 + 16 * k, p[0]!, true);
      v.setFloat64(48 + 16 * k, p[1]!, true);
    });
    return { layer, content: new Uint8Array(v.buffer), box };
  }
  let parts: Position[][];
  if (g.type === 'LineString') parts = [g.coordinates];
  else if (g.type === 'MultiLineString') parts = g.coordinates;
  else if (g.type === 'Polygon') parts = shapefileRings([g.coordinates]);
  else if (g.type === 'MultiPolygon') parts = shapefileRings(g.coordinates);
  else throw new ShapefileWriteError(`geometry type ${g.type} cannot be written to a Shapefile`);
  parts = parts.filter((p) => p.length > 0);
  if (parts.length === 0) throw new ShapefileWriteError(`a ${g.type} without coordinates`);
  for (const p of parts) {
    if (layer === 'polygon' && p.length < 4) throw new ShapefileWriteError(`a ring needs at least 4 positions (3 corners and the first repeated), got ${p.length}`);
    if (layer === 'polyline' && p.length < 2) throw new ShapefileWriteError(`a line needs at least 2 positions, got ${p.length}`);
  }
  const points = parts.flat();
  const box = boxOf(points);
  const v = new DataView(new ArrayBuffer(44 + 4 * parts.length + 16 * points.length));
  v.setInt32(0, SHAPE_TYPE[layer], true);
  box.forEach((b, k) => v.setFloat64(4 + 8 * k, b, true));
  v.setInt32(36, parts.length, true);
  v.setInt32(40, points.length, true);
  let start = 0;
  parts.forEach((p, k) => {
    v.setInt32(44 + 4 * k, start, true);
    start += p.length;
  });
  const at = 44 + 4 * parts.length;
  points.forEach((p, k) => {
    v.setFloat64(at + 16 * k, p[0]!, true);
    v.setFloat64(at + 8 + 16 * k, p[1]!, true);
  });
  return { layer, content: new Uint8Array(v.buffer), box };
}

type Column = Required<Pick<DbfFieldDef, 'name' | 'type' | 'decimals'>>;

/** A cell's text as it goes into the .dbf (before padding), or null for an empty cell. */
type Cell = string | null;

interface LayerState {
  contents: Uint8Array[];
  box: [number, number, number, number] | null;
  records: Cell[][];
}

const enc = new TextEncoder();

/** Incremental writer: add features one by one (e.g. from database batches), then finish(). */
export class ShapefileWriter {
  private readonly fields: Column[];
  private readonly getters: ((f: AnyFeature) => unknown)[];
  private readonly widths: number[];
  private readonly layers = new Map<ShapeLayer, LayerState>();
  private readonly truncated: ShapefileOutput['truncated'] = [];
  private added = 0;

  constructor(private readonly opts: ShapefileWriterOptions) {
    if (opts.fields.length === 0) throw new ShapefileWriteError('a .dbf needs at least one column');
    if (opts.fields.length > 255) throw new ShapefileWriteError(`a .dbf holds at most 255 columns, ${opts.fields.length} given`);
    const seen = new Set<string>();
    this.fields = opts.fields.map((f) => {
      const bytes = utf8Length(f.name);
      if (bytes === 0 || bytes > MAX_NAME_BYTES) throw new ShapefileWriteError(`column name "${f.name}" is ${bytes} bytes of UTF-8; a .dbf column name has 1–${MAX_NAME_BYTES}`);
      if (f.name.includes('\u0000')) throw new ShapefileWriteError(`column name "${f.name}" contains a NUL character`);
      const key = f.name.toUpperCase();
      if (seen.has(key)) throw new ShapefileWriteError(`column name "${f.name}" is given twice (.dbf names ignore case)`);
      seen.add(key);
      const decimals = f.type === 'N' ? (f.decimals ?? 0) : 0;
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new ShapefileWriteError(`column ${f.name}: decimals must be an integer 0–15`);
      return { name: f.name, type: f.type, decimals };
    });
    this.getters = opts.fields.map((f) => f.value ?? ((feat: AnyFeature) => (feat.properties as Record<string, unknown> | null)?.[f.name] ?? null));
    this.widths = this.fields.map((f) => (f.type === 'L' ? 1 : f.type === 'D' ? 8 : 1));
  }

  /** Adds one feature; throws ShapefileWriteError naming the feature and column when it cannot be written. */
  add(feature: AnyFeature): void {
    const index = this.added;
    let encoded: Encoded;
    try {
      encoded = encodeGeometry(feature.geometry);
    } catch (e) {
      if (e instanceof ShapefileWriteError) throw new ShapefileWriteError(`feature ${index}: ${e.message}`);
      throw e;
    }
    const cells = this.fields.map((f, k) => this.cell(index, f, this.getters[k]!(feature), k));
    let layer = this.layers.get(encoded.layer);
    if (!layer) this.layers.set(encoded.layer, (layer = { contents: [], box: null, records: [] }));
    if (encoded.content) {
      layer.contents.push(encoded.content);
      const b = encoded.box!;
      layer.box = layer.box ? [Math.min(layer.box[0], b[0]), Math.min(layer.box[1], b[1]), Math.max(layer.box[2], b[2]), Math.max(layer.box[3], b[3])] : b;
    }
    layer.records.push(cells);
    this.added++;
  }

  private cell(index: number, f: Column, v: unknown, k: number): Cell {
    const fail = (why: string): never => {
      throw new ShapefileWriteError(`feature ${index}, column ${f.name}: ${why}`);
    };
    if (v === null || v === undefined) return null;
    let s: string;
    switch (f.type) {
      case 'C': {
        s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
        if (s.includes('\u0000')) fail('text contains a NUL character');
        if (utf8Length(s) > MAX_TEXT_BYTES) {
          s = cutUtf8(s, MAX_TEXT_BYTES);
          this.truncated.push({ feature: index, field: f.name });
        }
        if (s === '') return null;
        this.widths[k] = Math.max(this.widths[k]!, utf8Length(s));
        return s;
      }
      case 'N': {
        if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`expected a finite number, got ${typeof v === 'number' ? v : typeof v}`);
        s = v.toFixed(f.decimals);
        if (/e/i.test(s) || s.length > MAX_NUMBER_WIDTH) return fail(`${v} does not fit in ${MAX_NUMBER_WIDTH} characters`);
        if (s === '-0' || /^-0\.0*$/.test(s)) s = s.slice(1);
        this.widths[k] = Math.max(this.widths[k]!, s.length);
        return s;
      }
      case 'L':
        if (typeof v !== 'boolean') return fail(`expected true or false, got ${JSON.stringify(v)}`);
        return v ? 'T' : 'F';
      case 'D': {
        const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
        if (!m) return fail(`expected a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
        return m[1]! + m[2]! + m[3]!;
      }
    }
  }

  /** The files of every layer that received features. */
  finish(): ShapefileOutput {
    const layers: ShapefileOutput['layers'] = {};
    const cpg = enc.encode('UTF-8');
    const prj = this.opts.prj === undefined ? undefined : enc.encode(this.opts.prj);
    for (const [name, state] of this.layers) {
      const dbf = this.dbf(state.records);
      if (name === 'none') {
        layers.none = { dbf, cpg, count: state.records.length };
        continue;
      }
      const { shp, shx } = shpAndShx(SHAPE_TYPE[name], state.contents, state.box!);
      layers[name] = { shp, shx, dbf, cpg, ...(prj ? { prj } : {}), count: state.records.length };
    }
    return { layers, truncated: [...this.truncated] };
  }

  private dbf(records: Cell[][]): Uint8Array {
    const nf = this.fields.length;
    const headerLength = 32 + 32 * nf + 1;
    const recordLength = 1 + this.widths.reduce((s, w) => s + w, 0);
    if (recordLength > 65535) throw new ShapefileWriteError(`a .dbf record would be ${recordLength} bytes; the format allows 65535`);
    const out = new Uint8Array(headerLength + recordLength * records.length + 1);
    const v = new DataView(out.buffer);
    const d = this.opts.date ?? new Date();
    out[0] = 0x03; // dBASE III without memo
    out[1] = d.getUTCFullYear() - 1900;
    out[2] = d.getUTCMonth() + 1;
    out[3] = d.getUTCDate();
    v.setUint32(4, records.length, true);
    v.setUint16(8, headerLength, true);
    v.setUint16(10, recordLength, true);
    this.fields.forEach((f, k) => {
      const p = 32 + 32 * k;
      enc.encodeInto(f.name, out.subarray(p, p + MAX_NAME_BYTES));
      out[p + 11] = f.type.charCodeAt(0);
      out[p + 16] = this.widths[k]!;
      out[p + 17] = f.decimals;
    });
    out[headerLength - 1] = 0x0d;
    let p = headerLength;
    for (const cells of records) {
      out[p++] = 0x20; // not deleted
      cells.forEach((c, k) => {
        const w = this.widths[k]!;
        const f = this.fields[k]!;
        out.fill(0x20, p, p + w);
        if (c === null) {
          if (f.type === 'L') out[p] = 0x3f; // "?" = unknown
        } else if (f.type === 'N') {
          enc.encodeInto(c, out.subarray(p + w - c.length, p + w)); // numbers are right-aligned
        } else enc.encodeInto(c, out.subarray(p, p + w));
        p += w;
      });
    }
    out[p] = 0x1a; // end of file
    return out;
  }
}

/** The .shp (header + records) and its index .shx, both with the 100-byte header. */
function shpAndShx(shapeType: number, contents: Uint8Array[], box: [number, number, number, number]): { shp: Uint8Array; shx: Uint8Array } {
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shxLength = 100 + 8 * contents.length;
  // File lengths are counted in 16-bit words in a signed 32-bit field.
  if (shpLength / 2 > 0x7fffffff) throw new ShapefileWriteError('the .shp would exceed the 4 GiB the format can address');
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(shxLength);
  const header = (b: Uint8Array, length: number) => {
    const v = new DataView(b.buffer, b.byteOffset, 100);
    v.setInt32(0, 9994, false);
    v.setInt32(24, length / 2, false);
    v.setInt32(28, 1000, true);
    v.setInt32(32, shapeType, true);
    box.forEach((x, k) => v.setFloat64(36 + 8 * k, x, true));
  };
  header(shp, shpLength);
  header(shx, shxLength);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  let at = 100;
  contents.forEach((c, k) => {
    sv.setInt32(at, k + 1, false);
    sv.setInt32(at + 4, c.length / 2, false);
    shp.set(c, at + 8);
    xv.setInt32(100 + 8 * k, at / 2, false);
    xv.setInt32(104 + 8 * k, c.length / 2, false);
    at += 8 + c.length;
  });
  return { shp, shx };
}

/** Writes all features at once; see ShapefileWriter. */
export function writeShapefiles(features: Iterable<AnyFeature>, opts: ShapefileWriterOptions): ShapefileOutput {
  const w = new ShapefileWriter(opts);
  for (const f of features) w.add(f);
  return w.finish();
}
