import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { insertIgnore } from '../database/insert-ignore';
import { QrNonce } from './qr-nonce.entity';

export const QR_TTL_SECONDS = 60;
const PREFIX = 'mq1';

export interface QrPayload {
  m: number;
  n: string;
  e: number;
  /** Set on a coupon's in-store code (the same signed, single-use format, scoped to one coupon). */
  c?: number;
}

/**
 * The dynamic member QR: `mq1.<payload>.<hmac>` with the member id, a random nonce and a 60-second
 * expiry, signed with HMAC-SHA256 under a key derived from the server secret. Consuming it (a staff
 * scan) records the nonce with a unique insert, so a token works exactly once.
 */
@Injectable()
export class MemberQrService {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = createHmac('sha256', config.jwt.secret).update('member-qr-v1').digest();
  }

  issue(memberId: number, now = Date.now(), couponId?: number): { token: string; expiresAt: string; ttlSeconds: number } {
    const payload: QrPayload = {
      m: memberId,
      n: randomBytes(12).toString('base64url'),
      e: Math.floor(now / 1000) + QR_TTL_SECONDS,
      ...(couponId ? { c: couponId } : {}),
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { token: `${PREFIX}.${body}.${this.sign(body)}`, expiresAt: new Date(payload.e * 1000).toISOString(), ttlSeconds: QR_TTL_SECONDS };
  }

  /** Checks signature and expiry without consuming (for a preview). */
  verify(token: string, now = Date.now()): QrPayload {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 3 || parts[0] !== PREFIX) throw new AppError(ErrorCode.QR_TOKEN_INVALID);
    const expected = Buffer.from(this.sign(parts[1]));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AppError(ErrorCode.QR_TOKEN_INVALID);
    let payload: QrPayload;
    try {
      payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new AppError(ErrorCode.QR_TOKEN_INVALID);
    }
    if (
      !Number.isInteger(payload.m) ||
      typeof payload.n !== 'string' ||
      !Number.isInteger(payload.e) ||
      (payload.c !== undefined && !Number.isInteger(payload.c))
    )
      throw new AppError(ErrorCode.QR_TOKEN_INVALID);
    if (payload.e * 1000 <= now) throw new AppError(ErrorCode.QR_TOKEN_EXPIRED);
    return payload;
  }

  /** Verifies and uses up a member code; a second use is refused. Returns the member id. */
  async consume(token: string, consumedBy: number | null, now = Date.now()): Promise<number> {
    const payload = this.verify(token, now);
    if (payload.c !== undefined) throw new AppError(ErrorCode.QR_TOKEN_INVALID, '这是优惠券核销码，请扫描会员码');
    await this.useNonce(this.dataSource.manager, payload, consumedBy);
    return payload.m;
  }

  /** Uses up a coupon's in-store code inside the caller's transaction; returns who and which coupon. */
  async consumeCouponCode(manager: EntityManager, token: string, consumedBy: number, now = Date.now()): Promise<{ memberId: number; couponId: number }> {
    const payload = this.verify(token, now);
    if (payload.c === undefined) throw new AppError(ErrorCode.QR_TOKEN_INVALID, '这是会员码，不是优惠券核销码');
    await this.useNonce(manager, payload, consumedBy);
    return { memberId: payload.m, couponId: payload.c };
  }

  private async useNonce(manager: EntityManager, payload: QrPayload, consumedBy: number | null): Promise<void> {
    const fresh = await insertIgnore(manager, QrNonce, { nonce: payload.n, memberId: payload.m, consumedBy });
    if (!fresh) throw new AppError(ErrorCode.QR_TOKEN_USED);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`${PREFIX}.${body}`).digest('base64url');
  }
}
