import { liveEnv } from '../testing/live-env';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded database and the WeChat simulator', () => {
    const config = loadConfig({}, '/srv/mall');
    expect(config.database).toEqual({ type: 'better-sqlite3', file: '/srv/mall/data/mall.sqlite' });
    expect(config.wechat.mode).toBe('simulator');
    expect(config.port).toBe(3000);
  });

  it('parses a mysql URL and keeps the database name', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/mall' });
    expect(config.database).toMatchObject({ type: 'mysql', database: 'mall' });
  });

  it.each([
    [{ DATABASE_URL: 'foo://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://root@127.0.0.1:3306/' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }, 'WECHAT_MODE'],
    [{ WECHAT_MODE: 'live' }, 'WECHAT_APP_ID'],
    [{ NODE_ENV: 'production', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' }, 'JWT_SECRET'],
    [{ MIGRATE_ON_BOOT: 'maybe' }, 'MIGRATE_ON_BOOT'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('uses live WeChat and WeChat Pay when real credentials are present', () => {
    const config = loadConfig(liveEnv());
    expect(config.wechat).toMatchObject({ mode: 'live', apiBaseUrl: 'https://api.weixin.qq.com' });
    expect(config.wechatPay).toMatchObject({ mchId: '1900000109', apiBaseUrl: 'https://api.mch.weixin.qq.com' });
    expect(config.simulator).toBeNull();
  });

  it.each(['WECHATPAY_MCH_ID', 'WECHATPAY_API_V3_KEY', 'WECHATPAY_PRIVATE_KEY_PATH', 'WECHATPAY_PUBLIC_KEY_PATH', 'WECHATPAY_NOTIFY_URL'])(
    'live mode names a missing or bad %s',
    (variable) => {
      const env = liveEnv();
      delete env[variable];
      expect(() => loadConfig(env)).toThrow(variable);
      expect(() => loadConfig({ ...env, [variable]: 'x' })).toThrow(variable);
    },
  );

  it('generates simulator merchant and platform keys that are real RSA key pairs', () => {
    const config = loadConfig({});
    expect(config.wechatPay.merchantPrivateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(config.wechatPay.platformPublicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(config.simulator?.platformPrivateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(config.wechatPay.apiV3Key).toHaveLength(32);
  });
});
