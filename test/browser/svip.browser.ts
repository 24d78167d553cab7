import type { Browser } from 'playwright-core';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: SVIP purchase in H5 with simulated WeChat Pay', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens SVIP at the first-purchase price and shows the savings card', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-svip'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/member/pages/svip/index`);
    await page.waitForSelector('.svip-plan');
    await page.locator('.svip-plan', { hasText: 'SVIP 月卡' }).click();
    expect(await page.locator('.svip-plan', { hasText: 'SVIP 月卡' }).textContent()).toContain('首购价');
    await page.getByText('开通 ¥9.90（微信支付）').click();
    await page.getByText('确认支付').click();
    await page.waitForSelector('.svip-hero__saved', { timeout: 20_000 });
    expect(await page.textContent('.svip-hero__expire')).toContain('SVIP 月卡');
    await screenshot(page, 'h5-svip');
    await page.goto(`${t.baseUrl}/h5/#/pages/member/index`);
    await page.waitForSelector('.svip-entry');
    expect(await page.textContent('.svip-entry')).toContain('付费会员生效中');
    expect(errors).toEqual([]);
    await context.close();
  });
});
