import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StoreModule } from '../store/store.module';
import { Account } from './account.entity';
import { AccountService } from './account.service';
import { AdminAccountController } from './admin-account.controller';
import { UploadModule } from '../upload/upload.module';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), StoreModule, UploadModule],
  controllers: [AdminAccountController],
  providers: [AccountService],
  exports: [AccountService],
})
export class AccountModule {}
