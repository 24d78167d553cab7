#!/usr/bin/env node
// pnpm bench:flash-sale [--quick]: a flash-sale storm on MariaDB — 2,000 members (500 with --quick) fire at one event of
// 100 units at the same moment (20× oversubscribed), once with the in-process admission gate and once
// with the Redis Lua gate. Reports answered requests/s, p50/p99 latency, holds and oversell (must be 0:
// the database's counts are checked after each storm). The server runs in development mode with the
// WeChat simulator mounted (the storm never reaches WeChat Pay: orders stay unpaid), jobs off.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const Redis = createRequire(path.join(ROOT, 'server', 'package.json'))('ioredis');

const quick = process.argv.includes('--quick');
const MEMBERS = Number(process.env.BENCH_FLASH_MEMBERS ?? (quick ? 500 : 2000));
const STOCK = 100;
const CONNECTIONS = Number(process.env.BENCH_FLASH_CONNECTIONS ?? 200);
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench_flash';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/6';
const PORT = 3905;
const log = (...args) => console.log('[bench:flash-sale]', ...args);

async function waitFor(url, seconds = 90) {
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

async function call(method, url, body, token) {
  const res = await fetch(`http://127.0.0.1:${PORT}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function api(method, url, body, token) {
  const res = await call(method, url, body, token);
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function storm(label, redisUrl) {
  const url = new URL(DB_URL);
  const dbName = url.pathname.slice(1);
  const adminUrl = new URL(DB_URL);
  adminUrl.pathname = '/';
  const admin = await mysql.createConnection({ uri: adminUrl.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  if (redisUrl) {
    const redis = new Redis(redisUrl);
    await redis.flushdb();
    await redis.quit();
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-bench-flash-'));
  const server = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      WECHAT_MODE: 'simulator',
      DATABASE_URL: DB_URL,
      MIGRATE_ON_BOOT: 'true',
      SEED_DEMO_DATA: 'true',
      ADMIN_BOOTSTRAP_PASSWORD: 'bench-admin-pass',
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: path.join(tmp, 'uploads'),
      PORT: String(PORT),
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr.on('data', (d) => process.stderr.write(`[server] ${d}`));
  try {
    await waitFor(`http://127.0.0.1:${PORT}/api/health`);
    const adminToken = (await api('POST', '/api/admin/auth/login', { username: 'admin', password: 'bench-admin-pass' })).accessToken;
    const products = (await api('GET', '/api/catalog/products')).items;
    const sku = (await api('GET', `/api/catalog/products/${products[0].id}`)).skus[0];
    await api('PATCH', `/api/admin/skus/${sku.id}`, { stock: 1_000_000 }, adminToken);
    log(`${label}: logging in ${MEMBERS} members`);
    const tokens = [];
    for (let i = 0; i < MEMBERS; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, MEMBERS - i) }, async (_, j) => {
          const { code } = await api('POST', '/__wechat/sim/login-code', { user: `flash${i + j}` });
          return (await api('POST', '/api/auth/wechat/login', { code })).accessToken;
        }),
      );
      tokens.push(...batch);
    }
    const event = await api(
      'POST',
      '/api/admin/flash-sales',
      {
        name: '压测秒杀',
        skuId: sku.id,
        dealPriceFen: Math.max(1, Math.floor(sku.priceFen / 10)),
        stockTotal: STOCK,
        perMemberLimit: 1,
        startAt: new Date(Date.now() - 1000).toISOString(),
        endAt: new Date(Date.now() + 3600_000).toISOString(),
        holdMinutes: 15,
        audience: { kind: 'everyone' },
        enabled: true,
      },
      adminToken,
    );
    log(`${label}: storm — ${MEMBERS} buyers at once for ${STOCK} units`);
    const started = performance.now();
    // CONNECTIONS clients at a time: with 2,000 sockets at once the server's own calls to the bundled
    // WeChat simulator (prepay) timed out ('fetch failed'), which measures the simulator, not admission.
    const results = [];
    let next = 0;
    const client = async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        const t0 = performance.now();
        const res = await call('POST', `/api/flash-sales/${event.id}/orders`, { quantity: 1, fulfilment: 'pickup', storeId: 1 }, token);
        results.push({ status: res.status, code: res.body?.code, ms: performance.now() - t0 });
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, client));
    const elapsed = (performance.now() - started) / 1000;
    const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
    const holds = results.filter((r) => r.status === 201).length;
    const serverErrors = results.filter((r) => r.status >= 500).length;
    const codes = {};
    for (const r of results) codes[r.code ?? r.status] = (codes[r.code ?? r.status] ?? 0) + 1;
    const [[row]] = await admin.query(`SELECT stock_total, stock_left, reserved_count, sold_count FROM \`${dbName}\`.flash_sale_event WHERE id = ?`, [
      event.id,
    ]);
    const [[res]] = await admin.query(`SELECT COUNT(*) AS n, COALESCE(SUM(quantity), 0) AS q FROM \`${dbName}\`.flash_sale_reservation WHERE event_id = ?`, [
      event.id,
    ]);
    const [[orders]] = await admin.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.shop_order WHERE deal_kind = 'flash_sale'`);
    const [[over]] = await admin.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.flash_sale_purchase WHERE event_id = ? AND taken > 1`, [event.id]);
    const oversell = Math.max(0, Number(res.q) - STOCK) + Math.max(0, Number(orders.n) - STOCK) + (row.stock_left < 0 ? -row.stock_left : 0);
    // A 5xx after the order committed (prepay unreachable) still holds its unit: holds are counted in the database.
    const consistent = row.stock_left + row.reserved_count + row.sold_count === row.stock_total && Number(res.q) === row.reserved_count;
    return {
      label,
      requests: results.length,
      perSecond: results.length / elapsed,
      holdsPerSecond: holds / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      holds: Number(res.q),
      answered201: holds,
      oversell,
      overLimit: Number(over.n),
      serverErrors,
      consistent,
      codes,
    };
  } finally {
    server.kill();
    await new Promise((r) => server.once('exit', r));
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'main.js'))) throw new Error('build first: pnpm build');
  const runs = [await storm('in-process gate', null), await storm('Redis Lua gate', REDIS_URL)];
  const table = [
    '| admission | requests | answered/s | holds/s | p50 ms | p99 ms | holds (db) | 201 answers | oversell | over limit | 5xx | counts consistent |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.requests} | ${Math.round(r.perSecond)} | ${Math.round(r.holdsPerSecond)} | ${Math.round(r.p50)} | ${Math.round(r.p99)} | ${r.holds} | ${r.answered201} | ${r.oversell} | ${r.overLimit} | ${r.serverErrors} | ${r.consistent ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
  const answers = runs
    .map(
      (r) =>
        `${r.label}: ${Object.entries(r.codes)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    )
    .join('; ');
  console.log('\n' + table + '\n\n' + answers + '\n');
  const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  fs.appendFileSync(
    doc,
    `\n## Flash-sale storm ${new Date().toISOString()} (${MEMBERS} members, stock ${STOCK}, limit 1, one request each, ${CONNECTIONS} concurrent clients, ${os.cpus().length} cores)\n\n${table}\n\nanswers: ${answers}\n`,
  );
  log('results appended to docs/BENCHMARKS.md');
  if (runs.some((r) => r.oversell > 0 || r.overLimit > 0 || !r.consistent || r.holds !== STOCK)) {
    console.error('[bench:flash-sale] oversell, over-limit, inconsistent counts or unsold stock');
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('[bench:flash-sale] failed:', error.message);
  process.exit(1);
});
