import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Address } from '@mall/server/order/order.entity';
import { CouponService } from '@mall/server/coupon/coupon.service';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Member } from '@mall/server/member/member.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: buy with a coupon, balance and simulated WeChat Pay in H5, then refund', () => {
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

  it('checks out a coffee with 满100减20 + ¥30 balance + WeChat Pay, and the refund returns it all', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-buyer'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card');

    // The member now exists: give them a delivery address, ¥30 balance and a coupon (as earlier visits would have).
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const member = await ds.getRepository(Member).findOneByOrFail({ openid: simulatedOpenid(t.config.wechat.appId, 'browser-buyer') });
    await ds.getRepository(Address).save({ memberId: member.id, name: '李四', phone: '13900001111', region: '上海市 徐汇区', detail: '漕溪北路 1 号', isDefault: true });
    await ds.transaction((m) => t.app.get(WalletLedgerService).move(m, { memberId: member.id, deltaPrincipalFen: 3000, deltaBonusFen: 0, kind: 'adjust', refType: 'test', refId: 'seed', idempotencyKey: 'browser-buyer-balance' }));
    const template = await ds.getRepository(CouponTemplate).findOneByOrFail({ name: '新人满 100 减 20' });
    await ds.transaction((m) => t.app.get(CouponService).issue(m, member.id, template.id, 'test'));

    await page.locator('.product-card', { hasText: '冷萃挂耳咖啡' }).click();
    await page.waitForSelector('.product-page__name');
    await page.locator('.stepper__btn', { hasText: '+' }).click();
    await page.getByText('立即购买').click();
    await page.waitForSelector('.checkout-breakdown');
    await page.locator('.coupon-pick', { hasText: '满¥100减¥20' }).click();
    await page.locator('.checkout-switch--balance').click();
    // 2 × 59 member price = 118, −20 coupon, +10 shipping, −30 balance = 78 by WeChat Pay.
    await page.waitForFunction(() => document.querySelector('.checkout-cash')?.textContent === '¥78.00');
    await screenshot(page, 'h5-checkout');
    await page.locator('.checkout-submit').click();
    await page.getByText('确认支付').click();
    await page.waitForSelector('.order-page__status-text');
    await page.waitForFunction(() => document.querySelector('.order-page__status-text')?.textContent === '待发货', undefined, { timeout: 20_000 });
    await screenshot(page, 'h5-order-paid');

    await page.getByText('申请退款').click();
    await page.locator('.taro-modal__foot, .taro-modal__footer, div').getByText('申请退款', { exact: true }).last().click();
    await page.waitForSelector('.order-page__refund', { state: 'detached', timeout: 10_000 }).catch(() => undefined);

    await t.createAccount({ username: 'ops-browser', password: 'ops-browser-pass', displayName: '运营', role: 'ops' });
    const ops = `Bearer ${(await t.loginAccount('ops-browser', 'ops-browser-pass')).accessToken}`;
    const sales = (await t.http().get('/api/admin/after-sales?status=pending').set('authorization', ops).expect(200)).body.items;
    expect(sales).toHaveLength(1);
    await t.http().post(`/api/admin/after-sales/${sales[0].id}/approve`).set('authorization', ops).send({ note: '同意退款' }).expect(201);

    await page.reload();
    await page.waitForFunction(() => document.querySelector('.order-page__status-text')?.textContent === '已退款', undefined, { timeout: 20_000 });
    const wallet = (await t.http().get('/api/admin/wallets/' + member.id).set('authorization', ops)).status;
    expect([200, 403]).toContain(wallet);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '30.00', undefined, { timeout: 20_000 });
    await screenshot(page, 'h5-wallet-after-refund');
    expect(errors).toEqual([]);
    await context.close();
  });
});
