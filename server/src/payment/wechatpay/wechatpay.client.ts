import { Inject, Injectable, Logger } from '@nestjs/common';
import WxPay from 'wechatpay-node-v3';
import { beijingRfc3339, ErrorCode, type WechatPayParams } from '@mall/shared';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { paySignMessage, randomNonce, signSha256WithRsa } from './wechatpay-crypto';
import { VerifyingWechatPayTransport } from './wechatpay-transport';

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/** The transaction object WeChat returns from a query and encrypts into TRANSACTION.SUCCESS notifies. */
export interface WechatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: TradeState;
  success_time?: string;
  payer?: { openid?: string };
  amount?: { total: number; payer_total?: number; currency?: string };
}

export interface WechatRefundResult {
  refund_id: string;
  out_refund_no: string;
  out_trade_no?: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  amount?: { refund: number; total: number };
}

/**
 * WeChat Pay v3 through wechatpay-node-v3 with our verifying transport. Errors come back as
 * AppError(WECHATPAY_ERROR) with WeChat's code in details; "not found" answers are values, not errors.
 */
@Injectable()
export class WechatPayClient {
  private readonly logger = new Logger('WechatPay');
  private readonly pay: WxPay;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { wechatPay } = config;
    this.pay = new WxPay({
      appid: config.wechat.appId,
      mchid: wechatPay.mchId,
      serial_no: wechatPay.merchantSerialNo,
      publicKey: Buffer.from(wechatPay.platformPublicKeyPem),
      privateKey: Buffer.from(wechatPay.merchantPrivateKeyPem),
      key: wechatPay.apiV3Key,
    });
    this.pay.createHttp(new VerifyingWechatPayTransport(wechatPay));
  }

  async jsapiPrepay(params: { outTradeNo: string; description: string; amountFen: number; openid: string; expiresAt: Date }): Promise<string> {
    const result = await this.call('jsapi', () =>
      this.pay.transactions_jsapi({
        description: params.description,
        out_trade_no: params.outTradeNo,
        time_expire: beijingRfc3339(params.expiresAt),
        notify_url: this.notifyUrl(),
        amount: { total: params.amountFen, currency: 'CNY' },
        payer: { openid: params.openid },
      }),
    );
    if (result.status !== 200) this.fail('jsapi', result);
    const pkg: string | undefined = result.data?.package;
    const prepayId = pkg?.startsWith('prepay_id=') ? pkg.slice('prepay_id='.length) : undefined;
    if (!prepayId) this.fail('jsapi', result);
    return prepayId;
  }

  /** wx.requestPayment parameters, signed with the merchant key (our own strong nonce). */
  payParams(prepayId: string): WechatPayParams {
    const appId = this.config.wechat.appId;
    const timeStamp = Math.floor(Date.now() / 1000).toString();
    const nonceStr = randomNonce(32);
    const pkg = `prepay_id=${prepayId}`;
    const paySign = signSha256WithRsa(paySignMessage(appId, timeStamp, nonceStr, pkg), this.config.wechatPay.merchantPrivateKeyPem);
    return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  async queryByOutTradeNo(outTradeNo: string): Promise<WechatTransaction | null> {
    const result = await this.call('query', () => this.pay.query({ out_trade_no: outTradeNo }));
    if (result.status === 404) return null;
    if (result.status !== 200) this.fail('query', result);
    return result.data as WechatTransaction;
  }

  /** Closes an unpaid order; returns 'paid' when WeChat says it was paid meanwhile. */
  async close(outTradeNo: string): Promise<'closed' | 'paid' | 'missing'> {
    const result = await this.call('close', () => this.pay.close(outTradeNo));
    if (result.status === 204 || result.status === 200) return 'closed';
    const code = (result.error as { code?: string })?.code;
    if (code === 'ORDER_PAID') return 'paid';
    if (result.status === 404 || code === 'ORDER_NOT_EXIST') return 'missing';
    this.fail('close', result);
  }

  async refund(params: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason: string;
  }): Promise<{ ok: true; refund: WechatRefundResult } | { ok: false; code: string; message: string; definitive: boolean }> {
    const result = await this.call('refund', () =>
      this.pay.refunds({
        out_trade_no: params.outTradeNo,
        out_refund_no: params.outRefundNo,
        reason: params.reason || undefined,
        notify_url: this.notifyUrl(),
        amount: { refund: params.refundFen, total: params.totalFen, currency: 'CNY' },
      } as never),
    );
    if (result.status === 200) return { ok: true, refund: result.data as WechatRefundResult };
    const error = (result.error ?? {}) as { code?: string; message?: string };
    // 4xx business answers are final for this request; 5xx and SYSTEM_ERROR may be retried with the same out_refund_no.
    const definitive = result.status >= 400 && result.status < 500 && error.code !== 'SYSTEM_ERROR' && error.code !== 'FREQUENCY_LIMITED';
    return { ok: false, code: error.code ?? `HTTP_${result.status}`, message: error.message ?? '', definitive };
  }

  async queryRefund(outRefundNo: string): Promise<WechatRefundResult | null> {
    const result = await this.call('refund query', () => this.pay.find_refunds(outRefundNo));
    if (result.status === 404) return null;
    if (result.status !== 200) this.fail('refund query', result);
    return result.data as WechatRefundResult;
  }

  private notifyUrl(): string {
    const url = this.config.wechatPay.notifyUrl;
    if (!url) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '支付回调地址未配置');
    return url;
  }

  private async call(api: string, fn: () => Promise<{ status: number; data?: any; error?: any }>) {
    try {
      return await fn();
    } catch (error) {
      this.logger.warn({ msg: 'wechat pay call failed', api, error: (error as Error).message });
      throw new AppError(ErrorCode.WECHATPAY_ERROR, undefined, { api });
    }
  }

  private fail(api: string, result: { status: number; error?: any }): never {
    const code = (result.error as { code?: string })?.code;
    this.logger.warn({ msg: 'wechat pay error', api, status: result.status, code });
    throw new AppError(ErrorCode.WECHATPAY_ERROR, undefined, { api, status: result.status, code });
  }
}
