import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { AccountService } from './account/account.service';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { JsonLogger } from './common/logging/json-logger';
import { requestLogMiddleware } from './common/logging/request-log.middleware';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { resolveJwtSecret } from './config/dev-secret';
import { detectMysqlFlavor } from './database/data-source-options';
import { migrateDatabase } from './database/migrate';
import { DemoSeeder } from './seed/demo-seeder';
import { PointsLedgerService } from './points/points-ledger.service';
import { GrowthService } from './tier/growth.service';
import { WalletSettingsService } from './wallet/wallet-settings.service';

/** Serves a built single-page app under `prefix`, falling back to its index.html for client routes. */
function mountSpa(server: Express, prefix: string, dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  server.use(prefix, express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  server.use(prefix, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || path.extname(req.path)) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

function noCacheForHtml(res: Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('cache-control', 'no-cache');
}

/** Builds the Nest app with every cross-cutting piece (pipes, errors, logs, docs, static apps); does not listen. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  resolveJwtSecret(config);
  await detectMysqlFlavor(config.database);
  const logger = new JsonLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    rawBody: true,
    logger,
    bodyParser: false,
    // Throw instead of process.exit so callers (main, tests) see the cause.
    abortOnError: false,
  });
  app.useLogger(logger);
  const server = app.getHttpAdapter().getInstance() as unknown as Express;
  server.disable('x-powered-by');
  server.set('trust proxy', 'loopback');
  app.use(requestLogMiddleware);
  // rawBody is kept for signature checks (WeChat Pay notifies sign the exact bytes).
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('会员商城 Member Mall API')
      .setDescription('Members under /api, staff under /api/staff, operations under /api/admin. Amounts are integers in fen.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const root = config.staticRoot;
  server.use('/static', express.static(path.join(root, 'server', 'assets'), { maxAge: '1d' }));
  const adminServed = mountSpa(server, '/admin', path.join(root, 'admin', 'dist'));
  const h5Served = mountSpa(server, '/h5', path.join(root, 'miniapp', 'dist', 'h5'));
  server.get('/', (_req: Request, res: Response) => res.redirect(h5Served ? '/h5/' : adminServed ? '/admin/' : '/api/docs'));

  await prepareData(app, config);
  return app;
}

async function prepareData(app: NestExpressApplication, config: AppConfig): Promise<void> {
  if (config.migrateOnBoot) await migrateDatabase(app.get<DataSource>(getDataSourceToken()));
  // Settings rows exist before any request, so no transaction ever has to create one.
  await Promise.all([app.get(WalletSettingsService).get(), app.get(PointsLedgerService).settings(), app.get(GrowthService).settings()]);
  if (config.seedDemoData) await app.get(DemoSeeder).seed();
  if (config.adminBootstrapPassword) await app.get(AccountService).ensureBootstrapAdmin(config.adminBootstrapPassword);
}

/** Listens, then points the WeChat client at this process's own simulator when no base URL was configured. */
export async function listen(app: NestExpressApplication, config: AppConfig): Promise<string> {
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (config.wechat.mode === 'simulator') {
    const self = `http://127.0.0.1:${port}`;
    config.wechat.apiBaseUrl ??= `${self}/__wechat`;
    config.wechatPay.apiBaseUrl ??= `${self}/__wechat/pay`;
    config.wechatPay.notifyUrl ??= `${self}/api/payments/wechat/notify`;
  }
  return `http://localhost:${port}`;
}
