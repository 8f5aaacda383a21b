import { zipSync } from 'fflate';

/**
 * A minimal Shapefile writer for tests (polygons or points, dBASE III attributes) — for inputs too
 * large to commit (20 000 features) or with hand-made bytes (mixed encodings). Fixtures that check
 * conversions are written by GDAL instead (test/readers/in/shp/make-fixtures.sh).
 */
export interface TestLayer {
  type: 'polygon' | 'point';
  /** polygon: rings of [x, y] (closed, outer clockwise as Shapefiles store them); point: [[[x, y]]]. */
  shapes: number[][][][];
  fields: { name: string | Uint8Array; type: 'C' | 'N'; length: number; decimals?: number }[];
  /** Values; Uint8Array = raw bytes of a C field (to write GBK or bad bytes). */
  records: (string | number | Uint8Array | null)[][];
}

const enc = new TextEncoder();

export function writeShp(layer: TestLayer): Uint8Array {
  const contents = layer.shapes.map((rings) => {
    if (layer.type === 'point') {
      const b = new DataView(new ArrayBuffer(20));
      b.setInt32(0, 1, true);
      b.setFloat64(4, rings[0]![0]![0]!, true);
      b.setFloat64(12, rings[0]![0]![1]!, true);
      return new Uint8Array(b.buffer);
    }
    const pts = rings.flat();
    const b = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * pts.length));
    b.setInt32(0, 5, true);
    const xs = pts.map((p) => p[0]!), ys = pts.map((p) => p[1]!);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, k) => b.setFloat64(4 + 8 * k, v, true));
    b.setInt32(36, rings.length, true);
    b.setInt32(40, pts.length, true);
    let start = 0;
    rings.forEach((r, k) => {
      b.setInt32(44 + 4 * k, start, true);
      start += r.length;
    });
    pts.forEach((p, k) => {
      b.setFloat64(44 + 4 * rings.length + 16 * k, p[0]!, true);
      b.setFloat64(52 + 4 * rings.length + 16 * k, p[1]!, true);
    });
    return new Uint8Array(b.buffer);
  });
  const length = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, layer.type === 'point' ? 1 : 5, true);
  let xmin = Infinity, ymin = Infinity, xmax = -Infinity, ymax = -Infinity;
  for (const p of layer.shapes.flat(2)) {
    xmin = Math.min(xmin, p[0]!), ymin = Math.min(ymin, p[1]!), xmax = Math.max(xmax, p[0]!), ymax = Math.max(ymax, p[1]!);
  }
  [xmin, ymin, xmax, ymax].forEach((x, k) => v.setFloat64(36 + 8 * k, x, true));
  let at = 100;
  contents.forEach((c, k) => {
    v.setInt32(at, k + 1, false);
    v.setInt32(at + 4, c.length / 2, false);
    out.set(c, at + 8);
    at += 8 + c.length;
  });
  return out;
}

export function writeDbf(layer: TestLayer): Uint8Array {
  const nf = layer.fields.length;
  const headerLength = 32 + 32 * nf + 1;
  const recordLength = 1 + layer.fields.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * layer.records.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  out.set([124, 5, 17], 1);
  v.setUint32(4, layer.records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  layer.fields.forEach((f, k) => {
    const p = 32 + 32 * k;
    out.set((typeof f.name === 'string' ? enc.encode(f.name) : f.name).subarray(0, 10), p);
    out[p + 11] = f.type.charCodeAt(0);
    out[p + 16] = f.length;
    out[p + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  layer.records.forEach((rec, r) => {
    let p = headerLength + r * recordLength;
    out[p++] = 0x20;
    layer.fields.forEach((f, k) => {
      const val = rec[k];
      const cell = new Uint8Array(f.length).fill(0x20);
      if (val instanceof Uint8Array) cell.set(val.subarray(0, f.length));
      else if (typeof val === 'number') {
        const s = enc.encode(val.toFixed(f.decimals ?? 0));
        cell.set(s, f.length - s.length);
      } else if (typeof val === 'string') cell.set(enc.encode(val).subarray(0, f.length));
      out.set(cell, p);
      p += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** Zips a layer as name.shp/.dbf, plus any extra files (e.g. { 'name.prj': … }). */
export function zipLayer(layer: TestLayer, name = 'layer', extra: Record<string, Uint8Array | string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = { [`${name}.shp`]: writeShp(layer), [`${name}.dbf`]: writeDbf(layer) };
  for (const [k, x] of Object.entries(extra)) files[k] = typeof x === 'string' ? enc.encode(x) : x;
  return zipSync(files, { level: 1 });
}

export const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
