import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Product } from '@mall/server/catalog/product.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { Address, ShopOrder } from '@mall/server/order/order.entity';
import { CouponService } from '@mall/server/coupon/coupon.service';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Member } from '@mall/server/member/member.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { BindingService } from '@mall/server/store/binding.service';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('browser: checkout in H5 (delivery with coupon + balance + WeChat Pay, then refund; pickup from a chosen store)', () => {
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
    await ds
      .getRepository(Address)
      .save({ memberId: member.id, name: '李四', phone: '13900001111', region: '上海市 徐汇区', detail: '漕溪北路 1 号', isDefault: true });
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: member.id,
        deltaPrincipalFen: 3000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: 'browser-buyer-balance',
      }),
    );
    const template = await ds.getRepository(CouponTemplate).findOneByOrFail({ name: '新人满 100 减 20' });
    await ds.transaction((m) => t.app.get(CouponService).issue(m, member.id, template.id, 'test'));

    await page.locator('.product-card', { hasText: '冷萃挂耳咖啡' }).click();
    await page.waitForSelector('.product-page__name');
    await page.locator('.stepper__btn', { hasText: '+' }).click();
    await page.getByText('立即购买').click();
    await page.waitForSelector('.checkout-breakdown');
    // The best coupon is already picked (tapping it would unpick it).
    await page.locator('.coupon-pick--on', { hasText: '满¥100减¥20' }).waitFor();
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
    const wallet = (
      await t
        .http()
        .get('/api/admin/wallets/' + member.id)
        .set('authorization', ops)
    ).status;
    expect([200, 403]).toContain(wallet);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    await page.waitForFunction(() => document.querySelector('.wallet-balance__total')?.textContent === '30.00', undefined, { timeout: 20_000 });
    await screenshot(page, 'h5-wallet-after-refund');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pickup: own store first by default; a store closed meanwhile is refused and dropped; the order names the picked store', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-pickup'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card');

    // Stores: the demo flagship, the member's own store, one that will close while they choose, one already closed.
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const stores = ds.getRepository(Store);
    const flagship = await stores.findOneByOrFail({ name: '上海南京西路旗舰店' });
    const own = await stores.save(stores.create({ name: '上海徐家汇店', address: '上海市徐汇区漕溪北路 88 号', openingHours: '09:00-21:00', active: true }));
    const closing = await stores.save(stores.create({ name: '上海静安寺店', address: '上海市静安区愚园路 68 号', openingHours: '10:00-21:30', active: true }));
    await stores.save(stores.create({ name: '上海虹桥店', address: '上海市长宁区仙霞路 99 号', openingHours: '10:00-22:00', active: false }));
    const member = await ds.getRepository(Member).findOneByOrFail({ openid: simulatedOpenid(t.config.wechat.appId, 'browser-pickup') });
    await t.app.get(BindingService).bind(member.id, own.id, null, 'poster');
    const coffee = await ds.getRepository(Product).findOneByOrFail({ name: '冷萃挂耳咖啡 · 10 包' });
    const sku = await ds.getRepository(Sku).findOneByOrFail({ productId: coffee.id });

    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/checkout/index?lines=${sku.id}:1`);
    await page.waitForSelector('.checkout-breakdown');
    await page.locator('.segmented__item', { hasText: '门店自提' }).click();
    await page.waitForFunction((name) => document.querySelector('.checkout-store .store-card__name')?.textContent === name, own.name);
    expect(await page.textContent('.checkout-store .store-card__mine')).toBe('我的门店');
    expect(await page.textContent('.checkout-store .store-card__hours')).toContain('09:00-21:00');
    // Pickup has no shipping: 59 member price, all by WeChat Pay.
    await page.waitForFunction(() => document.querySelector('.checkout-cash')?.textContent === '¥59.00');

    await page.getByText('更换门店').click();
    await page.waitForSelector('.store-sheet');
    expect(await page.locator('.store-sheet .store-card__name').allTextContents()).toEqual([own.name, flagship.name, closing.name]);
    await screenshot(page, 'h5-checkout-store-picker');

    // 静安寺 closes while the sheet is open: the server refuses it, checkout reloads the open stores and falls back to the member's own.
    await stores.update({ id: closing.id }, { active: false });
    await page.locator('.store-sheet .store-card', { hasText: closing.name }).click();
    await page.waitForFunction((name) => document.querySelector('.checkout-store .store-card__name')?.textContent === name, closing.name);
    await page.locator('.checkout-submit').click();
    await page.waitForSelector(`text=${closing.name}暂停营业，请选择其他门店`);
    await page.waitForFunction((name) => document.querySelector('.checkout-store .store-card__name')?.textContent === name, own.name);
    expect(await ds.getRepository(ShopOrder).countBy({ memberId: member.id })).toBe(0);

    await page.getByText('更换门店').click();
    expect(await page.locator('.store-sheet .store-card__name').allTextContents()).toEqual([own.name, flagship.name]);
    await page.locator('.store-sheet .store-card', { hasText: flagship.name }).click();
    await page.waitForFunction((name) => document.querySelector('.checkout-store .store-card__name')?.textContent === name, flagship.name);
    await page.locator('.checkout-submit').click();
    await page.getByText('确认支付').click();
    await page.waitForFunction(() => document.querySelector('.order-page__status-text')?.textContent === '待自提', undefined, { timeout: 20_000 });
    expect(await page.textContent('.order-page__store .store-card__name')).toBe(flagship.name);
    expect(await page.textContent('.order-page__store .store-card__address')).toBe(flagship.address);
    expect(await page.textContent('.order-page__pickup')).toMatch(/^自提码 \d{8}$/);
    await screenshot(page, 'h5-order-pickup');

    const [order] = await ds.getRepository(ShopOrder).findBy({ memberId: member.id });
    expect({ fulfilment: order.fulfilment, storeId: order.storeId, status: order.status }).toEqual({
      fulfilment: 'pickup',
      storeId: flagship.id,
      status: 'paid',
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
