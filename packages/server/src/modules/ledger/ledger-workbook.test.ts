import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, sheetName, writeLedgerWorkbook, type LedgerRow } from './ledger-workbook.js';

const run = promisify(execFile);
const NOTES = [
  '注：1. 开采方式须填写规范，如“露天/井工+煤矿/石灰石/...”',
  '2. 问题类型须表述详细，如“临时用地批小占大”“排土场/排矸场超界/超标高”“违法违规侵占林地/草原”“矿区生态环境”“到期未复垦/未还地”等',
  '3. 整改责任人至少为旗区副科级以上实职分管领导',
  '4. 整改时限不得超过 2022 年 12 月 31 日',
];
const row = (i: number): LedgerRow => ({
  enterprise: `内蒙古某某煤炭有限责任公司${i}`,
  township: '树林召镇',
  methodMineral: '露天+煤矿',
  problemType: '临时用地批小占大',
  found: `临时用地超出批准范围占用草原${i}亩，长期未复垦。`,
  measures: '立即停止占用，补办手续并限期复垦还地。',
  deadline: '2022-12-31',
  responsible: '张三 副旗长 13800000000',
});

async function toBuffer(rows: LedgerRow[][], groups: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  await writeLedgerWorkbook(out, { title: '达拉特旗矿山以案促改专项行动摸排情况表', notes: NOTES, sheets: groups.map((g, i) => ({ workGroup: g, rows: rows[i]! })) });
  await done;
  return Buffer.concat(chunks);
}

describe('附件1 ledger workbook', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'mw-ledger-'));
    await chmod(dir, 0o755);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('has the title, the work-group line, the nine columns in order, the rows and the notes, one sheet per group', async () => {
    const buf = await toBuffer([[row(1), row(2)], [row(3)]], ['露天矿山临时用地及违法违规开采专项工作组', '尾矿坑及地质环境治理专项工作组']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['露天矿山临时用地及违法违规开采专项工作组', '尾矿坑及地质环境治理专项工作组']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('达拉特旗矿山以案促改专项行动摸排情况表');
    expect(ws.getCell('A2').value).toBe('排查工作组：露天矿山临时用地及违法违规开采专项工作组');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('B5').value).toBe('内蒙古某某煤炭有限责任公司2');
    expect((ws.getCell('H4').value as Date).toISOString().slice(0, 10)).toBe('2022-12-31');
    expect(ws.getCell('H4').numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(ws.getCell('A7').value).toBe(NOTES[0]);
    expect(ws.getCell('A10').value).toBe(NOTES[3]);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.getCell('F4').alignment?.wrapText).toBe(true);
    expect(ws.getColumn(6).width).toBe(32);
    // Merged title and work-group line across all nine columns.
    expect(ws.getCell('I1').master.address).toBe('A1');
    expect(ws.getCell('I2').master.address).toBe('A2');
    expect(wb.worksheets[1]!.getCell('A4').value).toBe(1); // numbering restarts per group
  });

  it('keeps sheet names legal and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c', taken)).toBe('abc');
    expect(sheetName('abc', taken)).toBe('abc-2');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
    expect(taken.size).toBe(4);
  });

  it('opens in LibreOffice: converted to PDF, the text is all there, header repeated on every page', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => row(i + 1));
    const file = path.join(dir, 'ledger.xlsx');
    await writeFile(file, await toBuffer([rows], ['露天矿山临时用地及违法违规开采专项工作组']));
    await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    const pdf = path.join(dir, 'ledger.pdf');
    await run('pdftotext', ['-layout', pdf, path.join(dir, 'ledger.txt')]);
    const text = (await readFile(path.join(dir, 'ledger.txt'), 'utf8')).replace(/[ \t]+/g, '');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain('达拉特旗矿山以案促改专项行动摸排情况表');
    expect(text).toContain('排查工作组：露天矿山临时用地及违法违规开采专项工作组');
    for (const p of pages) expect(p, 'the header row is printed on every page').toContain('排查发现问题');
    // Every row printed (the wrapped enterprise name may break over lines, its start does not).
    expect(text.split('内蒙古某某煤炭有限责任').length - 1).toBe(60);
    expect(text).toContain('2022年12月31日');
    expect(text).toContain('整改责任人至少为旗区副科级以上实职分管领导');
  }, 180_000);
});
