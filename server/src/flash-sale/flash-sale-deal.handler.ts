import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode, FLASH_SALE_RESERVATION_STATES } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { insertIgnore } from '../database/insert-ignore';
import { OrderLine, type ShopOrder } from '../order/order.entity';
import { OrderDealRegistry, type OrderDeal, type OrderDealHandler } from '../order/checkout/order-deal';
import { ADMISSION_GATE, type AdmissionGate } from './admission/admission-gate';
import { FlashSaleEvent, FlashSalePurchase, FlashSaleReservation } from './flash-sale.entity';

/**
 * The flash sale's step in the order checkout: a two-phase hold on deal stock. hold takes the
 * member's limit, the one in-flight slot and the units (pending); confirm makes them sold; release
 * gives them back. Every count moves by a conditional UPDATE inside the order's transaction, behind
 * the order's (and the reservation's) conditional status change, so each runs once per order.
 */
@Injectable()
export class FlashSaleDealHandler implements OrderDealHandler, OnModuleInit {
  readonly kind = 'flash_sale' as const;

  constructor(
    private readonly registry: OrderDealRegistry,
    @Inject(ADMISSION_GATE) private readonly gate: AdmissionGate,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async hold(manager: EntityManager, order: ShopOrder, deal: OrderDeal): Promise<void> {
    const eventId = Number(deal.refId);
    const event = await manager.getRepository(FlashSaleEvent).findOneBy({ id: eventId });
    if (!event) throw new AppError(ErrorCode.NOT_FOUND, '秒杀活动不存在');
    const lines = await manager.getRepository(OrderLine).findBy({ orderId: order.id });
    const quantity = lines.reduce((sum, l) => sum + l.quantity, 0);
    const memberId = order.memberId;

    // The member's own rows first (no contention), the event's hot row last, so its lock is held shortest.
    await insertIgnore(manager, FlashSalePurchase, { eventId, memberId, taken: 0 });
    const limited = await manager
      .createQueryBuilder()
      .update(FlashSalePurchase)
      .set({ taken: () => `taken + ${quantity}` })
      .where('event_id = :eventId AND member_id = :memberId AND taken + :quantity <= :limit', { eventId, memberId, quantity, limit: event.perMemberLimit })
      .execute();
    if (!limited.affected) throw new AppError(ErrorCode.FLASH_SALE_LIMIT_REACHED, undefined, { perMemberLimit: event.perMemberLimit });

    const reserved = await insertIgnore(manager, FlashSaleReservation, {
      eventId,
      memberId,
      orderId: order.id,
      quantity,
      status: 'pending',
      inflightKey: `${eventId}:${memberId}`,
      expiresAt: new Date(Date.now() + event.holdMinutes * 60_000),
    });
    if (!reserved) throw new AppError(ErrorCode.FLASH_SALE_IN_FLIGHT);

    const taken = await manager
      .createQueryBuilder()
      .update(FlashSaleEvent)
      .set({ stockLeft: () => `stock_left - ${quantity}`, reservedCount: () => `reserved_count + ${quantity}` })
      .where('id = :eventId AND stock_left >= :quantity', { eventId, quantity })
      .execute();
    if (!taken.affected) throw new AppError(ErrorCode.FLASH_SALE_SOLD_OUT);
  }

  async confirm(manager: EntityManager, order: ShopOrder): Promise<void> {
    const reservation = await manager.getRepository(FlashSaleReservation).findOneBy({ orderId: order.id });
    if (!reservation) return;
    const moved = await transitionOne(manager, FlashSaleReservation, FLASH_SALE_RESERVATION_STATES, {
      where: { id: reservation.id },
      from: 'pending',
      to: 'sold',
      set: { inflightKey: null, settledAt: new Date() },
    });
    if (!moved) return;
    await manager
      .createQueryBuilder()
      .update(FlashSaleEvent)
      .set({ reservedCount: () => `reserved_count - ${reservation.quantity}`, soldCount: () => `sold_count + ${reservation.quantity}` })
      .where('id = :id', { id: reservation.eventId })
      .execute();
  }

  async release(manager: EntityManager, order: ShopOrder, reason: string): Promise<void> {
    const reservation = await manager.getRepository(FlashSaleReservation).findOneBy({ orderId: order.id });
    if (!reservation) return;
    const moved = await transitionOne(manager, FlashSaleReservation, FLASH_SALE_RESERVATION_STATES, {
      where: { id: reservation.id },
      from: 'pending',
      to: 'released',
      set: { inflightKey: null, settledAt: new Date(), releaseReason: reason.slice(0, 64) },
    });
    if (!moved) return;
    const { eventId, memberId, quantity } = reservation;
    await manager
      .createQueryBuilder()
      .update(FlashSalePurchase)
      .set({ taken: () => `taken - ${quantity}` })
      .where('event_id = :eventId AND member_id = :memberId AND taken >= :quantity', { eventId, memberId, quantity })
      .execute();
    await manager
      .createQueryBuilder()
      .update(FlashSaleEvent)
      .set({ stockLeft: () => `stock_left + ${quantity}`, reservedCount: () => `reserved_count - ${quantity}` })
      .where('id = :eventId AND reserved_count >= :quantity', { eventId, quantity })
      .execute();
    // The gate may be given back before this transaction commits: it then over-admits for a moment,
    // which the database's conditional decrement answers. Never the other way round.
    await this.gate.giveBack(eventId, memberId, quantity);
  }
}
