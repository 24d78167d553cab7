import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import type { WechatPayConfig } from '../../config/app-config';
import { responseSignatureMessage, verifySha256WithRsa } from './wechatpay-crypto';

const OFFICIAL_BASE = 'https://api.mch.weixin.qq.com';
export const MAX_CLOCK_SKEW_SECONDS = 300;

export class WechatPayVerificationError extends Error {}

/**
 * The HTTP transport handed to wechatpay-node-v3 through createHttp(): it sends to the configured
 * base URL (the library hard-codes the official one) and verifies every response signature with the
 * platform public key, which the library never does. A response that fails verification throws.
 */
export class VerifyingWechatPayTransport implements IPayRequest {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly now: () => number = Date.now,
  ) {}

  post(url: string, params: Record<string, any>, headers: Record<string, any>): Promise<Output> {
    // The library signed JSON.stringify(params); send exactly those bytes.
    return this.send('POST', url, headers, JSON.stringify(params));
  }

  get(url: string, headers: Record<string, any>): Promise<Output> {
    return this.send('GET', url, headers);
  }

  upload(): Promise<Output> {
    throw new Error('uploads are not used by the mall');
  }

  private async send(method: 'GET' | 'POST', url: string, headers: Record<string, any>, body?: string): Promise<Output> {
    const base = this.config.apiBaseUrl;
    if (!base) throw new Error('WeChat Pay base URL is not configured');
    const target = url.startsWith(OFFICIAL_BASE) ? base + url.slice(OFFICIAL_BASE.length) : url;
    const response = await fetch(target, {
      method,
      headers: { ...headers, 'Accept-Encoding': 'identity', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    this.verify(response.headers, text);
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new WechatPayVerificationError('WeChat Pay answered with a body that is not JSON');
      }
    }
    return response.ok ? { status: response.status, data } : { status: response.status, error: data ?? text, data };
  }

  verify(headers: Headers, body: string): void {
    const timestamp = headers.get('wechatpay-timestamp');
    const nonce = headers.get('wechatpay-nonce');
    const signature = headers.get('wechatpay-signature');
    const serial = headers.get('wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial) throw new WechatPayVerificationError('response is not signed');
    if (serial !== this.config.platformPublicKeyId) throw new WechatPayVerificationError(`unknown platform key ${serial}`);
    if (Math.abs(this.now() / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      throw new WechatPayVerificationError('response timestamp is stale');
    }
    if (!verifySha256WithRsa(responseSignatureMessage(timestamp, nonce, body), signature, this.config.platformPublicKeyPem)) {
      throw new WechatPayVerificationError('response signature does not verify');
    }
  }
}
