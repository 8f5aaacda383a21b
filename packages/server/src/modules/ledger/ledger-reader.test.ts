import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { headerKey, readLedgerWorkbook, SharedStrings } from './ledger-reader.js';

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
