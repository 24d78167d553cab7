import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MEMBERSHIP_PURCHASE_STATES, PRODUCT_STATES } from '@mall/shared';
import { Product } from '@mall/server/catalog/product.entity';
import { MembershipPlan, MembershipPurchase } from '@mall/server/membership/membership.entity';
import { Member } from '@mall/server/member/member.entity';
import { Refund } from '@mall/server/payment/refund.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { simPay, waitFor } from '../helpers/wechat-pay';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e70000000049454e44ae426082',
  'hex',
);

describe('browser: admin members (search by phone, member detail, audited birthday change), SVIP refunds by finance, draft products', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let alice: { id: number; auth: string };

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    await t.createAccount({ username: 'ops-am', password: 'ops-am-pass', displayName: '运营小周', role: 'ops' });
    await t.createAccount({ username: 'fin-am', password: 'fin-am-pass', displayName: '财务小吴', role: 'finance' });
    const login = await t.loginMember('browser-alice');
    alice = { id: login.member.id, auth: `Bearer ${login.accessToken}` };
    await t.http().post('/api/members/me/phone').set('authorization', alice.auth).send({ code: '13912340000:b1' }).expect(201);
    await t.http().patch('/api/members/me').set('authorization', alice.auth).send({ nickname: '测试会员甲', birthday: '1991-01-02' }).expect(200);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(username: string, password: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    return { page, errors, close: () => context.close() };
  }

  it('ops find a member by phone, open the detail, change the birthday with a reason and see it in the 操作记录 tab', async () => {
    // An order, so the orders list has a member to name.
    await t
      .http()
      .post('/api/orders')
      .set('authorization', alice.auth)
      .send({ lines: [{ skuId: 1, quantity: 1 }], fulfilment: 'pickup', storeId: 1 })
      .expect(201);
    const { page, errors, close } = await signIn('ops-am', 'ops-am-pass');
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    expect(icon).toBe('/admin/favicon.svg');
    expect((await page.request.get(`${t.baseUrl}${icon}`)).status()).toBe(200);

    // Orders name the member (nickname · masked phone) and link to the detail page.
    await page.goto(`${t.baseUrl}/admin/mall?tab=orders`);
    const orderMember = page.locator('tr [data-testid=member-link]', { hasText: '测试会员甲' }).first();
    await orderMember.waitFor();
    expect(await orderMember.textContent()).toBe('测试会员甲 · 139****0000');

    await page.goto(`${t.baseUrl}/admin/members`);
    await page.locator('#keyword').fill('13912340000');
    const searched = page.waitForResponse((r) => r.url().includes('/api/admin/members?') && r.url().includes('keyword=13912340000'));
    await page.getByRole('button', { name: '查询' }).click();
    expect((await searched).status()).toBe(200);
    const row = page.locator('tbody tr', { hasText: '139****0000' });
    await row.waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await page.content()).not.toContain('13912340000</');
    await row.getByText('测试会员甲').click();
    await page.waitForURL(`**/admin/members/${alice.id}`);
    await page.waitForSelector('[data-testid=member-detail]');
    expect(await page.getByTestId('member-birthday').textContent()).toBe('1991-01-02');
    await screenshot(page, 'admin-member-detail');

    // A form left incomplete shows its errors and stays open, without an unhandled rejection.
    await page.getByTestId('change-birthday').click();
    const modal = page.locator('.ant-modal', { hasText: '修改生日' });
    await modal.getByRole('button', { name: '确认修改' }).click();
    await modal.getByText('请填写 2-120 字的原因').waitFor();
    expect(errors).toEqual([]);

    await modal.locator('#birthday').click();
    await modal.locator('#birthday').fill('1991-05-06');
    await modal.locator('#birthday').press('Enter');
    await modal.locator('#reason').fill('会员来电，按身份证更正');
    await screenshot(page, 'admin-member-birthday-form');
    await modal.getByRole('button', { name: '确认修改' }).click();
    await page.waitForSelector('text=生日已修改，已记入操作记录');
    await waitFor(async () => (await ds.getRepository(Member).findOneByOrFail({ id: alice.id })).birthday === '1991-05-06', 'birthday changed');
    await page.getByTestId('member-birthday').filter({ hasText: '1991-05-06' }).waitFor();

    const entry = page.locator('.ant-tabs-tabpane-active tr', { hasText: '修改会员生日' });
    await entry.waitFor();
    const text = await entry.textContent();
    expect(text).toContain('运营小周');
    expect(text).toContain('会员来电，按身份证更正');
    expect(text).toContain('1991-01-02');
    expect(text).toContain('1991-05-06');
    await screenshot(page, 'admin-member-audit-tab');

    // The same entry on the audit log page, filtered by action.
    await page.goto(`${t.baseUrl}/admin/audit-logs`);
    await page.locator('#action').fill('member.');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('tr', { hasText: '会员来电，按身份证更正' }).getByText('测试会员甲 · 139****0000').waitFor();
    await screenshot(page, 'admin-audit-logs');
    expect(errors).toEqual([]);
    await close();
  });

  it('finance refunds part of an SVIP purchase with a reason; the amount typed in yuan is refunded in exact fen', async () => {
    const plan = (await ds.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC' } }))[0];
    const bought = (await t.http().post('/api/membership/purchases').set('authorization', alice.auth).send({ planId: plan.id, payWith: 'wechat' }).expect(201))
      .body;
    await simPay(t, bought.outTradeNo);
    await waitFor(async () => (await ds.getRepository(MembershipPurchase).findOneByOrFail({ id: bought.purchaseId })).status === 'paid', 'SVIP paid');

    const { page, errors, close } = await signIn('fin-am', 'fin-am-pass');
    await page.goto(`${t.baseUrl}/admin/membership?tab=purchases`);
    // Filter by the member picked by phone.
    await page.getByTestId('member-picker').click();
    await page.keyboard.type('13912340000');
    await page.locator('.ant-select-item-option', { hasText: '测试会员甲' }).click();
    const filtered = page.waitForResponse((r) => r.url().includes('/api/admin/membership/purchases?') && r.url().includes(`memberId=${alice.id}`));
    await page.getByRole('button', { name: '查询' }).click();
    expect((await filtered).status()).toBe(200);
    const row = page.locator('tbody tr', { hasText: plan.name }).filter({ hasText: MEMBERSHIP_PURCHASE_STATES.labels.paid });
    await row.waitFor();
    await row.getByText('退款', { exact: true }).click();
    const modal = page.locator('.ant-modal', { hasText: 'SVIP 退款' });
    await modal.locator('#amountFen').fill('1.1');
    await modal.getByRole('button', { name: '确认退款' }).click();
    await modal.getByText('请填写退款原因（64 字以内）').waitFor();
    await modal.locator('#reason').fill('会员误购，协商退部分');
    await screenshot(page, 'admin-svip-refund-form');
    await modal.getByRole('button', { name: '确认退款' }).click();
    await page.waitForSelector('text=已退款，SVIP 权益已终止');

    const purchase = await ds.getRepository(MembershipPurchase).findOneByOrFail({ id: bought.purchaseId });
    expect({ status: purchase.status, refundedFen: purchase.refundedFen, refundReason: purchase.refundReason }).toEqual({
      status: 'refunded',
      refundedFen: 110,
      refundReason: '会员误购，协商退部分',
    });
    const refund = await waitFor(async () => (await ds.getRepository(Refund).find()).find((r) => r.amountFen === 110) ?? null, 'refund row');
    expect(refund.amountFen).toBe(110);
    const done = page.locator('tbody tr', { hasText: plan.name }).filter({ hasText: MEMBERSHIP_PURCHASE_STATES.labels.refunded });
    await done.waitFor();
    expect(await done.textContent()).toContain('¥1.10');
    await screenshot(page, 'admin-svip-refunded');
    expect(errors).toEqual([]);
    await close();
  });

  it('ops add a product as a draft with category, description and an uploaded image; members see it only once it is on sale', async () => {
    const { page, errors, close } = await signIn('ops-am', 'ops-am-pass');
    await page.goto(`${t.baseUrl}/admin/mall?tab=products`);
    await page.getByRole('button', { name: '新增商品' }).click();
    const form = page.locator('.ant-modal', { hasText: '新增商品' });
    await form.getByRole('button', { name: '确定' }).click();
    await form.locator('.ant-form-item-explain-error').first().waitFor();
    expect(errors).toEqual([]);

    await form.locator('#name').fill('草稿手冲壶');
    await form.locator('#categoryId').click();
    await page.locator('.ant-select-item-option').first().click();
    await form.locator('input[type=file]').setInputFiles({ name: 'kettle.png', mimeType: 'image/png', buffer: PNG });
    await form.getByTestId('image-preview').waitFor();
    await form.locator('#detail').fill('容量 600ml\n\n不锈钢壶身');
    await form.locator('#priceFen').fill('89');
    await screenshot(page, 'admin-product-form');
    await form.getByRole('button', { name: '确定' }).click();
    await page.waitForSelector('text=商品已保存为草稿，上架后会员可见');

    const product = await ds.getRepository(Product).findOneByOrFail({ name: '草稿手冲壶' });
    expect(product).toMatchObject({ status: 'draft', detail: '容量 600ml\n\n不锈钢壶身', priceFen: 8900 });
    expect(product.categoryId).not.toBeNull();
    expect(product.imageUrl).toMatch(/^\/uploads\/product\//);
    const listed = async () => ((await t.http().get('/api/catalog/products').expect(200)).body.items as { id: number }[]).some((p) => p.id === product.id);
    expect(await listed()).toBe(false);

    const row = page.locator('tr', { hasText: '草稿手冲壶' });
    expect(await row.textContent()).toContain(PRODUCT_STATES.labels.draft);
    await row.getByText('上架', { exact: true }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.locator('tr', { hasText: '草稿手冲壶' }).filter({ hasText: PRODUCT_STATES.labels.on_shelf }).waitFor();
    await waitFor(listed, 'product listed');
    await screenshot(page, 'admin-products');
    expect(errors).toEqual([]);
    await close();
  });
});
