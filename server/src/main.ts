import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { securityWarnings } from './config/dev-secret';
import { createApp, listen } from './app.factory';
import { DEMO_STAFF_PASSWORD } from './seed/demo-seeder';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  const url = await listen(app, config);
  if (config.logLevel !== 'silent') {
    const lines = [
      `会员商城 is running on ${url}`,
      `  mini-program (H5):  ${url}/h5/`,
      `  admin panel:        ${url}/admin/`,
      `  API docs:           ${config.http.apiDocs ? `${url}/api/docs` : 'off (API_DOCS=true serves them)'}`,
      `  health:             ${url}/api/health`,
      `  database:           ${config.database.type === 'mysql' ? config.database.url.replace(/\/\/[^@]*@/, '//***@') : config.database.file}`,
      `  WeChat:             ${config.wechat.mode}${config.wechat.mode === 'simulator' ? ` (${url}/__wechat)` : ''}`,
    ];
    if (config.seedDemoData) {
      lines.push(
        '  demo accounts:      admin / ' + (config.adminBootstrapPassword ?? '(set ADMIN_BOOTSTRAP_PASSWORD)'),
        `                      manager1, staff1, staff2 / ${DEMO_STAFF_PASSWORD}`,
        '  demo member:        open /h5/ — the simulator logs you in as a new WeChat user',
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
    printWarnings(securityWarnings(config));
  }
}

/** A banner on stderr that is hard to miss: what this instance runs with that production must not. */
function printWarnings(warnings: string[]): void {
  if (warnings.length === 0) return;
  const rule = '!'.repeat(100);
  process.stderr.write([rule, ...warnings.map((w) => `!! WARNING: ${w}`), rule].join('\n') + '\n');
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
