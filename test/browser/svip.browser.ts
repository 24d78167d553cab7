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
    // The member card carries the SVIP mark next to the tier.
    expect(await page.textContent('.member-card__svip')).toBe('SVIP');
    expect(await page.textContent('.member-card')).toContain('SVIP 月卡 有效期至');
    await page.waitForTimeout(600); // the hash navigation's page slide, so the screenshot shows the settled page
    await screenshot(page, 'h5-member-card-svip');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for a refund from the purchase history; a moved quote is shown again before the refund goes through', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-svip'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/member/pages/svip/index`);
    const purchase = page.locator('.svip-purchase', { hasText: 'SVIP 月卡' });
    await purchase.waitFor();
    expect(await purchase.textContent()).toContain('已开通');
    // Renewal price, not the first-purchase one, now that the first month was bought.
    expect(await page.locator('.svip-plan', { hasText: 'SVIP 月卡' }).textContent()).not.toContain('首购价');
    expect(await page.textContent('.svip-page')).not.toContain('自动顺延');
    expect(await page.textContent('.svip-page')).toContain('到期后可续费，时长顺延');

    await purchase.getByText('申请退款').click();
    const sheet = page.locator('.refund-sheet');
    await sheet.waitFor();
    expect(await sheet.locator('.refund-sheet__amount-value').textContent()).toBe('¥9.9');
    expect(await sheet.textContent()).toContain('未使用权益可全额退');
    await screenshot(page, 'h5-svip-refund-sheet');

    // The quote moved between preview and confirm: the server's 409 PRICE_CHANGED (played once here by the network layer).
    let refusedOnce = false;
    await page.route('**/api/membership/purchases/*/refund', async (route) => {
      if (refusedOnce) return route.continue();
      refusedOnce = true;
      await route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'PRICE_CHANGED', message: '可退金额已变为 ¥9.9，请确认后重试', details: { amountFen: 990 } }),
      });
    });
    await sheet.locator('.refund-sheet__confirm').click();
    await sheet.locator('.refund-sheet__notice').waitFor();
    expect(await sheet.locator('.refund-sheet__notice').textContent()).toContain('可退金额已更新');
    await sheet.locator('.refund-sheet__confirm', { hasText: '确认退款' }).click();
    await sheet.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('.svip-purchase')?.textContent?.includes('已退款'), undefined, { timeout: 20_000 });
    expect(await purchase.textContent()).toContain('已退 ¥9.9');
    expect(await page.locator('.svip-hero__saved').count()).toBe(0);
    await screenshot(page, 'h5-svip-refunded');
    expect(errors).toEqual([]);
    await context.close();
  });
});
