// The bundled WeChat simulator as a separate process playing WeChat for servers in live mode (the benchmarks and
// pnpm test:cluster): one set of keys on disk that both sides read, and the live-mode settings that point at it.
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Merchant and platform keys plus the APIv3 key, in the files WECHAT_SIM_KEYS_DIR reads (see app-config). */
export function writeSimKeys(tmp) {
  const dir = path.join(tmp, 'wechat-keys');
  fs.mkdirSync(dir, { recursive: true });
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'merchant.pem'), merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'platform.pem'), platform.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(tmp, 'platform.pub.pem'), platform.publicKey.export({ type: 'spki', format: 'pem' }));
  const apiV3Key = 'b'.repeat(32);
  fs.writeFileSync(path.join(dir, 'apiv3.key'), apiV3Key);
  return { dir, apiV3Key, platformPublicKeyPath: path.join(tmp, 'platform.pub.pem') };
}

/** The measured server in live mode against the simulator, with the simulator's merchant serial and keys. */
export function liveWechatEnv({ simPort, keys, notifyUrl }) {
  return {
    WECHAT_MODE: 'live',
    WECHAT_API_BASE_URL: `http://127.0.0.1:${simPort}/__wechat`,
    WECHATPAY_API_BASE_URL: `http://127.0.0.1:${simPort}/__wechat/pay`,
    WECHATPAY_MCH_ID: '1900000109',
    WECHATPAY_MCH_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    WECHATPAY_PRIVATE_KEY_PATH: path.join(keys.dir, 'merchant.pem'),
    WECHATPAY_API_V3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000001092026112200000000SIM',
    WECHATPAY_PUBLIC_KEY_PATH: keys.platformPublicKeyPath,
    WECHATPAY_NOTIFY_URL: notifyUrl,
  };
}
