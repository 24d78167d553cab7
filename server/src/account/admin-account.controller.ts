import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { EntityManager } from 'typeorm';
import type { AccountProfile, SessionList, SessionsRevoked } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { SessionService } from '../auth/session.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { StoreService } from '../store/store.service';
import { AccountService, toAccountProfile } from './account.service';
import { CreateAccountDto, UpdateAccountDto } from './dto/create-account.dto';
import type { AdminAccountView } from '@mall/shared';
import { UploadService } from '../upload/upload.service';

@ApiTags('admin: accounts')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminAccountController {
  constructor(
    private readonly accounts: AccountService,
    private readonly stores: StoreService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly uploads: UploadService,
  ) {}

  @Get('me')
  @Roles('ops', 'finance', 'store_manager', 'staff')
  async me(@CurrentAccount() caller: AccountPrincipal): Promise<AccountProfile> {
    return toAccountProfile(await this.accounts.getActive(caller.id));
  }

  @Get('accounts')
  @Roles('admin')
  async list(): Promise<{ items: AdminAccountView[] }> {
    const [accounts, stores] = await Promise.all([this.accounts.list(), this.stores.list()]);
    const storeNames = new Map(stores.map((s) => [s.id, s.name]));
    return {
      items: accounts.map((a) => ({
        ...toAccountProfile(a),
        storeName: a.storeId ? (storeNames.get(a.storeId) ?? null) : null,
        active: a.active,
        lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
        workPhone: a.workPhone,
        avatarUrl: a.avatarUrl,
      })),
    };
  }

  @Post('accounts')
  @Roles('admin')
  async create(@Body() dto: CreateAccountDto): Promise<AccountProfile> {
    if (dto.storeId !== undefined) await this.stores.getById(dto.storeId);
    return toAccountProfile(await this.accounts.create(dto));
  }

  /** Display name, work phone, avatar, active; deactivating revokes every session of the account. */
  @Patch('accounts/:id')
  @Roles('admin')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateAccountDto): Promise<AccountProfile> {
    const before = await this.accounts.getById(id);
    const { avatarUploadId, ...changes } = dto;
    const avatarUrl =
      avatarUploadId !== undefined ? (await this.uploads.owned({ kind: 'account', id: caller.id }, [avatarUploadId], 'cover'))[0].url : undefined;
    const after = await this.accounts.update(id, { ...changes, ...(avatarUrl ? { avatarUrl } : {}) });
    if (dto.active === false && before.active) await this.sessions.revokeSessions('account', id, 'all');
    await this.audit.record(
      caller,
      'account.update',
      { type: 'account', id },
      { before: { displayName: before.displayName, workPhone: before.workPhone, active: before.active }, changes: dto },
    );
    return toAccountProfile(after);
  }

  /** The account's signed-in sessions (admin panel and staff mode) that can still refresh. */
  @Get('accounts/:id/sessions')
  @Roles('admin')
  async sessionList(@Param('id', ParseIntPipe) id: number): Promise<SessionList> {
    await this.accounts.getById(id);
    return { items: await this.sessions.listActive('account', id) };
  }

  /** Signs the account out everywhere: refresh tokens stop at once, access tokens within seconds. */
  @Delete('accounts/:id/sessions')
  @Roles('admin')
  @HttpCode(200)
  async revokeAll(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number): Promise<SessionsRevoked> {
    await this.accounts.getById(id);
    const revoked = await this.sessions.revokeSessions('account', id, 'all', this.audited(caller, id));
    return { revoked: revoked.length };
  }

  @Delete('accounts/:id/sessions/:sessionId')
  @Roles('admin')
  @HttpCode(200)
  async revokeOne(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('id', ParseIntPipe) id: number,
    @Param('sessionId') sessionId: string,
  ): Promise<SessionsRevoked> {
    await this.accounts.getById(id);
    const revoked = await this.sessions.revokeSessions('account', id, [sessionId], this.audited(caller, id));
    return { revoked: revoked.length };
  }

  private audited(caller: AccountPrincipal, accountId: number) {
    return (manager: EntityManager, sessionIds: string[]) =>
      this.audit.record(caller, 'account.sessions.revoke', { type: 'account', id: accountId }, { sessionIds, revoked: sessionIds.length }, manager);
  }
}
