#!/usr/bin/env node
// pnpm bench:dashboards: every dashboard query of the admin's 数据看板 timed against a large data set on MariaDB.
// The data set comes from `seed:large` (server/dist/seed/large-seed.js: batched multi-row inserts, then the
// rollup backfill); sizes are SEED_MEMBERS / SEED_ORDERS / SEED_DAYS (defaults 1,000,000 / 5,000,000 / 365;
// `--quick`: 5,000 / 20,000 over 60 days). BENCH_REUSE=1 keeps an already seeded database (seeding is the slow part).
// Each query runs once to warm up, then 5 times; the target is ≤ 1,000 ms each. Results go to docs/BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const QUICK = process.argv.includes('--quick');
const DB_URL = process.env.BENCH_DASHBOARD_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench_dashboards';
const SIZES = {
  SEED_MEMBERS: process.env.SEED_MEMBERS ?? (QUICK ? '5000' : '1000000'),
  SEED_ORDERS: process.env.SEED_ORDERS ?? (QUICK ? '20000' : '5000000'),
  SEED_DAYS: process.env.SEED_DAYS ?? (QUICK ? '60' : '365'),
};
const PORT = 3905;
const TARGET_MS = 1000;
const log = (...args) => console.log('[bench:dashboards]', ...args);

async function waitFor(url, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

async function call(url, token) {
  const res = await fetch(`http://127.0.0.1:${PORT}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status} ${text.slice(0, 300)}`);
  return text;
}

const beijingDay = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

async function counts(db) {
  const one = async (sql) => Number((await db.query(sql))[0][0].n);
  return {
    members: await one('SELECT COUNT(*) AS n FROM member'),
    orders: await one('SELECT COUNT(*) AS n FROM shop_order'),
    walletEntries: await one('SELECT COUNT(*) AS n FROM wallet_entry'),
    pointsEntries: await one('SELECT COUNT(*) AS n FROM points_entry'),
    salesRows: await one('SELECT COUNT(*) AS n FROM analytics_sales_day'),
  };
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'seed', 'large-seed.js'))) throw new Error('build first: pnpm --filter @mall/server build');
  const dbName = new URL(DB_URL).pathname.slice(1);
  const adminUrl = new URL(DB_URL);
  adminUrl.pathname = '/';
  const root = await mysql.createConnection({ uri: adminUrl.toString() });
  const [[exists]] = await root.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?', [dbName, 'shop_order']);
  let seeded = false;
  if (process.env.BENCH_REUSE === '1' && Number(exists.n) > 0) {
    log(`reusing ${dbName}`);
  } else {
    await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await root.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    log(`seeding ${dbName}: ${SIZES.SEED_MEMBERS} members, ${SIZES.SEED_ORDERS} orders over ${SIZES.SEED_DAYS} days`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'server', 'dist', 'seed', 'large-seed.js')], {
      env: { ...process.env, ...SIZES, DATABASE_URL: DB_URL, NODE_ENV: 'development', WECHAT_MODE: 'simulator', LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error('seed:large failed');
    log(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
    seeded = true;
  }
  await root.end();

  const server = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      WECHAT_MODE: 'simulator',
      WECHAT_APP_ID: 'wxbench0000000001',
      WECHAT_APP_SECRET: 'bench-app-secret',
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
      DATABASE_URL: DB_URL,
      MIGRATE_ON_BOOT: 'true',
      ADMIN_BOOTSTRAP_PASSWORD: 'bench-admin-pass',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/api/health`);
    const db = await mysql.createConnection({ uri: DB_URL });
    const sizes = await counts(db);
    await db.end();
    log(`data: ${JSON.stringify(sizes)}`);
    const res = await fetch(`http://127.0.0.1:${PORT}/api/admin/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'bench-admin-pass' }),
    });
    const { accessToken: token } = await res.json();
    const today = beijingDay(Date.now());
    const d30 = beijingDay(Date.now() - 29 * 86_400_000);
    const d365 = beijingDay(Date.now() - 364 * 86_400_000);
    const month = today.slice(0, 7);
    const month11 = beijingDay(Date.now() - 335 * 86_400_000).slice(0, 7);
    const queries = {
      'sales, 30 days': `/api/admin/analytics/sales?from=${d30}&to=${today}`,
      'sales, 365 days': `/api/admin/analytics/sales?from=${d365}&to=${today}`,
      'stores, 365 days': `/api/admin/analytics/sales-by?groupBy=store&from=${d365}&to=${today}`,
      'guides, 365 days': `/api/admin/analytics/sales-by?groupBy=guide&from=${d365}&to=${today}`,
      'channels, 365 days': `/api/admin/analytics/sales-by?groupBy=channel&from=${d365}&to=${today}`,
      'SVIP, 365 days': `/api/admin/analytics/svip?from=${d365}&to=${today}`,
      'liabilities, 365 days': `/api/admin/analytics/liabilities?from=${d365}&to=${today}`,
      'members by tier / stage': '/api/admin/analytics/members',
      'store 1 sales, 365 days': `/api/admin/analytics/sales?from=${d365}&to=${today}&storeId=1`,
      'store 1 members': '/api/admin/analytics/members?storeId=1',
      'funnels, 365 days': `/api/admin/analytics/funnels?from=${d365}&to=${today}`,
      'LTV, 12 cohorts': `/api/admin/analytics/ltv?fromMonth=${month11}&toMonth=${month}`,
      'permission matrix': '/api/admin/permissions',
      'CSV sales, 365 days': `/api/admin/analytics/export.csv?table=sales&from=${d365}&to=${today}`,
      'CSV guides, 365 days': `/api/admin/analytics/export.csv?table=guides&from=${d365}&to=${today}`,
      'CSV LTV': `/api/admin/analytics/export.csv?table=ltv&fromMonth=${month11}&toMonth=${month}`,
    };
    const rows = [];
    for (const [name, url] of Object.entries(queries)) {
      await call(url, token);
      const times = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await call(url, token);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({ name, median: times[2], worst: times[4] });
      log(`${name}: median ${times[2].toFixed(0)} ms, worst ${times[4].toFixed(0)} ms`);
    }
    const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
    fs.appendFileSync(
      doc,
      [
        '',
        `## ${new Date().toISOString()} dashboards (${sizes.members} members, ${sizes.orders} orders, ${sizes.walletEntries} wallet and ${sizes.pointsEntries} points entries, ${sizes.salesRows} rollup rows; MariaDB, 2 shared cores${seeded ? '' : ', reused data set'})`,
        '',
        `GET per dashboard query (reads the analytics rollups only), 5 runs after a warm-up; target ≤ ${TARGET_MS} ms.`,
        '',
        '| query | median ms | worst ms |',
        '|---|---|---|',
        ...rows.map((r) => `| ${r.name} | ${r.median.toFixed(0)} | ${r.worst.toFixed(0)} |`),
        '',
      ].join('\n'),
    );
    log('results appended to docs/BENCHMARKS.md');
    if (rows.some((r) => r.worst > TARGET_MS)) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
