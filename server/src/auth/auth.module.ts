import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { MemberModule } from '../member/member.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({ imports: [MemberModule, AccountModule], controllers: [AuthController], providers: [AuthService] })
export class AuthModule {}
