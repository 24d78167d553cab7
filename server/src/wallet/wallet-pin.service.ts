import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { Wallet } from './wallet.entity';

export const PIN_MAX_ATTEMPTS = 5;
export const PIN_LOCK_MINUTES = 30;

/**
 * Optional 6-digit payment PIN for balance payments above a threshold: stored as a bcrypt hash,
 * locked for 30 minutes after 5 wrong attempts (counted by conditional UPDATE, so parallel guesses
 * cannot slip past the limit), reset by proving the bound phone through WeChat's phone code.
 */
@Injectable()
export class WalletPinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberService,
    private readonly wechat: WechatApiClient,
  ) {}

  async set(memberId: number, input: { pin: string; oldPin?: string; phoneCode?: string }): Promise<void> {
    const wallet = await this.wallet(memberId);
    if (wallet.pinHash) {
      if (input.phoneCode) await this.assertPhone(memberId, input.phoneCode);
      else if (input.oldPin) await this.verify(memberId, input.oldPin);
      else throw new AppError(ErrorCode.WALLET_PIN_REQUIRED, '修改支付密码需要原密码或手机验证');
    }
    const pinHash = await bcrypt.hash(input.pin, 10);
    await this.dataSource.getRepository(Wallet).update({ memberId }, { pinHash, pinFailedCount: 0, pinLockedUntil: null });
  }

  /**
   * Throws WALLET_PIN_INVALID (with attempts left) or WALLET_PIN_LOCKED. An attempt is reserved by a
   * conditional UPDATE before the PIN is compared, so however many guesses arrive at once, at most
   * PIN_MAX_ATTEMPTS are ever compared before the lock.
   */
  async verify(memberId: number, pin: string, now = new Date()): Promise<void> {
    const repo = this.dataSource.getRepository(Wallet);
    const wallet = await this.wallet(memberId);
    if (!wallet.pinHash) throw new AppError(ErrorCode.WALLET_PIN_REQUIRED, '尚未设置支付密码');
    const reserved = await repo
      .createQueryBuilder()
      .update(Wallet)
      .set({ pinFailedCount: () => 'pin_failed_count + 1' })
      .where('member_id = :memberId AND pin_failed_count < :max AND (pin_locked_until IS NULL OR pin_locked_until <= :now)', {
        memberId,
        max: PIN_MAX_ATTEMPTS,
        now,
      })
      .execute();
    if (!reserved.affected) {
      const current = await repo.findOneByOrFail({ memberId });
      throw new AppError(ErrorCode.WALLET_PIN_LOCKED, undefined, current.pinLockedUntil ? { lockedUntil: current.pinLockedUntil.toISOString() } : undefined);
    }
    if (await bcrypt.compare(pin, wallet.pinHash)) {
      await repo.createQueryBuilder().update(Wallet).set({ pinFailedCount: 0 }).where('member_id = :memberId', { memberId }).execute();
      return;
    }
    const locked = await repo
      .createQueryBuilder()
      .update(Wallet)
      .set({ pinLockedUntil: new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000), pinFailedCount: 0 })
      .where('member_id = :memberId AND pin_failed_count >= :max', { memberId, max: PIN_MAX_ATTEMPTS })
      .execute();
    if (locked.affected) throw new AppError(ErrorCode.WALLET_PIN_LOCKED, `支付密码错误次数过多，请 ${PIN_LOCK_MINUTES} 分钟后再试或通过手机验证重置`);
    const after = await repo.findOneByOrFail({ memberId });
    const remaining = Math.max(0, PIN_MAX_ATTEMPTS - after.pinFailedCount);
    throw new AppError(ErrorCode.WALLET_PIN_INVALID, `支付密码错误，还可尝试 ${remaining} 次`, { remainingAttempts: remaining });
  }

  /** For balance payments: a PIN is needed when the member set one and the amount reaches the threshold. */
  async assertForSpend(memberId: number, amountFen: number, thresholdFen: number, pin?: string, read?: Wallet | null): Promise<void> {
    // The checkout passes the wallet row its pricing has just read; verify() re-reads it before comparing.
    const wallet = read ?? (await this.wallet(memberId));
    if (!wallet.pinHash || amountFen < thresholdFen) return;
    if (!pin) throw new AppError(ErrorCode.WALLET_PIN_REQUIRED);
    await this.verify(memberId, pin);
  }

  private async assertPhone(memberId: number, phoneCode: string): Promise<void> {
    const member = await this.members.getById(memberId);
    const phone = await this.wechat.getPhoneNumber(phoneCode);
    if (!member.phone || member.phone !== phone.purePhoneNumber) throw new AppError(ErrorCode.FORBIDDEN, '手机号与绑定手机号不一致');
  }

  private async wallet(memberId: number): Promise<Wallet> {
    // Almost every member has the row already: read first, create only when missing.
    const found = await this.dataSource.getRepository(Wallet).findOneBy({ memberId });
    if (found) return found;
    await insertIgnore(this.dataSource.manager, Wallet, { memberId, principalFen: 0, bonusFen: 0 });
    return this.dataSource.getRepository(Wallet).findOneByOrFail({ memberId });
  }
}
