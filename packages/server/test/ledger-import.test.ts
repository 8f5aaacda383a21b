/**
 * 附件1 import (L3, L4) through the API: workbooks as officials fill them (test/fixtures/ledger/,
 * made by make-ledger-fixtures.ts) are read, every row checked with the campaign rules, townships,
 * people and registry sites matched; the preview names each error by sheet, row and column; the
 * commit is all-or-nothing. Then the export → import round trip.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaign002 } from '@minewatch/core';
import { writeLedgerWorkbook, type LedgerRow } from '../src/modules/ledger/ledger-workbook.js';
import { MAX_PREVIEWS } from '../src/modules/ledger/ledger.service.js';
import { json, multipart, testApp, type TestApp } from './harness.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const as = (u: string) => ({ cookie: cookies[u]! });
let c002: string;
const fixture = (name: string) => readFile(new URL(`./fixtures/ledger/${name}`, import.meta.url));

async function preview(u: string, campaignId: string, name: string, bytes: Buffer, fields: Record<string, string> = { foundOn: '2022-05-31' }) {
  const m = multipart(fields, { name, bytes });
  return t.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/ledger/import`, headers: { ...as(u), ...m.headers }, payload: m.payload });
}
const commit = (u: string, campaignId: string, previewId: string, body: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/campaigns/${campaignId}/ledger/import/${previewId}/commit`, headers: as(u), payload: body as Record<string, unknown> });
/** A licensed coal mine of 白泥井镇 in the registry, as dalad.office registers it (for the name match). */
const registerMine = (name: string, licenceNo: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/sites',
    headers: as('dalad.office'),
    payload: { regionCode: '150621102', name, attributes: { kind: 'licensed_mine', licenceNo, holder: name, mineral: '煤', method: 'open_pit' } },
  });
const problemCount = async () => json(await t.app.inject({ url: '/api/problems?limit=1', headers: as('admin') })).total as number;

beforeAll(async () => {
  t = await testApp();
  for (const u of ['admin', 'dalad.office', 'dalad.leader', 'kelan.office', 'dehong.office']) cookies[u] = await t.login(u);
  c002 = (json(await t.app.inject({ url: '/api/campaigns', headers: as('dalad.office') })).items as any[]).find((c) => c.code === campaign002.key).id;
  // A clerk for the rank rule, and a registered mine for the name match.
  const forestry = (json(await t.app.inject({ url: '/api/org/units?region=150621', headers: as('admin') })) as any[]).find((u) => u.name === '旗林业和草原局').id;
  expect((await t.app.inject({ method: 'POST', url: '/api/org/people', headers: as('dalad.office'), payload: { regionCode: '150621', name: '张科员', position: '科员', rank: 'clerk', unitId: forestry } })).statusCode).toBe(201);
  const site = await registerMine('内蒙古伊泰某煤炭有限责任公司', 'C1500002009061120012345');
  expect(site.statusCode, site.body).toBe(201);
});
afterAll(() => t?.close());

describe('reading 附件1 as officials fill it', () => {
  let p: any;
  beforeAll(async () => {
    const res = await preview('dalad.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    p = json(res);
  });

  it('finds every problem row under merged titles, past blank rows, note rows and an instructions sheet', () => {
    expect(p.errors).toEqual([]);
    expect(p.rowCount).toBe(7);
    expect(p.rows.map((r: any) => [r.sheet, r.row])).toEqual([['露天组', 5], ['露天组', 6], ['露天组', 7], ['露天组', 8], ['露天组', 10], ['露天组', 11], ['排土场组', 4]]);
    expect(p.rows.map((r: any) => r.workGroupKey)).toEqual(['wg_open_pit', 'wg_open_pit', 'wg_open_pit', 'wg_open_pit', 'wg_open_pit', 'wg_open_pit', 'wg_dumps']);
    expect(p.rows.every((r: any) => r.ok)).toBe(true);
  });

  it('reads each way of writing the deadline', () => {
    // 2022/12/31, 2022-11-30, 2022年10月31日, 12月底 (campaign year), serial 44895, a date cell, 2022.6.30
    expect(p.rows.map((r: any) => r.deadline)).toEqual(['2022-12-31', '2022-11-30', '2022-10-31', '2022-12-31', '2022-11-30', '2022-12-20', '2022-06-30']);
  });

  it('normalises 开采方式、矿种, problem types, townships and the person-and-phone cell', () => {
    expect(p.rows.map((r: any) => r.methodMineral)).toEqual(['露天+煤矿', '露天+煤矿', '露天+建筑用砂', '露天+煤矿', '井工+煤矿', '露天+石灰石', '露天+煤矿']);
    expect(p.rows.map((r: any) => r.typeCode)).toEqual(['temp_land_small_big', 'temp_land_small_big', 'not_reclaimed', 'overstep', 'illegal_construction', 'illegal_construction', 'dump_over_limit']);
    expect(p.rows.map((r: any) => r.regionCode)).toEqual(['150621102', '150621100', '150621102', '150621103', '150621104', '150621105', '150621106']);
    expect(p.rows.map((r: any) => r.responsible)).toEqual([
      '王峰 自然资源局副局长 13947700001',
      '苏存旺 自然资源局副局长 13947700002',
      '王峰 副局长 0477-5123456',
      '李小龙 公安局副局长 13947700003',
      '杜培源 林草局副局长 13947700004',
      '朱建刚 能源局副局长 13947700005',
      '高强 农牧局副局长 13947700006',
    ]);
    expect(p.rows.every((r: any) => r.responsiblePersonId)).toBe(true);
    expect(p.rows[2].description).toBe('临时用地到期\n未复垦');
  });

  it('matches enterprises to the registry and lists the others for confirmation', () => {
    expect(p.rows[0]).toMatchObject({ siteMatch: 'matched', siteId: expect.any(String) });
    expect(p.rows.slice(1).every((r: any) => r.siteMatch === 'unmatched' && r.siteId === null)).toBe(true);
    expect(p.unmatchedEnterprises).toEqual(['达拉特旗ＡＢＣ煤炭有限公司', '达拉特旗某砂石料场', '内蒙古某某露天煤矿', '达拉特旗某煤业有限公司', '达拉特旗某石灰石矿', '内蒙古某煤炭公司']);
  });

  it('commits only with the unmatched enterprises confirmed, then all rows at once', async () => {
    const before = await problemCount();
    const partial = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(json(partial).error.details).toEqual([{ path: 'body.confirmEnterprises', message: expect.stringContaining('达拉特旗ＡＢＣ煤炭有限公司') }]);
    expect(await problemCount()).toBe(before);
    expect((await commit('admin', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises })).statusCode).toBe(404); // someone else's preview
    const ok = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok)).toEqual({ importId: p.previewId, created: 7, confirmedEnterprises: 6 });
    expect(await problemCount()).toBe(before + 7);
    expect((await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises })).statusCode).toBe(404); // once only

    const list = json(await t.app.inject({ url: `/api/problems?importId=${p.previewId}&limit=100`, headers: as('dalad.office') }));
    expect(list.total).toBe(7);
    const first = list.items.find((x: any) => x.enterprise === '内蒙古伊泰某煤炭有限责任公司');
    expect(first).toMatchObject({ state: 'found', foundOn: '2022-05-31', siteName: '内蒙古伊泰某煤炭有限责任公司', responsiblePersonName: '王峰', responsibleUnitName: '旗自然资源局', responsibleContact: '13947700001' });
    const one = json(await t.app.inject({ url: `/api/problems/${first.id}`, headers: as('dalad.office') }));
    expect(one.sourceRef).toBe('messy-dalad.xlsx#露天组!5');
    expect(one.history.map((h: any) => h.action)).toEqual(['problem.import', 'problem.import']); // the preview … and the commit
    expect(one.history[1].after).toMatchObject({ step: 'commit', created: 7 });
  });
});

describe('errors per sheet, row and column', () => {
  it('names every broken rule where it is and refuses to commit', async () => {
    const res = await preview('dalad.office', c002, 'errors-dalad.xlsx', await fixture('errors-dalad.xlsx'));
    expect(res.statusCode, res.body).toBe(200);
    const p = json(res);
    expect(p.rowCount).toBe(12);
    const at = p.errors.map((e: any) => [e.sheet, e.row, e.column]);
    expect(at).toEqual([
      ['露天组', 5, '问题类型'],
      ['露天组', 6, '完成整改时限'],
      ['露天组', 7, '整改责任人及联系方式'],
      ['露天组', 8, '开采方式、矿种'],
      ['露天组', 9, '完成整改时限'],
      ['露天组', 10, '整改责任人及联系方式'],
      ['露天组', 11, '整改责任人及联系方式'],
      ['露天组', 12, '行政区域(苏木镇)'],
      ['露天组', 13, '问题类型'],
      ['露天组', 14, '整改责任人及联系方式'],
      ['露天组', 15, '排查发现问题'],
    ]);
    const msg = (row: number) => p.errors.find((e: any) => e.row === row).message;
    expect(msg(5)).toMatch(/“环境问题”不在本行动的问题类型目录中/);
    expect(msg(6)).toMatch(/2023-03-31 晚于 2022-12-31/);
    expect(msg(7)).toMatch(/张科员为科员及以下，低于副科级/);
    expect(msg(8)).toMatch(/缺少开采方式/);
    expect(msg(9)).toMatch(/“下半年”不是具体日期/);
    expect(msg(10)).toMatch(/王峰未留联系电话/);
    expect(msg(11)).toMatch(/人员库中没有整改责任人钱无名/);
    expect(msg(12)).toMatch(/“芒市镇”不是本行动范围内的苏木/);
    expect(msg(13)).toMatch(/属于矿区生态环境及排土排矸场排查整治工作组，与本表排查工作组不符/);
    expect(msg(14)).toMatch(/“1394770”不是有效的电话号码/);
    expect(msg(15)).toMatch(/“排查发现问题”未填写/);
    expect(p.errors.every((e: any) => e.messageEn.length > 0)).toBe(true);
    expect(p.rows.map((r: any) => r.ok)).toEqual([true, false, false, false, false, false, false, false, false, false, false, false]);

    const before = await problemCount();
    const refused = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.message).toMatch(/11 处错误/);
    expect(await problemCount()).toBe(before);
  });

  it('refuses a sheet whose work-group line names no group of the campaign', async () => {
    const p = json(await preview('dalad.office', c002, 'wrong-group-dalad.xlsx', await fixture('wrong-group-dalad.xlsx')));
    expect(p.errors[0]).toMatchObject({ sheet: 'Sheet1', row: null, column: '排查工作组：', message: expect.stringMatching(/“综合执法组”不是本行动的工作组/) });
  });

  it('refuses deadlines before the day the problems were found', async () => {
    const p = json(await preview('dalad.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'), { foundOn: '2022-11-15' }));
    expect(p.errors.map((e: any) => [e.sheet, e.row, e.column])).toEqual([['露天组', 7, '完成整改时限'], ['排土场组', 4, '完成整改时限']]);
    expect(p.errors[0].message).toMatch(/已早于今天（2022-11-15）/);
  });

  it('refuses what is not an .xlsx workbook, no file, bad fields, other regions, read-only users', async () => {
    const notXlsx = await preview('dalad.office', c002, 'ledger.csv', Buffer.from('序号,矿山企业\n1,某矿\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(json(notXlsx).error.details[0]).toMatchObject({ path: 'body.file', message: 'not an .xlsx workbook' });
    const m = multipart({ foundOn: '2022-05-31' });
    const none = await t.app.inject({ method: 'POST', url: `/api/campaigns/${c002}/ledger/import`, headers: { ...as('dalad.office'), ...m.headers }, payload: m.payload });
    expect(json(none).error.details[0].path).toBe('body.file');
    const bad = await preview('dalad.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'), { foundOn: '31/5/2022' });
    expect(json(bad).error.details[0].path).toBe('body.foundOn');
    expect((await preview('kelan.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'))).statusCode).toBe(404);
    expect((await preview('dalad.leader', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'))).statusCode).toBe(403);
    const dehong = (json(await t.app.inject({ url: '/api/campaigns', headers: as('dehong.office') })).items as any[])[0].id;
    const noTemplate = await preview('dehong.office', dehong, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx'));
    expect(noTemplate.statusCode).toBe(409);
    expect(json(noTemplate).error.message).toMatch(/没有台账模板/);
  });

  it('asks for a new preview when the campaign changed after it', async () => {
    const p = json(await preview('dalad.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx')));
    const c = json(await t.app.inject({ url: `/api/campaigns/${c002}`, headers: as('dalad.office') }));
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/campaigns/${c002}`, headers: as('dalad.office'), payload: { version: c.version, data: { en: 'Dalad campaign (renamed)' } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises });
    expect(res.statusCode).toBe(409);
    expect(json(res).error.message).toMatch(/重新上传/);
  });
});

describe('export → import round trip', () => {
  it('reads back every problem of an exported ledger with no error', async () => {
    const res = await t.app.inject({ url: `/api/campaigns/${c002}/ledger.xlsx`, headers: as('dalad.office') });
    expect(res.statusCode).toBe(200);
    const exported = json(await t.app.inject({ url: `/api/problems?campaignId=${c002}&limit=1000`, headers: as('dalad.office') })).items as any[];
    expect(exported.length).toBe(7);
    const back = await preview('dalad.office', c002, '导出台账.xlsx', res.rawPayload);
    expect(back.statusCode, back.body).toBe(200);
    const p = json(back);
    expect(p.errors).toEqual([]);
    expect(p.rowCount).toBe(exported.length);
    const key = (x: { enterprise: string; regionCode: string | null; methodMineral: string; typeCode: string; description: string; measures: string; deadline: string }) =>
      [x.enterprise, x.regionCode, x.methodMineral, x.typeCode, x.description, x.measures, x.deadline].join('|');
    expect(p.rows.map(key).sort()).toEqual(exported.map(key).sort());
    expect(p.rows.map((r: any) => r.responsible).sort()).toEqual(exported.map((x) => x.responsibleText).sort());
    expect(p.rows.map((r: any) => r.responsiblePersonId).sort()).toEqual(exported.map((x) => x.responsiblePersonId).sort());
    // The workbook itself: one sheet per work group of the campaign.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(campaign002.workGroups.map((g) => g.name));
  });
});

describe('ledgers larger than one batch', () => {
  const OPEN_PIT = '露天矿山临时用地及违法违规开采专项工作组';
  async function workbook(rows: (i: number) => LedgerRow, n: number): Promise<Buffer> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((r) => out.on('end', r));
    await writeLedgerWorkbook(out, { title: campaign002.name, notes: [], sheets: [{ workGroup: OPEN_PIT, rows: Array.from({ length: n }, (_, i) => rows(i)) }] });
    await done;
    return Buffer.concat(chunks);
  }
  const kept = async (previewId: string) =>
    (await sql<{ rows: number; sites: number }>`select (select count(*)::int from ledger_import_row where preview_id = ${previewId}::uuid) as rows,
      (select count(*)::int from ledger_import_site where preview_id = ${previewId}::uuid) as sites`.execute(t.db)).rows[0]!;

  it('keeps every row for the commit and matches an enterprise with names from anywhere in the file', async () => {
    const site = await registerMine('达拉特旗XYZ矿业有限公司', 'C1500002009061120099999');
    expect(site.statusCode, site.body).toBe(201);
    const siteId = json(site).id as string;
    // Full-width letters in the first rows; the registry's exact spelling only in the last ten, two batches later.
    const n = 4500;
    const bytes = await workbook((i) => ({
      enterprise: i >= n - 10 ? '达拉特旗XYZ矿业有限公司' : i % 2 ? '达拉特旗ＸＹＺ矿业有限公司' : `达拉特旗某矿${i % 7}`,
      township: '白泥井镇',
      methodMineral: '露天+煤矿',
      problemType: '临时用地批小占大',
      found: `临时用地超出批准范围，第 ${i + 1} 处`,
      measures: '退还超占土地并复垦',
      deadline: '2022-12-31',
      responsible: '王峰 自然资源局副局长 13947700001',
    }), n);
    const res = await preview('dalad.office', c002, 'large.xlsx', bytes);
    expect(res.statusCode, res.body).toBe(200);
    const p = json(res);
    expect(p.errors).toEqual([]);
    expect([p.rowCount, p.errorCount, p.rows.length]).toEqual([n, 0, 1000]);
    expect(p.rows[1]).toMatchObject({ enterprise: '达拉特旗ＸＹＺ矿业有限公司', siteMatch: 'matched', siteId });
    expect(p.rows[0]).toMatchObject({ siteMatch: 'unmatched', siteId: null });
    expect(p.unmatchedEnterprises).toEqual([0, 2, 4, 6, 1, 3, 5].map((k) => `达拉特旗某矿${k}`));
    expect(await kept(p.previewId)).toEqual({ rows: n, sites: 2 });

    const ok = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json(ok)).toEqual({ importId: p.previewId, created: n, confirmedEnterprises: 7 });
    expect(json(await t.app.inject({ url: `/api/problems?importId=${p.previewId}&limit=1`, headers: as('dalad.office') })).total).toBe(n);
    expect(json(await t.app.inject({ url: `/api/problems?importId=${p.previewId}&siteId=${siteId}&limit=1`, headers: as('dalad.office') })).total).toBe((n - 10) / 2 + 10);
    const last = (await sql<{ source_ref: string; description: string }>`select source_ref, description from problem where import_id = ${p.previewId}::uuid and source_ref like ${'%!' + (n + 3)}`.execute(t.db)).rows;
    expect(last).toEqual([{ source_ref: `large.xlsx#${OPEN_PIT}!${n + 3}`, description: `临时用地超出批准范围，第 ${n} 处` }]);
    expect(await kept(p.previewId)).toEqual({ rows: 0, sites: 0 }); // gone with the preview
  });

  it('counts every error while listing the first 5,000, and keeps no rows of a preview that cannot be committed', async () => {
    const n = 2600;
    const bytes = await workbook((i) => ({
      enterprise: `达拉特旗某矿${i}`,
      township: '芒市镇', // not in the campaign
      methodMineral: '露天+煤矿',
      problemType: '环境问题', // not a type of the campaign
      found: '扬尘',
      measures: '洒水',
      deadline: '2022-12-31',
      responsible: '王峰 自然资源局副局长 13947700001',
    }), n);
    const p = json(await preview('dalad.office', c002, 'broken.xlsx', bytes));
    expect([p.rowCount, p.errorCount, p.errors.length, p.rows.length]).toEqual([n, 2 * n, 5000, 1000]);
    expect(p.errors.slice(0, 2).map((e: any) => [e.row, e.column])).toEqual([[4, '行政区域(苏木镇)'], [4, '问题类型']]);
    expect(p.errors[4999].row).toBe(4 + 2499);
    expect(await kept(p.previewId)).toEqual({ rows: 0, sites: 0 });
    const refused = await commit('dalad.office', c002, p.previewId, { confirmEnterprises: p.unmatchedEnterprises });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.message).toMatch(new RegExp(`${2 * n} 处错误`));
  });
});

describe('workbooks that are broken or too large to read', () => {
  // A 附件1 workbook written by hand, part by part (fflate), so that each part can be broken on purpose.
  const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const HEADER = ['序号', '矿山企业', '行政区域(苏木镇)', '开采方式、矿种', '问题类型', '排查发现问题', '整改措施', '完成整改时限', '整改责任人及联系方式'];
  const ROW = ['达拉特旗某煤矿', '白泥井镇', '露天+煤矿', '临时用地批小占大', '临时用地超出批准范围', '退还超占土地并复垦', '2022-12-31', '王峰 自然资源局副局长 13947700001'];
  const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  function handMade(o: { found?: string; inlineFound?: string } = {}): Record<string, Uint8Array> {
    const strings = ['排查工作组：露天矿山临时用地及违法违规开采专项工作组', ...HEADER, ...ROW.map((x, k) => (k === 4 && o.found !== undefined ? o.found : x))];
    const ref = (k: number, row: number) => `${'ABCDEFGHI'[k]}${row}`;
    const shared = (r: string, i: number) => `<c r="${r}" t="s"><v>${i}</v></c>`;
    const data = ROW.map((_, k) => (k === 4 && o.inlineFound !== undefined ? `<c r="F3" t="inlineStr"><is><t>${esc(o.inlineFound)}</t></is></c>` : shared(ref(k + 1, 3), 1 + HEADER.length + k)));
    return {
      '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
      'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="露天组" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\n<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((x) => `<si><t xml:space="preserve">${esc(x)}</t></si>`).join('')}</sst>`),
      'xl/worksheets/sheet1.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${NS}><sheetData><row r="1">${shared('A1', 0)}</row><row r="2">${HEADER.map((_, k) => shared(ref(k, 2), 1 + k)).join('')}</row>` +
          `<row r="3"><c r="A3"><v>1</v></c>${data.join('')}</row></sheetData></worksheet>`,
      ),
    };
  }
  const zip = (parts: Record<string, Uint8Array>) => Buffer.from(zipSync(parts));
  const refused = async (name: string, bytes: Buffer) => {
    const res = await preview('dalad.office', c002, name, bytes);
    expect(res.statusCode, res.body).toBe(400);
    const { error } = json(res);
    expect(error.code).toBe('VALIDATION');
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.details).toEqual([{ path: 'body.file', message: error.message.slice(name.length + 2) }]);
    return error.message as string;
  };

  it('reads the hand-made workbook (the parts below are broken one at a time)', async () => {
    const res = await preview('dalad.office', c002, 'hand-made.xlsx', zip(handMade()));
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ rowCount: 1, errorCount: 0, rows: [{ sheet: '露天组', row: 3, enterprise: '达拉特旗某煤矿', description: '临时用地超出批准范围' }] });
    // Excel's own limit for a cell is still read.
    const longest = await preview('dalad.office', c002, 'longest.xlsx', zip(handMade({ found: '超'.repeat(32_767) })));
    expect(longest.statusCode, longest.body).toBe(200);
  });

  it('refuses a cell longer than Excel allows, shared or inline, naming the part or the sheet and cell', async () => {
    expect(await refused('long-shared.xlsx', zip(handMade({ found: '超'.repeat(40_000) })))).toBe(
      'long-shared.xlsx: xl/sharedStrings.xml: 第 15 个共享字符串超过 32,767 个字符（Excel 单元格的上限） / shared string 15 has more than 32,767 characters (Excel\'s limit for a cell)',
    );
    expect(await refused('long-inline.xlsx', zip(handMade({ inlineFound: '超'.repeat(40_000) })))).toBe(
      'long-inline.xlsx: 露天组: 单元格 F3 超过 32,767 个字符（Excel 单元格的上限） / cell F3 has more than 32,767 characters (Excel\'s limit for a cell)',
    );
    // One text node of 2 Mi characters is refused before the XML parser holds it whole.
    expect(await refused('run.xlsx', zip(handMade({ found: 'x'.repeat(2 * 1024 * 1024) })))).toMatch(/^run\.xlsx: xl\/sharedStrings\.xml: 有一段超过 1,048,576 个字符的文字 \/ more than 1,048,576 characters without markup$/);
  });

  it('refuses a workbook that declares it unpacks to more than 256 MiB', async () => {
    const bytes = zip(handMade());
    // The central directory's uncompressed size of xl/sharedStrings.xml, set to 300 MiB (below the old 1 GiB limit).
    let cd = bytes.length - 22;
    while (bytes.readUInt32LE(cd) !== 0x06054b50) cd--;
    cd = bytes.readUInt32LE(cd + 16);
    const nameAt = (at: number) => bytes.subarray(at + 46, at + 46 + bytes.readUInt16LE(at + 28)).toString();
    while (nameAt(cd) !== 'xl/sharedStrings.xml') cd += 46 + bytes.readUInt16LE(cd + 28) + bytes.readUInt16LE(cd + 30) + bytes.readUInt16LE(cd + 32);
    bytes.writeUInt32LE(300 * 1024 * 1024, cd + 24);
    expect(await refused('declared.xlsx', bytes)).toBe('declared.xlsx: 工作簿解压后超过 256 MiB / the workbook unpacks to more than 256 MiB');
  });

  it('refuses broken XML inside a good zip with 400, naming the file and the sheet or part', async () => {
    const parts = handMade();
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    // Cut off mid-tag: the parser alone would read rows 1–2 and stop, silently.
    const cut = sheet.slice(0, sheet.indexOf('<c r="C3"') + 6);
    expect(await refused('cut.xlsx', zip({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(cut) }))).toBe(
      'cut.xlsx: 露天组: xl/worksheets/sheet1.xml: XML 不完整，文件可能被截断 / the XML ends before its root element <worksheet> is closed (the part is cut off)',
    );
    // Cut off between two rows: every row is whole, the sheet is not.
    const between = sheet.slice(0, sheet.indexOf('<row r="3"'));
    expect(await refused('between.xlsx', zip({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(between) }))).toMatch(/^between\.xlsx: 露天组: xl\/worksheets\/sheet1\.xml: XML 不完整/);
    // Tags that do not match (the parser throws its own error).
    const mismatched = sheet.replace('</row><row r="3">', '</rox><row r="3">');
    expect(await refused('mismatched.xlsx', zip({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(mismatched) }))).toMatch(/^mismatched\.xlsx: 露天组: 工作表内容损坏，无法读取 \/ the sheet cannot be read: \d+:\d+: /);
    const strings = new TextDecoder().decode(parts['xl/sharedStrings.xml']).replace('</t></si>', '</t></sx>');
    expect(await refused('strings.xlsx', zip({ ...parts, 'xl/sharedStrings.xml': strToU8(strings) }))).toMatch(/^strings\.xlsx: xl\/sharedStrings\.xml: 内容损坏，无法读取 \/ cannot be read: \d+:\d+: /);
    const workbook = new TextDecoder().decode(parts['xl/workbook.xml']).replace('</sheets>', '');
    expect(await refused('workbook.xlsx', zip({ ...parts, 'xl/workbook.xml': strToU8(workbook) }))).toMatch(/^workbook\.xlsx: xl\/workbook\.xml: 内容损坏，无法读取 \/ cannot be read: /);
  });
});

describe('a row batch PostgreSQL refuses', () => {
  it('fails the preview with its own error, not "current transaction is aborted" from the next query', async () => {
    // A real refusal from the database: a constraint only this test adds. The first batch (2,000 rows)
    // is written in the background while the next is read; that one names another person, whose
    // look-up is the next statement on the transaction.
    await sql`alter table ledger_import_row add constraint test_refused_row check (description not like '%REFUSED%') not valid`.execute(t.db);
    try {
      const rows = Array.from({ length: 2001 }, (_, i): LedgerRow => ({
        enterprise: `达拉特旗某矿${i}`,
        township: '白泥井镇',
        methodMineral: '露天+煤矿',
        problemType: '临时用地批小占大',
        found: i === 0 ? 'REFUSED 临时用地超出批准范围' : '临时用地超出批准范围',
        measures: '退还超占土地并复垦',
        deadline: '2022-12-31',
        responsible: i < 2000 ? '王峰 自然资源局副局长 13947700001' : '苏存旺 自然资源局副局长 13947700002',
      }));
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => out.on('end', r));
      await writeLedgerWorkbook(out, { title: campaign002.name, notes: [], sheets: [{ workGroup: '露天矿山临时用地及违法违规开采专项工作组', rows }] });
      await done;
      const before = (await sql<{ n: number }>`select count(*)::int as n from ledger_import_preview`.execute(t.db)).rows[0]!.n;
      const res = await preview('dalad.office', c002, 'refused.xlsx', Buffer.concat(chunks));
      // The check violation (23514) is what the error handler reports, by the constraint's name.
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error).toMatchObject({ code: 'VALIDATION', message: 'Invalid value (test_refused_row)' });
      expect((await sql<{ n: number }>`select count(*)::int as n from ledger_import_preview`.execute(t.db)).rows[0]!.n).toBe(before); // rolled back
    } finally {
      await sql`alter table ledger_import_row drop constraint test_refused_row`.execute(t.db);
    }
  });
});

describe('previews at once', () => {
  it(`runs at most ${MAX_PREVIEWS} at a time: a third gets 429 with Retry-After, and every preview gives its place back`, async () => {
    expect(MAX_PREVIEWS).toBe(2);
    const bytes = await fixture('messy-dalad.xlsx');
    const waiting = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'ledger_import_preview' and not l.granted`.execute(t.db)).rows[0]!.n;
    const requests: { all?: Promise<Awaited<ReturnType<typeof preview>>[]> } = {};
    // While this transaction locks the previews' table, a preview that has its place cannot finish: it
    // waits in PostgreSQL, holding the place. So exactly one of three gets 429, whichever comes last.
    await t.db.transaction().execute(async (trx) => {
      await sql`lock table ledger_import_preview in exclusive mode`.execute(trx);
      const done: (Awaited<ReturnType<typeof preview>> | null)[] = [null, null, null];
      requests.all = Promise.all([0, 1, 2].map((i) => preview('dalad.office', c002, `at-once-${i}.xlsx`, bytes).then((r) => (done[i] = r))));
      // Each request either answered or waits for the lock (without the limit all three would wait).
      for (const until = Date.now() + 20_000; done.filter(Boolean).length + (await waiting()) < 3 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(2);
      const answered = done.filter((r) => r !== null);
      expect(answered.map((r) => r.statusCode)).toEqual([429]);
      expect(answered[0]!.headers['retry-after']).toBe('15');
      expect(json(answered[0]!).error).toMatchObject({ code: 'THROTTLED', message: expect.stringMatching(/^已有 2 个台账导入预览正在进行，请 15 秒后重试 \(2 ledger import previews are already running; try again in 15 seconds\)$/) });
    });
    // The lock is gone: the two finish.
    const results = await requests.all!;
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 429]);
    // Places are given back, after failures too: three broken uploads in turn, then a good one.
    for (let i = 0; i < 3; i++) expect((await preview('dalad.office', c002, 'broken.xlsx', Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData>') })))).statusCode).toBe(400);
    expect((await preview('dalad.office', c002, 'messy-dalad.xlsx', bytes)).statusCode).toBe(200);
  });
});

describe('expired previews', () => {
  it('are removed with their rows when the same user uploads again', async () => {
    // The exported ledger reads back without errors, so its preview keeps its rows for the commit.
    const exported = (await t.app.inject({ url: `/api/campaigns/${c002}/ledger.xlsx`, headers: as('dalad.office') })).rawPayload;
    const rowsOf = async (id: string) => (await sql<{ n: number }>`select count(*)::int as n from ledger_import_row where preview_id = ${id}::uuid`.execute(t.db)).rows[0]!.n;
    const old = json(await preview('dalad.office', c002, '导出台账.xlsx', exported));
    const other = json(await preview('admin', c002, '导出台账.xlsx', exported));
    expect(old.errorCount).toBe(0);
    expect(await rowsOf(old.previewId)).toBe(old.rowCount);
    await sql`update ledger_import_preview set expires_at = now() - interval '1 minute' where id in (${old.previewId}::uuid, ${other.previewId}::uuid)`.execute(t.db);
    const fresh = json(await preview('dalad.office', c002, 'messy-dalad.xlsx', await fixture('messy-dalad.xlsx')));
    const left = (await sql<{ id: string }>`select id from ledger_import_preview where id in (${old.previewId}::uuid, ${other.previewId}::uuid, ${fresh.previewId}::uuid)`.execute(t.db)).rows.map((r) => r.id);
    // The uploader's expired preview is gone with its rows; another user's waits for that user's next upload.
    expect(left.sort()).toEqual([other.previewId, fresh.previewId].sort());
    expect(await rowsOf(old.previewId)).toBe(0);
    expect(await rowsOf(other.previewId)).toBe(other.rowCount);
    expect((await commit('dalad.office', c002, old.previewId, { confirmEnterprises: old.unmatchedEnterprises })).statusCode).toBe(404);
  });
});
