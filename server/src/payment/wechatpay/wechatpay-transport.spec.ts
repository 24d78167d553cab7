import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '../../config/app-config';
import { responseSignatureMessage, signSha256WithRsa } from './wechatpay-crypto';
import { VerifyingWechatPayTransport, WechatPayVerificationError } from './wechatpay-transport';

describe('VerifyingWechatPayTransport.verify', () => {
  const config = loadConfig({});
  const transport = new VerifyingWechatPayTransport(config.wechatPay, () => 1_700_000_000_000);
  const signed = (body: string, overrides: Partial<Record<string, string>> = {}, key = config.simulator!.platformPrivateKeyPem) => {
    const ts = overrides.ts ?? '1700000000';
    const headers = new Headers({
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': 'N1',
      'wechatpay-serial': overrides.serial ?? config.wechatPay.platformPublicKeyId,
      'wechatpay-signature': signSha256WithRsa(responseSignatureMessage(ts, 'N1', body), key),
    });
    return headers;
  };

  it('accepts a response signed by the platform key', () => {
    expect(() => transport.verify(signed('{"a":1}'), '{"a":1}')).not.toThrow();
  });

  it.each([
    ['an altered body', signed('{"a":1}'), '{"a":2}'],
    ['an unknown serial', signed('{}', { serial: 'PUB_KEY_ID_OTHER' }), '{}'],
    ['a stale timestamp', signed('{}', { ts: '1699999000' }), '{}'],
    ['another key', signed('{}', {}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), '{}'],
    ['no signature at all', new Headers(), '{}'],
  ])('refuses %s', (_name, headers, body) => {
    expect(() => transport.verify(headers, body)).toThrow(WechatPayVerificationError);
  });
});
