#!/usr/bin/env node
// The peer for `pnpm bench --peer`: Vendure (@vendure/core 3.x from npm) installed into a temporary folder
// (never into this repo's lockfile), bootstrapped on the same MariaDB in a database of its own, seeded with
// products, and loaded with the same connections and duration as our scenarios: the shop API's product list
// and a complete guest checkout (add to cart → customer → address → shipping method → ArrangingPayment →
// payment settled by Vendure's dummy payment handler), each checkout in a fresh guest session.
// Standalone: node test/bench/peer-vendure.mjs [--quick] prints its numbers without ours.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const mysql = require('mysql2/promise');

const VENDURE_RANGE = process.env.BENCH_PEER_VERSION ?? '3';
const PRODUCTS = 20;

/** The Vendure app, written into the peer folder: seeds with PEER_SEED=1, else serves the shop API. */
const SERVER_SOURCE = String.raw`
const path = require('node:path');
const { bootstrap, DefaultLogger, LogLevel, dummyPaymentHandler, LanguageCode } = require('@vendure/core');
const { populate } = require('@vendure/core/cli');
const db = new URL(process.env.PEER_DB_URL);
const config = {
  apiOptions: {
    port: Number(process.env.PEER_PORT),
    hostname: '127.0.0.1',
    adminApiPath: 'admin-api',
    shopApiPath: 'shop-api',
    adminApiPlayground: false,
    shopApiPlayground: false,
    adminApiDebug: false,
    shopApiDebug: false,
  },
  authOptions: { tokenMethod: 'bearer', requireVerification: false, superadminCredentials: { identifier: 'bench-admin', password: 'bench-' + require('node:crypto').randomBytes(12).toString('hex') } },
  dbConnectionOptions: {
    type: 'mariadb',
    host: db.hostname,
    port: Number(db.port || 3306),
    username: decodeURIComponent(db.username || 'root'),
    password: decodeURIComponent(db.password || ''),
    database: db.pathname.slice(1),
    synchronize: process.env.PEER_SEED === '1',
    logging: false,
  },
  paymentOptions: { paymentMethodHandlers: [dummyPaymentHandler] },
  logger: new DefaultLogger({ level: LogLevel.Warn }),
  plugins: [],
};
const initialData = {
  defaultLanguage: LanguageCode.en,
  defaultZone: 'Asia',
  countries: [{ name: 'China', code: 'CN', zone: 'Asia' }],
  taxRates: [{ name: 'Standard Tax', percentage: 0 }],
  shippingMethods: [{ name: 'Pickup', price: 0 }],
  paymentMethods: [{ name: 'Bench Payment', handler: { code: dummyPaymentHandler.code, arguments: [{ name: 'automaticSettle', value: 'true' }] } }],
  collections: [],
};
if (process.env.PEER_SEED === '1') {
  populate(() => bootstrap(config), initialData, path.join(__dirname, 'products.csv'))
    .then((app) => app.close())
    .then(() => process.exit(0))
    .catch((e) => { console.error(e); process.exit(1); });
} else {
  bootstrap(config).catch((e) => { console.error(e); process.exit(1); });
  for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => process.exit(0));
}
`;

function productsCsv() {
  const header = 'name,slug,description,assets,facets,optionGroups,optionValues,sku,price,taxCategory,stockOnHand,trackInventory,variantAssets,variantFacets';
  const rows = Array.from(
    { length: PRODUCTS },
    (_, i) => `Bench Product ${i + 1},bench-product-${i + 1},A product for the benchmark,,,,,BENCH-${i + 1},${(58 + i).toFixed(2)},standard,10000000,true,,`,
  );
  return [header, ...rows].join('\n') + '\n';
}

async function waitFor(url, body, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up in ${seconds} s`);
}

function cannon(opts) {
  return new Promise((resolve, reject) => autocannon(opts, (err, result) => (err ? reject(err) : resolve(result))));
}

/** Waits until the server answers a trivial query within a second again (what the previous run left queued has run). */
async function drain(url, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const t0 = Date.now();
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) }).catch(
      () => undefined,
    );
    if (Date.now() - t0 < 1000) return;
  }
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

/** Installs (once per folder), seeds and serves Vendure, measures it, stops it. Throws with the step that failed. */
export async function runPeer({ dbUrl, duration, connections, port = 3906, log = console.log }) {
  const dir = process.env.BENCH_PEER_DIR ?? path.join(os.tmpdir(), 'mall-bench-vendure');
  fs.mkdirSync(dir, { recursive: true });
  const installed = path.join(dir, 'node_modules', '@vendure', 'core', 'package.json');
  let installSeconds = 0;
  if (!fs.existsSync(installed)) {
    log(`peer: npm install @vendure/core@${VENDURE_RANGE} mysql2 into ${dir}`);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'mall-bench-vendure', private: true }, null, 2));
    const t0 = Date.now();
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@vendure/core@${VENDURE_RANGE}`, 'mysql2'], {
      cwd: dir,
      encoding: 'utf8',
    });
    installSeconds = Math.round((Date.now() - t0) / 1000);
    if (npm.status !== 0) throw new Error(`npm install of @vendure/core failed (exit ${npm.status}): ${(npm.stderr || npm.stdout).slice(-1500)}`);
  }
  const version = JSON.parse(fs.readFileSync(installed, 'utf8')).version;
  fs.writeFileSync(path.join(dir, 'server.cjs'), SERVER_SOURCE);
  fs.writeFileSync(path.join(dir, 'products.csv'), productsCsv());

  const dbName = new URL(dbUrl).pathname.slice(1);
  const adminUrl = new URL(dbUrl);
  adminUrl.pathname = '/';
  const admin = await mysql.createConnection({ uri: adminUrl.toString() });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const env = { PATH: process.env.PATH, NODE_ENV: 'production', PEER_DB_URL: dbUrl, PEER_PORT: String(port) };
  let server;
  try {
    log(`peer: Vendure ${version}: creating its schema and seeding ${PRODUCTS} products`);
    const t0 = Date.now();
    const seed = spawnSync(process.execPath, [path.join(dir, 'server.cjs')], { cwd: dir, env: { ...env, PEER_SEED: '1' }, encoding: 'utf8', timeout: 600_000 });
    if (seed.status !== 0) throw new Error(`Vendure seeding failed (exit ${seed.status}): ${(seed.stderr || seed.stdout).slice(-1500)}`);
    const seedSeconds = Math.round((Date.now() - t0) / 1000);

    server = spawn(process.execPath, [path.join(dir, 'server.cjs')], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const shop = `http://127.0.0.1:${port}/shop-api`;
    const gql = (query, variables = {}) => JSON.stringify({ query, variables });
    const listQuery = gql(`{ products(options: { take: ${PRODUCTS} }) { totalItems items { id name slug variants { id name priceWithTax stockLevel } } } }`);
    await waitFor(shop, listQuery).catch((e) => {
      throw new Error(`${e.message}; Vendure stderr: ${stderr.slice(-1500)}`);
    });
    const listed = await (await fetch(shop, { method: 'POST', headers: { 'content-type': 'application/json' }, body: listQuery })).json();
    const variantId = listed.data?.products?.items?.[0]?.variants?.[0]?.id;
    if (!variantId) throw new Error(`Vendure product list returned no products: ${JSON.stringify(listed).slice(0, 500)}`);

    // Vendure answers its first requests slowly (JIT, GraphQL caches), and under 50 connections it serves them in
    // waves: all 50 in flight progress together and finish together, seconds apart (p50 ≈ p99). A window shorter
    // than a few waves counts 0 or 50 completions, so it is at least 60 s; warm up first, drain between runs.
    const measure = Math.max(duration, 60);
    log('peer: warming up (5 s, 10 connections)');
    await cannon({ url: shop, duration: 5, connections: 10, method: 'POST', headers: { 'content-type': 'application/json' }, body: listQuery, timeout: 60 });
    log(`peer: product list (shop API products, ${PRODUCTS} items), ${measure}s × ${connections} connections`);
    const list = await cannon({
      timeout: 60,
      url: shop,
      duration: measure,
      connections,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: listQuery,
    });

    log(`peer: list: ${list.requests.total} requests answered, ${list['2xx']} 2xx, ${list.errors} errors, ${list.timeouts} timeouts`);
    await drain(shop);
    log(`peer: complete guest checkout (7 shop API calls each, a fresh guest session per checkout)`);
    const steps = [
      gql(
        `mutation { addItemToOrder(productVariantId: "${variantId}", quantity: 1) { __typename ... on Order { id code } ... on ErrorResult { errorCode message } } }`,
      ),
      null, // setCustomerForOrder: an email per connection
      gql(
        `mutation { setOrderShippingAddress(input: { fullName: "Bench Buyer", streetLine1: "1 Bench Road", city: "Shanghai", postalCode: "200000", countryCode: "CN" }) { __typename ... on ErrorResult { errorCode message } } }`,
      ),
      gql(`{ eligibleShippingMethods { id } }`),
      null, // setOrderShippingMethod: the id the previous call returned
      gql(
        `mutation { transitionOrderToState(state: "ArrangingPayment") { __typename ... on OrderStateTransitionError { errorCode message transitionError } } }`,
      ),
      gql(
        `mutation { addPaymentToOrder(input: { method: "bench-payment", metadata: {} }) { __typename ... on Order { state code } ... on ErrorResult { errorCode message } } }`,
      ),
    ];
    let nextConnection = 0;
    const completed = [];
    const failures = new Map();
    const fail = (context, what) => {
      context.failed = true;
      failures.set(what, (failures.get(what) ?? 0) + 1);
    };
    const checkErrors = (body, context, step) => {
      let json;
      try {
        json = JSON.parse(body);
      } catch {
        return (fail(context, `step ${step}: not JSON`), null);
      }
      if (json.errors?.length) return (fail(context, `step ${step}: ${json.errors[0].message.slice(0, 80)}`), null);
      const value = json.data && Object.values(json.data)[0];
      if (value && typeof value === 'object' && 'errorCode' in value) return (fail(context, `step ${step}: ${value.errorCode}`), null);
      return json;
    };
    const request = (i) => ({
      method: 'POST',
      setupRequest: (req, context) => {
        if (i === 0) {
          context.id ??= nextConnection++;
          context.token = null;
          context.failed = false;
          context.started = process.hrtime.bigint();
        }
        if (context.failed) return { ...req, body: gql('{ __typename }') }; // finish the cycle cheaply
        let body = steps[i];
        if (i === 1)
          body = gql(
            `mutation { setCustomerForOrder(input: { emailAddress: "bench${context.id}@example.com", firstName: "Bench", lastName: "Buyer${context.id}" }) { __typename ... on ErrorResult { errorCode message } } }`,
          );
        if (i === 4)
          body = gql(
            `mutation { setOrderShippingMethod(shippingMethodId: ["${context.shippingMethodId}"]) { __typename ... on ErrorResult { errorCode message } } }`,
          );
        return {
          ...req,
          headers: { 'content-type': 'application/json', ...(context.token ? { authorization: `Bearer ${context.token}` } : {}) },
          body,
        };
      },
      onResponse: (status, body, context, headers) => {
        if (context.failed) return;
        if (status !== 200) return fail(context, `step ${i}: HTTP ${status}`);
        const token = headers?.['vendure-auth-token'];
        if (token) context.token = token;
        const json = checkErrors(body, context, i);
        if (!json) return;
        if (i === 3) context.shippingMethodId = json.data.eligibleShippingMethods?.[0]?.id;
        if (i === steps.length - 1) {
          if (json.data.addPaymentToOrder?.state === 'PaymentSettled') completed.push(Number(process.hrtime.bigint() - context.started) / 1e6);
          else fail(context, `step ${i}: state ${json.data.addPaymentToOrder?.state}`);
        }
      },
    });
    const started = Date.now();
    // A checkout is 7 requests, each queued behind the other 49 connections': the same 60 s minimum.
    const checkoutSeconds = Math.max(duration, 60);
    log(`peer: ${checkoutSeconds}s × ${connections} connections`);
    const checkoutRun = await cannon({ url: shop, duration: checkoutSeconds, connections, timeout: 60, requests: steps.map((_, i) => request(i)) });
    const seconds = (Date.now() - started) / 1000;
    const sorted = [...completed].sort((a, b) => a - b);
    const [[{ settled }]] = await admin.query(`SELECT COUNT(*) AS settled FROM \`${dbName}\`.\`order\` WHERE state = 'PaymentSettled'`);
    return {
      version,
      installSeconds,
      seedSeconds,
      seconds: measure,
      checkoutSeconds: Math.max(duration, 60),
      list,
      checkout: {
        perSecond: completed.length / seconds,
        completed: completed.length,
        settledInDatabase: Number(settled),
        p50: Math.round(percentile(sorted, 50)),
        p99: Math.round(percentile(sorted, 99)),
        failures: Object.fromEntries(failures),
        requests: checkoutRun.requests.total,
      },
    };
  } finally {
    if (server) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch(() => undefined);
    await admin.end();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url));
if (isMain) {
  const quick = process.argv.includes('--quick');
  runPeer({
    dbUrl: process.env.BENCH_PEER_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench_vendure',
    duration: quick ? 5 : 20,
    connections: 50,
  })
    .then((r) => {
      console.log(
        JSON.stringify(
          { ...r, list: { rps: r.list.requests.average, p50: r.list.latency.p50, p99: r.list.latency.p99, non2xx: r.list.non2xx, errors: r.list.errors } },
          null,
          2,
        ),
      );
    })
    .catch((e) => {
      console.error('[peer] failed:', e.message);
      process.exit(1);
    });
}
