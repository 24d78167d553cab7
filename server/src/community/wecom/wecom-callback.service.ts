import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@mall/shared';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { insertIgnore } from '../../database/insert-ignore';
import { MemberService } from '../../member/member.service';
import { WecomCallback, WecomGroupChat } from '../community.entity';
import { GroupCodeService } from '../group-code.service';
import { InvitationService } from '../invitation.service';
import { WecomApiClient } from './wecom-api.client';
import { wecomConfigOf, type WecomConfig } from './wecom-config';
import { decryptWecom, msgSignature, signatureMatches, xmlField } from './wecom-crypto';

export interface CallbackQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/**
 * WeCom's customer-group callbacks (`change_external_chat`). A callback is believed only when its
 * msg_signature is right, its timestamp is fresh and it decrypts to our CorpID; each signature is
 * accepted once (a replay is refused), and a join is stamped once on the invitation.
 */
@Injectable()
export class WecomCallbackService {
  private readonly logger = new Logger('WecomCallback');
  private readonly wecom: WecomConfig;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly api: WecomApiClient,
    private readonly codes: GroupCodeService,
    private readonly invitations: InvitationService,
    private readonly members: MemberService,
  ) {
    this.wecom = wecomConfigOf(config);
  }

  private open(query: CallbackQuery, encrypt: string | null, now: Date): string {
    if (!this.wecom.enabled) throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, '未配置企业微信');
    const { msg_signature: signature, timestamp, nonce } = query;
    if (!signature || !timestamp || !nonce || !encrypt || !/^\d{1,12}$/.test(timestamp)) throw AppError.forbidden('回调签名无效');
    if (!signatureMatches(msgSignature(this.wecom.token, timestamp, nonce, encrypt), signature)) throw AppError.forbidden('回调签名无效');
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > this.wecom.maxCallbackAgeSeconds) throw AppError.forbidden('回调已过期');
    try {
      return decryptWecom(this.wecom.encodingAesKey, this.wecom.corpId, encrypt);
    } catch {
      throw AppError.forbidden('回调无法解密');
    }
  }

  /** The URL check WeCom makes when the callback is configured: answer the decrypted echostr. */
  verifyUrl(query: CallbackQuery, now = new Date()): string {
    return this.open(query, query.echostr ?? null, now);
  }

  async receive(query: CallbackQuery, body: string, now = new Date()): Promise<{ joinsConfirmed: number }> {
    const xml = this.open(query, typeof body === 'string' ? xmlField(body, 'Encrypt') : null, now);
    const event = xmlField(xml, 'Event') ?? '';
    const chatId = xmlField(xml, 'ChatId') ?? '';
    const detail = xmlField(xml, 'UpdateDetail') ?? xmlField(xml, 'ChangeType') ?? '';
    const fresh = await insertIgnore(this.dataSource.manager, WecomCallback, {
      signature: query.msg_signature!,
      event: event.slice(0, 40),
      chatId: chatId.slice(0, 64),
      detail: detail.slice(0, 40),
    });
    if (!fresh) throw new AppError(ErrorCode.CONFLICT, '回调重复');
    if (event !== 'change_external_chat' || !chatId) return { joinsConfirmed: 0 };
    const joinsConfirmed = await this.onChatChange(xml, chatId, now);
    await this.dataSource.getRepository(WecomCallback).update({ signature: query.msg_signature! }, { joinsConfirmed });
    return { joinsConfirmed };
  }

  /** add_member (create also, for the first member): ask WeCom who is in the chat and confirm the joins of our members. */
  private async onChatChange(xml: string, chatId: string, now: Date): Promise<number> {
    const changeType = xmlField(xml, 'ChangeType');
    const updateDetail = xmlField(xml, 'UpdateDetail');
    if (!(changeType === 'create' || (changeType === 'update' && updateDetail === 'add_member'))) return 0;
    const changed = [...xml.matchAll(/<Item>\s*(?:<!\[CDATA\[([^\]]*)\]\]>|([^<]*))\s*<\/Item>/g)].map((m) => m[1] ?? m[2]);
    const chat = await this.api.getGroupChat(chatId);
    const codeId = await this.codeOfChat(chatId, chat.member_list.map((m) => m.state).find(Boolean) ?? null);
    if (!codeId) return 0;
    const code = await this.codes.byId(codeId);
    if (!code) return 0;
    let confirmed = 0;
    for (const member of chat.member_list) {
      if (member.type !== 2 || !member.unionid) continue;
      if (changed.length > 0 && !changed.includes(member.userid)) continue;
      const memberId = await this.members.idByUnionid(member.unionid);
      if (memberId && (await this.invitations.confirmJoin(code.groupId, memberId, 'wecom', now))) confirmed += 1;
    }
    this.logger.log({ msg: 'wecom chat change', chatId, confirmed });
    return confirmed;
  }

  /** The code a chat belongs to: remembered, or found by the join way's state (`cg<groupId>`) and config. */
  private async codeOfChat(chatId: string, state: string | null): Promise<number | null> {
    const known = await this.dataSource.getRepository(WecomGroupChat).findOneBy({ chatId });
    if (known) return known.codeId;
    const match = state ? /^cg(\d+)$/.exec(state) : null;
    if (!match) return null;
    const codes = await this.codes.list(Number(match[1]));
    for (const code of codes.filter((c) => c.kind === 'wecom' && c.wecomConfigId)) {
      const way = await this.api.getJoinWay(code.wecomConfigId!);
      if (way.chat_id_list.includes(chatId)) {
        await insertIgnore(this.dataSource.manager, WecomGroupChat, { chatId, groupId: code.groupId, codeId: code.id });
        return code.id;
      }
    }
    return null;
  }
}
