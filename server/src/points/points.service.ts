import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { Between, DataSource, EntityManager, IsNull, LessThan, LessThanOrEqual, Like, MoreThan, Not } from 'typeorm';
import { beijingDate, ErrorCode, parseReferralScene, referralScene, signInStreak, type WechatPayParams } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { isUniqueViolation } from '../database/db-errors';
import { Member } from '../member/member.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { CouponService } from '../coupon/coupon.service';
import type { Payment } from '../payment/payment.entity';
import { PaymentPurposeRegistry, type PaymentPurposeHandler } from '../payment/payment-purpose';
import { PaymentService } from '../payment/payment.service';
import { PointsEntry } from './points-entry.entity';
import { PointsLedgerService } from './points-ledger.service';
import { PointsLot } from './points-lot.entity';
import { PointsMallItem, PointsRedemption, PointsReminder } from './points-mall.entity';
import { PointsSignIn } from './points-sign-in.entity';

export const POINTS_EXPIRY_TEMPLATE_ID = 'TPL_POINTS_EXPIRING';

const ENTRY_TITLES: Record<string, string> = { earn: '获得积分', spend: '使用积分', expire: '积分过期', clawback: '退款扣回', restore: '退款退回', adjust: '人工调整' };

/** Sign-in, the points mall, summaries, reminders: the member-facing side of points. */
@Injectable()
export class PointsService implements PaymentPurposeHandler, OnModuleInit {
  readonly purpose = 'points_mall' as const;
  private readonly logger = new Logger('Points');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly wechat: WechatApiClient,
    private readonly coupons: CouponService,
    private readonly payments: PaymentService,
    private readonly registry: PaymentPurposeRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async summary(memberId: number, now = new Date()) {
    const settings = await this.ledger.settings();
    const soon = new Date(now.getTime() + 30 * 86_400_000);
    const expiring = await this.dataSource.getRepository(PointsLot).find({
      where: { memberId, expiredAt: IsNull(), remainingPoints: MoreThan(0), expiresAt: Between(now, soon) },
      order: { expiresAt: 'ASC' },
    });
    const today = beijingDate(now);
    const signedToday = await this.dataSource.getRepository(PointsSignIn).findOneBy({ memberId, day: today });
    const yesterday = beijingDate(new Date(now.getTime() - 86_400_000));
    const last = signedToday ?? (await this.dataSource.getRepository(PointsSignIn).findOneBy({ memberId, day: yesterday }));
    return {
      balance: await this.ledger.balance(memberId),
      expiringSoon: expiring.map((l) => ({ points: l.remainingPoints, expiresAt: l.expiresAt.toISOString() })),
      signedToday: Boolean(signedToday),
      streak: last?.streak ?? 0,
      signInPoints: settings.signInPoints,
      signInStreakBonus: settings.signInStreakBonus,
      referralPoints: settings.referralPoints,
      referralScene: referralScene(memberId),
      deduction: { pointsPerYuan: settings.deductPointsPerYuan, maxShareBps: settings.deductMaxShareBps },
    };
  }

  async entries(memberId: number, cursor: string | undefined, limit: number) {
    const rows = await this.dataSource.getRepository(PointsEntry).find({
      where: { memberId, ...(cursor ? { id: LessThan(Number(cursor)) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((e) => ({ id: e.id, kind: e.kind, title: e.note || ENTRY_TITLES[e.kind], deltaPoints: e.deltaPoints, balanceAfter: e.balanceAfterPoints, createdAt: e.createdAt.toISOString() })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** Daily sign-in: once per Beijing day (unique key), with a bonus on every 7th consecutive day. */
  async signIn(memberId: number, now = new Date()) {
    const settings = await this.ledger.settings();
    if (!settings.signInEnabled) throw new AppError(ErrorCode.FORBIDDEN, '签到活动暂未开启');
    const today = beijingDate(now);
    const recent = await this.dataSource.getRepository(PointsSignIn).find({ where: { memberId }, order: { id: 'DESC' }, take: 60 });
    const streak = signInStreak([...recent.map((r) => r.day), today], today);
    const points = settings.signInPoints + (streak % 7 === 0 ? settings.signInStreakBonus : 0);
    const granted = await this.capped(memberId, points, now);
    return this.dataSource.transaction(async (manager) => {
      try {
        await manager.getRepository(PointsSignIn).insert({ memberId, day: today, streak, points: granted });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError(ErrorCode.POINTS_ALREADY_SIGNED_IN);
        throw error;
      }
      if (granted > 0) {
        await this.ledger.earn(manager, { memberId, points: granted, source: 'sign_in', refType: 'sign_in', refId: today, idempotencyKey: `sign-in:${memberId}:${today}`, note: streak % 7 === 0 ? `连续签到 ${streak} 天` : '每日签到' }, now);
      }
      return { points: granted, streak, day: today };
    });
  }

  async signIns(memberId: number, month: string) {
    const rows = await this.dataSource.getRepository(PointsSignIn).find({ where: { memberId, day: Like(`${month}-%`) }, order: { day: 'ASC' } });
    return { month, days: rows.map((r) => ({ day: r.day, points: r.points, streak: r.streak })) };
  }

  /** Rule-based earning honours the daily/monthly caps (spend earning is not capped). */
  private async capped(memberId: number, points: number, now: Date): Promise<number> {
    const settings = await this.ledger.settings();
    let allowed = points;
    const sumSince = async (since: Date) => {
      const row = await this.dataSource
        .getRepository(PointsEntry)
        .createQueryBuilder('e')
        .select('COALESCE(SUM(e.delta_points), 0)', 's')
        .where("e.member_id = :m AND e.kind = 'earn' AND e.ref_type IN ('sign_in', 'task') AND e.created_at >= :since", { m: memberId, since })
        .getRawOne<{ s: string }>();
      return Number(row?.s ?? 0);
    };
    const today = beijingDate(now);
    if (settings.dailyCap > 0) allowed = Math.min(allowed, Math.max(0, settings.dailyCap - (await sumSince(new Date(`${today}T00:00:00+08:00`)))));
    if (settings.monthlyCap > 0) allowed = Math.min(allowed, Math.max(0, settings.monthlyCap - (await sumSince(new Date(`${today.slice(0, 7)}-01T00:00:00+08:00`)))));
    return allowed;
  }

  /** Points for a completed profile (nickname, phone, birthday), once per member. */
  async rewardProfileCompletion(member: Member): Promise<number> {
    if (!member.nickname || !member.phone || !member.birthday) return 0;
    const points = (await this.ledger.settings()).profilePoints;
    if (points <= 0) return 0;
    const entry = await this.dataSource.transaction((manager) =>
      this.ledger.earn(manager, { memberId: member.id, points, source: 'profile', refType: 'task', refId: 'profile', idempotencyKey: `profile:${member.id}`, note: '完善资料奖励' }),
    );
    return entry ? points : 0;
  }

  mallItems() {
    return this.dataSource.getRepository(PointsMallItem).find({ where: { enabled: true }, order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  /**
   * Redeems an item: stock by conditional decrement, points FIFO, limit per member, all in one
   * transaction. A points-only item is delivered at once (coupon issued or a pickup code); a points +
   * cash item holds its points and stock and waits for a WeChat payment of the cash part.
   */
  async redeem(memberId: number, itemId: number): Promise<{ redemption: PointsRedemption; payParams: WechatPayParams | null }> {
    const { redemption, payment } = await this.dataSource.transaction(async (manager) => {
      const item = await manager.getRepository(PointsMallItem).findOneBy({ id: itemId, enabled: true });
      if (!item) throw new AppError(ErrorCode.POINTS_ITEM_UNAVAILABLE);
      await this.ledger.lock(manager, memberId); // serializes this member's redemptions, so the limit check holds
      if (item.perMemberLimit !== null && (await manager.getRepository(PointsRedemption).countBy({ memberId, itemId, status: Not('cancelled') })) >= item.perMemberLimit) {
        throw new AppError(ErrorCode.POINTS_LIMIT_REACHED);
      }
      const stock = await manager
        .createQueryBuilder()
        .update(PointsMallItem)
        .set({ stock: () => 'stock - 1' })
        .where('id = :id AND stock >= 1', { id: itemId })
        .execute();
      if (!stock.affected) throw new AppError(ErrorCode.POINTS_ITEM_UNAVAILABLE, '该商品已兑完');
      const saved = await manager.getRepository(PointsRedemption).save(
        manager.getRepository(PointsRedemption).create({ memberId, itemId, itemName: item.name, points: item.pricePoints, cashFen: item.cashFen, pickupCode: null, status: 'pending_payment' }),
      );
      await this.ledger.spend(manager, { memberId, points: item.pricePoints, refType: 'redemption', refId: String(saved.id), idempotencyKey: `redeem:${saved.id}`, note: `兑换 ${item.name}` });
      if (item.cashFen === 0) {
        await this.deliver(manager, saved.id);
        return { redemption: saved, payment: null };
      }
      const member = await manager.getRepository(Member).findOneByOrFail({ id: memberId });
      const created = await this.payments.create(manager, { purpose: 'points_mall', purposeId: String(saved.id), memberId, openid: member.openid, amountFen: item.cashFen, description: `积分兑换 ${item.name}` });
      await manager.getRepository(PointsRedemption).update({ id: saved.id }, { outTradeNo: created.outTradeNo });
      return { redemption: saved, payment: created };
    });
    const payParams = payment ? await this.payments.prepay(payment) : null;
    return { redemption: await this.dataSource.getRepository(PointsRedemption).findOneByOrFail({ id: redemption.id }), payParams };
  }

  /** Payment parameters again for a points + cash redemption still waiting for its cash. */
  async payRedemption(memberId: number, redemptionId: number): Promise<WechatPayParams> {
    const redemption = await this.dataSource.getRepository(PointsRedemption).findOneBy({ id: redemptionId, memberId });
    if (!redemption) throw AppError.notFound('兑换记录');
    const payment = redemption.outTradeNo ? await this.payments.findByOutTradeNo(redemption.outTradeNo) : null;
    if (redemption.status !== 'pending_payment' || !payment || payment.status !== 'created') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该兑换无需支付');
    return this.payments.prepay(payment);
  }

  /** The member gives up a points + cash redemption before paying: the payment is closed (points and stock come back). */
  async cancelRedemption(memberId: number, redemptionId: number): Promise<PointsRedemption> {
    const redemption = await this.dataSource.getRepository(PointsRedemption).findOneBy({ id: redemptionId, memberId });
    if (!redemption) throw AppError.notFound('兑换记录');
    if (redemption.status !== 'pending_payment' || !redemption.outTradeNo) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待支付的兑换可以取消');
    const payment = await this.payments.findByOutTradeNo(redemption.outTradeNo);
    if (payment) await this.payments.cancel(payment);
    return this.dataSource.getRepository(PointsRedemption).findOneByOrFail({ id: redemptionId });
  }

  /** pending_payment → delivered, once: a coupon item issues its coupon, a gift gets its pickup code. */
  private async deliver(manager: EntityManager, redemptionId: number): Promise<boolean> {
    const redemption = await manager.getRepository(PointsRedemption).findOneByOrFail({ id: redemptionId });
    const item = await manager.getRepository(PointsMallItem).findOneByOrFail({ id: redemption.itemId });
    const coupon = item.couponTemplateId !== null;
    const moved = await manager
      .getRepository(PointsRedemption)
      .update({ id: redemptionId, status: 'pending_payment' }, { status: coupon ? 'written_off' : 'issued', pickupCode: coupon ? null : String(randomInt(10_000_000, 99_999_999)) });
    if (!moved.affected) return false;
    if (coupon) await this.coupons.issue(manager, redemption.memberId, item.couponTemplateId!, 'points', `redeem:${redemptionId}`);
    return true;
  }

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    await this.deliver(manager, Number(payment.purposeId));
  }

  /** The cash was never paid: the points come back as a new lot and the stock is released. */
  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    const id = Number(payment.purposeId);
    const moved = await manager.getRepository(PointsRedemption).update({ id, status: 'pending_payment' }, { status: 'cancelled' });
    if (!moved.affected) return;
    const redemption = await manager.getRepository(PointsRedemption).findOneByOrFail({ id });
    await manager.createQueryBuilder().update(PointsMallItem).set({ stock: () => 'stock + 1' }).where('id = :id', { id: redemption.itemId }).execute();
    await this.ledger.earn(manager, { memberId: redemption.memberId, points: redemption.points, source: 'redeem_cancel', kind: 'restore', refType: 'redemption', refId: String(id), idempotencyKey: `redeem-cancel:${id}`, note: `兑换未支付，退回积分` });
  }

  /** Stock and points went back when the payment closed; late money is refunded. */
  async acceptsLatePayment(): Promise<boolean> {
    return false;
  }

  /** Referral (邀请有礼): the inviter earns once when the member they invited pays a first order; within the caps. */
  async rewardReferral(manager: EntityManager, inviteeId: number, orderId: number): Promise<number> {
    const invitee = await manager.getRepository(Member).findOneBy({ id: inviteeId });
    const inviterId = parseReferralScene(invitee?.registerScene ?? null);
    if (!inviterId || inviterId === inviteeId || !(await manager.getRepository(Member).existsBy({ id: inviterId }))) return 0;
    const setting = await this.ledger.settings(manager);
    if (setting.referralPoints <= 0) return 0;
    const points = await this.capped(inviterId, setting.referralPoints, new Date());
    if (points <= 0) return 0;
    const entry = await this.ledger.earn(manager, { memberId: inviterId, points, source: 'referral', refType: 'task', refId: `referral:${orderId}`, idempotencyKey: `referral:${inviteeId}`, note: '邀请好友首单奖励' });
    return entry ? points : 0;
  }

  /** The invitee's first order was refunded in full: the inviter's reward goes back (a shortfall is recorded). */
  async clawReferral(manager: EntityManager, inviteeId: number, orderId: number): Promise<void> {
    const reward = await manager.getRepository(PointsEntry).findOneBy({ idempotencyKey: `referral:${inviteeId}`, refId: `referral:${orderId}` });
    if (!reward) return;
    await this.ledger.clawback(manager, { memberId: reward.memberId, refType: 'task', refId: `referral:${orderId}`, points: reward.deltaPoints, idempotencyKey: `referral-claw:${inviteeId}`, note: '好友订单全额退款，扣回邀请奖励' });
  }

  /** Staff hand over a gift: issued → written_off, once. */
  async writeOffGift(manager: EntityManager, pickupCode: string): Promise<PointsRedemption> {
    const redemption = await manager.getRepository(PointsRedemption).findOneBy({ pickupCode });
    if (!redemption) throw AppError.notFound('提货码对应的兑换');
    const done = await manager.getRepository(PointsRedemption).update({ id: redemption.id, status: 'issued' }, { status: 'written_off' });
    if (!done.affected) throw new AppError(ErrorCode.WRITE_OFF_DONE, '该礼品已核销，不能重复核销');
    return redemption;
  }

  redemptions(memberId: number) {
    return this.dataSource.getRepository(PointsRedemption).find({ where: { memberId }, order: { id: 'DESC' }, take: 50 });
  }

  /** Subscribe-message reminders for points expiring within the configured days; once per member and expiry day. */
  async remindExpiring(now = new Date()): Promise<number> {
    const settings = await this.ledger.settings();
    const until = new Date(now.getTime() + settings.remindDaysBefore * 86_400_000);
    const lots = await this.dataSource.getRepository(PointsLot).find({ where: { expiredAt: IsNull(), remainingPoints: MoreThan(0), expiresAt: Between(now, until) } });
    const byMemberDay = new Map<string, { memberId: number; day: string; points: number }>();
    for (const lot of lots) {
      const day = beijingDate(lot.expiresAt);
      const key = `${lot.memberId}:${day}`;
      const entry = byMemberDay.get(key) ?? { memberId: lot.memberId, day, points: 0 };
      entry.points += lot.remainingPoints;
      byMemberDay.set(key, entry);
    }
    let sent = 0;
    for (const r of byMemberDay.values()) {
      if (!(await insertIgnore(this.dataSource.manager, PointsReminder, { memberId: r.memberId, expiresDay: r.day, points: r.points }))) continue;
      const member = await this.dataSource.getRepository(Member).findOneBy({ id: r.memberId });
      if (!member) continue;
      try {
        await this.wechat.sendSubscribeMessage({
          toOpenid: member.openid,
          templateId: POINTS_EXPIRY_TEMPLATE_ID,
          page: 'subpackages/points/pages/points/index',
          data: { number1: { value: String(r.points) }, date2: { value: r.day }, thing3: { value: '积分即将过期，快去积分商城兑换吧' } },
        });
        sent += 1;
      } catch (error) {
        // The member may not have subscribed; the reminder is recorded so it is not retried every run.
        this.logger.warn({ msg: 'expiry reminder not sent', memberId: r.memberId, error: (error as Error).message });
      }
    }
    return sent;
  }

  async liability(now = new Date()) {
    const settings = await this.ledger.settings();
    const sumLots = async (until?: Date) => {
      const qb = this.dataSource
        .getRepository(PointsLot)
        .createQueryBuilder('l')
        .select('COALESCE(SUM(l.remaining_points), 0)', 's')
        .where('l.expired_at IS NULL AND l.remaining_points > 0 AND l.expires_at > :now', { now });
      if (until) qb.andWhere('l.expires_at <= :until', { until });
      return Number((await qb.getRawOne<{ s: string }>())?.s ?? 0);
    };
    const outstanding = await sumLots();
    const in30 = await sumLots(new Date(now.getTime() + 30 * 86_400_000));
    const in90 = await sumLots(new Date(now.getTime() + 90 * 86_400_000));
    const valueFen = (points: number) => Math.floor((points * 100) / settings.deductPointsPerYuan);
    return {
      outstandingPoints: outstanding,
      outstandingValueFen: valueFen(outstanding),
      expiringIn30Days: in30,
      expiringIn90Days: in90,
      pointsPerYuan: settings.deductPointsPerYuan,
    };
  }

  expiredBefore(now: Date) {
    return this.dataSource.getRepository(PointsLot).countBy({ expiredAt: IsNull(), expiresAt: LessThanOrEqual(now), remainingPoints: MoreThan(0) });
  }
}
