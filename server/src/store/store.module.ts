import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attribution, BindingHistory, BindingSetting, MemberBinding, WriteOff } from './binding.entity';
import { BindingService } from './binding.service';
import { Store } from './store.entity';
import { StoreService } from './store.service';
import { WriteOffService } from './write-off.service';
import { StoreFactsContributor } from './store-facts.contributor';

@Module({
  imports: [TypeOrmModule.forFeature([Store, MemberBinding, BindingHistory, Attribution, WriteOff, BindingSetting])],
  providers: [StoreFactsContributor, StoreService, BindingService, WriteOffService],
  exports: [StoreService, BindingService, WriteOffService],
})
export class StoreModule {}
