import { Readable } from 'node:stream';
import { normaliseXlsx } from './xlsx-normalise.js';
import ExcelJS from 'exceljs';

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

/**
 * Reads a 附件1 workbook as officials fill it, streaming (constant memory per row): on each sheet
 * the header row is found by its texts (spaces, line breaks and full-width brackets ignored; merged
 * title cells and the "排查工作组：" line above it are fine), then every following row is a problem
 * row unless it is blank or a note (only the 序号 column holds non-numeric text, e.g. "注：1. …").
 * Values are returned as typed; turning them into a problem is the campaign rules' job.
 */
export async function readLedgerWorkbook(input: Readable | Uint8Array): Promise<LedgerReadResult> {
  // Whole files are rewritten so ExcelJS reads every entry and every character right (xlsx-normalise.ts); streams are read as they come.
  if (input instanceof Uint8Array) input = Readable.from([normaliseXlsx(input)]);
  const rows: RawLedgerRow[] = [];
  const issues: LedgerReadIssue[] = [];
  const skippedSheets: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  let sheetNo = 0;
  for await (const ws of reader) {
    sheetNo++;
    const sheet = (ws as unknown as { name?: string }).name ?? `Sheet${sheetNo}`;
    let columns: Map<number, LedgerKey> | null = null;
    let workGroup: string | null = null;
    let inNotes = false;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as CellValue[]).map((v) => plainCell(v));
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
      rows.push({ sheet, row: row.number, workGroup, cells });
    }
    if (!columns) skippedSheets.push(sheet);
  }
  if (sheetNo === 0 || skippedSheets.length === sheetNo) {
    issues.push({ sheet: skippedSheets[0] ?? '', row: null, column: null, message: '没有找到附件1表头（序号、矿山企业、行政区域(苏木镇)、开采方式、矿种、问题类型、排查发现问题、整改措施、完成整改时限、整改责任人及联系方式） / no sheet has the 附件1 header row' });
  }
  return { rows, issues, skippedSheets };
}
