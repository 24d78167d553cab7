import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { RefreshToken } from '@mall/server/auth/refresh-token.entity';
import { DemoSeeder } from '@mall/server/seed/demo-seeder';
import { collectErrors, desktopContext, launchBrowser, phoneContext } from '../helpers/browser';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/test-app';

/** Every CSP violation the page reports (blocked scripts, styles, images, frames…). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

/**
 * The security headers must not break what the server serves: the admin panel, the H5 app (whose
 * index has an inline script, allowed by its hash) and Swagger UI load and work with no CSP
 * violation; and no other site can frame the admin panel.
 */
describe('browser: security headers leave the apps working', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the H5 app runs its inline font-size script and logs in, with no CSP violation', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'csp-carol'));
    const page = await context.newPage();
    const violations = await watchCsp(page);
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/member/index`);
    await page.waitForSelector('.member-card__tier', { timeout: 30_000 });
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toMatch(/px$/);
    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card img, .product-card');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin panel logs in with no CSP violation', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const violations = await watchCsp(page);
    await page.goto(`${t.baseUrl}/admin/`);
    await page.waitForSelector('#username');
    await page.fill('#username', 'admin');
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('Swagger UI renders the API with no CSP violation', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const violations = await watchCsp(page);
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.waitForSelector('.swagger-ui .opblock-tag', { timeout: 30_000 });
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('another site cannot frame the admin panel', async () => {
    // An attacker's page on another origin (another port of this machine) puts the admin in an iframe.
    const evil = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<html><body><iframe id="victim" src="${t.baseUrl}/admin/"></iframe></body></html>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const context = await desktopContext(browser);
      const page = await context.newPage();
      const violations = await watchCsp(page);
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      await page.waitForTimeout(1500);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // The frame exists but the admin never loaded into it: no login form.
      expect(await frame?.$('#username').catch(() => null)).toBeFalsy();
      expect((await violations()).join('\n')).toMatch(/frame-ancestors/);
      await context.close();
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});

/**
 * Refresh tokens are single-use now: the apps must rotate them (store the new pair) and never send
 * one token twice, even when several requests hit an expired access token at once.
 */
describe('browser: the apps keep their session across access-token expiry (rotation)', () => {
  const TTL_SECONDS = 10;
  let t: TestApp;
  let browser: Browser;
  const usedTokens = (kind: 'member' | 'account') =>
    t.app
      .get<DataSource>(getDataSourceToken())
      .getRepository(RefreshToken)
      .countBy({ principalKind: kind, usedAt: Not(IsNull()), revokedAt: IsNull() });
  const revokedTokens = () =>
    t.app
      .get<DataSource>(getDataSourceToken())
      .getRepository(RefreshToken)
      .countBy({ revokedAt: Not(IsNull()) });
  const expire = () => new Promise((resolve) => setTimeout(resolve, (TTL_SECONDS + 1.5) * 1000));
  /** The page may render from its store before the refreshed request returns: wait for the rotation to land. */
  const eventually = async (read: () => Promise<number>): Promise<number> => {
    for (let i = 0; i < 40; i++) {
      const value = await read();
      if (value > 0) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return read();
  };

  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
    await t.app.get(DemoSeeder).seed();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the admin panel refreshes once and stays signed in', async () => {
    const context = await desktopContext(browser);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/admin/`);
    await page.waitForSelector('#username');
    await page.fill('#username', 'admin');
    await page.fill('#password', TEST_ADMIN_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=dashboard]');
    await expire();
    await page.goto(`${t.baseUrl}/admin/accounts`);
    await page.waitForSelector('.ant-table-row', { timeout: 30_000 });
    expect(page.url()).toBe(`${t.baseUrl}/admin/accounts`);
    expect(await eventually(() => usedTokens('account'))).toBeGreaterThanOrEqual(1);
    expect(await revokedTokens()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the H5 app refreshes instead of signing in again with WeChat', async () => {
    const context = await phoneContext(browser);
    await context.addInitScript(() => localStorage.setItem('mall.devUser', 'rotating-rose'));
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${t.baseUrl}/h5/#/pages/member/index`);
    await page.waitForSelector('.member-card__tier', { timeout: 30_000 });
    const wxLogins = async () =>
      (await t.http().get('/__wechat/sim/calls?api=jscode2session').expect(200)).body.items.filter(
        (c: { request: { user?: string } }) => c.request.user === 'rotating-rose',
      ).length;
    const loginsBefore = await wxLogins();
    await expire();
    // Moving between tabs (no reload: a reload starts with wx.login like a fresh launch) refetches member data.
    await page.goto(`${t.baseUrl}/h5/#/pages/index/index`);
    await page.waitForSelector('.product-card');
    await page.goto(`${t.baseUrl}/h5/#/pages/member/index`);
    await page.waitForSelector('.member-card__tier', { timeout: 30_000 });
    expect(await eventually(() => usedTokens('member'))).toBeGreaterThanOrEqual(1);
    expect(await wxLogins()).toBe(loginsBefore);
    expect(await revokedTokens()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
