import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { transitionOne } from '../common/state/transition';
import { DomainEvents } from '../common/events/domain-events';
import {
  ErrorCode,
  RECHARGE_STATES,
  rechargeCredit,
  yuanLabel,
  type CreateRechargeResponse,
  type RechargeOptions,
  type RechargePlanView,
  type RechargeView,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { MemberService } from '../member/member.service';
import type { Payment } from '../payment/payment.entity';
import type { PaymentPurposeHandler } from '../payment/payment-purpose';
import { PaymentPurposeRegistry } from '../payment/payment-purpose';
import { PaymentService } from '../payment/payment.service';
import type { Refund } from '../payment/refund.entity';
import { GrowthService } from '../tier/growth.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { CouponService } from '../coupon/coupon.service';
import { BindingService } from '../store/binding.service';
import { RechargePlan } from './recharge-plan.entity';
import { Recharge, RechargePlanUsage } from './recharge.entity';
import { insertIgnore } from '../database/insert-ignore';
import { WalletEntry } from './wallet-entry.entity';
import { WalletLedgerService } from './wallet-ledger.service';
import { WalletSettingsService } from './wallet-settings.service';
import { OutboxService } from '../common/outbox/outbox.service';

interface RechargeExtras {
  bonusGrowth?: number;
  bonusPoints?: number;
  grantTierLevel?: number | null;
  couponTemplateIds?: number[];
  membershipDays?: number;
  membershipPlanId?: number | null;
}

export function toRechargeView(r: Recharge): RechargeView {
  return {
    id: r.id,
    outTradeNo: r.outTradeNo,
    payFen: r.payFen,
    bonusFen: r.bonusFen,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    paidAt: r.paidAt?.toISOString() ?? null,
  };
}

/**
 * Top-ups: a recharge row and its payment are created together; when the payment is paid
 * (notify or reconciliation, exactly once) the wallet is credited principal + bonus in the same
 * transaction. Registered with payments as the 'recharge' purpose.
 */
@Injectable()
export class RechargeService implements PaymentPurposeHandler, OnModuleInit {
  readonly purpose = 'recharge' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentService,
    private readonly registry: PaymentPurposeRegistry,
    private readonly ledger: WalletLedgerService,
    private readonly settings: WalletSettingsService,
    private readonly members: MemberService,
    private readonly growth: GrowthService,
    private readonly points: PointsLedgerService,
    private readonly coupons: CouponService,
    private readonly bindings: BindingService,
    private readonly events: DomainEvents,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async options(memberId: number, now = new Date()): Promise<RechargeOptions> {
    const plans = (await this.dataSource.getRepository(RechargePlan).find({ where: { enabled: true }, order: { sortOrder: 'ASC', payFen: 'ASC' } })).filter(
      (p) => isPlanOpen(p, now),
    );
    const used = await this.usedCounts(
      memberId,
      plans.map((p) => p.id),
    );
    const settings = await this.settings.get();
    return {
      plans: plans.map((p) => toPlanView(p, used.get(p.id) ?? 0)),
      custom: { enabled: settings.customEnabled, minFen: settings.customMinFen, maxFen: settings.customMaxFen, bonusRateBps: settings.customBonusRateBps },
    };
  }

  async create(memberId: number, input: { planId?: number; amountFen?: number }): Promise<CreateRechargeResponse> {
    const member = await this.members.getById(memberId);
    const now = new Date();
    let terms: { planId: number | null; limit: number | null; payFen: number; bonusFen: number; extras: Record<string, unknown>; name: string };
    if (input.planId !== undefined) {
      const plan = await this.dataSource.getRepository(RechargePlan).findOneBy({ id: input.planId });
      if (!plan || !plan.enabled || !isPlanOpen(plan, now)) throw new AppError(ErrorCode.RECHARGE_PLAN_UNAVAILABLE);
      if (plan.perMemberLimit !== null) await insertIgnore(this.dataSource.manager, RechargePlanUsage, { planId: plan.id, memberId, used: 0 });
      const credit = rechargeCredit({ plan })!;
      terms = {
        planId: plan.id,
        limit: plan.perMemberLimit,
        payFen: credit.principalFen,
        bonusFen: credit.bonusFen,
        name: plan.name,
        extras: {
          bonusPoints: plan.bonusPoints,
          bonusGrowth: plan.bonusGrowth,
          membershipDays: plan.membershipPlanId ? plan.membershipDays : 0,
          membershipPlanId: plan.membershipPlanId,
          couponTemplateIds: JSON.parse(plan.couponTemplateIds),
          grantTierLevel: plan.grantTierLevel,
        },
      };
    } else {
      const s = await this.settings.get();
      const credit = rechargeCredit({
        customFen: input.amountFen!,
        terms: { enabled: s.customEnabled, minFen: s.customMinFen, maxFen: s.customMaxFen, bonusRateBps: s.customBonusRateBps },
      });
      if (!credit) {
        throw new AppError(ErrorCode.RECHARGE_AMOUNT_INVALID, `充值金额需在 ${yuanLabel(s.customMinFen)} 至 ${yuanLabel(s.customMaxFen)} 之间`, {
          minFen: s.customMinFen,
          maxFen: s.customMaxFen,
        });
      }
      terms = { planId: null, limit: null, payFen: credit.principalFen, bonusFen: credit.bonusFen, name: '自定义充值', extras: {} };
    }

    const {
      result: recharge,
      payment,
      payParams,
    } = await this.payments.startPurchase(async (manager, openPayment) => {
      const repo = manager.getRepository(Recharge);
      const holdsLimitSlot = terms.planId !== null && terms.limit !== null;
      if (holdsLimitSlot && !(await this.takeLimitSlot(manager, terms.planId!, memberId, terms.limit!))) throw new AppError(ErrorCode.RECHARGE_LIMIT_REACHED);
      const recharge = await repo.save(
        repo.create({
          memberId,
          planId: terms.planId,
          payFen: terms.payFen,
          bonusFen: terms.bonusFen,
          extras: JSON.stringify(terms.extras),
          status: 'pending',
          holdsLimitSlot,
        }),
      );
      const payment = await openPayment({
        purpose: 'recharge',
        purposeId: String(recharge.id),
        memberId,
        openid: member.openid,
        amountFen: terms.payFen,
        description: `储值充值-${terms.name}`,
      });
      await repo.update({ id: recharge.id }, { paymentId: payment.id, outTradeNo: payment.outTradeNo });
      return recharge;
    });
    return { rechargeId: recharge.id, outTradeNo: payment!.outTradeNo, payFen: recharge.payFen, bonusFen: recharge.bonusFen, payParams: payParams! };
  }

  async get(memberId: number, id: number): Promise<Recharge> {
    const recharge = await this.dataSource.getRepository(Recharge).findOneBy({ id, memberId });
    if (!recharge) throw AppError.notFound('充值记录');
    return recharge;
  }

  async cancel(memberId: number, id: number): Promise<Recharge> {
    const recharge = await this.get(memberId, id);
    if (recharge.status !== 'pending') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待支付的充值可以取消');
    const payment = await this.payments.findByOutTradeNo(recharge.outTradeNo);
    if (payment) await this.payments.cancel(payment);
    return this.get(memberId, id);
  }

  // ---- PaymentPurposeHandler ------------------------------------------------------------

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    const recharge = await manager.getRepository(Recharge).findOneByOrFail({ id: Number(payment.purposeId) });
    const moved = await transitionOne(manager, Recharge, RECHARGE_STATES, {
      where: { id: recharge.id },
      from: ['pending', 'closed'],
      to: 'paid',
      set: { paidAt: payment.paidAt ?? new Date() },
    });
    if (!moved) return;
    await this.ledger.move(manager, {
      memberId: recharge.memberId,
      deltaPrincipalFen: recharge.payFen,
      deltaBonusFen: recharge.bonusFen,
      kind: 'recharge',
      refType: 'recharge',
      refId: String(recharge.id),
      idempotencyKey: `recharge:${recharge.id}`,
      note: recharge.bonusFen > 0 ? `充 ${yuanLabel(recharge.payFen)} 送 ${yuanLabel(recharge.bonusFen)}` : `充 ${yuanLabel(recharge.payFen)}`,
    });
    await this.grantExtras(manager, recharge);
    await this.bindings.attribute(manager, 'recharge', String(recharge.id), recharge.memberId, recharge.payFen);
    await this.outbox.publish(manager, 'recharge.credited', {
      rechargeId: recharge.id,
      memberId: recharge.memberId,
      principalFen: recharge.payFen,
      bonusFen: recharge.bonusFen,
    });
  }

  /**
   * What a plan gives besides money: coupons, bonus points, a tier, SVIP days (granted by the
   * membership module through a domain event, in this transaction), and growth — the plan's bonus
   * plus growth for the principal when ops count recharges as spend.
   */
  private async grantExtras(manager: EntityManager, recharge: Recharge): Promise<void> {
    const extras = JSON.parse(recharge.extras || '{}') as RechargeExtras;
    for (const templateId of extras.couponTemplateIds ?? []) {
      try {
        // A savepoint: a coupon that ran out or was withdrawn rolls back alone, never the recharge.
        await manager.transaction((inner) => this.coupons.issue(inner, recharge.memberId, templateId, 'recharge', `recharge:${recharge.id}:${templateId}`));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
    if (extras.bonusPoints && extras.bonusPoints > 0) {
      await this.points.earn(manager, {
        memberId: recharge.memberId,
        points: extras.bonusPoints,
        source: 'recharge',
        refType: 'recharge',
        refId: String(recharge.id),
        idempotencyKey: `points:recharge:${recharge.id}`,
        note: '充值赠送积分',
      });
    }
    if (typeof extras.grantTierLevel === 'number') await this.growth.grantLevel(manager, recharge.memberId, extras.grantTierLevel);
    if (extras.membershipDays && extras.membershipDays > 0 && extras.membershipPlanId) {
      await this.events.publish('recharge.membership_days_granted', {
        manager,
        memberId: recharge.memberId,
        rechargeId: recharge.id,
        planId: extras.membershipPlanId,
        days: extras.membershipDays,
      });
    }
    const setting = await this.growth.settings(manager);
    const delta = (extras.bonusGrowth ?? 0) + (setting.growthFromRecharge ? this.growth.growthForSpend(recharge.payFen, setting) : 0);
    if (delta <= 0) return;
    await this.growth.earn(manager, {
      memberId: recharge.memberId,
      delta,
      kind: 'recharge',
      refType: 'recharge',
      refId: String(recharge.id),
      idempotencyKey: `growth:recharge:${recharge.id}`,
    });
  }

  /** An unpaid recharge gives back the use of its plan's per-member limit it held. */
  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    const id = Number(payment.purposeId);
    if (!(await transitionOne(manager, Recharge, RECHARGE_STATES, { where: { id }, from: 'pending', to: 'closed' }))) return;
    const recharge = await manager.getRepository(Recharge).findOneByOrFail({ id });
    if (recharge.holdsLimitSlot && recharge.planId !== null) {
      await manager
        .createQueryBuilder()
        .update(RechargePlanUsage)
        .set({ used: () => 'used - 1' })
        .where('plan_id = :p AND member_id = :m AND used > 0', { p: recharge.planId, m: recharge.memberId })
        .execute();
    }
  }

  /**
   * A top-up paid after we closed it is still the member's money: credit it rather than bounce it —
   * unless its plan is limited per member and the member has used every slot since (then it is refunded).
   */
  async acceptsLatePayment(manager: EntityManager, payment: Payment): Promise<boolean> {
    const recharge = await manager.getRepository(Recharge).findOneByOrFail({ id: Number(payment.purposeId) });
    if (!recharge.holdsLimitSlot || recharge.planId === null) return true;
    const plan = await manager.getRepository(RechargePlan).findOneBy({ id: recharge.planId });
    return plan?.perMemberLimit === null || this.takeLimitSlot(manager, recharge.planId, recharge.memberId, plan?.perMemberLimit ?? 0);
  }

  /** One use of a limited plan, counted with pending recharges: a conditional UPDATE, so concurrent tries never pass the limit. */
  private async takeLimitSlot(manager: EntityManager, planId: number, memberId: number, limit: number): Promise<boolean> {
    const taken = await manager
      .createQueryBuilder()
      .update(RechargePlanUsage)
      .set({ used: () => 'used + 1' })
      .where('plan_id = :planId AND member_id = :memberId AND used < :limit', { planId, memberId, limit })
      .execute();
    return (taken.affected ?? 0) > 0;
  }

  /** Finance refunds (part of) a recharge: take back that principal and the matching share of its bonus. */
  async prepareRefund(manager: EntityManager, payment: Payment, amountFen: number, outRefundNo: string): Promise<void> {
    const recharge = await manager.getRepository(Recharge).findOneByOrFail({ id: Number(payment.purposeId) });
    const wallet = await this.ledger.lock(manager, recharge.memberId);
    const bonusShare = Math.floor((recharge.bonusFen * amountFen) / recharge.payFen);
    const bonus = Math.min(bonusShare, wallet.bonusFen);
    if (wallet.principalFen < amountFen) {
      throw new AppError(ErrorCode.WALLET_INSUFFICIENT_BALANCE, `会员剩余本金 ${yuanLabel(wallet.principalFen)}，不足以退款 ${yuanLabel(amountFen)}`);
    }
    await this.ledger.move(manager, {
      memberId: recharge.memberId,
      deltaPrincipalFen: -amountFen,
      deltaBonusFen: -bonus,
      kind: 'recharge_refund',
      refType: 'refund',
      refId: outRefundNo,
      idempotencyKey: `refund:${outRefundNo}`,
      note: `充值退款 ${yuanLabel(amountFen)}`,
    });
  }

  /** WeChat refused a refund: what left the wallet for it comes back. */
  async onRefundFailed(manager: EntityManager, payment: Payment, refund: Refund): Promise<void> {
    const taken = await manager.getRepository(WalletEntry).find({ where: { refType: 'refund', refId: refund.outRefundNo } });
    const principal = -taken.reduce((sum, e) => sum + e.deltaPrincipalFen, 0);
    const bonus = -taken.reduce((sum, e) => sum + e.deltaBonusFen, 0);
    if (principal === 0 && bonus === 0) return;
    await this.ledger.move(manager, {
      memberId: payment.memberId,
      deltaPrincipalFen: principal,
      deltaBonusFen: bonus,
      kind: 'refund_reversal',
      refType: 'refund',
      refId: refund.outRefundNo,
      idempotencyKey: `refund-reversal:${refund.outRefundNo}`,
      note: '退款未成功，金额退回余额',
    });
  }

  private async usedCounts(memberId: number, planIds: number[]): Promise<Map<number, number>> {
    if (planIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(RechargePlanUsage).findBy({ memberId, planId: In(planIds) });
    return new Map(rows.map((r) => [r.planId, r.used]));
  }
}

export function isPlanOpen(plan: RechargePlan, now: Date): boolean {
  return (!plan.startsAt || plan.startsAt <= now) && (!plan.endsAt || plan.endsAt > now);
}

export function toPlanView(p: RechargePlan, usedByMe: number): RechargePlanView {
  return {
    id: p.id,
    name: p.name,
    payFen: p.payFen,
    bonusFen: p.bonusFen,
    bonusPoints: p.bonusPoints,
    bonusGrowth: p.bonusGrowth,
    membershipDays: p.membershipPlanId ? p.membershipDays : 0,
    badge: p.badge,
    perMemberLimit: p.perMemberLimit,
    remainingForMe: p.perMemberLimit === null ? null : Math.max(0, p.perMemberLimit - usedByMe),
    endsAt: p.endsAt?.toISOString() ?? null,
  };
}
