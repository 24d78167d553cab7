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
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '*' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, proxy.internal' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1/8/1' }, 'TRUST_PROXY'],
    [{ WECHAT_SIMULATOR_OPEN: 'sure' }, 'WECHAT_SIMULATOR_OPEN'],
    [{ ...liveEnv(), WECHAT_SIMULATOR_OPEN: 'true' }, 'WECHAT_SIMULATOR_OPEN'],
    [{ API_DOCS: 'public' }, 'API_DOCS'],
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

  describe('JWT secret', () => {
    it('has no built-in value: without JWT_SECRET a secret is generated for the data directory', () => {
      const sqlite = loadConfig({}, '/srv/mall');
      expect(sqlite.jwt.secret).toBe('');
      expect(sqlite.jwt.devSecret).toEqual({ file: '/srv/mall/data/jwt-dev-secret' });
      expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/mall/demo.sqlite' }).jwt.devSecret).toEqual({ file: '/var/lib/mall/jwt-dev-secret' });
      expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/mall' }, '/srv/mall').jwt.devSecret).toEqual({ file: '/srv/mall/data/jwt-dev-secret' });
      expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).jwt.devSecret).toEqual({ file: null });
    });

    it('uses JWT_SECRET as given, and production still requires it', () => {
      const config = loadConfig({ JWT_SECRET: 's'.repeat(40) });
      expect(config.jwt).toMatchObject({ secret: 's'.repeat(40), devSecret: null });
      expect(() => loadConfig({ ...liveEnv(), NODE_ENV: 'production' })).toThrow('JWT_SECRET');
    });
  });

  describe('HTTP settings', () => {
    it('trusts X-Forwarded-For from loopback by default, from nobody with none, or from the listed proxies', () => {
      expect(loadConfig({}).http.trustProxy).toEqual(['loopback']);
      expect(loadConfig({ TRUST_PROXY: 'none' }).http.trustProxy).toEqual([]);
      expect(loadConfig({ TRUST_PROXY: ' 10.0.0.5 , 192.168.0.0/16,uniquelocal, ::1, fd00::/8 ' }).http.trustProxy).toEqual([
        '10.0.0.5',
        '192.168.0.0/16',
        'uniquelocal',
        '::1',
        'fd00::/8',
      ]);
    });

    it('serves the API docs outside production only, unless told otherwise', () => {
      expect(loadConfig({}).http.apiDocs).toBe(true);
      expect(loadConfig({ ...liveEnv(), NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) }).http.apiDocs).toBe(false);
      expect(loadConfig({ ...liveEnv(), NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), API_DOCS: 'true' }).http.apiDocs).toBe(true);
      expect(loadConfig({ API_DOCS: 'false' }).http.apiDocs).toBe(false);
    });

    it('keeps the simulator to loopback callers unless WECHAT_SIMULATOR_OPEN=true', () => {
      expect(loadConfig({}).wechat.simulatorOpen).toBe(false);
      expect(loadConfig({ WECHAT_SIMULATOR_OPEN: 'true' }).wechat.simulatorOpen).toBe(true);
    });
  });
});
