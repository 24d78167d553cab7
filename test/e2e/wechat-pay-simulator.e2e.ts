import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  authorizationHeader,
  decryptAes256Gcm,
  randomNonce,
  requestSignatureMessage,
  responseSignatureMessage,
  signSha256WithRsa,
  verifySha256WithRsa,
} from '@mall/server/payment/wechatpay/wechatpay-crypto';
import { startTestApp, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wechat-pay';

/** The simulator speaks WeChat Pay's contracts; these tests talk to it as a merchant would. */
describe('WeChat Pay simulator contracts', () => {
  let t: TestApp;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const answers: number[] = [];

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_SIM_NOTIFY_TIME_SCALE: '0.001' });
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  /** A merchant request signed with the merchant key, as wechatpay-node-v3 would send it. */
  function call(method: 'GET' | 'POST', path: string, body?: object, options: { signWith?: string; timestamp?: number } = {}) {
    const { wechatPay } = t.config;
    const raw = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomNonce(32);
    const signature = signSha256WithRsa(requestSignatureMessage(method, path, timestamp, nonce, raw), options.signWith ?? wechatPay.merchantPrivateKeyPem);
    const auth = authorizationHeader({ mchid: wechatPay.mchId, serialNo: wechatPay.merchantSerialNo, nonce, timestamp, signature });
    const req = method === 'GET' ? t.http().get(`/__wechat/pay${path}`) : t.http().post(`/__wechat/pay${path}`).set('content-type', 'application/json');
    return (method === 'GET' ? req : req.send(raw))
      .set('authorization', auth)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => cb(null, text));
      });
  }

  function verified(res: { headers: Record<string, string>; body: string }): boolean {
    const h = res.headers;
    return (
      h['wechatpay-serial'] === t.config.wechatPay.platformPublicKeyId &&
      verifySha256WithRsa(
        responseSignatureMessage(h['wechatpay-timestamp'], h['wechatpay-nonce'], res.body),
        h['wechatpay-signature'],
        t.config.wechatPay.platformPublicKeyPem,
      )
    );
  }

  const order = (outTradeNo: string, total = 2500) => ({
    appid: t.config.wechat.appId,
    mchid: t.config.wechatPay.mchId,
    description: '测试商品',
    out_trade_no: outTradeNo,
    notify_url: receiverUrl,
    amount: { total, currency: 'CNY' },
    payer: { openid: 'oSimPayer00000000000000000001' },
  });

  it('hands out its platform public key (public-key mode), which is what verifies its answers', async () => {
    const key = (await t.http().get('/__wechat/sim/pay/public-key').expect(200)).body;
    expect(key.publicKeyId).toMatch(/^PUB_KEY_ID_/);
    expect(key).toEqual({ publicKeyId: t.config.wechatPay.platformPublicKeyId, publicKeyPem: t.config.wechatPay.platformPublicKeyPem });
  });

  it('refuses unsigned, badly signed and stale requests with 401 SIGN_ERROR (signed answers)', async () => {
    const unsigned = await t.http().post('/__wechat/pay/v3/pay/transactions/jsapi').send(order('T0000001'));
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('SIGN_ERROR');
    const other = (await import('node:crypto'))
      .generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect((await call('POST', '/v3/pay/transactions/jsapi', order('T0000001'), { signWith: other })).status).toBe(401);
    const stale = await call('POST', '/v3/pay/transactions/jsapi', order('T0000001'), { timestamp: Math.floor(Date.now() / 1000) - 400 });
    expect(stale.status).toBe(401);
    expect(verified(stale as never)).toBe(true);
  });

  it('prepay, query, pay, notify with retry, refund — each answer signed by the platform key', async () => {
    const no = `T${Date.now()}`;
    const prepay = await call('POST', '/v3/pay/transactions/jsapi', order(no));
    expect(prepay.status).toBe(200);
    expect(verified(prepay as never)).toBe(true);
    const prepayId = JSON.parse(prepay.body).prepay_id;
    expect(prepayId).toMatch(/^wx\d+$/);
    expect(JSON.parse((await call('POST', '/v3/pay/transactions/jsapi', order(no))).body).prepay_id).toBe(prepayId);
    const conflict = await call('POST', '/v3/pay/transactions/jsapi', order(no, 9999));
    expect(JSON.parse(conflict.body).code).toBe('INVALID_REQUEST');

    const q1 = await call('GET', `/v3/pay/transactions/out-trade-no/${no}?mchid=${t.config.wechatPay.mchId}`);
    expect(verified(q1 as never)).toBe(true);
    expect(JSON.parse(q1.body)).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 2500 } });

    answers.push(500);
    await t.http().post('/__wechat/sim/pay').send({ out_trade_no: no, result: 'success' }).expect(200);
    const notify = await waitFor(async () => {
      const items = (await t.http().get(`/__wechat/sim/notifies?out_trade_no=${no}`)).body.items;
      return items[0]?.delivered ? items[0] : null;
    }, 'notify delivered after a retry');
    expect(notify.attempts.map((a: { status: number }) => a.status)).toEqual([500, 204]);
    const last = received[received.length - 1];
    const h = last.headers as Record<string, string>;
    expect(
      verifySha256WithRsa(
        responseSignatureMessage(h['wechatpay-timestamp'], h['wechatpay-nonce'], last.body),
        h['wechatpay-signature'],
        t.config.wechatPay.platformPublicKeyPem,
      ),
    ).toBe(true);
    const envelope = JSON.parse(last.body);
    expect(envelope).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
    const resource = JSON.parse(
      decryptAes256Gcm(t.config.wechatPay.apiV3Key, envelope.resource.nonce, envelope.resource.associated_data, envelope.resource.ciphertext),
    );
    expect(resource).toMatchObject({ out_trade_no: no, trade_state: 'SUCCESS', amount: { total: 2500 }, transaction_id: expect.stringMatching(/^\d{28}$/) });

    const close = await call('POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: t.config.wechatPay.mchId });
    expect(JSON.parse(close.body).code).toBe('ORDER_PAID');

    const refund = (amount: number, outRefundNo = randomUUID().replace(/-/g, '')) =>
      call('POST', '/v3/refund/domestic/refunds', { out_trade_no: no, out_refund_no: outRefundNo, amount: { refund: amount, total: 2500, currency: 'CNY' } });
    const r1 = await refund(1000, 'RF1');
    expect(JSON.parse(r1.body)).toMatchObject({ status: 'PROCESSING', amount: { refund: 1000 } });
    expect(JSON.parse((await refund(1000, 'RF1')).body).refund_id).toBe(JSON.parse(r1.body).refund_id);
    expect(JSON.parse((await refund(1501)).body).code).toBe('NOT_ENOUGH');
    await waitFor(async () => JSON.parse((await call('GET', '/v3/refund/domestic/refunds/RF1')).body).status === 'SUCCESS', 'refund success');
    await waitFor(async () => received.some((r) => JSON.parse(r.body).event_type === 'REFUND.SUCCESS'), 'refund notify');
    expect(JSON.parse((await call('GET', '/v3/refund/domestic/refunds/NOPE')).body).code).toBe('RESOURCE_NOT_EXISTS');
  });

  it('a lost notify sends nothing; paying a closed order needs force', async () => {
    const no = `L${Date.now()}`;
    await call('POST', '/v3/pay/transactions/jsapi', order(no));
    const before = received.length;
    await t.http().post('/__wechat/sim/pay').send({ out_trade_no: no, notify: false }).expect(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(before);

    const closed = `C${Date.now()}`;
    await call('POST', '/v3/pay/transactions/jsapi', order(closed));
    expect((await call('POST', `/v3/pay/transactions/out-trade-no/${closed}/close`, { mchid: t.config.wechatPay.mchId })).status).toBe(204);
    expect((await t.http().post('/__wechat/sim/pay').send({ out_trade_no: closed })).status).toBe(409);
    expect((await t.http().post('/__wechat/sim/pay').send({ out_trade_no: closed, force: true })).body.trade_state).toBe('SUCCESS');
  });
});
