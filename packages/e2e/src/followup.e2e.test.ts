import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { campaign001, campaign002, campaign004 } from '@minewatch/core';
import { api, choose, launch, loginAs, newPage, SHOTS } from './browser.js';

/**
 * The follow-up screens in Chromium: the header bell and the notification centre after an overdue
 * run; a 001 hazard-ledger entry recorded on a phone-sized screen; the 004 checklist filled for a
 * mine, its failed item shown as a finding.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

type Named = { id: string; name: string; code?: string; regionCode?: string };
const campaignId = async (key: string) => (await api<{ items: Named[] }>('admin', '/api/campaigns')).items.find((c) => c.code === key)!.id;

describe('follow-up screens in Chromium', () => {
  it('shows the overdue digest under the bell and marks it read', async () => {
    const c002 = await campaignId(campaign002.key);
    const unit = (await api<Named[]>('admin', '/api/org/units?region=150621')).find((u) => u.name === '旗林业和草原局')!.id;
    const person = (await api<Named[]>('admin', '/api/org/people?region=150621')).find((p) => p.name === '杜培源')!.id;
    await api('dalad.office', '/api/problems', {
      method: 'POST',
      body: { campaignId: c002, regionCode: '150621102', enterprise: '浏览器测试超期煤矿', typeCode: 'dump_pollution', description: '排土场污染环境', measures: '治理', foundOn: '2022-05-01', deadline: '2022-06-10', responsibleUnitId: unit, responsiblePersonId: person, responsibleContact: '13947712345', source: 'survey' },
    });
    await api('dalad.office', '/api/jobs/overdue/run', { method: 'POST', body: {} });

    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    // Other browser tests share this server: other overdue problems of 达拉特旗 may be in the same digest.
    const bell = page.getByRole('link', { name: /消息通知（[1-9]\d* 条未读）/ });
    await bell.waitFor();
    await bell.click();
    await page.waitForURL(/\/notifications/);
    await page.getByText(/辖区内 \d+ 个问题超过完成整改时限未整改/).first().waitFor();
    await page.screenshot({ path: `${SHOTS}/notifications.png`, fullPage: true });
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByText(/共 \d+ 条，0 条未读/).waitFor();
    await page.getByRole('link', { name: /消息通知（0 条未读）/ }).waitFor();
    await context.close();
  });

  it('records a 金矿及其尾矿库安全隐患 entry on a phone and lists it in the ledger', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await loginAs(page, 'dehong.office');
    await page.goto('/hazards?type=gold_mine_hazard');
    await page.getByRole('tab', { name: /金矿及其尾矿库安全隐患台账/ }).waitFor();
    await page.getByRole('button', { name: '登记' }).click();
    await page.waitForURL(/\/hazards\/new\/gold_mine_hazard/);
    await choose(page, '专项行动', campaign001.name.slice(0, 8));
    await page.getByLabel('矿山企业/涉事主体').fill('浏览器测试金矿');
    await page.getByLabel('排查发现问题').fill('尾矿库坝体渗漏，排洪设施堵塞');
    await page.getByLabel('整改措施').fill('停产整治，疏通排洪设施');
    await choose(page, '隐患对象', '尾矿库');
    await choose(page, '隐患等级', '重大隐患');
    await page.getByLabel('尾矿库等别').fill('4');
    // On a phone the date fields open the calendar instead of the keyboard: take today.
    await page.getByLabel('完成整改时限').click();
    await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    await choose(page, '整改责任单位', '');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/problems\/[0-9a-f-]{36}/, { timeout: 15_000 }).catch(async (e: Error) => {
      await page.screenshot({ path: `${SHOTS}/hazard-entry-failed.png`, fullPage: true });
      throw e;
    });
    await page.goto('/hazards?type=gold_mine_hazard');
    const row = page.getByRole('row').filter({ hasText: '浏览器测试金矿' });
    await row.waitFor();
    expect(await row.textContent()).toContain('重大隐患');
    await page.screenshot({ path: `${SHOTS}/hazard-ledger-phone.png`, fullPage: true });
    await context.close();
  });

  it('fills the 004 checklist for a mine; the failed item becomes a finding', async () => {
    const site = await api<Named>('zhongwei.office', '/api/sites', {
      method: 'POST',
      body: { regionCode: '640502', name: '浏览器测试石灰岩矿', attributes: { kind: 'licensed_mine', licenceNo: 'C6405002010127130011111', holder: '中卫市某建材公司', mineral: '石灰岩', method: 'open_pit' }, geometry: { type: 'Point', coordinates: [105.05, 37.45] } },
    });
    expect(site.id).toBeTruthy();
    await campaignId(campaign004.key);
    const { context, page } = await newPage(browser);
    await loginAs(page, 'zhongwei.inspector');
    await page.goto('/checklists/new');
    await choose(page, '专项行动', campaign004.name.slice(0, 8));
    await choose(page, '矿山', '浏览器测试石灰岩矿', '浏览器测试');
    const inspectors = page.getByLabel('检查人员');
    await inspectors.fill('第一督查组 马某');
    await inspectors.press('Enter');
    const items = page.locator('.checklist-item');
    await items.first().waitFor();
    const n = await items.count();
    expect(n).toBe(11);
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      const text = (await item.textContent()) ?? '';
      // 一要“是否存在安全隐患未排查整治到位” fails on 是; every other item passes.
      const fails = text.includes('是否存在安全隐患未排查整治到位');
      const yesFails = /是否存在/.test(text);
      const answer = fails ? '是' : yesFails ? '否' : '是';
      await item.getByText(answer, { exact: true }).click();
    }
    await page.getByLabel('发现的问题').fill('采场边坡浮石未清理');
    await page.getByRole('button', { name: '提交检查表' }).click();
    await page.waitForURL(/\/checklists\/[0-9a-f-]{36}/);
    await page.getByText('安全隐患未排查整治到位：采场边坡浮石未清理').waitFor();
    await page.getByText('待交办').waitFor();
    await page.screenshot({ path: `${SHOTS}/checklist-submitted.png`, fullPage: true });
    await context.close();
  });
});

describe('the overview for a leader', () => {
  it('shows each campaign’s progress, and a figure opens exactly the problems it counts', async () => {
    const c002 = await campaignId(campaign002.key);
    const unit = (await api<Named[]>('admin', '/api/org/units?region=150621')).find((u) => u.name === '旗林业和草原局')!.id;
    const person = (await api<Named[]>('admin', '/api/org/people?region=150621')).find((p) => p.name === '杜培源')!.id;
    await api('dalad.office', '/api/problems', {
      method: 'POST',
      body: { campaignId: c002, regionCode: '150621102', enterprise: '概览测试煤矿', typeCode: 'temp_land_small_big', description: '临时用地批小占大', measures: '退还超占土地', foundOn: '2022-05-01', deadline: '2022-06-10', responsibleUnitId: unit, responsiblePersonId: person, responsibleContact: '13947712345', source: 'survey' },
    });
    const report = await api<{ groups: { key: string; label: string; figures: { total: number; overdue: number } }[] }>('dalad.leader', '/api/problems/progress?groupBy=campaign&region=150621');
    const row = report.groups.find((g) => g.key === c002)!;
    expect(row.figures.overdue).toBeGreaterThan(0);

    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.leader');
    await page.getByRole('heading', { name: '专项行动整改进度' }).waitFor();
    await page.getByRole('link', { name: `${row.label}：超期 ${row.figures.overdue}` }).waitFor();
    await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
    await page.getByRole('link', { name: `${row.label}：超期 ${row.figures.overdue}` }).click();
    await page.waitForURL(/\/problems\?.*progress=overdue/);
    expect(new URL(page.url()).searchParams.get('campaign')).toBe(c002);
    await page.getByText(`共 ${row.figures.overdue} 个问题`).waitFor();
    await page.screenshot({ path: `${SHOTS}/overview-progress.png`, fullPage: true });
    await context.close();
  });
});
