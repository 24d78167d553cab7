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
import { AUDIT_CHECKS, LedgerAuditService, type AuditReport } from './integrity/ledger-audit.service';

const USAGE = 'usage: node dist/cli.js migrate | seed | create-admin <username> <password> | audit-ledger [--json]';

/** Operations commands: run migrations, seed demo data, create the first admin. */
async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (!command || !['migrate', 'seed', 'create-admin', 'audit-ledger'].includes(command)) {
    process.stderr.write(USAGE + '\n');
    process.exit(2);
  }
  // One-off commands never start the scheduled jobs.
  const config = loadConfig({ ...process.env, JOBS_ENABLED: 'false' });
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
    } else if (command === 'audit-ledger') {
      const report = await app.get(LedgerAuditService).run();
      if (args.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else process.stdout.write(formatAuditReport(report));
      if (!report.ok) process.exitCode = 1;
    } else {
      process.stdout.write('schema is up to date\n');
    }
  } finally {
    await app.close();
  }
}

function formatAuditReport(report: AuditReport): string {
  const lines = AUDIT_CHECKS.map(
    (check) => `${report.counts[check] === 0 ? '✔' : '✖'} ${check}${report.counts[check] ? `: ${report.counts[check]} violation(s)` : ''}`,
  );
  for (const v of report.violations) lines.push(`  ${v.check} · ${v.subject}: ${v.detail}`);
  lines.push(report.ok ? 'ledger audit passed' : `ledger audit FAILED: ${report.violations.length} violation(s)`);
  return lines.join('\n') + '\n';
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write((error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`) + '\n');
  process.exit(1);
});
