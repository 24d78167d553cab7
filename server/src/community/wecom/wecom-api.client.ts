import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { wecomConfigOf, type WecomConfig } from './wecom-config';

interface WecomBody {
  errcode?: number;
  errmsg?: string;
}

export interface WecomJoinWay {
  config_id: string;
  scene: number;
  remark?: string;
  auto_create_room: number;
  room_base_name?: string;
  room_base_id?: number;
  chat_id_list: string[];
  qr_code: string;
  state?: string;
}

export interface WecomGroupChat {
  chat_id: string;
  name: string;
  owner: string;
  create_time: number;
  member_list: { userid: string; type: number; join_time: number; join_scene: number; unionid?: string; state?: string }[];
}

const STALE_TOKEN = new Set([40014, 42001]);

/** Our door to the WeCom API (qyapi.weixin.qq.com/cgi-bin), or to the simulator in simulator mode. */
@Injectable()
export class WecomApiClient {
  private readonly logger = new Logger('WecomApi');
  private readonly wecom: WecomConfig;
  private token: { value: string; expiresAt: number } | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.wecom = wecomConfigOf(config);
  }

  get enabled(): boolean {
    return this.wecom.enabled;
  }

  /** scene 2 = a QR code; auto_create_room makes a new group when all are full. */
  async addJoinWay(input: { chatIds: string[]; remark: string; state: string; roomBaseName: string; roomBaseId: number }): Promise<string> {
    const body = await this.call<{ config_id: string }>('externalcontact/groupchat/add_join_way', {
      scene: 2,
      remark: input.remark.slice(0, 30),
      auto_create_room: 1,
      room_base_name: input.roomBaseName.slice(0, 40),
      room_base_id: input.roomBaseId,
      chat_id_list: input.chatIds,
      state: input.state.slice(0, 30),
    });
    return body.config_id;
  }

  async getJoinWay(configId: string): Promise<WecomJoinWay> {
    return (await this.call<{ join_way: WecomJoinWay }>('externalcontact/groupchat/get_join_way', { config_id: configId })).join_way;
  }

  async delJoinWay(configId: string): Promise<void> {
    await this.call('externalcontact/groupchat/del_join_way', { config_id: configId });
  }

  async listGroupChats(cursor = '', limit = 100): Promise<{ chats: { chat_id: string; status: number }[]; nextCursor: string }> {
    const body = await this.call<{ group_chat_list: { chat_id: string; status: number }[]; next_cursor?: string }>('externalcontact/groupchat/list', {
      status_filter: 0,
      cursor,
      limit,
    });
    return { chats: body.group_chat_list, nextCursor: body.next_cursor ?? '' };
  }

  async getGroupChat(chatId: string): Promise<WecomGroupChat> {
    return (await this.call<{ group_chat: WecomGroupChat }>('externalcontact/groupchat/get', { chat_id: chatId, need_name: 0 })).group_chat;
  }

  /** A 联系我 QR for one staff member (type 1 = single, scene 2 = QR). */
  async addContactWay(userId: string, state: string): Promise<{ configId: string; qrCode: string }> {
    const body = await this.call<{ config_id: string; qr_code: string }>('externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: [userId],
      state: state.slice(0, 30),
      skip_verify: true,
    });
    return { configId: body.config_id, qrCode: body.qr_code };
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const query = new URLSearchParams({ corpid: this.wecom.corpId, corpsecret: this.wecom.secret });
    const body = await this.request<{ access_token?: string; expires_in?: number }>(`/cgi-bin/gettoken?${query}`);
    if (body.errcode || !body.access_token) this.fail('gettoken', body);
    this.token = { value: body.access_token, expiresAt: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  private async call<T>(api: string, payload: unknown): Promise<T & WecomBody> {
    if (!this.enabled) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '未配置企业微信');
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken(attempt > 0);
      const body = await this.request<T>(`/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`, payload);
      if (body.errcode && STALE_TOKEN.has(body.errcode) && attempt === 0) continue;
      if (body.errcode) this.fail(api, body);
      return body;
    }
  }

  private async request<T>(pathAndQuery: string, payload?: unknown): Promise<T & WecomBody> {
    const base = this.wecom.apiBaseUrl();
    if (!base) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '企业微信服务地址未配置');
    let response: Response;
    try {
      response = await fetch(base + pathAndQuery, {
        method: payload === undefined ? 'GET' : 'POST',
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(8000),
      });
    } catch (error) {
      this.logger.warn({ msg: 'wecom request failed', path: pathAndQuery.split('?')[0], error: (error as Error).message });
      throw new AppError(ErrorCode.WECHAT_API_ERROR);
    }
    if (!response.ok) throw new AppError(ErrorCode.WECHAT_API_ERROR);
    return (await response.json()) as T & WecomBody;
  }

  private fail(api: string, body: WecomBody): never {
    this.logger.warn({ msg: 'wecom api error', api, errcode: body.errcode, errmsg: body.errmsg });
    throw new AppError(ErrorCode.WECHAT_API_ERROR, '企业微信接口出错', { api, errcode: body.errcode });
  }
}
