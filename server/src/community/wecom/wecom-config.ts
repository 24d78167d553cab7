import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';

/**
 * Enterprise WeChat (WeCom) settings. Live: WECOM_CORP_ID, WECOM_SECRET (the customer-contact
 * secret), WECOM_CALLBACK_TOKEN, WECOM_ENCODING_AES_KEY (43 chars) and optionally WECOM_API_BASE_URL;
 * without them WeCom is off and joins are confirmed by the member or by staff. In simulator mode the
 * credentials are made up once per process and the API is the simulator's /__wechat/wecom.
 */
export interface WecomConfig {
  enabled: boolean;
  corpId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
  /** Resolved per call: in simulator mode the base URL is known only after listen. */
  apiBaseUrl(): string | null;
  /** Callbacks older than this (seconds) are refused as stale. */
  maxCallbackAgeSeconds: number;
}

const cache = new WeakMap<AppConfig, WecomConfig>();

export function wecomConfigOf(config: AppConfig, env: NodeJS.ProcessEnv = process.env): WecomConfig {
  const known = cache.get(config);
  if (known) return known;
  const simulator = config.wechat.mode === 'simulator';
  const corpId = env.WECOM_CORP_ID ?? (simulator ? 'wwsim0000000000001' : '');
  const secret = env.WECOM_SECRET ?? (simulator ? randomBytes(16).toString('hex') : '');
  const token = env.WECOM_CALLBACK_TOKEN ?? (simulator ? randomBytes(12).toString('hex') : '');
  const encodingAesKey = env.WECOM_ENCODING_AES_KEY ?? (simulator ? randomBytes(32).toString('base64').slice(0, 43) : '');
  if (encodingAesKey && !/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new Error('WECOM_ENCODING_AES_KEY must be 43 base64 characters');
  const base = env.WECOM_API_BASE_URL ?? (simulator ? null : 'https://qyapi.weixin.qq.com');
  const result: WecomConfig = {
    enabled: Boolean(corpId && secret && token && encodingAesKey),
    corpId,
    secret,
    token,
    encodingAesKey,
    apiBaseUrl: () => base ?? (config.wechat.apiBaseUrl ? `${config.wechat.apiBaseUrl}/wecom` : null),
    maxCallbackAgeSeconds: 300,
  };
  cache.set(config, result);
  return result;
}
