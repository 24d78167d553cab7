import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from './app-config';
import { readOrCreateSecret, resolveJwtSecret, securityWarnings } from './dev-secret';

describe('development JWT secret', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-secret-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const configIn = (folder: string) => loadConfig({ DATABASE_URL: `sqlite:${path.join(folder, 'mall.sqlite')}` });

  it('is generated once per data directory, kept owner-only, and read back after a restart', () => {
    const first = configIn(dir);
    resolveJwtSecret(first);
    expect(first.jwt.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'jwt-dev-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const restarted = configIn(dir);
    resolveJwtSecret(restarted);
    expect(restarted.jwt.secret).toBe(first.jwt.secret);
    expect(fs.readdirSync(dir)).toEqual(['jwt-dev-secret']);
  });

  it('differs between data directories, and is new per process for an in-memory database', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-secret-'));
    try {
      const a = configIn(dir);
      const b = configIn(other);
      resolveJwtSecret(a);
      resolveJwtSecret(b);
      expect(a.jwt.secret).not.toBe(b.jwt.secret);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
    const m1 = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
    const m2 = loadConfig({ DATABASE_URL: 'sqlite::memory:' });
    resolveJwtSecret(m1);
    resolveJwtSecret(m2);
    expect(m1.jwt.secret).not.toBe(m2.jwt.secret);
    expect(m1.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('leaves JWT_SECRET alone and writes nothing', () => {
    const config = loadConfig({ JWT_SECRET: 'j'.repeat(40), DATABASE_URL: `sqlite:${path.join(dir, 'mall.sqlite')}` });
    resolveJwtSecret(config);
    expect(config.jwt.secret).toBe('j'.repeat(40));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('keeps a secret another process wrote first, and refuses a truncated one', () => {
    const file = path.join(dir, 'nested', 'jwt-dev-secret');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'x'.repeat(40) + '\n');
    expect(readOrCreateSecret(file)).toBe('x'.repeat(40));
    fs.writeFileSync(file, 'short');
    expect(() => readOrCreateSecret(file)).toThrow('too short');
  });

  it('warns at boot about the development secret and the simulator', () => {
    const config = configIn(dir);
    const warnings = securityWarnings(config);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('JWT_SECRET is not set');
    expect(warnings[0]).toContain(path.join(dir, 'jwt-dev-secret'));
    expect(warnings[1]).toContain('this machine only');
    config.wechat.simulatorOpen = true;
    expect(securityWarnings(config)[1]).toContain('OPEN to every caller');
    expect(securityWarnings(loadConfig({ JWT_SECRET: 'j'.repeat(40), WECHAT_MODE: 'simulator' }))).toHaveLength(1);
  });
});
