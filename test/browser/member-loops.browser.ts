import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WITHDRAWAL_STATES } from '@mall/shared';
import { Member } from '@mall/server/member/member.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { Store } from '@mall/server/store/store.entity';
import { WalletLedgerService } from '@mall/server/wallet/wallet-ledger.service';
import { Withdrawal } from '@mall/server/wallet/withdrawal.entity';
import { collectErrors, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Waits until `selector` has slid fully into the viewport (the H5 router animates a page in from the right). */
async function settled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((s) => {
    const box = document.querySelector(s)?.getBoundingClientRect();
    return Boolean(box) && box!.left >= 0 && box!.right <= window.innerWidth;
  }, selector);
}

/** Opens one of 我的's entries, the way a member gets to it. */
async function openFromMine(page: Page, baseUrl: string, title: string): Promise<void> {
  await page.goto(`${baseUrl}/h5/#/pages/mine/index`);
  await page.locator('.mine-entry', { hasText: title }).click();
}

describe('browser: a member closes the loops — birthday, their guide, a withdrawal', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let memberId: number;
  let store: Store;
  const USER = 'browser-loops';

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get<DataSource>(getDataSourceToken());
    await t.app.get(DemoSeeder).seed();
    store = await ds.getRepository(Store).findOneByOrFail({ id: 1 });
    // A guide with a work phone in the seeded store scans the member's code: the member is bound to them.
    await t.createAccount({
      username: 'loops-guide',
      password: 'loops-guide-pass',
      displayName: '林晓雨',
      role: 'staff',
      storeId: store.id,
      workPhone: '13900001111',
    });
    const guide = await t.loginAccount('loops-guide', 'loops-guide-pass');
    const member = await t.loginMember(USER);
    memberId = member.member.id;
    const qr = (await t.http().get('/api/members/me/qr').set('authorization', `Bearer ${member.accessToken}`).expect(200)).body.token;
    await t.http().post('/api/staff/bindings').set('authorization', `Bearer ${guide.accessToken}`).send({ qrToken: qr }).expect(200);
    // Stored value to take back: ¥200 principal and ¥20 bonus.
    await ds.transaction((manager) =>
      t.app.get(WalletLedgerService).move(manager, {
        memberId,
        deltaPrincipalFen: 20000,
        deltaBonusFen: 2000,
        kind: 'adjust',
        refType: 'test',
        refId: 'loops',
        idempotencyKey: `loops-seed:${memberId}`,
      }),
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sets a birthday once from 个人资料 and then sees it read-only', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript((user) => localStorage.setItem('mall.devUser', user), USER);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await openFromMine(page, t.baseUrl, '个人资料');
    await page.waitForSelector('.profile-progress');
    await settled(page, '.profile-progress');
    await screenshot(page, 'h5-profile');
    expect(await page.textContent('.profile-progress__reward')).toContain('完善全部资料可得 50 积分');

    await page.locator('.profile-row__nickname input').fill('小林');
    await page.locator('.profile-row__nickname input').blur();
    await page.waitForFunction(() => document.querySelector('.profile-head__name')?.textContent === '小林');

    await page.locator('.profile-row--birthday').click();
    await page.locator('.weui-picker__action:visible', { hasText: '确定' }).click();
    await page.locator('.taro-model__confirm:visible', { hasText: '确认设置' }).click();
    const locked = page.locator('.profile-row--locked');
    await locked.waitFor();
    expect(await locked.textContent()).toContain('1995-01-01');
    expect(await locked.textContent()).toContain('生日设置后不可修改，如需修改请联系门店');
    expect((await ds.getRepository(Member).findOneByOrFail({ id: memberId })).birthday).toBe('1995-01-01');
    await screenshot(page, 'h5-profile-birthday-set');

    // Back later: still read-only, no picker to change it; the server refuses a change too.
    await page.reload();
    await locked.waitFor();
    expect(await page.locator('.profile-row--birthday').count()).toBe(1);
    expect(await page.locator('.profile-row--birthday').getAttribute('class')).toContain('profile-row--locked');
    const member = await t.loginMember(USER);
    const refused = await t.http().patch('/api/members/me').set('authorization', `Bearer ${member.accessToken}`).send({ birthday: '1996-02-02' }).expect(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sees their guide and store, and reveals the guide phone only on request', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript((user) => localStorage.setItem('mall.devUser', user), USER);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await openFromMine(page, t.baseUrl, '我的导购');
    await page.waitForSelector('.guide-card__name');
    await settled(page, '.guide-card');
    expect(await page.textContent('.guide-card__name')).toBe('林晓雨');
    expect(await page.textContent('.guide-store')).toContain(store.name);
    expect(await page.textContent('.guide-store')).toContain(store.address);
    expect(await page.locator('.guide-store__map').count()).toBe(store.latitude !== null ? 1 : 0);
    expect(await page.locator('.guide-card__phone').count()).toBe(0);
    await screenshot(page, 'h5-my-guide');

    await page.locator('.guide-card__reveal').click();
    await page.waitForSelector('.guide-card__phone');
    expect(await page.textContent('.guide-card__phone')).toBe('13900001111');
    expect(await page.locator('.guide-card__call').count()).toBe(1);
    await screenshot(page, 'h5-my-guide-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('requests a withdrawal after reading the rules and sees it pending', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript((user) => localStorage.setItem('mall.devUser', user), USER);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/wallet/pages/wallet/index`);
    await page.locator('.wallet-balance__withdraw').click();
    await page.waitForSelector('.withdraw-hero');
    await settled(page, '.withdraw-hero');
    expect(await page.textContent('.withdraw-hero__amount')).toBe('200.00');
    const preview = await page.textContent('.withdraw-preview');
    expect(preview).toContain('¥200');
    expect(preview).toContain('-¥20');
    expect(await page.textContent('.withdraw-rules')).toContain('原路退回');
    await screenshot(page, 'h5-withdraw-rules');

    // Not armed until the rules are accepted.
    expect(await page.locator('.withdraw-page__submit').getAttribute('disabled')).not.toBe('false');
    await page.locator('.withdraw-agree').click();
    await page.locator('.withdraw-page__submit').click();
    await page.locator('.taro-model__confirm:visible', { hasText: '确认提交' }).click();
    const row = page.locator('.withdrawal-row');
    await row.waitFor();
    expect(await row.locator('.withdrawal-row__status').textContent()).toBe(WITHDRAWAL_STATES.labels.pending);
    expect(await page.textContent('.withdraw-page__submit')).toContain('已有提现申请审核中');
    expect(await ds.getRepository(Withdrawal).findBy({ memberId })).toMatchObject([{ status: 'pending' }]);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-withdraw-pending');
    expect(errors).toEqual([]);
    await context.close();
  });
});
