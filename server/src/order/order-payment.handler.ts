import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Payment } from '../payment/payment.entity';
import { PaymentPurposeRegistry, type PaymentPurposeHandler } from '../payment/payment-purpose';
import type { Refund } from '../payment/refund.entity';
import { AfterSaleService } from './after-sale.service';
import { OrderCheckoutService } from './order-checkout.service';

/** The 'order' payment purpose: payment outcomes drive checkout, refund outcomes drive after-sales. */
@Injectable()
export class OrderPaymentHandler implements PaymentPurposeHandler, OnModuleInit {
  readonly purpose = 'order' as const;

  constructor(
    private readonly registry: PaymentPurposeRegistry,
    private readonly checkout: OrderCheckoutService,
    private readonly afterSales: AfterSaleService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async onPaid(manager: EntityManager, payment: Payment): Promise<void> {
    await this.checkout.markPaid(manager, Number(payment.purposeId), payment.paidAt ?? new Date());
  }

  async onClosed(manager: EntityManager, payment: Payment): Promise<void> {
    await this.checkout.cancelUnpaid(manager, Number(payment.purposeId), '超时未支付，已自动取消');
  }

  /** An order released its holds when it was cancelled; money that arrives later is refunded. */
  async acceptsLatePayment(): Promise<boolean> {
    return false;
  }

  onRefundSucceeded(manager: EntityManager, payment: Payment, refund: Refund): Promise<void> {
    return this.afterSales.onRefundSucceeded(manager, payment, refund);
  }

  onRefundFailed(manager: EntityManager, payment: Payment, refund: Refund): Promise<void> {
    return this.afterSales.onRefundFailed(manager, payment, refund);
  }
}
