import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, REFUND_STATES, type RefundStatus } from '@mall/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { isUniqueViolation } from '../database/db-errors';
import { PaymentPurposeRegistry } from './payment-purpose';
import { Payment } from './payment.entity';
import { PaymentMismatch } from './payment-mismatch';
import { Refund } from './refund.entity';
import { WechatPayClient } from './wechatpay/wechatpay.client';
import { retryOnDeadlock } from '../database/transactions';

/** The decrypted resource of a REFUND.* notify. */
export interface WechatRefundNotice {
  mchid?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  refund_id?: string;
  refund_status?: string;
  success_time?: string;
  amount?: { refund?: number; total?: number };
}

/**
 * Refunds of paid payments: reserve the refundable amount, ask WeChat, settle exactly once from the
 * answer, a notify or reconciliation. A purpose hears about its refunds through its handler.
 */
@Injectable()
export class RefundService {
  private readonly logger = new Logger('Refunds');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wechatPay: WechatPayClient,
    private readonly purposes: PaymentPurposeRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

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
      refund = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (manager) => {
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
        }),
      );
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
  async settleRefund(
    outRefundNo: string,
    to: 'success' | 'failed',
    wechatRefundId: string | null,
    failureReason?: string,
    successTime?: Date,
  ): Promise<boolean> {
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const refund = await manager.getRepository(Refund).findOneBy({ outRefundNo });
        if (!refund) throw new PaymentMismatch('unknown out_refund_no');
        const changes: Partial<Refund> =
          to === 'success'
            ? { succeededAt: successTime ?? new Date(), ...(wechatRefundId ? { wechatRefundId } : {}) }
            : { failureReason: (failureReason ?? 'refund failed').slice(0, 255) };
        const moved = await transitionOne(manager, Refund, REFUND_STATES, { where: { id: refund.id }, from: 'processing', to, set: changes });
        if (!moved) return false;
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
          const settled = { ...refund, ...changes, status: to } as Refund;
          if (to === 'success') await handler.onRefundSucceeded?.(manager, payment, settled);
          else await handler.onRefundFailed?.(manager, payment, settled);
        }
        return true;
      }),
    );
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

  /**
   * A verified REFUND.* notify: it must name a refund of ours, of that payment and amount; then the
   * refund settles (SUCCESS → success; ABNORMAL or CLOSED → failed, which gives the reservation back)
   * exactly once. False for a replay.
   */
  async applyNotice(notice: WechatRefundNotice): Promise<boolean> {
    if (notice.mchid !== this.config.wechatPay.mchId) throw new PaymentMismatch('mchid mismatch');
    if (!notice.out_refund_no) throw new PaymentMismatch('missing out_refund_no');
    const refund = await this.findRefund(notice.out_refund_no);
    if (!refund) throw new PaymentMismatch('unknown out_refund_no');
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
    if (notice.out_trade_no !== payment.outTradeNo) throw new PaymentMismatch('out_trade_no mismatch');
    if (notice.amount?.refund !== refund.amountFen) throw new PaymentMismatch('refund amount mismatch');
    const to = notice.refund_status === 'SUCCESS' ? 'success' : notice.refund_status === 'ABNORMAL' || notice.refund_status === 'CLOSED' ? 'failed' : null;
    if (!to) throw new PaymentMismatch(`unsupported refund_status ${notice.refund_status}`);
    return this.settleRefund(
      refund.outRefundNo,
      to,
      notice.refund_id ?? null,
      to === 'failed' ? `退款${notice.refund_status === 'CLOSED' ? '关闭' : '异常'}（${notice.refund_status}）` : undefined,
      notice.success_time ? new Date(notice.success_time) : undefined,
    );
  }

  /** Refunds for ops, newest first; `failed` ones need a person (the money went back to the refundable amount). */
  async list(filter: { status?: RefundStatus; page: number; pageSize: number }): Promise<{ items: { refund: Refund; payment: Payment }[]; total: number }> {
    const [refunds, total] = await this.dataSource.getRepository(Refund).findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { id: 'DESC' },
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
    });
    const payments = refunds.length ? await this.dataSource.getRepository(Payment).findBy({ id: In(refunds.map((r) => r.paymentId)) }) : [];
    return { total, items: refunds.map((refund) => ({ refund, payment: payments.find((p) => p.id === refund.paymentId)! })) };
  }

  refundsOf(paymentId: number): Promise<Refund[]> {
    return this.dataSource.getRepository(Refund).find({ where: { paymentId }, order: { id: 'ASC' } });
  }
}
