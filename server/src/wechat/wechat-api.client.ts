import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@mall/shared';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';

export interface Code2SessionResult {
  openid: string;
  unionid?: string;
  /** Never logged, never returned to clients. */
  sessionKey: string;
}

export interface SubscribeMessage {
  toOpenid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  /** developer | trial | formal: which version of the mini-program the message opens. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

interface WechatErrorBody {
  errcode?: number;
  errmsg?: string;
}

/** errcodes meaning the login/phone code itself is bad (invalid, used, expired). */
const INVALID_CODE_ERRCODES = new Set([40029, 40163, 40226, 40013]);
/** errcodes meaning our access token is stale: fetch a fresh one and retry once. */
const STALE_TOKEN_ERRCODES = new Set([40001, 42001, 40014]);

/**
 * The server's only door to the WeChat API. It knows a base URL and credentials and nothing
 * about the simulator: in simulator mode the base URL simply points at /__wechat.
 */
@Injectable()
export class WechatApiClient {
  private readonly logger = new Logger('WechatApi');
  private cachedToken: { value: string; expiresAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<Code2SessionResult> {
    const { appId, appSecret } = this.config.wechat;
    const query = new URLSearchParams({ appid: appId, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.getJson<WechatErrorBody & { openid?: string; unionid?: string; session_key?: string }>(`/sns/jscode2session?${query}`);
    if (body.errcode) this.fail('jscode2session', body);
    if (!body.openid || !body.session_key) throw new AppError(ErrorCode.WECHAT_API_ERROR, '微信登录返回数据不完整');
    return { openid: body.openid, unionid: body.unionid || undefined, sessionKey: body.session_key };
  }

  async getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }> {
    const body = await this.withAccessToken((token) =>
      this.postJson<WechatErrorBody & { phone_info?: { phoneNumber: string; purePhoneNumber: string; countryCode: string } }>(
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        { code },
      ),
    );
    if (body.errcode) this.fail('getuserphonenumber', body);
    if (!body.phone_info?.purePhoneNumber) throw new AppError(ErrorCode.WECHAT_API_ERROR, '微信未返回手机号');
    return body.phone_info;
  }

  /** wxacode.getUnlimited: a mini-program code image (PNG) carrying `scene` (≤ 32 visible chars). */
  async getUnlimitedQrCode(params: { scene: string; page?: string; width?: number; checkPath?: boolean }): Promise<Buffer> {
    return this.withAccessTokenRaw(async (token) => {
      const response = await this.fetch(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene: params.scene, page: params.page, width: params.width ?? 430, check_path: params.checkPath ?? false }),
      });
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.includes('json')) return { error: (await response.json()) as WechatErrorBody };
      return { value: Buffer.from(await response.arrayBuffer()) };
    }, 'getwxacodeunlimit');
  }

  async sendSubscribeMessage(params: SubscribeMessage): Promise<void> {
    const body = await this.trySendSubscribeMessage(params);
    if (body.errcode) this.fail('subscribeMessage.send', body);
  }

  /**
   * subscribeMessage.send, answering WeChat's errcode instead of throwing on it (0 = sent), so the
   * caller can record why a message was refused (43101 no consent, 40037 bad template, 47003 data).
   * A transport failure still throws.
   */
  async trySendSubscribeMessage(params: SubscribeMessage): Promise<{ errcode: number; errmsg: string }> {
    const body = await this.withAccessToken((token) =>
      this.postJson<WechatErrorBody>(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        touser: params.toOpenid,
        template_id: params.templateId,
        page: params.page,
        data: params.data,
        miniprogram_state: params.miniprogramState ?? 'formal',
      }),
    );
    if (body.errcode) this.logger.warn({ msg: 'wechat api error', api: 'subscribeMessage.send', errcode: body.errcode, errmsg: body.errmsg });
    return { errcode: body.errcode ?? 0, errmsg: body.errmsg ?? 'ok' };
  }

  /** subscribeMessage.getTemplateList: the subscribe templates added to the mini-program account. */
  async getSubscribeTemplates(): Promise<{ priTmplId: string; title: string; content: string; type: number }[]> {
    const body = await this.withAccessToken((token) =>
      this.getJson<WechatErrorBody & { data?: { priTmplId: string; title: string; content: string; type: number }[] }>(
        `/wxaapi/newtmpl/gettemplate?access_token=${encodeURIComponent(token)}`,
      ),
    );
    if (body.errcode) this.fail('subscribeMessage.getTemplateList', body);
    return body.data ?? [];
  }

  /** Stable access token (does not invalidate other instances' tokens), cached until shortly before expiry. */
  async getAccessToken(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.cachedToken && this.cachedToken.expiresAt > Date.now()) return this.cachedToken.value;
    if (!this.tokenInFlight) {
      this.tokenInFlight = this.fetchAccessToken(forceRefresh).finally(() => (this.tokenInFlight = null));
    }
    return this.tokenInFlight;
  }

  private async fetchAccessToken(forceRefresh: boolean): Promise<string> {
    const { appId, appSecret } = this.config.wechat;
    const body = await this.postJson<WechatErrorBody & { access_token?: string; expires_in?: number }>('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: appId,
      secret: appSecret,
      force_refresh: forceRefresh,
    });
    if (body.errcode || !body.access_token) this.fail('stable_token', body);
    const lifetimeMs = Math.max(60, (body.expires_in ?? 7200) - 300) * 1000;
    this.cachedToken = { value: body.access_token!, expiresAt: Date.now() + lifetimeMs };
    return body.access_token!;
  }

  private async withAccessToken<T extends WechatErrorBody>(call: (token: string) => Promise<T>): Promise<T> {
    const first = await call(await this.getAccessToken());
    if (!first.errcode || !STALE_TOKEN_ERRCODES.has(first.errcode)) return first;
    this.cachedToken = null;
    return call(await this.getAccessToken(true));
  }

  private async withAccessTokenRaw<T>(call: (token: string) => Promise<{ value?: T; error?: WechatErrorBody }>, api: string): Promise<T> {
    let result = await call(await this.getAccessToken());
    if (result.error?.errcode && STALE_TOKEN_ERRCODES.has(result.error.errcode)) {
      this.cachedToken = null;
      result = await call(await this.getAccessToken(true));
    }
    if (result.error) this.fail(api, result.error);
    return result.value as T;
  }

  private baseUrl(): string {
    const base = this.config.wechat.apiBaseUrl;
    if (!base) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '微信服务地址未配置');
    return base;
  }

  private async fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(this.baseUrl() + pathAndQuery, { ...init, signal: AbortSignal.timeout(8000) });
    } catch (error) {
      this.logger.warn({ msg: 'wechat request failed', path: pathAndQuery.split('?')[0], error: (error as Error).message });
      throw new AppError(ErrorCode.WECHAT_API_ERROR);
    }
  }

  private async getJson<T>(pathAndQuery: string): Promise<T> {
    const response = await this.fetch(pathAndQuery);
    return this.parse<T>(response, pathAndQuery);
  }

  private async postJson<T>(pathAndQuery: string, payload: unknown): Promise<T> {
    const response = await this.fetch(pathAndQuery, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return this.parse<T>(response, pathAndQuery);
  }

  private async parse<T>(response: Response, pathAndQuery: string): Promise<T> {
    if (!response.ok) {
      this.logger.warn({ msg: 'wechat http error', path: pathAndQuery.split('?')[0], status: response.status });
      throw new AppError(ErrorCode.WECHAT_API_ERROR);
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new AppError(ErrorCode.WECHAT_API_ERROR, '微信返回了无法解析的数据');
    }
  }

  private fail(api: string, body: WechatErrorBody): never {
    this.logger.warn({ msg: 'wechat api error', api, errcode: body.errcode, errmsg: body.errmsg });
    if (body.errcode && INVALID_CODE_ERRCODES.has(body.errcode)) {
      throw new AppError(ErrorCode.WECHAT_CODE_INVALID, undefined, { errcode: body.errcode });
    }
    throw new AppError(ErrorCode.WECHAT_API_ERROR, undefined, { api, errcode: body.errcode });
  }
}
