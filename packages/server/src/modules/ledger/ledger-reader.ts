import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { checkedXml, openXlsx, XlsxError } from './xlsx-normalise.js';

/** Longest text of one cell: Excel's own limit, so no workbook Excel saved has more. */
export const MAX_CELL_CHARS = 32_767;
/**
 * Most characters the shared-strings table may hold, all strings together: a 100,000-row ledger
 * saved by Excel has about 5 million (200,000 strings), so this leaves room for long texts while a
 * small upload cannot fill the heap with strings.
 */
export const MAX_SHARED_CHARS = 64 * 1024 * 1024;
/**
 * Most a 附件1 workbook may unpack to (openXlsx's limit, declared and actual). A 100,000-row ledger
 * as the export writes it unpacks to 63 MiB, 146 MiB with about 300 characters of 排查发现问题 and
 * 整改措施 per row; past this the upload is refused before the parser ever sees it.
 */
export const LEDGER_MAX_UNPACKED = 256 * 1024 * 1024;

/** The 附件1 columns by key, with the header text as printed and variants officials type. */
export const LEDGER_KEYS = ['seq', 'enterprise', 'township', 'methodMineral', 'problemType', 'found', 'measures', 'deadline', 'responsible'] as const;
export type LedgerKey = (typeof LEDGER_KEYS)[number];

const HEADER_ALIASES: Record<LedgerKey, string[]> = {
  seq: ['序号', '编号'],
  enterprise: ['矿山企业', '矿山企业名称', '企业名称', '矿山名称'],
  township: ['行政区域(苏木镇)', '行政区域', '苏木镇', '所在苏木镇', '行政区域(乡镇)'],
  methodMineral: ['开采方式、矿种', '开采方式矿种', '开采方式及矿种', '开采方式'],
  problemType: ['问题类型'],
  found: ['排查发现问题', '发现问题', '存在问题'],
  measures: ['整改措施'],
  deadline: ['完成整改时限', '整改时限', '完成时限'],
  responsible: ['整改责任人及联系方式', '整改责任人', '责任人及联系方式'],
};

/** Header text compared without spaces, line breaks, and with full-width brackets/punctuation folded. */
export function headerKey(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[，,]/g, '、');
}
const ALIAS_INDEX = new Map<string, LedgerKey>(
  (Object.entries(HEADER_ALIASES) as [LedgerKey, string[]][]).flatMap(([k, names]) => names.map((n) => [headerKey(n), k] as const)),
);

/** A cell as read: text, number (incl. unformatted Excel date serials), date, boolean, or empty. */
export type RawCell = string | number | Date | boolean | null;

export interface RawLedgerRow {
  sheet: string;
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  /** From the "排查工作组：…" line above the header, when the sheet has one. */
  workGroup: string | null;
  cells: Record<LedgerKey, RawCell>;
}

export interface LedgerReadIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export interface LedgerReadResult {
  rows: RawLedgerRow[];
  issues: LedgerReadIssue[];
  /** Sheets that had no 附件1 header and were left out (e.g. an instructions sheet). */
  skippedSheets: string[];
}

type CellValue = ExcelJS.CellValue;
/** ExcelJS cell values (rich text, formulas, hyperlinks, errors) down to plain values. */
export function plainCell(v: CellValue | undefined): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return plainCell(v.richText.map((p) => p.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return plainCell((v as { result?: CellValue }).result);
    if ('text' in v && 'hyperlink' in v) return plainCell((v as { text: CellValue }).text);
    if ('error' in v) return null;
  }
  return String(v);
}

const MAX_HEADER_SEARCH = 30;
const WORK_GROUP_LINE = /^排查工作组[:：]\s*(.*)$/;
const isBlank = (cells: RawCell[]) => cells.every((c) => c === null);
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const FIRST_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'] as const;

/**
 * The parts of ExcelJS's streaming WorkbookReader (4.4) that parse one zip entry each. Its own
 * `parse()` reads the zip with unzipper, which loses entries and splits characters
 * (xlsx-normalise.ts); these take the parts from openXlsx instead, in the order `parse()` needs them.
 */
interface WorkbookReaderParts {
  /** What the worksheet reader looks shared strings up in (`sharedStrings[i]`). */
  sharedStrings?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const BLOCK = 4096;

/**
 * The shared-strings table, kept as one string per block of 4,096 entries and where each entry ends:
 * the 200,000 strings of a 100,000-row ledger saved by Excel take about 24 MB of heap as ExcelJS's
 * array of strings, 10 MB like this. Rich text is kept as its plain text, which is all plainCell
 * makes of it.
 */
export class SharedStrings {
  private blocks: string[] = [];
  private ends: Uint32Array[] = [];
  private pending: string[] = [];

  add(text: string): void {
    this.pending.push(text);
    if (this.pending.length === BLOCK) this.seal();
  }

  /** Ends the current block (call once every entry is added). */
  seal(): void {
    if (this.pending.length === 0) return;
    const ends = new Uint32Array(this.pending.length);
    let at = 0;
    this.pending.forEach((t, i) => (ends[i] = at += t.length));
    this.blocks.push(this.pending.join(''));
    this.ends.push(ends);
    this.pending = [];
  }

  get(i: number): string | undefined {
    const ends = this.ends[Math.floor(i / BLOCK)];
    const k = i % BLOCK;
    if (!ends || !(k < ends.length)) return undefined;
    return this.blocks[Math.floor(i / BLOCK)]!.slice(k ? ends[k - 1] : 0, ends[k]);
  }

  /** The table as ExcelJS's worksheet reader indexes it. */
  asArray(): unknown {
    return new Proxy([], { get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) ? this.get(Number(key)) : Reflect.get(target, key)) });
  }
}

/** ExcelJS's SAX loop (saxes, the events of each piece at once), the one its own readers use. */
type SaxEvent = { eventType: 'opentag' | 'closetag'; value: { name: string } } | { eventType: 'text'; value: string };
const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax.js') as (pieces: AsyncIterable<string>) => AsyncGenerator<SaxEvent[]>;

const cellTooLong = (what: string) => `${what}超过 ${MAX_CELL_CHARS.toLocaleString('en')} 个字符（Excel 单元格的上限）`;

/**
 * The shared-strings table (xl/sharedStrings.xml): each <si>'s text, rich-text runs joined, phonetic
 * guides (<rPh>) left out. ExcelJS's own _parseSharedStrings keeps every run of a string as an object
 * and the joined text whole before anyone can look at it; here each string is measured as it grows
 * and refused past MAX_CELL_CHARS, and the table past MAX_SHARED_CHARS.
 */
async function readSharedStrings(name: string, xml: AsyncIterable<string>): Promise<SharedStrings> {
  const strings = new SharedStrings();
  let count = 0;
  let total = 0;
  let inString = false;
  let inText = 0;
  let inPhonetic = 0;
  let pieces: string[] = [];
  let length = 0;
  for await (const events of parseSax(xml)) {
    for (const e of events) {
      if (e.eventType === 'text') {
        if (!inString || inText === 0 || inPhonetic > 0) continue;
        length += e.value.length;
        if (length > MAX_CELL_CHARS) {
          throw new XlsxError(`${name}: 第 ${count + 1} 个共享字符串${cellTooLong('')} / shared string ${count + 1} has more than ${MAX_CELL_CHARS.toLocaleString('en')} characters (Excel's limit for a cell)`);
        }
        pieces.push(e.value);
      } else if (e.eventType === 'opentag') {
        if (e.value.name === 'si') (inString = true), (pieces = []), (length = 0);
        else if (e.value.name === 't') inText++;
        else if (e.value.name === 'rPh') inPhonetic++;
      } else if (e.value.name === 'si') {
        total += length;
        if (total > MAX_SHARED_CHARS) {
          const mi = MAX_SHARED_CHARS / 1024 / 1024;
          throw new XlsxError(`${name}: 共享字符串合计超过 ${mi} Mi 个字符 / the shared strings hold more than ${mi} Mi characters`);
        }
        strings.add(pieces.join(''));
        count++;
        (inString = false), (pieces = []);
      } else if (e.value.name === 't') inText = Math.max(0, inText - 1);
      else if (e.value.name === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
    }
  }
  strings.seal();
  return strings;
}

/** An error met while reading a part, as XlsxError naming where (a file that cannot be read is the uploader's to fix: 400, not 500). */
function readError(where: string, err: unknown): XlsxError {
  if (err instanceof XlsxError) return err;
  return new XlsxError(`${where}: 内容损坏，无法读取 / cannot be read: ${err instanceof Error ? err.message : String(err)}`);
}

/** The worksheets of the workbook, each a stream of ExcelJS rows, with the sheet name. */
async function* worksheets(bytes: Uint8Array): AsyncGenerator<{ name: string | undefined; rows: AsyncIterable<ExcelJS.Row> }> {
  const parts = openXlsx(bytes, LEDGER_MAX_UNPACKED);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'emit', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' }) as unknown as WorkbookReaderParts;
  const has = new Set(parts.names);
  const xml = (name: string) => checkedXml(name, parts.text(name));
  const entry = (name: string) => Readable.from(xml(name));
  for (const name of FIRST_PARTS) {
    if (!has.has(name)) continue;
    try {
      if (name === 'xl/_rels/workbook.xml.rels') await reader._parseRels(entry(name));
      else if (name === 'xl/workbook.xml') await reader._parseWorkbook(entry(name));
      else if (name === 'xl/styles.xml') await reader._parseStyles(entry(name));
      else reader.sharedStrings = (await readSharedStrings(name, xml(name))).asArray();
    } catch (err) {
      throw readError(name, err);
    }
  }
  for (const name of parts.names) {
    const m = WORKSHEET.exec(name);
    if (!m) continue;
    for (const { value } of reader._parseWorksheet(xml(name), m[1]!)) {
      const ws = value as { name?: string } & AsyncIterable<ExcelJS.Row>;
      yield { name: ws.name, rows: ws };
    }
  }
}

export interface LedgerReading {
  /** The problem rows in workbook order, read as they are iterated (one sheet part at a time). */
  rows: AsyncIterable<RawLedgerRow>;
  /** Header problems; complete once `rows` has been iterated to the end. */
  issues: LedgerReadIssue[];
  /** Sheets without a 附件1 header; complete once `rows` has been iterated to the end. */
  skippedSheets: string[];
}

/**
 * Reads a 附件1 workbook as officials fill it, streaming (constant memory per row; the rows are
 * produced as `rows` is iterated, and a file that is not a readable .xlsx throws XlsxError from it):
 * on each sheet the header row is found by its texts (spaces, line breaks and full-width brackets
 * ignored; merged title cells and the "排查工作组：" line above it are fine), then every following row
 * is a problem row unless it is blank or a note (only the 序号 column holds non-numeric text, e.g.
 * "注：1. …"). Values are returned as typed; turning them into a problem is the campaign rules' job.
 */
export function streamLedgerWorkbook(input: Uint8Array): LedgerReading {
  const issues: LedgerReadIssue[] = [];
  const skippedSheets: string[] = [];
  async function* rows(): AsyncGenerator<RawLedgerRow> {
    let sheetNo = 0;
    for await (const ws of worksheets(input)) {
      sheetNo++;
      const sheet = ws.name ?? `Sheet${sheetNo}`;
      try {
        yield* sheetRows(sheet, ws.rows);
      } catch (err) {
        // Broken XML, a cell too long, a part cut off: named by sheet, and a 400 for the uploader.
        const why = err instanceof XlsxError ? err.message : `工作表内容损坏，无法读取 / the sheet cannot be read: ${err instanceof Error ? err.message : String(err)}`;
        throw new XlsxError(`${sheet}: ${why}`);
      }
    }
    if (sheetNo === 0 || skippedSheets.length === sheetNo) {
      issues.push({ sheet: skippedSheets[0] ?? '', row: null, column: null, message: '没有找到附件1表头（序号、矿山企业、行政区域(苏木镇)、开采方式、矿种、问题类型、排查发现问题、整改措施、完成整改时限、整改责任人及联系方式） / no sheet has the 附件1 header row' });
    }
  }
  /** One sheet's problem rows (the header found first); also fills issues and skippedSheets. */
  async function* sheetRows(sheet: string, rowsOfSheet: AsyncIterable<ExcelJS.Row>): AsyncGenerator<RawLedgerRow> {
    let columns: Map<number, LedgerKey> | null = null;
    let workGroup: string | null = null;
    let inNotes = false;
    for await (const row of rowsOfSheet) {
      const values = (row.values as CellValue[]).map((v) => plainCell(v));
      values.forEach((v, i) => {
        if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
          const cell = row.getCell(i).address;
          throw new XlsxError(`${cellTooLong(`单元格 ${cell} `)} / cell ${cell} has more than ${MAX_CELL_CHARS.toLocaleString('en')} characters (Excel's limit for a cell)`);
        }
      });
      if (!columns) {
        if (row.number > MAX_HEADER_SEARCH) continue;
        const texts = values.filter((v): v is string => typeof v === 'string');
        const wg = texts.map((t) => t.trim().match(WORK_GROUP_LINE)).find(Boolean);
        if (wg) workGroup = wg[1]!.trim() || null;
        const found = new Map<number, LedgerKey>();
        values.forEach((v, i) => {
          if (typeof v !== 'string') return;
          const k = ALIAS_INDEX.get(headerKey(v));
          if (k && ![...found.values()].includes(k)) found.set(i, k);
        });
        if (found.size >= 6) {
          const missing = LEDGER_KEYS.filter((k) => k !== 'seq' && ![...found.values()].includes(k));
          for (const k of missing) issues.push({ sheet, row: row.number, column: HEADER_ALIASES[k][0]!, message: `表头缺少“${HEADER_ALIASES[k][0]}”列 / the header has no column "${HEADER_ALIASES[k][0]}"` });
          columns = found;
        }
        continue;
      }
      const cells = Object.fromEntries(LEDGER_KEYS.map((k) => [k, null])) as Record<LedgerKey, RawCell>;
      for (const [i, k] of columns) cells[k] = values[i] ?? null;
      const list = LEDGER_KEYS.map((k) => cells[k]);
      if (isBlank(list)) continue;
      const onlySeq = LEDGER_KEYS.every((k) => k === 'seq' || cells[k] === null);
      const seqText = typeof cells.seq === 'string' ? cells.seq.trim() : null;
      if (seqText !== null && (seqText.startsWith('注') || (inNotes && onlySeq) || (onlySeq && !/^\d+$/.test(seqText)))) {
        inNotes = true;
        continue;
      }
      if (onlySeq) continue; // a bare number with nothing else is pre-printed numbering, not a problem
      yield { sheet, row: row.number, workGroup, cells };
    }
    if (!columns) skippedSheets.push(sheet);
  }
  return { rows: rows(), issues, skippedSheets };
}

/** The whole workbook read at once (streamLedgerWorkbook with every row collected): for small files and tests. */
export async function readLedgerWorkbook(input: Readable | Uint8Array): Promise<LedgerReadResult> {
  if (!(input instanceof Uint8Array)) {
    const chunks: Buffer[] = [];
    for await (const c of input) chunks.push(Buffer.from(c as Uint8Array));
    input = Buffer.concat(chunks);
  }
  const reading = streamLedgerWorkbook(input);
  const rows: RawLedgerRow[] = [];
  for await (const r of reading.rows) rows.push(r);
  return { rows, issues: reading.issues, skippedSheets: reading.skippedSheets };
}
