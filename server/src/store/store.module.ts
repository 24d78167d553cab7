import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attribution, BindingHistory, BindingSetting, MemberBinding, StaffInvite, WriteOff } from './binding.entity';
import { BindingService } from './binding.service';
import { Store } from './store.entity';
import { StoreService } from './store.service';

@Module({
  imports: [TypeOrmModule.forFeature([Store, MemberBinding, BindingHistory, Attribution, StaffInvite, WriteOff, BindingSetting])],
  providers: [StoreService, BindingService],
  exports: [StoreService, BindingService],
})
export class StoreModule {}
