import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { SiteDetail } from '@minewatch/core';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

/**
 * 一张图 and geometry import in Chromium (as 达拉特旗's office, so sites.e2e's 岢岚 map stays as it expects): a zipped Shapefile in CGCS2000 Gauss–Krüger is imported
 * through the page, the new sites are found on the map, one is opened, its outline edited on the
 * map and its sealing recorded with a photo, and the history shows both. The map must not request
 * anything from outside this server unless a Tianditu key is configured.
 */

const FIXTURE = fileURLToPath(new URL('../fixtures/dalad-shafts-4525.zip', import.meta.url));
const NAMES = ['达拉特旗导入废弃矿井一号', '达拉特旗导入废弃矿井二号', '达拉特旗导入废弃矿井三号'];
/** Corners of shaft 一号 in lon/lat (the fixture's source, before GDAL projected it to zone 37). */
const ONE = { w: 110.0, e: 110.006, s: 40.3, n: 40.3045 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every request of the page, so a test can prove nothing left this server. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}
const external = (urls: string[]) => {
  const base = new URL(inject('baseUrl'));
  return urls.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).host !== base.host);
};

/** Where a lon/lat is on a map canvas, from the view its wrapper publishes (north-up Web Mercator). */
async function pixelOf(wrap: Locator, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const view = (await wrap.getAttribute('data-view'))!.split(',').map(Number) as [number, number, number, number];
  const box = (await wrap.locator('canvas.maplibregl-canvas').boundingBox())!;
  const merc = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  return {
    x: box.x + ((lon - view[0]) / (view[2] - view[0])) * box.width,
    y: box.y + ((merc(view[3]) - merc(lat)) / (merc(view[3]) - merc(view[1]))) * box.height,
  };
}

async function hasCanvas(page: Page): Promise<boolean> {
  await page.locator('canvas.maplibregl-canvas').or(page.getByText('地图需要WebGL')).first().waitFor();
  return (await page.locator('canvas.maplibregl-canvas').count()) > 0;
}

describe('一张图: import, map, geometry edit, history (Chromium)', () => {
  let imported: SiteDetail[] = [];

  it('dalad.office imports a zipped Shapefile in CGCS2000 Gauss–Krüger: refusal shown per feature, then preview in 亩, commit, and the new sites on the map', async () => {
    const { context, page } = await newPage(browser);
    const urls = recordRequests(page);
    await loginAs(page, 'dalad.office');
    await page.getByRole('navigation').getByRole('link', { name: '一张图' }).click();
    await page.waitForURL(/\/map/);
    expect(await hasCanvas(page)).toBe(true);
    // no key configured: the legend says the map is offline
    await page.locator('.map-legend').getByText(/未配置天地图密钥/).waitFor();
    await page.getByRole('button', { name: '导入' }).click();
    await page.waitForURL(/\/sites\/import/);
    await page.getByRole('heading', { level: 1, name: /导入监管对象/ }).waitFor();

    // a GeoJSON with an unclosed ring in its second feature: refused, the feature named
    const bad = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { MC: '好的' }, geometry: { type: 'Polygon', coordinates: [[[110.1, 40.2], [110.11, 40.2], [110.11, 40.21], [110.1, 40.2]]] } },
        { type: 'Feature', properties: { MC: '坏的' }, geometry: { type: 'Polygon', coordinates: [[[110.1, 40.2], [110.11, 40.2], [110.11, 40.21], [110.1, 40.21]]] } },
      ],
    };
    const fileInput = page.locator('.ant-upload input[type=file]');
    await fileInput.setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByLabel('对象类型').click();
    await page.getByTitle('废弃矿井', { exact: true }).click();
    await page.getByLabel('类别').click();
    await page.getByTitle('政策性关闭', { exact: true }).click();
    await page.getByLabel('名称字段（可选）').fill('MC');
    await page.getByRole('button', { name: '上传并预览' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '文件未通过检查，没有登记任何对象' });
    await refusal.waitFor();
    await page.getByRole('cell', { name: '第 2 个要素 · 环 0' }).waitFor();
    await page.getByRole('cell', { name: /ring is not closed/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}/import-refused.png`, fullPage: true });

    // the Shapefile: preview with names, type and areas
    await fileInput.setInputFiles(FIXTURE);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('预览：dalad-shafts-4525.zip').waitFor();
    const preview = page.locator('.ant-card').filter({ hasText: '预览：' }).getByRole('table');
    for (const n of NAMES) await preview.getByRole('cell', { name: n }).waitFor();
    expect(await preview.getByRole('cell', { name: '面', exact: true }).count()).toBe(3);
    // shaft 一号 is 0.006° × 0.0045° at 40.3°N: about 509 m × 500 m ≈ 382 亩 (GRS 80)
    const row = preview.getByRole('row').filter({ hasText: NAMES[0]! });
    const mu = Number((await row.getByRole('cell').nth(3).textContent())!.replace(/,/g, ''));
    expect(mu).toBeGreaterThan(375);
    expect(mu).toBeLessThan(390);
    await page.getByText(/共 3 个对象，合计 [\d,.]+ 亩/).waitFor();
    await page.screenshot({ path: `${SHOTS}/import-preview.png`, fullPage: true });
    await page.getByRole('button', { name: '确认登记 3 个对象' }).click();
    await page.getByText('已登记 3 个对象').waitFor();

    const list = await api<{ items: SiteDetail[] }>('dalad.office', `/api/sites?q=${encodeURIComponent('达拉特旗导入废弃矿井')}&limit=10`);
    expect(list.items.map((s) => s.name).sort()).toEqual([...NAMES].sort());
    imported = await Promise.all(list.items.map((s) => api<SiteDetail>('dalad.office', `/api/sites/${s.id}`)));
    const one = imported.find((s) => s.name === NAMES[0])!;
    // Gauss–Krüger zone 37 back to lon/lat: the corners come back to ~1e-7°
    const ring = (one.geometry as { coordinates: number[][][] }).coordinates[0]!;
    expect(Math.min(...ring.map((p) => p[0]!))).toBeCloseTo(ONE.w, 6);
    expect(Math.max(...ring.map((p) => p[1]!))).toBeCloseTo(ONE.n, 6);
    expect(one.attributes).toMatchObject({ kind: 'abandoned_mine', category: 'policy_closure', sealingStatus: 'unsealed' });

    // the map, showing only these three
    await page.getByRole('button', { name: '在一张图中查看' }).click();
    await page.waitForURL(/\/map/);
    expect(await hasCanvas(page)).toBe(true);
    await page.getByText('仅显示刚导入的 3 处').waitFor();
    const legend = page.locator('.map-legend');
    await legend.locator('summary').getByText('视野内 3 处').waitFor();
    await expect.poll(() => page.locator('.map-loading').count(), { timeout: 15_000 }).toBe(0);
    await page.waitForTimeout(500); // the last frame
    await page.screenshot({ path: `${SHOTS}/map-imported.png` });
    const wrap = page.locator('.map-wrap[data-view]');
    const at = await pixelOf(wrap, (ONE.w + ONE.e) / 2, (ONE.s + ONE.n) / 2);
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('.maplibregl-popup');
    await popup.getByText(NAMES[0]!).waitFor();
    await popup.getByText('废弃矿井 · 未封堵').waitFor();
    await page.screenshot({ path: `${SHOTS}/map-imported-popup.png` });
    await popup.getByRole('link', { name: '查看档案' }).click();
    await page.waitForURL(new RegExp(`/sites/${one.id}`));
    await page.getByRole('heading', { level: 1, name: NAMES[0] }).waitFor();

    expect(external(urls)).toEqual([]);
    await context.close();
  });

  it('dalad.office moves a corner of the outline on the map (version checked), records the sealing with a photo, and sees both in the history', async () => {
    const one = imported.find((s) => s.name === NAMES[0])!;
    expect(one).toBeDefined();
    const { context, page } = await newPage(browser);
    const urls = recordRequests(page);
    await loginAs(page, 'dalad.office');
    await page.goto(`/sites/${one.id}`);
    await page.getByRole('heading', { level: 1, name: NAMES[0] }).waitFor();
    await page.getByRole('button', { name: '修改边界' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`编辑位置/边界：${NAMES[0]}`).waitFor();
    if ((await dialog.locator('canvas.maplibregl-canvas').count()) === 0 && (await dialog.getByText('地图需要WebGL').count()) > 0) {
      throw new Error('the geometry editor needs WebGL, which this Chromium did not give');
    }
    const editor = dialog.locator('.geometry-editor[data-ready]');
    await editor.waitFor();
    await page.waitForTimeout(300);

    // someone else saves first: our save is a 409 with a reload
    await api('dalad.office', `/api/sites/${one.id}`, { method: 'PATCH', body: { version: one.version, name: NAMES[0] } });
    const from = await pixelOf(editor, ONE.e, ONE.n);
    const to = { x: from.x + 60, y: from.y - 40 };
    const drag = async () => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= 12; i++) await page.mouse.move(from.x + (60 * i) / 12, from.y - (40 * i) / 12);
      await page.mouse.up();
    };
    await drag();
    await page.screenshot({ path: `${SHOTS}/geometry-edit-drag.png` });
    await dialog.getByRole('button', { name: '保存边界' }).click();
    await dialog.getByText('保存失败：其他人已修改该监管对象').waitFor();
    await dialog.getByRole('button', { name: '载入最新版本' }).click();
    // the editor starts again from version 2
    await dialog.locator('.geometry-editor[data-ready]').waitFor();
    await page.waitForTimeout(300);
    const from2 = await pixelOf(dialog.locator('.geometry-editor[data-ready]'), ONE.e, ONE.n);
    expect(Math.abs(from2.x - from.x)).toBeLessThan(2);
    await drag();
    await dialog.getByRole('button', { name: '保存边界' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(/边界已保存（版本 3）/).waitFor();

    const after = await api<SiteDetail>('dalad.office', `/api/sites/${one.id}`);
    expect(after.version).toBe(3);
    const ring = (after.geometry as { coordinates: number[][][] }).coordinates[0]!;
    // the north-east corner moved east and north; the other corners stayed
    const ne = ring.find((p) => p[0]! > ONE.e + 1e-5)!;
    expect(ne).toBeDefined();
    expect(ne[1]!).toBeGreaterThan(ONE.n + 1e-5);
    expect(ring.some((p) => Math.abs(p[0]! - ONE.w) < 1e-6 && Math.abs(p[1]! - ONE.s) < 1e-6)).toBe(true);
    expect(after.areaMu!).toBeGreaterThan(one.areaMu!);

    // sealing status with a photo, through the 监管责任 tab (S2 sealing records)
    await page.getByRole('tab', { name: '监管责任' }).click();
    await page.getByRole('button', { name: '记录封堵' }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel('封堵状态').click();
    await page.getByTitle('已封堵', { exact: true }).click();
    // a real (1×1) PNG: the server checks the bytes
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await form.getByLabel('照片').setInputFiles({ name: '封堵现场.png', mimeType: 'image/png', buffer: png });
    await form.getByText(/封堵现场\.png · /).waitFor();
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('list', { name: '封堵记录' }).getByText('已封堵').waitFor();
    const sealed = await api<SiteDetail>('dalad.office', `/api/sites/${one.id}`);
    expect(sealed.attributes.sealingStatus).toBe('sealed');
    await page.screenshot({ path: `${SHOTS}/geometry-sealing.png`, fullPage: true });

    await page.getByRole('tab', { name: '历史记录' }).click();
    const history = page.getByRole('tabpanel').getByRole('table');
    await history.getByRole('cell', { name: '登记' }).waitFor();
    await expect.poll(() => history.getByRole('cell', { name: '修改' }).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await history.getByText('位置').first().waitFor();
    await history.getByRole('cell', { name: '封堵记录' }).first().waitFor();
    await history.getByText('"sealed"').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/geometry-history.png`, fullPage: true });
    expect(external(urls)).toEqual([]);
    await context.close();
  });

  it('dalad.office draws a new area on the map and registers it through the prefilled form', async () => {
    const { context, page } = await newPage(browser);
    const urls = recordRequests(page);
    await loginAs(page, 'dalad.office');
    await page.goto('/map');
    expect(await hasCanvas(page)).toBe(true);
    const wrap = page.locator('.map-wrap[data-view]');
    await wrap.waitFor();
    await expect.poll(() => page.locator('.map-loading').count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('button', { name: '新增点位' }).hover();
    await page.getByRole('menuitem', { name: '画面' }).click();
    await page.getByText('单击依次添加拐点，单击第一个点或双击结束').waitFor();
    const box = (await wrap.locator('canvas.maplibregl-canvas').boundingBox())!;
    const cx = box.x + box.width * 0.6;
    const cy = box.y + box.height * 0.5;
    const corners = [
      [cx, cy],
      [cx + 80, cy],
      [cx + 80, cy + 60],
      [cx, cy + 60],
    ];
    for (const [x, y] of corners) {
      await page.mouse.click(x!, y!);
      await page.waitForTimeout(150);
    }
    await page.mouse.click(corners[0]![0]!, corners[0]![1]!); // close on the first corner
    const dialog = page.getByRole('dialog');
    await dialog.getByText('登记监管对象').waitFor();
    const text = await dialog.getByLabel('GeoJSON 几何').inputValue();
    const drawn = JSON.parse(text) as { type: string; coordinates: number[][][] };
    expect(drawn.type).toBe('Polygon');
    expect(drawn.coordinates[0]).toHaveLength(5);
    await dialog.getByLabel('名称', { exact: true }).fill('达拉特旗地图新画盗采点');
    await dialog.getByLabel('类型', { exact: true }).click();
    await page.getByTitle('盗采点', { exact: true }).click();
    // the drawn area survives the kind change
    expect(JSON.parse(await dialog.getByLabel('GeoJSON 几何').inputValue())).toEqual(drawn);
    await page.screenshot({ path: `${SHOTS}/map-draw-form.png` });
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/sites\/[0-9a-f-]{36}/);
    await page.getByRole('heading', { level: 1, name: '达拉特旗地图新画盗采点' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const site = await api<SiteDetail>('dalad.office', `/api/sites/${id}`);
    expect(site.geometry).toEqual(drawn);
    expect(site.areaMu).toBeGreaterThan(0);
    expect(external(urls)).toEqual([]);
    await context.close();
  });

  it('dalad.office uploads an official boundary file for the county; it becomes the base layer', async () => {
    const { context, page } = await newPage(browser);
    const urls = recordRequests(page);
    await loginAs(page, 'dalad.office');
    await page.goto('/map');
    expect(await hasCanvas(page)).toBe(true);
    await page.locator('.map-legend').getByText('（本区域尚未上传界线）').waitFor();
    await page.getByRole('button', { name: '上传界线' }).click();
    const dialog = page.getByRole('dialog');
    // a synthetic test outline around the imported shafts, not a real boundary
    const outline = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[109.95, 40.25], [110.1, 40.25], [110.1, 40.36], [109.95, 40.36], [109.95, 40.25]]] } };
    await dialog.locator('.ant-upload input[type=file]').setInputFiles({ name: '达拉特旗界线.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(outline)) });
    await dialog.getByLabel('数据来源').fill('E2E 测试界线（合成）');
    await dialog.getByRole('button', { name: '上传界线' }).click();
    await page.getByText('已保存 1 个区域的界线').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.map-legend').getByText('（本区域尚未上传界线）').count(), { timeout: 10_000 }).toBe(0);
    const layer = await api<{ features: { properties: { code: string } }[] }>('dalad.office', '/api/org/boundaries?region=150621');
    expect(layer.features.map((f) => f.properties.code)).toEqual(['150621']);
    const info = await api<{ source: string; uploadedBy: string }>('dalad.office', '/api/org/regions/150621/boundary');
    expect(info).toMatchObject({ source: 'E2E 测试界线（合成）', uploadedBy: 'dalad.office' });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SHOTS}/map-boundary.png` });
    expect(external(urls)).toEqual([]);
    await context.close();
  });

  it('with a Tianditu key the map offers 天地图 vector/imagery with annotation (Web Mercator _w WMTS), served here by interception', async () => {
    const { context, page } = await newPage(browser);
    const KEY = '0123456789abcdef0123456789abcdef';
    const tiles: string[] = [];
    // the real hosts are never reached: the config answer and every tile are fulfilled in the browser
    await page.route('**/api/config/map', (route) => route.fulfill({ json: { tiandituKey: KEY } }));
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await page.route(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\//, (route) => {
      tiles.push(route.request().url());
      return route.fulfill({ body: PNG, contentType: 'image/png' });
    });
    await loginAs(page, 'dalad.office');
    await page.goto('/map');
    expect(await hasCanvas(page)).toBe(true);
    const base = page.getByRole('radiogroup', { name: '底图' }).or(page.locator('.ant-segmented')).first();
    await base.getByText('无底图（离线）').waitFor();
    expect(tiles).toEqual([]); // nothing until a Tianditu base is chosen
    await base.getByText('天地图影像').click();
    await expect.poll(() => tiles.filter((u) => u.includes('/img_w/wmts')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => tiles.filter((u) => u.includes('/cia_w/wmts')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const u = new URL(tiles.find((x) => x.includes('/img_w/'))!);
    expect(u.searchParams.get('TILEMATRIXSET')).toBe('w');
    expect(u.searchParams.get('LAYER')).toBe('img');
    expect(u.searchParams.get('tk')).toBe(KEY);
    await page.locator('.map-legend').getByText(/底图：天地图/).waitFor();
    await base.getByText('天地图矢量').click();
    await expect.poll(() => tiles.filter((x) => x.includes('/vec_w/wmts')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => tiles.filter((x) => x.includes('/cva_w/wmts')).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/map-tianditu-intercepted.png` });
    await context.close();
  });
});
