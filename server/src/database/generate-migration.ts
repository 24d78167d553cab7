import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../config/app-config';
import { buildDataSourceOptions, detectMysqlFlavor } from './data-source-options';

/**
 * Writes a migration with the SQL that brings a MySQL schema, migrated to the latest existing
 * migration, in line with the entities. Uses a scratch database it creates and drops.
 *   pnpm --filter @mall/server migration:generate AddWallet
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
  const serverUrl = process.env.MIGRATION_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_migration_scratch';
  const config = parseDatabaseUrl(serverUrl, 'MIGRATION_DATABASE_URL');
  if (config.type !== 'mysql') throw new Error('MIGRATION_DATABASE_URL must be a mysql:// URL');
  const admin = await createConnection({ uri: config.url.replace(/\/[^/?]*(\?|$)/, '/$1') });
  await admin.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
  await admin.query(`CREATE DATABASE \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await detectMysqlFlavor(config);
  const dataSource = new DataSource(buildDataSourceOptions(config));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and migrations agree: nothing to generate\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((q) => `    await queryRunner.query(${quote(q.query)});`)
      .join('\n');
    const dir = path.resolve(__dirname, '..', '..', 'src', 'database', 'migrations');
    const file = `${timestamp}-${name}`;
    fs.writeFileSync(
      path.join(dir, `${file}.ts`),
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    const indexPath = path.join(dir, 'index.ts');
    let index = fs.readFileSync(indexPath, 'utf8');
    index = `import { ${className} } from './${file}';\n` + index;
    index = index.replace(/MIGRATIONS: Function\[\] = \[([^\]]*)\];/, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .concat(className);
      return `MIGRATIONS: Function[] = [\n  ${items.join(',\n  ')},\n];`;
    });
    fs.writeFileSync(indexPath, index);
    process.stdout.write(`wrote src/database/migrations/${file}.ts (${sql.upQueries.length} statements)\n`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS \`${config.database}\``);
    await admin.end();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
