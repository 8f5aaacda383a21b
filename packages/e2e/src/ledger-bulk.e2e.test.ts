import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { campaign002, type ProblemSummary } from '@minewatch/core';
import { api, choose, launch, loginAs, newPage, SHOTS } from './browser.js';

/** 批量指派 from the ledger list, and saved views that follow the user from one browser to another. */

const TAG = `E2E批量${Date.now().toString(36)}`;
type Named = { id: string; name: string; code?: string };

let browser: Browser;
const ids: string[] = [];

beforeAll(async () => {
  browser = await launch();
  const c002 = (await api<{ items: Named[] }>('admin', '/api/campaigns')).items.find((c) => c.code === campaign002.key)!.id;
  const unit = (await api<Named[]>('admin', '/api/org/units?region=150621')).find((u) => u.name === '旗林业和草原局')!.id;
  const person = (await api<Named[]>('admin', '/api/org/people?region=150621')).find((p) => p.name === '杜培源')!.id;
  // the person the office will assign: 副处级 (002 wants 副科级 or above), with a phone on record
  await api('dalad.office', '/api/org/people', { method: 'POST', body: { regionCode: '150621', name: '赵批量', position: '副局长', rank: 'deputy_division', phone: '13800001111' } });
  for (const suffix of ['甲', '乙', '丙']) {
    const p = await api<ProblemSummary>('dalad.office', '/api/problems', {
      method: 'POST',
      body: {
        campaignId: c002, regionCode: '150621102', enterprise: `${TAG}${suffix}煤矿`, typeCode: 'temp_land_small_big',
        description: '临时用地批小占大', measures: '退还超占土地', foundOn: '2022-05-20', deadline: '2022-11-30',
        responsibleUnitId: unit, responsiblePersonId: person, responsibleContact: '13947712345', source: 'survey',
      },
    });
    ids.push(p.id);
  }
});
afterAll(async () => {
  await browser?.close();
});

describe('ledger list: 批量指派 and saved views on the server', () => {
  it('dalad.office selects two problems, assigns them a new responsible person, and the list shows it', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.goto(`/problems?q=${encodeURIComponent(TAG)}`);
    const table = page.getByRole('table');
    const row = (suffix: string) => table.getByRole('row', { name: new RegExp(`${TAG}${suffix}煤矿`) });
    for (const s of ['甲', '乙', '丙']) await row(s).waitFor();

    await page.getByRole('checkbox', { name: `选择 ${TAG}甲煤矿` }).check();
    await page.getByRole('checkbox', { name: `选择 ${TAG}丙煤矿` }).check();
    await page.getByRole('button', { name: '批量指派（2）' }).click();
    const dialog = page.getByRole('dialog', { name: '批量指派 2 个问题' });
    await dialog.waitFor();
    // nothing filled in: the form says so and nothing is sent
    await dialog.getByRole('button', { name: '指派' }).click();
    await dialog.getByText('请至少填写一项要指派的内容').waitFor();
    await choose(page, '整改责任人', '赵批量', '赵批量');
    await dialog.getByLabel('指派说明').fill('按分工调整责任人');
    await page.screenshot({ path: `${SHOTS}/ledger-bulk-assign.png`, fullPage: true });
    await dialog.getByRole('button', { name: '指派' }).click();
    await page.getByText('已指派 2 个问题').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // the list shows the new person (with the phone on his record) on the two, the third unchanged, the selection cleared
    await expect.poll(() => row('甲').getByRole('cell', { name: '赵批量 副局长 13800001111' }).count()).toBe(1);
    await expect.poll(() => row('丙').getByRole('cell', { name: '赵批量 副局长 13800001111' }).count()).toBe(1);
    await expect.poll(() => row('乙').getByRole('cell', { name: /杜培源/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /批量指派/ }).count()).toBe(0);
    const after = await api<{ items: ProblemSummary[] }>('dalad.office', `/api/problems?q=${encodeURIComponent(TAG)}`);
    expect(after.items.filter((p) => p.responsiblePersonName === '赵批量').map((p) => p.id).sort()).toEqual([ids[0], ids[2]].sort());
    await context.close();
  });

  it('offers no selection to a unit that may not assign', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.forestry');
    await page.goto(`/problems?q=${encodeURIComponent(TAG)}`);
    await page.getByRole('table').getByRole('row', { name: new RegExp(`${TAG}乙煤矿`) }).waitFor();
    expect(await page.getByRole('checkbox', { name: `选择 ${TAG}乙煤矿` }).count()).toBe(0);
    await context.close();
  });

  it('a view saved in one browser opens in another browser of the same user; views left in localStorage move to the server once', async () => {
    const first = await newPage(browser);
    await loginAs(first.page, 'dalad.office');
    await first.page.goto(`/problems?q=${encodeURIComponent(TAG)}&state=found`);
    await first.page.getByRole('button', { name: '保存的视图' }).click();
    await first.page.getByRole('menuitem', { name: '保存当前筛选为视图…' }).click();
    await first.page.getByRole('dialog').getByLabel('视图名称').fill('批量指派待办');
    await first.page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await first.page.getByRole('button', { name: '视图：批量指派待办' }).waitFor();
    await first.context.close();

    // A second browser (say, the phone), which still holds a view from before views were kept on the server.
    const { context, page } = await newPage(browser, { width: 390, height: 844 });
    await page.goto('/login');
    await page.evaluate(() => window.localStorage.setItem('minewatch.ledgerViews.dalad.office', JSON.stringify([{ name: '旧浏览器视图', query: 'progress=overdue' }])));
    await loginAs(page, 'dalad.office');
    await page.goto('/problems');
    await page.getByText('已将本浏览器中的 1 个视图保存到您的账号').waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('minewatch.ledgerViews.dalad.office'))).toBeNull();
    await page.getByRole('button', { name: '保存的视图' }).click();
    await page.getByRole('menuitem', { name: /旧浏览器视图/ }).waitFor();
    await page.getByRole('menuitem', { name: /批量指派待办/ }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === TAG && u.searchParams.get('state') === 'found');
    await page.getByRole('button', { name: '视图：批量指派待办' }).waitFor();
    // the phone shows the filtered problems as cards, with the office's pick boxes, and no sideways scrolling
    await page.getByRole('link', { name: `${TAG}乙煤矿` }).waitFor();
    await page.getByRole('checkbox', { name: `选择 ${TAG}乙煤矿` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await page.screenshot({ path: `${SHOTS}/ledger-views-phone.png`, fullPage: true });
    const views = await api<{ items: { name: string }[] }>('dalad.office', '/api/saved-views?page=ledger');
    expect(views.items.map((v) => v.name)).toEqual(expect.arrayContaining(['批量指派待办', '旧浏览器视图']));
    await context.close();
  });
});
