/**
 * The columns (attribute names) of a geometry file, read in the browser as soon as it is chosen, so
 * the import form can offer them for the field mapping (fieldMap) before anything is uploaded. The
 * server reads the file again and is the judge: it refuses a column the file does not have.
 * Corner-point text has no columns (its blocks carry name and 开采标高 only).
 */

export interface FileColumns {
  columns: string[];
  /** A value seen in each column among the first features, to recognise them. */
  samples: Record<string, string>;
}

const SAMPLE_FEATURES = 20;

function collect(rows: Record<string, unknown>[]): FileColumns {
  const columns: string[] = [];
  const samples: Record<string, string> = {};
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (!columns.includes(k)) columns.push(k);
      if (samples[k] === undefined && v !== null && v !== undefined && String(v).trim() !== '' && typeof v !== 'object') samples[k] = String(v).trim().slice(0, 40);
    }
  }
  return { columns, samples };
}

// --- zip (Shapefile layers, KMZ): the central directory, stored or deflated entries ---------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function zipEntries(buf: Uint8Array): ZipEntry[] | null {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  if (p === 0xffffffff) return null; // zip64: the server reads it, the form just offers no columns
  const dec = new TextDecoder('utf-8');
  const out: ZipEntry[] = [];
  for (let k = 0; k < count && p + 46 <= buf.length; k++) {
    if (v.getUint32(p, true) !== 0x02014b50) return null;
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    out.push({ name: dec.decode(buf.subarray(p + 46, p + 46 + nameLen)), method: v.getUint16(p + 10, true), compressedSize: v.getUint32(p + 20, true), localOffset: v.getUint32(p + 42, true) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

async function zipRead(buf: Uint8Array, e: ZipEntry): Promise<Uint8Array | null> {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (v.getUint32(e.localOffset, true) !== 0x04034b50) return null;
  const start = e.localOffset + 30 + v.getUint16(e.localOffset + 26, true) + v.getUint16(e.localOffset + 28, true);
  const data = buf.slice(start, start + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method !== 8 || typeof DecompressionStream === 'undefined') return null;
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// --- dBASE: field names and the first records --------------------------------------------------------

function cpgLabel(cpg: string | null): string | null {
  const s = (cpg ?? '').trim().toLowerCase();
  if (!s) return null;
  if (/utf-?8|65001/.test(s)) return 'utf-8';
  if (/gb18030|54936/.test(s)) return 'gb18030';
  if (/gbk|936|gb2312/.test(s)) return 'gbk';
  return null;
}

function decoderFor(bytes: Uint8Array, label: string | null): TextDecoder {
  if (label) return new TextDecoder(label);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8');
  } catch {
    return new TextDecoder('gbk'); // what Chinese GIS software writes without a .cpg
  }
}

function dbfColumns(dbf: Uint8Array, cpg: string | null): FileColumns | null {
  if (dbf.length < 33) return null;
  const v = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const records = v.getUint32(4, true);
  const headerLength = v.getUint16(8, true);
  const recordLength = v.getUint16(10, true);
  const fields: { raw: Uint8Array; length: number }[] = [];
  for (let p = 32; p + 32 <= headerLength && dbf[p] !== 0x0d; p += 32) {
    let end = p;
    while (end < p + 11 && dbf[end] !== 0) end++;
    fields.push({ raw: dbf.subarray(p, end), length: dbf[p + 16]! });
  }
  const rowBytes = dbf.subarray(headerLength, headerLength + recordLength * Math.min(records, SAMPLE_FEATURES));
  const dec = decoderFor(new Uint8Array([...fields.flatMap((f) => [...f.raw]), ...rowBytes]), cpgLabel(cpg));
  const names = fields.map((f) => dec.decode(f.raw).trim());
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < Math.min(records, SAMPLE_FEATURES); r++) {
    let p = headerLength + r * recordLength + 1;
    if (p + recordLength > dbf.length + 1) break;
    const row: Record<string, unknown> = {};
    fields.forEach((f, k) => {
      row[names[k]!] = dec.decode(dbf.subarray(p, p + f.length)).trim();
      p += f.length;
    });
    rows.push(row);
  }
  return rows.length ? collect(rows) : { columns: names, samples: {} };
}

// --- KML ------------------------------------------------------------------------------------------------

function kmlColumns(text: string): FileColumns | null {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length) return null;
  const rows: Record<string, unknown>[] = [];
  const placemarks = doc.getElementsByTagName('Placemark');
  for (let i = 0; i < Math.min(placemarks.length, SAMPLE_FEATURES); i++) {
    const pm = placemarks[i]!;
    const row: Record<string, unknown> = {};
    for (const c of Array.from(pm.children)) if (c.localName === 'name' || c.localName === 'description') row[c.localName] = c.textContent ?? '';
    for (const d of Array.from(pm.getElementsByTagName('Data'))) row[d.getAttribute('name') ?? ''] = d.getElementsByTagName('value')[0]?.textContent ?? '';
    for (const s of Array.from(pm.getElementsByTagName('SimpleData'))) row[s.getAttribute('name') ?? ''] = s.textContent ?? '';
    delete row[''];
    rows.push(row);
  }
  return collect(rows);
}

/** The file's columns, or null when it has none the form can read (corner-point text, unreadable files: the server says why). */
export async function readColumns(file: File): Promise<FileColumns | null> {
  const name = file.name.toLowerCase();
  try {
    if (name.endsWith('.geojson') || name.endsWith('.json')) {
      const j = JSON.parse(await file.text()) as { type?: string; features?: { properties?: Record<string, unknown> | null }[]; properties?: Record<string, unknown> };
      const rows = j.type === 'FeatureCollection' ? (j.features ?? []).slice(0, SAMPLE_FEATURES).map((f) => f.properties ?? {}) : [j.properties ?? {}];
      return collect(rows);
    }
    if (name.endsWith('.kml')) return kmlColumns(await file.text());
    if (name.endsWith('.zip') || name.endsWith('.kmz')) {
      const buf = new Uint8Array(await file.arrayBuffer());
      const entries = (zipEntries(buf) ?? []).filter((e) => !e.name.startsWith('__MACOSX'));
      const dbf = entries.find((e) => /\.dbf$/i.test(e.name));
      if (dbf) {
        const cpgEntry = entries.find((e) => e.name.toLowerCase() === dbf.name.toLowerCase().replace(/\.dbf$/, '.cpg'));
        const [bytes, cpg] = await Promise.all([zipRead(buf, dbf), cpgEntry ? zipRead(buf, cpgEntry) : Promise.resolve(null)]);
        return bytes ? dbfColumns(bytes, cpg ? new TextDecoder().decode(cpg) : null) : null;
      }
      const kml = entries.find((e) => /\.kml$/i.test(e.name));
      const bytes = kml ? await zipRead(buf, kml) : null;
      return bytes ? kmlColumns(new TextDecoder().decode(bytes)) : null;
    }
  } catch {
    // not readable here; the server's check names the problem
  }
  return null;
}
