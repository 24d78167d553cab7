import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, ORDER_STATES, type CreateOrderRequest, type CreateOrderResult } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { MemberService } from '../member/member.service';
import { newOutTradeNo, PaymentService } from '../payment/payment.service';
import { PointsRewardsService } from '../points/points-rewards.service';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';
import { GrowthService } from '../tier/growth.service';
import { WalletLedgerService } from '../wallet/wallet-ledger.service';
import { WalletPinService } from '../wallet/wallet-pin.service';
import { WalletSettingsService } from '../wallet/wallet-settings.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { CheckoutSteps, type CheckoutHold } from './checkout/checkout-steps';
import { Address, OrderLine, ShopOrder } from './order.entity';
import { OrderPricingService } from './order-pricing.service';
import { OrderQueryService } from './order-query.service';
import { retryOnDeadlock } from '../database/transactions';
import { insertRows } from '../database/insert-rows';
import { OutboxService } from '../common/outbox/outbox.service';
import type { OrderDeal } from './checkout/order-deal';

const PRICING_PROBLEM_ERRORS: Record<string, ErrorCode> = {
  BALANCE_OVER_AVAILABLE: ErrorCode.WALLET_INSUFFICIENT_BALANCE,
  POINTS_OVER_LIMIT: ErrorCode.POINTS_INSUFFICIENT,
};

/**
 * Checkout and the order's payment lifecycle: price on the server, take every hold in one
 * transaction (CheckoutSteps), confirm them when the order is paid, release them in reverse when
 * it ends unpaid. Every order status change here is a conditional transition, so notifies,
 * reconciliation and the member's cancel may race and each effect still happens once.
 */
@Injectable()
export class OrderCheckoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pricing: OrderPricingService,
    private readonly steps: CheckoutSteps,
    private readonly payments: PaymentService,
    private readonly members: MemberService,
    private readonly stores: StoreService,
    private readonly wallet: WalletLedgerService,
    private readonly walletSettings: WalletSettingsService,
    private readonly pins: WalletPinService,
    private readonly points: PointsLedgerService,
    private readonly rewards: PointsRewardsService,
    private readonly growth: GrowthService,
    private readonly bindings: BindingService,
    private readonly query: OrderQueryService,
    private readonly outbox: OutboxService,
  ) {}

  /** `deal` comes from a deal's own service after admission (flash sale, group buy), never from the client. */
  async create(memberId: number, request: CreateOrderRequest, deal?: OrderDeal): Promise<CreateOrderResult> {
    if (deal && request.lines.length !== 1) throw new AppError(ErrorCode.VALIDATION_FAILED, '活动订单只能购买一个商品');
    const member = await this.members.getById(memberId);
    // Accounts exist before the transaction, so nothing inside it needs a second connection.
    await Promise.all([this.wallet.ensureAccount(memberId), this.points.ensureAccount(memberId)]);
    const address = await this.destination(memberId, request);
    const checkout = {
      lines: request.lines,
      couponIds: request.couponIds ?? [],
      pointsToUse: request.pointsToUse ?? 0,
      balanceToUse: request.balanceToUse ?? 0,
      fulfilment: request.fulfilment,
    };
    const { result, snapshots, wallet } = await this.pricing.price(memberId, checkout, undefined, deal ? { unitPriceFen: deal.unitPriceFen } : undefined);
    const problem = result.problems[0];
    if (problem) throw new AppError(PRICING_PROBLEM_ERRORS[problem.code] ?? ErrorCode.COUPON_UNAVAILABLE, problem.message);
    const b = result.breakdown;
    if (request.expectedPayableFen !== undefined && request.expectedPayableFen !== b.payableFen) {
      throw new AppError(ErrorCode.PRICE_CHANGED, undefined, { payableFen: b.payableFen, expectedPayableFen: request.expectedPayableFen });
    }
    const settings = await this.walletSettings.get();
    if (b.balanceFen > 0) await this.pins.assertForSpend(memberId, b.balanceFen, settings.pinRequiredFromFen, request.pin, wallet);

    const {
      result: { order, paid },
      payment,
      payParams,
    } = await this.payments.startPurchase(
      async (manager, openPayment) => {
        // Plain inserts: the order and its lines are written with every value the steps read, so nothing is re-selected.
        const values = {
          orderNo: newOutTradeNo('O'),
          memberId,
          status: 'pending_payment' as const,
          fulfilment: request.fulfilment,
          address: address ? JSON.stringify({ name: address.name, phone: address.phone, region: address.region, detail: address.detail }) : null,
          storeId: request.fulfilment === 'pickup' ? request.storeId! : null,
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
          dealKind: deal?.kind ?? null,
          dealRef: deal?.refId ?? null,
        };
        const order = manager
          .getRepository(ShopOrder)
          .create({ ...values, id: await insertRows(manager, ShopOrder, values), paymentId: null, outTradeNo: null });
        await insertRows(
          manager,
          OrderLine,
          result.lines.map((line, i) => ({
            orderId: order.id,
            skuId: line.skuId,
            productId: snapshots[i].product.id,
            productName: snapshots[i].product.name,
            specs: snapshots[i].sku.specs,
            imageUrl: snapshots[i].product.imageUrl,
            quantity: line.quantity,
            unitPriceFen: deal ? deal.unitPriceFen : snapshots[i].sku.priceFen,
            listFen: line.listFen,
            memberDiscountFen: line.memberDiscountFen,
            couponFen: line.couponFen,
            pointsFen: line.pointsFen,
            balanceFen: line.balanceFen,
            cashFen: line.cashFen,
          })),
        );
        const hold = {
          order,
          openid: member.openid,
          couponIds: checkout.couponIds,
          lines: result.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
          spendRule: settings.spendRule,
          openPayment,
          deal,
        };
        if (order.cashFen > 0) {
          await this.steps.holdAll(manager, hold);
          return { order, paid: false };
        }
        // Paid at once (points, coupons and stored value cover it): the paid bookkeeping runs before the hot
        // holds, so every buyer of the SKU waits on its row for the last statements only, not for the whole checkout.
        await this.steps.holdAll(manager, hold, 'cold');
        const paid = await this.markPaid(manager, order.id, new Date(), order, hold);
        if (!paid) throw new Error(`order ${order.id}, inserted in this transaction, could not be marked paid`);
        return { order, paid };
      },
      { retryDeadlocks: true },
    );
    const status = paid ? 'paid' : payment ? 'pending_payment' : (await this.query.getById(order.id)).status;
    return { orderId: order.id, orderNo: order.orderNo, status, cashFen: b.cashFen, outTradeNo: payment?.outTradeNo ?? null, payParams };
  }

  /** Where the order goes: a delivery address of the member's, or an open store for pickup. */
  private async destination(memberId: number, request: CreateOrderRequest): Promise<Address | null> {
    if (request.fulfilment === 'delivery') {
      const address = request.addressId ? await this.dataSource.getRepository(Address).findOneBy({ id: request.addressId, memberId }) : null;
      if (!address) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择收货地址');
      return address;
    }
    if (!request.storeId) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择自提门店');
    await this.stores.openForPickup(request.storeId);
    return null;
  }

  /** pending_payment → paid once: holds confirmed, points and growth earned, pickup code issued, rewards. */
  async markPaid(manager: EntityManager, orderId: number, paidAt: Date, inserted?: ShopOrder, hotHolds?: CheckoutHold): Promise<boolean> {
    // The checkout passes the order it has just inserted in this transaction: nothing to read back.
    const order = inserted ?? (await manager.getRepository(ShopOrder).findOneByOrFail({ id: orderId }));
    const pickupCode = order.fulfilment === 'pickup' ? String(randomInt(10_000_000, 99_999_999)) : null;
    const moved = await transitionOne(manager, ShopOrder, ORDER_STATES, {
      where: { id: orderId },
      from: 'pending_payment',
      to: 'paid',
      set: { paidAt, pickupCode },
    });
    if (!moved) return false;
    Object.assign(order, { status: 'paid', paidAt, pickupCode });
    await this.steps.confirmAll(manager, order, hotHolds ? 'cold' : 'all');
    const ref = { memberId: order.memberId, refType: 'order', refId: String(orderId) };
    if (order.pointsEarned > 0)
      await this.points.earn(manager, {
        ...ref,
        points: order.pointsEarned,
        source: 'order',
        idempotencyKey: `order-earn:${orderId}`,
        note: `订单 ${order.orderNo} 获得`,
      });
    if (order.growthEarned > 0)
      await this.growth.earn(manager, { ...ref, delta: order.growthEarned, kind: 'spend', idempotencyKey: `growth:order:${orderId}` });
    await this.bindings.attribute(manager, 'order', String(orderId), order.memberId, order.balanceFen + order.cashFen);
    if (await this.query.isFirstPaidOrder(manager, order)) await this.rewards.onFirstOrderPaid(manager, order.memberId, orderId);
    await this.outbox.publish(manager, 'order.paid', { orderId, memberId: order.memberId, payableFen: order.payableFen, paidAt: paidAt.toISOString() });
    if (hotHolds) {
      // The checkout's own hot holds, taken and confirmed last (see create).
      await this.steps.holdConfirmedHot(manager, hotHolds);
    }
    return true;
  }

  /** pending_payment → cancelled once, then every hold is released in reverse order. */
  async cancelUnpaid(manager: EntityManager, orderId: number, reason: string): Promise<boolean> {
    const moved = await transitionOne(manager, ShopOrder, ORDER_STATES, {
      where: { id: orderId },
      from: 'pending_payment',
      to: 'cancelled',
      set: { cancelledAt: new Date(), cancelReason: reason.slice(0, 64) },
    });
    if (!moved) return false;
    const order = await manager.getRepository(ShopOrder).findOneByOrFail({ id: orderId });
    await this.steps.releaseAll(manager, order, reason);
    return true;
  }

  /** The member cancels an unpaid order: close the payment at WeChat first (it may just have been paid). */
  async cancel(memberId: number, orderId: number): Promise<void> {
    const order = await this.query.get(memberId, orderId);
    if (order.status !== 'pending_payment') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待支付订单可以取消');
    const payment = order.outTradeNo ? await this.payments.findByOutTradeNo(order.outTradeNo) : null;
    if (payment) await this.payments.cancel(payment);
    else await retryOnDeadlock(() => this.dataSource.transaction((m) => this.cancelUnpaid(m, orderId, '会员取消')));
  }
}
