import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AccountProfile } from '@mall/shared';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { StoreService } from '../store/store.service';
import { AccountService, toAccountProfile } from './account.service';
import { CreateAccountDto } from './dto/create-account.dto';
import type { AdminAccountView } from '@mall/shared';

@ApiTags('admin: accounts')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminAccountController {
  constructor(
    private readonly accounts: AccountService,
    private readonly stores: StoreService,
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
      })),
    };
  }

  @Post('accounts')
  @Roles('admin')
  async create(@Body() dto: CreateAccountDto): Promise<AccountProfile> {
    if (dto.storeId !== undefined) await this.stores.getById(dto.storeId);
    return toAccountProfile(await this.accounts.create(dto));
  }
}
