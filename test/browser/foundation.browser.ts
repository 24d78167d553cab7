import type { Browser } from 'playwright-core';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';

describe('browser: H5 mini-program and admin panel served by the server', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs into the H5 app through the WeChat simulator and shows the member tab', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-alice'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/member/index`);
    await page.waitForSelector('.member-card__tier', { timeout: 30_000 });
    expect(await page.textContent('.member-card__tier')).toBe('普通会员');
    expect(await page.textContent('.member-card__hint')).toContain('再获得 500 成长值升级为 银卡会员');
    await screenshot(page, 'h5-member-tab');

    // The simulator really logged a WeChat user in: one jscode2session call for this dev user.
    const calls = (await t.http().get('/__wechat/sim/calls?api=jscode2session').expect(200)).body.items;
    expect(calls.some((c: { request: { user?: string } }) => c.request.user === 'browser-alice')).toBe(true);

    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card');
    expect(await page.locator('.product-card').count()).toBe(4);
    await screenshot(page, 'h5-home');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('logs into the admin panel and reaches the dashboard; a wrong password shows the error', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/`);
    await page.waitForSelector('#username');
    await page.fill('#username', 'admin');
    await page.fill('#password', 'wrong-password');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('.ant-alert-error');
    expect(await page.textContent('.ant-alert-error')).toContain('账号或密码错误');

    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await page.textContent('[data-testid=dashboard]')).toContain('系统状态');
    await screenshot(page, 'admin-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });
});
