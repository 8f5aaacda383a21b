import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { SiteDetail } from '@minewatch/core';
import { fileURLToPath } from 'node:url';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

const PHOTO = fileURLToPath(new URL('../../server/test/fixtures/site-photo-gps.jpg', import.meta.url));

let browser: Browser;
let mine: SiteDetail;
let shaft: SiteDetail;

const MINE = '岢岚县E2E铁矿';
const SHAFT = '岢岚县E2E废弃矿井';
const POND = '岢岚县E2E尾矿库';

/** A closed ring of about 1 km × 1 km near 111.14°E 38.69°N. */
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [111.14, 38.69],
      [111.1515, 38.69],
      [111.1515, 38.699],
      [111.14, 38.699],
      [111.14, 38.69],
    ],
  ],
};
/** East of the square, level with its middle, so it lands mid-right on the map. */
const SHAFT_POINT = [111.165, 38.6945] as const;

beforeAll(async () => {
  browser = await launch();
  mine = await api<SiteDetail>('kelan.office', '/api/sites', {
    method: 'POST',
    body: {
      regionCode: '140929',
      name: MINE,
      attributes: { kind: 'licensed_mine', licenceNo: 'C1409002010011120099999', holder: '岢岚县E2E矿业有限公司', mineral: '铁矿', method: 'open_pit', status: 'producing' },
      geometry: SQUARE,
    },
  });
  shaft = await api<SiteDetail>('kelan.office', '/api/sites', {
    method: 'POST',
    body: {
      regionCode: '140929',
      name: SHAFT,
      attributes: { kind: 'abandoned_mine', category: 'protected_area_exit', shaftCount: 2, sealingStatus: 'unsealed' },
      geometry: { type: 'Point', coordinates: [...SHAFT_POINT] },
    },
  });
});
afterAll(async () => {
  await browser?.close();
});

/** Where a lon/lat is on the map canvas, from the view the page publishes (north-up Web Mercator). */
async function pixelOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const wrap = page.locator('.map-wrap[data-view]');
  const view = (await wrap.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number, number];
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  const merc = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  return {
    x: box.x + ((lon - view[0]) / (view[2] - view[0])) * box.width,
    y: box.y + ((merc(view[3]) - merc(lat)) / (merc(view[3]) - merc(view[1]))) * box.height,
  };
}

/** The site page's small map has drawn its first frame, or says it needs WebGL. */
async function miniMap(page: Page) {
  await page.locator('.site-mini-map[data-ready]').or(page.getByText('地图需要WebGL')).first().waitFor();
}

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width + 1);
}

describe('supervised objects (一矿一档) and the map in Chromium', () => {
  it('kelan.office lists the sites, edits the sealing of an abandoned mine and sees its history', async () => {
    expect(mine.areaMu).toBeGreaterThan(1000);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.getByRole('navigation').getByRole('link', { name: '监管对象', exact: true }).click();
    await page.waitForURL(/\/sites(\?|$)/);
    const table = page.getByRole('table');
    for (const h of ['名称', '类型', '状态', '所属区域', '面积（亩）', '更新时间']) await table.getByRole('columnheader', { name: h }).waitFor();
    await table.getByRole('link', { name: MINE }).waitFor();
    await table.getByRole('link', { name: SHAFT }).waitFor();
    await table.getByRole('cell', { name: '有证矿山' }).first().waitFor();
    await table.getByRole('cell', { name: '未封堵' }).first().waitFor();
    await page.getByRole('button', { name: '登记监管对象' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/sites-list.png`, fullPage: true });

    // kind filter → only the abandoned mine; the status select offers the sealing statuses
    await page.getByLabel('按类型筛选').click();
    await page.getByTitle('废弃矿井', { exact: true }).click();
    await page.waitForURL(/kind=abandoned_mine/);
    await table.getByRole('link', { name: SHAFT }).waitFor();
    await expect.poll(() => table.getByRole('link', { name: MINE }).count()).toBe(0);

    await table.getByRole('link', { name: SHAFT }).click();
    await page.waitForURL(new RegExp(`/sites/${shaft.id}`));
    await page.getByRole('heading', { level: 1, name: SHAFT }).waitFor();
    const sealing = page.locator('.sealing-card');
    await sealing.getByRole('heading', { name: '封堵责任' }).waitFor();
    await sealing.getByText('待县级人民政府明确责任主体').waitFor();
    await sealing.getByText('县级人民政府', { exact: true }).waitFor();
    await sealing.getByText('需封堵').waitFor();
    await sealing.getByText(/由关闭、退出时确定的治理责任主体予以封堵/).waitFor();
    await page.getByText('保护地内退出', { exact: true }).waitFor();
    await miniMap(page);
    await page.screenshot({ path: `${SHOTS}/site-shaft.png`, fullPage: true });

    // 已封堵 is recorded with a photo (S2), never typed into the edit form.
    await page.getByRole('tab', { name: '监管责任' }).click();
    await page.getByRole('button', { name: '记录封堵' }).click();
    const dialog = page.getByRole('dialog', { name: '记录封堵' });
    await dialog.getByLabel('封堵状态').click();
    await page.getByTitle('已封堵', { exact: true }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText(/照片/).first().waitFor(); // refused in the browser without a photo
    await dialog.getByLabel('照片').setInputFiles(PHOTO);
    await dialog.getByText('site-photo-gps.jpg').waitFor();
    await page.screenshot({ path: `${SHOTS}/site-sealing-form.png` });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.title-tags').getByText('已封堵').waitFor();
    const after = await api<SiteDetail>('kelan.office', `/api/sites/${shaft.id}`);
    expect(after.attributes.sealingStatus).toBe('sealed');
    expect(after.version).toBe(shaft.version + 1);
    expect(after.status).toBe('sealed');

    await page.getByRole('tab', { name: '历史记录' }).click();
    const history = page.getByRole('tabpanel').getByRole('table');
    await history.getByRole('cell', { name: '登记' }).waitFor();
    await history.getByText('封堵状态').first().waitFor();
    await history.getByText('"sealed"').waitFor();
    await page.screenshot({ path: `${SHOTS}/site-history.png`, fullPage: true });
    await context.close();
  });

  it('kelan.office registers a tailings pond through the form; server field errors land on the field; a concurrent edit is a 409 with reload', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.goto('/sites');
    await page.getByRole('button', { name: '登记监管对象' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill(POND);
    await dialog.getByLabel('类型', { exact: true }).click();
    await page.getByTitle('尾矿库', { exact: true }).click();
    await dialog.getByLabel('全库容（万m³）').fill('1500');
    await dialog.getByLabel('坝高（m）').fill('70');
    // GeoJSON text is only checked for JSON syntax in the browser
    await dialog.getByText('面（GeoJSON）').click();
    await dialog.getByLabel('GeoJSON 几何').fill('{"type":"Polygon",');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText(/不是有效的 JSON/).waitFor();
    await dialog.getByText('点（经纬度）').click();
    // a point outside China: the server refuses it and the message lands under 经度
    await dialog.getByRole('spinbutton', { name: '经度' }).fill('10');
    await dialog.getByRole('spinbutton', { name: '纬度' }).fill('10');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.locator('.ant-form-item-has-error').getByText(/not a longitude\/latitude in China/).waitFor();
    await page.waitForTimeout(500); // scrolled to the field
    await page.screenshot({ path: `${SHOTS}/site-form-error.png` });
    await dialog.getByRole('spinbutton', { name: '经度' }).fill('111.2');
    await dialog.getByRole('spinbutton', { name: '纬度' }).fill('38.71');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/sites\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { level: 1, name: POND }).waitFor();
    await page.getByText('三等库').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;

    // someone else saves while the form is open
    await page.getByRole('button', { name: '编辑' }).click();
    await dialog.getByLabel('坝高（m）').fill('100');
    await api('kelan.office', `/api/sites/${id}`, { method: 'PATCH', body: { version: 1, name: `${POND}（已核实）` } });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('保存失败：其他人已修改该监管对象').waitFor();
    await page.screenshot({ path: `${SHOTS}/site-conflict.png` });
    await dialog.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => dialog.getByLabel('名称', { exact: true }).inputValue()).toBe(`${POND}（已核实）`);
    await dialog.getByLabel('坝高（m）').fill('100');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('二等库').waitFor();
    const saved = await api<SiteDetail>('kelan.office', `/api/sites/${id}`);
    expect(saved).toMatchObject({ name: `${POND}（已核实）`, version: 3, tailingsGrade: 2 });
    expect(saved.attributes).toMatchObject({ kind: 'tailings_pond', capacity10kM3: 1500, damHeightM: 100 });
    await context.close();
  });

  it('一张图 shows the region on a MapLibre canvas (or says it needs WebGL), with a legend and popups', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.getByRole('navigation').getByRole('link', { name: '一张图' }).click();
    await page.waitForURL(/\/map/);
    const canvas = page.locator('canvas.maplibregl-canvas');
    const noWebgl = page.getByText('地图需要WebGL');
    await canvas.or(noWebgl).first().waitFor();
    if ((await canvas.count()) === 0) {
      console.warn('[sites.e2e] map: WebGL unavailable, the page shows 地图需要WebGL');
      await page.screenshot({ path: `${SHOTS}/map-no-webgl.png` });
      await context.close();
      return;
    }
    console.info('[sites.e2e] map: WebGL canvas initialised');
    const legend = page.locator('.map-legend');
    await legend.getByText('有证矿山').waitFor();
    await legend.getByText('废弃矿井').waitFor();
    // the region's sites are fitted into view: at least the two seeded here
    const summary = await legend.locator('summary').getByText(/视野内 \d+ 处/).textContent();
    expect(Number(/视野内 (\d+) 处/.exec(summary ?? '')?.[1])).toBeGreaterThanOrEqual(2);
    await page.locator('.map-wrap[data-view]').waitFor();
    await expect.poll(() => page.locator('.map-loading').count()).toBe(0);
    await page.waitForTimeout(500); // let the last frame paint
    await page.screenshot({ path: `${SHOTS}/map.png` });

    const at = await pixelOf(page, SHAFT_POINT[0], SHAFT_POINT[1]);
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('.maplibregl-popup');
    await popup.getByText(SHAFT).waitFor();
    await popup.getByText('废弃矿井 · 已封堵').waitFor();
    await page.screenshot({ path: `${SHOTS}/map-popup.png` });
    await popup.getByRole('link', { name: '查看档案' }).click();
    await page.waitForURL(new RegExp(`/sites/${shaft.id}`));
    await page.getByRole('heading', { level: 1, name: SHAFT }).waitFor();
    await context.close();
  });

  it('a leader reads the files but has no 编辑 or 登记 button', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.leader');
    await page.goto('/sites');
    await page.getByRole('table').getByRole('link', { name: SHAFT }).waitFor();
    expect(await page.getByRole('button', { name: '登记监管对象' }).count()).toBe(0);
    await page.goto(`/sites/${mine.id}`);
    await page.getByRole('heading', { level: 1, name: MINE }).waitFor();
    await page.getByText(/亩（[\d,]+ m²）/).waitFor();
    await page.getByText('露天').waitFor();
    await miniMap(page);
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/site-mine-leader.png`, fullPage: true });
    await context.close();
  });

  it('works at phone width: list, file and map', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await loginAs(page, 'kelan.office');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '监管对象', exact: true }).click();
    await page.waitForURL(/\/sites/);
    await page.getByRole('table').getByRole('link', { name: MINE }).waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-sites.png`, fullPage: true });
    await noHorizontalScroll(page, 375);
    await page.getByRole('table').getByRole('link', { name: SHAFT }).click();
    await page.locator('.sealing-card').getByRole('heading', { name: '封堵责任' }).waitFor();
    await miniMap(page);
    await page.screenshot({ path: `${SHOTS}/phone-site.png`, fullPage: true });
    await noHorizontalScroll(page, 375);
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByLabel('名称', { exact: true }).waitFor();
    await page.waitForTimeout(400); // the modal's opening animation
    await page.screenshot({ path: `${SHOTS}/phone-site-edit.png` });
    await page.keyboard.press('Escape');
    await page.goto('/map');
    await page.locator('canvas.maplibregl-canvas').or(page.getByText('地图需要WebGL')).first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SHOTS}/phone-map.png` });
    await noHorizontalScroll(page, 375);
    await context.close();
  });
});
