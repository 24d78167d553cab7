import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { addDays, beijingDate, SVIP_RENEWAL_GRACE_DAYS } from '@mall/shared';
import type { OutboxEventMap } from '../common/events/domain-events';
import { AnalyticsRollupService } from './analytics-rollup.service';

/**
 * Outbox events mark the days whose facts they change; the job recomputes them. Marking is a
 * version bump, so a redelivered event changes nothing but an extra recompute.
 */
@Injectable()
export class AnalyticsListener {
  constructor(private readonly rollup: AnalyticsRollupService) {}

  @OnEvent('order.paid', { suppressErrors: false })
  async onOrderPaid(event: OutboxEventMap['order.paid']): Promise<void> {
    await this.rollup.markDirty([beijingDate(event.paidAt)]);
  }

  /** A refund nets into the day the order was paid; the stored value it returns moves today's ledger. */
  @OnEvent('after_sale.settled', { suppressErrors: false })
  async onAfterSale(event: OutboxEventMap['after_sale.settled']): Promise<void> {
    const paidDay = await this.rollup.orderPaidDay(event.orderId);
    await this.rollup.markDirty([...(paidDay ? [paidDay] : []), beijingDate()]);
  }

  @OnEvent('recharge.credited', { suppressErrors: false })
  async onRecharge(): Promise<void> {
    await this.rollup.markDirty([beijingDate()]);
  }

  /** A renewal can turn periods that ended within the grace period into renewed ones. */
  @OnEvent('membership.purchased', { suppressErrors: false })
  async onPurchase(event: OutboxEventMap['membership.purchased']): Promise<void> {
    const today = beijingDate();
    const days = event.renewal ? Array.from({ length: SVIP_RENEWAL_GRACE_DAYS + 1 }, (_, i) => addDays(today, -i)) : [today];
    await this.rollup.markDirty(days);
  }

  @OnEvent('membership.refunded', { suppressErrors: false })
  async onMembershipRefund(event: OutboxEventMap['membership.refunded']): Promise<void> {
    const paidDay = await this.rollup.purchasePaidDay(event.purchaseId);
    await this.rollup.markDirty([...(paidDay ? [paidDay] : []), beijingDate()]);
  }
}
