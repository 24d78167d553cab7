import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Test honesty: the integration database really is the one asked for. CI sets EXPECT_DATABASE for
 * each leg (mariadb, sqlite); without it the suite checks that TEST_DATABASE_URL was honoured.
 */
describe('the integration database is the one the run asked for', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('runs on MariaDB when asked, and on the embedded file otherwise', async () => {
    const ds = t.app.get<DataSource>(getDataSourceToken());
    const expected = process.env.EXPECT_DATABASE ?? (/^(mysql|mariadb):/.test(process.env.TEST_DATABASE_URL ?? '') ? 'mariadb' : 'sqlite');
    if (expected === 'mariadb') {
      expect(ds.options.type).toMatch(/^(mysql|mariadb)$/);
      const [{ v }] = await ds.query('SELECT VERSION() AS v');
      expect(String(v)).toMatch(/MariaDB/);
      expect(t.db.kind).toBe('mysql');
    } else {
      expect(expected).toBe('sqlite');
      expect(ds.options.type).toBe('better-sqlite3');
      const [{ v }] = await ds.query('SELECT sqlite_version() AS v');
      expect(String(v)).toMatch(/^3\./);
    }
  });
});
