import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '@mall/server/config/app-config';

export interface TestDatabase {
  url: string;
  kind: 'mysql' | 'sqlite';
  drop(): Promise<void>;
}

/**
 * A fresh database for one suite: on the MariaDB/MySQL server named by TEST_DATABASE_URL a new
 * schema `<db>_<random>` (dropped afterwards), otherwise a new embedded SQLite file in a temp dir.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  const suffix = randomBytes(4).toString('hex');
  if (base && !/^(mysql|mariadb|sqlite):/.test(base)) {
    throw new Error(
      `TEST_DATABASE_URL must be mysql://…, mariadb://… or sqlite:… (got ${base.replace(/\/\/[^@]*@/, '//***@')}); refusing to fall back to the embedded default`,
    );
  }
  if (base && /^(mysql|mariadb):/.test(base)) {
    const parsed = parseDatabaseUrl(base, 'TEST_DATABASE_URL');
    if (parsed.type !== 'mysql') throw new Error('unreachable');
    const name = `${parsed.database}_${suffix}`.slice(0, 64);
    const serverUrl = new URL(parsed.url);
    serverUrl.pathname = '/';
    const admin = await createConnection({ uri: serverUrl.toString() });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(parsed.url);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'mysql',
      async drop() {
        const conn = await createConnection({ uri: serverUrl.toString() });
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-test-'));
  return {
    url: `sqlite:${path.join(dir, 'mall.sqlite')}`,
    kind: 'sqlite',
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
