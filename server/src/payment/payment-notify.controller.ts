import { Controller, Headers, HttpCode, Ip, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators';
import { type RateLimit, RateLimiters } from '../common/auth/rate-limiter';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PaymentMismatch, PaymentService } from './payment.service';
import { NotifyRejected, verifyNotify } from './wechatpay/notify-verifier';
import type { WechatTransaction } from './wechatpay/wechatpay.client';
import { RefundService, type WechatRefundNotice } from './refund.service';

/**
 * Rejected notifies recorded per source address and minute. Anyone can post junk here, and each
 * rejection used to be a row: past this budget the rest of the minute is answered the same way
 * but only counted, with one log line when a source goes over.
 */
export const REJECTED_NOTIFY_LOG_PER_MINUTE = 20;

/**
 * WeChat Pay posts payment and refund results here. Nothing is trusted before the signature,
 * timestamp and GCM-authenticated payload check out; everything is applied exactly once; a
 * duplicate gets 204 like the first. Failures answer in WeChat's format so WeChat retries.
 */
@Public()
@Controller('api/payments/wechat')
export class PaymentNotifyController {
  private readonly logger = new Logger('PaymentNotify');
  private readonly rejectedLogBudget: RateLimit;

  constructor(
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    limiters: RateLimiters,
  ) {
    this.rejectedLogBudget = limiters.create('notify-rejected-log', REJECTED_NOTIFY_LOG_PER_MINUTE, 60_000);
  }

  @Post('notify')
  @HttpCode(204)
  @ApiExcludeEndpoint()
  async notify(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response, @Headers() headers: Record<string, string>, @Ip() ip: string): Promise<void> {
    const raw = req.rawBody?.toString('utf8') ?? '';
    let eventType = 'UNKNOWN';
    let reference: string | null = null;
    try {
      const notify = verifyNotify(this.config.wechatPay, headers, raw);
      eventType = notify.eventType;
      if (notify.eventType.startsWith('TRANSACTION.')) {
        const transaction = notify.resource as WechatTransaction;
        reference = transaction.out_trade_no ?? null;
        if (notify.eventType !== 'TRANSACTION.SUCCESS') throw new NotifyRejected(`unsupported event ${notify.eventType}`);
        const outcome = await this.payments.applyTransaction(transaction);
        await this.payments.recordNotify(eventType, reference, outcome === 'accepted_late' ? 'applied' : outcome, '', notify.id);
      } else if (notify.eventType.startsWith('REFUND.')) {
        const refund = notify.resource as WechatRefundNotice;
        reference = refund.out_refund_no ?? null;
        const changed = await this.refunds.applyNotice(refund);
        await this.payments.recordNotify(eventType, reference, changed ? 'applied' : 'duplicate', '', notify.id);
      } else {
        throw new NotifyRejected(`unsupported event ${notify.eventType}`);
      }
      res.status(204).end();
    } catch (error) {
      if (error instanceof NotifyRejected || error instanceof PaymentMismatch) {
        await this.recordRejection(ip, eventType, reference, error.message);
        res.status(400).json({ code: 'FAIL', message: '失败' });
        return;
      }
      this.logger.error({ msg: 'notify processing failed', eventType, reference, error: (error as Error).message });
      res.status(500).json({ code: 'FAIL', message: '失败' });
    }
  }

  private async recordRejection(ip: string, eventType: string, reference: string | null, reason: string): Promise<void> {
    const count = await this.rejectedLogBudget.record(`rejected:${ip}`);
    if (count <= REJECTED_NOTIFY_LOG_PER_MINUTE) {
      this.logger.warn({ msg: 'notify rejected', ip, eventType, reference, reason });
      await this.payments.recordNotify(eventType, reference, 'rejected', reason);
    } else if (count === REJECTED_NOTIFY_LOG_PER_MINUTE + 1) {
      this.logger.warn({ msg: 'rejected notifies over budget: not recorded for the rest of this minute', ip, budget: REJECTED_NOTIFY_LOG_PER_MINUTE });
    }
  }
}
