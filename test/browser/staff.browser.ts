import type { Browser } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Account } from '@mall/server/account/account.entity';
import { Sku } from '@mall/server/catalog/sku.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { MemberBinding, WriteOff } from '@mall/server/store/binding.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';

describe('browser: staff mode in H5 (link with an invitation, bind a member by code, write off a pickup)', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('binds the member whose code was pasted, shows their summary, then writes off their pickup order once', async () => {
    const guide = await ds.getRepository(Account).findOneByOrFail({ username: 'staff1' });
    const admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    const invite = (await t.http().post(`/api/admin/accounts/${guide.id}/invites`).set('authorization', admin).expect(201)).body;

    const member = await t.loginMember('browser-walk-in');
    const memberAuth = `Bearer ${member.accessToken}`;
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', memberAuth).expect(200)).body.token;

    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-guide'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/staff/pages/index/index`);
    await page.waitForSelector('.staff-link__input');
    await screenshot(page, 'h5-staff-link');
    await page.locator('.staff-link__input input').fill(invite.code);
    await page.getByText('绑定员工账号').click();
    await page.waitForSelector('.staff-hero__name');
    expect(await page.textContent('.staff-hero__name')).toBe(guide.displayName);
    expect((await ds.getRepository(Account).findOneByOrFail({ id: guide.id })).openid).toBeTruthy();

    await page.locator('.staff-manual__code input').fill(qr);
    await page.locator('.staff-manual__bind').click();
    await page.waitForSelector('.staff-banner');
    expect(await page.textContent('.staff-banner')).toContain('绑定成功');
    expect(await page.textContent('.staff-member__name')).toBe(member.member.nickname);
    await page.waitForTimeout(600); // let the page slide-in finish before the picture
    await screenshot(page, 'h5-staff-bound');
    expect(await ds.getRepository(MemberBinding).findOneByOrFail({ memberId: member.member.id })).toMatchObject({
      staffAccountId: guide.id,
      storeId: guide.storeId,
      via: 'scan',
    });

    // The member picks up an order paid from balance; staff write it off by its code.
    await ds.transaction((m) =>
      t.app.get(WalletLedgerService).move(m, {
        memberId: member.member.id,
        deltaPrincipalFen: 50000,
        deltaBonusFen: 0,
        kind: 'adjust',
        refType: 'test',
        refId: 'seed',
        idempotencyKey: 'browser-staff-seed',
      }),
    );
    const [sku] = await ds.getRepository(Sku).find({ order: { id: 'ASC' } });
    const order = (
      await t
        .http()
        .post('/api/orders')
        .set('authorization', memberAuth)
        .send({ lines: [{ skuId: sku.id, quantity: 1 }], balanceToUse: 50000, fulfilment: 'pickup', storeId: guide.storeId })
        .expect(201)
    ).body;
    const pickupCode = (await t.http().get(`/api/orders/${order.orderId}`).set('authorization', memberAuth).expect(200)).body.pickupCode;

    await page.goBack();
    await page.waitForSelector('.staff-manual__code');
    await page.locator('.staff-manual__code input').fill(pickupCode);
    await page.locator('.staff-manual__write-off').click();
    await page.getByText('核销', { exact: true }).last().click();
    await page.waitForSelector('text=核销成功');
    expect(await ds.getRepository(WriteOff).countBy({ memberId: member.member.id, kind: 'order_pickup' })).toBe(1);
    await screenshot(page, 'h5-staff-write-off');
    await page.getByText('确定', { exact: true }).last().click();

    await page.goto(`${t.baseUrl}/h5/#/subpackages/staff/pages/members/index`);
    await page.waitForSelector('.staff-row');
    expect(await page.textContent('.staff-row__title')).toBe(member.member.nickname);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/staff/pages/performance/index`);
    await page.waitForSelector('.staff-row');
    await page.waitForTimeout(600);
    await screenshot(page, 'h5-staff-performance');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('admin issues an invitation code, and ops see the store leaderboard and binding history', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/login`);
    await page.fill('#username', 'admin');
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');

    await page.goto(`${t.baseUrl}/admin/accounts`);
    const row = page.locator('tr', { hasText: 'staff2' });
    await row.getByText('生成小程序邀请码').click();
    await page.waitForSelector('[data-testid=invite-code]');
    const code = (await page.textContent('[data-testid=invite-code]'))!.trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    await screenshot(page, 'admin-staff-invite');
    // The code shown is a real one: it links a WeChat user to staff2.
    const linked = (await t.http().post('/api/staff/auth/link').send({ inviteCode: code, code: 'admin-invited:c1' }).expect(200)).body;
    expect(linked.account.username).toBe('staff2');

    await page.goto(`${t.baseUrl}/admin/stores`);
    await page.getByRole('tab', { name: '业绩排行' }).click();
    await page.waitForSelector('text=门店排行');
    await page.waitForSelector('.ant-tabs-tabpane-active td:has-text("上海南京西路旗舰店")');
    await screenshot(page, 'admin-store-leaderboard');
    await page.getByRole('tab', { name: '绑定记录' }).click();
    await page.waitForSelector('text=首次绑定');
    await screenshot(page, 'admin-binding-history');
    expect(errors).toEqual([]);
    await context.close();
  });
});
