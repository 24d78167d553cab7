import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, In, MoreThan } from 'typeorm';
import { ErrorCode, type UploadView } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { sniffImage } from './image-type';
import { Upload, type UploadPurpose } from './upload.entity';
import { UPLOAD_STORAGE, type UploadStorage } from './upload-storage';

export interface UploadOwner {
  kind: 'member' | 'account';
  id: number;
}

/** Members may store this many images a day (avatars, after-sale photos); ops are not limited. */
export const MEMBER_UPLOADS_PER_DAY = 50;

/**
 * Images people upload: checked by their bytes (JPEG, PNG or WebP only) and size, stored under a
 * random key on local disk (UPLOAD_DIR, served from /uploads) or in an S3-compatible bucket; recorded with their owner so that
 * a reference to one (an after-sale photo, an avatar) can be refused when it is somebody else's.
 */
@Injectable()
export class UploadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UPLOAD_STORAGE) private readonly storage: UploadStorage,
  ) {}

  async store(owner: UploadOwner, purpose: UploadPurpose, file: { buffer: Buffer; size: number } | undefined, now = new Date()): Promise<UploadView> {
    if (!file?.buffer?.length) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择要上传的图片', { fields: [{ field: 'file', errors: ['required'] }] });
    if (file.size > this.config.uploads.maxBytes)
      throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `图片不能超过 ${Math.floor(this.config.uploads.maxBytes / 1024 / 1024)}MB`);
    const kind = sniffImage(file.buffer);
    if (!kind) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '只支持 JPG、PNG、WebP 图片');
    if (owner.kind === 'member') {
      const today = await this.dataSource
        .getRepository(Upload)
        .countBy({ ownerKind: 'member', ownerId: owner.id, createdAt: MoreThan(new Date(now.getTime() - 86_400_000)) });
      if (today >= MEMBER_UPLOADS_PER_DAY) throw new AppError(ErrorCode.RATE_LIMITED, '今天上传的图片太多了，请明天再试');
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const storageKey = `${purpose}/${sha256.slice(0, 2)}/${randomUUID()}.${kind.ext}`;
    await this.storage.put(storageKey, file.buffer, kind.mime);
    const saved = await this.dataSource
      .getRepository(Upload)
      .save(
        this.dataSource
          .getRepository(Upload)
          .create({ storageKey, ownerKind: owner.kind, ownerId: owner.id, purpose, mimeType: kind.mime, sizeBytes: file.size, sha256 }),
      );
    return this.view(saved);
  }

  /** The uploads `ids` if every one belongs to `owner` (and was uploaded for `purpose`); 422 otherwise. */
  async owned(owner: UploadOwner, ids: number[], purpose: UploadPurpose): Promise<UploadView[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(Upload).findBy({ id: In([...new Set(ids)]), ownerKind: owner.kind, ownerId: owner.id, purpose });
    if (rows.length !== new Set(ids).size)
      throw new AppError(ErrorCode.VALIDATION_FAILED, '图片不存在或不属于你', { fields: [{ field: 'photoIds', errors: ['unknown upload'] }] });
    return ids.map((id) => this.view(rows.find((r) => r.id === id)!));
  }

  private view(u: Upload): UploadView {
    return { id: u.id, url: this.storage.url(u.storageKey), mimeType: u.mimeType, sizeBytes: u.sizeBytes } satisfies UploadView;
  }

  async byIds(ids: number[]): Promise<Map<number, UploadView>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.dataSource.getRepository(Upload).findBy({ id: In([...new Set(ids)]) })).map((u) => [u.id, this.view(u)]));
  }
}
