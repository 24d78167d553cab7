import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Pay API v3 cryptography, written against the spec (签名与验签规则, 回调报文解密) rather than
 * taken from wechatpay-node-v3, whose GCM decryption never checks the auth tag.
 */

/** Request signature message: METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n (BODY empty for GET). */
export function requestSignatureMessage(method: string, urlPathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${urlPathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** Response / notify signature message: TIMESTAMP\nNONCE\nBODY\n. */
export function responseSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** JSAPI paySign message: appId\ntimeStamp\nnonceStr\npackage\n. */
export function paySignMessage(appId: string, timeStamp: string, nonceStr: string, pkg: string): string {
  return `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
}

export function signSha256WithRsa(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKeyPem, 'base64');
}

export function verifySha256WithRsa(message: string, signatureBase64: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKeyPem, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

export function authorizationHeader(params: { mchid: string; serialNo: string; nonce: string; timestamp: string; signature: string }): string {
  return (
    `WECHATPAY2-SHA256-RSA2048 mchid="${params.mchid}",nonce_str="${params.nonce}",` +
    `signature="${params.signature}",timestamp="${params.timestamp}",serial_no="${params.serialNo}"`
  );
}

/** Parses `WECHATPAY2-SHA256-RSA2048 k="v",…`; null when malformed. */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  if (!header || !header.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return null;
  const out: Record<string, string> = {};
  for (const match of header.slice('WECHATPAY2-SHA256-RSA2048 '.length).matchAll(/(\w+)="([^"]*)"/g)) out[match[1]] = match[2];
  return ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'].every((k) => k in out) ? out : null;
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  nonce: string;
  original_type?: string;
}

/**
 * AEAD_AES_256_GCM with the 32-byte APIv3 key. ciphertext is base64(encrypted || 16-byte tag).
 * Throws when the tag, key, nonce or associated data do not match — a tampered message is refused.
 */
export function decryptAes256Gcm(apiV3Key: string, nonce: string, associatedData: string, ciphertextBase64: string): string {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('APIv3 key must be 32 bytes');
  const data = Buffer.from(ciphertextBase64, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const tag = data.subarray(data.length - 16);
  const encrypted = data.subarray(0, data.length - 16);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'));
  decipher.setAuthTag(tag);
  decipher.setAAD(Buffer.from(associatedData ?? '', 'utf8'));
  return Buffer.concat([decipher.update(encrypted), decipher.final()]).toString('utf8');
}

export function encryptAes256Gcm(apiV3Key: string, plaintext: string, associatedData: string, nonce = randomNonce(12)): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce };
}

/** Alphanumeric nonce of `length` characters. */
export function randomNonce(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

export function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
