import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { beijingDate } from '@mall/shared';
import { AnalyticsRollupService } from '../analytics/analytics-rollup.service';
import { AppModule } from '../app.module';
import { JsonLogger } from '../common/logging/json-logger';
import { loadConfig } from '../config/app-config';
import { resolveJwtSecret } from '../config/dev-secret';
import { detectMysqlFlavor } from '../database/data-source-options';
import { migrateDatabase } from '../database/migrate';
import { DemoSeeder } from './demo-seeder';

/**
 * `pnpm seed:large`: a large, reproducible data set for the dashboard benchmark, on MySQL/MariaDB only.
 * Members, member facts, orders (with attributions and partial refunds), stored value (recharges,
 * spends, refunds back to the wallet), points (a lot and an earn entry per order) and SVIP (monthly
 * chains of purchases and periods), spread over SEED_DAYS, written by batched multi-row INSERTs;
 * then the analytics rollups are backfilled by two claimed workers at once.
 *
 * Sizes are parameters: SEED_MEMBERS (1,000,000), SEED_ORDERS (5,000,000), SEED_DAYS (365),
 * SEED_STORES (20), SEED_GUIDES_PER_STORE (5). It appends to an empty mall (run on a fresh database).
 * Bench data, not a replay of the app: ledger rows are consistent per member in id order (balance
 * after = running sum), but no recharge/payment rows back the wallet entries.
 */
const MEMBERS = Number(process.env.SEED_MEMBERS ?? 1_000_000);
const ORDERS = Number(process.env.SEED_ORDERS ?? 5_000_000);
const DAYS = Number(process.env.SEED_DAYS ?? 365);
const STORES = Number(process.env.SEED_STORES ?? 20);
const GUIDES_PER_STORE = Number(process.env.SEED_GUIDES_PER_STORE ?? 5);
const BATCH = 2000;
const DAY = 86_400_000;
const CHANNELS = ['poster', 'share', 'search', 'store_qr', 'ad', 'campaign'];

/** mulberry32: the same data every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sqlDate = (ms: number) => `'${new Date(ms).toISOString().slice(0, 23).replace('T', ' ')}'`;
const log = (msg: string) => process.stdout.write(`[seed:large ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/** One connection for the whole load, committing every few batches (a commit per INSERT is an fsync each). */
class Loader {
  private batches = 0;
  constructor(readonly runner: QueryRunner) {}
  static async open(ds: DataSource): Promise<Loader> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    await runner.query('SET SESSION unique_checks = 0');
    await runner.query('SET SESSION foreign_key_checks = 0');
    await runner.query('START TRANSACTION');
    return new Loader(runner);
  }
  async insert(sql: string): Promise<void> {
    await this.runner.query(sql);
    this.batches += 1;
    if (this.batches % 20 === 0) await this.commit();
  }
  async commit(): Promise<void> {
    await this.runner.query('COMMIT');
    await this.runner.query('START TRANSACTION');
  }
  async close(): Promise<void> {
    await this.runner.query('COMMIT');
    await this.runner.release();
  }
}

/** Collects rows and flushes them as one multi-row INSERT per BATCH. */
class Bulk {
  private rows: string[] = [];
  count = 0;
  constructor(
    private readonly ds: Loader,
    private readonly head: string,
  ) {}
  async add(values: (string | number | null)[]): Promise<void> {
    this.rows.push(`(${values.map((v) => (v === null ? 'NULL' : v)).join(',')})`);
    this.count += 1;
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const sql = `${this.head} VALUES ${this.rows.join(',')}`;
    this.rows = [];
    await this.ds.insert(sql);
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, JOBS_ENABLED: 'false' });
  if (config.database.type !== 'mysql') throw new Error('seed:large needs DATABASE_URL=mysql://…');
  resolveJwtSecret(config);
  await detectMysqlFlavor(config.database);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: new JsonLogger('warn') });
  const started = Date.now();
  try {
    const ds = app.get<DataSource>(getDataSourceToken());
    await migrateDatabase(ds);
    await app.get(DemoSeeder).seed();
    const [{ n: existing }] = await ds.query('SELECT COUNT(*) AS n FROM shop_order');
    if (Number(existing) > 0) throw new Error('seed:large appends to an empty mall: use a fresh database');
    const loader = await Loader.open(ds);
    const now = Date.now();
    const start = now - DAYS * DAY;
    const random = rng(20261126);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

    // Stores and guides.
    const [{ storeBase }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS storeBase FROM store');
    const [{ accountBase }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS accountBase FROM account');
    const stores = new Bulk(loader, 'INSERT INTO store (id, name, address, opening_hours)');
    const accounts = new Bulk(loader, 'INSERT INTO account (id, username, password_hash, display_name, role, store_id)');
    const guidesOf: number[][] = [];
    for (let s = 1; s <= STORES; s++) {
      const storeId = Number(storeBase) + s;
      await stores.add([storeId, `'压测门店 ${s} 号'`, `'上海市 ${s} 号路'`, "'10:00-22:00'"]);
      guidesOf[s] = [];
      for (let g = 1; g <= GUIDES_PER_STORE; g++) {
        const id = Number(accountBase) + (s - 1) * GUIDES_PER_STORE + g;
        guidesOf[s].push(id);
        await accounts.add([id, `'bench-guide-${s}-${g}'`, "'!'", `'导购 ${s}-${g}'`, "'staff'", storeId]);
      }
    }
    await stores.flush();
    await accounts.flush();
    await loader.commit();
    const [plan] = await ds.query('SELECT id, name, price_fen AS priceFen FROM membership_plan ORDER BY period_days ASC, id ASC LIMIT 1');

    // Members: ids follow join time; 40% bound to a store and guide; 20% recharge once after joining.
    const [{ memberBase }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS memberBase FROM member');
    const base = Number(memberBase);
    const joined = new Float64Array(MEMBERS + 1);
    const storeOf = new Int32Array(MEMBERS + 1);
    const guideOf = new Int32Array(MEMBERS + 1);
    const channelOf = new Uint8Array(MEMBERS + 1);
    const principal = new Float64Array(MEMBERS + 1);
    const bonus = new Float64Array(MEMBERS + 1);
    const recharged = new Uint8Array(MEMBERS + 1);
    const members = new Bulk(loader, 'INSERT INTO member (id, openid, nickname, gender, region, created_at, updated_at)');
    const walletEntries = new Bulk(
      loader,
      'INSERT INTO wallet_entry (member_id, delta_principal_fen, delta_bonus_fen, principal_after_fen, bonus_after_fen, kind, ref_type, ref_id, idempotency_key, created_at)',
    );
    for (let i = 1; i <= MEMBERS; i++) {
      const id = base + i;
      joined[i] = start + ((i - 0.5) / MEMBERS) * DAYS * DAY;
      channelOf[i] = Math.floor(random() * CHANNELS.length);
      if (random() < 0.4) {
        storeOf[i] = 1 + Math.floor(random() * STORES);
        guideOf[i] = pick(guidesOf[storeOf[i]]);
      }
      await members.add([
        id,
        `'bench-${id}'`,
        `'会员${id}'`,
        `'${random() < 0.5 ? 'female' : 'male'}'`,
        "'上海市 静安区'",
        sqlDate(joined[i]),
        sqlDate(joined[i]),
      ]);
      if (random() < 0.2) {
        principal[i] = 100_000;
        recharged[i] = 1;
        bonus[i] = 10_000;
        await walletEntries.add([
          id,
          100_000,
          10_000,
          100_000,
          10_000,
          "'recharge'",
          "'recharge'",
          `'bench-${id}'`,
          `'bench-recharge:${id}'`,
          sqlDate(joined[i] + 3600_000),
        ]);
      }
      if (i % 100_000 === 0) log(`members ${i}`);
    }
    await members.flush();
    log(`members ${MEMBERS}`);

    // SVIP: 6% of members buy the shortest plan soon after joining and renew each period with p = 0.7 while it is not the future.
    const svipSpans: { starts: number; ends: number }[][] = [];
    const purchases = new Bulk(loader, 'INSERT INTO membership_purchase (id, member_id, plan_id, plan_name, price_fen, paid_by, status, paid_at, created_at)');
    const periods = new Bulk(loader, 'INSERT INTO membership_period (member_id, plan_id, purchase_id, starts_at, ends_at, price_fen, status, created_at)');
    const [{ purchaseBase }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS purchaseBase FROM membership_purchase');
    let purchaseId = Number(purchaseBase);
    const periodMs = 30 * DAY;
    for (let i = 1; i <= MEMBERS; i++) {
      if (random() >= 0.06) continue;
      let starts = joined[i] + random() * 30 * DAY;
      const spans: { starts: number; ends: number }[] = [];
      while (starts < now) {
        purchaseId += 1;
        const ends = starts + periodMs;
        await purchases.add([purchaseId, base + i, plan.id, `'${plan.name}'`, Number(plan.priceFen), "'wechat'", "'paid'", sqlDate(starts), sqlDate(starts)]);
        await periods.add([base + i, plan.id, purchaseId, sqlDate(starts), sqlDate(ends), Number(plan.priceFen), "'active'", sqlDate(starts)]);
        spans.push({ starts, ends });
        if (random() >= 0.7) break;
        starts = ends;
      }
      svipSpans[i] = spans;
    }
    await purchases.flush();
    await periods.flush();
    log(`svip purchases ${purchases.count}`);

    // Orders: buyers skewed (a few buy often), paid between joining and now; attribution for bound members,
    // 10% paid partly from stored value, 2% partly refunded; each earns 1 point per yuan as a lot + entry.
    const orderCount = new Int32Array(MEMBERS + 1);
    const spend = new Float64Array(MEMBERS + 1);
    const firstOrder = new Float64Array(MEMBERS + 1);
    const lastOrder = new Float64Array(MEMBERS + 1);
    const points = new Float64Array(MEMBERS + 1);
    const [{ orderBase }] = await ds.query('SELECT COALESCE(MAX(id), 0) AS orderBase FROM shop_order');
    const orders = new Bulk(
      loader,
      'INSERT INTO shop_order (id, order_no, member_id, status, fulfilment, list_total_fen, member_discount_fen, balance_fen, cash_fen, payable_fen, points_earned, savings, paid_at, completed_at, created_at, updated_at)',
    );
    const attributions = new Bulk(loader, 'INSERT INTO attribution (kind, ref_id, member_id, store_id, staff_account_id, amount_fen, created_at)');
    const afterSales = new Bulk(loader, 'INSERT INTO after_sale (order_id, member_id, `lines`, kind, status, cash_fen, balance_fen, created_at, updated_at)');
    const lots = new Bulk(loader, 'INSERT INTO points_lot (member_id, amount_points, remaining_points, source, expires_at, created_at)');
    const pointEntries = new Bulk(
      loader,
      'INSERT INTO points_entry (member_id, delta_points, balance_after_points, kind, ref_type, ref_id, idempotency_key, created_at)',
    );
    for (let n = 1; n <= ORDERS; n++) {
      const i = 1 + Math.floor(Math.pow(random(), 1.6) * MEMBERS);
      const id = Number(orderBase) + n;
      const memberId = base + i;
      const paidAt = joined[i] + random() * (now - joined[i]);
      const listFen = 1000 + Math.floor(random() * 29_000);
      const svip = (svipSpans[i] ?? []).some((s) => s.starts <= paidAt && s.ends > paidAt);
      const discountFen = svip ? Math.floor(listFen * 0.12) : 0;
      const payable = listFen - discountFen;
      let balanceFen = 0;
      if (principal[i] + bonus[i] > 0 && random() < 0.5) {
        balanceFen = Math.min(payable, principal[i] + bonus[i]);
        const fromBonus = Math.min(bonus[i], Math.floor((balanceFen * bonus[i]) / (principal[i] + bonus[i])));
        const fromPrincipal = balanceFen - fromBonus;
        principal[i] -= fromPrincipal;
        bonus[i] -= fromBonus;
        await walletEntries.add([
          memberId,
          -fromPrincipal,
          -fromBonus,
          principal[i],
          bonus[i],
          "'spend'",
          "'order'",
          `'${id}'`,
          `'bench-spend:${id}'`,
          sqlDate(paidAt),
        ]);
      }
      const savings = svip ? `'[{"source":{"type":"plan","id":${plan.id},"name":"SVIP"},"fen":${discountFen}}]'` : 'NULL';
      const earned = Math.floor(payable / 100);
      await orders.add([
        id,
        `'L${id}'`,
        memberId,
        "'completed'",
        "'delivery'",
        listFen,
        discountFen,
        balanceFen,
        payable - balanceFen,
        payable,
        earned,
        savings,
        sqlDate(paidAt),
        sqlDate(paidAt + 3 * DAY),
        sqlDate(paidAt - 60_000),
        sqlDate(paidAt),
      ]);
      if (storeOf[i]) await attributions.add(["'order'", `'${id}'`, memberId, Number(storeBase) + storeOf[i], guideOf[i], payable, sqlDate(paidAt)]);
      if (random() < 0.02) {
        const cash = Math.floor((payable - balanceFen) / 2);
        await afterSales.add([id, memberId, "'[]'", "'refund_only'", "'completed'", cash, 0, sqlDate(paidAt + DAY), sqlDate(paidAt + DAY)]);
      }
      points[i] += earned;
      await lots.add([memberId, earned, earned, "'order'", sqlDate(paidAt + 365 * DAY), sqlDate(paidAt)]);
      await pointEntries.add([memberId, earned, points[i], "'earn'", "'order'", `'${id}'`, `'bench-earn:${id}'`, sqlDate(paidAt)]);
      orderCount[i] += 1;
      spend[i] += payable;
      if (!firstOrder[i] || paidAt < firstOrder[i]) firstOrder[i] = paidAt;
      if (paidAt > lastOrder[i]) lastOrder[i] = paidAt;
      if (n % 250_000 === 0) log(`orders ${n}`);
    }
    for (const b of [orders, attributions, afterSales, lots, pointEntries, walletEntries]) await b.flush();
    log(`orders ${ORDERS}, attributions ${attributions.count}, refunds ${afterSales.count}, wallet entries ${walletEntries.count}`);

    // Balances and member facts from the same numbers.
    const wallets = new Bulk(loader, 'INSERT INTO wallet (member_id, principal_fen, bonus_fen)');
    const accountsPoints = new Bulk(loader, 'INSERT INTO points_account (member_id, balance_points)');
    const facts = new Bulk(
      loader,
      'INSERT INTO member_fact (member_id, registered_at, first_order_at, last_order_at, order_count, spend_fen, source_channel, store_id, guide_id, tier_level, svip_active, wallet_fen, points, lifecycle, lifecycle_since, rfm)',
    );
    for (let i = 1; i <= MEMBERS; i++) {
      const id = base + i;
      const walletFen = principal[i] + bonus[i];
      // A member who recharged keeps a wallet row even when it is spent down to zero.
      if (recharged[i]) await wallets.add([id, principal[i], bonus[i]]);
      if (points[i] > 0) await accountsPoints.add([id, points[i]]);
      const svipActive = (svipSpans[i] ?? []).some((s) => s.starts <= now && s.ends > now);
      const tier = spend[i] >= 500_000 ? 4 : spend[i] >= 200_000 ? 3 : spend[i] >= 50_000 ? 2 : 1;
      const idle = lastOrder[i] ? now - lastOrder[i] : 0;
      const lifecycle =
        orderCount[i] === 0
          ? 'prospect'
          : idle > 180 * DAY
            ? 'lost'
            : idle > 90 * DAY
              ? 'dormant'
              : svipActive || walletFen > 0
                ? 'member'
                : orderCount[i] >= 2
                  ? 'repeat'
                  : 'new';
      await facts.add([
        id,
        sqlDate(joined[i]),
        firstOrder[i] ? sqlDate(firstOrder[i]) : null,
        lastOrder[i] ? sqlDate(lastOrder[i]) : null,
        orderCount[i],
        spend[i],
        `'${CHANNELS[channelOf[i]]}'`,
        storeOf[i] ? Number(storeBase) + storeOf[i] : null,
        guideOf[i] || null,
        tier,
        svipActive ? 1 : 0,
        walletFen,
        points[i],
        `'${lifecycle}'`,
        sqlDate(lastOrder[i] || joined[i]),
        "'none'",
      ]);
    }
    for (const b of [wallets, accountsPoints, facts]) await b.flush();
    await loader.close();
    log(`member facts ${facts.count}; raw data loaded in ${Math.round((Date.now() - started) / 1000)} s`);

    // Rollups: every day, by two claimed workers at once (each day is computed by exactly one of them).
    const rollupStarted = Date.now();
    const rollup = app.get(AnalyticsRollupService);
    const firstDay = beijingDate(start);
    const lastDay = beijingDate(now);
    const days: string[] = [];
    for (let d = firstDay; d <= lastDay; d = beijingDate(Date.parse(`${d}T00:00:00+08:00`) + DAY)) days.push(d);
    await rollup.markDirty(days);
    const worker = async () => {
      let n = 0;
      for (const day of days) if (await rollup.computeClaimed(day)) n += 1;
      return n;
    };
    const done = await Promise.all([worker(), worker()]);
    await rollup.snapshot();
    log(`rollups: ${days.length} days computed (${done.join(' + ')}) in ${Math.round((Date.now() - rollupStarted) / 1000)} s`);
    log(`total ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:large failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
