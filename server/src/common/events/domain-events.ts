import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';

/**
 * The events one domain publishes for others, with their payloads: the explicit interface between
 * modules that must not import each other. An event whose payload carries `manager` is published
 * inside the publisher's transaction; its listeners do their part in that same transaction and a
 * listener that throws rolls it back (listen with `{ suppressErrors: false }`).
 */
export interface InTransactionEventMap {
  /** After commit: the member's profile now has nickname, phone and birthday. */
  'member.profile_completed': { memberId: number };
  /** After a member's WeChat login; `scene` is the mini-program code scene they opened (a KOC poster binds them). */
  'member.logged_in': { memberId: number; scene: string | null; created: boolean };
  /** In the recharge's paid transaction: a recharge plan grants SVIP days. */
  'recharge.membership_days_granted': { manager: EntityManager; memberId: number; rechargeId: number; planId: number; days: number };
}

/**
 * After-commit events, written to the outbox in the transaction of the change and dispatched to
 * listeners once it committed (at least once: listeners are idempotent by the ids in the payload).
 * Payloads are JSON. Notifications, member facts and campaigns listen to these.
 */
export interface OutboxEventMap {
  /** An order became paid (by WeChat Pay, or by balance/points alone). */
  'order.paid': { orderId: number; memberId: number; payableFen: number; paidAt: string };
  /** A shipment left (delivery), or a pickup order is ready in its store. */
  'order.shipped': { orderId: number; memberId: number; fulfilment: 'delivery' | 'pickup'; shipmentId: number | null };
  /** An order reached completed (received, picked up, or confirmed automatically). */
  'order.completed': { orderId: number; memberId: number };
  /** An after-sale request ended: refunded, rejected, or the refund failed at WeChat. */
  'after_sale.settled': {
    afterSaleId: number;
    orderId: number;
    memberId: number;
    result: 'refunded' | 'rejected' | 'failed';
    cashFen: number;
    balanceFen: number;
  };
  /** Stored value arrived from a paid recharge. */
  'recharge.credited': { rechargeId: number; memberId: number; principalFen: number; bonusFen: number };
  /** A paid-membership purchase was paid (a renewal when the member already had a period). */
  'membership.purchased': { purchaseId: number; memberId: number; planId: number; renewal: boolean; endsAt: string };
  /** A paid-membership purchase was refunded (amountFen may be less than paid when savings were deducted). */
  'membership.refunded': { purchaseId: number; memberId: number; amountFen: number; paidBy: 'wechat' | 'balance' };
  /** A member's paid membership ends within days (renewal reminder) or has ended. */
  'membership.expiring': { memberId: number; endsAt: string; daysLeft: number };
  /** A group buy filled up: every paid member is told (拼团成功). */
  'group_buy.completed': { groupId: number };
  /** A failed group's paid slot was refunded (拼团失败): the amount returned in cash and balance. */
  'group_buy.slot_refunded': { slotId: number; groupId: number; memberId: number; orderId: number; refundFen: number };
  /** Tags were put on or taken off a member (by ops, staff, or the system tags following the facts). */
  'member.tags_changed': { memberId: number; added: number[]; removed: number[] };
  /** Points expire soon (reminder, once per member and expiry day). */
  'points.expiring': { memberId: number; points: number; expiresDay: string };
}

export type DomainEventMap = InTransactionEventMap & OutboxEventMap;
export type DomainEventName = keyof DomainEventMap;
export type OutboxEventName = keyof OutboxEventMap;

@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Runs every listener and waits for all of them. */
  async publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): Promise<void> {
    await this.emitter.emitAsync(name, payload);
  }
}
