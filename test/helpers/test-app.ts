import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { MemberLoginResponse, AccountLoginResponse } from '@mall/shared';
import { createApp, listen } from '@mall/server/app.factory';
import { AppConfig, loadConfig } from '@mall/server/config/app-config';
import { AccountService } from '@mall/server/account/account.service';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN_PASSWORD = 'admin-test-password';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** Logs a simulated WeChat user in with a fresh code; the same `user` is the same openid. */
  loginMember(user: string): Promise<MemberLoginResponse>;
  loginAccount(username: string, password?: string): Promise<AccountLoginResponse>;
  createAccount(input: Parameters<AccountService['create']>[0]): Promise<void>;
  close(): Promise<void>;
}

let codeSeq = 0;

/**
 * Boots the real Nest app on a fresh real database, listening on a random loopback port, with the
 * WeChat simulator mounted. Extra env overrides the defaults. With `options.database` (another
 * app's `db`) it is a second instance on the same database, which its close() leaves in place.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { database?: TestDatabase } = {}): Promise<TestApp> {
  const ownsDatabase = !options.database;
  const db = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_BOOTSTRAP_PASSWORD: TEST_ADMIN_PASSWORD,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  let app: NestExpressApplication;
  try {
    app = await createApp(config);
  } catch (error) {
    if (ownsDatabase) await db.drop();
    throw error;
  }
  const baseUrl = await listen(app, config);
  const http = () => request(baseUrl);

  return {
    app,
    config,
    baseUrl,
    db,
    http,
    async loginMember(user) {
      codeSeq += 1;
      const res = await http()
        .post('/api/auth/wechat/login')
        .send({ code: `${user}:c${Date.now()}x${codeSeq}` });
      if (res.status !== 200) throw new Error(`member login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async loginAccount(username, password = TEST_ADMIN_PASSWORD) {
      const res = await http().post('/api/admin/auth/login').send({ username, password });
      if (res.status !== 200) throw new Error(`account login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async createAccount(input) {
      await app.get(AccountService).create(input);
    },
    async close() {
      await app.close();
      if (ownsDatabase) await db.drop();
    },
  };
}
