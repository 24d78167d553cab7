import type { DataSource } from 'typeorm';

/**
 * Brings the schema up to date. On MySQL, pending migrations run under a named lock so that two
 * instances booting together do not both apply them; the embedded file synchronizes from entities.
 */
export async function migrateDatabase(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') {
    await dataSource.synchronize();
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = await runner.query(`SELECT GET_LOCK('mall_schema_migrations', 120) AS acquired`);
    if (Number(lock.acquired) !== 1) throw new Error('could not acquire the schema migration lock within 120 s');
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query(`SELECT RELEASE_LOCK('mall_schema_migrations')`);
    }
  } finally {
    await runner.release();
  }
}
