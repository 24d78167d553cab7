import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { MemberModule } from '../member/member.module';
import { StoreModule } from '../store/store.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionModule } from './session.module';

@Module({ imports: [SessionModule, MemberModule, AccountModule, StoreModule], controllers: [AuthController], providers: [AuthService] })
export class AuthModule {}
