import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bonusForfeit, ErrorCode, planWithdrawalRefunds, WITHDRAWAL_STATES, yuanLabel } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { Payment } from '../payment/payment.entity';
import { RefundService } from '../payment/refund.service';
import { transitionOne } from '../common/state/transition';
import { Recharge } from './recharge.entity';
import { WalletLedgerService } from './wallet-ledger.service';
import { Withdrawal } from './withdrawal.entity';
import { retryOnDeadlock } from '../database/transactions';

export interface PlannedRefund {
  paymentId: number;
  outRefundNo: string;
  amountFen: number;
}

/**
 * Withdrawing stored value: only the remaining principal leaves, back through the original
 * recharge payments oldest first (partial refunds where needed); the bonus is forfeited in the
 * same proportion. The wallet is debited in the approval transaction; each refund carries its own
 * out_refund_no, and a refund WeChat refuses puts its principal back (RechargeService.onRefundFailed).
 */
@Injectable()
export class WithdrawalService {
  private readonly logger = new Logger('Withdrawals');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: WalletLedgerService,
    private readonly refunds: RefundService,
  ) {}

  /** One pending request per member: the wallet row is locked, so the check and the insert are one step. */
  async request(memberId: number, reason: string): Promise<Withdrawal> {
    await this.ledger.ensureAccount(memberId);
    return retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const wallet = await this.ledger.lock(manager, memberId);
        const repo = manager.getRepository(Withdrawal);
        if (await repo.existsBy({ memberId, status: 'pending' })) throw new AppError(ErrorCode.CONFLICT, '已有一笔提现申请在审核中');
        if (wallet.principalFen <= 0) throw new AppError(ErrorCode.WALLET_INSUFFICIENT_BALANCE, '没有可提现的本金');
        return repo.save(repo.create({ memberId, reason: reason.slice(0, 120), status: 'pending' }));
      }),
    );
  }

  list(status?: Withdrawal['status']): Promise<Withdrawal[]> {
    return this.dataSource.getRepository(Withdrawal).find({ where: status ? { status } : {}, order: { id: 'DESC' }, take: 200 });
  }

  forMember(memberId: number): Promise<Withdrawal[]> {
    return this.dataSource.getRepository(Withdrawal).find({ where: { memberId }, order: { id: 'DESC' }, take: 20 });
  }

  async reject(id: number, reviewerId: number, note: string): Promise<Withdrawal> {
    const moved = await transitionOne(this.dataSource.manager, Withdrawal, WITHDRAWAL_STATES, {
      where: { id },
      from: 'pending',
      to: 'rejected',
      set: { reviewedBy: reviewerId, reviewNote: note.slice(0, 120), reviewedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.CONFLICT, '该提现申请已处理');
    return this.dataSource.getRepository(Withdrawal).findOneByOrFail({ id });
  }

  async approve(id: number, reviewerId: number, note: string): Promise<Withdrawal> {
    const planned = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (manager) => {
        const withdrawal = await manager.getRepository(Withdrawal).findOneBy({ id });
        if (!withdrawal) throw AppError.notFound('提现申请');
        const moved = await transitionOne(manager, Withdrawal, WITHDRAWAL_STATES, {
          where: { id },
          from: 'pending',
          to: 'approved',
          set: { reviewedBy: reviewerId, reviewNote: note.slice(0, 120), reviewedAt: new Date() },
        });
        if (!moved) throw new AppError(ErrorCode.CONFLICT, '该提现申请已处理');

        const wallet = await this.ledger.lock(manager, withdrawal.memberId);
        const principal = wallet.principalFen;
        if (principal <= 0) throw new AppError(ErrorCode.WALLET_INSUFFICIENT_BALANCE, '没有可提现的本金');
        const recharges = await manager
          .getRepository(Recharge)
          .createQueryBuilder('r')
          .innerJoin(Payment, 'p', 'p.id = r.paymentId')
          .select(['r.paymentId AS paymentId', 'p.amount_fen AS paidFen', 'p.refunded_fen AS refundedFen'])
          .where('r.memberId = :memberId AND r.status = :paid AND p.status = :paid', { memberId: withdrawal.memberId, paid: 'paid' })
          .orderBy('r.paidAt', 'ASC')
          .addOrderBy('r.id', 'ASC')
          .getRawMany<{ paymentId: number; paidFen: number; refundedFen: number }>();
        const plan = planWithdrawalRefunds(
          principal,
          recharges.map((r) => ({ paymentId: Number(r.paymentId), paidFen: Number(r.paidFen), refundedFen: Number(r.refundedFen) })),
        );
        if (!plan) throw new AppError(ErrorCode.CONFLICT, '原充值支付可退金额不足，请人工处理');
        const forfeit = bonusForfeit({ principalFen: wallet.principalFen, bonusFen: wallet.bonusFen }, principal);
        const refunds: PlannedRefund[] = plan.map((p) => ({ ...p, outRefundNo: `W${id}P${p.paymentId}` }));
        for (const refund of refunds) {
          await this.ledger.move(manager, {
            memberId: withdrawal.memberId,
            deltaPrincipalFen: -refund.amountFen,
            deltaBonusFen: 0,
            kind: 'withdraw',
            refType: 'refund',
            refId: refund.outRefundNo,
            idempotencyKey: `refund:${refund.outRefundNo}`,
            note: `提现 ${yuanLabel(refund.amountFen)} 原路退回`,
          });
        }
        if (forfeit > 0) {
          await this.ledger.move(manager, {
            memberId: withdrawal.memberId,
            deltaPrincipalFen: 0,
            deltaBonusFen: -forfeit,
            kind: 'bonus_forfeit',
            refType: 'withdrawal',
            refId: String(id),
            idempotencyKey: `withdrawal-forfeit:${id}`,
            note: '提现后赠送金失效',
          });
        }
        await manager.getRepository(Withdrawal).update({ id }, { principalFen: principal, bonusForfeitFen: forfeit, refundPlan: JSON.stringify(refunds) });
        return refunds;
      }),
    );
    for (const refund of planned) await this.submit(refund);
    return this.dataSource.getRepository(Withdrawal).findOneByOrFail({ id });
  }

  private async submit(refund: PlannedRefund): Promise<void> {
    try {
      await this.refunds.refund({ paymentId: refund.paymentId, outRefundNo: refund.outRefundNo, amountFen: refund.amountFen, reason: '储值余额提现' });
    } catch (error) {
      // The wallet was debited in the approval transaction; the refund row may not exist yet.
      this.logger.error({ msg: 'withdrawal refund could not be requested', outRefundNo: refund.outRefundNo, error: (error as Error).message });
      throw error;
    }
  }
}
