import { textDecoder } from './text.js';

/**
 * A dBASE III table (.dbf of a Shapefile) decoded strictly: every name and value is decoded with
 * a fatal TextDecoder, so bytes that are not valid in the chosen encoding are reported (record and
 * field) instead of turning into "�". The shapefile package's own dbf reader decodes leniently, so
 * attributes are read here and geometry with the shapefile package.
 */
export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfTable {
  encoding: string;
  fields: DbfField[];
  records: Record<string, string | number | boolean | null>[];
}

export class DbfFormatError extends Error {}

/** Bytes invalid in the encoding: record (null for the header's field names) and field number. */
export class DbfEncodingError extends Error {
  constructor(
    readonly encoding: string,
    readonly record: number | null,
    readonly field: number,
    /** The field name decoded leniently, for messages. */
    readonly fieldName: string,
  ) {
    super(`bytes not valid in ${encoding}`);
  }
}

interface RawField {
  nameBytes: Uint8Array;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

interface Header {
  count: number;
  headerLength: number;
  recordLength: number;
  fields: RawField[];
}

function header(b: Uint8Array): Header {
  if (b.length < 33) throw new DbfFormatError(`the .dbf is too short (${b.length} bytes) to be a dBASE table`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = v.getUint32(4, true), headerLength = v.getUint16(8, true), recordLength = v.getUint16(10, true);
  if (headerLength > b.length || recordLength < 1) throw new DbfFormatError('the .dbf header is damaged');
  const fields: RawField[] = [];
  let offset = 1; // the deletion flag
  for (let p = 32; p + 32 <= headerLength && b[p] !== 0x0d; p += 32) {
    let n = 0;
    while (n < 11 && b[p + n] !== 0) n++;
    const length = b[p + 16]!;
    fields.push({ nameBytes: b.subarray(p, p + n), type: String.fromCharCode(b[p + 11]!).toUpperCase(), length, decimals: b[p + 17]!, offset });
    offset += length;
  }
  if (offset > recordLength) throw new DbfFormatError(`the .dbf fields need ${offset} bytes per record but records are ${recordLength} bytes`);
  if (headerLength + count * recordLength > b.length) {
    throw new DbfFormatError(`the .dbf is cut short: ${count} records of ${recordLength} bytes do not fit in ${b.length} bytes`);
  }
  return { count, headerLength, recordLength, fields };
}

/**
 * Decodes strictly. `full` marks bytes that fill their slot (a 10-byte name, a value without
 * padding): there an incomplete character at the very end is what a writer truncating to the slot
 * width leaves, so it is dropped instead of failing.
 */
function decode(dec: InstanceType<typeof TextDecoder>, bytes: Uint8Array, full: boolean): string {
  if (!full) return dec.decode(bytes);
  const s = dec.decode(bytes, { stream: true });
  try {
    dec.decode();
  } catch {
    // an incomplete last character: truncated by the writer
  }
  return s;
}

const lenient = (bytes: Uint8Array, encoding: string) => textDecoder(encoding, false).decode(bytes);

function trimEnd(bytes: Uint8Array): { bytes: Uint8Array; full: boolean } {
  let n = bytes.length;
  while (n > 0 && (bytes[n - 1] === 0x20 || bytes[n - 1] === 0x00)) n--;
  return { bytes: bytes.subarray(0, n), full: n === bytes.length };
}

function value(type: string, text: string): string | number | boolean | null {
  const s = text.trim();
  switch (type) {
    case 'N':
    case 'F': {
      if (s === '' || /^\*+$/.test(s)) return null;
      const n = Number(s);
      // Keep identifiers longer than a double holds exactly (e.g. 18-digit codes) as text.
      return Number.isNaN(n) || (Number.isInteger(n) && !Number.isSafeInteger(n)) ? s : n;
    }
    case 'L':
      return /^[TY]$/i.test(s) ? true : /^[FN]$/i.test(s) ? false : null;
    case 'D': {
      if (/^0*$/.test(s)) return null;
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
      return m ? `${m[1]}-${m[2]}-${m[3]}` : s;
    }
    default:
      return s === '' ? null : s;
  }
}

/**
 * Decodes every field name and record; throws DbfEncodingError at the first invalid bytes (unless
 * `fatal` is false: then they become U+FFFD, for messages only).
 */
export function readDbf(bytes: Uint8Array, encoding: string, fatal = true): DbfTable {
  const h = header(bytes);
  const dec = textDecoder(encoding, fatal);
  const fields: DbfField[] = [];
  const seen = new Set<string>();
  h.fields.forEach((f, k) => {
    let name: string;
    try {
      name = decode(dec, f.nameBytes, f.nameBytes.length >= 10).trim();
    } catch {
      throw new DbfEncodingError(encoding, null, k, lenient(f.nameBytes, encoding));
    }
    let unique = name || `field${k + 1}`;
    for (let i = 2; seen.has(unique); i++) unique = `${name}_${i}`;
    seen.add(unique);
    fields.push({ name: unique, type: f.type, length: f.length, decimals: f.decimals, offset: f.offset });
  });
  const records: DbfTable['records'] = new Array(h.count);
  for (let r = 0; r < h.count; r++) {
    const start = h.headerLength + r * h.recordLength;
    const rec: DbfTable['records'][number] = {};
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k]!;
      const t = trimEnd(bytes.subarray(start + f.offset, start + f.offset + f.length));
      let text: string;
      try {
        text = decode(dec, t.bytes, t.full);
      } catch {
        throw new DbfEncodingError(encoding, r, k, f.name);
      }
      rec[f.name] = value(f.type, text);
    }
    records[r] = rec;
  }
  return { encoding, fields, records };
}

/** Whether the bytes of every name and value decode in the encoding. */
export function dbfDecodes(bytes: Uint8Array, encoding: string): boolean {
  try {
    readDbf(bytes, encoding);
    return true;
  } catch (e) {
    if (e instanceof DbfEncodingError) return false;
    throw e;
  }
}

/**
 * The TextDecoder label for a .cpg's content (ESRI code page names and Windows code page numbers),
 * null when it names no particular encoding ("SYSTEM", empty), undefined when unknown.
 */
export function cpgEncoding(cpg: string): string | null | undefined {
  const s = cpg.replace(/^\uFEFF/, '').trim().toUpperCase().replace(/^(ANSI|CP|MS|WINDOWS)[-_ ]?(?=\d)/, '');
  if (s === '' || s === 'SYSTEM' || s === 'OEM') return null;
  const table: Record<string, string> = {
    'UTF-8': 'utf-8', UTF8: 'utf-8', '65001': 'utf-8',
    GBK: 'gbk', '936': 'gbk', GB2312: 'gbk', '20936': 'gbk', 'EUC-CN': 'gbk',
    GB18030: 'gb18030', '54936': 'gb18030',
    BIG5: 'big5', '950': 'big5',
    '1252': 'windows-1252', '88591': 'windows-1252', 'ISO-8859-1': 'windows-1252', LATIN1: 'windows-1252', '28591': 'windows-1252',
  };
  const known = table[s];
  if (known) return known;
  try {
    return new TextDecoder(s.toLowerCase()).encoding;
  } catch {
    return undefined;
  }
}
