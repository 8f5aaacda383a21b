import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PatchDetail, PatchSummary, SiteDetail } from '@minewatch/core';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

/**
 * 变化图斑 (change patches) in Chromium, as 中卫市's office (so the 岢岚/达拉特旗 maps of the other
 * browser tests stay as they expect): a licence is seeded through the API, a GeoJSON of two patches
 * (one inside the licence, one crossing its boundary) is imported through the page — first refused
 * with a per-feature error, then previewed and committed — the overlay is run with the button, and
 * the list, the run result and the patch page show 证内 and 越界 with areas in 亩.
 */

const MINE = '中卫市E2E图斑核查煤矿';
const HOLDER = '中卫市E2E矿业有限公司';
const IN = 'E2E-TB-IN';
const CROSS = 'E2E-TB-CROSS';
const box = (lon: number, lat: number, dLon: number, dLat: number) => [[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat], [lon, lat]];
/** The licence: 0.01° × 0.01° near 105.10°E 37.40°N (沙坡头区). */
const LICENCE = { type: 'Polygon', coordinates: [box(105.1, 37.4, 0.01, 0.01)] };
/** Wholly inside the licence. */
const IN_RING = box(105.102, 37.402, 0.003, 0.003);
/** 105.108–105.112: half inside, half beyond the licence's east edge at 105.11. */
const CROSS_RING = box(105.108, 37.403, 0.004, 0.003);
const OUTSIDE_RING = box(105.11, 37.403, 0.002, 0.003);

/**
 * Area of a lon/lat box on the sphere of the same surface as GRS 80 (R = 6,371,007.2 m), m²; the
 * server's ellipsoidal areas agree to a few tenths of a per cent at this size, an independent check.
 */
function sphereArea(ring: number[][]): number {
  const R = 6_371_007.2;
  const rad = Math.PI / 180;
  const [w, s] = ring[0]!;
  const [e, n] = ring[2]!;
  return R * R * (e! - w!) * rad * Math.abs(Math.sin(n! * rad) - Math.sin(s! * rad));
}
const MU = 10000 / 15;

function feature(code: string, ring: number[][], after: string, declaredMu: number) {
  return {
    type: 'Feature',
    properties: { 图斑编号: code, 行政区代码: '640502', 前时相: '2023-06-01', 后时相: after, '面积(亩)': declaredMu, 变化类型: '疑似采矿' },
    geometry: { type: 'Polygon', coordinates: [ring] },
  };
}
const round2 = (v: number) => Math.round(v * 100) / 100;
const geojson = (features: unknown[]) => ({ name: 'e2e-patches.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) });
const GOOD = geojson([feature(IN, IN_RING, '2024-06-01', round2(sphereArea(IN_RING) / MU)), feature(CROSS, CROSS_RING, '2024-06-01', round2(sphereArea(CROSS_RING) / MU))]);
/** The second patch's 后时相 is before its 前时相. */
const BAD = geojson([feature(IN, IN_RING, '2024-06-01', 1), feature(CROSS, CROSS_RING, '2022-01-01', 1)]);

/** "1,234.56" as the pages print 亩 (zh-CN, two decimals). */
const mu = (v: number) => new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);

let browser: Browser;
let mine: SiteDetail;
beforeAll(async () => {
  browser = await launch();
  mine = await api<SiteDetail>('zhongwei.office', '/api/sites', {
    method: 'POST',
    body: {
      regionCode: '640502',
      name: MINE,
      attributes: { kind: 'licensed_mine', licenceNo: 'C6405002015011120099999', holder: HOLDER, mineral: '煤', method: 'open_pit', status: 'producing', validFrom: '2020-01-01', validTo: '2030-12-31' },
      geometry: LICENCE,
    },
  });
});
afterAll(async () => {
  await browser?.close();
});

/** The value of an InfoList row (<dt>label</dt><dd>value</dd>). */
const infoValue = (page: Page, scope: Locator, label: string) => scope.locator('.info-list-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/** The patch list (the run result above it is a table too). */
const listTable = (page: Page) => page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '叠加分类' }) });

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width + 1);
}

async function patchByCode(code: string): Promise<PatchDetail> {
  const list = await api<{ items: PatchSummary[] }>('zhongwei.office', `/api/patches?q=${code}`);
  const id = list.items.find((p) => p.code === code)!.id;
  return api<PatchDetail>('zhongwei.office', `/api/patches/${id}`);
}

describe('变化图斑: import, overlay, 证内 and 越界 in 亩 (Chromium)', () => {
  it('zhongwei.office imports two patches (a refusal first, per feature), runs the overlay and sees 证内 and 越界 with areas in 亩', async () => {
    expect(mine.areaMu).toBeGreaterThan(1000);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zhongwei.office');
    await page.getByRole('navigation').getByRole('link', { name: '变化图斑' }).click();
    await page.waitForURL(/\/patches(\?|$)/);
    await page.getByRole('heading', { level: 1, name: /变化图斑/ }).waitFor();
    await page.getByRole('button', { name: '导入图斑' }).click();
    await page.waitForURL(/\/patches\/import/);
    await page.getByRole('heading', { level: 1, name: /导入图斑/ }).waitFor();

    // refused: the second feature's 后时相 is before its 前时相; nothing stored
    const fileInput = page.locator('.ant-upload input[type=file]');
    await fileInput.setInputFiles(BAD);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByRole('alert').getByText('文件未通过检查，未导入任何图斑').waitFor();
    const problems = page.getByRole('table').filter({ hasText: '问题' });
    const problemRow = problems.getByRole('row').filter({ hasText: '第 2 个要素' });
    await problemRow.waitFor();
    await expect.poll(() => problemRow.textContent()).toMatch(/后时相.*2022-01-01 is before 前时相 2023-06-01/);
    await page.screenshot({ path: `${SHOTS}/patches-import-refused.png`, fullPage: true });
    expect((await api<{ total: number }>('zhongwei.office', '/api/patches?region=640500')).total).toBe(0);

    // the good file: preview with both patches in 亩, then commit
    await fileInput.setInputFiles(GOOD);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('预览：e2e-patches.geojson').waitFor();
    const preview = page.locator('.ant-card').filter({ hasText: '预览：' });
    const totalMu = (sphereArea(IN_RING) + sphereArea(CROSS_RING)) / MU;
    const countLine = await preview.getByText(/^2 个图斑，图斑面积合计 [\d,.]+ 亩$/).textContent();
    expect(Number(/合计 ([\d,.]+) 亩/.exec(countLine!)![1]!.replace(/,/g, '')) / totalMu).toBeCloseTo(1, 2);
    await preview.getByText('图斑编号 ← 图斑编号').waitFor();
    await preview.getByText(/保留为属性的列：变化类型/).waitFor();
    const previewTable = preview.getByRole('table');
    for (const code of [IN, CROSS]) await previewTable.getByRole('cell', { name: code, exact: true }).waitFor();
    await previewTable.getByRole('row').filter({ hasText: CROSS }).getByRole('cell', { name: '第 2 个要素' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/patches-import-preview.png`, fullPage: true });
    await page.getByRole('button', { name: '确认导入 2 个图斑' }).click();
    await page.getByText('已导入 2 个图斑').waitFor();
    await page.getByRole('button', { name: '查看图斑' }).click();
    await page.waitForURL(/\/patches\?.*class=unclassified/);
    const table = listTable(page);
    for (const code of [IN, CROSS]) {
      const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: code, exact: true }) });
      await row.getByText('未分析').waitFor();
    }

    // 开展叠加分析: the run result lists 证内 and 越界 with the server's areas
    await page.getByRole('button', { name: '开展叠加分析' }).click();
    const run = page.locator('.patch-run');
    await run.getByRole('heading', { name: '叠加分析结果' }).waitFor();
    await run.getByText(/已分析 2 个图斑：对比有证矿山 1 个/).waitFor();
    const runTable = run.getByRole('table');
    const outsideMu = sphereArea(OUTSIDE_RING) / MU;
    const insideMu = sphereArea(IN_RING) / MU;
    const runRow = (cls: string) => runTable.getByRole('row').filter({ has: page.getByText(cls, { exact: true }) });
    const runMu = async (cls: string) => Number((await runRow(cls).getByRole('cell').nth(2).textContent())!.replace(/,/g, ''));
    await runRow('越界').waitFor();
    expect(await runRow('证内').getByRole('cell').nth(1).textContent()).toBe('1');
    expect(await runRow('越界').getByRole('cell').nth(1).textContent()).toBe('1');
    // each class sums the extent it measures over its patches: 证内 the inside patch, 越界 the crossing patch's part beyond the licence
    expect((await runMu('证内')) / insideMu).toBeCloseTo(1, 2);
    expect((await runMu('越界')) / outsideMu).toBeCloseTo(1, 2);
    await page.screenshot({ path: `${SHOTS}/patches-run.png`, fullPage: true });

    // the 未分析 filter is dropped after the run: both patches with their class tags
    await page.waitForURL((u) => !u.search.includes('class='));
    await table.getByRole('row').filter({ has: page.getByRole('link', { name: IN, exact: true }) }).getByText('证内', { exact: true }).waitFor();
    // filter by class: only the crossing patch is 越界
    await page.getByLabel('按类别筛选').click();
    await page.getByTitle('越界', { exact: true }).click();
    await page.waitForURL(/class=over_boundary/);
    const crossRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: CROSS, exact: true }) });
    await crossRow.getByText('越界', { exact: true }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: IN, exact: true }).count()).toBe(0);
    await page.goto('/patches');
    const inRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: IN, exact: true }) });
    await inRow.getByText('证内', { exact: true }).waitFor();
    const totals = page.locator('.patch-totals');
    await totals.getByRole('heading', { name: '本页分类合计' }).waitFor();
    // page totals: the 越界 row sums the area of the patches carrying 越界 (here the crossing one)
    const crossSummary = (await api<{ items: PatchSummary[] }>('zhongwei.office', `/api/patches?q=${CROSS}`)).items[0]!;
    const totalsRow = totals.getByRole('row').filter({ has: page.getByText('越界', { exact: true }) });
    await totalsRow.getByRole('cell', { name: mu(crossSummary.areaMu!), exact: true }).waitFor();
    expect(await totalsRow.getByRole('cell').nth(1).textContent()).toBe('1');
    await page.screenshot({ path: `${SHOTS}/patches-list.png`, fullPage: true });

    // the crossing patch: 证内/证外 figures in 亩 as stored, the licence, the map
    await crossRow.getByRole('link', { name: CROSS }).click();
    await page.getByRole('heading', { level: 1, name: `图斑 ${CROSS}` }).waitFor();
    const stored = await patchByCode(CROSS);
    expect(stored.classes).toEqual(['over_boundary']);
    const o = stored.overlay!;
    expect(o.outside.mu / outsideMu).toBeCloseTo(1, 2);
    expect(o.inside.licences).toEqual([expect.objectContaining({ siteId: mine.id, name: MINE, holder: HOLDER })]);
    const overlay = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '叠加分析' }) });
    await expect.poll(() => infoValue(page, overlay, '证内面积').textContent()).toMatch(new RegExp(`^${mu(o.inside.mu)} 亩（[\\d,]+ m²）$`));
    await expect.poll(() => infoValue(page, overlay, '证外面积').textContent()).toMatch(new RegExp(`^${mu(o.outside.mu)} 亩（[\\d,]+ m²）$`));
    await infoValue(page, overlay, '类别').getByText('越界', { exact: true }).waitFor();
    await infoValue(page, overlay, '涉及矿权人').getByText(HOLDER).waitFor();
    const licences = overlay.getByRole('table').first();
    await licences.getByRole('link', { name: MINE }).waitFor();
    await licences.getByRole('cell', { name: mu(o.inside.licences[0]!.mu), exact: true }).waitFor();
    await page.locator('.patch-mini-map[data-ready]').or(page.getByText('地图需要WebGL')).first().waitFor();
    await page.locator('.patch-legend').getByText('证外部分（越界/无证）').waitFor();
    await page.screenshot({ path: `${SHOTS}/patch-cross.png`, fullPage: true });
    await licences.getByRole('link', { name: MINE }).click();
    await page.getByRole('heading', { level: 1, name: MINE }).waitFor();
    await context.close();
  });

  it('the inside patch reads 证内 with no part outside; a leader sees it but has no 导入 or 叠加分析 button; English works', async () => {
    const inside = await patchByCode(IN);
    expect(inside.classes).toEqual(['inside_licence']);
    expect(inside.overlay!.outside.m2).toBeLessThan(1);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zhongwei.leader');
    await page.goto(`/patches/${inside.id}`);
    await page.getByRole('heading', { level: 1, name: `图斑 ${IN}` }).waitFor();
    const overlay = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '叠加分析' }) });
    await infoValue(page, overlay, '类别').getByText('证内', { exact: true }).waitFor();
    await expect.poll(() => infoValue(page, overlay, '证内面积').textContent()).toMatch(new RegExp(`^${mu(inside.overlay!.inside.mu)} 亩`));
    await expect.poll(() => infoValue(page, overlay, '证外面积').textContent()).toMatch(/^0\.00 亩（0 m²）$/);
    await page.goto('/patches');
    await listTable(page).getByRole('link', { name: IN, exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '开展叠加分析' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '导入图斑' }).count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: /Change patches/ }).waitFor();
    await page.getByRole('columnheader', { name: 'Overlay classes' }).waitFor();
    await page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Overlay classes' }) }).getByText('Inside the licence boundary').waitFor();
    await context.close();
  });

  it('works at phone width: list and patch page without horizontal scrolling', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await loginAs(page, 'zhongwei.office');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '变化图斑' }).click();
    await page.waitForURL(/\/patches/);
    await listTable(page).getByRole('link', { name: CROSS, exact: true }).waitFor();
    await page.getByRole('button', { name: '开展叠加分析' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-patches.png`, fullPage: true });
    await noHorizontalScroll(page, 375);
    await listTable(page).getByRole('link', { name: CROSS, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `图斑 ${CROSS}` }).waitFor();
    await page.locator('.patch-mini-map[data-ready]').or(page.getByText('地图需要WebGL')).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-patch.png`, fullPage: true });
    await noHorizontalScroll(page, 375);
    await page.goto('/patches/import');
    await page.getByRole('button', { name: '上传并预览' }).waitFor();
    await noHorizontalScroll(page, 375);
    await context.close();
  });
});
