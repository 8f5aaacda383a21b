import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { BodySummary } from '@minewatch/core';
import { api, launch, loginAs, newPage, SHOTS } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** One demo user per seed region, a body of theirs, a member printed in its roster, and a name that belongs elsewhere. */
const CASES = [
  { user: 'dehong.office', region: '533100', body: '联席会议', member: '董自明', foreign: '王福平' },
  { user: 'dalad.office', region: '150621', body: '领导小组', member: '王小平', foreign: '董自明' },
  { user: 'kelan.office', region: '140929', body: '工作专班', member: '王福平', foreign: '王小平' },
  { user: 'zhongwei.office', region: '640500', body: '第一督查组', member: '祁少波', foreign: '王福平' },
] as const;

describe('organisation pages in Chromium', () => {
  for (const c of CASES) {
    it(`${c.user} opens a body's roster and sees only ${c.region} data`, async () => {
      const { context, page } = await newPage(browser);
      await loginAs(page, c.user);
      await page.goto('/org/bodies');
      const link = page.getByRole('link', { name: new RegExp(c.body) }).first();
      await link.click();
      await page.waitForURL(/\/org\/bodies\/[0-9a-f-]{36}/);
      const roster = page.getByRole('table');
      await roster.getByRole('columnheader', { name: '姓名' }).waitFor();
      await roster.getByRole('cell', { name: c.member, exact: true }).waitFor();
      expect(await page.getByText(c.foreign).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/roster-${c.user}.png`, fullPage: true });

      await page.goto('/org/bodies');
      await page.getByRole('link', { name: new RegExp(c.body) }).first().waitFor();
      expect(await page.getByText(c.foreign, { exact: false }).count()).toBe(0);
      await context.close();
    });
  }

  it('a 岢岚县 user cannot reach 德宏州 pages by URL', async () => {
    const dehong = await api<BodySummary[]>('admin', '/api/org/bodies?region=533100');
    const id = dehong[0]!.id;
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.goto(`/org/bodies/${id}`);
    await page.getByRole('heading', { name: '无权访问或不存在' }).waitFor();
    expect(await page.getByText('董自明').count()).toBe(0);
    await page.goto('/org/bodies?region=533100');
    await page.waitForLoadState('networkidle');
    expect(await page.getByText('董自明').count()).toBe(0);
    expect(await page.getByText('德宏').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/no-access.png` });
    await context.close();
  });

  it('shows a meeting recorded through the API and the cadence status, and switches to English', async () => {
    const bodies = await api<BodySummary[]>('kelan.office', '/api/org/bodies?region=140929');
    const tf = bodies.find((b) => b.kind === 'task_force')!;
    const attendee = tf.members.find((m) => m.personId)!;
    await api('kelan.office', `/api/org/bodies/${tf.id}/meetings`, {
      method: 'POST',
      body: { kind: 'joint_meeting', heldOn: '2022-10-20', title: '第三季度联席会议', attendeePersonIds: [attendee.personId], decisions: ['建立涉电监测机制'] },
    });
    const { context, page } = await newPage(browser);
    await loginAs(page, 'kelan.office');
    await page.goto(`/org/bodies/${tf.id}`);
    await page.getByText('第三季度联席会议').first().waitFor();
    await page.getByText('建立涉电监测机制').first().waitFor();
    await page.getByText(/逾期\d+天/).first().waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Name' }).waitFor();
    await page.getByRole('columnheader', { name: 'Role' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/body-english.png`, fullPage: true });
    await context.close();
  });

  it('an office creates a unit through the form, and a leader has no such button', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'dalad.office');
    await page.goto('/org/units');
    await page.getByRole('button', { name: '新增单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill('树林召镇综合行政执法队');
    await dialog.getByLabel('单位类型').click();
    await page.getByTitle('事业单位').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '树林召镇综合行政执法队' }).waitFor();
    const units = await api<{ name: string; kind: string; regionCode: string }[]>('dalad.office', '/api/org/units?region=150621');
    expect(units.find((u) => u.name === '树林召镇综合行政执法队')).toMatchObject({ kind: 'public_institution', regionCode: '150621' });
    await context.close();

    const leader = await newPage(browser);
    await loginAs(leader.page, 'dalad.leader');
    await leader.page.goto('/org/units');
    await leader.page.getByRole('cell', { name: '树林召镇综合行政执法队' }).waitFor();
    expect(await leader.page.getByRole('button', { name: '新增单位' }).count()).toBe(0);
    await leader.context.close();
  });

  it('works at phone width: menu drawer, roster readable', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await loginAs(page, 'kelan.office');
    await page.getByRole('button', { name: '菜单' }).click();
    // clicking waits until the drawer has finished sliding in (Playwright's stability check)
    await page.getByRole('dialog').getByRole('link', { name: '议事协调机构' }).click();
    await page.waitForURL(/\/org\/bodies/);
    await page.getByRole('link', { name: /工作专班/ }).first().click();
    await page.getByRole('table').getByRole('cell', { name: '王福平', exact: true }).waitFor();
    await page.screenshot({ path: `${SHOTS}/phone-roster.png`, fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375 + 1);
    await context.close();
  });
});
