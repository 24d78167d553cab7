import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AFTER_SALE_STATES,
  ErrorCode,
  normalizeRefundRequest,
  ORDER_REFUNDABLE_STATES,
  ORDER_STATES,
  planRefund,
  RefundRequestError,
  type AfterSaleStatus,
  type RefundableOrder,
  type RefundLineRequest,
  type RefundPlan,
} from '@mall/shared';
import { StockService } from '../catalog/stock.service';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { findCurrent } from '../database/current-read';
import { CouponService } from '../coupon/coupon.service';
import type { Payment } from '../payment/payment.entity';
import type { Refund } from '../payment/refund.entity';
import { RefundService } from '../payment/refund.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { PointsRewardsService } from '../points/points-rewards.service';
import { GrowthService } from '../tier/growth.service';
import { WalletLedgerService } from '../wallet/wallet-ledger.service';
import { AfterSale, OrderLine, ShopOrder } from './order.entity';
import { CheckoutSteps } from './checkout/checkout-steps';
import { OrderQueryService } from './order-query.service';
import { retryOnDeadlock } from '../database/transactions';

function refundable(order: ShopOrder, lines: OrderLine[]): RefundableOrder {
  return {
    lines: lines.map((l) => ({
      id: l.id,
      quantity: l.quantity,
      refundedQuantity: l.refundedQuantity,
      couponFen: l.couponFen,
      pointsFen: l.pointsFen,
      balanceFen: l.balanceFen,
      cashFen: l.cashFen,
      refunded: { pointsFen: l.refundedPointsFen, balanceFen: l.refundedBalanceFen, cashFen: l.refundedCashFen },
    })),
    pointsUsed: order.pointsUsed,
    pointsDeductionFen: order.pointsDeductionFen,
    pointsEarned: order.pointsEarned,
    growthEarned: order.growthEarned,
    shippingCashFen: order.shippingCashFen,
    shippingBalanceFen: order.shippingBalanceFen,
    pointsRestored: order.pointsRestored,
    pointsClawedBack: order.pointsClawedBack,
    growthReversed: order.growthReversed,
  };
}

function asAppError(error: unknown): never {
  if (error instanceof RefundRequestError)
    throw new AppError(ErrorCode.VALIDATION_FAILED, error.message, error.lineId !== undefined ? { lineId: error.lineId } : undefined);
  throw error;
}

/**
 * After-sale refunds: the member asks for some units back, ops approve or reject. On approval the
 * pure planRefund decides what each source gets back; balance, points, stock and coupons move in
 * the approval transaction, cash is asked of WeChat after it, and the request completes when WeChat
 * confirms (or fails, and ops see it).
 */
@Injectable()
export class AfterSaleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: OrderQueryService,
    private readonly coupons: CouponService,
    private readonly stock: StockService,
    private readonly wallet: WalletLedgerService,
    private readonly points: PointsLedgerService,
    private readonly rewards: PointsRewardsService,
    private readonly growth: GrowthService,
    private readonly refunds: RefundService,
    private readonly steps: CheckoutSteps,
  ) {}

  async request(memberId: number, orderId: number, lines: RefundLineRequest[], reason: string): Promise<AfterSale> {
    const order = await this.query.get(memberId, orderId);
    if (!ORDER_REFUNDABLE_STATES.includes(order.status)) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该订单不能申请退款');
    let wanted: RefundLineRequest[];
    try {
      wanted = normalizeRefundRequest(refundable(order, await this.query.lines(orderId)), lines);
    } catch (error) {
      asAppError(error);
    }
    // One request in progress per order: the order row is locked, so the check and the insert are one step.
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await findCurrent(manager, ShopOrder, { id: orderId }, { forUpdate: true });
        if (await manager.getRepository(AfterSale).existsBy({ orderId, status: In(['pending', 'refunding']) }))
          throw new AppError(ErrorCode.CONFLICT, '该订单已有处理中的退款');
        return manager
          .getRepository(AfterSale)
          .save(manager.getRepository(AfterSale).create({ orderId, memberId, lines: JSON.stringify(wanted), reason: reason.slice(0, 120), status: 'pending' }));
      }),
    );
  }

  list(status?: AfterSaleStatus): Promise<AfterSale[]> {
    return this.dataSource.getRepository(AfterSale).find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 200 });
  }

  /** pending → refunding: every source gets back exactly its share (see planRefund), cash through WeChat. */
  async approve(afterSaleId: number, note: string): Promise<AfterSale> {
    const planned = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const moved = await transitionOne(manager, AfterSale, AFTER_SALE_STATES, {
          where: { id: afterSaleId },
          from: 'pending',
          to: 'refunding',
          set: { reviewNote: note.slice(0, 120), reviewedAt: new Date() },
        });
        if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该退款申请已处理');
        const sale = await manager.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
        const order = await manager.getRepository(ShopOrder).findOneByOrFail({ id: sale.orderId });
        const lines = await this.query.lines(order.id, manager);
        let plan: RefundPlan;
        try {
          plan = planRefund(refundable(order, lines), JSON.parse(sale.lines) as RefundLineRequest[]);
        } catch (error) {
          asAppError(error);
        }
        await this.applyPlan(manager, order, lines, sale, plan);
        const outRefundNo = plan.cashFen > 0 ? `AS${sale.id}${order.orderNo.slice(-8)}` : null;
        await manager
          .getRepository(AfterSale)
          .update({ id: sale.id }, { cashFen: plan.cashFen, balanceFen: plan.balanceFen, pointsReturned: plan.pointsBack, outRefundNo });
        if (plan.cashFen === 0) await transitionOne(manager, AfterSale, AFTER_SALE_STATES, { where: { id: sale.id }, from: 'refunding', to: 'completed' });
        return { cash: plan.cashFen, outRefundNo, paymentId: order.paymentId };
      }),
    );
    if (planned.cash > 0 && planned.paymentId && planned.outRefundNo) {
      await this.refunds.refund({ paymentId: planned.paymentId, outRefundNo: planned.outRefundNo, amountFen: planned.cash, reason: '订单售后退款' });
    }
    return this.dataSource.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
  }

  /**
   * Everything but the cash: line counters, points used and earned, balance, growth, coupons,
   * first-order rewards, and stock last. Ledger rows are taken in checkout order (points, wallet)
   * and the hot SKU rows at the end, as checkout does, so approvals and checkouts never deadlock.
   */
  private async applyPlan(manager: EntityManager, order: ShopOrder, lines: OrderLine[], sale: AfterSale, plan: RefundPlan): Promise<void> {
    for (const part of plan.lines) {
      const line = lines.find((l) => l.id === part.lineId)!;
      const updated = await manager.getRepository(OrderLine).update(
        { id: line.id, refundedQuantity: line.refundedQuantity },
        {
          refundedQuantity: line.refundedQuantity + part.quantity,
          refundedPointsFen: line.refundedPointsFen + part.pointsFen,
          refundedBalanceFen: line.refundedBalanceFen + part.balanceFen,
          refundedCashFen: line.refundedCashFen + part.cashFen,
        },
      );
      if (!updated.affected) throw new AppError(ErrorCode.CONFLICT, '订单退款状态已变化，请重试');
    }
    await this.steps.lockLedgers(manager, order);
    const ref = { memberId: order.memberId, refType: 'order', refId: String(order.id) };
    if (plan.pointsBack > 0)
      await this.points.earn(manager, {
        ...ref,
        points: plan.pointsBack,
        source: 'refund',
        kind: 'restore',
        idempotencyKey: `after-sale-points:${sale.id}`,
        note: '退款退回积分',
      });
    if (plan.pointsClawback > 0)
      await this.points.clawback(manager, { ...ref, points: plan.pointsClawback, idempotencyKey: `after-sale-claw:${sale.id}`, note: '退款扣回赠送积分' });
    if (plan.balanceFen > 0)
      await this.wallet.refundSpend(manager, {
        ...ref,
        amountFen: plan.balanceFen,
        idempotencyKey: `after-sale-balance:${sale.id}`,
        note: `订单 ${order.orderNo} 退款`,
      });
    if (plan.growthBack > 0)
      await this.growth.earn(manager, { ...ref, delta: -plan.growthBack, kind: 'refund', idempotencyKey: `growth:after-sale:${sale.id}` });
    await manager.getRepository(ShopOrder).update(
      { id: order.id },
      {
        pointsRestored: order.pointsRestored + plan.pointsBack,
        pointsClawedBack: order.pointsClawedBack + plan.pointsClawback,
        growthReversed: order.growthReversed + plan.growthBack,
      },
    );
    if (plan.whole) {
      await this.coupons.restoreUsed(manager, order.id);
      await transitionOne(manager, ShopOrder, ORDER_STATES, { where: { id: order.id }, from: ORDER_REFUNDABLE_STATES, to: 'refunded' });
      await this.rewards.onOrderRefundedInFull(manager, order.memberId, order.id);
    }
    await this.stock.restock(
      manager,
      { refType: 'after_sale', refId: String(sale.id) },
      plan.lines.map((p) => ({ skuId: lines.find((l) => l.id === p.lineId)!.skuId, quantity: p.quantity })),
    );
  }

  async reject(afterSaleId: number, note: string): Promise<AfterSale> {
    const moved = await transitionOne(this.dataSource.manager, AfterSale, AFTER_SALE_STATES, {
      where: { id: afterSaleId },
      from: 'pending',
      to: 'rejected',
      set: { reviewNote: note.slice(0, 120), reviewedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该退款申请已处理');
    return this.dataSource.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
  }

  /** WeChat confirmed the cash: refunding → completed. */
  async onRefundSucceeded(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    await transitionOne(manager, AfterSale, AFTER_SALE_STATES, { where: { outRefundNo: refund.outRefundNo }, from: 'refunding', to: 'completed' });
  }

  /** WeChat refused the cash refund: refunding → failed, with the reason for ops. */
  async onRefundFailed(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    await transitionOne(manager, AfterSale, AFTER_SALE_STATES, {
      where: { outRefundNo: refund.outRefundNo },
      from: 'refunding',
      to: 'failed',
      set: { reviewNote: `微信退款失败：${refund.failureReason ?? ''}`.slice(0, 120) },
    });
  }
}
