import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readLedgerWorkbook } from './ledger-reader.js';
import { writeLedgerWorkbook, type LedgerRow } from './ledger-workbook.js';
import { checkedXml, openXlsx, XlsxError } from './xlsx-normalise.js';

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

async function text(parts: ReturnType<typeof openXlsx>, name: string): Promise<{ text: string; pieces: number }> {
  let s = '';
  let pieces = 0;
  for await (const piece of parts.text(name)) {
    s += piece;
    pieces++;
  }
  return { text: s, pieces };
}

/** The same zip with a ZIP64 central directory: every entry's sizes and offset in a ZIP64 extra field, and the ZIP64 end records. */
function asZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdStart = view.getUint32(eocd + 16, true);
  const out: number[] = Array.from(zip.subarray(0, cdStart));
  const put = (n: number, bytes: number) => {
    for (let i = 0; i < bytes; i++) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
  };
  let at = cdStart;
  for (let i = 0; i < count; i++) {
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const [csize, usize, local] = [view.getUint32(at + 20, true), view.getUint32(at + 24, true), view.getUint32(at + 42, true)];
    const head = Array.from(zip.subarray(at, at + 46));
    const h = new DataView(new Uint8Array(head).buffer);
    h.setUint32(20, 0xffffffff, true);
    h.setUint32(24, 0xffffffff, true);
    h.setUint32(42, 0xffffffff, true);
    h.setUint16(30, extraLen + 28, true);
    out.push(...new Uint8Array(h.buffer));
    out.push(...zip.subarray(at + 46, at + 46 + nameLen + extraLen));
    put(1, 2), put(24, 2), put(usize, 8), put(csize, 8), put(local, 8);
    out.push(...zip.subarray(at + 46 + nameLen + extraLen, at + 46 + nameLen + extraLen + commentLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  const cdEnd = out.length;
  put(0x06064b50, 4), put(44, 8), put(45, 2), put(45, 2), put(0, 4), put(0, 4), put(count, 8), put(count, 8), put(cdEnd - cdStart, 8), put(cdStart, 8);
  put(0x07064b50, 4), put(0, 4), put(cdEnd, 8), put(1, 4);
  put(0x06054b50, 4), put(0, 2), put(0, 2), put(0xffff, 2), put(0xffff, 2), put(0xffffffff, 4), put(0xffffffff, 4), put(0, 2);
  return new Uint8Array(out);
}

describe('openXlsx', () => {
  it('reads every Chinese character of a large workbook right (ExcelJS alone splits some between chunks)', async () => {
    const buf = await written(2000);
    const want = Array.from({ length: 2000 }, (_, i) => row(i + 1));
    const r = await readLedgerWorkbook(new Uint8Array(buf));
    expect(r.rows).toHaveLength(2000);
    const str = (c: unknown) => String(c);
    const bad = r.rows.filter((x, i) => str(x.cells.enterprise) !== want[i]!.enterprise || str(x.cells.township) !== want[i]!.township || str(x.cells.found) !== want[i]!.found);
    expect(bad).toEqual([]);
    // The same bytes through ExcelJS's own reader: the fault this guards against is real.
    // (It may also lose the workbook part and throw: the other fault.)
    let faults = 0;
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore' });
      for await (const ws of reader) {
        for await (const x of ws as unknown as AsyncIterable<ExcelJS.Row>) if (/\ufffd/.test(JSON.stringify(x.values))) faults++;
      }
    } catch {
      faults = -1;
    }
    expect(faults).not.toBe(0);
  });

  it('hands each part over in pieces that together are the part, decoded whole', async () => {
    const buf = await written(2000);
    const whole = unzipSync(buf);
    const parts = openXlsx(buf);
    expect(parts.names.sort()).toEqual(Object.keys(whole).filter((n) => !n.endsWith('/')).sort());
    const sheet = await text(parts, 'xl/worksheets/sheet1.xml');
    expect(sheet.pieces).toBeGreaterThan(5); // really in pieces, not one string
    expect(sheet.text).toBe(strFromU8(whole['xl/worksheets/sheet1.xml']!));
    expect(sheet.text).not.toMatch(/\ufffd/);
    expect((await text(parts, 'xl/workbook.xml')).text).toBe(strFromU8(whole['xl/workbook.xml']!));
  });

  it('lets the reader see the whole workbook every time (sheet names, date cells)', async () => {
    const buf = await written(12);
    for (let i = 0; i < 40; i++) {
      const r = await readLedgerWorkbook(new Uint8Array(buf));
      expect(r.rows.map((x) => x.sheet)).toEqual([...Array(2).fill('组一'), ...Array(10).fill('组二')]);
      expect(r.rows.every((x) => x.cells.deadline instanceof Date)).toBe(true);
    }
  });

  it('reads a ZIP64 directory', async () => {
    const buf = await written(30);
    const parts = openXlsx(asZip64(buf));
    expect((await text(parts, 'xl/worksheets/sheet2.xml')).text).toBe(strFromU8(unzipSync(buf)['xl/worksheets/sheet2.xml']!));
    const r = await readLedgerWorkbook(asZip64(buf));
    expect(r.rows).toHaveLength(30);
    expect(r.rows[29]!.cells.enterprise).toBe(row(30).enterprise);
  });

  it('refuses what is not a zip, a broken part, and a workbook that unpacks beyond the limit', async () => {
    expect(() => openXlsx(Buffer.from('序号,矿山企业\n'))).toThrow(XlsxError);
    const buf = await written(500);
    expect(() => openXlsx(buf, 10_000)).toThrow(/unpacks to more than/);
    // A damaged deflate stream in the middle of a sheet is found as it is read.
    const parts = openXlsx(buf);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let local = 0;
    while (!(view.getUint32(local, true) === 0x04034b50 && buf.subarray(local + 30, local + 30 + view.getUint16(local + 26, true)).toString() === 'xl/worksheets/sheet1.xml')) local++;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const broken = Buffer.from(buf);
    broken.fill(0xff, start + 2000, start + 2400);
    await expect(text(openXlsx(broken), 'xl/worksheets/sheet1.xml')).rejects.toThrow(/not a readable .xlsx workbook \(xl\/worksheets\/sheet1.xml: /);
    await expect(readLedgerWorkbook(broken)).rejects.toBeInstanceOf(XlsxError);
    expect(parts.names).toContain('xl/worksheets/sheet1.xml');
    // Declared sizes that lie are caught by what the parts really unpack to.
    const whole = unzipSync(buf);
    const total = Object.values(whole).reduce((n, d) => n + d.length, 0);
    const sheetSize = whole['xl/worksheets/sheet1.xml']!.length;
    const lying = Buffer.from(buf);
    let cd = lying.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    cd = view.getUint32(cd + 16, true);
    while (lying.subarray(cd + 46, cd + 46 + lying.readUInt16LE(cd + 28)).toString() !== 'xl/worksheets/sheet1.xml') cd += 46 + lying.readUInt16LE(cd + 28) + lying.readUInt16LE(cd + 30) + lying.readUInt16LE(cd + 32);
    lying.writeUInt32LE(10, cd + 24);
    const limit = total - sheetSize + 1000;
    await expect(text(openXlsx(lying, limit), 'xl/worksheets/sheet1.xml')).rejects.toThrow(/unpacks to more than/);
  });
});

describe('checkedXml', () => {
  async function* from(pieces: string[]) {
    yield* pieces;
  }
  const read = async (pieces: string[], maxRun?: number) => {
    let s = '';
    for await (const p of checkedXml('xl/worksheets/sheet1.xml', from(pieces), maxRun)) s += p;
    return s;
  };
  const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  it('passes a whole part on unchanged, however it is cut into pieces', async () => {
    const doc = `${DECL}<worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>煤矿 &amp; 草原</t></is></c></row></sheetData></worksheet>`;
    for (const size of [1, 7, 64, doc.length]) {
      const pieces = Array.from({ length: Math.ceil(doc.length / size) }, (_, i) => doc.slice(i * size, (i + 1) * size));
      expect(await read(pieces)).toBe(doc);
    }
    expect(await read([DECL, '<sst count="0"/>', '\n'])).toBe(`${DECL}<sst count="0"/>\n`); // an empty root
    expect(await read([`${DECL}<!-- made by hand --><x:worksheet xmlns:x="x"></x:worksheet >\n<!-- end -->\n<?pi x?>`])).toMatch(/<\?pi x\?>$/); // comments, prefix, PI after the root
  });

  it('refuses a part cut off anywhere, even between two rows', async () => {
    const doc = `${DECL}<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`;
    for (const cut of [doc.indexOf('<row r="2"') + 5, doc.indexOf('<row r="2"'), doc.indexOf('</sheetData>'), doc.length - 3]) {
      await expect(read([doc.slice(0, cut)])).rejects.toThrow(/^xl\/worksheets\/sheet1\.xml: XML 不完整.*the XML ends before its root element <worksheet> is closed/);
    }
    await expect(read([DECL, '<sst count="0"/><si>'])).rejects.toThrow(/XML 不完整/); // something after an empty root is no root close either
    await expect(read([DECL])).rejects.toThrow(/XML 不完整/);
    await expect(read([''])).rejects.toBeInstanceOf(XlsxError);
  });

  it('refuses a run of text longer than the limit, within a piece or across pieces', async () => {
    const ok = `<sst><si><t>${'a'.repeat(100)}</t></si></sst>`;
    expect(await read([ok], 105)).toBe(ok);
    await expect(read([`<sst><si><t>${'a'.repeat(200)}</t></si></sst>`], 105)).rejects.toThrow(/more than 105 characters without markup/);
    await expect(read(['<sst><si><t>', ...Array(30).fill('aaaaaaaa'), '</t></si></sst>'], 105)).rejects.toThrow(/有一段超过 105 个字符的文字/);
    await expect(read(['<sst a="', 'b'.repeat(150), '"/>'], 105)).rejects.toThrow(XlsxError); // an attribute too
  });
});
