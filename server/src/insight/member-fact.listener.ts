import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { OutboxEventMap } from '../common/events/domain-events';
import { MemberFactService } from './member-fact.service';

/** Facts that money moves change (orders, stored value, SVIP) are refreshed when the change is committed. */
@Injectable()
export class MemberFactListener {
  constructor(private readonly facts: MemberFactService) {}

  @OnEvent('order.paid', { suppressErrors: false })
  @OnEvent('after_sale.settled', { suppressErrors: false })
  @OnEvent('recharge.credited', { suppressErrors: false })
  @OnEvent('membership.purchased', { suppressErrors: false })
  @OnEvent('membership.refunded', { suppressErrors: false })
  async onMemberChanged(event: OutboxEventMap['order.paid' | 'recharge.credited' | 'membership.purchased']): Promise<void> {
    await this.facts.refresh([event.memberId]);
  }
}
