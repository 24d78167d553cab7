import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import {
  fitSubscribeValue,
  NOTIFICATION_SCENES,
  NOTIFICATION_SEND_STATES,
  type NotificationData,
  type NotificationScene,
  type NotificationSendStatus,
  type NotificationSkipReason,
  type SubscribeResult,
} from '@mall/shared';
import { transitionOne } from '../common/state/transition';
import { insertIgnore } from '../database/insert-ignore';
import { MemberService } from '../member/member.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { NotificationConsent, NotificationSceneConfig, NotificationSend } from './notification.entity';

/** WeChat's "the user has no consent for this template": it did not use one, and we had none either. */
const NO_CONSENT_AT_WECHAT = 43101;

export interface NotifyOptions {
  /** Identifies the cause (`order.paid:42`): a second notify with the same key sends nothing and returns null. */
  dedupeKey?: string;
  /** Another page than the scene's own (e.g. an SVIP refund opens the SVIP page, not an order). */
  page?: string;
  /** Query string for the page (`id=42`). */
  query?: string;
}

export interface NotifyOutcome {
  sendId: number;
  status: NotificationSendStatus;
  reason: NotificationSkipReason | '';
  errcode: number | null;
}

/**
 * Subscribe messages: the one way the mall messages a member through WeChat. A send needs the
 * scene's template (configured by ops) and one of the member's consents for it; it uses the consent
 * by a conditional decrement, so concurrent sends never use more consents than were given. Every
 * attempt is a `notification_send` row: sent, skipped (and why) or failed (with WeChat's errcode).
 */
@Injectable()
export class NotificationService {
  private readonly logger = new Logger('Notification');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberService,
    private readonly wechat: WechatApiClient,
  ) {}

  async notify<S extends NotificationScene>(memberId: number, scene: S, data: NotificationData<S>, options: NotifyOptions = {}): Promise<NotifyOutcome | null> {
    const definition = NOTIFICATION_SCENES[scene];
    const values: Record<string, string> = {};
    for (const field of definition.fields) values[field.key] = fitSubscribeValue(field.key, (data as Record<string, string>)[field.key] ?? '');
    const row = {
      memberId,
      scene,
      data: JSON.stringify(values),
      page: options.query ? `${options.page ?? definition.page}?${options.query}` : (options.page ?? definition.page),
      dedupeKey: options.dedupeKey ?? null,
    };
    const config = await this.dataSource.getRepository(NotificationSceneConfig).findOneBy({ scene });
    if (!config?.templateId) return this.skip(row, '', 'no_template');
    if (!config.enabled) return this.skip(row, config.templateId, 'disabled');
    const member = await this.members.findById(memberId);
    if (!member?.openid) return this.skip(row, config.templateId, 'no_openid');
    const templateId = config.templateId;

    const claimed = await this.dataSource.transaction(async (manager) => {
      const sends = manager.getRepository(NotificationSend);
      let sendId: number;
      if (row.dedupeKey) {
        if (!(await insertIgnore(manager, NotificationSend, { ...row, templateId, status: 'sending' }))) return null;
        sendId = (await sends.findOneByOrFail({ dedupeKey: row.dedupeKey })).id;
      } else {
        sendId = (await sends.insert({ ...row, templateId, status: 'sending' })).identifiers[0].id as number;
      }
      const used = await manager
        .createQueryBuilder()
        .update(NotificationConsent)
        .set({ remaining: () => 'remaining - 1' })
        .where('member_id = :memberId AND template_id = :templateId AND remaining > 0', { memberId, templateId })
        .execute();
      if (used.affected) return { sendId, consent: true };
      await transitionOne(manager, NotificationSend, NOTIFICATION_SEND_STATES, {
        where: { id: sendId },
        from: 'sending',
        to: 'skipped',
        set: { reason: 'no_consent', settledAt: new Date() },
      });
      return { sendId, consent: false };
    });
    if (!claimed) return null;
    if (!claimed.consent) return { sendId: claimed.sendId, status: 'skipped', reason: 'no_consent', errcode: null };

    const wechatData = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }]));
    let answer: { errcode: number; errmsg: string } | null = null;
    let transportError = '';
    try {
      answer = await this.wechat.trySendSubscribeMessage({ toOpenid: member.openid, templateId, page: row.page, data: wechatData });
    } catch (error) {
      transportError = (error as Error).message || 'WeChat request failed';
    }
    const sent = answer?.errcode === 0;
    await transitionOne(this.dataSource.manager, NotificationSend, NOTIFICATION_SEND_STATES, {
      where: { id: claimed.sendId },
      from: 'sending',
      to: sent ? 'sent' : 'failed',
      set: { errcode: answer?.errcode ?? null, errorMessage: sent ? '' : (answer?.errmsg ?? transportError).slice(0, 255), settledAt: new Date() },
    });
    // WeChat refused before using the member's consent (bad template, bad data): it is still theirs.
    // After 43101 WeChat has none, and after a transport failure we cannot know, so nothing comes back.
    if (answer && !sent && answer.errcode !== NO_CONSENT_AT_WECHAT) await this.addConsents(memberId, templateId, 1, false);
    if (!sent) this.logger.warn({ msg: 'subscribe message not sent', scene, memberId, errcode: answer?.errcode, error: transportError || undefined });
    return { sendId: claimed.sendId, status: sent ? 'sent' : 'failed', reason: '', errcode: answer?.errcode ?? null };
  }

  /** The member's own notices, newest first: what was sent, and what WeChat could not deliver (no consent) — not what ops switched off. */
  async noticesOf(memberId: number, limit = 50): Promise<NotificationSend[]> {
    return this.dataSource
      .getRepository(NotificationSend)
      .createQueryBuilder('s')
      .where('s.memberId = :memberId AND s.status <> :sending', { memberId, sending: 'sending' })
      .andWhere("s.reason NOT IN ('disabled', 'no_template')")
      .orderBy('s.id', 'DESC')
      .take(limit)
      .getMany();
  }

  /**
   * Counts what wx.requestSubscribeMessage answered: each 'accept' of a template some scene uses
   * allows one more send. Other ids are ignored (a member cannot stock up consents for nothing).
   */
  async recordConsents(memberId: number, results: Record<string, SubscribeResult>): Promise<string[]> {
    const accepted = Object.entries(results)
      .filter(([, result]) => result === 'accept')
      .map(([id]) => id);
    if (accepted.length === 0) return [];
    const configured = await this.dataSource.getRepository(NotificationSceneConfig).findBy({ templateId: In(accepted) });
    const known = accepted.filter((id) => configured.some((c) => c.templateId === id));
    for (const templateId of known) await this.addConsents(memberId, templateId, 1, true);
    return known;
  }

  async consentsLeft(memberId: number, templateId: string): Promise<number> {
    return (await this.dataSource.getRepository(NotificationConsent).findOneBy({ memberId, templateId }))?.remaining ?? 0;
  }

  /** The enabled scenes' template ids, for the mini-program to ask consent for. */
  async templates(scenes?: NotificationScene[]): Promise<{ scene: NotificationScene; templateId: string }[]> {
    const rows = await this.dataSource
      .getRepository(NotificationSceneConfig)
      .find({ where: { enabled: true, templateId: Not(''), ...(scenes ? { scene: In(scenes) } : {}) }, order: { scene: 'ASC' } });
    return rows.filter((r) => r.scene in NOTIFICATION_SCENES).map((r) => ({ scene: r.scene as NotificationScene, templateId: r.templateId }));
  }

  private async addConsents(memberId: number, templateId: string, count: number, granted: boolean): Promise<void> {
    await insertIgnore(this.dataSource.manager, NotificationConsent, { memberId, templateId, remaining: 0, granted: 0 });
    await this.dataSource
      .createQueryBuilder()
      .update(NotificationConsent)
      .set({ remaining: () => `remaining + ${count}`, ...(granted ? { granted: () => `granted + ${count}` } : {}) })
      .where('member_id = :memberId AND template_id = :templateId', { memberId, templateId })
      .execute();
  }

  private async skip(
    row: { memberId: number; scene: string; data: string; page: string; dedupeKey: string | null },
    templateId: string,
    reason: NotificationSkipReason,
  ): Promise<NotifyOutcome | null> {
    const values = { ...row, templateId, status: 'skipped' as const, reason, settledAt: new Date() };
    const sends = this.dataSource.getRepository(NotificationSend);
    let sendId: number;
    if (row.dedupeKey) {
      if (!(await insertIgnore(this.dataSource.manager, NotificationSend, values))) return null;
      sendId = (await sends.findOneByOrFail({ dedupeKey: row.dedupeKey })).id;
    } else {
      sendId = (await sends.insert(values)).identifiers[0].id as number;
    }
    return { sendId, status: 'skipped', reason, errcode: null };
  }
}
