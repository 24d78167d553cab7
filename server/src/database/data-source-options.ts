import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The same entities on both engines; MySQL gets migrations, the embedded file is synchronized from the entities. */
export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, namingStrategy: new SnakeNamingStrategy(), synchronize: false, logging: false as const };
  if (database.type === 'mysql') {
    return {
      ...common,
      // TypeORM reads MariaDB's information_schema differently (quoted defaults), so it must know which it is.
      type: database.flavor ?? 'mysql',
      ...(database.replica
        ? {
            // Reads stay on the primary unless a caller asks ReadReplica for the replica: read-your-writes by default.
            // A failing node is never dropped from the pool cluster (mysql2 would after 5 errors, for good): ReadReplica
            // decides from its own health check and falls back to the primary.
            replication: {
              master: { url: database.url },
              slaves: [{ url: database.replica.url }],
              defaultMode: 'master' as const,
              canRetry: false,
              removeNodeErrorCount: Number.MAX_SAFE_INTEGER,
            },
          }
        : { url: database.url }),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migration',
      // mysql2 captures a stack trace for every query to decorate a possible error (6 % of a checkout's CPU in the
      // bench profile); TypeORM's QueryFailedError already names the statement.
      trace: false,
      extra: { connectionLimit: 30, waitForConnections: true, enableKeepAlive: true },
    };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    enableWAL: database.file !== ':memory:',
    timeout: 10_000,
  };
}

/** Asks the server whether it is MySQL or MariaDB and records it on the config. */
export async function detectMysqlFlavor(database: DatabaseConfig): Promise<void> {
  if (database.type !== 'mysql' || database.flavor) return;
  const connection = await createConnection({ uri: database.url, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as { version: string }[])[0]?.version ?? '');
    database.flavor = /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}
