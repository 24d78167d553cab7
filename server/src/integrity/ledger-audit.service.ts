import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One broken invariant, naming the row it was found on. */
export interface AuditViolation {
  check: AuditCheck;
  subject: string;
  detail: string;
}

export const AUDIT_CHECKS = [
  'wallet_balance',
  'points_balance',
  'payment_applied_once',
  'refunds_within_paid',
  'refunds_per_source',
  'stock_ledger',
  'coupon_used_once',
  'svip_periods',
  'late_payment_refunded',
] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export interface AuditReport {
  ok: boolean;
  checkedAt: string;
  counts: Record<AuditCheck, number>;
  violations: AuditViolation[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const flag = (v: unknown) => v === true || v === 1 || v === '1';
const PAID_ORDER = ['paid', 'shipped', 'ready_for_pickup', 'completed', 'refunded'];

/**
 * The promises about money, points, stock, coupons and memberships, checked over the whole database
 * from outside the code that keeps them (read-only, plain SQL). `pnpm audit:ledger` runs it; tests
 * run it after every race and storm. Every check reads whole tables in one statement or two, so it
 * is a maintenance tool, not a request path.
 */
@Injectable()
export class LedgerAuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(): Promise<AuditReport> {
    const violations: AuditViolation[] = [];
    const add = (check: AuditCheck, subject: string, detail: string) => violations.push({ check, subject, detail });
    await this.wallets(add);
    await this.points(add);
    await this.payments(add);
    await this.refundsPerSource(add);
    await this.stock(add);
    await this.coupons(add);
    await this.memberships(add);
    const counts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, violations.filter((v) => v.check === c).length])) as Record<AuditCheck, number>;
    return { ok: violations.length === 0, checkedAt: new Date().toISOString(), counts, violations };
  }

  private query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.dataSource.query(sql, params);
  }

  /** Cached principal and bonus equal the sums of the wallet's entries and are never negative. */
  private async wallets(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const rows = await this.query(
      `SELECT w.member_id AS m, w.principal_fen AS p, w.bonus_fen AS b, COALESCE(SUM(e.delta_principal_fen), 0) AS lp, COALESCE(SUM(e.delta_bonus_fen), 0) AS lb
       FROM wallet w LEFT JOIN wallet_entry e ON e.member_id = w.member_id GROUP BY w.member_id, w.principal_fen, w.bonus_fen`,
    );
    for (const r of rows) {
      if (n(r.p) !== n(r.lp) || n(r.b) !== n(r.lb))
        add('wallet_balance', `wallet ${n(r.m)}`, `cached ${n(r.p)}/${n(r.b)} ≠ entries ${n(r.lp)}/${n(r.lb)} (principal/bonus)`);
      if (n(r.p) < 0 || n(r.b) < 0) add('wallet_balance', `wallet ${n(r.m)}`, `negative balance ${n(r.p)}/${n(r.b)}`);
    }
  }

  /** A member's points balance equals what their live lots hold and the sum of their entries; lots stay within 0..amount. */
  private async points(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const [lots, entries, accounts] = await Promise.all([
      this.query(`SELECT member_id AS m, COALESCE(SUM(remaining_points), 0) AS s FROM points_lot WHERE expired_at IS NULL GROUP BY member_id`),
      this.query(`SELECT member_id AS m, COALESCE(SUM(delta_points), 0) AS s FROM points_entry GROUP BY member_id`),
      this.query(`SELECT member_id AS m, balance_points AS b FROM points_account`),
    ]);
    const lotSum = new Map(lots.map((r) => [n(r.m), n(r.s)]));
    const entrySum = new Map(entries.map((r) => [n(r.m), n(r.s)]));
    for (const a of accounts) {
      const m = n(a.m);
      const b = n(a.b);
      if (b < 0) add('points_balance', `points ${m}`, `negative balance ${b}`);
      if (b !== (lotSum.get(m) ?? 0)) add('points_balance', `points ${m}`, `balance ${b} ≠ live lots ${lotSum.get(m) ?? 0}`);
      if (b !== (entrySum.get(m) ?? 0)) add('points_balance', `points ${m}`, `balance ${b} ≠ entries ${entrySum.get(m) ?? 0}`);
    }
    for (const l of await this.query(
      `SELECT id, remaining_points AS r, amount_points AS a FROM points_lot WHERE remaining_points < 0 OR remaining_points > amount_points`,
    )) {
      add('points_balance', `lot ${n(l.id)}`, `remaining ${n(l.r)} outside 0..${n(l.a)}`);
    }
  }

  /**
   * Every paid payment bought exactly what it was for (once), nothing unpaid was delivered as paid,
   * and refunds of a payment never exceed it and add up to its refunded amount.
   */
  private async payments(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const payments = await this.query(
      `SELECT id, out_trade_no AS o, purpose, purpose_id AS pid, status, amount_fen AS a, refunded_fen AS rf, late_refund AS late FROM payment`,
    );
    const refundSums = new Map(
      (
        await this.query(`SELECT payment_id AS p, COALESCE(SUM(amount_fen), 0) AS s FROM refund WHERE status IN ('processing', 'success') GROUP BY payment_id`)
      ).map((r) => [n(r.p), n(r.s)]),
    );
    const orders = new Map((await this.query(`SELECT id, status, payment_id AS pay, cash_fen AS cash FROM shop_order`)).map((r) => [String(n(r.id)), r]));
    const recharges = new Map((await this.query(`SELECT id, status, payment_id AS pay FROM recharge`)).map((r) => [String(n(r.id)), r]));
    const credited = new Map(
      (await this.query(`SELECT ref_id AS r, COUNT(*) AS c FROM wallet_entry WHERE kind = 'recharge' AND ref_type = 'recharge' GROUP BY ref_id`)).map((r) => [
        String(r.r),
        n(r.c),
      ]),
    );
    const purchases = new Map((await this.query(`SELECT id, status, payment_id AS pay FROM membership_purchase`)).map((r) => [String(n(r.id)), r]));
    const periods = new Map(
      (await this.query(`SELECT purchase_id AS p, COUNT(*) AS c FROM membership_period WHERE purchase_id IS NOT NULL GROUP BY purchase_id`)).map((r) => [
        String(n(r.p)),
        n(r.c),
      ]),
    );
    const redemptions = new Map((await this.query(`SELECT id, status, out_trade_no AS o FROM points_redemption`)).map((r) => [String(n(r.id)), r]));

    for (const p of payments) {
      const subject = `payment ${String(p.o)}`;
      const amount = n(p.a);
      const refunded = n(p.rf);
      if (refunded < 0 || refunded > amount) add('refunds_within_paid', subject, `refunded ${refunded} outside 0..${amount}`);
      if (refunded !== (refundSums.get(n(p.id)) ?? 0))
        add('refunds_within_paid', subject, `refunded_fen ${refunded} ≠ refunds ${refundSums.get(n(p.id)) ?? 0}`);
      if (p.status !== 'paid' && refunded > 0) add('refunds_within_paid', subject, `refunds on a ${String(p.status)} payment`);
      if (p.status === 'paid' && flag(p.late)) {
        if (refunded !== amount) add('late_payment_refunded', subject, `paid after close but refunded ${refunded} of ${amount}`);
        continue;
      }
      const paid = p.status === 'paid';
      const id = String(p.pid);
      if (p.purpose === 'order') {
        const o = orders.get(id);
        const delivered = o && PAID_ORDER.includes(String(o.status)) && n(o.pay) === n(p.id);
        if (paid && !delivered) add('payment_applied_once', subject, `paid, but order ${id} is ${o ? String(o.status) : 'missing'}`);
        if (!paid && o && n(o.pay) === n(p.id) && PAID_ORDER.includes(String(o.status)))
          add('payment_applied_once', subject, `${String(p.status)}, but order ${id} is ${String(o.status)}`);
      } else if (p.purpose === 'recharge') {
        const r = recharges.get(id);
        const times = credited.get(id) ?? 0;
        if (paid && (r?.status !== 'paid' || times !== 1))
          add('payment_applied_once', subject, `paid, recharge ${id} is ${String(r?.status)} and credited ${times} times`);
        if (!paid && (r?.status === 'paid' || times > 0))
          add('payment_applied_once', subject, `${String(p.status)}, recharge ${id} is ${String(r?.status)} and credited ${times} times`);
      } else if (p.purpose === 'membership') {
        const m = purchases.get(id);
        const count = periods.get(id) ?? 0;
        if (paid && (!m || !['paid', 'refunded'].includes(String(m.status)) || count !== 1))
          add('payment_applied_once', subject, `paid, purchase ${id} is ${String(m?.status)} with ${count} periods`);
        if (!paid && (count > 0 || m?.status === 'paid'))
          add('payment_applied_once', subject, `${String(p.status)}, purchase ${id} is ${String(m?.status)} with ${count} periods`);
      } else if (p.purpose === 'points_mall') {
        const r = redemptions.get(id);
        const delivered = r && ['issued', 'written_off'].includes(String(r.status));
        if (paid && !delivered) add('payment_applied_once', subject, `paid, redemption ${id} is ${String(r?.status)}`);
        if (!paid && delivered && r.o === p.o) add('payment_applied_once', subject, `${String(p.status)}, redemption ${id} is ${String(r.status)}`);
      }
    }
    // An order that takes cash must have it paid before it is treated as paid.
    const paidPayments = new Set(payments.filter((p) => p.status === 'paid' && !flag(p.late)).map((p) => n(p.id)));
    for (const [id, o] of orders) {
      if (PAID_ORDER.includes(String(o.status)) && n(o.cash) > 0 && !paidPayments.has(n(o.pay)))
        add('payment_applied_once', `order ${id}`, `${String(o.status)} without its paid payment`);
    }
  }

  /** Each line returns at most what each source paid for it; stored value refunds of an order stay within what it spent. */
  private async refundsPerSource(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const lines = await this.query(
      `SELECT id, order_id AS o FROM order_line WHERE refunded_quantity > quantity OR refunded_quantity < 0 OR refunded_cash_fen > cash_fen OR refunded_balance_fen > balance_fen OR refunded_points_fen > points_fen`,
    );
    for (const l of lines) add('refunds_per_source', `order line ${n(l.id)}`, `refunded more than paid (order ${n(l.o)})`);
    const balance = await this.query(
      `SELECT ref_id AS r, SUM(CASE WHEN kind = 'spend' THEN -(delta_principal_fen + delta_bonus_fen) ELSE 0 END) AS spent, SUM(CASE WHEN kind = 'spend_refund' THEN delta_principal_fen + delta_bonus_fen ELSE 0 END) AS back
       FROM wallet_entry WHERE ref_type = 'order' GROUP BY ref_id`,
    );
    for (const b of balance)
      if (n(b.back) > n(b.spent)) add('refunds_per_source', `order ${String(b.r)}`, `stored value back ${n(b.back)} > spent ${n(b.spent)}`);
    const orders = await this.query(
      `SELECT o.id, o.cash_fen AS cash, o.balance_fen AS bal, COALESCE(SUM(a.cash_fen), 0) AS ac, COALESCE(SUM(a.balance_fen), 0) AS ab
       FROM shop_order o JOIN after_sale a ON a.order_id = o.id AND a.status IN ('refunding', 'completed', 'failed') GROUP BY o.id, o.cash_fen, o.balance_fen`,
    );
    for (const o of orders) {
      if (n(o.ac) > n(o.cash) || n(o.ab) > n(o.bal))
        add('refunds_per_source', `order ${n(o.id)}`, `after-sales return cash ${n(o.ac)}/${n(o.cash)}, balance ${n(o.ab)}/${n(o.bal)}`);
    }
  }

  /** A SKU's available stock equals the sum of its movements and is never negative. */
  private async stock(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const rows = await this.query(
      `SELECT s.id, s.stock, COALESCE(SUM(m.delta), 0) AS moved FROM sku s LEFT JOIN stock_movement m ON m.sku_id = s.id GROUP BY s.id, s.stock`,
    );
    for (const r of rows) {
      if (n(r.stock) !== n(r.moved)) add('stock_ledger', `sku ${n(r.id)}`, `stock ${n(r.stock)} ≠ movements ${n(r.moved)}`);
      if (n(r.stock) < 0) add('stock_ledger', `sku ${n(r.id)}`, `negative stock ${n(r.stock)}`);
    }
  }

  /** A used coupon was used by one paid order or one write-off; a locked one is held by an unpaid order; no two live orders name the same coupon. */
  private async coupons(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const coupons = await this.query(
      `SELECT c.id, c.status, c.order_id AS o, o.status AS os FROM coupon c LEFT JOIN shop_order o ON o.id = c.order_id WHERE c.status IN ('used', 'locked')`,
    );
    const writtenOff = new Map(
      (await this.query(`SELECT ref_id AS r, COUNT(*) AS c FROM write_off WHERE kind = 'coupon' GROUP BY ref_id`)).map((r) => [String(r.r), n(r.c)]),
    );
    for (const c of coupons) {
      const id = String(n(c.id));
      const byOrder = c.o !== null && c.o !== undefined;
      const uses = (byOrder ? 1 : 0) + (writtenOff.get(id) ?? 0);
      if (c.status === 'used' && (uses !== 1 || (byOrder && !PAID_ORDER.includes(String(c.os)))))
        add('coupon_used_once', `coupon ${id}`, `used ${uses} times (order ${String(c.o)} ${String(c.os)})`);
      if (c.status === 'locked' && c.os !== 'pending_payment')
        add('coupon_used_once', `coupon ${id}`, `locked by order ${String(c.o)} that is ${String(c.os)}`);
    }
    const named = new Map<number, number[]>();
    for (const o of await this.query(`SELECT id, coupons FROM shop_order WHERE status NOT IN ('cancelled', 'refunded')`)) {
      for (const applied of JSON.parse(String(o.coupons ?? '[]')) as { couponId: number }[])
        named.set(applied.couponId, [...(named.get(applied.couponId) ?? []), n(o.id)]);
    }
    for (const [couponId, orderIds] of named)
      if (orderIds.length > 1) add('coupon_used_once', `coupon ${couponId}`, `applied to orders ${orderIds.join(', ')}`);
  }

  /** Paid SVIP purchases have exactly one period each; a member's active periods never overlap; the account's expiry is the last one's end. */
  private async memberships(add: (c: AuditCheck, s: string, d: string) => void): Promise<void> {
    const purchases = await this.query(
      `SELECT p.id, p.status, COUNT(pr.id) AS c, SUM(CASE WHEN pr.status = 'refunded' THEN 1 ELSE 0 END) AS rc FROM membership_purchase p LEFT JOIN membership_period pr ON pr.purchase_id = p.id GROUP BY p.id, p.status`,
    );
    for (const p of purchases) {
      const expected = ['paid', 'refunded'].includes(String(p.status)) ? 1 : 0;
      if (n(p.c) !== expected) add('svip_periods', `purchase ${n(p.id)}`, `${String(p.status)} with ${n(p.c)} periods`);
      if ((p.status === 'refunded') !== n(p.rc) > 0)
        add('svip_periods', `purchase ${n(p.id)}`, `${String(p.status)} but its period is ${n(p.rc) > 0 ? 'refunded' : 'active'}`);
    }
    const periods = await this.query(
      `SELECT member_id AS m, starts_at AS s, ends_at AS e FROM membership_period WHERE status = 'active' ORDER BY member_id, starts_at`,
    );
    const last = new Map<number, number>();
    for (const p of periods) {
      const m = n(p.m);
      const start = new Date(p.s as string).getTime();
      const end = new Date(p.e as string).getTime();
      if (last.has(m) && start < last.get(m)!) add('svip_periods', `member ${m}`, `periods overlap at ${new Date(start).toISOString()}`);
      last.set(m, Math.max(end, last.get(m) ?? end));
    }
    for (const a of await this.query(`SELECT member_id AS m, expires_at AS e FROM membership_account`)) {
      const m = n(a.m);
      const cached = a.e ? new Date(a.e as string).getTime() : null;
      const expected = last.get(m) ?? null;
      if (cached !== expected)
        add(
          'svip_periods',
          `member ${m}`,
          `account expires ${cached ? new Date(cached).toISOString() : 'never'}, periods end ${expected ? new Date(expected).toISOString() : 'never'}`,
        );
    }
  }
}
