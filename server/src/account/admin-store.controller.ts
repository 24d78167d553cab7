import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/auth.decorators';
import { StoreService } from '../store/store.service';
import { AccountService } from './account.service';

/** Stores with their staff head-count: composed here because accounts depend on stores, not the reverse. */
@ApiTags('admin: stores')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin/stores')
export class AdminStoreController {
  constructor(
    private readonly stores: StoreService,
    private readonly accounts: AccountService,
  ) {}

  @Get()
  async list() {
    const [stores, staffCount] = await Promise.all([this.stores.list(), this.accounts.countByStore()]);
    return {
      items: stores.map((s) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        openingHours: s.openingHours,
        active: s.active,
        staffCount: staffCount.get(s.id) ?? 0,
      })),
    };
  }
}
