import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { beijingMinute } from '@mall/shared';
import { Account } from '@mall/server/account/account.entity';
import { RefreshToken } from '@mall/server/auth/refresh-token.entity';
import { DEMO_STAFF_PASSWORD, DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, phoneContext, screenshot } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';

const SESSION_KEY = 'mall.admin.session';
const STAFF_SESSION_KEY = 'mall.staffSession';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const IPHONE_WECHAT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI Language/zh_CN miniProgram/wx0123456789';

/** Logout, an admin ending another account's sessions, and staff mode's sign-out, each checked against the server. */
describe('browser: sessions end from the admin panel and staff mode', () => {
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

  /** A password login with a chosen User-Agent, as a browser or WeChat on a phone would send it. */
  async function loginAs(username: string, userAgent: string) {
    const res = await t.http().post('/api/admin/auth/login').set('user-agent', userAgent).send({ username, password: DEMO_STAFF_PASSWORD }).expect(200);
    return res.body as { accessToken: string; refreshToken: string };
  }
  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });

  async function adminPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
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

  it('退出登录 ends the session on the server: back to the login page, and its refresh token is refused', async () => {
    const { page, errors, close } = await adminPage();
    const { accessToken, refreshToken } = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).tokens, SESSION_KEY);
    const logout = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: '退出登录' }).click();
    expect((await logout).status()).toBe(204);
    await page.waitForURL('**/admin/login');
    await page.waitForSelector('#username');
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();

    expect((await refresh(refreshToken)).status).toBe(401);
    // Its access token stops too (the session is revoked, not just forgotten by the browser).
    expect((await t.http().get('/api/admin/accounts').set('authorization', `Bearer ${accessToken}`)).status).toBe(401);
    // Going back into the panel needs a new login.
    await page.goto(`${t.baseUrl}/admin/accounts`);
    await page.waitForURL('**/admin/login');
    expect(errors).toEqual([]);
    await close();
  });

  it("a super admin lists an account's sessions, ends one (its refresh gets 401, the other still works), then ends all", async () => {
    const manager = await ds.getRepository(Account).findOneByOrFail({ username: 'manager1' });
    const desk = await loginAs('manager1', WINDOWS_CHROME);
    const phone = await loginAs('manager1', IPHONE_WECHAT);
    const { page, errors, close } = await adminPage();

    await page.goto(`${t.baseUrl}/admin/accounts`);
    await page.locator('tr', { hasText: 'manager1' }).getByText('登录会话').click();
    const drawer = page.locator('.ant-drawer-open');
    await drawer.getByText(`${manager.displayName}（manager1）的登录会话`).waitFor();
    const rows = drawer.locator('.ant-table-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const deskRow = rows.filter({ hasText: 'Chrome · Windows' });
    const phoneRow = rows.filter({ hasText: '微信小程序 · iOS' });
    expect(await deskRow.count()).toBe(1);
    expect(await phoneRow.count()).toBe(1);
    // Times are Beijing wall-clock minutes; the full user agent is in the device's tooltip.
    const [session] = (
      await t
        .http()
        .get(`/api/admin/accounts/${manager.id}/sessions`)
        .set('authorization', `Bearer ${(await t.loginAccount('admin')).accessToken}`)
        .expect(200)
    ).body.items;
    expect(await drawer.textContent()).toContain(beijingMinute(session.createdAt));
    await phoneRow.locator('[data-testid=session-device]').hover();
    await page.locator('.ant-tooltip', { hasText: 'MicroMessenger/8.0.50' }).waitFor();
    await screenshot(page, 'admin-account-sessions');

    // 下线 the phone's session, after confirming (the device tooltip is closed first so it covers nothing). The
    // row leaving the list is the outcome waited for: the success toast lasts 3 s and can be missed on a loaded machine.
    await page.mouse.move(0, 0);
    await page.locator('.ant-tooltip', { hasText: 'MicroMessenger/8.0.50' }).waitFor({ state: 'hidden' });
    await phoneRow.getByRole('button', { name: '下线' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '下线' }).click();
    await phoneRow.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    const rotated = await refresh(desk.refreshToken);
    expect(rotated.status).toBe(200);

    // 全部下线 ends the rest (the desk session, now on its rotated token).
    // The first confirmation must be gone before the second opens (on a loaded machine its closing animation lingers).
    await page.locator('.ant-popconfirm', { hasText: '下线' }).first().waitFor({ state: 'hidden' });
    await drawer.getByRole('button', { name: '全部下线' }).click();
    const revokedAll = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && /\/api\/admin\/accounts\/\d+\/sessions$/.test(new URL(r.url()).pathname),
    );
    await page.locator('.ant-popconfirm').getByRole('button', { name: '全部下线' }).click();
    expect((await revokedAll).status()).toBe(200);
    await drawer.getByText('暂无有效会话').waitFor();
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    expect(await drawer.getByRole('button', { name: '全部下线' }).isDisabled()).toBe(true);
    expect(await ds.getRepository(RefreshToken).countBy({ principalKind: 'account', principalId: manager.id, revokedAt: IsNull(), usedAt: IsNull() })).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('ending your own current session from the drawer signs this browser out', async () => {
    const { page, errors, close } = await adminPage();
    await page.goto(`${t.baseUrl}/admin/accounts`);
    await page.locator('tr', { hasText: '超级管理员' }).filter({ hasText: 'admin' }).getByText('登录会话').click();
    const mine = page.locator('.ant-drawer-open .ant-table-row', { hasText: '当前会话' });
    await mine.waitFor();
    await mine.getByRole('button', { name: '下线' }).click();
    await page.locator('.ant-popconfirm', { hasText: '这是你当前的登录' }).getByRole('button', { name: '下线' }).click();
    await page.waitForURL('**/admin/login');
    expect(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)).toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('退出员工模式 in the H5 app ends the staff session on the server and returns to 我的', async () => {
    const guide = await ds.getRepository(Account).findOneByOrFail({ username: 'staff1' });
    const admin = `Bearer ${(await t.loginAccount('admin')).accessToken}`;
    const invite = (await t.http().post(`/api/admin/accounts/${guide.id}/invites`).set('authorization', admin).expect(201)).body;

    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'browser-leaving-guide'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/subpackages/staff/pages/index/index`);
    await page.locator('.staff-link__input input').fill(invite.code);
    await page.getByText('绑定员工账号').click();
    await page.waitForSelector('.staff-hero__name');
    // Taro keeps its storage as JSON {data: …} in localStorage.
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).data, STAFF_SESSION_KEY);
    expect(stored.account.username).toBe('staff1');

    await page.locator('.staff-home__sign-out').click();
    const logout = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.locator('.taro-model__confirm:visible', { hasText: '退出' }).click();
    expect((await logout).status()).toBe(204);
    await page.waitForSelector('.mine-menu');
    expect(page.url()).toContain('/pages/mine/index');
    expect(await page.evaluate((key) => localStorage.getItem(key), STAFF_SESSION_KEY)).toBeNull();
    expect((await refresh(stored.refreshToken)).status).toBe(401);
    expect(await ds.getRepository(RefreshToken).countBy({ principalKind: 'account', principalId: guide.id, revokedAt: Not(IsNull()) })).toBeGreaterThan(0);
    await page.waitForTimeout(600); // let the tab switch finish before the picture
    await screenshot(page, 'h5-staff-signed-out');
    expect(errors).toEqual([]);
    await context.close();
  });
});
