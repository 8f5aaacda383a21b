/**
 * GET /api/campaigns/{id}/ledger.xlsx (L4): the 附件1 form of seed 002 filled with the campaign's
 * problems, compared cell by cell with the form as printed in the seed document; the list's filters
 * and the region scope apply to it. (That the workbook prints and opens in LibreOffice is
 * src/modules/ledger/ledger-workbook.test.ts.)
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { json, multipart, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
let c002: string;

/** The 附件1 page of seed 002 as printed: title, the group line, the header (tab-separated), the four notes. */
async function seedForm() {
  const text = await readFile(new URL('../../core/src/seeds/source/002_52f0b6fc540b7f68.txt', import.meta.url), 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const at = lines.indexOf('达拉特旗矿山以案促改专项行动摸排情况表');
  const from = lines.slice(at);
  return {
    title: lines[at]!,
    groupLine: from.find((l) => l.startsWith('排查工作组'))!,
    header: from.find((l) => l.startsWith('序号'))!.split('\t'),
    notes: from.filter((l) => /^(注：)?\d\. /.test(l)).slice(0, 4),
  };
}
const squeeze = (s: unknown) => String(s ?? '').replace(/\s+/g, '');

async function load(url: string, u = 'dalad.office') {
  const res = await t.app.inject({ url, headers: as(u) });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { res, wb };
}

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.cadre', 'kelan.office', 'dehong.office']) cookies[u] = await t.login(u);
  c002 = (json(await t.app.inject({ url: '/api/campaigns', headers: as('dalad.office') })).items as any[]).find((c) => c.code === campaign002.key).id;
  const m = multipart({ foundOn: '2022-05-31' }, { name: 'messy.xlsx', bytes: await readFile(new URL('./fixtures/ledger/messy-dalad.xlsx', import.meta.url)) });
  const p = json(await t.app.inject({ method: 'POST', url: `/api/campaigns/${c002}/ledger/import`, headers: { ...as('dalad.office'), ...m.headers }, payload: m.payload }));
  const c = await t.app.inject({ method: 'POST', url: `/api/campaigns/${c002}/ledger/import/${p.previewId}/commit`, headers: as('dalad.office'), payload: { confirmEnterprises: p.unmatchedEnterprises } });
  expect(c.statusCode, c.body).toBe(201);
  // One problem voided (entered in error): not on the exported ledger. (Its responsible unit is the office's own, which may not void it: admin does.)
  const list = json(await t.app.inject({ url: `/api/problems?campaignId=${c002}&q=${encodeURIComponent('砂石料场')}`, headers: as('dalad.office') }));
  const v = await t.app.inject({ method: 'POST', url: `/api/problems/${list.items[0].id}/transitions`, headers: as('admin'), payload: { version: 1, event: 'void', reason: '重复录入' } });
  expect(v.statusCode, v.body).toBe(200);
});
afterAll(() => t?.close());

describe('the 附件1 export', () => {
  it('is the seed form, cell by cell: title, group line, the nine columns, the notes; one sheet per work group', async () => {
    const form = await seedForm();
    const { res, wb } = await load(`/api/campaigns/${c002}/ledger.xlsx`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(form.title));
    expect(wb.worksheets.map((w) => w.name)).toEqual(campaign002.workGroups.map((g) => g.name));
    for (const [i, ws] of wb.worksheets.entries()) {
      expect(ws.getCell('A1').value).toBe(form.title);
      expect(ws.getCell('A2').value).toBe(`${form.groupLine}${campaign002.workGroups[i]!.name}`);
      // The printed header has layout spaces ("行政区域 (苏木镇)", "完成 整改时限"); the words are the same.
      const header = (ws.getRow(3).values as unknown[]).slice(1);
      expect(header.map(squeeze)).toEqual(form.header.map(squeeze));
      const notes: string[] = [];
      ws.eachRow((r) => {
        const v = r.getCell(1).value;
        if (typeof v === 'string' && /^(注：)?\d\. /.test(v)) notes.push(v);
      });
      expect(notes).toEqual(form.notes);
    }
  });

  it('lists the problems of each work group in ledger order with the values of the ledger', async () => {
    const { wb } = await load(`/api/campaigns/${c002}/ledger.xlsx`);
    const rows = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((r, n) => {
        if (n > 3 && typeof r.getCell(1).value === 'number') out.push((r.values as unknown[]).slice(1));
      });
      return out;
    };
    const open = rows(wb.worksheets[0]!);
    expect(open.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]); // 6 imported, 1 voided
    expect(open.map((r) => r[2])).toEqual(['树林召镇', '白泥井镇', '王爱召镇', '昭君镇', '恩格贝镇']); // by region code
    expect(open[1]).toEqual([2, '内蒙古伊泰某煤炭有限责任公司', '白泥井镇', '露天+煤矿', '临时用地批小占大', '临时用地超出批准范围 12 亩', '退还超占土地并复垦', new Date('2022-12-31T00:00:00Z'), '王峰 自然资源局副局长 13947700001']);
    expect(wb.worksheets[0]!.getCell('H5').numFmt).toBe('yyyy"年"m"月"d"日"');
    const dumps = rows(wb.worksheets[1]!);
    expect(dumps).toEqual([[1, '内蒙古某煤炭公司', '中和西镇', '露天+煤矿', '排土场/排矸场超界/超标高', '排土场超出批准标高 15 米', '削坡降高、覆土绿化', new Date('2022-06-30T00:00:00Z'), '高强 农牧局副局长 13947700006']]);
    expect(rows(wb.worksheets[2]!)).toEqual([]);
  });

  it('applies the list filters and the region scope', async () => {
    const filtered = await load(`/api/campaigns/${c002}/ledger.xlsx?region=150621102`);
    expect(filtered.wb.worksheets[0]!.getCell('B4').value).toBe('内蒙古伊泰某煤炭有限责任公司');
    expect(filtered.wb.worksheets[0]!.getCell('A5').value).not.toBe(2);
    const voided = await load(`/api/campaigns/${c002}/ledger.xlsx?state=voided`);
    expect(voided.wb.worksheets[0]!.getCell('B4').value).toBe('达拉特旗某砂石料场');
    // A township cadre works under the banner's campaign and exports only the township's problems.
    const cadre = await load(`/api/campaigns/${c002}/ledger.xlsx`, 'dalad.cadre');
    const names: unknown[] = [];
    for (const ws of cadre.wb.worksheets) ws.eachRow((r, n) => n > 3 && typeof r.getCell(1).value === 'number' && names.push(r.getCell(2).value));
    expect(names).toEqual(['内蒙古伊泰某煤炭有限责任公司']);
  });

  it('answers 404 for another region, 409 for a campaign without the 附件1 template, 401 without a login', async () => {
    expect((await t.app.inject({ url: `/api/campaigns/${c002}/ledger.xlsx`, headers: as('kelan.office') })).statusCode).toBe(404);
    const dehong = (json(await t.app.inject({ url: '/api/campaigns', headers: as('dehong.office') })).items as any[])[0].id;
    const none = await t.app.inject({ url: `/api/campaigns/${dehong}/ledger.xlsx`, headers: as('dehong.office') });
    expect(none.statusCode).toBe(409);
    expect(json(none).error.message).toMatch(/没有台账模板/);
    expect((await t.app.inject({ url: `/api/campaigns/${c002}/ledger.xlsx` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/campaigns/${c002}/ledger.xlsx?state=done`, headers: as('dalad.office') })).statusCode).toBe(400);
  });
});
