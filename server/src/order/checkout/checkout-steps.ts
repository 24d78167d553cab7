import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SpendRule } from '@mall/shared';
import { StockService, type StockLine } from '../../catalog/stock.service';
import { CouponService } from '../../coupon/coupon.service';
import type { Payment } from '../../payment/payment.entity';
import type { NewPayment } from '../../payment/payment.service';
import { PointsLedgerService } from '../../points/points-ledger.service';
import { WalletLedgerService } from '../../wallet/wallet-ledger.service';
import { ShopOrder } from '../order.entity';
import { OrderDealRegistry, type OrderDeal } from './order-deal';

/** What the checkout transaction hands each step: the saved order and what the member asked for. */
export interface CheckoutHold {
  order: ShopOrder;
  openid: string;
  couponIds: number[];
  lines: StockLine[];
  spendRule: SpendRule;
  /** Opens the order's one WeChat payment (PaymentService.startPurchase's `open`). */
  openPayment(input: NewPayment): Promise<Payment>;
  /** The deal the order is bought through, if any (its handler's hold runs as the last step). */
  deal?: OrderDeal;
}

/**
 * One thing an order holds until it is paid. `hold` takes it inside the checkout transaction;
 * `confirm` makes it final when the order is paid; `release` gives it back when the order ends
 * unpaid (member cancel, payment expiry). All three run inside the transaction that moves the
 * order's status, behind the order's conditional status change, so each runs at most once.
 */
export interface CheckoutStep {
  readonly name: string;
  /** A row every buyer locks (stock, deal): taken as late as possible so its lock is held only until commit. */
  readonly hot?: boolean;
  hold(manager: EntityManager, hold: CheckoutHold): Promise<void>;
  confirm(manager: EntityManager, order: ShopOrder): Promise<void>;
  /** hold then confirm, for an order paid inside its checkout, when the step can do both in fewer statements. */
  holdConfirmed?(manager: EntityManager, hold: CheckoutHold): Promise<void>;
  release(manager: EntityManager, order: ShopOrder, reason: string): Promise<void>;
}

/** All steps, or only the hot (stock, deal) or cold ones; in list order either way. */
export type StepSelection = 'all' | 'cold' | 'hot';

const orderRef = (order: ShopOrder) => ({ memberId: order.memberId, refType: 'order', refId: String(order.id) });

/**
 * The checkout as a list of holds, in the order they are taken:
 *   coupons locked → points spent → stored value debited → WeChat payment opened → stock held
 *   → deal hold (deal stock or group slot, only for deal orders).
 * Stock and deal come last because their rows are the hot spots every buyer locks: their locks are
 * held only until commit. Releases run the same list in reverse. Failure inside the checkout transaction
 * needs no release: the transaction rolls every hold back together.
 */
@Injectable()
export class CheckoutSteps {
  readonly steps: readonly CheckoutStep[];

  constructor(
    coupons: CouponService,
    private readonly points: PointsLedgerService,
    private readonly wallet: WalletLedgerService,
    stock: StockService,
    deals: OrderDealRegistry,
  ) {
    this.steps = [
      {
        name: 'coupons',
        hold: (manager, { order, couponIds }) => coupons.lock(manager, order.memberId, couponIds, order.id),
        confirm: (manager, order) => coupons.markUsed(manager, order.id),
        release: (manager, order) => coupons.releaseLocked(manager, order.id),
      },
      {
        name: 'points',
        hold: async (manager, { order }) => {
          if (order.pointsUsed > 0)
            await points.spend(manager, {
              ...orderRef(order),
              points: order.pointsUsed,
              idempotencyKey: `order-spend:${order.id}`,
              note: `订单 ${order.orderNo} 抵扣`,
            });
        },
        confirm: async () => undefined,
        release: async (manager, order) => {
          if (order.pointsUsed > 0) {
            await points.earn(manager, {
              ...orderRef(order),
              points: order.pointsUsed,
              source: 'order_cancel',
              kind: 'restore',
              idempotencyKey: `order-cancel-points:${order.id}`,
              note: '订单取消退回',
            });
          }
        },
      },
      {
        name: 'wallet',
        hold: async (manager, { order, spendRule }) => {
          if (order.balanceFen > 0)
            await wallet.spend(manager, {
              ...orderRef(order),
              amountFen: order.balanceFen,
              rule: spendRule,
              idempotencyKey: `order-spend:${order.id}`,
              note: `订单 ${order.orderNo}`,
            });
        },
        confirm: async () => undefined,
        release: async (manager, order) => {
          if (order.balanceFen > 0)
            await wallet.refundSpend(manager, {
              ...orderRef(order),
              amountFen: order.balanceFen,
              idempotencyKey: `order-cancel-balance:${order.id}`,
              note: '订单取消退回',
            });
        },
      },
      {
        name: 'payment',
        hold: async (manager, { order, openid, openPayment }) => {
          if (order.cashFen <= 0) return;
          const payment = await openPayment({
            purpose: 'order',
            purposeId: String(order.id),
            memberId: order.memberId,
            openid,
            amountFen: order.cashFen,
            description: `会员商城订单 ${order.orderNo}`,
          });
          await manager.getRepository(ShopOrder).update({ id: order.id }, { paymentId: payment.id, outTradeNo: payment.outTradeNo });
          Object.assign(order, { paymentId: payment.id, outTradeNo: payment.outTradeNo });
        },
        // The payment drives the order: it is paid (confirm) or closed (release) before these run.
        confirm: async () => undefined,
        release: async () => undefined,
      },
      {
        name: 'stock',
        hot: true,
        hold: (manager, { order, lines }) => stock.hold(manager, { refType: 'order', refId: String(order.id) }, lines),
        holdConfirmed: (manager, { order, lines }) => stock.holdSold(manager, { refType: 'order', refId: String(order.id) }, lines),
        confirm: (manager, order) => stock.sell(manager, { refType: 'order', refId: String(order.id) }),
        release: (manager, order) => stock.release(manager, { refType: 'order', refId: String(order.id) }),
      },
      {
        name: 'deal',
        hot: true,
        hold: async (manager, { order, deal }) => {
          if (deal) await deals.get(deal.kind).hold(manager, order, deal);
        },
        confirm: async (manager, order) => {
          if (order.dealKind) await deals.get(order.dealKind).confirm(manager, order);
        },
        release: async (manager, order, reason) => {
          if (order.dealKind) await deals.get(order.dealKind).release(manager, order, reason);
        },
      },
    ];
  }

  /** Takes the holds; `which` splits them for a checkout paid at once (cold ones, its bookkeeping, then the hot ones). */
  async holdAll(manager: EntityManager, hold: CheckoutHold, which: StepSelection = 'all'): Promise<void> {
    for (const step of this.selected(which)) await step.hold(manager, hold);
  }

  async confirmAll(manager: EntityManager, order: ShopOrder, which: StepSelection = 'all'): Promise<void> {
    for (const step of this.selected(which)) await step.confirm(manager, order);
  }

  /** The hot steps of an order paid inside its checkout: each held and confirmed at once, as the last statements. */
  async holdConfirmedHot(manager: EntityManager, hold: CheckoutHold): Promise<void> {
    for (const step of this.selected('hot')) {
      if (step.holdConfirmed) await step.holdConfirmed(manager, hold);
      else {
        await step.hold(manager, hold);
        await step.confirm(manager, hold.order);
      }
    }
  }

  private selected(which: StepSelection): readonly CheckoutStep[] {
    return which === 'all' ? this.steps : this.steps.filter((s) => (s.hot === true) === (which === 'hot'));
  }

  async releaseAll(manager: EntityManager, order: ShopOrder, reason: string): Promise<void> {
    await this.lockLedgers(manager, order);
    for (const step of [...this.steps].reverse()) await step.release(manager, order, reason);
  }

  /**
   * Takes the member's ledger rows in checkout order (points, then wallet) before anything runs in
   * reverse: a release or refund touching them in the opposite order would deadlock against a
   * concurrent checkout of the same member on MySQL.
   */
  async lockLedgers(manager: EntityManager, order: Pick<ShopOrder, 'memberId' | 'pointsUsed' | 'balanceFen' | 'pointsEarned'>): Promise<void> {
    if (order.pointsUsed > 0 || order.pointsEarned > 0) await this.points.lock(manager, order.memberId);
    if (order.balanceFen > 0) await this.wallet.lock(manager, order.memberId);
  }
}
