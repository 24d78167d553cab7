import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Sku } from '@mall/server/catalog/sku.entity';
import { AfterSale, Shipment, ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);
const RETURN_ADDRESS = '上海市静安区南京西路 1266 号 会员商城售后组 021-00000000';

describe('browser: fulfilment (ops ship with tracking, the member follows the parcel) and a return and refund through both UIs', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001', AFTER_SALE_RETURN_ADDRESS: RETURN_ADDRESS });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The H5 app signed in as `user` (the simulator's dev user), and that member's API token. */
  async function memberApp(user: string): Promise<{ context: BrowserContext; page: Page; errors: string[]; auth: string; memberId: number }> {
    const login = await t.loginMember(user);
    const auth = `Bearer ${login.accessToken}`;
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: login.member.id,
        deltaPrincipalFen: 2000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: `seed-wallet:${login.member.id}`,
      }),
    );
    const context = await phoneContext(browser);
    await context.addInitScript((u) => localStorage.setItem('mall.devUser', u), user);
    const page = await context.newPage();
    return { context, page, errors: collectErrors(page), auth, memberId: login.member.id };
  }

  /** A delivery order paid with ¥10 balance and the rest by simulated WeChat Pay. */
  async function paidOrder(auth: string, quantity: number) {
    const address = (
      await t
        .http()
        .post('/api/addresses')
        .set('authorization', auth)
        .send({ name: '王五', phone: '13700001111', region: '浙江省 杭州市 西湖区', detail: '文三路 90 号', isDefault: true })
        .expect(201)
    ).body;
    const sku = await ds.getRepository(Sku).findOneByOrFail({ enabled: true });
    const created = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .send({ lines: [{ skuId: sku.id, quantity }], fulfilment: 'delivery', addressId: address.id, balanceToUse: 1000 })
        .expect(201)
    ).body;
    await simPay(t, created.outTradeNo);
    await waitFor(async () => (await ds.getRepository(ShopOrder).findOneByOrFail({ id: created.orderId })).status === 'paid', 'order paid');
    return ds.getRepository(ShopOrder).findOneByOrFail({ id: created.orderId });
  }

  async function adminPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    return { context, page, errors };
  }

  const orderUrl = (id: number) => `${t.baseUrl}/h5/#/subpackages/mall/pages/order/index?id=${id}`;
  const textOf = (page: Page, selector: string) => page.waitForSelector(selector).then((el) => el.textContent());

  it('ops ship two parcels from the admin (address shown, carrier from the list, units per line); the member sees both in 查看物流', async () => {
    const member = await memberApp('fulfil-ship');
    const order = await paidOrder(member.auth, 2);
    const admin = await adminPage();
    const { page } = admin;

    await page.goto(`${t.baseUrl}/admin/mall`);
    const row = page.locator('tr', { hasText: order.orderNo });
    await row.getByRole('button', { name: '详情' }).click();
    expect(await page.locator('[data-testid=order-address]').textContent()).toBe('王五 13700001111 · 浙江省 杭州市 西湖区 文三路 90 号');
    await page.locator('.ant-drawer-close').click();

    // First parcel: one of the two units, by 顺丰.
    await row.getByRole('button', { name: '发货' }).click();
    const modal = page.locator('.ant-modal', { hasText: `发货 · ${order.orderNo}` });
    expect(await modal.locator('[data-testid=ship-address]').textContent()).toContain('文三路 90 号');
    await modal.locator('#carrierCode').click();
    await page.locator('.ant-select-item-option', { hasText: '顺丰速运（SF）' }).click();
    await modal.locator('#trackingNo').fill('12345');
    await modal.getByRole('button', { name: '确定' }).click();
    await modal.getByText('这不像顺丰速运的单号，请核对').waitFor();
    await modal.locator('#trackingNo').fill('SF1400000000001');
    await modal.locator('input[id^="qty_"]').fill('1');
    await screenshot(page, 'admin-ship-modal');
    await modal.getByRole('button', { name: '确定' }).click();
    await page.waitForSelector('text=已发货');
    await page.locator('tr', { hasText: order.orderNo }).filter({ hasText: '部分发货' }).waitFor();

    // Second parcel: the unit left, by 中通; the order is now 待收货 and has no 发货 button.
    await page.locator('tr', { hasText: order.orderNo }).getByRole('button', { name: '发货' }).click();
    const second = page.locator('.ant-modal', { hasText: `发货 · ${order.orderNo}` });
    expect(await second.locator('input[id^="qty_"]').inputValue()).toBe('1');
    await second.locator('#carrierCode').click();
    await page.locator('.ant-select-item-option', { hasText: '中通快递（ZTO）' }).click();
    await second.locator('#trackingNo').fill('773000000000002');
    await second.getByRole('button', { name: '确定' }).click();
    await page.locator('tr', { hasText: order.orderNo }).filter({ hasText: '待收货' }).waitFor();
    expect(await page.locator('tr', { hasText: order.orderNo }).getByRole('button', { name: '发货' }).count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // The first parcel left a day ago: the carrier has scanned it on its way.
    await ds.getRepository(Shipment).update({ carrierCode: 'SF', trackingNo: 'SF1400000000001' }, { shippedAt: new Date(Date.now() - 26 * 3600_000) });
    const { page: h5 } = member;
    await h5.goto(orderUrl(order.id));
    await h5.waitForFunction(() => document.querySelector('.order-page__status-text')?.textContent === '待收货', undefined, { timeout: 20_000 });
    expect(await textOf(h5, '.order-page__logistics')).toContain('已发出 2 个包裹');
    await h5.getByText('查看物流 ›').click();
    await h5.waitForSelector('.parcel');
    expect(await h5.locator('.parcel__no').allTextContents()).toEqual(['中通快递 773000000000002', '顺丰速运 SF1400000000001']);
    expect(await h5.locator('.parcel__stage').allTextContents()).toEqual(['待揽收', '运输中']);
    expect(await h5.locator('.parcel').nth(1).locator('.timeline__desc').allTextContents()).toEqual([
      '快件已发往【浙江省杭州市】',
      expect.stringMatching(/^快件已到达【.+转运中心】$/),
      '【上海】顺丰速运 已揽收',
      '商家已发货，等待快递揽收',
    ]);
    await h5.waitForTimeout(600); // the page slides in
    expect(await h5.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(h5, 'h5-logistics');
    expect(member.errors).toEqual([]);
    await member.context.close();
  });

  it('a return and refund: the member asks with a photo, ops approve, the member enters the return tracking, ops confirm receipt, the money comes back', async () => {
    const member = await memberApp('fulfil-return');
    const walletBefore = (await t.http().get('/api/wallet').set('authorization', member.auth).expect(200)).body.total;
    const order = await paidOrder(member.auth, 1);
    const lineId = (await t.http().get(`/api/orders/${order.id}`).set('authorization', member.auth).expect(200)).body.lines[0].id;
    const sku = await ds.getRepository(Sku).findOneByOrFail({ enabled: true });
    const stockAfterSale = sku.stock;
    const ops = await t.loginAccount('admin');
    await t
      .http()
      .post(`/api/admin/orders/${order.id}/shipments`)
      .set('authorization', `Bearer ${ops.accessToken}`)
      .send({ carrierCode: 'YD', trackingNo: '4300000000001', lines: [{ orderLineId: lineId, quantity: 1 }] })
      .expect(201);

    // Member: 申请售后 → 退货退款, the line, a reason, a photo.
    const { page: h5 } = member;
    await h5.goto(orderUrl(order.id));
    await h5.getByText('申请售后').click();
    await h5.waitForSelector('.after-sale-page');
    await h5.locator('.segmented__item', { hasText: '退货退款' }).click();
    await h5.locator('.after-sale-page__pick').click();
    await h5.locator('.after-sale-page__reason', { hasText: '质量问题' }).click();
    await h5.locator('.after-sale-page__text textarea').fill('杯身有裂纹');
    const chooser = h5.waitForEvent('filechooser');
    await h5.locator('.after-sale-page__photo--add').click();
    await (await chooser).setFiles({ name: 'crack.png', mimeType: 'image/png', buffer: PNG });
    await h5.waitForSelector('.after-sale-page__photo-img');
    await screenshot(h5, 'h5-after-sale-request');
    await h5.getByText('提交申请').click();
    await h5.waitForSelector('.after-sale-detail__status-text');
    expect(await textOf(h5, '.after-sale-detail__status-text')).toBe('待审核');
    expect(await h5.locator('.after-sale-detail__photo').count()).toBe(1);

    // Ops: the request shows its kind and photo; approve with the default return address.
    const admin = await adminPage();
    await admin.page.goto(`${t.baseUrl}/admin/mall?tab=after-sales`);
    const row = admin.page.locator('tr', { hasText: order.orderNo });
    await row.filter({ hasText: '退货退款' }).waitFor();
    expect(await row.textContent()).toContain('质量问题：杯身有裂纹');
    expect(await row.locator('.ant-image img').count()).toBe(1);
    await row.getByRole('button', { name: '同意' }).click();
    await admin.page.locator('.ant-modal', { hasText: '同意退货退款申请' }).getByRole('button', { name: '确定' }).click();
    await admin.page.waitForSelector('text=已同意，等待会员寄回');
    await admin.page.locator('tr', { hasText: order.orderNo }).filter({ hasText: '待寄回' }).waitFor();

    // Member: the return address, then the return parcel.
    await h5.reload();
    await h5.waitForFunction(() => document.querySelector('.after-sale-detail__status-text')?.textContent === '待寄回', undefined, { timeout: 20_000 });
    expect(await textOf(h5, '.after-sale-detail__address')).toBe(RETURN_ADDRESS);
    await h5.locator('.return-form__carrier', { hasText: '圆通速递' }).click();
    await h5.locator('.return-form__input input').fill('YT5000000000001');
    await screenshot(h5, 'h5-after-sale-return-form');
    await h5.getByText('提交单号').click();
    await h5.waitForFunction(() => document.querySelector('.after-sale-detail__status-text')?.textContent === '寄回中');
    expect(await textOf(h5, '.after-sale-detail__return-parcel')).toBe('圆通速递 YT5000000000001');

    // Ops: the return tracking number is on the row; confirming receipt refunds.
    await admin.page.reload();
    const returning = admin.page.locator('tr', { hasText: order.orderNo }).filter({ hasText: 'YT5000000000001' });
    await returning.getByRole('button', { name: '确认收货' }).click();
    await admin.page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await admin.page.waitForSelector('text=已确认收货，款项原路退回');
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    await waitFor(async () => (await ds.getRepository(AfterSale).findOneByOrFail({ orderId: order.id })).status === 'completed', 'refund completed', 20_000);
    await h5.reload();
    await h5.waitForFunction(() => document.querySelector('.after-sale-detail__status-text')?.textContent === '已退款', undefined, { timeout: 20_000 });
    await screenshot(h5, 'h5-after-sale-refunded');
    expect((await t.http().get('/api/wallet').set('authorization', member.auth).expect(200)).body.total).toBe(walletBefore);
    const [payment] = await ds.query('SELECT amount_fen, refunded_fen FROM payment WHERE id = ?', [order.paymentId]);
    expect(Number(payment.refunded_fen)).toBe(Number(payment.amount_fen));
    expect((await ds.getRepository(Sku).findOneByOrFail({ id: sku.id })).stock).toBe(stockAfterSale + 1);
    expect(member.errors).toEqual([]);
    await member.context.close();
  });
});
