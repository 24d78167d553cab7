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
import { jsonBodyParser, requireJsonBody } from './common/http/json-body';
import { type CspOptions, cspForPage, securityHeaders } from './common/http/security-headers';
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

/**
 * Serves a built single-page app under `prefix`, falling back to its index.html for client routes.
 * The page gets the common CSP plus the hashes of its own inline scripts, nothing looser.
 */
function mountSpa(server: Express, prefix: string, dir: string, production: boolean, csp: CspOptions): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const pageCsp = cspForPage(fs.readFileSync(index, 'utf8'), production, csp);
  const htmlHeaders = (res: Response) => {
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', pageCsp);
  };
  server.use(prefix, express.static(dir, { index: false, maxAge: '1h', setHeaders: (res, file) => file === index && htmlHeaders(res) }));
  server.use(prefix, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || path.extname(req.path)) return next();
    htmlHeaders(res);
    res.sendFile(index);
  });
  return true;
}

/** Builds the Nest app with every cross-cutting piece (pipes, errors, logs, docs, static apps); does not listen. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  resolveJwtSecret(config);
  await detectMysqlFlavor(config.database);
  const production = config.nodeEnv === 'production';
  const csp: CspOptions = { simulator: config.wechat.mode === 'simulator' };
  const logger = new JsonLogger(config.logLevel, config.logFormat);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    bodyParser: false,
    // Throw instead of process.exit so callers (main, tests) see the cause.
    abortOnError: false,
  });
  app.useLogger(logger);
  const server = app.getHttpAdapter().getInstance() as unknown as Express;
  server.disable('x-powered-by');
  // req.ip (rate limits, logs, the simulator's loopback check) believes X-Forwarded-For only from these.
  server.set('trust proxy', config.http.trustProxy.length > 0 ? config.http.trustProxy : false);
  app.use(securityHeaders(production, csp));
  app.use(requestLogMiddleware);
  app.use(requireJsonBody);
  app.use(jsonBodyParser());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  if (config.http.apiDocs) {
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
  }

  const root = config.staticRoot;
  // Product images are shown by the mini-program and the H5 dev server too (other origins).
  const publicAsset = (res: Response) => res.setHeader('cross-origin-resource-policy', 'cross-origin');
  server.use('/static', express.static(path.join(root, 'server', 'assets'), { maxAge: '1d', setHeaders: publicAsset }));
  // Uploaded images: random keys, immutable; served as the type their bytes were checked to be.
  server.use('/uploads', express.static(config.uploads.dir, { index: false, dotfiles: 'deny', maxAge: '30d', immutable: true, setHeaders: publicAsset }));
  const adminServed = mountSpa(server, '/admin', path.join(root, 'admin', 'dist'), production, csp);
  const h5Served = mountSpa(server, '/h5', path.join(root, 'miniapp', 'dist', 'h5'), production, csp);
  const home = h5Served ? '/h5/' : adminServed ? '/admin/' : config.http.apiDocs ? '/api/docs' : '/api/health';
  server.get('/', (_req: Request, res: Response) => res.redirect(home));

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
