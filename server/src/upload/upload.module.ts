import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUploadController, MemberUploadController } from './upload.controller';
import { Upload } from './upload.entity';
import { UploadService } from './upload.service';

@Module({
  imports: [TypeOrmModule.forFeature([Upload])],
  controllers: [MemberUploadController, AdminUploadController],
  providers: [UploadService],
  exports: [UploadService],
})
export class UploadModule {}
