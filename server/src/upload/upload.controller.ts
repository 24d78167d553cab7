import { Body, Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { UploadView } from '@mall/shared';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { MAX_UPLOAD_BYTES_CEILING } from '../config/app-config';
import { UploadService } from './upload.service';

export class MemberUploadDto {
  @IsIn(['avatar', 'after_sale']) purpose: 'avatar' | 'after_sale';
}

export class AdminUploadDto {
  @IsIn(['product', 'cover', 'group_qr']) purpose: 'product' | 'cover' | 'group_qr';
}

/** multer keeps the file in memory, bounded; the service checks the real limit and the bytes. */
const fileInterceptor = () => FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES_CEILING, files: 1, fields: 4 } });
const multipartDoc = (purposes: string[]) =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'purpose'],
      properties: { file: { type: 'string', format: 'binary' }, purpose: { type: 'string', enum: purposes } },
    },
  });

@ApiTags('uploads')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/uploads')
export class MemberUploadController {
  constructor(private readonly uploads: UploadService) {}

  @Post()
  @UseInterceptors(fileInterceptor())
  @ApiConsumes('multipart/form-data')
  @multipartDoc(['avatar', 'after_sale'])
  upload(@CurrentMember() caller: MemberPrincipal, @Body() dto: MemberUploadDto, @UploadedFile() file?: { buffer: Buffer; size: number }): Promise<UploadView> {
    return this.uploads.store({ kind: 'member', id: caller.id }, dto.purpose, file);
  }
}

@ApiTags('admin: uploads')
@ApiBearerAuth()
@Controller('api/admin/uploads')
export class AdminUploadController {
  constructor(private readonly uploads: UploadService) {}

  @Post()
  @Roles('ops')
  @UseInterceptors(fileInterceptor())
  @ApiConsumes('multipart/form-data')
  @multipartDoc(['product', 'cover', 'group_qr'])
  upload(
    @CurrentAccount() caller: AccountPrincipal,
    @Body() dto: AdminUploadDto,
    @UploadedFile() file?: { buffer: Buffer; size: number },
  ): Promise<UploadView> {
    return this.uploads.store({ kind: 'account', id: caller.id }, dto.purpose, file);
  }
}
