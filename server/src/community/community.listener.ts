import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { OutboxEventMap } from '../common/events/domain-events';
import { InvitationService } from './invitation.service';

/**
 * What may make a member eligible for a group: an order paid (spend, and the tier it moves), an SVIP
 * purchase, a refund, a tag put on or taken off. Outbox events are delivered at least once; invitations are stamped once.
 */
@Injectable()
export class CommunityListener {
  constructor(private readonly invitations: InvitationService) {}

  @OnEvent('order.paid', { suppressErrors: false })
  async onOrderPaid(event: OutboxEventMap['order.paid']): Promise<void> {
    await this.invitations.markActive(event.memberId, new Date(event.paidAt));
    await this.invitations.evaluateMember(event.memberId);
  }

  @OnEvent('membership.purchased', { suppressErrors: false })
  @OnEvent('after_sale.settled', { suppressErrors: false })
  @OnEvent('recharge.credited', { suppressErrors: false })
  @OnEvent('member.tags_changed', { suppressErrors: false })
  async onMemberChanged(event: OutboxEventMap['membership.purchased' | 'after_sale.settled' | 'recharge.credited' | 'member.tags_changed']): Promise<void> {
    await this.invitations.evaluateMember(event.memberId);
  }
}
