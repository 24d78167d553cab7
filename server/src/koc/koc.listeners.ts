import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { InTransactionEventMap, OutboxEventMap } from '../common/events/domain-events';
import { KocReferralService } from './koc-referral.service';

/** The KOC programme follows logins (binding), paid orders (planning rewards) and settled refunds (clawback). */
@Injectable()
export class KocListeners {
  private readonly logger = new Logger('Koc');

  constructor(private readonly referrals: KocReferralService) {}

  /** A binding problem never stops a login; it is logged. */
  @OnEvent('member.logged_in')
  async onLogin(event: InTransactionEventMap['member.logged_in']): Promise<void> {
    try {
      const result = await this.referrals.bind(event.memberId, event.scene, event.created);
      if (result && result !== 'bound') this.logger.log({ msg: 'koc binding refused', memberId: event.memberId, reason: result });
    } catch (error) {
      this.logger.error({ msg: 'koc binding failed', memberId: event.memberId, error: (error as Error).message });
    }
  }

  @OnEvent('order.paid', { suppressErrors: false })
  onOrderPaid(event: OutboxEventMap['order.paid']): Promise<void> {
    return this.referrals.onOrderPaid(event);
  }

  @OnEvent('after_sale.settled', { suppressErrors: false })
  onRefund(event: OutboxEventMap['after_sale.settled']): Promise<void> {
    return this.referrals.onRefund(event);
  }
}
