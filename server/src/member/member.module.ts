import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminMemberController } from './admin-member.controller';
import { MemberController } from './member.controller';
import { Member } from './member.entity';
import { MemberService } from './member.service';
import { MemberQrService } from './member-qr.service';
import { QrNonce } from './qr-nonce.entity';
import { UploadModule } from '../upload/upload.module';
import { MemberFactsContributor } from './member-facts.contributor';

@Module({
  imports: [TypeOrmModule.forFeature([Member, QrNonce]), UploadModule],
  controllers: [MemberController, AdminMemberController],
  providers: [MemberFactsContributor, MemberService, MemberQrService],
  exports: [MemberService, MemberQrService],
})
export class MemberModule {}
