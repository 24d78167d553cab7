import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, Not } from 'typeorm';
import { ErrorCode, REDEMPTION_STATES, type WechatPayParams } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { CouponService } from '../coupon/coupon.service';
import { MemberService } from '../member/member.service';
import type { Payment } from '../payment/payment.entity';
import { PaymentPurposeRegistry, type PaymentPurposeHandler } from '../payment/payment-purpose';
import { PaymentService } from '../payment/payment.service';
import { PointsLedgerService } from './points-ledger.service';
import { PointsMallItem, PointsRedemption } from './points-mall.entity';

/**
 * The points mall: redeem gifts and coupons for points, or points + cash paid by WeChat Pay.
 * Registered as the 'points_mall' payment purpose.
 */
@Injectable()
export class PointsMallService implements PaymentPurposeHandler, OnModuleInit {
  readonly purpose = 'points_mall' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: PointsLedgerService,
    private readonly coupons: CouponService,
    private readonly payments: PaymentService,
    private readonly registry: PaymentPurposeRegistry,
    private readonly members: MemberService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** A page of the gifts on offer in display order; the cursor is how many came before (ops reorder by sortOrder, so ids do not page). */
  async items(cursor?: string, limit = 20): Promise<{ items: PointsMallItem[]; nextCursor: string | null }> {
    const skip = cursor ? Number(cursor) : 0;
    const found = await this.dataSource
      .getRepository(PointsMallItem)
      .find({ where: { enabled: true }, order: { sortOrder: 'ASC', id: 'ASC' }, skip, take: limit + 1 });
    return { items: found.slice(0, limit), nextCursor: found.length > limit ? String(skip + limit) : null };
  }

  /**
   * Redeems an item: stock by conditional decrement, points FIFO, limit per member, all in one
   * transaction. A points-only item is delivered at once (coupon issued or a pickup code); a points +
   * cash item holds its points and stock and waits for a WeChat payment of the cash part.
   */
  async redeem(memberId: number, itemId: number): Promise<{ redemption: PointsRedemption; payParams: WechatPayParams | null }> {
    const member = await this.members.getById(memberId);
    const { result: redemption, payParams } = await this.payments.startPurchase(async (manager, openPayment) => {
      const item = await manager.getRepository(PointsMallItem).findOneBy({ id: itemId, enabled: true });
      if (!item) throw new AppError(ErrorCode.POINTS_ITEM_UNAVAILABLE);
      await this.ledger.lock(manager, memberId); // serializes this member's redemptions, so the limit check holds
      if (
        item.perMemberLimit !== null &&
        (await manager.getRepository(PointsRedemption).countBy({ memberId, itemId, status: Not('cancelled') })) >= item.perMemberLimit
      ) {
        throw new AppError(ErrorCode.POINTS_LIMIT_REACHED);
      }
      const stock = await manager
        .createQueryBuilder()
        .update(PointsMallItem)
        .set({ stock: () => 'stock - 1' })
        .where('id = :id AND stock >= 1', { id: itemId })
        .execute();
      if (!stock.affected) throw new AppError(ErrorCode.POINTS_ITEM_UNAVAILABLE, '该商品已兑完');
      const saved = await manager
        .getRepository(PointsRedemption)
        .save(
          manager
            .getRepository(PointsRedemption)
            .create({ memberId, itemId, itemName: item.name, points: item.pricePoints, cashFen: item.cashFen, pickupCode: null, status: 'pending_payment' }),
        );
      await this.ledger.spend(manager, {
        memberId,
        points: item.pricePoints,
        refType: 'redemption',
        refId: String(saved.id),
        idempotencyKey: `redeem:${saved.id}`,
        note: `兑换 ${item.name}`,
      });
      if (item.cashFen === 0) {
        await this.deliver(manager, saved.id);
        return saved;
      }
      const payment = await openPayment({
        purpose: 'points_mall',
        purposeId: String(saved.id),
        memberId,
        openid: member.openid,
        amountFen: item.cashFen,
        description: `积分兑换 ${item.name}`,
      });
      await manager.getRepository(PointsRedemption).update({ id: saved.id }, { outTradeNo: payment.outTradeNo });
      return saved;
    });
    return { redemption: await this.dataSource.getRepository(PointsRedemption).findOneByOrFail({ id: redemption.id }), payParams };
  }

  private async mine(memberId: number, redemptionId: number): Promise<PointsRedemption> {
    const redemption = await this.dataSource.getRepository(PointsRedemption).findOneBy({ id: redemptionId, memberId });
    if (!redemption) throw AppError.notFound('兑换记录');
    return redemption;
  }

  /** Payment parameters again for a points + cash redemption still waiting for its cash. */
  async payRedemption(memberId: number, redemptionId: number): Promise<WechatPayParams> {
    const redemption = await this.mine(memberId, redemptionId);
    const payment = redemption.outTradeNo ? await this.payments.findByOutTradeNo(redemption.outTradeNo) : null;
    if (redemption.status !== 'pending_payment' || !payment || payment.status !== 'created')
      throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该兑换无需支付');
    return this.payments.prepay(payment);
  }

  /** The member gives up a points + cash redemption before paying: the payment is closed (points and stock come back). */
  async cancelRedemption(memberId: number, redemptionId: number): Promise<PointsRedemption> {
    const redemption = await this.mine(memberId, redemptionId);
    if (redemption.status !== 'pending_payment' || !redemption.outTradeNo) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待支付的兑换可以取消');
    const payment = await this.payments.findByOutTradeNo(redemption.outTradeNo);
    if (payment) await this.payments.cancel(payment);
    return this.mine(memberId, redemptionId);
  }

  /** pending_payment → written_off (a coupon item: the coupon is issued) | issued (a gift: a pickup code), once. */
  private async deliver(manager: EntityManager, redemptionId: number): Promise<boolean> {
    const redemption = await manager.getRepository(PointsRedemption).findOneByOrFail({ id: redemptionId });
    const item = await manager.getRepository(PointsMallItem).findOneByOrFail({ id: redemption.itemId });
    const coupon = item.couponTemplateId !== null;
    const moved = await transitionOne(manager, PointsRedemption, REDEMPTION_STATES, {
      where: { id: redemptionId },
      from: 'pending_payment',
      to: coupon ? 'written_off' : 'issued',
      set: { pickupCode: coupon ? null : String(randomInt(10_000_000, 99_999_999)) },
    });
    if (!moved) return false;
    if (coupon) await this.coupons.issue(manager, redemption.memberId, item.couponTemplateId!, 'points', `redeem:${redemptionId}`);
    return true;
  }

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    await this.deliver(manager, Number(payment.purposeId));
  }

  /** The cash was never paid: the points come back as a new lot and the stock is released. */
  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    const id = Number(payment.purposeId);
    if (!(await transitionOne(manager, PointsRedemption, REDEMPTION_STATES, { where: { id }, from: 'pending_payment', to: 'cancelled' }))) return;
    const redemption = await manager.getRepository(PointsRedemption).findOneByOrFail({ id });
    await manager
      .createQueryBuilder()
      .update(PointsMallItem)
      .set({ stock: () => 'stock + 1' })
      .where('id = :id', { id: redemption.itemId })
      .execute();
    await this.ledger.earn(manager, {
      memberId: redemption.memberId,
      points: redemption.points,
      source: 'redeem_cancel',
      kind: 'restore',
      refType: 'redemption',
      refId: String(id),
      idempotencyKey: `redeem-cancel:${id}`,
      note: `兑换未支付，退回积分`,
    });
  }

  /** Stock and points went back when the payment closed; late money is refunded. */
  async acceptsLatePayment(): Promise<boolean> {
    return false;
  }

  /** Staff hand over a gift: issued → written_off, once. */
  async handOverGift(manager: EntityManager, pickupCode: string): Promise<PointsRedemption> {
    const redemption = await manager.getRepository(PointsRedemption).findOneBy({ pickupCode });
    if (!redemption) throw AppError.notFound('自提码对应的兑换');
    const done = await transitionOne(manager, PointsRedemption, REDEMPTION_STATES, { where: { id: redemption.id }, from: 'issued', to: 'written_off' });
    if (!done) throw new AppError(ErrorCode.WRITE_OFF_DONE, '该礼品已核销，不能重复核销');
    return redemption;
  }

  redemptions(memberId: number): Promise<PointsRedemption[]> {
    return this.dataSource.getRepository(PointsRedemption).find({ where: { memberId }, order: { id: 'DESC' }, take: 50 });
  }
}
