import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as bcrypt from 'bcryptjs';
import { Repository } from 'typeorm';
import { AccountProfile, AccountRole, ErrorCode, STORE_ROLES } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { isUniqueViolation } from '../database/db-errors';
import { Account } from './account.entity';

const BCRYPT_ROUNDS = 10;
/** Compared against when the username does not exist, so timing does not reveal which usernames exist. */
const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', BCRYPT_ROUNDS);

export function toAccountProfile(account: Account): AccountProfile {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    storeId: account.storeId,
  };
}

@Injectable()
export class AccountService {
  private readonly logger = new Logger('Accounts');

  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  async update(id: number, changes: Partial<Pick<Account, 'displayName' | 'workPhone' | 'avatarUrl' | 'active'>>): Promise<Account> {
    await this.getById(id);
    if (Object.keys(changes).length > 0) await this.accounts.update({ id }, changes);
    return this.getById(id);
  }

  async create(input: {
    username: string;
    password: string;
    displayName: string;
    role: AccountRole;
    storeId?: number | null;
    workPhone?: string | null;
  }): Promise<Account> {
    const storeId = input.storeId ?? null;
    if (STORE_ROLES.includes(input.role) && storeId === null) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '门店员工必须属于一个门店', { fields: [{ field: 'storeId', errors: ['required for store roles'] }] });
    }
    if (!STORE_ROLES.includes(input.role) && storeId !== null) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, '总部角色不属于门店', { fields: [{ field: 'storeId', errors: ['must be empty for brand roles'] }] });
    }
    try {
      return await this.accounts.save(
        this.accounts.create({
          username: input.username,
          workPhone: input.workPhone ?? null,
          passwordHash: await bcrypt.hash(input.password, BCRYPT_ROUNDS),
          displayName: input.displayName,
          role: input.role,
          storeId,
          active: true,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(ErrorCode.CONFLICT, `用户名 ${input.username} 已存在`);
      throw error;
    }
  }

  async verifyPassword(username: string, password: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ username });
    const ok = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok || !account.active) throw new AppError(ErrorCode.AUTH_INVALID_CREDENTIALS);
    await this.accounts.update({ id: account.id }, { lastLoginAt: new Date() });
    return account;
  }

  async getActive(id: number): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account || !account.active) throw new AppError(ErrorCode.AUTH_TOKEN_INVALID, '账号已停用');
    return account;
  }

  async getById(id: number): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw AppError.notFound('账号');
    return account;
  }

  /** An active staff or store-manager account, or null. */
  async findStoreStaff(id: number): Promise<Account | null> {
    const account = await this.accounts.findOneBy({ id, active: true });
    return account && STORE_ROLES.includes(account.role) ? account : null;
  }

  staffOf(storeId: number): Promise<Account[]> {
    return this.accounts.find({ where: { storeId }, order: { id: 'ASC' } });
  }

  findByOpenid(openid: string): Promise<Account | null> {
    return this.accounts.findOneBy({ openid });
  }

  /** Links a WeChat openid to a store account; an openid already linked elsewhere is refused. */
  async linkOpenid(id: number, openid: string): Promise<void> {
    try {
      await this.accounts.update({ id }, { openid, lastLoginAt: new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(ErrorCode.CONFLICT, '该微信已绑定其他员工账号');
      throw error;
    }
  }

  async touchLogin(id: number): Promise<void> {
    await this.accounts.update({ id }, { lastLoginAt: new Date() });
  }

  list(): Promise<Account[]> {
    return this.accounts.find({ order: { id: 'ASC' } });
  }

  async countByStore(): Promise<Map<number, number>> {
    const rows: { storeId: number; count: string | number }[] = await this.accounts
      .createQueryBuilder('a')
      .select('a.storeId', 'storeId')
      .addSelect('COUNT(*)', 'count')
      .where('a.storeId IS NOT NULL')
      .groupBy('a.storeId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.storeId), Number(r.count)]));
  }

  /** The first admin, from ADMIN_BOOTSTRAP_PASSWORD or the CLI; does nothing once any admin exists. */
  async ensureBootstrapAdmin(password: string, username = 'admin'): Promise<boolean> {
    if (await this.accounts.existsBy({ role: 'admin' })) return false;
    try {
      await this.create({ username, password, displayName: '超级管理员', role: 'admin' });
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.CONFLICT) return false;
      throw error;
    }
    this.logger.log({ msg: 'bootstrap admin created', username });
    return true;
  }
}
