import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { MemberModule } from '../member/member.module';
import { StaffModule } from '../staff/staff.module';
import { AdminStoreController } from './admin-store.controller';
import { StoreModule } from './store.module';

/**
 * The store domain's admin surface. Separate from StoreModule because it composes what sits above
 * stores (accounts for head-counts, the staff desk for performance and transfers), while StoreModule
 * stays at the bottom of the graph where orders, payments and staff can all depend on it.
 */
@Module({ imports: [StoreModule, AccountModule, MemberModule, StaffModule], controllers: [AdminStoreController] })
export class StoreAdminModule {}
