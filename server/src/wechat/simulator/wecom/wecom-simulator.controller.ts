import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import * as QRCode from 'qrcode';
import { Public } from '../../../common/auth/auth.decorators';
import { wecomConfigOf, type WecomConfig } from '../../../community/wecom/wecom-config';
import { cdata, encryptWecom, msgSignature } from '../../../community/wecom/wecom-crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { SimulatorAccessGuard } from '../simulator-access.guard';
import { simulatedUnionid } from '../simulator-state';
import { SIM_ROOM_LIMIT, WecomSimulatorState, type SimChat, type SimJoinWay } from './wecom-simulator.state';

type Json = Record<string, unknown>;

const ERR = {
  invalidCorp: { errcode: 40013, errmsg: 'invalid corpid' },
  invalidSecret: { errcode: 40001, errmsg: 'invalid secret' },
  invalidToken: { errcode: 40014, errmsg: 'invalid access_token' },
  invalidConfigId: { errcode: 41044, errmsg: 'invalid config_id' },
  invalidChatId: { errcode: 40050, errmsg: 'chatid not found' },
  argument: (detail: string) => ({ errcode: 40058, errmsg: `invalid Request Parameter: ${detail}` }),
};

/**
 * Plays enterprise WeChat (WeCom) under /__wechat/wecom/cgi-bin (simulator mode only): access
 * token, customer-group join ways, group chat list/get, 联系我 contact ways, and the
 * `change_external_chat` callback, signed and AES-encrypted with the EncodingAESKey as WeCom does.
 * /__wechat/wecom/sim/* are the simulator's own controls (a member scans a join way).
 */
@ApiExcludeController()
@Public()
@UseGuards(SimulatorAccessGuard)
@Controller('__wechat/wecom')
export class WecomSimulatorController {
  private readonly wecom: WecomConfig;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: WecomSimulatorState,
  ) {
    this.wecom = wecomConfigOf(config);
  }

  @Get('cgi-bin/gettoken')
  token(@Query() query: Json): Json {
    if (query.corpid !== this.wecom.corpId) return ERR.invalidCorp;
    if (query.corpsecret !== this.wecom.secret) return ERR.invalidSecret;
    return { errcode: 0, errmsg: 'ok', ...this.state.issueToken() };
  }

  @Post('cgi-bin/externalcontact/groupchat/add_join_way')
  @HttpCode(200)
  addJoinWay(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    if (body.scene !== 1 && body.scene !== 2) return ERR.argument('scene');
    const chatIds = Array.isArray(body.chat_id_list) ? (body.chat_id_list as unknown[]).filter((c): c is string => typeof c === 'string') : [];
    if (chatIds.length > 5) return ERR.argument('chat_id_list');
    if (chatIds.some((c) => !this.state.chats.has(c))) return ERR.invalidChatId;
    const autoCreateRoom = body.auto_create_room === 1;
    if (chatIds.length === 0 && !autoCreateRoom) return ERR.argument('chat_id_list');
    if (typeof body.state === 'string' && body.state.length > 30) return ERR.argument('state');
    const way: SimJoinWay = {
      configId: this.state.newId(''),
      scene: body.scene,
      remark: typeof body.remark === 'string' ? body.remark : '',
      autoCreateRoom,
      roomBaseName: typeof body.room_base_name === 'string' ? body.room_base_name : '群聊',
      roomBaseId: typeof body.room_base_id === 'number' ? body.room_base_id : 1,
      chatIds,
      state: typeof body.state === 'string' ? body.state : '',
    };
    if (way.chatIds.length === 0) way.chatIds.push(this.state.newChat(`${way.roomBaseName}${way.roomBaseId}`).chatId);
    this.state.joinWays.set(way.configId, way);
    return { errcode: 0, errmsg: 'ok', config_id: way.configId };
  }

  @Post('cgi-bin/externalcontact/groupchat/get_join_way')
  @HttpCode(200)
  getJoinWay(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    const way = this.state.joinWays.get(String(body.config_id));
    if (!way) return ERR.invalidConfigId;
    return {
      errcode: 0,
      errmsg: 'ok',
      join_way: {
        config_id: way.configId,
        scene: way.scene,
        remark: way.remark,
        auto_create_room: way.autoCreateRoom ? 1 : 0,
        room_base_name: way.roomBaseName,
        room_base_id: way.roomBaseId,
        chat_id_list: way.chatIds,
        qr_code: `${this.config.wechat.apiBaseUrl}/wecom/sim/qr/${way.configId}.png`,
        state: way.state,
      },
    };
  }

  @Post('cgi-bin/externalcontact/groupchat/del_join_way')
  @HttpCode(200)
  delJoinWay(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    if (!this.state.joinWays.delete(String(body.config_id))) return ERR.invalidConfigId;
    return { errcode: 0, errmsg: 'ok' };
  }

  @Post('cgi-bin/externalcontact/groupchat/list')
  @HttpCode(200)
  listChats(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    const limit = typeof body.limit === 'number' && body.limit >= 1 && body.limit <= 1000 ? body.limit : 100;
    const all = [...this.state.chats.values()];
    const start = typeof body.cursor === 'string' && body.cursor ? Number(body.cursor) : 0;
    const page = all.slice(start, start + limit);
    return {
      errcode: 0,
      errmsg: 'ok',
      group_chat_list: page.map((c) => ({ chat_id: c.chatId, status: 0 })),
      next_cursor: start + limit < all.length ? String(start + limit) : '',
    };
  }

  @Post('cgi-bin/externalcontact/groupchat/get')
  @HttpCode(200)
  getChat(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    const chat = this.state.chats.get(String(body.chat_id));
    if (!chat) return ERR.invalidChatId;
    return {
      errcode: 0,
      errmsg: 'ok',
      group_chat: {
        chat_id: chat.chatId,
        name: chat.name,
        owner: chat.owner,
        create_time: chat.createTime,
        member_list: chat.members,
        admin_list: [],
        member_version: String(chat.memberVersion),
      },
    };
  }

  @Post('cgi-bin/externalcontact/add_contact_way')
  @HttpCode(200)
  addContactWay(@Query('access_token') token: string, @Body() body: Json): Json {
    if (!this.state.tokenValid(token)) return ERR.invalidToken;
    const users = Array.isArray(body.user) ? (body.user as unknown[]).filter((u): u is string => typeof u === 'string') : [];
    if (body.type !== 1 || users.length !== 1) return ERR.argument('user');
    if (body.scene !== 1 && body.scene !== 2) return ERR.argument('scene');
    const configId = this.state.newId('');
    this.state.contactWays.set(configId, { configId, user: users, state: typeof body.state === 'string' ? body.state : '' });
    return { errcode: 0, errmsg: 'ok', config_id: configId, qr_code: `${this.config.wechat.apiBaseUrl}/wecom/sim/qr/${configId}.png` };
  }

  @Get('sim/qr/:name')
  @Header('content-type', 'image/png')
  async qr(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const configId = name.replace(/\.png$/, '');
    const png = await QRCode.toBuffer(`https://work.weixin.qq.com/gm/${configId}`, { width: 360, margin: 2 });
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    res.end(png);
  }

  /**
   * A WeChat user scans a join way and enters a chat (a new room when all are full and
   * auto_create_room is on); WeCom then calls back. `timestampOffsetSeconds` sends it stale.
   */
  @Post('sim/scan')
  @HttpCode(200)
  async scan(@Body() body: Json): Promise<Json> {
    const way = this.state.joinWays.get(String(body.configId));
    if (!way) return ERR.invalidConfigId;
    if (typeof body.user !== 'string' || !body.user) return ERR.argument('user');
    const unionid = simulatedUnionid(body.user);
    const userid = `wm${unionid.slice(-16)}`;
    let chat = way.chatIds.map((id) => this.state.chats.get(id)!).find((c) => c && c.members.length < SIM_ROOM_LIMIT);
    if (!chat) {
      if (!way.autoCreateRoom) return { errcode: 0, errmsg: 'ok', joined: false, reason: 'all groups full' };
      way.roomBaseId += 1;
      chat = this.state.newChat(`${way.roomBaseName}${way.roomBaseId}`);
      way.chatIds.push(chat.chatId);
    }
    if (!chat.members.some((m) => m.userid === userid)) {
      chat.members.push({ userid, type: 2, join_time: Math.floor(Date.now() / 1000), join_scene: 3, unionid, state: way.state });
      chat.memberVersion += 1;
    }
    const sent = await this.sendChatChange(chat, [userid], Number(body.timestampOffsetSeconds ?? 0));
    return { errcode: 0, errmsg: 'ok', joined: true, chatId: chat.chatId, callback: sent };
  }

  /** The change_external_chat event, as WeCom posts it: XML with Encrypt, and msg_signature/timestamp/nonce in the query. */
  private async sendChatChange(
    chat: SimChat,
    userids: string[],
    timestampOffsetSeconds: number,
  ): Promise<{ status: number; query: Record<string, string>; body: string }> {
    const now = Math.floor(Date.now() / 1000);
    const inner =
      `<xml><ToUserName>${cdata(this.wecom.corpId)}</ToUserName><FromUserName>${cdata('sys')}</FromUserName>` +
      `<CreateTime>${now}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata('change_external_chat')}</Event>` +
      `<ChatId>${cdata(chat.chatId)}</ChatId><ChangeType>${cdata('update')}</ChangeType><UpdateDetail>${cdata('add_member')}</UpdateDetail>` +
      `<JoinScene>3</JoinScene><MemChangeCnt>${userids.length}</MemChangeCnt>` +
      `<MemChangeList>${userids.map((u) => `<Item>${cdata(u)}</Item>`).join('')}</MemChangeList>` +
      `<LastMemVer>${cdata(String(chat.memberVersion - 1))}</LastMemVer><CurMemVer>${cdata(String(chat.memberVersion))}</CurMemVer></xml>`;
    const encrypt = encryptWecom(this.wecom.encodingAesKey, this.wecom.corpId, inner);
    const timestamp = String(now + timestampOffsetSeconds);
    const nonce = randomBytes(5).toString('hex');
    const query = { msg_signature: msgSignature(this.wecom.token, timestamp, nonce, encrypt), timestamp, nonce };
    const body = `<xml><ToUserName>${cdata(this.wecom.corpId)}</ToUserName><AgentID>${cdata('')}</AgentID><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
    const url = `${this.config.wechat.apiBaseUrl!.replace(/\/__wechat$/, '')}/api/community/wecom/callback?${new URLSearchParams(query)}`;
    let status = 0;
    try {
      status = (await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body, signal: AbortSignal.timeout(5000) })).status;
    } catch {
      status = 0;
    }
    this.state.callbacks.push({ query, body, status });
    return { status, query, body };
  }
}
