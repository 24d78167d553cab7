import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomInt } from 'node:crypto';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { ErrorCode, type PaymentPurpose, type WechatPayParams } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/db-errors';
import { PaymentPurposeRegistry } from './payment-purpose';
import { Payment } from './payment.entity';
import { PaymentNotifyLog, type NotifyOutcome } from './payment-notify-log.entity';
import { Refund } from './refund.entity';
import { WechatPayClient, type WechatTransaction } from './wechatpay/wechatpay.client';

/** A payment report from WeChat (notify or query) that does not match our records. */
export class PaymentMismatch extends Error {}

export type ApplyOutcome = 'applied' | 'duplicate' | 'accepted_late' | 'refunded_late';

/** 25 chars: P + yyMMddHHmmss (Beijing) + 12 random digits. Unique by index; collisions retried. */
export function newOutTradeNo(prefix = 'P', now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(2, 14);
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Inserts the payment row; callable inside the purpose's own transaction. */
  async create(
    manager: EntityManager,
    input: { purpose: PaymentPurpose; purposeId: string; memberId: number; openid: string; amountFen: number; description: string },
  ): Promise<Payment> {
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

    const applied = await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(Payment).update(
        { id: payment!.id, status: 'created' },
        { status: 'paid', transactionId: transaction.transaction_id!, paidAt, leaseUntil: null },
      );
      if (!result.affected) return false;
      await handler.onPaid(manager, { ...payment!, status: 'paid', transactionId: transaction.transaction_id!, paidAt });
      return true;
    });
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
    const outcome = await this.dataSource.transaction(async (manager) => {
      const accepts = (await handler.acceptsLatePayment?.(manager, payment)) ?? false;
      const result = await manager.getRepository(Payment).update(
        { id: payment.id, status: 'closed' },
        { status: 'paid', transactionId: transaction.transaction_id!, paidAt, lateRefund: !accepts },
      );
      if (!result.affected) return 'duplicate' as const;
      if (accepts) await handler.onPaid(manager, { ...payment, status: 'paid', transactionId: transaction.transaction_id!, paidAt });
      return accepts ? ('accepted_late' as const) : ('refunded_late' as const);
    });
    if (outcome === 'duplicate') return 'duplicate';
    if (outcome === 'refunded_late') {
      this.logger.warn({ msg: 'payment succeeded after close; refunding', outTradeNo: payment.outTradeNo });
      await this.refund({ paymentId: payment.id, outRefundNo: `${payment.outTradeNo}L`, amountFen: payment.amountFen, reason: '订单已关闭，款项原路退回' });
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
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(Payment).update(
        { id: payment.id, status: 'created' },
        { status: 'closed', closedAt: new Date(), leaseUntil: null },
      );
      if (!result.affected) return false;
      await handler.onClosed?.(manager, { ...payment, status: 'closed' });
      return true;
    });
  }

  /**
   * Requests a refund, idempotent by outRefundNo. The refundable balance is reserved by a
   * conditional UPDATE before WeChat is called, so concurrent partial refunds can never exceed
   * what was paid; a refund WeChat refuses gives its reservation back.
   */
  async refund(input: {
    paymentId: number;
    outRefundNo: string;
    amountFen: number;
    reason: string;
    /** Runs in the reservation transaction (e.g. debit the wallet a recharge credited); throwing aborts the refund. */
    prepare?: (manager: EntityManager, payment: Payment) => Promise<void>;
  }): Promise<Refund> {
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '退款金额必须为正整数（分）');
    }
    const existing = await this.findRefund(input.outRefundNo);
    if (existing) return this.sameRefundOrConflict(existing, input);

    let refund: Refund;
    try {
      refund = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.getRepository(Refund).save(
          manager.getRepository(Refund).create({
            paymentId: input.paymentId,
            outRefundNo: input.outRefundNo,
            amountFen: input.amountFen,
            reason: input.reason.slice(0, 80),
            status: 'processing',
          }),
        );
        const reserved = await manager
          .createQueryBuilder()
          .update(Payment)
          .set({ refundedFen: () => 'refunded_fen + :amount' })
          .where('id = :id AND status = :paid AND refunded_fen + :amount <= amount_fen', { id: input.paymentId, paid: 'paid', amount: input.amountFen })
          .execute();
        if (!reserved.affected) {
          const payment = await manager.getRepository(Payment).findOneBy({ id: input.paymentId });
          if (!payment) throw AppError.notFound('支付单');
          if (payment.status !== 'paid') throw new AppError(ErrorCode.PAYMENT_STATE_CONFLICT, '该支付单未支付，不能退款');
          throw new AppError(ErrorCode.REFUND_EXCEEDS_PAID, undefined, { refundableFen: payment.amountFen - payment.refundedFen });
        }
        if (input.prepare) await input.prepare(manager, await manager.getRepository(Payment).findOneByOrFail({ id: input.paymentId }));
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return this.sameRefundOrConflict((await this.findRefund(input.outRefundNo))!, input);
      throw error;
    }
    await this.submitRefund(refund);
    return (await this.findRefund(refund.outRefundNo))!;
  }

  private sameRefundOrConflict(existing: Refund, input: { paymentId: number; amountFen: number }): Refund {
    if (existing.paymentId !== input.paymentId || existing.amountFen !== input.amountFen) {
      throw new AppError(ErrorCode.CONFLICT, '退款单号已用于另一笔退款');
    }
    return existing;
  }

  findRefund(outRefundNo: string): Promise<Refund | null> {
    return this.dataSource.getRepository(Refund).findOneBy({ outRefundNo });
  }

  /** Sends (or re-sends, same out_refund_no) a processing refund to WeChat. Transient failures stay processing for the job. */
  async submitRefund(refund: Refund): Promise<void> {
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
    let result;
    try {
      result = await this.wechatPay.refund({
        outTradeNo: payment.outTradeNo,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.amountFen,
        totalFen: payment.amountFen,
        reason: refund.reason,
      });
    } catch (error) {
      this.logger.warn({ msg: 'refund submit failed; will retry', outRefundNo: refund.outRefundNo, error: (error as Error).message });
      return;
    }
    if (result.ok) {
      await this.dataSource.getRepository(Refund).update({ id: refund.id }, { wechatRefundId: result.refund.refund_id });
      if (result.refund.status === 'SUCCESS') await this.settleRefund(refund.outRefundNo, 'success', result.refund.refund_id);
      return;
    }
    if (result.definitive) await this.settleRefund(refund.outRefundNo, 'failed', null, `${result.code} ${result.message}`.trim());
  }

  /** processing → success | failed exactly once; a failed refund returns its reservation. */
  async settleRefund(outRefundNo: string, to: 'success' | 'failed', wechatRefundId: string | null, failureReason?: string, successTime?: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const refund = await manager.getRepository(Refund).findOneBy({ outRefundNo });
      if (!refund) throw new PaymentMismatch('unknown out_refund_no');
      const changes: Partial<Refund> =
        to === 'success'
          ? { status: 'success', succeededAt: successTime ?? new Date(), ...(wechatRefundId ? { wechatRefundId } : {}) }
          : { status: 'failed', failureReason: (failureReason ?? 'refund failed').slice(0, 255) };
      const result = await manager.getRepository(Refund).update({ id: refund.id, status: 'processing' }, changes);
      if (!result.affected) return false;
      const payment = await manager.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
      if (to === 'failed') {
        await manager
          .createQueryBuilder()
          .update(Payment)
          .set({ refundedFen: () => 'refunded_fen - :amount' })
          .where('id = :id', { id: payment.id, amount: refund.amountFen })
          .execute();
      }
      if (!payment.lateRefund) {
        const handler = this.purposes.get(payment.purpose);
        const settled = { ...refund, ...changes } as Refund;
        if (to === 'success') await handler.onRefundSucceeded?.(manager, payment, settled);
        else await handler.onRefundFailed?.(manager, payment, settled);
      }
      return true;
    });
  }

  /** Operator refund from the admin panel, through the purpose's prepareRefund. */
  async refundByOperator(payment: Payment, amountFen: number, reason: string, requestId: string): Promise<Refund> {
    const handler = this.purposes.get(payment.purpose);
    if (!handler.prepareRefund) {
      throw new AppError(ErrorCode.PAYMENT_STATE_CONFLICT, '该类支付需通过对应业务（如订单售后）退款');
    }
    const outRefundNo = `A${createHash('sha256').update(`${payment.outTradeNo}:${requestId}`).digest('hex').slice(0, 31)}`;
    return this.refund({
      paymentId: payment.id,
      outRefundNo,
      amountFen,
      reason,
      prepare: (manager, locked) => handler.prepareRefund!(manager, locked, amountFen, outRefundNo),
    });
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

  refundsOf(paymentId: number): Promise<Refund[]> {
    return this.dataSource.getRepository(Refund).find({ where: { paymentId }, order: { id: 'ASC' } });
  }

  async recordNotify(eventType: string, outTradeNo: string | null, outcome: NotifyOutcome, reason = '', notifyId: string | null = null): Promise<void> {
    try {
      await this.dataSource.getRepository(PaymentNotifyLog).insert({ eventType: eventType.slice(0, 32), outTradeNo, outcome, reason: reason.slice(0, 255), notifyId });
    } catch (error) {
      this.logger.error({ msg: 'could not record notify', error: (error as Error).message });
    }
  }

  /** Rows reconciliation should look at: unpaid and old enough that a notify may have been lost. */
  pendingForReconciliation(olderThan: Date, limit: number): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).find({
      where: { status: 'created', createdAt: LessThan(olderThan) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  closedToVerify(closedBefore: Date, limit: number): Promise<Payment[]> {
    return this.dataSource.getRepository(Payment).find({
      where: { status: 'closed', closeVerified: false, closedAt: LessThan(closedBefore) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  processingRefunds(createdBefore: Date, limit: number): Promise<Refund[]> {
    return this.dataSource.getRepository(Refund).find({
      where: { status: In(['processing']), createdAt: LessThan(createdBefore) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Claims a payment for one reconciliation run (conditional UPDATE on the lease). */
  async claim(paymentId: number, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Payment)
      .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
      .where('id = :id AND (lease_until IS NULL OR lease_until < :now)', { id: paymentId, now })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async markCloseVerified(paymentId: number): Promise<void> {
    await this.dataSource.getRepository(Payment).update({ id: paymentId, status: 'closed' }, { closeVerified: true });
  }
}
