import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { beijingMinute, DEMO_STAFF_SIM_USER } from '@mall/shared';
import { Account } from '@mall/server/account/account.entity';
import { Product } from '@mall/server/catalog/product.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { Member } from '@mall/server/member/member.entity';
import { QR_TTL_SECONDS } from '@mall/server/member/member-qr.service';
import { Address, ShopOrder } from '@mall/server/order/order.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { simulatedOpenid } from '@mall/server/wechat/simulator/simulator-state';
import { collectErrors, launchBrowser, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const VIEWPORT = { width: 390, height: 844 };
const INK = 'rgb(31, 31, 31)';
const WHITE = 'rgb(255, 255, 255)';

/** What a button looks like on screen (computed, after every stylesheet and Taro's own button rules). */
function buttonLook(button: Locator) {
  return button.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      color: s.color,
      background: s.backgroundColor,
      gradient: s.backgroundImage.startsWith('linear-gradient'),
      border: s.borderTopColor,
      opacity: Number(s.opacity),
    };
  });
}

/** The code's box, its quiet zone (white padding inside the code's own box) and the size of one module, in CSS px. */
function qrGeometry(code: Locator) {
  return code.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const cell = el.querySelector('.qr-code__cell')!.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      left: box.left,
      right: box.right,
      width: box.width,
      module: cell.width,
      padding: Math.min(...[s.paddingTop, s.paddingRight, s.paddingBottom, s.paddingLeft].map(parseFloat)),
      background: s.backgroundColor,
    };
  });
}

describe('browser: mini-program polish at 390×844 (buttons, QR codes, Beijing times)', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A phone whose clock runs in UTC (like many test devices and CI): what it shows must not depend on that. */
  async function phone(user: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'UTC' });
    // Only the first time: the demo picker may switch users, and a reload must not switch back.
    await context.addInitScript((u) => localStorage.getItem('mall.devUser') || localStorage.setItem('mall.devUser', u), user);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card');
    return { context, page, errors };
  }

  /** A paid order of the member `user` (delivery, or pickup at the demo store). */
  async function paidOrder(user: string, fulfilment: 'delivery' | 'pickup'): Promise<ShopOrder> {
    const m = await t.loginMember(user);
    const sku = await ds.getRepository(Sku).findOneByOrFail({ enabled: true });
    const where =
      fulfilment === 'delivery'
        ? {
            addressId: (
              await ds
                .getRepository(Address)
                .save({ memberId: m.member.id, name: '王五', phone: '13800002222', region: '上海市 静安区', detail: '南京西路 1 号', isDefault: true })
            ).id,
          }
        : { storeId: (await ds.getRepository(Store).findOneByOrFail({ active: true })).id };
    const created = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', `Bearer ${m.accessToken}`)
        .set('idempotency-key', `polish-${user}-${fulfilment}`)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment, ...where })
        .expect(201)
    ).body;
    await simPay(t, created.outTradeNo);
    return waitFor(async () => {
      const order = await ds.getRepository(ShopOrder).findOneByOrFail({ id: created.orderId });
      return order.status === 'paid' && order;
    }, 'order paid');
  }

  it('buttons keep their look whatever Taro writes in `disabled`: filled gold, outlined ink, and a disabled one reads as disabled', async () => {
    const { context, page, errors } = await phone('polish-buttons');
    const order = await paidOrder('polish-buttons', 'delivery');

    await page.locator('.product-card').first().click();
    await page.waitForSelector('.product-page__name');
    const addToCart = page.locator('.buy-bar').getByText('加入购物车');
    const buyNow = page.locator('.buy-bar').getByText('立即购买');
    expect(await buttonLook(addToCart)).toEqual({
      color: INK,
      background: WHITE,
      gradient: false,
      border: expect.not.stringMatching(/^rgba?\(255, 255, 255/),
      opacity: 1,
    });
    expect(await buttonLook(buyNow)).toMatchObject({ color: WHITE, gradient: true, opacity: 1 });

    await page.goto(`${t.baseUrl}/h5/#/subpackages/member/pages/svip/index`);
    const payByBalance = page.getByText('用余额支付');
    await payByBalance.waitFor();
    expect(await buttonLook(payByBalance)).toMatchObject({ color: INK, background: WHITE, gradient: false, opacity: 1 });

    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/order/index?id=${order.id}`);
    const refund = page.locator('.order-page__actions').getByText('申请退款');
    await refund.waitFor();
    expect(await buttonLook(refund)).toMatchObject({ color: INK, background: WHITE, gradient: false, opacity: 1 });

    // A new member cannot afford the 800-point tote: its button is disabled and must not look like 立即兑换.
    await page.goto(`${t.baseUrl}/h5/#/subpackages/points/pages/mall/index`);
    const short = page.locator('.mall-item', { hasText: '品牌帆布托特包' }).getByText('积分不足');
    await short.waitFor();
    const disabled = await buttonLook(short);
    expect(disabled.gradient).toBe(false);
    expect(disabled.color).not.toBe(WHITE);
    await screenshot(page, 'polish-points-mall');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('member code and pickup code fit the 390px screen with a white quiet zone of 4 modules; the countdown counts to the next refresh', async () => {
    const { context, page, errors } = await phone('polish-qr');
    await page.goto(`${t.baseUrl}/h5/#/subpackages/member/pages/qr/index`);
    const memberCode = page.locator('.qr-page .qr-code');
    await memberCode.waitFor();
    const member = await qrGeometry(memberCode);
    expect(member.left).toBeGreaterThanOrEqual(0);
    expect(member.right).toBeLessThanOrEqual(VIEWPORT.width);
    expect(member.background).toBe(WHITE);
    expect(member.padding).toBeGreaterThanOrEqual(4 * member.module - 0.5);
    // The code is replaced 15 s before it expires, so the countdown never shows the full token lifetime.
    const seconds = Number((await page.textContent('.qr-page__countdown'))!.match(/(\d+) 秒/)![1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(QR_TTL_SECONDS - 15);
    await screenshot(page, 'polish-member-qr');

    const order = await paidOrder('polish-qr', 'pickup');
    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/order/index?id=${order.id}`);
    const pickupCode = page.locator('.order-page .qr-code');
    await pickupCode.waitFor();
    const pickup = await qrGeometry(pickupCode);
    expect(pickup.left).toBeGreaterThanOrEqual(0);
    expect(pickup.right).toBeLessThanOrEqual(VIEWPORT.width);
    expect(pickup.background).toBe(WHITE);
    expect(pickup.padding).toBeGreaterThanOrEqual(4 * pickup.module - 0.5);
    await pickupCode.scrollIntoViewIfNeeded();
    await screenshot(page, 'polish-pickup-qr');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('order lists and wallet entries show Beijing time on a phone whose clock is UTC', async () => {
    const { context, page, errors } = await phone('polish-times');
    const order = await paidOrder('polish-times', 'delivery');
    const member = await ds.getRepository(Member).findOneByOrFail({ openid: simulatedOpenid(t.config.wechat.appId, 'polish-times') });
    const { entry } = await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: member.id,
        deltaPrincipalFen: 1000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'polish-times',
        idempotencyKey: 'polish-times-balance',
        note: '门店补偿',
      }),
    );

    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/orders/index`);
    const card = page.locator('.order-card', { hasText: order.orderNo });
    await card.waitFor();
    expect(await card.textContent()).toContain(beijingMinute(order.createdAt));
    await screenshot(page, 'polish-orders');

    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    const row = page.locator('.wallet-entry', { hasText: '门店补偿' });
    await row.waitFor();
    expect(await row.textContent()).toContain(beijingMinute(entry.createdAt));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('我的: assets and order shortcuts with counts, no 员工工作台 for a consumer, 退出登录 stays logged out until 登录; screens at 390×844', async () => {
    const { context, page, errors } = await phone('polish-mine');
    await paidOrder('polish-mine', 'delivery');
    await page.goto(`${t.baseUrl}/h5/#/pages/mine/index`);
    await page.waitForSelector('.mine-assets');
    expect(await page.textContent('.mine-orders')).toContain('1待发货');
    expect(await page.locator('.mine-entry', { hasText: '员工工作台' }).count()).toBe(0);
    await screenshot(page, 'polish-mine');

    await page.locator('.mine-page__logout').click();
    await page.locator('.taro-modal__foot, .taro-modal__footer, div').getByText('退出', { exact: true }).last().click();
    await page.waitForSelector('text=微信一键登录');
    await page.reload();
    await page.waitForSelector('text=微信一键登录');
    await page.waitForTimeout(500);
    expect(await page.locator('.mine-assets').count()).toBe(0);
    await screenshot(page, 'polish-mine-logged-out');
    await page.getByText('微信一键登录').click();
    await page.waitForSelector('.mine-assets');

    for (const [url, name] of [
      ['subpackages/mall/pages/product/index?id=1', 'polish-product'],
      ['subpackages/points/pages/points/index', 'polish-points'],
      ['subpackages/mall/pages/coupons/index', 'polish-coupons'],
    ]) {
      await page.goto(`${t.baseUrl}/h5/#/${url}`);
      await page.waitForTimeout(1500);
      await screenshot(page, name);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
  /** Nothing on the page reaches past the right edge of a 390 px screen. */
  async function overflowingRight(page: Page): Promise<string[]> {
    return page.evaluate((width) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll('.taro_page *'))) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 0.5) out.push(`${el.className || el.tagName} → ${Math.round(box.right)}`);
      }
      return out;
    }, VIEWPORT.width);
  }

  it('coupon centre: a claim reads a non-zero 已抢, the card turns 已领取 and the coupon shows under 我的优惠券', async () => {
    const { context, page, errors } = await phone('polish-claim');
    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/coupons/index`);
    const card = page.locator('.coupon-card', { hasText: '新人满 100 减 20' });
    await card.waitFor();
    expect(await card.locator('.coupon-card__btn').textContent()).toBe('领取');
    await card.locator('.coupon-card__btn').click();
    await card.locator('.coupon-card__btn', { hasText: '已领取' }).waitFor();
    expect(await card.locator('.coupon-card__btn').getAttribute('class')).toContain('btn--disabled');
    const meta = await card.locator('.coupon-card__meta').textContent();
    expect(meta).toMatch(/已抢 [1-9]\d*%/);
    expect(meta).toContain('已领 1 张');
    await page.locator('.my-coupon', { hasText: '新人满 100 减 20' }).waitFor();
    await screenshot(page, 'polish-coupons-claimed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checkout preselects the coupon that saves most, and a member who unpicks it keeps it unpicked', async () => {
    const m = await t.loginMember('polish-best');
    const auth = `Bearer ${m.accessToken}`;
    const templates = await ds.getRepository(CouponTemplate).find();
    for (const name of ['咖啡 9 折券', '新人满 100 减 20']) {
      const template = templates.find((x) => x.name === name)!;
      await t
        .http()
        .post('/api/coupons/claim')
        .set('authorization', auth)
        .set('idempotency-key', `polish-best-${template.id}`)
        .send({ templateId: template.id })
        .expect(201);
    }
    const coffee = await ds.getRepository(Product).findOneByOrFail({ name: '冷萃挂耳咖啡 · 10 包' });
    const sku = await ds.getRepository(Sku).findOneByOrFail({ productId: coffee.id });

    const { context, page, errors } = await phone('polish-best');
    // Two bags at the member price (¥118): ¥20 off above ¥100 beats 9折 on coffee (¥11.80).
    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/checkout/index?lines=${sku.id}:2`);
    const picked = page.locator('.coupon-pick--on');
    await picked.waitFor();
    expect(await picked.textContent()).toBe('满¥100减¥20');
    expect(await page.textContent('.checkout-best')).toContain('省 ¥20.00');
    expect(await page.textContent('.checkout-breakdown')).toContain('-¥20.00');
    await screenshot(page, 'polish-checkout-best');

    await picked.click();
    await page.waitForTimeout(300);
    expect(await page.locator('.coupon-pick--on').count()).toBe(0);
    expect(await page.locator('.checkout-best').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('product page: detail text and a placeholder card for a product without a picture; without an id an error state and no request for NaN', async () => {
    const { context, page, errors } = await phone('polish-product');
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    const coffee = await ds.getRepository(Product).findOneByOrFail({ name: '冷萃挂耳咖啡 · 10 包' });
    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/product/index?id=${coffee.id}`);
    await page.waitForSelector('.product-detail__paragraph');
    expect(await page.locator('.product-detail__paragraph').count()).toBeGreaterThan(1);
    expect(await page.textContent('.product-detail')).toContain('云南保山');
    await page.locator('.product-detail').scrollIntoViewIfNeeded();
    await screenshot(page, 'polish-product-detail');

    const bare = await ds
      .getRepository(Product)
      .save(
        ds.getRepository(Product).create({ name: '无图新品', subtitle: '', imageUrl: '', priceFen: 1000, memberPriceFen: null, stock: 0, status: 'on_shelf' }),
      );
    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/product/index?id=${bare.id}`);
    const placeholder = page.locator('.product-page__image.product-image--placeholder');
    await placeholder.waitFor();
    expect(await placeholder.textContent()).toContain('无');
    const box = (await placeholder.boundingBox())!;
    const mark = (await placeholder.locator('.product-image__mark').boundingBox())!;
    expect(box.height).toBeGreaterThan(200);
    expect(Math.abs(mark.x + mark.width / 2 - (box.x + box.width / 2))).toBeLessThan(2); // centred in the card
    expect(mark.y).toBeGreaterThan(box.y + box.height / 4);
    expect(await page.textContent('.product-detail')).toContain('商家暂未填写详情');
    await screenshot(page, 'polish-product-placeholder');

    await page.goto(`${t.baseUrl}/h5/#/subpackages/mall/pages/product/index`);
    await page.getByText('没有找到这件商品').waitFor();
    await page.waitForTimeout(500);
    expect(requested.filter((u) => /\/api\/catalog\/products\/(NaN|undefined)/.test(u))).toEqual([]);
    await screenshot(page, 'polish-product-missing');
    await page.getByText('去商城逛逛').click();
    await page.waitForSelector('.product-card');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('points, its ledger wording, the 邀请有礼 card and the points mall fit 390 px', async () => {
    const { context, page, errors } = await phone('polish-ledger');
    await paidOrder('polish-ledger', 'delivery');
    await page.goto(`${t.baseUrl}/h5/#/subpackages/points/pages/points/index`);
    await page.locator('.points-entry', { hasText: '下单赠送' }).waitFor();
    expect(await page.textContent('.points-page')).not.toMatch(/O\d{10,}/);
    await page.locator('.points-invite').waitFor();
    expect(await overflowingRight(page)).toEqual([]);
    const title = await page.locator('.points-invite__title').boundingBox();
    expect(title!.height).toBeLessThan(60); // one or two lines, never two characters a line
    await page.locator('.points-invite').scrollIntoViewIfNeeded();
    await screenshot(page, 'polish-points-invite');

    await page.goto(`${t.baseUrl}/h5/#/subpackages/points/pages/mall/index`);
    await page.waitForSelector('.mall-item');
    expect(await overflowingRight(page)).toEqual([]);
    await screenshot(page, 'polish-points-mall-paged');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the 店员 demo choice is a WeChat linked to staff1: 我的 offers 员工工作台 and it opens as staff1', async () => {
    const staff1 = await ds.getRepository(Account).findOneByOrFail({ username: 'staff1' });
    const { context, page, errors } = await phone('demo-a');
    await page.goto(`${t.baseUrl}/h5/#/pages/mine/index`);
    await page.waitForSelector('.mine-demo');
    expect(await page.locator('.mine-entry', { hasText: '员工工作台' }).count()).toBe(0);
    await page.locator('.mine-demo__chip', { hasText: '店员' }).click();
    await page.waitForFunction((user) => localStorage.getItem('mall.devUser') === user, DEMO_STAFF_SIM_USER);
    const workbench = page.locator('.mine-entry', { hasText: '员工工作台' });
    await workbench.waitFor();
    await workbench.click();
    await page.waitForSelector('.staff-hero__name');
    expect(await page.textContent('.staff-hero__name')).toBe(staff1.displayName);
    await page.waitForTimeout(600); // let the page slide-in finish before the picture
    await screenshot(page, 'polish-demo-staff');
    expect(errors).toEqual([]);
    await context.close();
  });
});
