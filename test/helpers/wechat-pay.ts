import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';
import { encryptAes256Gcm, randomNonce, responseSignatureMessage, signSha256WithRsa } from '@mall/server/payment/wechatpay/wechatpay-crypto';

export interface SimNotify {
  id: string;
  eventType: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attempts: { at: string; status: number }[];
  delivered: boolean;
}

/** Plays the payer confirming (or failing) wx.requestPayment in the simulator. */
export async function simPay(t: TestApp, outTradeNo: string, options: { result?: 'success' | 'fail' | 'cancel'; notify?: boolean; force?: boolean } = {}) {
  const res = await t
    .http()
    .post('/__wechat/sim/pay')
    .send({ out_trade_no: outTradeNo, result: options.result ?? 'success', ...options });
  if (res.status >= 300) throw new Error(`sim pay failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { out_trade_no: string; trade_state: string; transaction_id?: string };
}

export async function simNotifies(t: TestApp, outTradeNo: string): Promise<SimNotify[]> {
  const res = await t.http().get(`/__wechat/sim/notifies?out_trade_no=${outTradeNo}`).expect(200);
  return res.body.items;
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Posts a notify to our endpoint exactly as WeChat would (headers + raw body string). */
export function postNotify(t: TestApp, headers: Record<string, string>, body: string) {
  let req = t.http().post('/api/payments/wechat/notify').set('content-type', 'application/json');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  return req.send(body);
}

/**
 * A notify crafted by the test playing WeChat (it holds the simulator's platform private key),
 * so each verification step can be attacked on its own.
 */
export function craftNotify(
  t: TestApp,
  resource: Record<string, unknown>,
  options: { eventType?: string; timestamp?: number; signWith?: string; tamperTag?: boolean; signedAad?: string; serial?: string } = {},
): { headers: Record<string, string>; body: string } {
  const { wechatPay, simulator } = t.config;
  const originalType = (options.eventType ?? 'TRANSACTION.SUCCESS').startsWith('REFUND.') ? 'refund' : 'transaction';
  const encrypted = encryptAes256Gcm(wechatPay.apiV3Key, JSON.stringify(resource), originalType);
  if (options.tamperTag) {
    const raw = Buffer.from(encrypted.ciphertext, 'base64');
    raw[raw.length - 1] ^= 0x01;
    encrypted.ciphertext = raw.toString('base64');
  }
  if (options.signedAad !== undefined) encrypted.associated_data = options.signedAad;
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: options.eventType ?? 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: { ...encrypted, original_type: originalType },
  });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomNonce(32);
  const signature = signSha256WithRsa(responseSignatureMessage(timestamp, nonce, body), options.signWith ?? simulator!.platformPrivateKeyPem);
  return {
    body,
    headers: {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': options.serial ?? wechatPay.platformPublicKeyId,
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    },
  };
}

/** The transaction WeChat would report for a payment of ours. */
export function successTransaction(
  t: TestApp,
  payment: { outTradeNo: string; amountFen: number; payerOpenid: string },
  overrides: Record<string, unknown> = {},
) {
  return {
    appid: t.config.wechat.appId,
    mchid: t.config.wechatPay.mchId,
    out_trade_no: payment.outTradeNo,
    transaction_id: `4200${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 28),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: new Date().toISOString(),
    payer: { openid: payment.payerOpenid },
    amount: { total: payment.amountFen, payer_total: payment.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}

/** The simulator delivers a paid order's success notify `copies` times at once (each signed afresh, as WeChat's retries are). */
export async function simDeliverNotifies(t: TestApp, outTradeNo: string, copies: number) {
  await t.http().post('/__wechat/sim/notify').send({ out_trade_no: outTradeNo, copies }).expect(200);
}

/** How the simulator will end the next refunds of a payment: SUCCESS, ABNORMAL or CLOSED (each with its REFUND.* notify). */
export async function simRefundOutcome(t: TestApp, outTradeNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED') {
  await t.http().post('/__wechat/sim/refund-outcome').send({ out_trade_no: outTradeNo, status }).expect(200);
}
