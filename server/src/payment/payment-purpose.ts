import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentPurpose } from '@mall/shared';
import type { Payment } from './payment.entity';
import type { Refund } from './refund.entity';

/**
 * What a domain (wallet recharge, membership, order, deal) tells payments about its purpose.
 * Hooks run inside the transaction that changes the payment, so a purpose's effect is applied
 * exactly when — and only when — the payment's state change commits.
 */
export interface PaymentPurposeHandler {
  readonly purpose: PaymentPurpose;
  /** The payment became paid: apply the purchase (credit the wallet, confirm the order …). */
  onPaid(manager: EntityManager, payment: Payment): Promise<void>;
  /** The payment was closed unpaid: release whatever was held for it. */
  onClosed?(manager: EntityManager, payment: Payment): Promise<void>;
  /**
   * WeChat reports SUCCESS for a payment we had closed. True: the purpose can still take it
   * (onPaid runs). False (the default): the money is refunded in full automatically.
   */
  acceptsLatePayment?(manager: EntityManager, payment: Payment): Promise<boolean>;
  /**
   * An operator refunds part of this payment directly (admin panel): take back what the money
   * bought, inside the refund's reservation transaction, or throw to refuse. Purposes without it
   * can only be refunded through their own flow (e.g. an order's after-sale).
   */
  prepareRefund?(manager: EntityManager, payment: Payment, amountFen: number, outRefundNo: string): Promise<void>;
  onRefundSucceeded?(manager: EntityManager, payment: Payment, refund: Refund): Promise<void>;
  onRefundFailed?(manager: EntityManager, payment: Payment, refund: Refund): Promise<void>;
}

/** Domains register their handler at module init; payments looks it up by purpose. */
@Injectable()
export class PaymentPurposeRegistry {
  private readonly handlers = new Map<PaymentPurpose, PaymentPurposeHandler>();

  register(handler: PaymentPurposeHandler): void {
    if (this.handlers.has(handler.purpose)) throw new Error(`payment purpose ${handler.purpose} registered twice`);
    this.handlers.set(handler.purpose, handler);
  }

  get(purpose: PaymentPurpose): PaymentPurposeHandler {
    const handler = this.handlers.get(purpose);
    if (!handler) throw new Error(`no handler registered for payment purpose ${purpose}`);
    return handler;
  }
}
