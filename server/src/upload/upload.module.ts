import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUploadController, MemberUploadController } from './upload.controller';
import { Upload } from './upload.entity';
import { UploadService } from './upload.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UPLOAD_STORAGE, uploadStorageFor } from './upload-storage';

@Module({
  imports: [TypeOrmModule.forFeature([Upload])],
  controllers: [MemberUploadController, AdminUploadController],
  providers: [UploadService, { provide: UPLOAD_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => uploadStorageFor(config) }],
  exports: [UploadService],
})
export class UploadModule {}
