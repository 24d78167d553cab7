import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';

/** A complete live-mode environment with real (throwaway) key files. */
export function liveEnv(): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-keys-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'apiclient_key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'pub_key.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    WECHAT_APP_ID: 'wx123',
    WECHAT_APP_SECRET: 'secret',
    WECHATPAY_MCH_ID: '1900000109',
    WECHATPAY_MCH_SERIAL_NO: 'ABCDEF0123456789',
    WECHATPAY_PRIVATE_KEY_PATH: path.join(dir, 'apiclient_key.pem'),
    WECHATPAY_API_V3_KEY: 'k'.repeat(32),
    WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0001',
    WECHATPAY_PUBLIC_KEY_PATH: path.join(dir, 'pub_key.pem'),
    WECHATPAY_NOTIFY_URL: 'https://mall.example.com/api/payments/wechat/notify',
  };
}
