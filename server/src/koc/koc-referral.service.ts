import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import {
  commissionClawbackFen,
  commissionFen,
  commissionPoints,
  inCommissionPeriod,
  KOC_REWARD_STATES,
  parseKocScene,
  referralRefusal,
  rewardDueAt,
  type ReferralRefusal,
} from '@mall/shared';
import { transitionOne } from '../common/state/transition';
import { CouponService } from '../coupon/coupon.service';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { OrderQueryService } from '../order/order-query.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { ReferralProgrammes } from '../points/referral-programmes';
import { KocProgrammeService } from './koc-programme.service';
import { KocReferral, KocReward, KocRewardRefund } from './koc.entity';

/**
 * The referral side of the KOC programme: binding an invitee on login through a KOC's scene, planning a reward when the
 * invitee pays, crediting it (as points through the points ledger) once the order is past the refund window, and clawing
 * back what later refunds take away.
 */
@Injectable()
export class KocReferralService implements OnModuleInit {
  private readonly logger = new Logger('Koc');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly programmes: KocProgrammeService,
    private readonly members: MemberService,
    private readonly orders: OrderQueryService,
    private readonly points: PointsLedgerService,
    private readonly coupons: CouponService,
    private readonly referralProgrammes: ReferralProgrammes,
  ) {}

  onModuleInit(): void {
    // A bound invitee's referral is paid on the programme's terms, not by the plain referral points.
    this.referralProgrammes.register((manager, inviteeId) => manager.getRepository(KocReferral).existsBy({ inviteeId }));
  }

  /** Binds the member to the KOC named by the scene when the rules allow; returns why not otherwise. */
  async bind(inviteeId: number, scene: string | null, created: boolean, now = new Date()): Promise<ReferralRefusal | 'bound' | null> {
    const inviterId = parseKocScene(scene);
    if (!inviterId) return null;
    const active = await this.programmes.activeKoc(inviterId);
    const repo = this.dataSource.getRepository(KocReferral);
    const existing = await repo.findOneBy({ inviteeId });
    const chain = new Map<number, number>();
    // Walk the inviter's chain upwards (bounded): who invited the inviter, who invited them…
    for (let id: number | null = inviterId, depth = 0; id !== null && depth < 50; depth++) {
      const up: KocReferral | null = await repo.findOneBy({ inviteeId: id });
      if (!up || chain.has(id)) break;
      chain.set(id, up.kocMemberId);
      id = up.kocMemberId;
    }
    const refusal = referralRefusal({
      inviterId,
      inviteeId,
      inviterIsKoc: active !== null,
      inviteeBoundTo: existing?.kocMemberId ?? null,
      inviteeIsNew: created || !(await this.orders.hasPaidOrder(inviteeId)),
      inviterOf: (id) => chain.get(id) ?? null,
    });
    if (refusal) return refusal;
    const programme = active!.programme;
    await this.dataSource.transaction(async (manager) => {
      const inserted = await insertIgnore(manager, KocReferral, { inviteeId, kocMemberId: inviterId, programmeId: programme.id, boundAt: now });
      if (inserted && programme.welcomeCouponTemplateId) {
        await this.coupons.issue(manager, inviteeId, programme.welcomeCouponTemplateId, 'koc_welcome', `koc-welcome:${inviteeId}`, now);
      }
    });
    return 'bound';
  }

  /** An invitee's order was paid: plan the reward it earns (first order for points/coupon, each order in the period for commission). */
  async onOrderPaid(event: { orderId: number; memberId: number; payableFen: number; paidAt: string }): Promise<void> {
    const referral = await this.dataSource.getRepository(KocReferral).findOneBy({ inviteeId: event.memberId });
    if (!referral) return;
    const paidAt = new Date(event.paidAt);
    if (paidAt < referral.boundAt) return;
    const active = await this.programmes.activeKoc(referral.kocMemberId);
    if (!active || active.programme.id !== referral.programmeId) return;
    const p = active.programme;
    const base = {
      referralId: referral.id,
      programmeId: p.id,
      kocMemberId: referral.kocMemberId,
      inviteeId: referral.inviteeId,
      orderId: event.orderId,
      kind: p.rewardKind,
      status: 'pending' as const,
      paidFen: event.payableFen,
      dueAt: rewardDueAt(paidAt, p.refundWindowDays),
    };
    if (p.rewardKind === 'commission') {
      if (!inCommissionPeriod(referral.boundAt, paidAt, p.commissionDays) || commissionFen(event.payableFen, 0, p.commissionBps) <= 0) return;
      await insertIgnore(this.dataSource.manager, KocReward, { ...base, rewardKey: `order:${event.orderId}`, commissionBps: p.commissionBps });
    } else {
      await insertIgnore(this.dataSource.manager, KocReward, {
        ...base,
        rewardKey: `first:${referral.id}`,
        rewardPoints: p.rewardKind === 'points' ? p.rewardPoints : 0,
        couponTemplateId: p.rewardKind === 'coupon' ? p.rewardCouponTemplateId : null,
      });
    }
  }

  /** A refund of an invitee's order settled: recorded once per after-sale; after crediting, what it takes away is clawed back. */
  async onRefund(event: { afterSaleId: number; orderId: number; result: string; cashFen: number; balanceFen: number }): Promise<void> {
    if (event.result !== 'refunded') return;
    const amountFen = event.cashFen + event.balanceFen;
    const reward = await this.dataSource.getRepository(KocReward).findOneBy({ orderId: event.orderId });
    if (!reward || amountFen <= 0) return;
    await this.dataSource.transaction(async (manager) => {
      if (!(await insertIgnore(manager, KocRewardRefund, { afterSaleId: event.afterSaleId, rewardId: reward.id, amountFen }))) return;
      // The increment locks the reward row, so a concurrent credit sees the refund or runs before it, never in between.
      await manager
        .createQueryBuilder()
        .update(KocReward)
        .set({ refundedFen: () => `refunded_fen + ${Math.trunc(amountFen)}` })
        .where({ id: reward.id })
        .execute();
      const now = await manager.getRepository(KocReward).findOneByOrFail({ id: reward.id });
      if (now.status === 'credited') await this.clawBack(manager, now, event.afterSaleId);
    });
  }

  private async clawBack(manager: EntityManager, r: KocReward, afterSaleId: number): Promise<void> {
    let fen = 0;
    let points = 0;
    if (r.kind === 'commission') {
      fen = commissionClawbackFen({
        creditedFen: r.creditedFen,
        clawedBackFen: r.clawedBackFen,
        paidFen: r.paidFen,
        refundedFen: r.refundedFen,
        bps: r.commissionBps,
      });
      const keepFen = r.creditedFen - r.clawedBackFen - fen;
      const keepPoints = r.creditedFen > 0 ? Math.floor((r.creditedPoints * keepFen) / r.creditedFen) : 0;
      points = Math.max(0, r.creditedPoints - r.clawedBackPoints - keepPoints);
    } else if (r.kind === 'points' && r.refundedFen >= r.paidFen) {
      points = r.creditedPoints - r.clawedBackPoints;
    }
    if (points <= 0 && fen <= 0) return;
    if (points > 0) {
      await this.points.clawback(manager, {
        memberId: r.kocMemberId,
        refType: 'koc_reward',
        refId: String(r.id),
        points,
        idempotencyKey: `koc-claw:${afterSaleId}`,
        note: '好友订单退款，扣回推荐奖励',
      });
    }
    await manager
      .createQueryBuilder()
      .update(KocReward)
      .set({ clawedBackFen: () => `clawed_back_fen + ${fen}`, clawedBackPoints: () => `clawed_back_points + ${points}` })
      .where({ id: r.id })
      .execute();
    await manager.getRepository(KocRewardRefund).update({ afterSaleId }, { clawedBackPoints: points });
  }

  /** Credits (or cancels) every reward past its refund window. Each is claimed by its own pending → credited transition. */
  async creditDue(now = new Date()): Promise<{ credited: number; cancelled: number }> {
    const due = await this.dataSource
      .getRepository(KocReward)
      .find({ where: { status: 'pending', dueAt: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: 200 });
    let credited = 0;
    let cancelled = 0;
    for (const r of due) {
      const outcome = await this.dataSource.transaction((manager) => this.creditOne(manager, r, now));
      if (outcome === 'credited') credited += 1;
      if (outcome === 'cancelled') cancelled += 1;
    }
    return { credited, cancelled };
  }

  private async creditOne(manager: EntityManager, r: KocReward, now: Date): Promise<'credited' | 'cancelled' | null> {
    const where = { id: r.id, refundedFen: r.refundedFen };
    const settings = await this.points.settings(manager);
    const fen = r.kind === 'commission' ? commissionFen(r.paidFen, r.refundedFen, r.commissionBps) : 0;
    const points = r.kind === 'commission' ? commissionPoints(fen, settings.deductPointsPerYuan) : r.rewardPoints;
    const refundedInFull = r.refundedFen >= r.paidFen;
    if (refundedInFull || (r.kind === 'commission' && points <= 0)) {
      // Refunded within the window (or nothing left to share): nothing is paid. A refund racing us changes refundedFen and we retry next run.
      return (await transitionOne(manager, KocReward, KOC_REWARD_STATES, { where, from: 'pending', to: 'cancelled' })) ? 'cancelled' : null;
    }
    const claimed = await transitionOne(manager, KocReward, KOC_REWARD_STATES, {
      where,
      from: 'pending',
      to: 'credited',
      set: { creditedAt: now, creditedFen: fen, creditedPoints: r.kind === 'coupon' ? 0 : points },
    });
    if (!claimed) return null;
    if (r.kind === 'coupon' && r.couponTemplateId) {
      await this.coupons.issue(manager, r.kocMemberId, r.couponTemplateId, 'koc_reward', `koc-reward:${r.id}`, now);
    } else if (points > 0) {
      await this.points.earn(
        manager,
        {
          memberId: r.kocMemberId,
          points,
          source: 'referral',
          refType: 'koc_reward',
          refId: String(r.id),
          idempotencyKey: `koc-reward:${r.id}`,
          note: r.kind === 'commission' ? '推荐好友订单分佣' : '推荐好友首单奖励',
        },
        now,
      );
    }
    return 'credited';
  }

  /** Invitees who still exist, for the KOC centre. */
  async invitees(kocMemberId: number): Promise<KocReferral[]> {
    return this.dataSource.getRepository(KocReferral).find({ where: { kocMemberId }, order: { id: 'DESC' }, take: 100 });
  }

  logRefusal(memberId: number, refusal: string): void {
    this.logger.log({ msg: 'koc binding refused', memberId, refusal });
  }
}
