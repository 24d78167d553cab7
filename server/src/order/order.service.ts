import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, refundLine, type OrderView, type PickupStoreOption, type WechatPayParams } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { CouponService } from '../coupon/coupon.service';
import { retryOnDeadlock } from '../database/transactions';
import { MemberService } from '../member/member.service';
import type { Payment } from '../payment/payment.entity';
import { PaymentPurposeRegistry, type PaymentPurposeHandler } from '../payment/payment-purpose';
import { newOutTradeNo, PaymentService } from '../payment/payment.service';
import type { Refund } from '../payment/refund.entity';
import { PointsEntry } from '../points/points-entry.entity';
import { PointsLedgerService } from '../points/points-ledger.service';
import { PointsService } from '../points/points.service';
import { GrowthService } from '../tier/growth.service';
import { WalletLedgerService } from '../wallet/wallet-ledger.service';
import { WalletPinService } from '../wallet/wallet-pin.service';
import { WalletSettingsService } from '../wallet/wallet-settings.service';
import { Sku } from '../catalog/sku.entity';
import { AfterSale, Address, OrderLine, ShopOrder } from './order.entity';
import { OrderPricingService, type CheckoutRequest } from './order-pricing.service';
import { toOrderView } from './order.view';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';

export interface CreateOrderRequest extends CheckoutRequest {
  addressId?: number;
  storeId?: number;
  /** What the member saw; a different server price means the preview is stale. */
  expectedPayableFen?: number;
  pin?: string;
  remark?: string;
}

export interface CreateOrderResult {
  orderId: number;
  orderNo: string;
  status: ShopOrder['status'];
  cashFen: number;
  outTradeNo: string | null;
  payParams: WechatPayParams | null;
}

/**
 * Orders: checkout holds everything the order uses in one transaction (stock by conditional
 * decrement, coupons locked, points and balance spent), one WeChat payment covers the cash part,
 * and the payment purpose hooks confirm or release them exactly once.
 */
@Injectable()
export class OrderService implements PaymentPurposeHandler, OnModuleInit {
  readonly purpose = 'order' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pricing: OrderPricingService,
    private readonly coupons: CouponService,
    private readonly points: PointsLedgerService,
    private readonly pointsRewards: PointsService,
    private readonly wallet: WalletLedgerService,
    private readonly walletSettings: WalletSettingsService,
    private readonly pins: WalletPinService,
    private readonly payments: PaymentService,
    private readonly registry: PaymentPurposeRegistry,
    private readonly growth: GrowthService,
    private readonly members: MemberService,
    private readonly bindings: BindingService,
    private readonly stores: StoreService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async create(memberId: number, request: CreateOrderRequest): Promise<CreateOrderResult> {
    const member = await this.members.getById(memberId);
    // Accounts exist before the transaction, so nothing inside it needs a second connection.
    await Promise.all([this.wallet.ensureAccount(memberId), this.points.ensureAccount(memberId)]);
    let address: Address | null = null;
    if (request.fulfilment === 'delivery') {
      address = request.addressId ? await this.dataSource.getRepository(Address).findOneBy({ id: request.addressId, memberId }) : null;
      if (!address) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择收货地址');
    } else if (!request.storeId) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择自提门店');
    } else {
      await this.stores.openForPickup(request.storeId);
    }
    const { result, snapshots } = await this.pricing.price(memberId, request);
    const problem = result.problems[0];
    if (problem) throw new AppError(problem.code === 'BALANCE_OVER_AVAILABLE' ? ErrorCode.WALLET_INSUFFICIENT_BALANCE : problem.code === 'POINTS_OVER_LIMIT' ? ErrorCode.POINTS_INSUFFICIENT : ErrorCode.COUPON_UNAVAILABLE, problem.message);
    const b = result.breakdown;
    if (request.expectedPayableFen !== undefined && request.expectedPayableFen !== b.payableFen) {
      throw new AppError(ErrorCode.PRICE_CHANGED, undefined, { payableFen: b.payableFen, expectedPayableFen: request.expectedPayableFen });
    }
    const settings = await this.walletSettings.get();
    if (b.balanceFen > 0) await this.pins.assertForSpend(memberId, b.balanceFen, settings.pinRequiredFromFen, request.pin);

    const { order, payment } = await retryOnDeadlock(() => this.dataSource.transaction(async (manager) => {
      const order = await manager.getRepository(ShopOrder).save(
        manager.getRepository(ShopOrder).create({
          orderNo: newOutTradeNo('O'),
          memberId,
          status: 'pending_payment',
          fulfilment: request.fulfilment,
          address: address ? JSON.stringify({ name: address.name, phone: address.phone, region: address.region, detail: address.detail }) : null,
          storeId: request.storeId ?? null,
          listTotalFen: b.listTotalFen,
          memberDiscountFen: b.memberDiscountFen,
          couponDiscountFen: b.couponDiscountFen,
          pointsUsed: b.pointsUsed,
          pointsDeductionFen: b.pointsDeductionFen,
          shippingFen: b.shippingFen,
          shippingBalanceFen: b.shippingBalanceFen,
          shippingCashFen: b.shippingCashFen,
          balanceFen: b.balanceFen,
          cashFen: b.cashFen,
          payableFen: b.payableFen,
          pointsEarned: result.pointsEarned,
          growthEarned: result.growthEarned,
          coupons: JSON.stringify(result.couponsApplied),
          savings: JSON.stringify(result.savingsBySource),
          remark: (request.remark ?? '').slice(0, 120),
        }),
      );
      await manager.getRepository(OrderLine).save(
        result.lines.map((line, i) =>
          manager.getRepository(OrderLine).create({
            orderId: order.id,
            skuId: line.skuId,
            productId: snapshots[i].product.id,
            productName: snapshots[i].product.name,
            specs: snapshots[i].sku.specs,
            imageUrl: snapshots[i].product.imageUrl,
            quantity: line.quantity,
            unitPriceFen: snapshots[i].sku.priceFen,
            listFen: line.listFen,
            memberDiscountFen: line.memberDiscountFen,
            couponFen: line.couponFen,
            pointsFen: line.pointsFen,
            balanceFen: line.balanceFen,
            cashFen: line.cashFen,
          }),
        ),
      );
      await this.coupons.lock(manager, memberId, request.couponIds, order.id);
      const ref = { memberId, refType: 'order', refId: String(order.id) };
      if (b.pointsUsed > 0) await this.points.spend(manager, { ...ref, points: b.pointsUsed, idempotencyKey: `order-spend:${order.id}`, note: `订单 ${order.orderNo} 抵扣` });
      if (b.balanceFen > 0) await this.wallet.spend(manager, { ...ref, amountFen: b.balanceFen, rule: settings.spendRule, idempotencyKey: `order-spend:${order.id}`, note: `订单 ${order.orderNo}` });
      let payment: Payment | null = null;
      if (b.cashFen > 0) {
        payment = await this.payments.create(manager, { purpose: 'order', purposeId: String(order.id), memberId, openid: member.openid, amountFen: b.cashFen, description: `会员商城订单 ${order.orderNo}` });
        await manager.getRepository(ShopOrder).update({ id: order.id }, { paymentId: payment.id, outTradeNo: payment.outTradeNo });
      } else {
        await this.markPaid(manager, order.id, new Date());
      }
      // Stock last: the SKU row is the hot spot every buyer locks, so hold its lock only until commit.
      for (const line of [...result.lines].sort((a, b) => a.skuId - b.skuId)) {
        const taken = await manager
          .createQueryBuilder()
          .update(Sku)
          .set({ stock: () => 'stock - :q' })
          .where('id = :id AND stock >= :q', { id: line.skuId, q: line.quantity })
          .execute();
        if (!taken.affected) throw new AppError(ErrorCode.OUT_OF_STOCK, undefined, { skuId: line.skuId });
      }
      return { order, payment };
    }));
    const payParams = payment ? await this.payments.prepay(payment) : null;
    const fresh = await this.dataSource.getRepository(ShopOrder).findOneByOrFail({ id: order.id });
    return { orderId: order.id, orderNo: order.orderNo, status: fresh.status, cashFen: b.cashFen, outTradeNo: payment?.outTradeNo ?? null, payParams };
  }

  /** pending_payment → paid once: coupons used, points and growth earned, pickup code issued. */
  private async markPaid(manager: EntityManager, orderId: number, paidAt: Date): Promise<boolean> {
    const order = await manager.getRepository(ShopOrder).findOneByOrFail({ id: orderId });
    const pickupCode = order.fulfilment === 'pickup' ? String(randomInt(10_000_000, 99_999_999)) : null;
    const moved = await manager.getRepository(ShopOrder).update({ id: orderId, status: 'pending_payment' }, { status: 'paid', paidAt, pickupCode });
    if (!moved.affected) return false;
    await this.coupons.markUsed(manager, orderId);
    const ref = { memberId: order.memberId, refType: 'order', refId: String(orderId) };
    if (order.pointsEarned > 0) await this.points.earn(manager, { ...ref, points: order.pointsEarned, source: 'order', idempotencyKey: `order-earn:${orderId}`, note: `订单 ${order.orderNo} 获得` });
    if (order.growthEarned > 0) await this.growth.earn(manager, { ...ref, delta: order.growthEarned, kind: 'spend', idempotencyKey: `growth:order:${orderId}` });
    await this.bindings.attribute(manager, 'order', String(orderId), order.memberId, order.balanceFen + order.cashFen);
    const firstOrderPoints = (await this.points.settings(manager)).firstOrderPoints;
    const earlier = await manager.getRepository(ShopOrder).createQueryBuilder('o').where('o.memberId = :m AND o.id <> :id AND o.paidAt IS NOT NULL', { m: order.memberId, id: orderId }).getCount();
    if (firstOrderPoints > 0 && earlier === 0) {
      await this.points.earn(manager, { ...ref, points: firstOrderPoints, source: 'first_order', idempotencyKey: `first-order:${order.memberId}`, note: '首单奖励' });
    }
    if (earlier === 0) await this.pointsRewards.rewardReferral(manager, order.memberId, orderId);
    return true;
  }

  /** Releases everything an unpaid order held: stock, coupons, points (as a new lot), balance. */
  private async cancelUnpaid(manager: EntityManager, orderId: number, reason: string): Promise<boolean> {
    const moved = await manager.getRepository(ShopOrder).update({ id: orderId, status: 'pending_payment' }, { status: 'cancelled', cancelledAt: new Date(), cancelReason: reason.slice(0, 64) });
    if (!moved.affected) return false;
    const order = await manager.getRepository(ShopOrder).findOneByOrFail({ id: orderId });
    const lines = await manager.getRepository(OrderLine).findBy({ orderId });
    for (const line of lines) await this.restock(manager, line.skuId, line.quantity);
    await this.coupons.release(manager, orderId);
    const ref = { memberId: order.memberId, refType: 'order', refId: String(orderId) };
    if (order.pointsUsed > 0) await this.points.earn(manager, { ...ref, points: order.pointsUsed, source: 'order_cancel', kind: 'restore', idempotencyKey: `order-cancel-points:${orderId}`, note: '订单取消退回' });
    if (order.balanceFen > 0) await this.wallet.refundSpend(manager, { ...ref, amountFen: order.balanceFen, idempotencyKey: `order-cancel-balance:${orderId}`, note: '订单取消退回' });
    return true;
  }

  private async restock(manager: EntityManager, skuId: number, quantity: number): Promise<void> {
    await manager.createQueryBuilder().update(Sku).set({ stock: () => 'stock + :q' }).where('id = :id', { id: skuId, q: quantity }).execute();
  }

  /** The member cancels an unpaid order: close the payment at WeChat first (it may just have been paid). */
  async cancel(memberId: number, orderId: number): Promise<ShopOrder> {
    const order = await this.get(memberId, orderId);
    if (order.status !== 'pending_payment') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待支付订单可以取消');
    if (order.paymentId) {
      const payment = (await this.payments.findByOutTradeNo(order.outTradeNo!))!;
      await this.payments.cancel(payment);
    } else {
      await this.dataSource.transaction((m) => this.cancelUnpaid(m, orderId, '会员取消'));
    }
    return this.get(memberId, orderId);
  }

  async get(memberId: number, orderId: number): Promise<ShopOrder> {
    const order = await this.dataSource.getRepository(ShopOrder).findOneBy({ id: orderId, memberId });
    if (!order) throw AppError.notFound('订单');
    return order;
  }

  /** The member's order as the app shows it, naming its pickup store. */
  async view(memberId: number, orderId: number): Promise<OrderView> {
    const order = await this.get(memberId, orderId);
    const store = order.storeId ? ((await this.stores.byIds([order.storeId])).get(order.storeId) ?? null) : null;
    return toOrderView(order, await this.lines(orderId), store);
  }

  async listViews(memberId: number, status?: string): Promise<OrderView[]> {
    const rows = await this.list(memberId, status);
    const stores = await this.stores.byIds(rows.map((r) => r.order.storeId).filter((id): id is number => id !== null));
    return rows.map(({ order, lines }) => toOrderView(order, lines, order.storeId ? (stores.get(order.storeId) ?? null) : null));
  }

  /** Open stores for the checkout page, the member's bound store first. */
  async pickupStores(memberId: number): Promise<PickupStoreOption[]> {
    return this.stores.pickupOptions((await this.bindings.bindingOf(memberId))?.storeId ?? null);
  }

  lines(orderId: number): Promise<OrderLine[]> {
    return this.dataSource.getRepository(OrderLine).find({ where: { orderId }, order: { id: 'ASC' } });
  }

  async list(memberId: number, status?: string) {
    const orders = await this.dataSource.getRepository(ShopOrder).find({ where: { memberId, ...(status ? { status: status as ShopOrder['status'] } : {}) }, order: { id: 'DESC' }, take: 50 });
    const lines = orders.length ? await this.dataSource.getRepository(OrderLine).findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
    return orders.map((o) => ({ order: o, lines: lines.filter((l) => l.orderId === o.id) }));
  }

  async confirmReceipt(memberId: number, orderId: number): Promise<ShopOrder> {
    await this.get(memberId, orderId);
    const r = await this.dataSource.getRepository(ShopOrder).update({ id: orderId, memberId, status: In(['shipped', 'ready_for_pickup']) }, { status: 'completed', completedAt: new Date() });
    if (!r.affected) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '订单当前不能确认收货');
    return this.get(memberId, orderId);
  }

  async ship(orderId: number): Promise<void> {
    const order = await this.dataSource.getRepository(ShopOrder).findOneBy({ id: orderId });
    if (!order) throw AppError.notFound('订单');
    const to = order.fulfilment === 'pickup' ? 'ready_for_pickup' : 'shipped';
    const r = await this.dataSource.getRepository(ShopOrder).update({ id: orderId, status: 'paid' }, { status: to, shippedAt: new Date() });
    if (!r.affected) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有已支付订单可以发货');
  }

  // ---- after-sale refunds ----------------------------------------------------------------

  async requestAfterSale(memberId: number, orderId: number, lines: { lineId: number; quantity: number }[], reason: string): Promise<AfterSale> {
    const order = await this.get(memberId, orderId);
    if (!['paid', 'shipped', 'ready_for_pickup', 'completed'].includes(order.status)) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该订单不能申请退款');
    const orderLines = await this.lines(orderId);
    for (const l of lines) {
      const line = orderLines.find((x) => x.id === l.lineId);
      if (!line || l.quantity < 1 || l.quantity > line.quantity - line.refundedQuantity) throw new AppError(ErrorCode.VALIDATION_FAILED, '退款数量不正确', { lineId: l.lineId });
    }
    if (await this.dataSource.getRepository(AfterSale).existsBy({ orderId, status: In(['pending', 'refunding']) })) throw new AppError(ErrorCode.CONFLICT, '该订单已有处理中的退款');
    return this.dataSource.getRepository(AfterSale).save(this.dataSource.getRepository(AfterSale).create({ orderId, memberId, lines: JSON.stringify(lines), reason: reason.slice(0, 120), status: 'pending' }));
  }

  /**
   * Approves a refund: each source gets back exactly its share (balance in its principal/bonus
   * split, points as a new lot, cash through WeChat), earned points and growth are clawed back in
   * proportion, stock returns, and coupons come back when the whole order is refunded.
   */
  async approveAfterSale(afterSaleId: number, note: string): Promise<AfterSale> {
    const planned = await this.dataSource.transaction(async (manager) => {
      const moved = await manager.getRepository(AfterSale).update({ id: afterSaleId, status: 'pending' }, { status: 'refunding', reviewNote: note.slice(0, 120), reviewedAt: new Date() });
      if (!moved.affected) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该退款申请已处理');
      const sale = await manager.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
      const order = await manager.getRepository(ShopOrder).findOneByOrFail({ id: sale.orderId });
      const requested = JSON.parse(sale.lines) as { lineId: number; quantity: number }[];
      let cash = 0;
      let balance = 0;
      for (const r of requested) {
        const line = await manager.getRepository(OrderLine).findOneByOrFail({ id: r.lineId, orderId: order.id });
        const part = refundLine(
          { quantity: line.quantity, refundedQuantity: line.refundedQuantity, couponFen: line.couponFen, pointsFen: line.pointsFen, balanceFen: line.balanceFen, cashFen: line.cashFen, refunded: { pointsFen: line.refundedPointsFen, balanceFen: line.refundedBalanceFen, cashFen: line.refundedCashFen } },
          r.quantity,
        );
        const updated = await manager.getRepository(OrderLine).update(
          { id: line.id, refundedQuantity: line.refundedQuantity },
          { refundedQuantity: line.refundedQuantity + r.quantity, refundedPointsFen: line.refundedPointsFen + part.pointsFen, refundedBalanceFen: line.refundedBalanceFen + part.balanceFen, refundedCashFen: line.refundedCashFen + part.cashFen },
        );
        if (!updated.affected) throw new AppError(ErrorCode.CONFLICT, '订单退款状态已变化，请重试');
        cash += part.cashFen;
        balance += part.balanceFen;
        await this.restock(manager, line.skuId, r.quantity);
      }
      const lines = await manager.getRepository(OrderLine).findBy({ orderId: order.id });
      const whole = lines.every((l) => l.refundedQuantity === l.quantity);
      if (whole) {
        cash += order.shippingCashFen;
        balance += order.shippingBalanceFen;
        await this.coupons.release(manager, order.id);
        await manager.getRepository(ShopOrder).update({ id: order.id }, { status: 'refunded' });
      }
      const ref = { memberId: order.memberId, refType: 'order', refId: String(order.id) };
      const goodsPaid = lines.reduce((s, l) => s + l.balanceFen + l.cashFen, 0);
      const goodsRefunded = lines.reduce((s, l) => s + l.refundedBalanceFen + l.refundedCashFen, 0);
      // Points used and points/growth earned move in proportion; the last refund settles the remainder.
      const pointsBack = whole ? order.pointsUsed - order.pointsRestored : order.pointsDeductionFen ? Math.floor((order.pointsUsed * lines.reduce((s, l) => s + l.refundedPointsFen, 0)) / order.pointsDeductionFen) - order.pointsRestored : 0;
      const clawTarget = whole || goodsPaid === 0 ? order.pointsEarned : Math.floor((order.pointsEarned * goodsRefunded) / goodsPaid);
      const growthTarget = whole || goodsPaid === 0 ? order.growthEarned : Math.floor((order.growthEarned * goodsRefunded) / goodsPaid);
      const claw = clawTarget - order.pointsClawedBack;
      const growthBack = growthTarget - order.growthReversed;
      if (balance > 0) await this.wallet.refundSpend(manager, { ...ref, amountFen: balance, idempotencyKey: `after-sale-balance:${sale.id}`, note: `订单 ${order.orderNo} 退款` });
      if (pointsBack > 0) await this.points.earn(manager, { ...ref, points: pointsBack, source: 'refund', kind: 'restore', idempotencyKey: `after-sale-points:${sale.id}`, note: '退款退回积分' });
      if (claw > 0 && order.paidAt) await this.points.clawback(manager, { ...ref, points: claw, idempotencyKey: `after-sale-claw:${sale.id}`, note: '退款扣回赠送积分' });
      if (growthBack > 0) await this.growth.earn(manager, { ...ref, delta: -growthBack, kind: 'refund', idempotencyKey: `growth:after-sale:${sale.id}` });
      if (whole) await this.clawFirstOrderReward(manager, order);
      await manager.getRepository(ShopOrder).update({ id: order.id }, { pointsRestored: order.pointsRestored + Math.max(0, pointsBack), pointsClawedBack: order.pointsClawedBack + Math.max(0, claw), growthReversed: order.growthReversed + Math.max(0, growthBack) });
      const outRefundNo = cash > 0 ? `AS${sale.id}${order.orderNo.slice(-8)}` : null;
      await manager.getRepository(AfterSale).update({ id: sale.id }, { cashFen: cash, balanceFen: balance, pointsReturned: Math.max(0, pointsBack), outRefundNo, status: cash > 0 ? 'refunding' : 'completed' });
      return { sale, cash, outRefundNo, paymentId: order.paymentId };
    });
    if (planned.cash > 0 && planned.paymentId && planned.outRefundNo) {
      await this.payments.refund({ paymentId: planned.paymentId, outRefundNo: planned.outRefundNo, amountFen: planned.cash, reason: '订单售后退款' });
    }
    return this.dataSource.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
  }

  /** Staff hand over a pickup order in their store: paid/ready → completed, once (returns the order). */
  async writeOffPickup(manager: EntityManager, pickupCode: string, storeId: number): Promise<ShopOrder> {
    const order = await manager.getRepository(ShopOrder).findOneBy({ pickupCode, fulfilment: 'pickup' });
    if (!order) throw AppError.notFound('自提码对应的订单');
    if (order.storeId !== storeId) throw new AppError(ErrorCode.FORBIDDEN, '该订单不在本门店自提');
    const done = await manager.getRepository(ShopOrder).update({ id: order.id, status: In(['paid', 'ready_for_pickup']) }, { status: 'completed', completedAt: new Date() });
    if (!done.affected) throw new AppError(ErrorCode.WRITE_OFF_DONE, order.status === 'completed' ? '该订单已核销，不能重复核销' : '该订单当前不可核销');
    return order;
  }

  /** Savings that benefits of one source type brought on the member's paid, unrefunded orders in [from, to). */
  async savingsBySourceType(memberId: number, sourceType: 'tier' | 'plan' | 'campaign', from: Date, to: Date): Promise<number> {
    const orders = await this.dataSource
      .getRepository(ShopOrder)
      .createQueryBuilder('o')
      .where('o.memberId = :memberId AND o.paidAt >= :from AND o.paidAt < :to AND o.status NOT IN (:...gone)', { memberId, from, to, gone: ['cancelled', 'refunded'] })
      .getMany();
    let total = 0;
    for (const o of orders) for (const s of JSON.parse(o.savings ?? '[]') as { source: { type: string }; fen: number }[]) if (s.source.type === sourceType) total += s.fen;
    return total;
  }

  /** A first-order reward (and the inviter's referral reward) goes back when that order is refunded in full. */
  private async clawFirstOrderReward(manager: EntityManager, order: ShopOrder): Promise<void> {
    const [reward] = await manager.getRepository(PointsEntry).findBy({ idempotencyKey: `first-order:${order.memberId}`, refId: String(order.id) });
    await this.pointsRewards.clawReferral(manager, order.memberId, order.id);
    if (!reward) return;
    await this.points.clawback(manager, { memberId: order.memberId, refType: 'order', refId: String(order.id), points: reward.deltaPoints, idempotencyKey: `first-order-claw:${order.id}`, note: '订单全额退款，扣回首单奖励' });
  }

  async rejectAfterSale(afterSaleId: number, note: string): Promise<AfterSale> {
    const r = await this.dataSource.getRepository(AfterSale).update({ id: afterSaleId, status: 'pending' }, { status: 'rejected', reviewNote: note.slice(0, 120), reviewedAt: new Date() });
    if (!r.affected) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '该退款申请已处理');
    return this.dataSource.getRepository(AfterSale).findOneByOrFail({ id: afterSaleId });
  }

  // ---- PaymentPurposeHandler ---------------------------------------------------------------

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    await this.markPaid(manager, Number(payment.purposeId), payment.paidAt ?? new Date());
  }

  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    await this.cancelUnpaid(manager, Number(payment.purposeId), '超时未支付，已自动取消');
  }

  /** An order released its stock when it was cancelled; money that arrives later is refunded. */
  async acceptsLatePayment(): Promise<boolean> {
    return false;
  }

  async onRefundSucceeded(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    await manager.getRepository(AfterSale).update({ outRefundNo: refund.outRefundNo, status: 'refunding' }, { status: 'completed' });
  }

  async onRefundFailed(manager: EntityManager, _payment: Payment, refund: Refund): Promise<void> {
    await manager.getRepository(AfterSale).update({ outRefundNo: refund.outRefundNo, status: 'refunding' }, { status: 'failed', reviewNote: `微信退款失败：${refund.failureReason ?? ''}`.slice(0, 120) });
  }
}
