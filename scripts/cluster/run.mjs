#!/usr/bin/env node
// pnpm test:cluster: the mall as two stateless instances behind haproxy, on a MariaDB primary with a GTID replica,
// and Redis — all real processes on this box — then scenarios against the load balancer and both instances.
//
// Decision: the machine's MariaDB on 3306 runs without a binlog (log_bin is not dynamic), so this script starts its
// OWN primary (port 3308, binlog + GTID) and replica (3307) from fresh datadirs under a temp folder. It needs no
// change to the shared server and removes everything it started (processes, datadirs, Redis db) even on failure.
// WeChat is played by a third process in simulator mode (one "WeChat" for both instances, as in production).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { isStale, quietBuild, ROOT } from '../lib.mjs';
import { liveWechatEnv, writeSimKeys } from '../wechat-sim.mjs';

const require = createRequire(path.join(ROOT, 'server', 'package.json'));
const mysql = require('mysql2/promise');
const Redis = require('ioredis');

const PRIMARY_PORT = 3308;
const REPLICA_PORT = 3307;
const LB = 4100;
const INSTANCES = [4101, 4102];
const SIM_PORT = 4109;
const REDIS_URL = process.env.CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
const DB = 'mall_cluster';
const ADMIN_PASSWORD = 'cluster-admin-pass';
const LOGIN_LIMIT = 6;
const CONFIG_BOUND_MS = Number(process.env.CLUSTER_CONFIG_BOUND_MS ?? 5000);
const log = (...args) => console.log('[cluster]', ...args);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-cluster-'));
const children = new Map(); // name → child process
const results = [];

// ---- processes ---------------------------------------------------------------------------------------------------

function start(name, command, args, env = {}) {
  const out = fs.openSync(path.join(tmp, `${name}.log`), 'a');
  const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', out, out] });
  children.set(name, child);
  child.on('exit', () => children.get(name) === child && children.delete(name));
  return child;
}

async function stop(name, signal = 'SIGTERM') {
  const child = children.get(name);
  if (!child) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, sleep(15_000).then(() => child.kill('SIGKILL'))]);
  await exited;
}

function tail(name, lines = 30) {
  const file = path.join(tmp, `${name}.log`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

async function until(probe, what, timeoutMs = 60_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---- MariaDB primary + replica ---------------------------------------------------------------------------------

async function startMariadb(name, port, serverId, extra) {
  const datadir = path.join(tmp, name);
  const install = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, '--user=' + os.userInfo().username, '--auth-root-authentication-method=normal', '--skip-test-db'],
    {
      encoding: 'utf8',
    },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db for ${name} failed:\n${install.stdout}${install.stderr}`);
  start(name, '/usr/sbin/mariadbd', [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${path.join(tmp, name + '.sock')}`,
    `--pid-file=${path.join(tmp, name + '.pid')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--user=${os.userInfo().username}`,
    `--server-id=${serverId}`,
    '--innodb-buffer-pool-size=64M',
    '--max-connections=400',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...extra,
  ]);
  const url = `mysql://root@127.0.0.1:${port}/`;
  await until(async () => (await (await mysql.createConnection({ uri: url })).end(), true), `${name} on ${port}`, 60_000, 300);
  return url;
}

async function query(port, sql, params = []) {
  const conn = await mysql.createConnection({ uri: `mysql://root@127.0.0.1:${port}/`, connectTimeout: 3000 });
  try {
    return (await conn.query(sql, params))[0];
  } finally {
    await conn.end();
  }
}

async function startDatabases() {
  await startMariadb('primary', PRIMARY_PORT, 1, [`--log-bin=${path.join(tmp, 'primary', 'binlog')}`, '--binlog-format=ROW']);
  await startMariadb('replica', REPLICA_PORT, 2, ['--read-only=ON', `--relay-log=${path.join(tmp, 'replica', 'relay')}`]);
  await query(
    REPLICA_PORT,
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${PRIMARY_PORT}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1`,
  );
  await query(REPLICA_PORT, 'START SLAVE');
  await query(PRIMARY_PORT, `CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await until(async () => (await query(REPLICA_PORT, `SHOW DATABASES LIKE '${DB}'`)).length === 1, 'the database to replicate', 30_000);
  const [status] = await query(REPLICA_PORT, 'SHOW SLAVE STATUS');
  log(`replica: IO ${status.Slave_IO_Running}, SQL ${status.Slave_SQL_Running}, GTID ${status.Gtid_IO_Pos}`);
}

// ---- servers -----------------------------------------------------------------------------------------------------

// One WeChat for both instances: the simulator process reads the same keys (WECHAT_SIM_KEYS_DIR) the instances are given.
const keys = writeSimKeys(tmp);

function instanceEnv(port, extra = {}) {
  return {
    NODE_ENV: 'production',
    WECHAT_APP_ID: 'wxcluster00000001',
    WECHAT_APP_SECRET: 'cluster-app-secret',
    ...liveWechatEnv({ simPort: SIM_PORT, keys, notifyUrl: `http://127.0.0.1:${LB}/api/payments/wechat/notify` }),
    JWT_SECRET: 'cluster-jwt-secret-0123456789abcdef-0123456789',
    DATABASE_URL: `mysql://root@127.0.0.1:${PRIMARY_PORT}/${DB}`,
    DATABASE_REPLICA_URL: `mysql://root@127.0.0.1:${REPLICA_PORT}/${DB}`,
    REPLICA_CHECK_INTERVAL_MS: '500',
    REDIS_URL,
    ADMIN_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
    LOGIN_RATE_LIMIT_PER_MINUTE: String(LOGIN_LIMIT),
    FLASH_SALE_BUYS_PER_MINUTE: '100000',
    JOBS_ENABLED: 'true',
    LOG_LEVEL: 'warn',
    UPLOAD_DIR: path.join(tmp, 'uploads'),
    STATIC_ROOT: tmp,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extra,
  };
}

const serverMain = path.join(ROOT, 'server', 'dist', 'main.js');
const healthy = (port) => until(async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).ok, `server on ${port}`, 90_000, 300);

async function startInstance(port, extra = {}) {
  start(`app-${port}`, process.execPath, [serverMain], instanceEnv(port, extra));
  await healthy(port);
}

async function startServers() {
  start('wechat-sim', process.execPath, [serverMain], {
    NODE_ENV: 'development',
    WECHAT_MODE: 'simulator',
    WECHAT_APP_ID: 'wxcluster00000001',
    WECHAT_APP_SECRET: 'cluster-app-secret',
    DATABASE_URL: `sqlite:${path.join(tmp, 'sim.sqlite')}`,
    WECHAT_SIM_KEYS_DIR: keys.dir,
    WECHATPAY_NOTIFY_URL: `http://127.0.0.1:${LB}/api/payments/wechat/notify`,
    JOBS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    PORT: String(SIM_PORT),
    HOST: '127.0.0.1',
  });
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  await redis.quit();
  // Migrations run once, before the rollout (DEPLOY.md): the first instance migrates and seeds, the second only boots.
  await startInstance(INSTANCES[0], { MIGRATE_ON_BOOT: 'true', SEED_DEMO_DATA: 'true' });
  await startInstance(INSTANCES[1], { MIGRATE_ON_BOOT: 'false' });
  await healthy(SIM_PORT);
  const cfg = path.join(tmp, 'haproxy.cfg');
  fs.writeFileSync(
    cfg,
    `global
  maxconn 4000
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 3
  option redispatch
  # Only a refused connection is retried elsewhere: a POST that reached an instance is never sent twice by the LB.
  retry-on conn-failure
frontend mall
  bind 127.0.0.1:${LB}
  option forwardfor
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /api/health
  timeout check 3s
  default-server inter 500ms fall 3 rise 2
${INSTANCES.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check`).join('\n')}
`,
  );
  start('haproxy', 'haproxy', ['-db', '-f', cfg]);
  await healthy(LB);
}

// ---- HTTP --------------------------------------------------------------------------------------------------------

async function call(port, method, url, body, token, headers = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function api(port, method, url, body, token, headers) {
  const res = await call(port, method, url, body, token, headers);
  if (res.status >= 300) throw new Error(`${method} :${port}${url} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function loginMember(user, port = LB) {
  const { code } = await api(SIM_PORT, 'POST', '/__wechat/sim/login-code', { user });
  return api(port, 'POST', '/api/auth/wechat/login', { code });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function scenario(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true, ms: Date.now() - started, detail });
    log(`✔ ${name}${detail ? ` — ${detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - started, detail: error.message });
    log(`✖ ${name} — ${error.message}`);
  }
}

// ---- scenarios ---------------------------------------------------------------------------------------------------

let adminToken;
let flashEventId = null;
const selects = async () => Number((await query(REPLICA_PORT, "SHOW GLOBAL STATUS LIKE 'Com_select'"))[0].Value);

async function heavyReads(port) {
  await api(port, 'GET', '/api/admin/analytics/members', undefined, adminToken);
  await api(
    port,
    'POST',
    '/api/admin/segments/preview',
    { definition: { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'orderCount', op: 'gte', value: 0 }] } },
    adminToken,
  );
  const products = await api(port, 'GET', '/api/catalog/products');
  assert(products.items.length > 0, 'empty catalogue');
}

const scenarios = {
  async replicaServesHeavyReads() {
    await until(
      async () => (await api(INSTANCES[0], 'GET', '/api/health')).replica?.serving && (await api(INSTANCES[1], 'GET', '/api/health')).replica?.serving,
      'both instances to trust the replica',
      15_000,
    );
    const before = await selects();
    for (const port of INSTANCES) await heavyReads(port);
    const after = await selects();
    assert(after - before >= 6, `the replica answered ${after - before} SELECTs for dashboards, segment counts and lists on both instances`);
    return `replica answered ${after - before} SELECTs`;
  },

  async flashSaleNeverOversells() {
    const STOCK = 15;
    const products = (await api(LB, 'GET', '/api/catalog/products')).items;
    const sku = (await api(LB, 'GET', `/api/catalog/products/${products[0].id}`)).skus[0];
    await api(LB, 'PATCH', `/api/admin/skus/${sku.id}`, { stock: 1_000_000 }, adminToken);
    const event = await api(
      INSTANCES[0],
      'POST',
      '/api/admin/flash-sales',
      {
        name: '集群秒杀',
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
    flashEventId = event.id;
    const buyers = [];
    for (let i = 0; i < 60; i += 20) buyers.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => loginMember(`flash${i + j}`)))));
    const answers = await Promise.all(
      buyers.map((b, i) =>
        call(INSTANCES[i % 2], 'POST', `/api/flash-sales/${event.id}/orders`, { quantity: 1, fulfilment: 'pickup', storeId: 1 }, b.accessToken),
      ),
    );
    const [[row]] = [
      await query(PRIMARY_PORT, `SELECT stock_total, stock_left, reserved_count, sold_count FROM ${DB}.flash_sale_event WHERE id = ?`, [event.id]),
    ];
    const [held] = await query(PRIMARY_PORT, `SELECT COALESCE(SUM(quantity), 0) AS q FROM ${DB}.flash_sale_reservation WHERE event_id = ?`, [event.id]);
    const created = answers.filter((a) => a.status === 201).length;
    const codes = {};
    for (const a of answers) codes[a.body?.code ?? a.status] = (codes[a.body?.code ?? a.status] ?? 0) + 1;
    assert(Number(held.q) <= STOCK && row.stock_left >= 0, `oversold: ${held.q} held of ${STOCK}, stock_left ${row.stock_left}`);
    assert(row.stock_left + row.reserved_count + row.sold_count === row.stock_total, `counts inconsistent ${JSON.stringify(row)}`);
    assert(created <= STOCK, `${created} orders answered 201 for ${STOCK} units`);
    assert(Number(held.q) > 0, `nothing sold: ${JSON.stringify(answers.slice(0, 3).map((a) => a.body))}`);
    return `${answers.length} buyers split over both instances, ${held.q}/${STOCK} held, ${created} answered 201 (${JSON.stringify(codes)})`;
  },

  async paymentNotifyReplayedToTheOtherAppliesOnce() {
    assert(flashEventId, 'needs the flash sale scenario');
    const [payment] = await query(
      PRIMARY_PORT,
      `SELECT p.out_trade_no AS outTradeNo FROM ${DB}.payment p JOIN ${DB}.flash_sale_reservation r ON p.purpose_id = CAST(r.order_id AS CHAR) WHERE r.event_id = ? ORDER BY p.id LIMIT 1`,
      [flashEventId],
    );
    assert(payment, 'no flash-sale payment to pay');
    const soldBefore = (await query(PRIMARY_PORT, `SELECT sold_count FROM ${DB}.flash_sale_event WHERE id = ?`, [flashEventId]))[0].sold_count;
    await api(SIM_PORT, 'POST', '/__wechat/sim/pay', { out_trade_no: payment.outTradeNo, result: 'success', notify: false });
    await api(SIM_PORT, 'POST', '/__wechat/sim/notify', { out_trade_no: payment.outTradeNo, copies: 1 }); // WeChat → LB
    const notify = await until(
      async () => (await api(SIM_PORT, 'GET', `/__wechat/sim/notifies?out_trade_no=${payment.outTradeNo}`)).items.find((n) => n.delivered),
      'the notify',
      10_000,
    );
    // The same signed notify, replayed to each instance directly (WeChat retries land on any instance).
    const acks = [];
    for (const port of [INSTANCES[0], INSTANCES[1], INSTANCES[0]]) {
      const res = await fetch(`http://127.0.0.1:${port}/api/payments/wechat/notify`, {
        method: 'POST',
        headers: { ...notify.headers, 'content-type': 'application/json' },
        body: notify.body,
      });
      acks.push(res.status);
    }
    assert(
      acks.every((s) => s >= 200 && s < 300),
      `replays not acknowledged: ${acks.join(',')}`,
    );
    const [paid] = await query(PRIMARY_PORT, `SELECT status FROM ${DB}.payment WHERE out_trade_no = ?`, [payment.outTradeNo]);
    const soldAfter = (await query(PRIMARY_PORT, `SELECT sold_count FROM ${DB}.flash_sale_event WHERE id = ?`, [flashEventId]))[0].sold_count;
    assert(soldAfter - soldBefore === 1, `sold_count moved by ${soldAfter - soldBefore} for one payment delivered 4 times`);
    return `payment ${paid.status}; one notify via the LB + replays to A, B, A acknowledged (${acks.join(',')}); sold_count +1`;
  },

  async expiryJobOnBothInstancesAppliesOnce() {
    // The unpaid flash-sale holds fall due now; both instances run flash-sale-expire every 15 s.
    assert(flashEventId, 'needs the flash sale scenario');
    const due = await query(
      PRIMARY_PORT,
      `UPDATE ${DB}.flash_sale_reservation SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE event_id = ? AND status = 'pending'`,
      [flashEventId],
    );
    assert(due.affectedRows > 0, 'no pending hold to expire');
    await until(
      async () =>
        (await query(PRIMARY_PORT, `SELECT COUNT(*) AS n FROM ${DB}.flash_sale_reservation WHERE event_id = ? AND status = 'pending'`, [flashEventId]))[0].n ===
        0,
      'both instances’ expiry jobs to release the holds',
      40_000,
      500,
    );
    const [row] = await query(PRIMARY_PORT, `SELECT stock_total, stock_left, reserved_count, sold_count FROM ${DB}.flash_sale_event WHERE id = ?`, [
      flashEventId,
    ]);
    // A hold released twice would put its unit back twice: stock_left would exceed total − sold.
    assert(row.reserved_count === 0 && row.stock_left === row.stock_total - row.sold_count, `released twice or not at all: ${JSON.stringify(row)}`);
    const [cancelled] = await query(
      PRIMARY_PORT,
      `SELECT COUNT(*) AS n FROM ${DB}.shop_order o JOIN ${DB}.flash_sale_reservation r ON r.order_id = o.id WHERE r.event_id = ? AND o.status = 'cancelled'`,
      [flashEventId],
    );
    assert(Number(cancelled.n) === due.affectedRows, `${cancelled.n} orders cancelled for ${due.affectedRows} expired holds`);
    return `${due.affectedRows} holds expired by the instances' jobs, each released once (${JSON.stringify(row)})`;
  },

  async configChangeSeenByTheOther() {
    const before = await api(INSTANCES[1], 'GET', '/api/admin/tier-settings', undefined, adminToken); // warms B's cache
    const field = 'growthPerYuan';
    const next = before[field] > 1 ? before[field] - 1 : before[field] + 1;
    const { id: _id, updatedAt: _at, ...settings } = before;
    await api(INSTANCES[0], 'PUT', '/api/admin/tier-settings', { ...settings, [field]: next }, adminToken);
    const changedAt = Date.now();
    await until(
      async () => (await api(INSTANCES[1], 'GET', '/api/admin/tier-settings', undefined, adminToken))[field] === next,
      `instance B to see ${field}=${next}`,
      CONFIG_BOUND_MS,
      50,
    );
    return `${field} changed on A, seen on B after ${Date.now() - changedAt} ms (bound ${CONFIG_BOUND_MS} ms)`;
  },

  async rateLimitHoldsAcrossInstances() {
    // Wrong admin passwords from one client address, alternating between the instances.
    const statuses = [];
    for (let i = 0; i < LOGIN_LIMIT * 3; i++) {
      statuses.push((await call(INSTANCES[i % 2], 'POST', '/api/admin/auth/login', { username: 'nobody-cluster', password: 'wrong-password' })).status);
    }
    const limited = statuses.filter((s) => s === 429).length;
    const tried = statuses.length - limited;
    assert(limited > 0, `no 429 after ${statuses.length} attempts over two instances: ${statuses.join(',')}`);
    assert(tried <= LOGIN_LIMIT, `${tried} attempts answered over two instances for a limit of ${LOGIN_LIMIT} a minute`);
    return `${tried} attempts answered, then 429 (${statuses.join(',')})`;
  },

  async killOneInstanceMidLoad() {
    // Admin wallet top-ups (idempotency keyed) through the LB; instance B is killed with SIGKILL half way.
    const member = await loginMember('kill-target');
    const memberId = member.member.id;
    const AMOUNT = 100;
    const ok = [];
    const attempted = [];
    let seq = 0;
    const deadline = Date.now() + 5000;
    const worker = async () => {
      while (Date.now() < deadline) {
        const key = `cluster-kill-${seq++}`;
        attempted.push(key);
        const res = await call(
          LB,
          'POST',
          `/api/admin/wallets/${memberId}/adjustments`,
          { deltaPrincipalFen: AMOUNT, deltaBonusFen: 0, reason: '集群测试' },
          adminToken,
          {
            'Idempotency-Key': key,
          },
        ).catch((e) => ({ status: 0, body: String(e) }));
        if (res.status >= 200 && res.status < 300) ok.push(key);
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    await sleep(2000);
    children.get(`app-${INSTANCES[1]}`)?.kill('SIGKILL');
    await load;
    try {
      return await this.afterKill(memberId, AMOUNT, ok, attempted);
    } finally {
      await startInstance(INSTANCES[1], { MIGRATE_ON_BOOT: 'false' });
    }
  },

  async afterKill(memberId, AMOUNT, ok, attempted) {
    const [wallet] = await query(PRIMARY_PORT, `SELECT principal_fen FROM ${DB}.wallet WHERE member_id = ?`, [memberId]);
    assert(Number(wallet.principal_fen) >= ok.length * AMOUNT, `a 2xx top-up was lost: balance ${wallet.principal_fen} < ${ok.length} × ${AMOUNT}`);
    // Replaying every attempt (the client retries after a 502) applies each key at most once; a key the dead instance
    // held in progress answers IDEMPOTENCY_IN_PROGRESS until its claim expires.
    const stuck = [];
    const replay = async (key) => {
      const res = await call(
        LB,
        'POST',
        `/api/admin/wallets/${memberId}/adjustments`,
        { deltaPrincipalFen: AMOUNT, deltaBonusFen: 0, reason: '集群测试' },
        adminToken,
        {
          'Idempotency-Key': key,
        },
      );
      if (res.status === 409 && res.body?.code === 'IDEMPOTENCY_IN_PROGRESS') stuck.push(key);
      else assert(res.status >= 200 && res.status < 300, `replay of ${key} → ${res.status} ${JSON.stringify(res.body)}`);
    };
    for (let i = 0; i < attempted.length; i += 20) await Promise.all(attempted.slice(i, i + 20).map(replay));
    const [after] = await query(PRIMARY_PORT, `SELECT principal_fen FROM ${DB}.wallet WHERE member_id = ?`, [memberId]);
    const balance = Number(after.principal_fen);
    assert(balance <= attempted.length * AMOUNT, `applied twice: balance ${balance} > ${attempted.length} keys × ${AMOUNT}`);
    assert(
      balance >= (attempted.length - stuck.length) * AMOUNT,
      `a replayed key was not applied: balance ${balance} < ${attempted.length - stuck.length} × ${AMOUNT}`,
    );
    const audit = spawnSync(process.execPath, [path.join(ROOT, 'server', 'dist', 'cli.js'), 'audit-ledger', '--json'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: instanceEnv(0).DATABASE_URL,
        JWT_SECRET: instanceEnv(0).JWT_SECRET,
        LOG_LEVEL: 'warn',
        MIGRATE_ON_BOOT: 'false',
      },
      encoding: 'utf8',
    });
    assert(audit.status === 0, `ledger audit failed (exit ${audit.status}): ${(audit.stdout + audit.stderr).slice(-800)}`);
    return `${attempted.length} top-ups attempted, ${ok.length} answered 2xx while B died; replays applied each key at most once (${stuck.length} held in progress by the dead instance); ledger audit passed`;
  },

  async readsSurviveReplicaStop() {
    await stop('replica');
    await until(async () => (await api(INSTANCES[0], 'GET', '/api/health')).replica?.serving === false, 'instance A to notice the replica is gone', 10_000);
    // No waiting for the check on B: a read that fails on the replica retries on the primary.
    for (const port of [LB, ...INSTANCES, LB]) await heavyReads(port);
    const health = await api(INSTANCES[1], 'GET', '/api/health');
    return `dashboards, segment counts and lists answered on both instances; B's replica status: ${health.replica?.reason}`;
  },
};

// ---- one vs two instances (CLUSTER_BENCH=1) -----------------------------------------------------------------------

async function bench() {
  const autocannon = createRequire(path.join(ROOT, 'test', 'package.json'))('autocannon');
  const DURATION = Number(process.env.CLUSTER_BENCH_SECONDS ?? 8);
  const member = await loginMember('bench-card');
  const run = (url, headers = {}) =>
    new Promise((resolve, reject) => autocannon({ url, headers, duration: DURATION, connections: 50 }, (err, r) => (err ? reject(err) : resolve(r))));
  const rows = [];
  for (const [label, pathname, headers] of [
    ['product listing', '/api/catalog/products', {}],
    ['member card', '/api/members/me/card', { authorization: `Bearer ${member.accessToken}` }],
  ]) {
    for (const [target, port] of [
      ['one instance (direct)', INSTANCES[0]],
      ['two instances (haproxy)', LB],
    ]) {
      const r = await run(`http://127.0.0.1:${port}${pathname}`, headers);
      rows.push(`| ${label} | ${target} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx + r.errors} |`);
    }
  }
  const table = ['| endpoint | target | req/s | p50 ms | p99 ms | non-2xx/errors |', '|---|---|---|---|---|---|', ...rows].join('\n');
  console.log(`\n${table}\n`);
  results.push({ name: 'bench', ok: true, ms: 0, detail: table });
}

// ---- main --------------------------------------------------------------------------------------------------------

async function cleanup() {
  for (const name of ['haproxy', ...INSTANCES.map((p) => `app-${p}`), 'wechat-sim', 'replica', 'primary']) await stop(name).catch(() => undefined);
  try {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await redis.flushdb();
    await redis.quit();
  } catch {
    // Redis gone: nothing of ours to remove
  }
  if (process.env.CLUSTER_KEEP_TMP) log(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

async function main() {
  const started = Date.now();
  if (isStale('shared/dist/index.js', ['shared/src'])) quietBuild('building shared', ['--filter', '@mall/shared', 'build']);
  if (isStale('server/dist/main.js', ['server/src', 'shared/src'])) quietBuild('building server', ['--filter', '@mall/server', 'build']);
  log(`temp folder ${tmp}`);
  await startDatabases();
  await startServers();
  log(`primary :${PRIMARY_PORT} → replica :${REPLICA_PORT}, instances :${INSTANCES.join(', :')}, haproxy :${LB}, WeChat simulator :${SIM_PORT}`);
  adminToken = (await api(LB, 'POST', '/api/admin/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).accessToken;
  if (process.env.CLUSTER_BENCH) await bench();
  const only = process.env.CLUSTER_ONLY?.split(',');
  for (const [name, fn] of Object.entries(scenarios)) if (name !== 'afterKill' && (!only || only.includes(name))) await scenario(name, fn.bind(scenarios));
  const failed = results.filter((r) => !r.ok);
  log(`${results.length - failed.length}/${results.length} scenarios passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed.length) {
    for (const name of children.keys()) if (name.startsWith('app-')) console.error(`--- ${name} log tail ---\n${tail(name)}`);
    process.exitCode = 1;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });

main()
  .catch((error) => {
    console.error('[cluster] failed:', error.message);
    for (const name of ['primary', 'replica', ...INSTANCES.map((p) => `app-${p}`), 'haproxy'])
      if (tail(name)) console.error(`--- ${name} log tail ---\n${tail(name, 15)}`);
    process.exitCode = 1;
  })
  .finally(cleanup);
