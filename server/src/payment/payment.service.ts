import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { beijingCompact, ErrorCode, PAYMENT_STATES, type PaymentPurpose, type WechatPayParams } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/db-errors';
import { retryOnDeadlock } from '../database/transactions';
import { PaymentMismatch } from './payment-mismatch';
import { PaymentPurposeRegistry } from './payment-purpose';
import { Payment } from './payment.entity';
import { PaymentNotifyLog, type NotifyOutcome } from './payment-notify-log.entity';
import { RefundService } from './refund.service';
import { WechatPayClient, type WechatTransaction } from './wechatpay/wechatpay.client';

export interface NewPayment {
  purpose: PaymentPurpose;
  purposeId: string;
  memberId: number;
  openid: string;
  amountFen: number;
  description: string;
}

export { PaymentMismatch };

export type ApplyOutcome = 'applied' | 'duplicate' | 'accepted_late' | 'refunded_late';

/** 25 chars: P + yyMMddHHmmss (Beijing) + 12 random digits. Unique by index; collisions retried. */
export function newOutTradeNo(prefix = 'P', now = new Date()): string {
  const beijing = beijingCompact(now);
  let random = '';
  for (let i = 0; i < 12; i++) random += randomInt(10);
  return `${prefix}${beijing}${random}`;
}

@Injectable()
export class PaymentService {
  private readonly logger = new Logger('Payments');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wechatPay: WechatPayClient,
    private readonly purposes: PaymentPurposeRegistry,
    private readonly refunds: RefundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * How every purpose starts a purchase: `work` runs in one transaction, creates the purpose's rows
   * and, when cash is due, opens one payment with `open`; after commit WeChat is asked for the
   * prepay (a failure there leaves an unpaid payment the member can retry and reconciliation closes).
   */
  async startPurchase<T>(
    work: (manager: EntityManager, open: (input: NewPayment) => Promise<Payment>) => Promise<T>,
    options: { retryDeadlocks?: boolean } = {},
  ): Promise<{ result: T; payment: Payment | null; payParams: WechatPayParams | null }> {
    const attempt = async () => {
      let payment: Payment | null = null;
      const result = await this.dataSource.transaction((manager) =>
        work(manager, async (input) => {
          if (payment) throw new Error('a purchase opens at most one payment');
          payment = await this.create(manager, input);
          return payment;
        }),
      );
      return { result, payment: payment as Payment | null };
    };
    const { result, payment } = options.retryDeadlocks ? await retryOnDeadlock(attempt) : await attempt();
    return { result, payment, payParams: payment ? await this.prepay(payment) : null };
  }

  /** Inserts the payment row; callable inside the purpose's own transaction. */
  async create(manager: EntityManager, input: NewPayment): Promise<Payment> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new Error('payment amount must be a positive integer of fen');
    const repo = manager.getRepository(Payment);
    for (let attempt = 0; ; attempt++) {
      try {
        return await repo.save(
          repo.create({
            outTradeNo: newOutTradeNo(),
            purpose: input.purpose,
            purposeId: input.purposeId,
            memberId: input.memberId,
            payerOpenid: input.openid,
            amountFen: input.amountFen,
            description: input.description.slice(0, 127),
            status: 'created',
            expiresAt: new Date(Date.now() + this.config.wechatPay.paymentTtlSeconds * 1000),
          }),
        );
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  /** Asks WeChat for a prepay id (once per payment) and returns signed wx.requestPayment parameters. */
  async prepay(payment: Payment): Promise<WechatPayParams> {
    if (payment.status !== 'created') throw new AppError(ErrorCode.PAYMENT_STATE_CONFLICT, '该支付单已支付或已关闭');
    let prepayId = payment.prepayId;
    if (!prepayId) {
      prepayId = await this.wechatPay.jsapiPrepay({
        outTradeNo: payment.outTradeNo,
        description: payment.description,
        amountFen: payment.amountFen,
        openid: payment.payerOpenid,
        expiresAt: payment.expiresAt,
      });
      await this.dataSource.getRepository(Payment).update({ id: payment.id }, { prepayId });
      payment.prepayId = prepayId;
    }
    return this.wechatPay.payParams(prepayId);
  }

  async findByOutTradeNo(outTradeNo: string): Promise<Payment | null> {
    return this.dataSource.getRepository(Payment).findOneBy({ outTradeNo });
  }

  async getForMember(outTradeNo: string, memberId: number): Promise<Payment> {
    const payment = await this.findByOutTradeNo(outTradeNo);
    if (!payment || payment.memberId !== memberId) throw AppError.notFound('支付单');
    return payment;
  }

  /**
   * Applies a SUCCESS transaction (from a verified notify or a query) exactly once. The status
   * change and the purpose's effect commit together; a concurrent duplicate finds the row already
   * moved and does nothing.
   */
  async applyTransaction(transaction: WechatTransaction): Promise<ApplyOutcome> {
    const payment = await this.findByOutTradeNo(transaction.out_trade_no);
    this.assertMatches(payment, transaction);
    const paidAt = transaction.success_time ? new Date(transaction.success_time) : new Date();
    const handler = this.purposes.get(payment!.purpose);

    const applied = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const moved = await transitionOne(manager, Payment, PAYMENT_STATES, {
          where: { id: payment!.id },
          from: 'created',
          to: 'paid',
          set: { transactionId: transaction.transaction_id!, paidAt, leaseUntil: null },
        });
        if (!moved) return false;
        await handler.onPaid(manager, { ...payment!, status: 'paid', transactionId: transaction.transaction_id!, paidAt });
        return true;
      }),
    );
    if (applied) return 'applied';

    // Read again outside the failed transaction: its snapshot may predate the winner's commit.
    const fresh = (await this.findByOutTradeNo(transaction.out_trade_no))!;
    if (fresh.status === 'paid') {
      if (fresh.transactionId !== transaction.transaction_id) throw new PaymentMismatch('paid with a different transaction id');
      return 'duplicate';
    }
    if (fresh.status === 'closed') return this.applyLatePayment(fresh, transaction, paidAt);
    throw new PaymentMismatch(`unexpected status ${fresh.status}`);
  }

  /** WeChat took money for a payment we had closed: let the purpose take it, or refund it in full. */
  private async applyLatePayment(payment: Payment, transaction: WechatTransaction, paidAt: Date): Promise<ApplyOutcome> {
    const handler = this.purposes.get(payment.purpose);
    const outcome = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const accepts = (await handler.acceptsLatePayment?.(manager, payment)) ?? false;
        const moved = await transitionOne(manager, Payment, PAYMENT_STATES, {
          where: { id: payment.id },
          from: 'closed',
          to: 'paid',
          set: { transactionId: transaction.transaction_id!, paidAt, lateRefund: !accepts },
        });
        if (!moved) return 'duplicate' as const;
        if (accepts) await handler.onPaid(manager, { ...payment, status: 'paid', transactionId: transaction.transaction_id!, paidAt });
        return accepts ? ('accepted_late' as const) : ('refunded_late' as const);
      }),
    );
    if (outcome === 'duplicate') return 'duplicate';
    if (outcome === 'refunded_late') {
      this.logger.warn({ msg: 'payment succeeded after close; refunding', outTradeNo: payment.outTradeNo });
      await this.refunds.refund({
        paymentId: payment.id,
        outRefundNo: `${payment.outTradeNo}L`,
        amountFen: payment.amountFen,
        reason: '订单已关闭，款项原路退回',
      });
    }
    return outcome;
  }

  private assertMatches(payment: Payment | null, t: WechatTransaction): asserts payment is Payment {
    if (!payment) throw new PaymentMismatch('unknown out_trade_no');
    if (t.mchid !== this.config.wechatPay.mchId) throw new PaymentMismatch('mchid mismatch');
    if (t.appid !== this.config.wechat.appId) throw new PaymentMismatch('appid mismatch');
    if (t.trade_state !== 'SUCCESS' && t.trade_state !== 'REFUND') throw new PaymentMismatch(`trade_state ${t.trade_state} is not a success`);
    if (!t.transaction_id) throw new PaymentMismatch('missing transaction_id');
    if (t.amount?.total !== payment.amountFen) throw new PaymentMismatch('amount mismatch');
    if ((t.amount?.currency ?? 'CNY') !== 'CNY') throw new PaymentMismatch('currency mismatch');
    if (t.payer?.openid && t.payer.openid !== payment.payerOpenid) throw new PaymentMismatch('payer mismatch');
  }

  /**
   * Cancels an unpaid payment on the member's request: closes it at WeChat first; if WeChat says
   * it was paid meanwhile, the payment is applied instead of closed.
   */
  async cancel(payment: Payment): Promise<'closed' | 'paid'> {
    if (payment.status !== 'created') return payment.status === 'paid' ? 'paid' : 'closed';
    const result = await this.wechatPay.close(payment.outTradeNo);
    if (result === 'paid') {
      const transaction = await this.wechatPay.queryByOutTradeNo(payment.outTradeNo);
      if (transaction?.trade_state === 'SUCCESS') await this.applyTransaction(transaction);
      return 'paid';
    }
    await this.closeLocally(payment);
    return 'closed';
  }

  /** Marks an unpaid payment closed (after WeChat closed it) and lets the purpose release its holds. */
  async closeLocally(payment: Payment): Promise<boolean> {
    const handler = this.purposes.get(payment.purpose);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const moved = await transitionOne(manager, Payment, PAYMENT_STATES, {
          where: { id: payment.id },
          from: 'created',
          to: 'closed',
          set: { closedAt: new Date(), leaseUntil: null },
        });
        if (!moved) return false;
        await handler.onClosed?.(manager, { ...payment, status: 'closed' });
        return true;
      }),
    );
  }

  async list(filter: { page: number; pageSize: number; status?: string; purpose?: string; memberId?: number; from?: string; to?: string }) {
    const qb = this.dataSource.getRepository(Payment).createQueryBuilder('p');
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.purpose) qb.andWhere('p.purpose = :purpose', { purpose: filter.purpose });
    if (filter.memberId) qb.andWhere('p.memberId = :memberId', { memberId: filter.memberId });
    if (filter.from) qb.andWhere('p.createdAt >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('p.createdAt < :to', { to: new Date(filter.to) });
    const [items, total] = await qb
      .orderBy('p.id', 'DESC')
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  async recordNotify(eventType: string, outTradeNo: string | null, outcome: NotifyOutcome, reason = '', notifyId: string | null = null): Promise<void> {
    try {
      await this.dataSource
        .getRepository(PaymentNotifyLog)
        .insert({ eventType: eventType.slice(0, 32), outTradeNo, outcome, reason: reason.slice(0, 255), notifyId });
    } catch (error) {
      this.logger.error({ msg: 'could not record notify', error: (error as Error).message });
    }
  }
}
