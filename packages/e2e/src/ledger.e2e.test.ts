import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CampaignSummary, ProblemSummary, SiteDetail } from '@minewatch/core';
import { annex1Rows, annex1Workbook, ANNEX1_TITLE } from './annex1-fixture.js';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

const CAMPAIGN = '达拉特旗矿山以案促改专项行动';
const WORKED = '达拉特旗E2E甲煤矿';
/** The work group as the campaign names it (the 附件1 sheet writes 附件2's "…专项工作组"; the import matches the two). */
const GROUP = '矿山违法违规侵占林草资源排查整治工作组';
const NINE = ['序号', '矿山企业', '行政区域(苏木镇)', '开采方式、矿种', '问题类型', '排查发现问题', '整改措施', '完成整改时限', '整改责任人及联系方式'];

let browser: Browser;
let dir: string;
let campaign: CampaignSummary;
let site: SiteDetail;

beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(path.join(tmpdir(), 'minewatch-ledger-e2e-'));
  writeFileSync(path.join(dir, '林草组摸排情况表.xlsx'), await annex1Workbook(true));
  writeFileSync(path.join(dir, '林草组摸排情况表（改）.xlsx'), await annex1Workbook(false));
  campaign = (await api<{ items: CampaignSummary[] }>('dalad.office', '/api/campaigns')).items.find((c) => c.name === CAMPAIGN)!;
  // One enterprise of the ledger is in the registry (一矿一档); the other two are recorded by name.
  site = await api<SiteDetail>('dalad.office', '/api/sites', {
    method: 'POST',
    body: {
      regionCode: '150621102',
      name: WORKED,
      attributes: { kind: 'licensed_mine', licenceNo: 'C1506002010011120088888', holder: '达拉特旗E2E甲煤业有限公司', mineral: '煤', method: 'open_pit', status: 'producing' },
      geometry: { type: 'Point', coordinates: [109.95, 40.3] },
    },
  });
});
afterAll(async () => {
  await browser?.close();
});

/** Picks a file through the page's own button (the file chooser it opens). */
async function upload(page: Page, button: string, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  // .first(): antd's upload area is itself a button around ours
  await page.getByRole('button', { name: button }).first().click();
  await (await chooser).setFiles(file);
}

/** A real JPEG drawn by the browser: the server tells photos by their bytes. */
async function photo(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 48;
    const g = c.getContext('2d')!;
    g.fillStyle = '#3a7d44';
    g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#fff';
    g.fillRect(8, 8, 20, 12);
    return c.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(url.split(',')[1]!, 'base64');
}

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scroll).toBeLessThanOrEqual(width + 1);
}

describe('problem ledger: 附件1 in, one problem to 销号, 附件1 out', () => {
  it('dalad.office imports a messy 附件1, sees the flagged cells, re-uploads the corrected file and commits', async () => {
    expect(campaign).toBeTruthy();
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.getByRole('navigation').getByRole('link', { name: '专项行动' }).click();
    await page.getByRole('table').getByRole('link', { name: CAMPAIGN }).click();
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor();
    await page.getByRole('tab', { name: '阶段与时间节点' }).click();
    await page.getByRole('heading', { name: /摸底排查阶段/ }).waitFor();
    await page.getByRole('cell', { name: '问题清单及整改措施', exact: false }).first().waitFor();
    await page.getByRole('tab', { name: '工作组' }).click();
    await page.getByRole('cell', { name: GROUP }).waitFor();

    await page.getByRole('button', { name: '台账导入导出' }).click();
    await page.getByRole('menuitem', { name: '导入台账' }).click();
    await page.getByRole('heading', { level: 1, name: /导入台账/ }).waitFor();
    // The rows were found in June 2022; their deadlines may not be before that day.
    const foundOn = page.getByLabel('排查日期');
    await foundOn.click();
    await foundOn.fill('2022-06-01');
    await foundOn.press('Enter');

    await upload(page, '选择 Excel 文件并检查', path.join(dir, '林草组摸排情况表.xlsx'));
    await page.getByRole('alert').filter({ hasText: '1 行共 3 处错误' }).waitFor();
    const table = page.getByRole('table');
    const bad = table.getByRole('row', { name: /达拉特旗E2E乙煤矿/ });
    const cells = bad.getByRole('cell');
    // every message sits on the cell it is about: column 4 开采方式、矿种, 8 完成整改时限, 9 整改责任人及联系方式
    await expect.poll(() => cells.nth(3).textContent()).toContain('缺少开采方式');
    await expect.poll(() => cells.nth(7).textContent()).toContain('晚于 2022-12-31');
    await expect.poll(() => cells.nth(8).textContent()).toContain('未留联系电话');
    for (const i of [3, 7, 8]) expect(await cells.nth(i).getAttribute('data-error')).toBe('true');
    for (const i of [1, 2, 4, 5, 6]) expect(await cells.nth(i).getAttribute('data-error')).toBeNull();
    expect(await page.getByRole('button', { name: '确认导入 3 行' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/ledger-import-flagged.png`, fullPage: true });

    await upload(page, '重新上传修改后的文件', path.join(dir, '林草组摸排情况表（改）.xlsx'));
    await page.getByText('3 行全部通过核验').waitFor();
    await table.getByRole('row', { name: /达拉特旗E2E乙煤矿/ }).getByRole('cell', { name: '2022-12-31' }).waitFor();
    // 甲 is in the registry; 乙 and 丙 are recorded by name once confirmed
    await page.getByText('2 个矿山企业未在监管对象中找到').waitFor();
    expect(await page.getByRole('button', { name: '确认导入 3 行' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '全部确认按名称登记' }).check();
    await page.getByRole('button', { name: '确认导入 3 行' }).click();
    await page.getByText('已导入 3 个问题').waitFor();
    await page.getByRole('button', { name: '查看本次导入的问题' }).click();
    await page.waitForURL(/\/problems\?.*import=/);
    const list = page.getByRole('table');
    for (const h of ['矿山企业', '开采方式、矿种', '问题类型', '完成整改时限', '整改责任人及联系方式', '状态']) await list.getByRole('columnheader', { name: h }).waitFor();
    for (const e of ['达拉特旗E2E甲煤矿', '达拉特旗E2E乙煤矿', '达拉特旗E2E丙煤矿']) await list.getByRole('link', { name: e }).waitFor();
    await list.getByRole('cell', { name: '待整改' }).first().waitFor();

    // a saved view (this browser, this user) brings the same filters back
    await page.getByRole('button', { name: '保存的视图' }).click();
    await page.getByRole('menuitem', { name: '保存当前筛选为视图…' }).click();
    await page.getByRole('dialog').getByLabel('视图名称').fill('本次导入');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '视图：本次导入' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '问题台账' }).click();
    await page.getByRole('button', { name: '保存的视图' }).click();
    await page.getByRole('menuitem', { name: /本次导入/ }).click();
    await page.waitForURL(/import=/);
    await expect.poll(() => list.getByRole('link', { name: /达拉特旗E2E/ }).count()).toBe(3);
    await page.screenshot({ path: `${SHOTS}/ledger-list.png`, fullPage: true });
    await context.close();

    const imported = await api<{ items: ProblemSummary[]; total: number }>('dalad.office', `/api/problems?campaignId=${campaign.id}&q=E2E`);
    expect(imported.total).toBe(3);
    expect(imported.items.find((p) => p.enterprise === WORKED)!.siteId).toBe(site.id);
  });

  it('the rectifying unit (dalad.forestry, on a phone) starts and submits with a photo; it cannot sign off its own work', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await loginAs(page, 'dalad.forestry');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '问题台账' }).click();
    await page.getByRole('link', { name: WORKED }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(WORKED) }).waitFor();
    await page.getByText('整改责任单位', { exact: false }).first().waitFor();
    await noHorizontalScroll(page, 390);

    await page.getByRole('button', { name: '开始整改' }).click();
    const dialog = page.getByRole('dialog', { name: '开始整改' });
    await dialog.getByRole('button', { name: '开始整改' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('.title-tags').getByText('整改中').waitFor();

    await page.getByRole('button', { name: '提交销号申请' }).click();
    const submit = page.getByRole('dialog', { name: '提交销号申请' });
    // without evidence the form says what is missing and sends nothing
    await submit.getByRole('button', { name: '提交销号申请' }).click();
    await submit.getByText('请上传至少一份新的佐证材料').waitFor();
    await upload(page, '拍照或选择文件', { name: '整改后现场.jpg', mimeType: 'image/jpeg', buffer: await photo(page) });
    await submit.getByText('整改后现场.jpg').waitFor();
    await expect.poll(() => submit.getByRole('button', { name: '提交销号申请' }).isEnabled()).toBe(true);
    await submit.getByLabel('说明（可选）').fill('压占物料已清理，植被已恢复');
    await noHorizontalScroll(page, 390);
    await page.screenshot({ path: `${SHOTS}/ledger-submit-phone.png` });
    await submit.getByRole('button', { name: '提交销号申请' }).click();
    await submit.waitFor({ state: 'hidden' });
    await page.locator('.title-tags').getByText('待验收销号').waitFor();
    await page.getByRole('img', { name: '整改后现场.jpg' }).waitFor();
    // the unit that did the work is offered no sign-off
    expect(await page.getByRole('button', { name: '验收销号' }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/ledger-problem-phone.png`, fullPage: true });
    await context.close();
  });

  it('dalad.office signs it off from the sign-off queue (销号) and the timeline shows who did what', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.getByRole('navigation').getByRole('link', { name: '销号审核' }).click();
    const queue = page.getByRole('table');
    await queue.getByRole('link', { name: WORKED }).waitFor();
    await page.getByRole('button', { name: `验收销号 ${WORKED}` }).click();
    const dialog = page.getByRole('dialog', { name: '验收销号' });
    await dialog.getByText('待验收销号 → 已销号').waitFor();
    await dialog.getByRole('button', { name: '验收销号' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => queue.getByRole('link', { name: WORKED }).count()).toBe(0);

    await page.getByRole('navigation').getByRole('link', { name: '问题台账' }).click();
    await page.getByRole('table').getByRole('link', { name: WORKED }).click();
    await page.locator('.title-tags').getByText('已销号').waitFor();
    const timeline = page.locator('.ant-timeline');
    for (const step of ['台账导入', '开始整改', '提交销号申请', '验收销号']) await timeline.getByText(step, { exact: true }).waitFor();
    await timeline.getByText(/dalad\.forestry（整改责任单位）/).first().waitFor();
    await timeline.getByText(/dalad\.office（联席会议\/领导小组办公室）/).waitFor();
    await page.screenshot({ path: `${SHOTS}/ledger-problem-closed.png`, fullPage: true });
    await context.close();
  });

  it('exports the 附件1 ledger and the downloaded workbook holds the imported rows', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.goto(`/campaigns/${campaign.id}`);
    await page.getByRole('button', { name: '台账导入导出' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出台账' }).click();
    const file = path.join(dir, 'export.xlsx');
    await (await download).saveAs(file);
    await context.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    // one sheet per work group (Excel cuts sheet names at 31 characters)
    const ws = wb.worksheets.find((w) => w.name === GROUP.slice(0, 31));
    expect(ws, `sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`).toBeTruthy();
    const text = (v: ExcelJS.CellValue): string => (v instanceof Date ? v.toISOString().slice(0, 10) : v == null ? '' : String(v));
    expect(text(ws!.getCell('A1').value)).toBe(ANNEX1_TITLE);
    expect(text(ws!.getCell('A2').value)).toBe(`排查工作组：${GROUP}`);
    expect(NINE.map((_, i) => text(ws!.getRow(3).getCell(i + 1).value))).toEqual(NINE);
    const rows: string[][] = [];
    for (let r = 4; r <= ws!.rowCount; r++) {
      const cells = NINE.map((_, i) => text(ws!.getRow(r).getCell(i + 1).value));
      if (cells[1]?.startsWith('达拉特旗E2E')) rows.push(cells);
    }
    const { expected } = annex1Rows(false);
    expect(rows).toHaveLength(expected.length);
    const byName = new Map(rows.map((r) => [r[1], r]));
    for (const e of expected) {
      const got = byName.get(e.enterprise)!;
      expect(got, e.enterprise).toBeTruthy();
      expect(got.slice(2)).toEqual([e.township, e.method, e.type, e.found, e.measures, e.deadline, e.responsible]);
    }
  });
});

describe('campaigns as data: set up from scratch or copied from a seed', () => {
  it('kelan.office sets up a campaign from scratch with a phase and a problem type', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.getByRole('navigation').getByRole('link', { name: '专项行动' }).click();
    await page.getByRole('button', { name: '新建行动' }).click();
    await page.getByRole('heading', { level: 1, name: '新建专项行动' }).waitFor();
    await page.getByLabel('行动名称').fill('岢岚县E2E露天矿山专项整治');
    await page.getByLabel('行动代码').fill('kelan_e2e_open_pit');
    await page.getByLabel('文件标题').fill('岢岚县E2E露天矿山专项整治工作方案');
    const date = async (label: string, value: string) => {
      const input = page.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    };
    await date('开始日期', '2024-03-01');
    await date('结束日期', '2024-12-31');
    await page.getByRole('button', { name: '添加阶段' }).click();
    await page.getByLabel('阶段名称').fill('集中整治阶段');
    const phase = page.locator('fieldset').filter({ hasText: '集中整治阶段' });
    for (const [label, value] of [['开始日期', '2024-03-01'], ['结束日期', '2024-09-30']] as const) {
      const input = phase.getByLabel(label, { exact: true });
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    }
    // a campaign without a problem type is refused before anything is sent
    await page.getByLabel('问题类型', { exact: true }).fill('越界开采');
    await page.getByRole('button', { name: '创建行动' }).click();
    await page.getByRole('heading', { level: 1, name: '岢岚县E2E露天矿山专项整治' }).waitFor();
    await page.getByText('平台新建').waitFor();
    await page.getByRole('tab', { name: '阶段与时间节点' }).click();
    await page.getByText('2024-03-01 – 2024-09-30').first().waitFor();
    await page.getByRole('tab', { name: '问题类型' }).click();
    await page.getByRole('cell', { name: '越界开采' }).waitFor();
    // the same page in English
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Phases and due dates' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await context.close();
    const mine = (await api<{ items: CampaignSummary[] }>('kelan.office', '/api/campaigns')).items.find((c) => c.code === 'kelan_e2e_open_pit');
    expect(mine).toMatchObject({ name: '岢岚县E2E露天矿山专项整治', regionCode: '140929', seed: null, copiedFrom: null, periodEnd: '2024-12-31' });
  });

  it('dalad.office copies the 002 campaign into a new one that keeps its work groups and taxonomy', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.getByRole('navigation').getByRole('link', { name: '专项行动' }).click();
    await page.getByRole('button', { name: `复制 ${CAMPAIGN}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新行动名称').fill('达拉特旗矿山以案促改“回头看”');
    await dialog.getByLabel('行动代码').fill('dalad_mine_cases_review');
    await dialog.getByRole('button', { name: '复制' }).click();
    await page.getByRole('heading', { level: 1, name: '达拉特旗矿山以案促改“回头看”' }).waitFor();
    await page.getByText('复制而来').waitFor();
    await page.getByRole('tab', { name: '工作组' }).click();
    await page.getByRole('cell', { name: GROUP }).waitFor();
    await page.getByRole('tab', { name: '问题类型' }).click();
    await page.getByRole('cell', { name: '违法违规侵占林地/草原' }).waitFor();
    await context.close();
    const copy = (await api<{ items: CampaignSummary[] }>('dalad.office', '/api/campaigns')).items.find((c) => c.code === 'dalad_mine_cases_review');
    expect(copy?.copiedFrom).toBe(campaign.id);
  });
});
