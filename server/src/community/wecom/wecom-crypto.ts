import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's callback crypto (the WXBizMsgCrypt scheme): msg_signature = sha1 of the sorted
 * [token, timestamp, nonce, encrypt] joined; the payload is AES-256-CBC with key =
 * base64(EncodingAESKey + '='), IV = the key's first 16 bytes, PKCS#7 padded to 32-byte blocks, over
 * random(16) + msg_len(4 bytes big-endian) + msg + receiveid (the CorpID).
 */
const BLOCK = 32;

export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (encodingAesKey.length !== 43 || key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters');
  return key;
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function encryptWecom(encodingAesKey: string, receiveId: string, message: string, random = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const plain = Buffer.concat([random, len, msg, Buffer.from(receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The message inside `encrypt`, checked to be addressed to `receiveId`; throws on anything malformed. */
export function decryptWecom(encodingAesKey: string, receiveId: string, encrypt: string): string {
  const key = aesKeyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > BLOCK || pad > padded.length) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('too short');
  const len = plain.readUInt32BE(16);
  if (20 + len > plain.length) throw new Error('bad length');
  const message = plain.subarray(20, 20 + len).toString('utf8');
  const to = plain.subarray(20 + len).toString('utf8');
  if (to !== receiveId) throw new Error('receiveid mismatch');
  return message;
}

/** The text of `<Tag><![CDATA[…]]></Tag>` or `<Tag>…</Tag>` (WeCom's flat callback XML). */
export function xmlField(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${tag}>`).exec(xml);
  return match ? (match[1] ?? match[2] ?? '') : null;
}

export function cdata(value: string | number): string {
  return typeof value === 'number' ? String(value) : `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
