import { ConfigCache } from '../common/cache/config-cache';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual, MoreThan } from 'typeorm';
import {
  ErrorCode,
  yuanLabel,
  MEMBERSHIP_PERIOD_STATES,
  MEMBERSHIP_PURCHASE_STATES,
  type PeriodUnit,
  membershipStatus,
  nextPeriod,
  renewalRate,
  type BenefitSource,
  type MembershipMetrics,
  type MembershipPeriod,
  type MembershipSummary,
  type PurchaseMembershipRequest,
  type PurchaseMembershipResult,
  type MembershipPurchaseView,
  type RefundQuote,
  quoteMembershipRefund,
  MEMBERSHIP_REFUND_POLICY_LABELS,
} from '@mall/shared';
import { BenefitSourceRegistry, type BenefitSourceProvider } from '../benefit/benefit-source';
import { AppError } from '../common/errors/app-error';
import { findCurrent } from '../database/current-read';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { OrderQueryService } from '../order/order-query.service';
import { RefundService } from '../payment/refund.service';
import { transitionOne } from '../common/state/transition';
import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEventMap } from '../common/events/domain-events';
import { BindingService } from '../store/binding.service';
import type { Payment } from '../payment/payment.entity';
import { PaymentPurposeRegistry, type PaymentPurposeHandler } from '../payment/payment-purpose';
import { PaymentService } from '../payment/payment.service';
import { WalletLedgerService } from '../wallet/wallet-ledger.service';
import { WalletPinService } from '../wallet/wallet-pin.service';
import { WalletSettingsService } from '../wallet/wallet-settings.service';
import { MembershipAccount, MembershipEvent, MembershipPeriodRecord, MembershipPlan, MembershipPurchase } from './membership.entity';
import { retryOnDeadlock } from '../database/transactions';
import { OutboxService } from '../common/outbox/outbox.service';

export const MEMBERSHIP_GRACE_DAYS = 7;

const PLANS_KEY = 'membership:plans';
const periodOf = (p: MembershipPlan) => ({ unit: p.periodUnit, days: p.periodDays });

/**
 * Paid membership (SVIP): plans, purchases by WeChat Pay or stored value, periods that stack,
 * status derived from periods, the savings it brought, and renewal metrics. Plans are benefit
 * sources while a period is running; the 'membership' payment purpose adds a period exactly once.
 */
@Injectable()
export class MembershipService implements PaymentPurposeHandler, BenefitSourceProvider, OnModuleInit {
  readonly purpose = 'membership' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly registry: PaymentPurposeRegistry,
    private readonly sources: BenefitSourceRegistry,
    private readonly wallet: WalletLedgerService,
    private readonly walletSettings: WalletSettingsService,
    private readonly pins: WalletPinService,
    private readonly members: MemberService,
    private readonly orders: OrderQueryService,
    private readonly bindings: BindingService,
    private readonly outbox: OutboxService,
    private readonly cache: ConfigCache,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.sources.register(this);
  }

  /** The plans on sale, in display order (cached; shared objects, never mutate them). */
  async plans(): Promise<MembershipPlan[]> {
    return (await this.allPlans()).filter((p) => p.enabled);
  }

  /** Every plan, enabled or not: read on each member card, product page and checkout, written only by admins. */
  private allPlans(): Promise<MembershipPlan[]> {
    return this.cache.get(PLANS_KEY, () => this.dataSource.getRepository(MembershipPlan).find({ order: { sortOrder: 'ASC', id: 'ASC' } }));
  }

  private async cachedPlan(id: number): Promise<MembershipPlan | null> {
    return (await this.allPlans()).find((p) => p.id === id) ?? null;
  }

  /** Called by every write to membership plans (admin create/update, seeding) so the next read sees it. */
  plansChanged(): void {
    this.cache.invalidate(PLANS_KEY);
  }

  /** True while no purchase holds the member's first-purchase eligibility (a pending one holds it too). */
  private async isFirstPurchase(memberId: number): Promise<boolean> {
    const account = await this.dataSource.getRepository(MembershipAccount).findOneBy({ memberId });
    return !account?.firstPricePurchaseId;
  }

  async priceFor(memberId: number, plan: MembershipPlan): Promise<{ priceFen: number; firstPrice: boolean }> {
    const firstPrice = plan.firstPurchasePriceFen !== null && (await this.isFirstPurchase(memberId));
    return { priceFen: firstPrice ? plan.firstPurchasePriceFen! : plan.priceFen, firstPrice };
  }

  /**
   * Takes the member's first-purchase eligibility for `purchaseId` (conditional UPDATE, so of any
   * number of concurrent or pending purchases exactly one holds it). `orMine` also succeeds when this
   * purchase already holds it.
   */
  private async claimFirstPrice(manager: EntityManager, memberId: number, purchaseId: number, orMine = false): Promise<boolean> {
    const qb = manager.createQueryBuilder().update(MembershipAccount).set({ firstPricePurchaseId: purchaseId });
    qb.where(
      orMine
        ? 'member_id = :memberId AND (first_price_purchase_id IS NULL OR first_price_purchase_id = :purchaseId)'
        : 'member_id = :memberId AND first_price_purchase_id IS NULL',
      { memberId, purchaseId },
    );
    return ((await qb.execute()).affected ?? 0) > 0;
  }

  /**
   * A first-price purchase that will never be paid gives the eligibility back — to nobody, or to a
   * purchase of the member's that was paid meanwhile. Under the account lock, like markPaid's claim.
   */
  private async releaseFirstPrice(manager: EntityManager, memberId: number, purchaseId: number): Promise<void> {
    await this.lock(manager, memberId);
    const [paid] = await manager
      .getRepository(MembershipPurchase)
      .find({ where: { memberId, status: In(['paid', 'refunded']) }, order: { id: 'ASC' }, take: 1 });
    await manager
      .createQueryBuilder()
      .update(MembershipAccount)
      .set({ firstPricePurchaseId: paid?.id ?? null })
      .where('member_id = :memberId AND first_price_purchase_id = :purchaseId', { memberId, purchaseId })
      .execute();
  }

  /** Creates the pending purchase; a first-price one must win the claim or the member sees the new price (409). */
  private async createPurchase(
    manager: EntityManager,
    memberId: number,
    plan: MembershipPlan,
    price: { priceFen: number; firstPrice: boolean },
    paidBy: 'wechat' | 'balance',
  ): Promise<MembershipPurchase> {
    const p = await manager
      .getRepository(MembershipPurchase)
      .save(
        manager
          .getRepository(MembershipPurchase)
          .create({ memberId, planId: plan.id, planName: plan.name, priceFen: price.priceFen, firstPrice: price.firstPrice, paidBy, status: 'pending' }),
      );
    if (price.firstPrice && !(await this.claimFirstPrice(manager, memberId, p.id))) {
      throw new AppError(ErrorCode.PRICE_CHANGED, `首购优惠已被使用，当前价格 ${yuanLabel(plan.priceFen)}`, { priceFen: plan.priceFen });
    }
    return p;
  }

  async purchase(memberId: number, input: PurchaseMembershipRequest): Promise<PurchaseMembershipResult> {
    const plan = await this.dataSource.getRepository(MembershipPlan).findOneBy({ id: input.planId, enabled: true });
    if (!plan) throw new AppError(ErrorCode.NOT_FOUND, '会员方案不存在或已下架');
    const member = await this.members.getById(memberId);
    await this.ensureAccount(memberId);
    const price = await this.priceFor(memberId, plan);
    const priceFen = price.priceFen;
    if (input.payWith === 'balance') {
      await this.wallet.ensureAccount(memberId);
      const settings = await this.walletSettings.get();
      await this.pins.assertForSpend(memberId, priceFen, settings.pinRequiredFromFen, input.pin);
      const purchase = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (manager) => {
          const p = await this.createPurchase(manager, memberId, plan, price, 'balance');
          await this.wallet.spend(manager, {
            memberId,
            amountFen: priceFen,
            rule: settings.spendRule,
            refType: 'membership',
            refId: String(p.id),
            idempotencyKey: `membership-spend:${p.id}`,
            note: `开通${plan.name}`,
          });
          await this.markPaid(manager, p.id, new Date());
          return p;
        }),
      );
      return { purchaseId: purchase.id, status: 'paid', priceFen, outTradeNo: null, payParams: null };
    }
    const {
      result: purchase,
      payment,
      payParams,
    } = await this.payments.startPurchase(async (manager, openPayment) => {
      const p = await this.createPurchase(manager, memberId, plan, price, 'wechat');
      const pay = await openPayment({
        purpose: 'membership',
        purposeId: String(p.id),
        memberId,
        openid: member.openid,
        amountFen: priceFen,
        description: `付费会员-${plan.name}`,
      });
      await manager.getRepository(MembershipPurchase).update({ id: p.id }, { paymentId: pay.id, outTradeNo: pay.outTradeNo });
      return p;
    });
    return { purchaseId: purchase.id, status: 'pending', priceFen, outTradeNo: payment!.outTradeNo, payParams };
  }

  /** pending|closed → paid, and its period added after the member's last one (under the account lock). */
  private async markPaid(manager: EntityManager, purchaseId: number, paidAt: Date): Promise<boolean> {
    const moved = await transitionOne(manager, MembershipPurchase, MEMBERSHIP_PURCHASE_STATES, {
      where: { id: purchaseId },
      from: ['pending', 'closed'],
      to: 'paid',
      set: { paidAt },
    });
    if (!moved) return false;
    const purchase = await manager.getRepository(MembershipPurchase).findOneByOrFail({ id: purchaseId });
    const plan = await manager.getRepository(MembershipPlan).findOneByOrFail({ id: purchase.planId });
    const period = await this.addPeriod(
      manager,
      { memberId: purchase.memberId, planId: plan.id, purchaseId, grantKey: null, priceFen: purchase.priceFen },
      periodOf(plan),
      paidAt,
    );
    await this.claimFirstPrice(manager, purchase.memberId, purchaseId); // any paid purchase ends first-purchase eligibility (account locked above)
    await this.bindings.attribute(manager, 'membership', String(purchaseId), purchase.memberId, purchase.priceFen);
    await this.outbox.publish(manager, 'membership.purchased', {
      purchaseId,
      memberId: purchase.memberId,
      planId: plan.id,
      renewal: period.renewal,
      endsAt: period.endsAt.toISOString(),
    });
    return true;
  }

  /** Appends a period after the member's last one, under the member's account lock (concurrent grants stack). */
  private async addPeriod(
    manager: EntityManager,
    record: Pick<MembershipPeriodRecord, 'memberId' | 'planId' | 'purchaseId' | 'grantKey' | 'priceFen'>,
    length: { unit: PeriodUnit; days: number },
    from: Date,
  ): Promise<{ endsAt: Date; renewal: boolean }> {
    await this.lock(manager, record.memberId);
    const periods = await findCurrent(manager, MembershipPeriodRecord, { memberId: record.memberId, status: 'active' });
    const next = nextPeriod(periods, length, from);
    await manager.getRepository(MembershipPeriodRecord).insert({ ...record, startsAt: next.startsAt, endsAt: next.endsAt, status: 'active' });
    await manager.getRepository(MembershipAccount).update({ memberId: record.memberId }, { expiresAt: next.endsAt });
    return { endsAt: next.endsAt, renewal: periods.length > 0 };
  }

  /** SVIP days granted by a recharge plan, once per recharge (unique grant key), stacked like a purchase. */
  @OnEvent('recharge.membership_days_granted', { suppressErrors: false })
  async grantFromRecharge(event: DomainEventMap['recharge.membership_days_granted']): Promise<void> {
    const { manager, memberId, rechargeId, planId, days } = event;
    const grantKey = `recharge:${rechargeId}`;
    if (days <= 0 || (await manager.getRepository(MembershipPeriodRecord).existsBy({ grantKey }))) return;
    await this.addPeriod(manager, { memberId, planId, purchaseId: null, grantKey, priceFen: 0 }, { unit: 'days', days }, new Date());
  }

  async ensureAccount(memberId: number): Promise<void> {
    await insertIgnore(this.dataSource.manager, MembershipAccount, { memberId, expiresAt: null });
  }

  /**
   * Row-locks the member's account for the rest of the transaction. A missing row is created outside
   * the transaction first; an existing one never is, because an INSERT IGNORE on another connection
   * would wait for the lock this transaction may already hold.
   */
  private async lock(manager: EntityManager, memberId: number): Promise<void> {
    if ((await findCurrent(manager, MembershipAccount, { memberId }, { forUpdate: true })).length) return;
    await this.ensureAccount(memberId);
    await findCurrent(manager, MembershipAccount, { memberId }, { forUpdate: true });
  }

  async periods(memberId: number): Promise<MembershipPeriodRecord[]> {
    return this.dataSource.getRepository(MembershipPeriodRecord).find({ where: { memberId }, order: { startsAt: 'ASC' } });
  }

  async catalogue(): Promise<BenefitSource[]> {
    return (await this.allPlans()).map((p) => ({
      type: 'plan',
      id: p.id,
      name: p.name,
    }));
  }

  async activeSources(memberId: number, at: Date): Promise<BenefitSource[]> {
    const period = await this.dataSource
      .getRepository(MembershipPeriodRecord)
      .findOne({ where: { memberId, status: 'active', startsAt: LessThanOrEqual(at), endsAt: MoreThan(at) } });
    if (!period) return [];
    const plan = await this.cachedPlan(period.planId);
    return plan ? [{ type: 'plan', id: plan.id, name: plan.name }] : [];
  }

  /** Savings attributable to paid-membership benefits on the member's paid orders in [from, to). */
  savingsSince(memberId: number, from: Date, to: Date): Promise<number> {
    return this.orders.savingsBySourceType(memberId, 'plan', from, to);
  }

  async summary(memberId: number, now = new Date()): Promise<MembershipSummary> {
    // The independent reads go out together (the member home waits on the slowest, not on their sum).
    const [allPeriods, plans, first, purchases] = await Promise.all([
      this.periods(memberId),
      this.plans(),
      this.isFirstPurchase(memberId),
      this.dataSource.getRepository(MembershipPurchase).find({ where: { memberId }, order: { id: 'DESC' }, take: 20 }),
    ]);
    const periods = allPeriods.filter((p) => p.status === 'active');
    const { status, expiresAt } = membershipStatus(periods, now, MEMBERSHIP_GRACE_DAYS);
    const current = periods.find((p) => p.startsAt <= now && now < p.endsAt) ?? null;
    const [plan, savedFen] = current
      ? await Promise.all([this.cachedPlan(current.planId), this.savingsSince(memberId, current.startsAt, current.endsAt)])
      : [null, 0];
    return {
      status,
      expiresAt: expiresAt?.toISOString() ?? null,
      currentPlan: plan ? { id: plan.id, name: plan.name } : null,
      period: current ? { startsAt: current.startsAt.toISOString(), endsAt: current.endsAt.toISOString(), costFen: current.priceFen, savedFen } : null,
      periods: periods.map((p) => ({ startsAt: p.startsAt.toISOString(), endsAt: p.endsAt.toISOString(), planId: p.planId, priceFen: p.priceFen })),
      plans: plans.map((p) => ({
        id: p.id,
        name: p.name,
        periodUnit: p.periodUnit,
        periodDays: p.periodDays,
        priceFen: first && p.firstPurchasePriceFen !== null ? p.firstPurchasePriceFen : p.priceFen,
        listPriceFen: p.priceFen,
        strikePriceFen: p.strikePriceFen,
        firstPurchase: first && p.firstPurchasePriceFen !== null,
        tagline: p.tagline,
        refundDays: p.refundDays,
        refundPolicy: p.refundPolicy,
        refundPolicyText: MEMBERSHIP_REFUND_POLICY_LABELS[p.refundPolicy],
      })),
      purchases: await Promise.all(purchases.map(async (p) => this.purchaseView(p, p.status === 'paid' ? await this.quoteFor(p, now) : null))),
    };
  }

  private async purchaseOf(purchaseId: number, memberId?: number): Promise<MembershipPurchase> {
    const purchase = await this.dataSource
      .getRepository(MembershipPurchase)
      .findOneBy(memberId === undefined ? { id: purchaseId } : { id: purchaseId, memberId });
    if (!purchase) throw AppError.notFound('会员订单');
    return purchase;
  }

  /** True when no active period was stacked after this one (only the latest period can be refunded). */
  private async isLatest(manager: EntityManager, period: MembershipPeriodRecord): Promise<boolean> {
    return !(await manager
      .getRepository(MembershipPeriodRecord)
      .existsBy({ memberId: period.memberId, status: 'active', startsAt: MoreThan(period.startsAt) }));
  }

  /** What the member would get back for a paid purchase now, per its plan's policy (savings of its period counted). */
  private async quoteFor(purchase: MembershipPurchase, now: Date): Promise<RefundQuote> {
    if (purchase.status !== 'paid' || !purchase.paidAt) return { refundable: false, amountFen: 0, deductedFen: 0, reason: '该会员订单不能退款' };
    const plan = await this.dataSource.getRepository(MembershipPlan).findOneByOrFail({ id: purchase.planId });
    const period = await this.dataSource.getRepository(MembershipPeriodRecord).findOneByOrFail({ purchaseId: purchase.id });
    return quoteMembershipRefund({
      policy: plan.refundPolicy,
      priceFen: purchase.priceFen,
      paidAt: purchase.paidAt,
      refundDays: plan.refundDays,
      savedFen: await this.savingsSince(purchase.memberId, period.startsAt, period.endsAt),
      isLatest: await this.isLatest(this.dataSource.manager, period),
      now,
    });
  }

  async refundQuote(memberId: number, purchaseId: number, now = new Date()): Promise<RefundQuote> {
    return this.quoteFor(await this.purchaseOf(purchaseId, memberId), now);
  }

  /**
   * The member's refund, per the plan's policy. `expectedAmountFen` is what the app previewed: if the
   * quote moved meanwhile (an order used an SVIP price) the member sees the new amount first (409).
   */
  async refund(memberId: number, purchaseId: number, input: { expectedAmountFen: number; reason?: string }, now = new Date()): Promise<MembershipPurchase> {
    const purchase = await this.purchaseOf(purchaseId, memberId);
    const quote = await this.quoteFor(purchase, now);
    if (!quote.refundable) throw new AppError(ErrorCode.MEMBERSHIP_REFUND_NOT_ALLOWED, quote.reason ?? '该会员订单不能退款');
    if (quote.amountFen !== input.expectedAmountFen)
      throw new AppError(ErrorCode.PRICE_CHANGED, `可退金额已变为 ${yuanLabel(quote.amountFen)}，请确认后重试`, { amountFen: quote.amountFen });
    return this.executeRefund(purchase, quote.amountFen, input.reason?.trim() || '会员申请退款');
  }

  /** Finance refunds any paid purchase (the latest period), whatever the plan's policy; the full price unless told less. */
  async adminRefund(purchaseId: number, input: { amountFen?: number; reason: string }): Promise<MembershipPurchase> {
    const purchase = await this.purchaseOf(purchaseId);
    if (purchase.status !== 'paid') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该会员订单不是已支付状态，不能退款');
    const amountFen = input.amountFen ?? purchase.priceFen;
    if (amountFen > purchase.priceFen) throw new AppError(ErrorCode.REFUND_EXCEEDS_PAID, `退款金额不能超过实付 ${yuanLabel(purchase.priceFen)}`);
    return this.executeRefund(purchase, amountFen, input.reason.trim());
  }

  /**
   * Ends the purchase's period and returns `amountFen` to where it was paid from. The purchase moves
   * paid → refunded once (conditional UPDATE); the latest-period rule is checked again under the
   * account lock so a renewal paid meanwhile is not left floating after a gap.
   */
  private async executeRefund(purchase: MembershipPurchase, amountFen: number, reason: string): Promise<MembershipPurchase> {
    const { memberId, id: purchaseId } = purchase;
    const refundedAt = new Date();
    await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await this.lock(manager, memberId);
        const period = await manager.getRepository(MembershipPeriodRecord).findOneByOrFail({ purchaseId });
        if (!(await this.isLatest(manager, period))) throw new AppError(ErrorCode.MEMBERSHIP_REFUND_NOT_ALLOWED, '请先退最近一次续费');
        const moved = await transitionOne(manager, MembershipPurchase, MEMBERSHIP_PURCHASE_STATES, {
          where: { id: purchaseId },
          from: 'paid',
          to: 'refunded',
          set: { refundedFen: amountFen, refundReason: reason.slice(0, 64), refundedAt },
        });
        if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该会员订单已退款');
        await transitionOne(manager, MembershipPeriodRecord, MEMBERSHIP_PERIOD_STATES, { where: { id: period.id }, from: 'active', to: 'refunded' });
        const rest = await findCurrent(manager, MembershipPeriodRecord, { memberId, status: 'active' });
        const expiresAt = rest.reduce<Date | null>((max, p) => (!max || p.endsAt > max ? p.endsAt : max), null);
        await manager.getRepository(MembershipAccount).update({ memberId }, { expiresAt });
        if (purchase.paidBy === 'balance' && amountFen > 0) {
          await this.wallet.refundSpend(manager, {
            memberId,
            refType: 'membership',
            refId: String(purchaseId),
            amountFen,
            idempotencyKey: `membership-refund:${purchaseId}`,
            note: '会员退款',
          });
        }
        await this.outbox.publish(manager, 'membership.refunded', { purchaseId, memberId, amountFen, paidBy: purchase.paidBy });
      }),
    );
    if (purchase.paidBy === 'wechat' && purchase.paymentId && amountFen > 0) {
      await this.refunds.refund({ paymentId: purchase.paymentId, outRefundNo: `M${purchaseId}R`, amountFen, reason: '付费会员退款' });
    }
    return this.dataSource.getRepository(MembershipPurchase).findOneByOrFail({ id: purchaseId });
  }

  purchaseView(p: MembershipPurchase, refundQuote: RefundQuote | null): MembershipPurchaseView {
    return {
      id: p.id,
      planName: p.planName,
      priceFen: p.priceFen,
      paidBy: p.paidBy,
      status: p.status,
      statusText: MEMBERSHIP_PURCHASE_STATES.labels[p.status],
      paidAt: p.paidAt?.toISOString() ?? null,
      refundedFen: p.refundedFen,
      refundReason: p.refundReason,
      refundedAt: p.refundedAt?.toISOString() ?? null,
      refundQuote,
    };
  }

  /** Members with a running period of the plan `source` at `at` (SVIP monthly packs loop these). */
  async membersOf(source: BenefitSource, afterId: number, limit: number, at: Date): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(MembershipPeriodRecord)
      .createQueryBuilder('p')
      .select('DISTINCT p.member_id', 'memberId')
      .where('p.plan_id = :planId AND p.status = :status AND p.starts_at <= :at AND p.ends_at > :at AND p.member_id > :afterId', {
        planId: source.id,
        status: 'active',
        at,
        afterId,
      })
      .orderBy('p.member_id', 'ASC')
      .limit(limit)
      .getRawMany<{ memberId: number }>();
    return rows.map((r) => Number(r.memberId));
  }

  // ---- jobs -------------------------------------------------------------------------------

  /** Expiry events (once per member and end) and renewal reminders (`membership.expiring`) 7 days and 1 day before the end. */
  async runJobs(now = new Date()): Promise<{ expired: number; reminded: number }> {
    const accounts = await this.dataSource
      .getRepository(MembershipAccount)
      .find({ where: { expiresAt: LessThanOrEqual(new Date(now.getTime() + 7 * 86_400_000)) } });
    let expired = 0;
    let reminded = 0;
    for (const account of accounts) {
      if (!account.expiresAt) continue;
      const key = account.expiresAt.toISOString().slice(0, 19);
      const left = account.expiresAt.getTime() - now.getTime();
      if (left <= 0) {
        if (await insertIgnore(this.dataSource.manager, MembershipEvent, { memberId: account.memberId, kind: 'expired', endsAtKey: key })) expired += 1;
        continue;
      }
      const kind = left <= 86_400_000 ? 'remind_1d' : 'remind_7d';
      // The reminder row and its event commit together: once per member, period end and kind.
      const claimed = await this.dataSource.transaction(async (manager) => {
        if (!(await insertIgnore(manager, MembershipEvent, { memberId: account.memberId, kind, endsAtKey: key }))) return false;
        const daysLeft = Math.max(1, Math.ceil(left / 86_400_000));
        await this.outbox.publish(manager, 'membership.expiring', { memberId: account.memberId, endsAt: account.expiresAt!.toISOString(), daysLeft });
        return true;
      });
      if (claimed) reminded += 1;
    }
    return { expired, reminded };
  }

  async metrics(from: Date, to: Date, now = new Date()): Promise<MembershipMetrics> {
    const periods = await this.dataSource.getRepository(MembershipPeriodRecord).findBy({ status: 'active' });
    const byMember = new Map<number, MembershipPeriod[]>();
    for (const p of periods) byMember.set(p.memberId, [...(byMember.get(p.memberId) ?? []), { startsAt: p.startsAt, endsAt: p.endsAt }]);
    const active = [...byMember.values()].filter((ps) => ps.some((p) => p.startsAt <= now && now < p.endsAt)).length;
    const paid = await this.dataSource.getRepository(MembershipPurchase).find({ where: { status: In(['paid', 'refunded']) }, order: { paidAt: 'ASC' } });
    const firstPaid = new Map<number, Date>();
    for (const p of paid) if (p.paidAt && !firstPaid.has(p.memberId)) firstPaid.set(p.memberId, p.paidAt);
    const inWindow = paid.filter((p) => p.paidAt && p.paidAt >= from && p.paidAt < to);
    const newMembers = [...firstPaid.values()].filter((d) => d >= from && d < to).length;
    const renewals = inWindow.filter((p) => firstPaid.get(p.memberId)! < p.paidAt!).length;
    const cohort = renewalRate(byMember, from, to, MEMBERSHIP_GRACE_DAYS);
    const revenueFen = inWindow.filter((p) => p.status === 'paid').reduce((s, p) => s + p.priceFen, 0);
    const cohorts = [] as { month: string; expired: number; renewed: number; rate: number | null }[];
    for (let i = 5; i >= 0; i--) {
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
      const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 1));
      cohorts.push({ month: start.toISOString().slice(0, 7), ...renewalRate(byMember, start, end, MEMBERSHIP_GRACE_DAYS) });
    }
    return {
      active,
      newMembers,
      renewals,
      churned: cohort.expired - cohort.renewed,
      renewalRate: cohort.rate,
      expiredInWindow: cohort.expired,
      revenueFen,
      cohorts,
    };
  }

  // ---- PaymentPurposeHandler ---------------------------------------------------------------

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    await this.markPaid(manager, Number(payment.purposeId), payment.paidAt ?? new Date());
  }

  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    const id = Number(payment.purposeId);
    if (!(await transitionOne(manager, MembershipPurchase, MEMBERSHIP_PURCHASE_STATES, { where: { id }, from: 'pending', to: 'closed' }))) return;
    await this.releaseFirstPrice(manager, payment.memberId, id);
  }

  /**
   * A membership paid after we closed the payment can still be granted — unless it was bought at the
   * first-purchase price and another purchase has taken that eligibility meanwhile (then it is refunded).
   */
  async acceptsLatePayment(manager: EntityManager, payment: Payment): Promise<boolean> {
    const purchase = await manager.getRepository(MembershipPurchase).findOneByOrFail({ id: Number(payment.purposeId) });
    return !purchase.firstPrice || this.claimFirstPrice(manager, purchase.memberId, purchase.id, true);
  }
}
