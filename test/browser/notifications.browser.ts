import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotificationSend } from '@mall/server/notification/notification.entity';
import { OutboxService } from '@mall/server/common/outbox/outbox.service';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { simSubscribeCalls } from '../helpers/notifications';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

describe('browser: a recharge in H5 asks for consent, the credited message is sent, ops see it in 消息通知', () => {
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

  it('the member allows the message while paying; exactly one recharge_credited message reaches WeChat', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const phone = await phoneContext(browser);
    await phone.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-notify'));
    const page = await phone.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    await page.waitForSelector('.plan-card');
    await page.locator('.plan-card', { hasText: '最受欢迎' }).click();
    await page.locator('.wallet-page__pay').click();
    await page.getByText('确认支付').click();
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '550.00', undefined, { timeout: 20_000 });
    expect(errors).toEqual([]);

    const openid = simulatedOpenid(t.config.wechat.appId, 'browser-notify');
    await t.app.get(OutboxService).dispatchDue();
    const calls = await waitFor(async () => {
      const found = await simSubscribeCalls(t, openid);
      return found.length > 0 ? found : null;
    }, 'subscribe message sent');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ response: { errcode: 0 }, request: { data: { amount1: { value: '¥500.00' }, amount2: { value: '¥50.00' } } } });
    const send = await ds.getRepository(NotificationSend).findOneByOrFail({ scene: 'recharge_credited', status: 'sent' });

    const desk = await desktopContext(browser);
    const admin = await desk.newPage();
    const adminErrors = collectErrors(admin);
    await admin.goto(`${t.baseUrl}/admin/login`);
    await admin.fill('#username', 'admin');
    await admin.fill('#password', TEST_ADMIN_PASSWORD);
    await admin.click('[data-testid=login-submit]');
    await admin.waitForSelector('[data-testid=dashboard]');
    await admin.goto(`${t.baseUrl}/admin/notifications`);
    await admin.locator('tr', { hasText: '充值到账通知' }).getByText('字段匹配').waitFor();
    await screenshot(admin, 'admin-notifications-scenes');
    await admin.getByRole('tab', { name: '发送记录' }).click();
    const row = admin.locator('.ant-tabs-tabpane-active tr', { hasText: '充值到账通知' });
    await row.getByText('已发送').waitFor();
    expect(await row.textContent()).toContain(String(send.memberId));
    await screenshot(admin, 'admin-notifications-sends');
    expect(adminErrors).toEqual([]);
    await phone.close();
    await desk.close();
  });
});
