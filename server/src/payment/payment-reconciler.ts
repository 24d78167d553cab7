import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { Payment } from './payment.entity';
import { PaymentService } from './payment.service';
import { Refund } from './refund.entity';
import { RefundService } from './refund.service';
import { WechatPayClient } from './wechatpay/wechatpay.client';

export interface ReconcileReport {
  applied: number;
  closed: number;
  lateDetected: number;
  refundsSettled: number;
  refundsResubmitted: number;
  skipped: number;
}

const NOTIFY_GRACE_MS = 60_000;
const CLOSE_VERIFY_DELAY_MS = 60_000;
const LEASE_MS = 60_000;
const BATCH = 100;

/**
 * Notifies can be lost; this asks WeChat. Unpaid payments older than a minute are queried and
 * applied exactly as a notify would be; expired ones are closed at WeChat then locally; closed
 * ones are checked once more for a payment that slipped in during the close; processing refunds
 * are re-submitted or settled. Each payment is claimed with a lease so concurrent runs (two
 * instances, or a run overlapping the next) do not work on the same row; the conditional state
 * updates make any overlap harmless anyway.
 */
@Injectable()
export class PaymentReconciler {
  private readonly logger = new Logger('PaymentReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly wechatPay: WechatPayClient,
  ) {}

  async runOnce(now = new Date()): Promise<ReconcileReport> {
    const report: ReconcileReport = { applied: 0, closed: 0, lateDetected: 0, refundsSettled: 0, refundsResubmitted: 0, skipped: 0 };
    await this.reconcileUnpaid(now, report);
    await this.verifyClosed(now, report);
    await this.reconcileRefunds(now, report);
    if (Object.values(report).some((n) => n > 0)) this.logger.log({ msg: 'reconciliation run', ...report });
    return report;
  }

  private async reconcileUnpaid(now: Date, report: ReconcileReport): Promise<void> {
    const pending = await this.pendingForReconciliation(new Date(now.getTime() - NOTIFY_GRACE_MS), BATCH);
    for (const payment of pending) {
      if (!(await this.claim(payment.id, now, LEASE_MS))) {
        report.skipped += 1;
        continue;
      }
      try {
        const transaction = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
        if (transaction?.trade_state === 'SUCCESS') {
          await this.payments.applyTransaction(transaction);
          report.applied += 1;
          continue;
        }
        if (payment.expiresAt > now && transaction?.trade_state !== 'CLOSED') continue;
        const closeResult = transaction?.trade_state === 'CLOSED' ? 'closed' : await this.wechatPay.close(payment.outTradeNo);
        if (closeResult === 'paid') {
          // Paid between our query and the close: query again and apply.
          const paid = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
          if (paid?.trade_state === 'SUCCESS') {
            await this.payments.applyTransaction(paid);
            report.applied += 1;
          }
          continue;
        }
        if (await this.payments.closeLocally(payment)) report.closed += 1;
      } catch (error) {
        this.logger.warn({ msg: 'reconcile payment failed', outTradeNo: payment.outTradeNo, error: (error as Error).message });
      }
    }
  }

  private async verifyClosed(now: Date, report: ReconcileReport): Promise<void> {
    const closed = await this.closedToVerify(new Date(now.getTime() - CLOSE_VERIFY_DELAY_MS), BATCH);
    for (const payment of closed) {
      if (!(await this.claim(payment.id, now, LEASE_MS))) continue;
      try {
        const transaction = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
        if (transaction?.trade_state === 'SUCCESS' || transaction?.trade_state === 'REFUND') {
          const outcome = await this.payments.applyTransaction(transaction);
          if (outcome !== 'duplicate') report.lateDetected += 1;
        } else {
          await this.markCloseVerified(payment.id);
        }
      } catch (error) {
        this.logger.warn({ msg: 'verify closed payment failed', outTradeNo: payment.outTradeNo, error: (error as Error).message });
      }
    }
  }

  private async reconcileRefunds(now: Date, report: ReconcileReport): Promise<void> {
    const refunds = await this.processingRefunds(new Date(now.getTime() - NOTIFY_GRACE_MS), BATCH);
    for (const refund of refunds) {
      try {
        if (!refund.wechatRefundId) {
          await this.refunds.submitRefund(refund);
          report.refundsResubmitted += 1;
          continue;
        }
        const result = await this.wechatPay.queryRefund(refund.outRefundNo);
        if (result?.status === 'SUCCESS') {
          if (await this.refunds.settleRefund(refund.outRefundNo, 'success', result.refund_id)) report.refundsSettled += 1;
        } else if (result?.status === 'CLOSED' || result?.status === 'ABNORMAL') {
          if (await this.refunds.settleRefund(refund.outRefundNo, 'failed', result.refund_id, `refund ${result.status}`)) report.refundsSettled += 1;
        }
      } catch (error) {
        this.logger.warn({ msg: 'reconcile refund failed', outRefundNo: refund.outRefundNo, error: (error as Error).message });
      }
    }
  }

  /** Unpaid and old enough that a notify may have been lost. */
  private pendingForReconciliation(olderThan: Date, limit: number): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).find({ where: { status: 'created', createdAt: LessThan(olderThan) }, order: { id: 'ASC' }, take: limit });
  }

  private closedToVerify(closedBefore: Date, limit: number): Promise<Payment[]> {
    return this.dataSource
      .getRepository(Payment)
      .find({ where: { status: 'closed', closeVerified: false, closedAt: LessThan(closedBefore) }, order: { id: 'ASC' }, take: limit });
  }

  private processingRefunds(createdBefore: Date, limit: number): Promise<Refund[]> {
    return this.dataSource
      .getRepository(Refund)
      .find({ where: { status: In(['processing']), createdAt: LessThan(createdBefore) }, order: { id: 'ASC' }, take: limit });
  }

  /** Claims a payment for one reconciliation run (conditional UPDATE on the lease). */
  private async claim(paymentId: number, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Payment)
      .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
      .where('id = :id AND (lease_until IS NULL OR lease_until < :now)', { id: paymentId, now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  private async markCloseVerified(paymentId: number): Promise<void> {
    await this.dataSource.getRepository(Payment).update({ id: paymentId, status: 'closed' }, { closeVerified: true });
  }
}
