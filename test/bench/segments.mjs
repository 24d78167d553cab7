#!/usr/bin/env node
// pnpm bench:segments [--quick]: segment counting over 200,000 members (20,000 with --quick) on MariaDB. The server
// migrates a fresh database; member facts, behaviour events and tags are then bulk-loaded with mysql2
// (seeded, reproducible), and each definition is timed through POST /api/admin/segments/preview
// (count + a 10-member sample) — the call the segment builder makes while ops edit.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
/** `--quick`: 20,000 members (seeding is most of the time). */
const MEMBERS = Number(process.env.BENCH_SEGMENT_MEMBERS ?? (quick ? 20_000 : 200_000));
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/mall_bench_segments';
const PORT = 3904;
const DAY = 86_400_000;
const log = (...args) => console.log('[bench:segments]', ...args);

/** mulberry32: the same members every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

async function api(method, url, body, token) {
  const res = await fetch(`http://127.0.0.1:${PORT}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const sqlDate = (ms) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');

async function load(db, now) {
  const random = rng(20261126);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const provinces = ['北京市', '上海市', '广东省', '浙江省', '江苏省', '四川省', '湖北省', '山东省'];
  const lifecycles = ['prospect', 'new', 'repeat', 'member', 'dormant', 'lost'];
  const rfms = [
    'important_value',
    'important_develop',
    'important_keep',
    'important_retain',
    'general_value',
    'general_develop',
    'general_keep',
    'general_retain',
    'none',
  ];
  const [[{ tagId }]] = await db.query('SELECT MAX(id) AS tagId FROM tag');
  await db.query("INSERT INTO tag (group_id, name, kind, staff_assignable) VALUES (0, '高价值', 'manual', 0), (0, '咖啡控', 'manual', 0)");
  const tags = [(tagId ?? 0) + 1, (tagId ?? 0) + 2];
  const BATCH = 5000;
  for (let start = 1; start <= MEMBERS; start += BATCH) {
    const facts = [];
    const events = [];
    const memberTags = [];
    for (let id = start; id < Math.min(start + BATCH, MEMBERS + 1); id++) {
      const orders = random() < 0.35 ? 0 : Math.floor(random() * 12);
      const last = orders ? now - Math.floor(random() * 400) * DAY : null;
      facts.push([
        id + 1_000_000,
        sqlDate(now - Math.floor(random() * 700) * DAY),
        orders ? sqlDate(last - Math.floor(random() * 300) * DAY) : null,
        orders ? sqlDate(last) : null,
        random() < 0.7 ? sqlDate(now - Math.floor(random() * 60) * DAY) : null,
        orders,
        orders * Math.floor(1000 + random() * 20000),
        pick(provinces),
        pick(['male', 'female', 'unknown']),
        random() < 0.6 ? 1 + Math.floor(random() * 12) : null,
        1 + Math.floor(random() * 4),
        random() < 0.1 ? 1 : 0,
        Math.floor(random() * 50000),
        Math.floor(random() * 5000),
        pick(lifecycles),
        pick(rfms),
        sqlDate(now),
      ]);
      const n = Math.floor(random() * 6);
      for (let k = 0; k < n; k++) {
        events.push([
          id + 1_000_000,
          pick(['view', 'view', 'view', 'favourite', 'cart', 'visit']),
          1 + Math.floor(random() * 20),
          sqlDate(now - Math.floor(random() * 90) * DAY),
          `b-${id}-${k}`,
        ]);
      }
      if (random() < 0.2) memberTags.push([id + 1_000_000, pick(tags), 'ops']);
    }
    await db.query(
      'INSERT INTO member_fact (member_id, registered_at, first_order_at, last_order_at, last_active_at, order_count, spend_fen, province, gender, birthday_month, tier_level, svip_active, wallet_fen, points, lifecycle, rfm, lifecycle_since) VALUES ?',
      [facts],
    );
    if (events.length) await db.query('INSERT INTO member_event (member_id, type, object_id, occurred_at, client_event_id) VALUES ?', [events]);
    if (memberTags.length) await db.query('INSERT IGNORE INTO member_tag (member_id, tag_id, source) VALUES ?', [memberTags]);
  }
  await db.query('ANALYZE TABLE member_fact, member_event, member_tag');
  return tags;
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'main.js'))) throw new Error('build first: pnpm build');
  const url = new URL(DB_URL);
  const dbName = url.pathname.slice(1);
  const adminUrl = new URL(DB_URL);
  adminUrl.pathname = '/';
  const root = await mysql.createConnection({ uri: adminUrl.toString() });
  await root.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await root.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await root.end();

  const server = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      // The segment query is what is measured; the simulator (not allowed in production mode) stands in for WeChat.
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
    const now = Date.now();
    const loadStart = Date.now();
    const tags = await load(db, now);
    const [[{ facts }]] = await db.query('SELECT COUNT(*) AS facts FROM member_fact');
    const [[{ events }]] = await db.query('SELECT COUNT(*) AS events FROM member_event');
    await db.end();
    log(`loaded ${facts} members, ${events} events in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
    const token = (await api('POST', '/api/admin/auth/login', { username: 'admin', password: 'bench-admin-pass' })).accessToken;
    const definitions = {
      'province = 北京市': { kind: 'group', match: 'all', conditions: [{ kind: 'fact', field: 'province', op: 'eq', value: '北京市' }] },
      'the brief: favourited in 30 d AND active in 7 d AND 北京市 AND 老客/会员': {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'event', event: 'favourite', withinDays: 30 },
          { kind: 'fact', field: 'lastActiveAt', op: 'withinDays', value: 7 },
          { kind: 'fact', field: 'province', op: 'eq', value: '北京市' },
          { kind: 'fact', field: 'lifecycle', op: 'in', value: ['repeat', 'member'] },
        ],
      },
      'viewed ≥ 2 in 30 d OR tagged, AND spend ≥ ¥500': {
        kind: 'group',
        match: 'all',
        conditions: [
          {
            kind: 'group',
            match: 'any',
            conditions: [
              { kind: 'event', event: 'view', withinDays: 30, count: 2 },
              { kind: 'tag', op: 'hasAny', tagIds: tags },
            ],
          },
          { kind: 'fact', field: 'spendFen', op: 'gte', value: 50_000 },
        ],
      },
      'no order in 90 d, never favourited (沉睡 candidates)': {
        kind: 'group',
        match: 'all',
        conditions: [
          { kind: 'fact', field: 'lastOrderAt', op: 'olderThanDays', value: 90 },
          { kind: 'event', event: 'favourite', withinDays: 365, op: 'lt' },
        ],
      },
    };
    const rows = [];
    for (const [name, definition] of Object.entries(definitions)) {
      await api('POST', '/api/admin/segments/preview', { definition }, token); // warm
      const times = [];
      let count = 0;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        count = (await api('POST', '/api/admin/segments/preview', { definition }, token)).count;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      rows.push({ name, count, median: times[2], worst: times[4] });
      log(`${name}: ${count} members, median ${times[2].toFixed(0)} ms, worst ${times[4].toFixed(0)} ms`);
    }
    const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
    const table = [
      '',
      `## ${new Date().toISOString()} segments (${facts} members, ${events} events, MariaDB, 2 cores)`,
      '',
      'POST /api/admin/segments/preview (count + 10-member sample), 5 runs after a warm-up; target < 2,000 ms.',
      '',
      '| segment | members | median ms | worst ms |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.name} | ${r.count} | ${r.median.toFixed(0)} | ${r.worst.toFixed(0)} |`),
      '',
    ].join('\n');
    fs.appendFileSync(doc, table);
    log('results appended to docs/BENCHMARKS.md');
    if (rows.some((r) => r.worst >= 2000)) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
