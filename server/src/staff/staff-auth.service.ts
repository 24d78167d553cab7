import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { ErrorCode, STORE_ROLES, type StaffSession } from '@mall/shared';
import { Account } from '../account/account.entity';
import { AccountService, toAccountProfile } from '../account/account.service';
import { SessionService } from '../auth/session.service';
import type { ClientInfo } from '../common/auth/auth.decorators';
import { AppError } from '../common/errors/app-error';
import { StaffInvite } from './staff-invite.entity';
import { StoreService } from '../store/store.service';
import { WechatApiClient } from '../wechat/wechat-api.client';

export const INVITE_TTL_DAYS = 7;
/** No 0/O/1/I: codes are read out and typed by hand. */
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Staff mode sign-in: an admin issues a one-time invitation code for a store account; the staff
 * member enters it once in the mini-program, which links their WeChat openid to the account; from
 * then on wx.login alone signs them in.
 */
@Injectable()
export class StaffAuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly stores: StoreService,
    private readonly sessions: SessionService,
    private readonly wechat: WechatApiClient,
  ) {}

  async createInvite(accountId: number, now = new Date()): Promise<{ code: string; expiresAt: string; accountId: number }> {
    const account = await this.accounts.findStoreStaff(accountId);
    if (!account) throw new AppError(ErrorCode.VALIDATION_FAILED, '只能为在职的门店员工生成邀请码');
    const code = Array.from({ length: 8 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
    await this.dataSource.getRepository(StaffInvite).insert({ code, accountId, expiresAt, usedAt: null });
    return { code, expiresAt: expiresAt.toISOString(), accountId };
  }

  /** Uses the invitation (once: a conditional update) and links this WeChat user to the account. */
  async link(inviteCode: string, wxCode: string, client: ClientInfo, now = new Date()): Promise<StaffSession> {
    const session = await this.wechat.code2Session(wxCode);
    const invite = await this.dataSource.getRepository(StaffInvite).findOneBy({ code: inviteCode });
    if (!invite) throw new AppError(ErrorCode.STAFF_INVITE_INVALID);
    const used = await this.dataSource.getRepository(StaffInvite).update({ code: inviteCode, usedAt: IsNull(), expiresAt: MoreThan(now) }, { usedAt: now });
    if (!used.affected) throw new AppError(ErrorCode.STAFF_INVITE_INVALID);
    const account = await this.accounts.findStoreStaff(invite.accountId);
    if (!account) throw new AppError(ErrorCode.STAFF_INVITE_INVALID, '该员工账号已停用');
    const other = await this.accounts.findByOpenid(session.openid);
    if (other && other.id !== account.id) throw new AppError(ErrorCode.CONFLICT, '该微信已绑定其他员工账号，请先联系管理员解绑');
    await this.accounts.linkOpenid(account.id, session.openid);
    return this.sessionFor(account, client);
  }

  async login(wxCode: string, client: ClientInfo): Promise<StaffSession> {
    const session = await this.wechat.code2Session(wxCode);
    const account = await this.accounts.findByOpenid(session.openid);
    if (!account || !account.active || !STORE_ROLES.includes(account.role)) throw new AppError(ErrorCode.STAFF_NOT_LINKED);
    await this.accounts.touchLogin(account.id);
    return this.sessionFor(account, client);
  }

  /** Staff sessions are account sessions: stored, rotated on refresh, listed and revocable like the admin panel's. */
  private async sessionFor(account: Account, client: ClientInfo): Promise<StaffSession> {
    const store = await this.stores.getById(account.storeId!);
    const pair = await this.sessions.start({ kind: 'account', id: account.id, role: account.role, storeId: account.storeId }, client);
    return { ...pair, account: toAccountProfile(account), store: { id: store.id, name: store.name, address: store.address } };
  }
}
