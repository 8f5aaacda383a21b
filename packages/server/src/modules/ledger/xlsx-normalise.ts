import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * The parts of an uploaded .xlsx, each read on demand as text, so that ExcelJS's streaming reader
 * (ledger-reader.ts) sees the whole workbook, every character right, without the workbook ever being
 * unpacked in memory. ExcelJS's own zip handling has two silent faults, both avoided here:
 *
 * 1. Characters split between chunks. ExcelJS hands each chunk of XML to its SAX parser decoded on
 *    its own (utils/parse-sax.js → bufferToString), so a Chinese character whose three UTF-8 bytes
 *    straddle a chunk boundary becomes U+FFFD. In a 20,000-row ledger a few cells in every sheet came
 *    out as "煤���" or "吉��斯太镇" — wrong text, and only caught when a rule happened to reject it.
 *    Here the parts are decoded with one streaming TextDecoder per part and handed over as strings,
 *    which ExcelJS passes to the parser untouched.
 * 2. Entries lost at the end of the zip. unzipper's Parse emits 'end' when its input is written,
 *    while small trailing entries may still wait in its buffer; ExcelJS stops at 'end'. Workbooks
 *    written by ExcelJS's streaming writer end with xl/workbook.xml, which then went missing now and
 *    then (no sheet names; date cells throw). Here the zip's central directory is read, so every
 *    part is found wherever it lies, and the reader takes them in the order it needs.
 *
 * Each part is inflated in pieces as the reader asks for them (node:zlib, with backpressure): memory
 * does not grow with the size of a sheet. `maxUnpacked` bounds what the parts unpack to, declared and
 * actual (a zip bomb is refused).
 */
export class XlsxError extends Error {}

export interface XlsxParts {
  /** The part names, in the order of the zip's central directory. */
  names: string[];
  /** The part's text (UTF-8), in pieces; never a character split between two pieces. */
  text(name: string): AsyncGenerator<string>;
}

interface Entry {
  method: number;
  /** Offset of the compressed data in the file. */
  start: number;
  compressedSize: number;
}

const SLICE = 64 * 1024;
const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

export function openXlsx(bytes: Uint8Array, maxUnpacked = 1024 * 1024 * 1024): XlsxParts {
  const bad = (why: string) => new XlsxError(`not a readable .xlsx workbook (${why})`);
  const tooBig = () => new XlsxError(`工作簿解压后超过 ${Math.round(maxUnpacked / 1024 / 1024)} MiB / the workbook unpacks to more than ${Math.round(maxUnpacked / 1024 / 1024)} MiB`);
  const within = (from: number, n: number) => from >= 0 && from + n <= bytes.length;

  // End of central directory record: 22 bytes and a comment of at most 65,535, found from the end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('no zip directory');
  let count = u16(bytes, eocd + 10);
  let at = u32(bytes, eocd + 16);
  if (count === 0xffff || at === 0xffffffff) {
    // ZIP64: the locator just before the record points at the ZIP64 end record.
    const loc = eocd - 20;
    if (!within(loc, 20) || u32(bytes, loc) !== 0x07064b50) throw bad('bad ZIP64 directory');
    const z = u64(bytes, loc + 8);
    if (!within(z, 56) || u32(bytes, z) !== 0x06064b50) throw bad('bad ZIP64 directory');
    count = u64(bytes, z + 32);
    at = u64(bytes, z + 48);
  }

  const entries = new Map<string, Entry>();
  const decoder = new TextDecoder();
  let declared = 0;
  for (let n = 0; n < count; n++) {
    if (!within(at, 46) || u32(bytes, at) !== 0x02014b50) throw bad('bad zip directory');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    const nameLen = u16(bytes, at + 28);
    const extraLen = u16(bytes, at + 30);
    const commentLen = u16(bytes, at + 32);
    let local = u32(bytes, at + 42);
    if (!within(at + 46, nameLen + extraLen + commentLen)) throw bad('bad zip directory');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    // ZIP64 sizes and offset, in this order, for the fields that overflowed.
    for (let x = at + 46 + nameLen; x + 4 <= at + 46 + nameLen + extraLen; x += 4 + u16(bytes, x + 2)) {
      if (u16(bytes, x) !== 1) continue;
      let f = x + 4;
      if (size === 0xffffffff) (size = u64(bytes, f)), (f += 8);
      if (compressedSize === 0xffffffff) (compressedSize = u64(bytes, f)), (f += 8);
      if (local === 0xffffffff) local = u64(bytes, f);
    }
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw bad(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw bad(`${name} uses compression method ${method}`);
    if (!within(local, 30) || u32(bytes, local) !== 0x04034b50) throw bad(`no local header for ${name}`);
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (!within(start, compressedSize)) throw bad(`${name} is cut off`);
    declared += size;
    if (declared > maxUnpacked) throw tooBig();
    entries.set(name, { method, start, compressedSize });
  }

  let unpacked = 0;
  return {
    names: [...entries.keys()],
    async *text(name: string) {
      const e = entries.get(name);
      if (!e) throw bad(`no part ${name}`);
      const data = bytes.subarray(e.start, e.start + e.compressedSize);
      function* slices() {
        for (let i = 0; i < data.length; i += SLICE) yield data.subarray(i, i + SLICE);
      }
      const source = Readable.from(slices());
      const chunks: AsyncIterable<Uint8Array> = e.method === 8 ? source.pipe(createInflateRaw({ chunkSize: SLICE })) : source;
      const text = new TextDecoder();
      try {
        for await (const chunk of chunks) {
          unpacked += chunk.length;
          if (unpacked > maxUnpacked) throw tooBig();
          const s = text.decode(chunk, { stream: true });
          if (s) yield s;
        }
      } catch (err) {
        if (err instanceof XlsxError) throw err;
        throw bad(`${name}: ${(err as Error).message}`);
      }
      const rest = text.decode();
      if (rest) yield rest;
    },
  };
}

/**
 * Longest run of characters without a "<" that an XML part may hold: more than any cell Excel can
 * save (32,767 characters, each written as at most an 8-character reference like "&#20320;") and
 * far below what would strain memory. The SAX parser keeps a text node or attribute whole until
 * its end, so without this a part of 200 MiB of one text node would be held as one string before
 * any length check saw it.
 */
export const MAX_XML_RUN = 1024 * 1024;

/**
 * An XML part's text as openXlsx gives it, passed on piece by piece with two checks the SAX parser
 * does not make: no run of more than `maxRun` characters without markup (see MAX_XML_RUN), and the
 * part must end with its root element closed. ExcelJS's parser is never told the input has ended,
 * so a part cut off anywhere (even between two rows) used to read as a shorter sheet, silently.
 */
export async function* checkedXml(name: string, pieces: AsyncIterable<string>, maxRun = MAX_XML_RUN): AsyncGenerator<string> {
  let run = 0; // characters since the last "<"
  let total = 0;
  let head = ''; // the text up to the root element's start tag, until it is found
  let root: { name: string; end: number; empty: boolean } | null = null;
  let tail = '';
  const longRun = () => new XlsxError(`${name}: 有一段超过 ${maxRun.toLocaleString('en')} 个字符的文字 / more than ${maxRun.toLocaleString('en')} characters without markup`);
  for await (const s of pieces) {
    // A run within one piece is shorter than the piece: only pieces longer than maxRun are searched whole.
    let at = 0;
    do {
      const lt = s.indexOf('<', at);
      if ((lt < 0 ? s.length : lt) - at + (at === 0 ? run : 0) > maxRun) throw longRun();
      at = lt < 0 ? s.length : lt + 1;
    } while (s.length > maxRun && at < s.length);
    const last = s.lastIndexOf('<');
    run = last < 0 ? run + s.length : s.length - last - 1;
    if (!root) {
      head += s;
      // The first element's start tag, past the XML declaration, comments and a doctype.
      const m = /<([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/.exec(head.replace(/<[?!][^>]*>/g, (x) => ' '.repeat(x.length)));
      if (m) {
        root = { name: m[1]!, end: total - (head.length - s.length) + m.index + m[0].length, empty: m[2] === '/' };
        head = '';
      } else if (head.length > maxRun) throw new XlsxError(`${name}: 没有 XML 根元素 / no XML root element`);
    }
    total += s.length;
    tail = (tail + s).slice(-1024);
    yield s;
  }
  // What may follow the root element: white space, comments, processing instructions.
  let end = tail;
  for (let before = ''; before !== end; ) {
    before = end;
    end = end.trimEnd();
    if (end.endsWith('-->') && end.includes('<!--')) end = end.slice(0, end.lastIndexOf('<!--'));
    else if (end.endsWith('?>') && end.includes('<?')) end = end.slice(0, end.lastIndexOf('<?'));
  }
  const closed = root && (root.empty ? total - (tail.length - end.length) === root.end : new RegExp(`</${root.name.replace(/[.\-]/g, '\\$&')}\\s*>$`).test(end));
  if (!closed) {
    throw new XlsxError(`${name}: XML 不完整，文件可能被截断 / the XML ends before its root element ${root ? `<${root.name}> ` : ''}is closed (the part is cut off)`);
  }
}
