import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { SiteDetail } from '@minewatch/core';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

/**
 * Geometry import with per-site attributes (fieldMap) through the page: the browser reads the
 * Shapefile's columns as soon as it is chosen, licence number, holder and validity are mapped to
 * them, and each registered licensed mine carries its own row's values. The fixture was written by
 * @minewatch/geo's Shapefile writer (CGCS2000 lon/lat, UTF-8 .cpg); see /work/notes/import-mapping-notes.md.
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/dalad-licences-4490.zip', import.meta.url));
const ROWS = [
  { name: '达拉特旗映射导入煤矿一号', licenceNo: 'C1506212010011120101', holder: '达拉特旗甲煤业有限公司', validFrom: '2021-03-01' },
  { name: '达拉特旗映射导入煤矿二号', licenceNo: 'C1506212012061120102', holder: '达拉特旗乙能源有限公司', validFrom: '2018-06-30' },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('geometry import: attributes per site from the file’s columns (Chromium)', () => {
  it('dalad.office maps 证号/矿权人/矿种/起始日 to the licence attributes; each mine gets its own; the datum inputs are sent', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.goto('/sites/import');
    await page.getByRole('heading', { level: 1, name: /导入监管对象/ }).waitFor();
    await page.locator('.ant-upload input[type=file]').setInputFiles(FIXTURE);
    await page.getByLabel('对象类型').click();
    await page.getByTitle('有证矿山', { exact: true }).click();
    await page.getByLabel('开采方式').click();
    await page.getByTitle('井工(地下)', { exact: true }).click();
    await page.getByLabel('名称字段（可选）').fill('名称');

    await page.getByRole('switch', { name: '按字段读取每个对象的属性' }).click();
    const map = page.getByTestId('import-field-map');
    // the columns were read in the browser, each with a value from the first rows
    for (const [key, column] of [['licenceNo', '证号'], ['holder', '矿权人'], ['mineral', '矿种'], ['validFrom', '起始日']] as const) {
      await map.getByLabel(`来源字段 ${key}`).click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(new RegExp(`^${column}（`)).last().click(); // the last dropdown opened
    }
    await expect.poll(() => page.getByText('取自字段“证号”').count()).toBe(1);

    // a 7-parameter transformation is sent as the datum field: a CGCS2000 .prj refuses it
    await page.getByLabel(/^原坐标系（/).click();
    await page.getByTitle('七参数（布尔莎，空间直角坐标）', { exact: true }).click();
    const datum = page.getByTestId('import-datum');
    await datum.getByLabel('原坐标系', { exact: true }).click();
    await page.getByTitle('1980西安坐标系', { exact: true }).click();
    await datum.getByLabel('旋转约定').click();
    await page.getByTitle(/^位置矢量/).click();
    for (const [label, value] of [['ΔX (m)', '24'], ['ΔY (m)', '-123'], ['ΔZ (m)', '-94'], ['旋转 εX (″)', '0.02'], ['旋转 εY (″)', '-0.25'], ['旋转 εZ (″)', '-0.13'], ['尺度 m (ppm)', '1.1']] as const) {
      await datum.getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByRole('alert').filter({ hasText: '文件未通过检查，没有登记任何对象' }).waitFor();
    const refusal = (await page.getByRole('alert').filter({ hasText: '文件未通过检查' }).textContent()) ?? '';
    expect(refusal).toMatch(/but a transformation from Xi'an 1980 was supplied: remove it/);
    await page.getByLabel(/^原坐标系（/).click();
    await page.getByTitle('CGCS2000 / WGS84（不转换）', { exact: true }).click();

    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('预览：dalad-licences-4490.zip').waitFor();
    const preview = page.locator('.ant-card').filter({ hasText: '预览：' }).getByRole('table');
    for (const r of ROWS) {
      const row = preview.getByRole('row').filter({ hasText: r.name });
      await row.getByText(new RegExp(`许可证号：${r.licenceNo}.*采矿权人：${r.holder}`)).waitFor();
    }
    await page.getByText(/文件中的字段：名称、证号、矿权人、矿种、起始日/).waitFor();
    await page.screenshot({ path: `${SHOTS}/import-field-map.png`, fullPage: true });
    await page.getByRole('button', { name: '确认登记 2 个对象' }).click();
    await page.getByText('已登记 2 个对象').waitFor();

    const list = await api<{ items: SiteDetail[] }>('dalad.office', `/api/sites?q=${encodeURIComponent('达拉特旗映射导入煤矿')}&limit=10`);
    expect(list.items).toHaveLength(2);
    for (const r of ROWS) {
      const s = list.items.find((x) => x.name === r.name)!;
      const d = await api<SiteDetail>('dalad.office', `/api/sites/${s.id}`);
      expect(d.attributes).toMatchObject({ kind: 'licensed_mine', licenceNo: r.licenceNo, holder: r.holder, mineral: '煤', method: 'underground', validFrom: r.validFrom });
    }
    await context.close();
  });
});
