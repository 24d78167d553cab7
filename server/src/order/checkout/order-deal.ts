import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../../common/errors/app-error';
import type { ShopOrder } from '../order.entity';

export type OrderDealKind = 'flash_sale' | 'group_buy';

/**
 * A deal order: one line bought at the deal's price. The deal's own service (never the client)
 * builds this after admission and hands it to OrderCheckoutService.create.
 */
export interface OrderDeal {
  kind: OrderDealKind;
  /** The deal's own reference, e.g. a flash-sale reservation or a group-buy slot; stored on the order. */
  refId: string;
  /** Unit price of the single line; the member price does not apply on top of a deal price. */
  unitPriceFen: number;
}

/**
 * What a deal does around an order's checkout, as one more checkout step. All three run inside the
 * transaction that creates the order or moves its status (behind the order's conditional status
 * change), so each runs at most once per order.
 */
export interface OrderDealHandler {
  readonly kind: OrderDealKind;
  /** Take the deal's hold (deal stock, a group slot) for the new order; throw an AppError to refuse. */
  hold(manager: EntityManager, order: ShopOrder, deal: OrderDeal): Promise<void>;
  /** The order was paid. */
  confirm(manager: EntityManager, order: ShopOrder): Promise<void>;
  /** The order ended unpaid (member cancel, payment expiry): give the hold back. */
  release(manager: EntityManager, order: ShopOrder, reason: string): Promise<void>;
  /**
   * Optional: why a paid order may not go to fulfilment or after-sales yet (a group that has not
   * completed), or null. Shipping, pickup preparation and after-sale requests ask before they act.
   */
  heldBack?(manager: EntityManager, order: ShopOrder): Promise<string | null>;
}

/** Deal modules register their handler at module init; the checkout looks it up by the order's deal kind. */
@Injectable()
export class OrderDealRegistry {
  private readonly handlers = new Map<OrderDealKind, OrderDealHandler>();

  register(handler: OrderDealHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`order deal ${handler.kind} registered twice`);
    this.handlers.set(handler.kind, handler);
  }

  /** Refuses (409 GROUP_BUY_NOT_COMPLETED) while the order's deal holds it back from fulfilment. */
  async assertReleased(manager: EntityManager, order: ShopOrder): Promise<void> {
    if (!order.dealKind) return;
    const reason = await this.get(order.dealKind).heldBack?.(manager, order);
    if (reason) throw new AppError(ErrorCode.GROUP_BUY_NOT_COMPLETED, reason);
  }

  get(kind: string): OrderDealHandler {
    const handler = this.handlers.get(kind as OrderDealKind);
    if (!handler) throw new Error(`no handler registered for order deal ${kind}`);
    return handler;
  }
}
