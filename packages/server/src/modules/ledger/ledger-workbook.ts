import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** The nine columns of 002 附件1, in the printed order, with print widths in characters. */
export const LEDGER_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '矿山企业', width: 20 },
  { header: '行政区域(苏木镇)', width: 12 },
  { header: '开采方式、矿种', width: 14 },
  { header: '问题类型', width: 16 },
  { header: '排查发现问题', width: 32 },
  { header: '整改措施', width: 32 },
  { header: '完成整改时限', width: 14 },
  { header: '整改责任人及联系方式', width: 18 },
] as const;

export interface LedgerRow {
  enterprise: string;
  township: string;
  methodMineral: string;
  problemType: string;
  found: string;
  measures: string;
  /** Calendar date (YYYY-MM-DD) or null when none was set. */
  deadline: string | null;
  responsible: string;
}

export interface LedgerSheet {
  workGroup: string;
  rows: Iterable<LedgerRow> | AsyncIterable<LedgerRow>;
}

export interface LedgerWorkbook {
  /** e.g. 达拉特旗矿山以案促改专项行动摸排情况表 */
  title: string;
  /** The 注 lines printed under the table, verbatim from the campaign template. */
  notes: readonly string[];
  sheets: LedgerSheet[];
}

const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, '').trim() || '工作组').slice(0, 31);
  let n = base;
  for (let i = 2; taken.has(n); i++) n = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(n);
  return n;
}

/** YYYY-MM-DD → the Excel date of that calendar day (UTC midnight, so no time-zone shift). */
const excelDate = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Streams the 附件1 ledger as printed in seed 002: per work group one sheet with the title, the
 * "排查工作组：…" line, the nine-column header (repeated on every printed page), one row per problem,
 * then the notes. A4 landscape, fitted to the page width, wrapped text. Rows are written and
 * committed one at a time, so memory does not grow with the number of problems.
 */
export async function writeLedgerWorkbook(out: Writable, wb: LedgerWorkbook): Promise<{ rows: number }> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  book.creator = 'Minewatch';
  const taken = new Set<string>();
  let total = 0;
  const sheets = wb.sheets.length ? wb.sheets : [{ workGroup: '', rows: [] }];
  for (const s of sheets) {
    const ws = book.addWorksheet(sheetName(s.workGroup, taken), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
      views: [{ state: 'frozen', ySplit: 3 }],
    });
    // Repeat the header row (row 3) on every printed page.
    ws.pageSetup.printTitlesRow = '3:3';
    ws.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));
    const last = LEDGER_COLUMNS.length;

    const title = ws.getRow(1);
    title.getCell(1).value = wb.title;
    title.getCell(1).font = { name: FONT_TITLE, size: 16, bold: true };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 36;
    ws.mergeCells(1, 1, 1, last);
    title.commit();

    const group = ws.getRow(2);
    group.getCell(1).value = `排查工作组：${s.workGroup}`;
    group.getCell(1).font = { name: FONT_BODY, size: 12 };
    group.getCell(1).alignment = { horizontal: 'left', vertical: 'middle' };
    group.height = 22;
    ws.mergeCells(2, 1, 2, last);
    group.commit();

    const head = ws.getRow(3);
    LEDGER_COLUMNS.forEach((c, i) => {
      const cell = head.getCell(i + 1);
      cell.value = c.header;
      cell.font = { name: '黑体', size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    });
    head.height = 32;
    head.commit();

    let seq = 0;
    let rowNo = 4;
    for await (const r of s.rows) {
      seq++;
      const row = ws.getRow(rowNo++);
      const values: (string | number | Date)[] = [seq, r.enterprise, r.township, r.methodMineral, r.problemType, r.found, r.measures, r.deadline ? excelDate(r.deadline) : '', r.responsible];
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        cell.value = v;
        cell.font = { name: FONT_BODY, size: 11 };
        cell.alignment = { vertical: 'middle', horizontal: i === 0 || i === 7 ? 'center' : 'left', wrapText: true };
        cell.border = border;
        if (v instanceof Date) cell.numFmt = 'yyyy"年"m"月"d"日"';
      });
      row.commit();
    }
    total += seq;

    rowNo++; // one blank row before the notes
    wb.notes.forEach((note, i) => {
      const row = ws.getRow(rowNo);
      row.getCell(1).value = i === 0 && !note.startsWith('注') ? `注：${note}` : note;
      row.getCell(1).font = { name: FONT_BODY, size: 11 };
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
      ws.mergeCells(rowNo, 1, rowNo, last);
      row.commit();
      rowNo++;
    });
    ws.commit();
  }
  await book.commit();
  return { rows: total };
}
