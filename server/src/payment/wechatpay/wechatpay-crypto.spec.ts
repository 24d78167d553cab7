import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  decryptAes256Gcm,
  encryptAes256Gcm,
  parseAuthorizationHeader,
  authorizationHeader,
  paySignMessage,
  requestSignatureMessage,
  responseSignatureMessage,
  signSha256WithRsa,
  verifySha256WithRsa,
} from './wechatpay-crypto';

/** The team kit's known-answer vectors (a copy of ../shared/vectors/wechatpay-v3.json: public test data, not secrets). */
const VECTORS_PATH = path.join(__dirname, '__fixtures__', 'wechatpay-v3.vectors.json');
const vectors = JSON.parse(fs.readFileSync(VECTORS_PATH, 'utf8'));
const merchantKey: string = vectors.merchantPrivateKeyPem;
const merchantPublic = createPublicKey(merchantKey).export({ type: 'spki', format: 'pem' }).toString();

describe('WeChat Pay v3 known-answer vectors', () => {
  it('builds and signs the JSAPI paySign message exactly', () => {
    const v = vectors.paySignJsapi;
    const message = paySignMessage(v.appId, v.timeStamp, v.nonceStr, v.package);
    expect(message).toBe(v.message);
    expect(signSha256WithRsa(message, merchantKey)).toBe(v.expectedPaySign);
    expect(verifySha256WithRsa(message, v.expectedPaySign, merchantPublic)).toBe(true);
  });

  it('builds and signs the request signature message exactly', () => {
    const v = vectors.requestSignature;
    const message = requestSignatureMessage(v.method, v.url, v.timestamp, v.nonce, v.body);
    expect(message).toBe(v.message);
    expect(signSha256WithRsa(message, merchantKey)).toBe(v.expectedSignature);
  });

  it('decrypts the GCM vector and refuses a tampered tag, AAD, nonce or key', () => {
    const v = vectors.gcmDecrypt;
    expect(decryptAes256Gcm(v.key, v.nonce, v.associatedData, v.ciphertext)).toBe(v.plaintext);
    const raw = Buffer.from(v.ciphertext, 'base64');
    const flippedTag = Buffer.from(raw);
    flippedTag[flippedTag.length - 1] ^= 0x01;
    expect(() => decryptAes256Gcm(v.key, v.nonce, v.associatedData, flippedTag.toString('base64'))).toThrow();
    const flippedBody = Buffer.from(raw);
    flippedBody[0] ^= 0x01;
    expect(() => decryptAes256Gcm(v.key, v.nonce, v.associatedData, flippedBody.toString('base64'))).toThrow();
    expect(() => decryptAes256Gcm(v.key, v.nonce, 'wrong', v.ciphertext)).toThrow();
    expect(() => decryptAes256Gcm(v.key, 'fedcba9876543210', v.associatedData, v.ciphertext)).toThrow();
    expect(() => decryptAes256Gcm('f'.repeat(32), v.nonce, v.associatedData, v.ciphertext)).toThrow();
  });
});

describe('round trips', () => {
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platformPrivate = platform.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const platformPublic = platform.publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('verifies a response signature and rejects any change to timestamp, nonce or body', () => {
    const body = '{"out_trade_no":"T1","trade_state":"SUCCESS"}';
    const signature = signSha256WithRsa(responseSignatureMessage('1700000000', 'N1', body), platformPrivate);
    expect(verifySha256WithRsa(responseSignatureMessage('1700000000', 'N1', body), signature, platformPublic)).toBe(true);
    expect(verifySha256WithRsa(responseSignatureMessage('1700000001', 'N1', body), signature, platformPublic)).toBe(false);
    expect(verifySha256WithRsa(responseSignatureMessage('1700000000', 'N2', body), signature, platformPublic)).toBe(false);
    expect(verifySha256WithRsa(responseSignatureMessage('1700000000', 'N1', body + ' '), signature, platformPublic)).toBe(false);
    expect(verifySha256WithRsa('x', 'not base64!', platformPublic)).toBe(false);
  });

  it('encrypts and decrypts a notify resource', () => {
    const key = 'abcdefghijklmnopqrstuvwxyz012345';
    const resource = encryptAes256Gcm(key, '{"a":1}', 'transaction');
    expect(decryptAes256Gcm(key, resource.nonce, resource.associated_data, resource.ciphertext)).toBe('{"a":1}');
  });

  it('formats and parses the Authorization header', () => {
    const header = authorizationHeader({ mchid: '1900007291', serialNo: 'ABC', nonce: 'N', timestamp: '1', signature: 'S==' });
    expect(parseAuthorizationHeader(header)).toEqual({ mchid: '1900007291', serial_no: 'ABC', nonce_str: 'N', timestamp: '1', signature: 'S==' });
    expect(parseAuthorizationHeader('Bearer x')).toBeNull();
  });
});
