import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLedgerWorkbook } from './ledger-reader.js';
import { writeLedgerWorkbook, type LedgerRow } from './ledger-workbook.js';
import { normaliseXlsx, XlsxError } from './xlsx-normalise.js';

const TOWNS = ['树林召镇', '吉格斯太镇', '白泥井镇', '王爱召镇', '昭君镇', '恩格贝镇', '中和西镇', '风水梁镇', '展旦召苏木'];
const row = (i: number): LedgerRow => ({
  enterprise: `内蒙古某某煤炭有限责任公司${i}`,
  township: TOWNS[i % TOWNS.length]!,
  methodMineral: '露天+煤矿',
  problemType: '临时用地批小占大',
  found: `临时用地超出批准范围占用草原${i % 97}亩，长期未复垦。𠀋`, // one character outside the BMP too
  measures: '立即停止占用，补办手续并限期复垦还地。',
  deadline: '2022-12-31',
  responsible: '王峰 自然资源局副局长 13947700001',
});

async function written(n: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on('end', r));
  const rows = Array.from({ length: n }, (_, i) => row(i + 1));
  await writeLedgerWorkbook(out, { title: '达拉特旗矿山以案促改专项行动摸排情况表', notes: ['注：1. n'], sheets: [{ workGroup: '组一', rows: rows.slice(0, n - 10) }, { workGroup: '组二', rows: rows.slice(n - 10) }] });
  await done;
  return Buffer.concat(chunks);
}

describe('normaliseXlsx', () => {
  it('reads every Chinese character of a large workbook right (ExcelJS alone splits some between chunks)', async () => {
    const buf = await written(2000);
    const want = Array.from({ length: 2000 }, (_, i) => row(i + 1));
    const r = await readLedgerWorkbook(new Uint8Array(buf));
    expect(r.rows).toHaveLength(2000);
    const text = (c: unknown) => String(c);
    const bad = r.rows.filter((x, i) => text(x.cells.enterprise) !== want[i]!.enterprise || text(x.cells.township) !== want[i]!.township || text(x.cells.found) !== want[i]!.found);
    expect(bad).toEqual([]);
    // The same bytes through ExcelJS's reader unchanged: the fault this guards against is real.
    // (It may also lose the workbook part and throw: the other fault.)
    let faults = 0;
    try {
      const raw = await readLedgerWorkbook(Readable.from([buf]));
      faults = raw.rows.filter((x) => /\ufffd/.test(`${x.cells.enterprise}${x.cells.township}${x.cells.found}${x.cells.measures}`)).length;
    } catch {
      faults = -1;
    }
    expect(faults).not.toBe(0);
  });

  it('lets the streaming reader see the whole workbook every time (sheet names, date cells)', async () => {
    const buf = await written(12);
    for (let i = 0; i < 40; i++) {
      const r = await readLedgerWorkbook(new Uint8Array(buf));
      expect(r.rows.map((x) => x.sheet)).toEqual([...Array(2).fill('组一'), ...Array(10).fill('组二')]);
      expect(r.rows.every((x) => x.cells.deadline instanceof Date)).toBe(true);
    }
  });

  it('refuses what is not a zip, and a workbook that unpacks beyond the limit', async () => {
    expect(() => normaliseXlsx(Buffer.from('序号,矿山企业\n'))).toThrow(XlsxError);
    const buf = await written(500);
    expect(() => normaliseXlsx(buf, 10_000)).toThrow(/unpacks to more than/);
  });
});
