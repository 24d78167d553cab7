import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminMemberController } from './admin-member.controller';
import { MemberController } from './member.controller';
import { Member } from './member.entity';
import { MemberService } from './member.service';

@Module({
  imports: [TypeOrmModule.forFeature([Member])],
  controllers: [MemberController, AdminMemberController],
  providers: [MemberService],
  exports: [MemberService],
})
export class MemberModule {}
