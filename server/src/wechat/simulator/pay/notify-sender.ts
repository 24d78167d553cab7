import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { encryptAes256Gcm, randomNonce, responseSignatureMessage, signSha256WithRsa } from '../../../payment/wechatpay/wechatpay-crypto';
import { PaySimulatorState, wechatNow, type SimNotifyRecord } from './pay-simulator.state';

/** WeChat Pay's notify retry schedule after a non-2xx answer (seconds). */
export const NOTIFY_RETRY_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

/**
 * Sends encrypted, signed notifies the way WeChat Pay does, retrying on anything but 2xx on the
 * official schedule (scaled by WECHAT_SIM_NOTIFY_TIME_SCALE in tests).
 */
@Injectable()
export class NotifySender implements OnModuleDestroy {
  private readonly logger = new Logger('SimNotify');
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: PaySimulatorState,
  ) {}

  send(eventType: SimNotifyRecord['eventType'], outTradeNo: string, url: string, resource: Record<string, unknown>): SimNotifyRecord {
    const originalType = eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
    const encrypted = encryptAes256Gcm(this.config.wechatPay.apiV3Key, JSON.stringify(resource), originalType);
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: wechatNow(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: { 'TRANSACTION.SUCCESS': '支付成功', 'REFUND.SUCCESS': '退款成功', 'REFUND.ABNORMAL': '退款异常', 'REFUND.CLOSED': '退款关闭' }[eventType],
      resource: { original_type: originalType, ...encrypted },
    });
    const record: SimNotifyRecord = { id: randomUUID(), eventType, outTradeNo, url, headers: {}, body, attempts: [], delivered: false };
    this.state.notifies.push(record);
    void this.attempt(record, 0);
    return record;
  }

  /** Each attempt is signed afresh (new timestamp and nonce), as WeChat does. */
  private async attempt(record: SimNotifyRecord, retry: number): Promise<void> {
    if (this.stopped) return;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomNonce(32);
    record.headers = {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signSha256WithRsa(responseSignatureMessage(timestamp, nonce, record.body), this.config.simulator!.platformPrivateKeyPem),
      'wechatpay-serial': this.config.wechatPay.platformPublicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    };
    let status = 0;
    try {
      const response = await fetch(record.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...record.headers },
        body: record.body,
        signal: AbortSignal.timeout(5000),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    record.attempts.push({ at: new Date().toISOString(), status });
    if (status >= 200 && status < 300) {
      record.delivered = true;
      return;
    }
    if (retry >= NOTIFY_RETRY_SECONDS.length || this.stopped) return;
    const delayMs = Math.max(1, Math.round(NOTIFY_RETRY_SECONDS[retry] * 1000 * (this.config.simulator?.notifyTimeScale ?? 1)));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(record, retry + 1);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
