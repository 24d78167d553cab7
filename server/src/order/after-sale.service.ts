import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AFTER_SALE_MAX_PHOTOS,
  AFTER_SALE_OPEN_STATES,
  AFTER_SALE_STATES,
  afterSaleNeedsReturn,
  ErrorCode,
  reasonsFor,
  type AfterSaleKind,
  type AfterSaleView,
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
import { OutboxService } from '../common/outbox/outbox.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UploadService } from '../upload/upload.service';
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
import { OrderDealRegistry } from './checkout/order-deal';
import { checkedParcel, OrderFulfilmentService } from './order-fulfilment.service';
import { OrderQueryService } from './order-query.service';
import { toAfterSaleView } from './order.view';
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

/** The same lines with what is already requested in place of what is refunded: what a new request may take. */
function requestable(order: ShopOrder, lines: OrderLine[]): RefundableOrder {
  const base = refundable(order, lines);
  return { ...base, lines: base.lines.map((l, i) => ({ ...l, refundedQuantity: lines[i].afterSaleQuantity })) };
}

/** A refund whose ledgers moved in a committed transaction; the cash is asked of WeChat after it. */
export interface PlannedCashRefund {
  afterSaleId: number;
  cash: number;
  balanceFen: number;
  outRefundNo: string | null;
  paymentId: number | null;
}

export interface AfterSaleInput {
  kind: AfterSaleKind;
  lines: RefundLineRequest[];
  reasonCode?: string;
  reason?: string;
  photoIds?: number[];
}

function asAppError(error: unknown): never {
  if (error instanceof RefundRequestError)
    throw new AppError(ErrorCode.VALIDATION_FAILED, error.message, error.lineId !== undefined ? { lineId: error.lineId } : undefined);
  throw error;
}

/**
 * After-sales: the member asks for some units of some lines back (refund only, return and refund, or
 * exchange), ops approve or reject with a reason. A refund is planned by the pure planRefund when it
 * runs (on approval for refund only, when the returned parcel arrives for return and refund):
 * balance, points, stock and coupons move in that transaction, cash is asked of WeChat after it, and
 * the request completes when WeChat confirms (or fails, and ops see it). An exchange moves no money:
 * the goods come back, ops ship a replacement with its tracking number.
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
    private readonly fulfilment: OrderFulfilmentService,
    private readonly uploads: UploadService,
    private readonly outbox: OutboxService,
    private readonly deals: OrderDealRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A new request. Per line, the units of all requests that were not rejected never exceed what was
   * bought: each line's after-sale counter rises by a conditional UPDATE. One request per order is in
   * progress at a time (the order row is locked, so the check and the insert are one step).
   */
  async request(memberId: number, orderId: number, input: AfterSaleInput): Promise<AfterSale> {
    const order = await this.query.get(memberId, orderId);
    if (!ORDER_REFUNDABLE_STATES.includes(order.status)) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该订单不能申请退款');
    await this.deals.assertReleased(this.dataSource.manager, order);
    const reasonCode = input.reasonCode ?? '';
    const reason = (input.reason ?? '').trim();
    if (reasonCode && !reasonsFor(input.kind).some((r) => r.code === reasonCode))
      throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择申请原因', { fields: [{ field: 'reasonCode', errors: ['not a reason for this kind'] }] });
    if ((!reasonCode || reasonCode === 'other') && !reason)
      throw new AppError(ErrorCode.VALIDATION_FAILED, '请填写申请原因', { fields: [{ field: 'reason', errors: ['required'] }] });
    const photoIds = input.photoIds ?? [];
    if (photoIds.length > AFTER_SALE_MAX_PHOTOS) throw new AppError(ErrorCode.VALIDATION_FAILED, `最多上传 ${AFTER_SALE_MAX_PHOTOS} 张图片`);
    await this.uploads.owned({ kind: 'member', id: memberId }, photoIds, 'after_sale');
    const lines = await this.query.lines(orderId);
    let wanted: RefundLineRequest[];
    try {
      wanted = normalizeRefundRequest(requestable(order, lines), input.lines);
    } catch (error) {
      asAppError(error);
    }
    if (afterSaleNeedsReturn(input.kind)) this.assertReturnable(order, lines, wanted);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        await findCurrent(manager, ShopOrder, { id: orderId }, { forUpdate: true });
        if (await manager.getRepository(AfterSale).existsBy({ orderId, status: In([...AFTER_SALE_OPEN_STATES]) }))
          throw new AppError(ErrorCode.CONFLICT, '该订单已有处理中的售后申请');
        for (const w of wanted) {
          const taken = await manager
            .createQueryBuilder()
            .update(OrderLine)
            .set({ afterSaleQuantity: () => 'after_sale_quantity + :q' })
            .where('id = :id AND order_id = :orderId AND after_sale_quantity + :q <= quantity', { id: w.lineId, orderId, q: w.quantity })
            .execute();
          if (!taken.affected) throw new AppError(ErrorCode.VALIDATION_FAILED, '退款数量超过可退数量', { lineId: w.lineId });
        }
        const repo = manager.getRepository(AfterSale);
        return repo.save(
          repo.create({
            orderId,
            memberId,
            kind: input.kind,
            lines: JSON.stringify(wanted),
            reasonCode,
            reason: reason.slice(0, 120),
            photoIds: JSON.stringify(photoIds),
            status: 'pending',
          }),
        );
      }),
    );
  }

  /** Goods can only come back once they reached the member: shipped units, or a pickup that was collected. */
  private assertReturnable(order: ShopOrder, lines: OrderLine[], wanted: RefundLineRequest[]): void {
    if (order.fulfilment === 'pickup') {
      if (order.status !== 'completed') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '商品尚未提货，请选择仅退款');
      return;
    }
    for (const w of wanted) {
      const line = lines.find((l) => l.id === w.lineId)!;
      if (w.quantity > line.shippedQuantity) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '商品尚未发货，请选择仅退款', { lineId: w.lineId });
    }
  }

  list(status?: AfterSaleStatus): Promise<AfterSale[]> {
    return this.dataSource.getRepository(AfterSale).find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 200 });
  }

  /** The member's own requests (of one order, or all); another member's are not found. */
  listMine(memberId: number, orderId?: number): Promise<AfterSale[]> {
    return this.dataSource.getRepository(AfterSale).find({ where: { memberId, ...(orderId ? { orderId } : {}) }, order: { id: 'DESC' }, take: 100 });
  }

  async getMine(memberId: number, id: number): Promise<AfterSale> {
    const sale = await this.dataSource.getRepository(AfterSale).findOneBy({ id, memberId });
    if (!sale) throw AppError.notFound('售后申请');
    return sale;
  }

  async get(id: number): Promise<AfterSale> {
    const sale = await this.dataSource.getRepository(AfterSale).findOneBy({ id });
    if (!sale) throw AppError.notFound('售后申请');
    return sale;
  }

  /** Views naming the goods, the order number and the photos. */
  async views(sales: AfterSale[]): Promise<AfterSaleView[]> {
    if (sales.length === 0) return [];
    const orderIds = [...new Set(sales.map((s) => s.orderId))];
    const orders = await this.dataSource.getRepository(ShopOrder).find({ select: { id: true, orderNo: true }, where: { id: In(orderIds) } });
    const lines = await this.dataSource.getRepository(OrderLine).findBy({ orderId: In(orderIds) });
    const photos = await this.uploads.byIds(sales.flatMap((s) => JSON.parse(s.photoIds) as number[]));
    return sales.map((s) =>
      toAfterSaleView(s, { orderNo: orders.find((o) => o.id === s.orderId)?.orderNo ?? '', lines: lines.filter((l) => l.orderId === s.orderId), photos }),
    );
  }

  async view(sale: AfterSale): Promise<AfterSaleView> {
    return (await this.views([sale]))[0];
  }

  /**
   * Ops approve. Refund only: pending → refunding, every source gets back exactly its share (see
   * planRefund), cash through WeChat. Return and exchange: pending → awaiting_return with the address
   * the member sends the goods to.
   */
  async approve(afterSaleId: number, note: string, returnAddress?: string): Promise<AfterSale> {
    const sale = await this.get(afterSaleId);
    if (afterSaleNeedsReturn(sale.kind)) {
      const address = (returnAddress ?? '').trim() || this.config.fulfilment.returnAddress;
      if (!address) throw new AppError(ErrorCode.VALIDATION_FAILED, '请填写退货地址', { fields: [{ field: 'returnAddress', errors: ['required'] }] });
      const moved = await transitionOne(this.dataSource.manager, AfterSale, AFTER_SALE_STATES, {
        where: { id: afterSaleId },
        from: 'pending',
        to: 'awaiting_return',
        set: { reviewNote: note.slice(0, 120), reviewedAt: new Date(), returnAddress: address.slice(0, 200) },
      });
      if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该售后申请已处理');
      return this.get(afterSaleId);
    }
    return this.runRefund(afterSaleId, 'pending', { reviewNote: note.slice(0, 120), reviewedAt: new Date() });
  }

  /** The member sent the goods back: awaiting_return → returning, with the carrier and tracking number. */
  async submitReturn(memberId: number, afterSaleId: number, carrierCode: string, trackingNo: string): Promise<AfterSale> {
    await this.getMine(memberId, afterSaleId);
    const parcel = checkedParcel(carrierCode, trackingNo);
    const moved = await transitionOne(this.dataSource.manager, AfterSale, AFTER_SALE_STATES, {
      where: { id: afterSaleId, memberId },
      from: 'awaiting_return',
      to: 'returning',
      set: { returnCarrierCode: parcel.carrierCode, returnTrackingNo: parcel.trackingNo, returnShippedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '当前不需要填写退货单号');
    return this.get(afterSaleId);
  }

  /**
   * Ops confirm the returned goods arrived. Return and refund: returning → refunding and the refund
   * runs (the units go back to stock, once: the stock movement is keyed by the request). Exchange:
   * returning → received, waiting for the replacement.
   */
  async receive(afterSaleId: number): Promise<AfterSale> {
    const sale = await this.get(afterSaleId);
    if (sale.kind === 'return_refund') return this.runRefund(afterSaleId, 'returning', { receivedAt: new Date() });
    if (sale.kind !== 'exchange') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '仅退款申请无需确认收货');
    const moved = await transitionOne(this.dataSource.manager, AfterSale, AFTER_SALE_STATES, {
      where: { id: afterSaleId },
      from: 'returning',
      to: 'received',
      set: { receivedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该售后申请当前不能确认收货');
    return this.get(afterSaleId);
  }

  /** Exchange: ops ship the replacement, received → completed. No money moves. */
  async shipReplacement(afterSaleId: number, carrierCode: string, trackingNo: string): Promise<AfterSale> {
    const sale = await this.get(afterSaleId);
    if (sale.kind !== 'exchange') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有换货申请需要寄出换货商品');
    const parcel = checkedParcel(carrierCode, trackingNo);
    const moved = await transitionOne(this.dataSource.manager, AfterSale, AFTER_SALE_STATES, {
      where: { id: afterSaleId },
      from: 'received',
      to: 'completed',
      set: { replacementCarrierCode: parcel.carrierCode, replacementTrackingNo: parcel.trackingNo, replacementShippedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '请先确认收到退回的商品');
    return this.get(afterSaleId);
  }

  /** `from` → refunding: plan and apply the refund in one transaction, then ask WeChat for the cash. */
  private async runRefund(
    afterSaleId: number,
    from: 'pending' | 'returning',
    set: Partial<Pick<AfterSale, 'reviewNote' | 'reviewedAt' | 'receivedAt'>>,
  ): Promise<AfterSale> {
    const planned = await retryOnDeadlock(() => this.dataSource.transaction((manager) => this.refundInTransaction(manager, afterSaleId, from, set)));
    await this.submitCash(planned, '订单售后退款');
    return this.get(afterSaleId);
  }

  private async refundInTransaction(
    manager: EntityManager,
    afterSaleId: number,
    from: 'pending' | 'returning',
    set: Partial<Pick<AfterSale, 'reviewNote' | 'reviewedAt' | 'receivedAt'>>,
  ): Promise<PlannedCashRefund> {
    const moved = await transitionOne(manager, AfterSale, AFTER_SALE_STATES, { where: { id: afterSaleId }, from, to: 'refunding', set });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, from === 'pending' ? '该退款申请已处理' : '该售后申请当前不能确认收货');
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
    if (plan.cashFen === 0 && (await transitionOne(manager, AfterSale, AFTER_SALE_STATES, { where: { id: sale.id }, from: 'refunding', to: 'completed' })))
      await this.settled(manager, { ...sale, cashFen: 0, balanceFen: plan.balanceFen }, 'refunded');
    return { afterSaleId: sale.id, cash: plan.cashFen, balanceFen: plan.balanceFen, outRefundNo, paymentId: order.paymentId };
  }

  /** Asks WeChat for the cash part of a refund planned in a committed transaction (idempotent by its refund number). */
  async submitCash(planned: PlannedCashRefund, reason: string): Promise<void> {
    if (planned.cash > 0 && planned.paymentId && planned.outRefundNo) {
      await this.refunds.refund({ paymentId: planned.paymentId, outRefundNo: planned.outRefundNo, amountFen: planned.cash, reason });
    }
  }

  /**
   * A deal refunds a whole paid order (a group that failed): an approved refund-only request for
   * every unit, planned and applied like any other (each source gets back what it gave, once), in
   * the caller's transaction, which must have claimed the work. The caller submits the cash after commit.
   */
  async startDealRefund(manager: EntityManager, orderId: number, reason: string): Promise<PlannedCashRefund> {
    const [order] = await findCurrent(manager, ShopOrder, { id: orderId }, { forUpdate: true });
    if (!order || !ORDER_REFUNDABLE_STATES.includes(order.status)) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该订单不能退款');
    const lines = await this.query.lines(orderId, manager);
    const wanted = lines.map((l) => ({ lineId: l.id, quantity: l.quantity - l.afterSaleQuantity })).filter((l) => l.quantity > 0);
    for (const w of wanted) {
      const taken = await manager
        .createQueryBuilder()
        .update(OrderLine)
        .set({ afterSaleQuantity: () => 'after_sale_quantity + :q' })
        .where('id = :id AND after_sale_quantity + :q <= quantity', { id: w.lineId, q: w.quantity })
        .execute();
      if (!taken.affected) throw new AppError(ErrorCode.CONFLICT, '订单退款状态已变化，请重试');
    }
    const repo = manager.getRepository(AfterSale);
    const sale = await repo.save(
      repo.create({
        orderId,
        memberId: order.memberId,
        kind: 'refund_only',
        lines: JSON.stringify(wanted),
        reasonCode: '',
        reason: reason.slice(0, 120),
        photoIds: '[]',
        status: 'pending',
      }),
    );
    return this.refundInTransaction(manager, sale.id, 'pending', { reviewNote: reason.slice(0, 120), reviewedAt: new Date() });
  }

  /** Where a deal refund stands: completed once WeChat confirmed the cash (at once when there was none). */
  async dealRefundState(afterSaleId: number): Promise<{ status: AfterSaleStatus; planned: PlannedCashRefund }> {
    const sale = await this.get(afterSaleId);
    const order = await this.query.getById(sale.orderId);
    return {
      status: sale.status,
      planned: { afterSaleId, cash: sale.cashFen, balanceFen: sale.balanceFen, outRefundNo: sale.outRefundNo, paymentId: order.paymentId },
    };
  }

  /**
   * Everything but the cash: line counters, points used and earned, balance, growth, coupons,
   * first-order rewards, and stock last. Ledger rows are taken in checkout order (points, wallet)
   * and the hot SKU rows at the end, as checkout does, so approvals and checkouts never deadlock.
   * What goes back to stock: returned goods, and for a refund only the units that never left (not
   * yet shipped; a pickup not yet collected). Units refunded before shipping are never shipped.
   */
  private async applyPlan(manager: EntityManager, order: ShopOrder, lines: OrderLine[], sale: AfterSale, plan: RefundPlan): Promise<void> {
    const restock: { skuId: number; quantity: number }[] = [];
    for (const part of plan.lines) {
      const line = lines.find((l) => l.id === part.lineId)!;
      let cancelled = 0;
      if (sale.kind === 'refund_only' && order.fulfilment === 'delivery')
        cancelled = Math.max(0, Math.min(part.quantity, line.quantity - line.shippedQuantity - line.cancelledQuantity));
      const back =
        sale.kind === 'return_refund' ? part.quantity : order.fulfilment === 'delivery' ? cancelled : order.status === 'completed' ? 0 : part.quantity;
      if (back > 0) restock.push({ skuId: line.skuId, quantity: back });
      const updated = await manager.getRepository(OrderLine).update(
        { id: line.id, refundedQuantity: line.refundedQuantity, shippedQuantity: line.shippedQuantity },
        {
          refundedQuantity: line.refundedQuantity + part.quantity,
          refundedPointsFen: line.refundedPointsFen + part.pointsFen,
          refundedBalanceFen: line.refundedBalanceFen + part.balanceFen,
          refundedCashFen: line.refundedCashFen + part.cashFen,
          cancelledQuantity: line.cancelledQuantity + cancelled,
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
    } else if (order.status === 'paid' && order.fulfilment === 'delivery') {
      // Refunding the units still waiting may leave nothing more to ship.
      await this.fulfilment.completeShippingIfDone(manager, order);
    }
    if (restock.length > 0) await this.stock.restock(manager, { refType: 'after_sale', refId: String(sale.id) }, restock);
  }

  /** Ops reject with a reason the member sees; the units become requestable again. */
  async reject(afterSaleId: number, note: string): Promise<AfterSale> {
    await this.dataSource.transaction(async (manager) => {
      const moved = await transitionOne(manager, AfterSale, AFTER_SALE_STATES, {
        where: { id: afterSaleId },
        from: 'pending',
        to: 'rejected',
        set: { reviewNote: note.slice(0, 120), reviewedAt: new Date() },
      });
      if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该售后申请已处理');
      const sale = await manager.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
      for (const l of JSON.parse(sale.lines) as RefundLineRequest[])
        await manager
          .createQueryBuilder()
          .update(OrderLine)
          .set({ afterSaleQuantity: () => 'after_sale_quantity - :q' })
          .where('id = :id AND after_sale_quantity >= :q', { id: l.lineId, q: l.quantity })
          .execute();
      await this.settled(manager, sale, 'rejected');
    });
    return this.get(afterSaleId);
  }

  private settled(manager: EntityManager, sale: AfterSale, result: 'refunded' | 'rejected' | 'failed'): Promise<void> {
    return this.outbox.publish(manager, 'after_sale.settled', {
      afterSaleId: sale.id,
      orderId: sale.orderId,
      memberId: sale.memberId,
      result,
      cashFen: sale.cashFen,
      balanceFen: sale.balanceFen,
    });
  }

  /** WeChat confirmed the cash: refunding → completed. */
  async onRefundSucceeded(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    if (await transitionOne(manager, AfterSale, AFTER_SALE_STATES, { where: { outRefundNo: refund.outRefundNo }, from: 'refunding', to: 'completed' })) {
      const sale = await manager.getRepository(AfterSale).findOneBy({ outRefundNo: refund.outRefundNo });
      if (sale) await this.settled(manager, sale, 'refunded');
    }
  }

  /** WeChat refused the cash refund: refunding → failed, with the reason for ops. */
  async onRefundFailed(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    const moved = await transitionOne(manager, AfterSale, AFTER_SALE_STATES, {
      where: { outRefundNo: refund.outRefundNo },
      from: 'refunding',
      to: 'failed',
      set: { reviewNote: `微信退款失败：${refund.failureReason ?? ''}`.slice(0, 120) },
    });
    if (moved) {
      const sale = await manager.getRepository(AfterSale).findOneBy({ outRefundNo: refund.outRefundNo });
      if (sale) await this.settled(manager, sale, 'failed');
    }
  }
}
