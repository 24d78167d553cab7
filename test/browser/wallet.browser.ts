import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Payment } from '@mall/server/payment/payment.entity';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';

describe('browser: recharge in H5 with simulated WeChat Pay, refund in the admin panel', () => {
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

  it('a member tops up ¥500 (+¥50) and finance refunds part of it', async () => {
    const phone = await phoneContext(browser);
    await phone.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-wallet'));
    const page = await phone.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    await page.waitForSelector('.plan-card');
    expect(await page.textContent('.wallet-balance__total')).toBe('0.00');
    await page.locator('.plan-card', { hasText: '最受欢迎' }).click();
    await page.locator('.wallet-page__pay').click();
    await page.getByText('确认支付').click();
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '550.00', undefined, { timeout: 20_000 });
    expect(await page.textContent('.wallet-balance__split')).toContain('本金 ¥500.00');
    await page.waitForSelector('.wallet-entry');
    expect(await page.textContent('.wallet-entry')).toContain('+550.00');
    await screenshot(page, 'h5-wallet-after-recharge');
    expect(errors).toEqual([]);

    const payment = await t.app.get<DataSource>(getDataSourceToken()).getRepository(Payment).findOneByOrFail({ purpose: 'recharge', status: 'paid' });

    const desk = await desktopContext(browser);
    const admin = await desk.newPage();
    await admin.goto(`${t.baseUrl}/admin/login`);
    await admin.fill('#username', 'admin');
    await admin.fill('#password', TEST_ADMIN_PASSWORD);
    await admin.click('[data-testid=login-submit]');
    await admin.waitForSelector('[data-testid=dashboard]');
    await admin.goto(`${t.baseUrl}/admin/payments`);
    const row = admin.locator('tr', { hasText: payment.outTradeNo });
    await row.getByRole('button', { name: '退款' }).click();
    await admin.fill('#amountFen', '100');
    await admin.fill('#reason', '客户申请部分退款');
    await admin.getByRole('button', { name: '确认退款' }).click();
    await admin.waitForSelector('.ant-message-success');
    await row.filter({ hasText: '¥100.00' }).waitFor();
    await screenshot(admin, 'admin-payments-after-refund');

    await page.reload();
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '440.00', undefined, { timeout: 20_000 });
    expect(await page.textContent('.wallet-balance__split')).toContain('本金 ¥400.00');
    await phone.close();
    await desk.close();
  });
});
