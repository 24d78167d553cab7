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

  it('uses live WeChat when real credentials are present', () => {
    const config = loadConfig({ WECHAT_APP_ID: 'wx123', WECHAT_APP_SECRET: 'secret' });
    expect(config.wechat).toMatchObject({ mode: 'live', apiBaseUrl: 'https://api.weixin.qq.com' });
  });
});
