import { Controller, Headers, HttpCode, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { Public } from '../common/auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PaymentMismatch, PaymentService } from './payment.service';
import { NotifyRejected, verifyNotify } from './wechatpay/notify-verifier';
import type { WechatTransaction } from './wechatpay/wechatpay.client';
import { RefundService, type WechatRefundNotice } from './refund.service';

/**
 * WeChat Pay posts payment and refund results here. Nothing is trusted before the signature,
 * timestamp and GCM-authenticated payload check out; everything is applied exactly once; a
 * duplicate gets 204 like the first. Failures answer in WeChat's format so WeChat retries.
 */
@Public()
@Controller('api/payments/wechat')
export class PaymentNotifyController {
  private readonly logger = new Logger('PaymentNotify');

  constructor(
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('notify')
  @HttpCode(204)
  @ApiExcludeEndpoint()
  async notify(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response, @Headers() headers: Record<string, string>): Promise<void> {
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
        this.logger.warn({ msg: 'notify rejected', eventType, reference, reason: error.message });
        await this.payments.recordNotify(eventType, reference, 'rejected', error.message);
        res.status(400).json({ code: 'FAIL', message: '失败' });
        return;
      }
      this.logger.error({ msg: 'notify processing failed', eventType, reference, error: (error as Error).message });
      res.status(500).json({ code: 'FAIL', message: '失败' });
    }
  }
}
