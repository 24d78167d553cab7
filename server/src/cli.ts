import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccountService } from './account/account.service';
import { AppModule } from './app.module';
import { JsonLogger } from './common/logging/json-logger';
import { ConfigError, loadConfig } from './config/app-config';
import { resolveJwtSecret } from './config/dev-secret';
import { detectMysqlFlavor } from './database/data-source-options';
import { migrateDatabase } from './database/migrate';
import { DemoSeeder } from './seed/demo-seeder';

const USAGE = 'usage: node dist/cli.js migrate | seed | create-admin <username> <password>';

/** Operations commands: run migrations, seed demo data, create the first admin. */
async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed', 'create-admin'].includes(command)) {
    process.stderr.write(USAGE + '\n');
    process.exit(2);
  }
  const config = loadConfig();
  resolveJwtSecret(config);
  await detectMysqlFlavor(config.database);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger('warn') });
  try {
    await migrateDatabase(app.get<DataSource>(getDataSourceToken()));
    if (command === 'seed') {
      const { seeded } = await app.get(DemoSeeder).seed();
      process.stdout.write(seeded ? 'demo data seeded\n' : 'demo data already present\n');
    } else if (command === 'create-admin') {
      const [username, password] = args;
      if (!username || !password || password.length < 8) throw new Error('create-admin needs a username and a password of 8+ characters');
      await app.get(AccountService).create({ username, password, displayName: username, role: 'admin' });
      process.stdout.write(`admin ${username} created\n`);
    } else {
      process.stdout.write('schema is up to date\n');
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write((error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`) + '\n');
  process.exit(1);
});
