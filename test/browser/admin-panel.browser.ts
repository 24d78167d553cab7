import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { beijingMinute, ORDER_STATES, orderStatusLabel, PAYMENT_PURPOSE_LABELS, PAYMENT_STATES, REFUND_STATES } from '@mall/shared';
import { Sku } from '@mall/server/catalog/sku.entity';
import { CouponTemplate } from '@mall/server/coupon/coupon-template.entity';
import { MembershipPlan } from '@mall/server/membership/membership.entity';
import { Address, ShopOrder } from '@mall/server/order/order.entity';
import { Payment } from '@mall/server/payment/payment.entity';
import { Refund } from '@mall/server/payment/refund.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { RechargePlan } from '@mall/server/wallet/recharge-plan.entity';
import { collectErrors, desktopContext, launchBrowser, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';
import { simPay, simRefundOutcome, waitFor } from '../helpers/wechat-pay';

const SESSION_KEY = 'mall.admin.session';

describe('browser: admin panel (ProTable lists, ModalForm forms, shared HTTP client)', () => {
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

  async function loggedIn(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    return { page, errors, close: () => context.close() };
  }

  /** A member's delivery order, paid by simulated WeChat Pay or left unpaid. */
  async function placeOrder(user: string, pay: boolean) {
    const m = await t.loginMember(user);
    const auth = `Bearer ${m.accessToken}`;
    const address = await ds
      .getRepository(Address)
      .save({ memberId: m.member.id, name: '张三', phone: '13800001111', region: '上海市 静安区', detail: '南京西路 1 号', isDefault: true });
    const sku = await ds.getRepository(Sku).findOneByOrFail({ enabled: true });
    const created = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', auth)
        .set('idempotency-key', `admin-panel-${user}`)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], fulfilment: 'delivery', addressId: address.id })
        .expect(201)
    ).body;
    if (pay) {
      await simPay(t, created.outTradeNo);
      await waitFor(async () => (await ds.getRepository(ShopOrder).findOneByOrFail({ id: created.orderId })).status === 'paid', 'order paid');
    }
    return ds.getRepository(ShopOrder).findOneByOrFail({ id: created.orderId });
  }

  it('orders and payments: labels from the shared state machines, Beijing times, a status filter sent to the server, shipping a paid order', async () => {
    const paid = await placeOrder('admin-panel-paid', true);
    const unpaid = await placeOrder('admin-panel-unpaid', false);
    const { page, errors, close } = await loggedIn();

    await page.goto(`${t.baseUrl}/admin/mall`);
    const paidRow = page.locator('tr', { hasText: paid.orderNo });
    await paidRow.waitFor();
    expect(await paidRow.textContent()).toContain(orderStatusLabel('paid', 'delivery'));
    expect(await paidRow.textContent()).toContain(beijingMinute(paid.createdAt));
    expect(await page.locator('tr', { hasText: unpaid.orderNo }).textContent()).toContain(ORDER_STATES.labels.pending_payment);

    await paidRow.getByRole('button', { name: '发货' }).click();
    const shipForm = page.locator('.ant-modal', { hasText: `发货 · ${paid.orderNo}` });
    await shipForm.locator('#carrierCode').click();
    await page.locator('.ant-select-item-option', { hasText: '京东物流（JD）' }).click();
    await shipForm.locator('#trackingNo').fill('JDVA00000000001');
    await shipForm.getByRole('button', { name: '确定' }).click();
    await page.waitForSelector('.ant-message-success');
    await waitFor(async () => (await ds.getRepository(ShopOrder).findOneByOrFail({ id: paid.id })).status === 'shipped', 'order shipped');
    await page.locator('tr', { hasText: paid.orderNo }).filter({ hasText: ORDER_STATES.labels.shipped }).waitFor();
    expect(await page.locator('tr', { hasText: paid.orderNo }).getByRole('button', { name: '发货' }).count()).toBe(0);
    await screenshot(page, 'admin-orders');

    await page.getByRole('tab', { name: '售后退款' }).click();
    expect(page.url()).toContain('tab=after-sales');
    await page.waitForSelector('text=暂无售后申请');

    // Payments: the status filter's options are PAYMENT_STATES' labels and the choice goes to the server as ?status=.
    await page.goto(`${t.baseUrl}/admin/payments`);
    const unpaidPayment = page.locator('tr', { hasText: unpaid.outTradeNo! });
    await unpaidPayment.waitFor();
    expect(await unpaidPayment.textContent()).toContain(PAYMENT_STATES.labels.created);
    expect(await unpaidPayment.textContent()).toContain(PAYMENT_PURPOSE_LABELS.order);
    await page.locator('#status').click();
    await page.locator('.ant-select-item-option', { hasText: PAYMENT_STATES.labels.paid }).click();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/admin/payments?') && r.url().includes('status=paid'));
    await page.getByRole('button', { name: '查询' }).click();
    expect((await filtered).status()).toBe(200);
    await unpaidPayment.waitFor({ state: 'detached' });
    await page.locator('tr', { hasText: paid.outTradeNo! }).filter({ hasText: PAYMENT_STATES.labels.paid }).waitFor();
    await screenshot(page, 'admin-payments-filtered');
    expect(errors).toEqual([]);
    await close();
  });

  it('forms hold integer fen read by digits: a ¥12.34 product and an 8.5 折 coupon are stored exactly', async () => {
    const { page, errors, close } = await loggedIn();

    await page.goto(`${t.baseUrl}/admin/mall?tab=products`);
    await page.getByRole('button', { name: '新增商品' }).click();
    const productForm = page.locator('.ant-modal', { hasText: '新增商品' });
    await productForm.locator('#name').fill('测试挂耳礼盒');
    await productForm.locator('#specs').fill('12 包');
    await productForm.locator('#priceFen').fill('12.34');
    await productForm.locator('#memberPriceFen').fill('11.1');
    // New products are drafts unless published in the same step.
    await productForm.getByText('立即上架', { exact: true }).click();
    await productForm.getByRole('button', { name: '确定' }).click();
    await page.waitForSelector('text=商品已上架');
    const sku = await ds.getRepository(Sku).findOneByOrFail({ specs: '12 包' });
    expect({ priceFen: sku.priceFen, memberPriceFen: sku.memberPriceFen, stock: sku.stock }).toEqual({ priceFen: 1234, memberPriceFen: 1110, stock: 100 });
    await page.locator('tr', { hasText: '测试挂耳礼盒' }).filter({ hasText: '¥12.34' }).waitFor();

    await page.getByRole('tab', { name: '优惠券' }).click();
    await page.getByRole('button', { name: '新建优惠券' }).click();
    const couponForm = page.locator('.ant-modal', { hasText: '新建优惠券' });
    await couponForm.locator('#name').fill('会员 85 折券');
    await couponForm.getByText('折扣券', { exact: true }).click();
    await couponForm.locator('#zhe').fill('8.5');
    await couponForm.locator('#capFen').fill('20');
    await couponForm.locator('#thresholdFen').fill('99.9');
    await screenshot(page, 'admin-coupon-form');
    await couponForm.getByRole('button', { name: '确定' }).click();
    await page.waitForSelector('text=优惠券已创建');
    const template = await ds.getRepository(CouponTemplate).findOneByOrFail({ name: '会员 85 折券' });
    expect({
      kind: template.kind,
      percentBps: template.percentBps,
      capFen: template.capFen,
      thresholdFen: template.thresholdFen,
      validDays: template.validDays,
    }).toEqual({
      kind: 'percent',
      percentBps: 8500,
      capFen: 2000,
      thresholdFen: 9990,
      validDays: 30,
    });
    await page.locator('tr', { hasText: '会员 85 折券' }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  it('the shared client refreshes an expired token once for concurrent calls, and a rejected refresh goes back to login', async () => {
    const { page, errors, close } = await loggedIn();
    const refreshes: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/auth/refresh') && refreshes.push(r.url()));
    // Hold the refresh until every dashboard call has been turned away, so they really are concurrent.
    const DASHBOARD_CALLS = 5; // members, liability report, failed refunds, 30-day sales, the header's warning bell
    let unauthorized = 0;
    let release = () => {};
    const allRejected = new Promise<void>((resolve) => (release = resolve));
    page.on('response', (r) => r.url().includes('/api/admin/') && r.status() === 401 && ++unauthorized === DASHBOARD_CALLS && release());
    const giveUp = setTimeout(release, 10_000);
    await page.route('**/api/auth/refresh', async (route) => {
      await allRejected;
      clearTimeout(giveUp);
      await route.continue();
    });

    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...session, tokens: { ...session.tokens, accessToken: 'expired-access-token' } }));
    }, SESSION_KEY);
    // The dashboard asks for members, the liability report, the failed refunds, the sales line and the warning bell at once: all get 401, one refresh serves them.
    const members = page.waitForResponse((r) => r.url().includes('/api/admin/members') && r.status() === 200);
    await page.reload();
    await members;
    await page.waitForSelector('[data-testid=dashboard]');
    expect(unauthorized).toBe(DASHBOARD_CALLS);
    expect(refreshes).toHaveLength(1);
    const token = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).tokens.accessToken, SESSION_KEY);
    expect(token).not.toBe('expired-access-token');

    await page.evaluate((key) => {
      const session = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(
        key,
        JSON.stringify({ ...session, tokens: { ...session.tokens, accessToken: 'expired-access-token', refreshToken: 'revoked-refresh-token' } }),
      );
    }, SESSION_KEY);
    await page.goto(`${t.baseUrl}/admin/members`);
    await page.waitForURL('**/admin/login');
    await page.waitForSelector('#username');
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  /** A member's paid ¥100 top-up and a ¥10 refund of it that WeChat ends the way `outcome` says. */
  async function refundedTopUp(user: string, outcomes: ('SUCCESS' | 'ABNORMAL' | 'CLOSED')[]) {
    const m = await t.loginMember(user);
    const auth = `Bearer ${m.accessToken}`;
    const [plan] = (await t.http().get('/api/wallet/plans').set('authorization', auth).expect(200)).body.plans;
    const recharge = (
      await t.http().post('/api/wallet/recharges').set('authorization', auth).set('idempotency-key', `${user}-top-up`).send({ planId: plan.id }).expect(201)
    ).body;
    await simPay(t, recharge.outTradeNo);
    await waitFor(async () => (await ds.getRepository(Payment).findOneByOrFail({ outTradeNo: recharge.outTradeNo })).status === 'paid', 'top-up paid');
    const finance = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    const refunds: Refund[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      await simRefundOutcome(t, recharge.outTradeNo, outcome);
      const refund = (
        await t
          .http()
          .post(`/api/admin/payments/${recharge.outTradeNo}/refunds`)
          .set('authorization', finance)
          .set('idempotency-key', `${user}-refund-${i}`)
          .send({ amountFen: 1000, reason: `测试退款 ${outcome}` })
          .expect(201)
      ).body;
      refunds.push(
        await waitFor(async () => {
          const row = await ds.getRepository(Refund).findOneByOrFail({ outRefundNo: refund.outRefundNo });
          return row.status !== 'processing' && row;
        }, `refund ${outcome} settled`),
      );
    }
    return { outTradeNo: recharge.outTradeNo as string, refunds };
  }

  it('failed refunds: the dashboard warns with the count, 退款失败 lists the one WeChat ended ABNORMAL with its reason, and opens its payment', async () => {
    const { outTradeNo, refunds } = await refundedTopUp('admin-panel-refunds', ['ABNORMAL', 'SUCCESS']);
    const [failed, succeeded] = refunds;
    expect([failed.status, succeeded.status]).toEqual(['failed', 'success']);
    const { page, errors, close } = await loggedIn();

    const warning = page.locator('[data-testid=failed-refunds-alert]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('1 笔退款失败');
    const failedOnly = page.waitForResponse(
      (r) => r.url().includes('/api/admin/refunds?') && r.url().includes('status=failed') && r.url().includes('pageSize=20'),
    );
    await warning.getByRole('button', { name: '查看退款失败' }).click();
    expect((await failedOnly).status()).toBe(200);
    expect(page.url()).toContain('tab=refunds');
    expect(page.url()).toContain('status=failed');
    const failedRow = page.locator('tr', { hasText: outTradeNo }).filter({ hasText: REFUND_STATES.labels.failed });
    await failedRow.waitFor();
    expect(await failedRow.locator('[data-testid=refund-failure-reason]').textContent()).toBe('退款异常（ABNORMAL）');
    expect(await failedRow.textContent()).toContain('测试退款 ABNORMAL');
    expect(await failedRow.textContent()).toContain('¥10.00');
    expect(await page.locator('tr', { hasText: '测试退款 SUCCESS' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: `${REFUND_STATES.labels.failed}（1）` }).count()).toBe(1);
    await screenshot(page, 'admin-refunds-failed');

    // 全部: both refunds, newest first; the status filter leaves the request.
    const all = page.waitForResponse((r) => r.url().includes('/api/admin/refunds?') && !r.url().includes('status=') && r.url().includes('pageSize=20'));
    await page.getByRole('tab', { name: '全部' }).click();
    expect((await all).status()).toBe(200);
    await page.locator('tr', { hasText: '测试退款 SUCCESS' }).filter({ hasText: REFUND_STATES.labels.success }).waitFor();
    expect(await page.locator('tr', { hasText: '测试退款 ABNORMAL' }).count()).toBe(1);

    // The payment behind it: its refunds, and how much is refundable again.
    await page.locator('tr', { hasText: '测试退款 ABNORMAL' }).locator('[data-testid=refund-payment-link]').click();
    const detail = page.locator('[data-testid=payment-detail]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('1 笔退款失败');
    expect(await detail.textContent()).toContain('现可退 ¥90.00');
    expect(await detail.locator('[data-testid=refund-failure-reason]').textContent()).toBe('退款异常（ABNORMAL）');
    await screenshot(page, 'admin-refund-payment');
    expect(errors).toEqual([]);
    await close();
  });

  it('recharge plans: SVIP days need a membership plan; the form refuses days without one, then saves both and the list says 送 30 天 SVIP', async () => {
    const monthly = await ds.getRepository(MembershipPlan).findOneByOrFail({ name: 'SVIP 月卡' });
    const { page, errors, close } = await loggedIn();
    const writes: string[] = [];
    page.on('request', (r) => r.url().includes('/api/admin/recharge-plans') && r.method() !== 'GET' && writes.push(r.method()));
    await page.goto(`${t.baseUrl}/admin/recharge-plans`);
    await page.locator('tr', { hasText: '充 100' }).first().waitFor();
    await page.getByRole('button', { name: '新建方案' }).click();
    const form = page.locator('.ant-modal', { hasText: '新建充值方案' });
    await form.locator('#name').fill('充 200 送 SVIP');
    await form.locator('#payFen').fill('200');
    await form.locator('#membershipDays').fill('30');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('赠送付费会员天数时请选择会员方案').waitFor();
    await screenshot(page, 'admin-recharge-plan-needs-membership-plan');
    expect(writes).toEqual([]);
    expect(await ds.getRepository(RechargePlan).countBy({ name: '充 200 送 SVIP' })).toBe(0);

    await form.locator('#membershipPlanId').click();
    await page.locator('.ant-select-item-option', { hasText: 'SVIP 月卡' }).click();
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForSelector('text=已保存');
    expect(writes).toEqual(['POST']);
    const saved = await ds.getRepository(RechargePlan).findOneByOrFail({ name: '充 200 送 SVIP' });
    expect({ payFen: saved.payFen, membershipDays: saved.membershipDays, membershipPlanId: saved.membershipPlanId }).toEqual({
      payFen: 20000,
      membershipDays: 30,
      membershipPlanId: monthly.id,
    });
    const row = page.locator('tr', { hasText: '充 200 送 SVIP' });
    await row.filter({ hasText: '送 30 天 SVIP' }).waitFor();
    expect(await row.textContent()).toContain('SVIP 月卡');
    // Members are offered the days with the plan.
    const member = await t.loginMember('admin-panel-svip-plan');
    const offered = (await t.http().get('/api/wallet/plans').set('authorization', `Bearer ${member.accessToken}`).expect(200)).body.plans;
    expect(offered.find((p: { id: number }) => p.id === saved.id)).toMatchObject({ membershipDays: 30 });

    // Clearing the plan again while days remain is refused in the form as well.
    await row.getByText('编辑').click();
    const edit = page.locator('.ant-modal', { hasText: '编辑充值方案' });
    await edit.locator('#membershipPlanId').waitFor();
    await edit.locator('.ant-select', { has: page.locator('#membershipPlanId') }).hover();
    await edit.locator('.ant-select-clear').click();
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText('赠送付费会员天数时请选择会员方案').waitFor();
    expect(writes).toEqual(['POST']);
    expect((await ds.getRepository(RechargePlan).findOneByOrFail({ id: saved.id })).membershipPlanId).toBe(monthly.id);
    expect(errors).toEqual([]);
    await close();
  });
});
