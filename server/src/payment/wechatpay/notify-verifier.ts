import type { WechatPayConfig } from '../../config/app-config';
import { decryptAes256Gcm, responseSignatureMessage, verifySha256WithRsa } from './wechatpay-crypto';
import { MAX_CLOCK_SKEW_SECONDS } from './wechatpay-transport';

export class NotifyRejected extends Error {}

export interface VerifiedNotify {
  id: string;
  eventType: string;
  resource: Record<string, any>;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies a WeChat Pay notify as the docs require: platform key serial, timestamp freshness,
 * SHA256withRSA over timestamp\nnonce\nraw-body\n, then AEAD_AES_256_GCM decryption of the
 * resource (auth tag and associated data checked). Throws NotifyRejected with the reason.
 */
export function verifyNotify(config: WechatPayConfig, headers: HeaderBag, rawBody: string, nowMs = Date.now()): VerifiedNotify {
  const timestamp = header(headers, 'wechatpay-timestamp');
  const nonce = header(headers, 'wechatpay-nonce');
  const signature = header(headers, 'wechatpay-signature');
  const serial = header(headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) throw new NotifyRejected('missing signature headers');
  if (serial !== config.platformPublicKeyId) throw new NotifyRejected(`unknown platform key serial ${serial.slice(0, 40)}`);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
    throw new NotifyRejected('stale or invalid timestamp');
  }
  if (!verifySha256WithRsa(responseSignatureMessage(timestamp, nonce, rawBody), signature, config.platformPublicKeyPem)) {
    throw new NotifyRejected('signature does not verify');
  }
  let body: { id?: string; event_type?: string; resource?: { algorithm?: string; ciphertext?: string; nonce?: string; associated_data?: string } };
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new NotifyRejected('body is not JSON');
  }
  const resource = body.resource;
  if (!body.event_type || !resource || resource.algorithm !== 'AEAD_AES_256_GCM' || !resource.ciphertext || !resource.nonce) {
    throw new NotifyRejected('malformed notify body');
  }
  let plaintext: string;
  try {
    plaintext = decryptAes256Gcm(config.apiV3Key, resource.nonce, resource.associated_data ?? '', resource.ciphertext);
  } catch {
    throw new NotifyRejected('resource decryption failed (auth tag or associated data)');
  }
  try {
    return { id: body.id ?? '', eventType: body.event_type, resource: JSON.parse(plaintext) };
  } catch {
    throw new NotifyRejected('decrypted resource is not JSON');
  }
}
