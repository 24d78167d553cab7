#!/usr/bin/env node
// pnpm bench [--quick] [--peer] [--cpu-prof]: the server in production mode on MariaDB, loaded by autocannon
// from this process, next to its ceilings (a bare Node http handler, raw mysql2 reads and a stock+order
// transaction). --quick: 5 s per measurement and fewer coupons. --peer: Vendure measured the same way
// (test/bench/peer-vendure.mjs) and our ratio to it. --cpu-prof: the server runs under `node --cpu-prof`
// into bench-results/<time>/, and the top self-time functions are printed and saved beside the profile.
// WeChat is played by a second server process in simulator mode; checkouts are paid in full by
// stored value (member price + coupon + balance), so they complete without a payer.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { liveWechatEnv, writeSimKeys } from '../../scripts/wechat-sim.mjs';
import { startNotifyCollector, wechatPaidScenario } from './wechat-pay.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const mysql = require('mysql2/promise');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const peer = process.argv.includes('--peer');
const cpuProf = process.argv.includes('--cpu-prof');
const DURATION = quick ? 5 : 20;
const CONNECTIONS = 50;
const MEMBERS = 50;
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench';
const SIM_PORT = 3901;
const APP_PORT = 3902;
const BARE_PORT = 3903;
const NOTIFY_PORT = 3904;

function log(...args) {
  console.log('[bench]', ...args);
}

async function waitFor(url, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

/** Node flags for the measured server only: --cpu-prof's, then BENCH_SERVER_NODE_ARGS (space-separated). */
const serverNodeArgs = [];
if (process.env.BENCH_SERVER_NODE_ARGS) serverNodeArgs.push(...process.env.BENCH_SERVER_NODE_ARGS.split(' ').filter(Boolean));

function startServer(env, name) {
  const nodeArgs = name === 'server' ? serverNodeArgs : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'server', 'dist', 'main.js')], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

async function api(method, url, body, token, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${APP_PORT}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function cannon(opts) {
  return new Promise((resolve, reject) =>
    autocannon({ duration: DURATION, connections: CONNECTIONS, ...opts }, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

async function rawTransactionCeiling(dbUrl) {
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: CONNECTIONS });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_stock (id INT PRIMARY KEY, stock INT NOT NULL)');
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_order (id INT AUTO_INCREMENT PRIMARY KEY, sku_id INT NOT NULL, member_id INT NOT NULL, amount BIGINT NOT NULL, created_at DATETIME(3) NOT NULL)',
  );
  await pool.query('REPLACE INTO bench_stock VALUES (1, 100000000)');
  let done = 0;
  const deadline = Date.now() + DURATION * 1000;
  const worker = async (i) => {
    while (Date.now() < deadline) {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const [r] = await conn.query('UPDATE bench_stock SET stock = stock - 1 WHERE id = 1 AND stock >= 1');
        if (r.affectedRows !== 1) throw new Error('out of stock');
        await conn.query('INSERT INTO bench_order (sku_id, member_id, amount, created_at) VALUES (1, ?, 5400, NOW(3))', [i]);
        await conn.commit();
        done += 1;
      } catch (e) {
        await conn.rollback();
        throw e;
      } finally {
        conn.release();
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(i)));
  await pool.end();
  return done / DURATION;
}

async function rawPrimaryKeyReadCeiling(dbUrl) {
  const pool = mysql.createPool({ uri: dbUrl, connectionLimit: CONNECTIONS });
  let done = 0;
  const deadline = Date.now() + DURATION * 1000;
  const worker = async (i) => {
    while (Date.now() < deadline) {
      await pool.query('SELECT * FROM member WHERE id = ?', [(i % MEMBERS) + 1]);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(i)));
  await pool.end();
  return done / DURATION;
}

/** Prints and saves (cpu-profile-summary.md, committable; the .cpuprofile files are gitignored) the top self time. */
async function summarizeProfiles(dir) {
  const { summarize } = await import('./cpuprofile-summary.mjs');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return log(`--cpu-prof: no profile was written to ${dir}`);
  const parts = files.map((f) => `### ${f}\n\n${summarize(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), 25)}\n`);
  const text = `# CPU profile of the bench server (${path.basename(dir)})\n\nThe whole run: start-up, data set-up and every scenario.\n\n${parts.join('\n')}`;
  fs.writeFileSync(path.join(dir, 'cpu-profile-summary.md'), text);
  console.log('\n' + text);
  log(`profile and summary in ${path.relative(ROOT, dir)}/`);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'main.js'))) throw new Error('build first: pnpm build');
  const url = new URL(DB_URL);
  const dbName = url.pathname.slice(1);
  const adminUrl = new URL(DB_URL);
  adminUrl.pathname = '/';
  const admin = await mysql.createConnection({ uri: adminUrl.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[{ max }]] = await admin.query('SELECT @@max_connections AS max');
  if (Number(max) < 300) await admin.query('SET GLOBAL max_connections = 300');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-bench-'));
  const resultsDir = path.join(ROOT, 'bench-results', new Date().toISOString().replace(/[:.]/g, '-'));
  if (cpuProf) {
    fs.mkdirSync(resultsDir, { recursive: true });
    // exit-on-signal.cjs: a SIGTERM exits normally, so Node writes the profile (see the file).
    serverNodeArgs.unshift('--cpu-prof', '--cpu-prof-dir', resultsDir, '--require', path.join(ROOT, 'test', 'bench', 'exit-on-signal.cjs'));
  }
  const keys = writeSimKeys(tmp);
  const collector = await startNotifyCollector(NOTIFY_PORT);
  const wechat = { WECHAT_APP_ID: 'wxbench0000000001', WECHAT_APP_SECRET: 'bench-app-secret' };
  const sim = startServer(
    {
      ...wechat,
      NODE_ENV: 'development',
      WECHAT_MODE: 'simulator',
      WECHAT_SIM_KEYS_DIR: keys.dir,
      DATABASE_URL: `sqlite:${path.join(tmp, 'sim.sqlite')}`,
      PORT: String(SIM_PORT),
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
    },
    'wechat-sim',
  );
  const app = startServer(
    {
      ...wechat,
      NODE_ENV: 'production',
      // WeChat's notifies go to the bench's collector, which delivers them to the server (wechat-pay.mjs).
      ...liveWechatEnv({ simPort: SIM_PORT, keys, notifyUrl: `http://127.0.0.1:${NOTIFY_PORT}/notify` }),
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
      DATABASE_URL: DB_URL,
      MIGRATE_ON_BOOT: 'true',
      SEED_DEMO_DATA: 'true',
      ADMIN_BOOTSTRAP_PASSWORD: 'bench-admin-pass',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      JOBS_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(APP_PORT),
    },
    'server',
  );
  const bare = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  try {
    await waitFor(`http://127.0.0.1:${SIM_PORT}/api/health`);
    await waitFor(`http://127.0.0.1:${APP_PORT}/api/health`);
    log('servers up; preparing members, balance and coupons');
    const adminToken = (await api('POST', '/api/admin/auth/login', { username: 'admin', password: 'bench-admin-pass' })).accessToken;
    const products = (await api('GET', '/api/catalog/products')).items;
    const coffee = (await api('GET', `/api/catalog/products/${products[0].id}`)).skus[0];
    await api('PATCH', `/api/admin/skus/${coffee.id}`, { stock: 10_000_000 }, adminToken);
    const template = await api(
      'POST',
      '/api/admin/coupon-templates',
      { name: '压测立减券', kind: 'fixed', amountFen: 500, thresholdFen: 0, validDays: 7, claimable: true },
      adminToken,
    );
    const perMember = quick ? 40 : 400; // checkouts beyond a member's coupons pay in full by balance
    const members = [];
    for (let i = 0; i < MEMBERS; i++) {
      const code = (
        await (
          await fetch(`http://127.0.0.1:${SIM_PORT}/__wechat/sim/login-code`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user: `bench${i}` }),
          })
        ).json()
      ).code;
      const login = await api('POST', '/api/auth/wechat/login', { code });
      await api(
        'POST',
        `/api/admin/wallets/${login.member.id}/adjustments`,
        { deltaPrincipalFen: 100_000_000, deltaBonusFen: 0, reason: '压测充值' },
        adminToken,
        { 'Idempotency-Key': `bench-topup-${i}` },
      );
      const coupons = [];
      for (let j = 0; j < perMember; j++) coupons.push((await api('POST', '/api/coupons/claim', { templateId: template.id }, login.accessToken)).id);
      members.push({ token: login.accessToken, coupons });
    }
    const memberPay = (coffee.memberPriceFen ?? coffee.priceFen) - 500;

    let nextReader = 0;
    const asMember = (url) => ({
      url: `http://127.0.0.1:${APP_PORT}${url}`,
      requests: [
        {
          method: 'GET',
          setupRequest: (req, context) => {
            context.member ??= members[nextReader++ % members.length];
            return { ...req, headers: { authorization: `Bearer ${context.member.token}` } };
          },
        },
      ],
    });

    log(`product list: ${DURATION}s × ${CONNECTIONS} connections`);
    const list = await cannon({ url: `http://127.0.0.1:${APP_PORT}/api/catalog/products` });
    log('member card (GET /api/members/me/card), each connection a member');
    const card = await cannon(asMember('/api/members/me/card'));
    log('member home: SVIP summary (GET /api/membership)');
    const home = await cannon(asMember('/api/membership'));
    log('product detail with member and SVIP prices (GET /api/catalog/products/:id as a member)');
    const detail = await cannon(asMember(`/api/catalog/products/${products[0].id}`));

    log(`checkout to paid: member price + coupon + balance, ${MEMBERS} members`);
    const questions = async () => Number((await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'"))[0][0].Value);
    const questionsBefore = await questions();
    let nextMember = 0;
    const checkoutRejections = [];
    const checkout = await cannon({
      url: `http://127.0.0.1:${APP_PORT}/api/orders`,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            context.member ??= members[nextMember++ % members.length];
            const couponId = context.member.coupons.pop();
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${context.member.token}` },
              body: JSON.stringify({
                lines: [{ skuId: coffee.id, quantity: 1 }],
                couponIds: couponId ? [couponId] : [],
                balanceToUse: couponId ? memberPay : memberPay + 500,
                fulfilment: 'pickup',
                storeId: 1,
              }),
            };
          },
          onResponse: (status, body) => {
            if (status >= 300 && checkoutRejections.length < 5) checkoutRejections.push(`${status} ${String(body).slice(0, 300)}`);
          },
        },
      ],
    });
    await new Promise((r) => setTimeout(r, 2000)); // let the requests in flight at the deadline finish
    const statementsPerOrder = ((await questions()) - questionsBefore) / Math.max(1, checkout.requests.total);
    const [[paidRow]] = await admin.query(`SELECT COUNT(*) AS n FROM \`${dbName}\`.shop_order WHERE status = 'paid'`);
    const [[stockRow]] = await admin.query(`SELECT stock FROM \`${dbName}\`.sku WHERE id = ?`, [coffee.id]);

    const wechatPaid = (create) =>
      wechatPaidScenario({ cannon, members, appPort: APP_PORT, simPort: SIM_PORT, collector, connections: CONNECTIONS, create, log });
    log('checkout paid by WeChat Pay: orders opened, paid by the payer, notifies delivered (20 % twice)');
    const wxOrder = await wechatPaid({
      path: '/api/orders',
      body: () => ({ lines: [{ skuId: coffee.id, quantity: 1 }], fulfilment: 'pickup', storeId: 1 }),
    });
    log('recharge paid by WeChat Pay, the same way');
    const options = await api('GET', '/api/wallet/plans', undefined, members[0].token);
    const rechargeBody = options.custom.enabled ? { amount: Math.max(options.custom.minFen, 10_000) } : { planId: options.plans.at(-1).id };
    const wxRecharge = await wechatPaid({ path: '/api/wallet/recharges', body: () => rechargeBody });
    const inList = (nos) => (nos.length ? nos.map((n) => admin.escape(n)).join(',') : "''");
    const [[wxOrderRow]] = await admin.query(
      `SELECT COUNT(*) AS n FROM \`${dbName}\`.shop_order WHERE status = 'paid' AND out_trade_no IN (${inList(wxOrder.outTradeNos)})`,
    );
    const [[wxRechargeRow]] = await admin.query(
      `SELECT COUNT(*) AS n FROM \`${dbName}\`.recharge WHERE status = 'paid' AND out_trade_no IN (${inList(wxRecharge.outTradeNos)})`,
    );
    const [[paidEvents]] = await admin.query(
      `SELECT (SELECT COUNT(*) FROM \`${dbName}\`.outbox_event WHERE name = 'order.paid') AS events, (SELECT COUNT(*) FROM \`${dbName}\`.shop_order WHERE paid_at IS NOT NULL) AS orders`,
    );
    const [[rechargeEntries]] = await admin.query(
      `SELECT (SELECT COUNT(*) FROM \`${dbName}\`.wallet_entry WHERE kind = 'recharge') AS entries, (SELECT COUNT(*) FROM \`${dbName}\`.recharge WHERE status = 'paid') AS paid`,
    );

    await new Promise((r) => bare.listen(BARE_PORT, '127.0.0.1', r));
    log('ceiling: bare Node http handler');
    const bareResult = await cannon({ url: `http://127.0.0.1:${BARE_PORT}/` });
    log('ceiling: raw mysql2 primary-key read');
    const pkReads = await rawPrimaryKeyReadCeiling(DB_URL);
    log('ceiling: raw mysql2 transaction (conditional stock UPDATE + order INSERT)');
    const rawTps = await rawTransactionCeiling(DB_URL);

    let peerResult = null;
    let peerError = null;
    if (peer) {
      try {
        const { runPeer } = await import('./peer-vendure.mjs');
        peerResult = await runPeer({
          dbUrl: process.env.BENCH_PEER_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench_vendure',
          duration: DURATION,
          connections: CONNECTIONS,
          log: (...args) => log(...args),
        });
      } catch (error) {
        peerError = error instanceof Error ? error.message : String(error);
        log(`peer failed: ${peerError}`);
      }
    }

    // A fast wrong answer is a failure: every accepted checkout is one paid order, and the ledgers reconcile.
    log('correctness: ledger audit over the bench database');
    const audit = spawnSync(process.execPath, [path.join(ROOT, 'server', 'dist', 'cli.js'), 'audit-ledger'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: DB_URL,
        JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
        WECHAT_MODE: 'simulator',
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    });
    const checks = {
      // autocannon stops counting at the deadline while up to one request per connection is still in flight.
      'every accepted checkout paid once': Number(paidRow.n) >= checkout['2xx'] && Number(paidRow.n) <= checkout['2xx'] + CONNECTIONS,
      'no checkout errors': checkout.non2xx + checkout.errors === 0,
      'stock never negative': Number(stockRow.stock) >= 0,
      'every WeChat-paid order and recharge paid once, duplicates acknowledged':
        wxOrder.outTradeNos.length > 0 &&
        Number(wxOrderRow.n) === wxOrder.outTradeNos.length &&
        Number(wxRechargeRow.n) === wxRecharge.outTradeNos.length &&
        Number(paidEvents.events) === Number(paidEvents.orders) &&
        Number(rechargeEntries.entries) === Number(rechargeEntries.paid) &&
        wxOrder.notify.non2xx + wxOrder.notify.errors + wxRecharge.notify.non2xx + wxRecharge.notify.errors === 0,
      'no WeChat Pay checkout or recharge errors':
        wxOrder.created.non2xx + wxOrder.created.errors + wxRecharge.created.non2xx + wxRecharge.created.errors === 0,
      'ledger audit passes': audit.status === 0,
    };

    const scenarios = [
      ['product list (GET /api/catalog/products)', list, bareResult.requests.average, 'bare Node http'],
      ['member card (GET /api/members/me/card)', card, pkReads, 'raw mysql2 PK read'],
      ['member home (GET /api/membership)', home, pkReads, 'raw mysql2 PK read'],
      ['product detail as member (GET /api/catalog/products/:id)', detail, pkReads, 'raw mysql2 PK read'],
      ['checkout to paid (POST /api/orders)', checkout, rawTps, 'raw mysql2 transaction'],
      ['checkout paid by WeChat Pay: order + prepay (POST /api/orders)', wxOrder.created, rawTps, 'raw mysql2 transaction'],
      [
        `order notify, ${wxOrder.notify.duplicates} of ${wxOrder.notify.requests.total} duplicates (POST /api/payments/wechat/notify)`,
        wxOrder.notify,
        rawTps,
        'raw mysql2 transaction',
      ],
      ['recharge: order + prepay (POST /api/wallet/recharges)', wxRecharge.created, rawTps, 'raw mysql2 transaction'],
      [
        `recharge notify, ${wxRecharge.notify.duplicates} of ${wxRecharge.notify.requests.total} duplicates`,
        wxRecharge.notify,
        rawTps,
        'raw mysql2 transaction',
      ],
    ];
    const table = [
      '| measurement | req/s | p50 ms | p99 ms | non-2xx | ceiling | ceiling/s | ratio |',
      '|---|---|---|---|---|---|---|---|',
      ...scenarios.map(
        ([name, r, ceiling, ceilingName]) =>
          `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} | ${ceilingName} | ${Math.round(ceiling)} | ${(r.requests.average / ceiling).toFixed(3)} |`,
      ),
    ].join('\n');
    let peerTable = '';
    if (peerResult) {
      const { list: pl, checkout: pc } = peerResult;
      const listRps = pl.requests.average;
      peerTable = [
        '',
        `Peer: Vendure ${peerResult.version} on the same MariaDB (its own database, list ${peerResult.seconds} s after a 5 s warm-up, checkout ${peerResult.checkoutSeconds} s: it serves 50 connections in waves, see peer-vendure.mjs; ${CONNECTIONS} connections; seeded in ${peerResult.seedSeconds} s${peerResult.installSeconds ? `, npm install ${peerResult.installSeconds} s` : ''}).`,
        '',
        '| peer measurement | peer/s | p50 ms | p99 ms | errors | ours/s | ours ÷ peer |',
        '|---|---|---|---|---|---|---|',
        `| product list (shop API \`products\`, 20 items with variant price and stock) | ${listRps.toFixed(1)} | ${pl.latency.p50} | ${pl.latency.p99} | ${pl.non2xx + pl.errors} | ${Math.round(list.requests.average)} | ${listRps > 0 ? (list.requests.average / listRps).toFixed(0) + '×' : '∞ (peer completed none)'} |`,
        `| complete guest checkout (7 shop API calls, payment settled) | ${pc.perSecond.toFixed(1)} | ${pc.p50} | ${pc.p99} | ${Object.values(pc.failures).reduce((a, b) => a + b, 0)} | ${Math.round(checkout.requests.average)} | ${pc.perSecond > 0 ? (checkout.requests.average / pc.perSecond).toFixed(0) + '×' : '∞ (peer completed none)'} |`,
        '',
        `peer checkouts completed ${pc.completed} (settled in its database: ${pc.settledInDatabase})${Object.keys(pc.failures).length ? `; failures: ${JSON.stringify(pc.failures)}` : ''}`,
      ].join('\n');
    } else if (peerError) peerTable = `\nPeer (Vendure) failed: ${peerError}`;
    const checkLine = Object.entries(checks)
      .map(([name, ok]) => `${ok ? '✓' : '✗'} ${name}`)
      .join('; ');
    const summary =
      `orders paid in the database: ${paidRow.n} of ${checkout['2xx']} accepted; SQL statements per checkout: ${statementsPerOrder.toFixed(1)}\n\ncorrectness: ${checkLine}` +
      [
        ['checkout', checkoutRejections],
        ['WeChat Pay checkout', wxOrder.rejections],
        ['recharge', wxRecharge.rejections],
      ]
        .filter(([, list]) => list.length)
        .map(([name, list]) => `\n\nfirst ${name} rejections:\n${list.map((r) => `- ${r}`).join('\n')}`)
        .join('');
    console.log('\n' + table + '\n');
    console.log(summary);
    if (peerTable) console.log(peerTable);
    if (audit.status !== 0) console.log(audit.stdout.slice(0, 2000), audit.stderr.slice(0, 2000));
    const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
    const stamp = new Date().toISOString();
    const flags = [quick ? 'quick' : 'full', peer && 'peer', cpuProf && 'cpu-prof'].filter(Boolean).join(', ');
    const section = `\n## ${stamp} (${flags}, ${DURATION}s, ${CONNECTIONS} connections, ${os.cpus().length} cores)\n\n${table}\n\n${summary}\n${peerTable}\n`;
    if (!fs.existsSync(doc))
      fs.writeFileSync(doc, '# Benchmarks\n\nWritten by `pnpm bench` (newest last). See the top of test/bench/run.mjs for the set-up.\n');
    fs.appendFileSync(doc, section);
    log(`results appended to docs/BENCHMARKS.md`);
    if (Object.values(checks).some((ok) => !ok)) {
      console.error('[bench] a correctness check failed');
      process.exitCode = 1;
    }
  } finally {
    bare.close();
    void collector.close();
    sim.kill();
    const appExited = new Promise((r) => (app.exitCode !== null ? r() : app.once('exit', r)));
    app.kill();
    if (cpuProf) {
      await Promise.race([appExited, new Promise((r) => setTimeout(r, 15_000))]);
      await summarizeProfiles(resultsDir);
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error('[bench] failed:', error.message);
  process.exit(1);
});
