/**
 * The baseline of the 附件1 import benchmark (ledger-1m.ts): ExcelJS merely reading a workbook from the
 * file, its streaming WorkbookReader with the options the ledger reader passes (shared strings and
 * styles cached, hyperlinks ignored), every row of every sheet iterated and nothing else done. Run
 * in a process of its own so its peak memory (VmHWM) is the reader's:
 *
 *   node --import tsx packages/server/bench/exceljs-read.ts file.xlsx
 *
 * Prints {"sheets", "rows", "ms", "rssBefore", "peak"} (bytes) as JSON on stdout.
 */
import { createReadStream, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

function memory(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const file = process.argv[2];
if (!file) throw new Error('usage: exceljs-read.ts file.xlsx');
const before = memory();
const t0 = performance.now();
const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
let sheets = 0;
let rows = 0;
for await (const ws of reader) {
  sheets++;
  for await (const _row of ws as unknown as AsyncIterable<ExcelJS.Row>) rows++;
}
const ms = Math.round(performance.now() - t0);
process.stdout.write(JSON.stringify({ sheets, rows, ms, rssBefore: before.rss, peak: memory().peak }));
