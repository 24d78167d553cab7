import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RECHARGE_STATES } from '@mall/shared';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Payment } from '@mall/server/payment/payment.entity';
import { Recharge } from '@mall/server/wallet/recharge.entity';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

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
    // Paid: nothing stays chosen and the pay button is disarmed (a second charge needs a new choice).
    expect(await page.locator('.plan-card--selected').count()).toBe(0);
    expect(await page.textContent('.wallet-page__pay')).toContain('请选择充值金额');
    expect(await page.locator('.wallet-page__pay').getAttribute('disabled')).not.toBe('false');
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

  it('a recharge left unpaid: 继续支付 pays that same recharge (with its SVIP days); another one cancelled shows 已关闭', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    // Ops let the ¥300 plan grant 30 SVIP days.
    const monthly = await ds.getRepository(MembershipPlan).findOneByOrFail({ name: 'SVIP 月卡' });
    const plan = await ds.getRepository(RechargePlan).findOneByOrFail({ name: '充 300 送 20' });
    const ops = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    await t
      .http()
      .patch(`/api/admin/recharge-plans/${plan.id}`)
      .set('authorization', ops)
      .send({ membershipDays: 30, membershipPlanId: monthly.id })
      .expect(200);

    const phone = await phoneContext(browser);
    await phone.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-wallet-unpaid'));
    const page = await phone.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    const svipCard = page.locator('.plan-card', { hasText: '送 30 天 SVIP' });
    await svipCard.waitFor();
    expect(await svipCard.textContent()).toContain('300');
    expect(await page.locator('.plan-card__svip').count()).toBe(1);
    const member = await t.loginMember('browser-wallet-unpaid');
    const recharges = () => ds.getRepository(Recharge).find({ where: { memberId: member.member.id }, order: { id: 'ASC' } });

    // The member leaves WeChat Pay without paying: the recharge waits with 继续支付 and 取消充值, not a spinner.
    await svipCard.click();
    await page.locator('.wallet-page__pay').click();
    await page.locator('.taro-model__cancel:visible', { hasText: '取消' }).click();
    const card = page.locator('.pending-recharge');
    await card.waitFor();
    expect(await card.textContent()).toContain(RECHARGE_STATES.labels.pending);
    expect(await card.textContent()).toContain('充值 ¥300');
    expect((await recharges()).map((r) => r.status)).toEqual(['pending']);
    await screenshot(page, 'h5-wallet-unpaid-recharge');
    // Still offered after coming back to the page.
    await page.reload();
    await page.locator('.pending-recharge__resume').waitFor();

    await page.locator('.pending-recharge__resume').click();
    await page.getByText('确认支付').click();
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '320.00', undefined, { timeout: 20_000 });
    await card.waitFor({ state: 'detached' });
    // The same recharge was paid: no second one was created.
    expect((await recharges()).map((r) => r.status)).toEqual(['paid']);
    const membership = (await t.http().get('/api/membership').set('authorization', `Bearer ${member.accessToken}`).expect(200)).body;
    expect(membership.status).toBe('active');

    // Another recharge, abandoned and then cancelled: 已关闭, and its payment is closed.
    await page.locator('.plan-card', { hasText: '无赠送' }).click();
    await page.locator('.wallet-page__pay').click();
    await page.locator('.taro-model__cancel:visible', { hasText: '取消' }).click();
    await page.locator('.pending-recharge__cancel').click();
    await page.locator('.taro-model__confirm:visible', { hasText: '取消充值' }).click();
    const closed = page.locator('.pending-recharge--closed');
    await closed.waitFor();
    expect(await closed.locator('.pending-recharge__status').textContent()).toBe(RECHARGE_STATES.labels.closed);
    await screenshot(page, 'h5-wallet-recharge-cancelled');
    const [, cancelled] = await recharges();
    expect(cancelled.status).toBe('closed');
    await waitFor(async () => (await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: cancelled.outTradeNo })).status === 'closed', 'payment closed');
    expect(await page.textContent('.wallet-balance__total')).toBe('320.00');
    await page.locator('.pending-recharge').getByText('知道了').click();
    await closed.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await phone.close();
  });
});
