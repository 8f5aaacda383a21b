import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { headerKey, MAX_SHARED_CHARS, readLedgerWorkbook, SharedStrings } from './ledger-reader.js';
import { XlsxError } from './xlsx-normalise.js';

/** A workbook as an official fills it: merged title, work-group line, header with line breaks, blanks, notes. */
async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet('填表说明');
  info.getCell('A1').value = '请按附件1格式填写';
  const ws = wb.addWorksheet('露天组');
  ws.getCell('A1').value = '达拉特旗矿山以案促改专项行动摸排情况表';
  ws.mergeCells('A1:I1');
  ws.getCell('A2').value = '排查工作组：露天矿山临时用地及违法违规开采专项工作组';
  ws.mergeCells('A2:I2');
  ws.getRow(3).values = ['序号', '矿山企业', '行政区域\n(苏木镇)', '开采方式、 矿种', '问题类型', '排查发现问题', '整改措施', '完成 整改时限', '整改责任人及\n联系方式'];
  ws.getRow(4).values = [1, '甲煤矿', '树林召镇', '露天+煤矿', '临时用地批小占大', '超占草原', '复垦', new Date(Date.UTC(2022, 11, 31)), '张三 13800000000'];
  ws.getRow(5).values = [];
  ws.getRow(6).values = [2, { richText: [{ text: '乙' }, { text: '石灰石矿' }] }, '白泥井镇', '露天＋石灰石', '矿区生态环境', '扬尘', '洒水', '2022年12月31日', '李四'];
  ws.getRow(7).values = ['', '丙煤矿', '王爱召镇', '井工+煤矿', '到期未复垦', '未复垦', '复垦', 44926, '王五 0477-1234567'];
  ws.getRow(8).values = [3];
  ws.getRow(10).values = ['注：1. 开采方式须填写规范，如“露天/井工+煤矿/石灰石/...”'];
  ws.mergeCells('A10:I10');
  ws.getRow(11).values = ['2. 问题类型须表述详细'];
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf);
}

describe('附件1 reader', () => {
  it('folds header variants', () => {
    expect(headerKey('行政区域\n（苏木镇）')).toBe('行政区域(苏木镇)');
    expect(headerKey('开采方式， 矿种')).toBe('开采方式、矿种');
  });

  it('finds the header under merged title cells, keeps row numbers, skips blanks and notes and other sheets', async () => {
    const r = await readLedgerWorkbook(Readable.from(await messyWorkbook()));
    expect(r.issues).toEqual([]);
    expect(r.skippedSheets).toEqual(['填表说明']);
    expect(r.rows.map((x) => x.row)).toEqual([4, 6, 7]);
    expect(r.rows.every((x) => x.sheet === '露天组' && x.workGroup === '露天矿山临时用地及违法违规开采专项工作组')).toBe(true);
    const [a, b, c] = r.rows;
    expect(a!.cells.enterprise).toBe('甲煤矿');
    expect((a!.cells.deadline as Date).toISOString().slice(0, 10)).toBe('2022-12-31');
    expect(b!.cells.enterprise).toBe('乙石灰石矿');
    expect(b!.cells.deadline).toBe('2022年12月31日');
    expect(c!.cells.seq).toBeNull();
    expect(c!.cells.deadline).toBe(44926);
    expect(c!.cells.responsible).toBe('王五 0477-1234567');
  });

  it('names a missing column and a workbook without the header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.getRow(1).values = ['序号', '矿山企业', '行政区域(苏木镇)', '开采方式、矿种', '问题类型', '排查发现问题', '完成整改时限', '整改责任人及联系方式'];
    const r = await readLedgerWorkbook(Readable.from(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(r.issues).toEqual([expect.objectContaining({ sheet: '表1', row: 1, column: '整改措施' })]);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('x').getCell('A1').value = 'hello';
    const e = await readLedgerWorkbook(Readable.from(Buffer.from(await empty.xlsx.writeBuffer())));
    expect(e.rows).toEqual([]);
    expect(e.issues[0]!.message).toMatch(/没有找到附件1表头/);
  });

  it('reads what the writer writes', async () => {
    const { writeLedgerWorkbook } = await import('./ledger-workbook.js');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((res) => out.on('end', res));
    const row = { enterprise: '丁矿', township: '树林召镇', methodMineral: '露天+煤矿', problemType: '矿区生态环境', found: 'x', measures: 'y', deadline: '2022-10-31', responsible: '赵六 13900000000' };
    await writeLedgerWorkbook(out, { title: 't', notes: ['注：1. n'], sheets: [{ workGroup: '组一', rows: [row, row] }, { workGroup: '组二', rows: [row] }] });
    await ended;
    const r = await readLedgerWorkbook(Readable.from(Buffer.concat(chunks)));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((x) => [x.sheet, x.workGroup, x.row, x.cells.seq])).toEqual([['组一', '组一', 4, 1], ['组一', '组一', 5, 2], ['组二', '组二', 4, 1]]);
    expect((r.rows[0]!.cells.deadline as Date).toISOString().slice(0, 10)).toBe('2022-10-31');
  });

  it('keeps the shared strings in blocks and finds each by its index', () => {
    const want = Array.from({ length: 10_000 }, (_, i) => (i % 11 === 0 ? '' : `${i}号矿山企业`.repeat(1 + (i % 3))));
    const t = new SharedStrings();
    for (const w of want) t.add(w);
    t.seal();
    expect(want.every((w, i) => t.get(i) === w)).toBe(true);
    expect([t.get(10_000), t.get(-1)]).toEqual([undefined, undefined]);
    const asArray = t.asArray() as string[];
    expect([asArray[0], asArray[4095], asArray[4096], asArray[9999], asArray[10_000]]).toEqual([want[0], want[4095], want[4096], want[9999], undefined]);
  });
});

/** A one-sheet workbook written part by part: `si` is the inside of each shared string, the sheet's row 2 refers to them in order. */
function handMade(si: string[], sheetData?: string): Uint8Array {
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const cols = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const header = ['序号', '矿山企业', '行政区域(苏木镇)', '开采方式、矿种', '问题类型', '排查发现问题', '整改措施', '完成整改时限', '整改责任人及联系方式'];
  const inline = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const rows = sheetData ?? `<row r="1">${header.map((h, i) => inline(`${cols[i]}1`, h)).join('')}</row><row r="2"><c r="A2"><v>1</v></c>${si.map((_, i) => `<c r="${cols[i + 1]}2" t="s"><v>${i}</v></c>`).join('')}</row>`;
  return zipSync({
    'xl/workbook.xml': strToU8(`<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<sst ${NS}>${si.map((x) => `<si>${x}</si>`).join('')}</sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`),
  }, { level: 1 });
}

describe('shared strings', () => {
  it('joins rich-text runs, leaves out phonetic guides and keeps strings up to 32,767 characters', async () => {
    const r = await readLedgerWorkbook(handMade([
      '<r><rPr><b/></rPr><t>乙</t></r><r><t>石灰石矿</t></r><rPh sb="0" eb="1"><t>イツ</t></rPh>',
      '<t>白泥井镇</t>',
      '<t>露天+煤矿</t>',
      '<t/>',
      `<t>${'超'.repeat(32_767)}</t>`,
    ]));
    expect(r.issues).toEqual([]);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.cells).toMatchObject({ seq: 1, enterprise: '乙石灰石矿', township: '白泥井镇', methodMineral: '露天+煤矿', problemType: null });
    expect(r.rows[0]!.cells.found).toBe('超'.repeat(32_767));
  });

  it('refuses a string longer than a cell can be, however it is split into runs', async () => {
    await expect(readLedgerWorkbook(handMade(['<t>甲矿</t>', `<t>${'超'.repeat(40_000)}</t>`]))).rejects.toThrow(
      /^xl\/sharedStrings\.xml: 第 2 个共享字符串超过 32,767 个字符（Excel 单元格的上限） \/ shared string 2 has more than 32,767 characters/,
    );
    // 40 runs of 1,000: no text node is long, the string is.
    await expect(readLedgerWorkbook(handMade([Array.from({ length: 40 }, () => `<r><t>${'超'.repeat(1000)}</t></r>`).join('')]))).rejects.toThrow(/第 1 个共享字符串超过 32,767/);
  });

  it('refuses a table of more than 64 Mi characters, each string short enough', async () => {
    const n = Math.floor(MAX_SHARED_CHARS / 32_767) + 1;
    const one = `<t>${'x'.repeat(32_767)}</t>`;
    const err = await readLedgerWorkbook(handMade(Array(n).fill(one), '')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as Error).message).toBe('xl/sharedStrings.xml: 共享字符串合计超过 64 Mi 个字符 / the shared strings hold more than 64 Mi characters');
    // One string fewer is read (the limit is the table's, not the upload's).
    const fewer = await readLedgerWorkbook(handMade(Array(n - 1).fill(one), ''));
    expect(fewer.rows).toEqual([]);
  });

  it('names the sheet and cell of an inline string too long, and the sheet of broken XML', async () => {
    const long = `<row r="1"><c r="C1" t="inlineStr"><is><t>${'超'.repeat(32_768)}</t></is></c></row>`;
    await expect(readLedgerWorkbook(handMade([], long))).rejects.toThrow(/^表1: 单元格 C1 超过 32,767 个字符（Excel 单元格的上限） \/ cell C1 has more than 32,767 characters/);
    await expect(readLedgerWorkbook(handMade([], '<row r="1"><c r="A1"><v>1</v></c></rox>'))).rejects.toThrow(/^表1: 工作表内容损坏，无法读取 \/ the sheet cannot be read: \d+:\d+: unmatched closing tag/);
    const err = await readLedgerWorkbook(handMade(['<t>a</t></si><si><t>b</t></x>'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxError);
    expect((err as Error).message).toMatch(/^xl\/sharedStrings\.xml: 内容损坏，无法读取 \/ cannot be read: /);
  });
});
