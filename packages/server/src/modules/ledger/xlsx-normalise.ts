import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Rewrites an uploaded .xlsx so that ExcelJS's streaming reader (ledger-reader.ts) reads it
 * completely and correctly. Two faults of that reader, both silent:
 *
 * 1. Characters split between chunks. ExcelJS hands each chunk of XML to its SAX parser decoded on
 *    its own (utils/parse-sax.js → bufferToString), so a Chinese character whose three UTF-8 bytes
 *    straddle a chunk boundary becomes U+FFFD. In a 20,000-row ledger a few cells in every sheet came
 *    out as "煤���" or "吉��斯太镇" — wrong text, and only caught when a rule happened to reject it.
 *    Fix: every non-ASCII character of the XML parts becomes a character reference (&#29028;),
 *    which the parser decodes back; ASCII cannot be split.
 * 2. Entries lost at the end of the zip. unzipper's Parse emits 'end' when its input is written,
 *    while small trailing entries may still wait in its buffer; ExcelJS stops at 'end'. Workbooks
 *    written by ExcelJS's streaming writer end with xl/workbook.xml, which then goes missing now and
 *    then (no sheet names; date cells throw). Fix: the parts ExcelJS needs first are written first
 *    (workbook, relationships, shared strings, styles), the worksheets after, and a last padding
 *    entry that inflates to more than the entry stream buffers holds the parser until every entry
 *    before it has been taken.
 *
 * The whole workbook is unpacked in memory; `maxUnpacked` bounds it (a zip bomb is refused).
 */
export class XlsxError extends Error {}

const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const PADDING_NAME = 'minewatch-read-padding.bin';
const PADDING = new Uint8Array(1 << 20);
const NON_ASCII = /[^\x00-\x7f]/gu;

export function normaliseXlsx(bytes: Uint8Array, maxUnpacked = 1024 * 1024 * 1024): Uint8Array {
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        unpacked += f.originalSize;
        if (unpacked > maxUnpacked) throw new XlsxError(`the workbook unpacks to more than ${Math.round(maxUnpacked / 1024 / 1024)} MiB`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError(`not a readable .xlsx workbook (${(e as Error).message})`);
  }
  const out: Zippable = {};
  const names = Object.keys(files).filter((n) => !n.endsWith('/'));
  const ordered = [...FIRST.filter((n) => n in files), ...names.filter((n) => !FIRST.includes(n) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(n)), ...names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))];
  for (const name of ordered) {
    const data = files[name]!;
    out[name] = name.endsWith('.xml') || name.endsWith('.rels') ? strToU8(strFromU8(data).replace(NON_ASCII, (c) => `&#${c.codePointAt(0)};`)) : data;
  }
  out[PADDING_NAME] = PADDING;
  return zipSync(out, { level: 1 });
}
