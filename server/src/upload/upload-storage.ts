import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AppConfig, S3UploadConfig } from '../config/app-config';

/** Where the bytes of an upload go; the type and size checks happen before, the same for every backend. */
export interface UploadStorage {
  readonly kind: 'local' | 's3';
  /** Stores new bytes under a key that is never reused (a random name). */
  put(key: string, body: Buffer, mimeType: string): Promise<void>;
  /** The URL a browser or the mini-program loads the image from. */
  url(key: string): string;
}

export const UPLOAD_STORAGE = Symbol('UPLOAD_STORAGE');

/** Local disk under UPLOAD_DIR, served by express at /uploads. */
export class LocalUploadStorage implements UploadStorage {
  readonly kind = 'local' as const;
  constructor(private readonly dir: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const target = path.join(this.dir, key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, body, { flag: 'wx' });
  }

  url(key: string): string {
    return `/uploads/${key}`;
  }
}

/** An S3-compatible bucket (AWS S3, MinIO, COS/OSS S3 endpoints); objects are read from the public base URL. */
export class S3UploadStorage implements UploadStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3UploadConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      maxAttempts: 3,
    });
  }

  async put(key: string, body: Buffer, mimeType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: key,
        Body: body,
        ContentType: mimeType,
        ContentLength: body.length,
        CacheControl: 'public, max-age=2592000, immutable',
      }),
    );
  }

  url(key: string): string {
    return `${this.config.publicBaseUrl}/${key}`;
  }
}

export function uploadStorageFor(config: AppConfig): UploadStorage {
  return config.uploads.s3 ? new S3UploadStorage(config.uploads.s3) : new LocalUploadStorage(config.uploads.dir);
}
