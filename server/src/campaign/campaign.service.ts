import { ConfigCache } from '../common/cache/config-cache';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, MoreThan } from 'typeorm';
import {
  beijingDate,
  beijingDayStart,
  beijingMinute,
  CAMPAIGN_STATES,
  DAY_MS,
  STAFF_TASK_STATES,
  conversionOf,
  ErrorCode,
  inControlGroup,
  validateCampaign,
  type BenefitSource,
  type CampaignAction,
  type CampaignDefinitionInput,
  type CampaignResultGroup,
  type CampaignResultsView,
  type MemberCampaignDeliveryView,
  type CampaignStatus,
  type CampaignTrigger,
  type SegmentGroup,
} from '@mall/shared';
import { BenefitSourceRegistry, type BenefitSourceProvider } from '../benefit/benefit-source';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { CouponService } from '../coupon/coupon.service';
import { insertIgnore } from '../database/insert-ignore';
import { parseDefinition } from '../insight/insight.entity';
import { SegmentService } from '../insight/segment.service';
import { memberDisplayName, MemberService } from '../member/member.service';
import { NotificationService } from '../notification/notification.service';
import { OrderQueryService } from '../order/order-query.service';
import { PointsLedgerService } from '../points/points-ledger.service';
import { BindingService } from '../store/binding.service';
import { actionsOf, Campaign, CampaignBenefitGrant, CampaignDelivery, MemberBanner, scheduleOf, StaffTask } from './campaign.entity';
import { SMS_PROVIDER, type SmsProvider } from './sms.provider';

/** Deliveries still pending this long after their claim are retried (their actions are idempotent). */
const STALE_PENDING_MS = 5 * 60_000;

/** The campaigns offering benefits, as benefit sources (ConfigCache key). */
const CAMPAIGN_SOURCES_KEY = 'campaign:benefit-sources';

/**
 * Campaigns: a segment, a schedule and actions. Each member gets each campaign occurrence at most
 * once: the delivery row (campaign, member, occurrence) is claimed with a unique key before any
 * action runs, so two job runs or two instances at once deliver once; every action is idempotent by
 * the delivery id, so a crashed delivery is safely retried.
 */
@Injectable()
export class CampaignService implements BenefitSourceProvider, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly segments: SegmentService,
    private readonly coupons: CouponService,
    private readonly points: PointsLedgerService,
    private readonly notifications: NotificationService,
    private readonly members: MemberService,
    private readonly bindings: BindingService,
    private readonly orders: OrderQueryService,
    private readonly sources: BenefitSourceRegistry,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    private readonly cache: ConfigCache,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  // ---- definitions ------------------------------------------------------------------------

  private assertValid(input: CampaignDefinitionInput, now: Date): void {
    const errors = validateCampaign(input, now);
    if (errors.length > 0)
      throw new AppError(ErrorCode.VALIDATION_FAILED, `活动设置有误：${errors[0].message}`, {
        fields: errors.map((e) => ({ field: e.path, errors: [e.message] })),
      });
  }

  async get(id: number): Promise<Campaign> {
    const campaign = await this.dataSource.getRepository(Campaign).findOneBy({ id });
    if (!campaign) throw AppError.notFound('活动');
    return campaign;
  }

  list(): Promise<Campaign[]> {
    return this.dataSource.getRepository(Campaign).find({ order: { id: 'DESC' }, take: 200 });
  }

  async create(input: CampaignDefinitionInput, accountId: number, now = new Date()): Promise<Campaign> {
    this.assertValid(input, now);
    if (input.segmentId !== null) await this.segments.get(input.segmentId);
    const repo = this.dataSource.getRepository(Campaign);
    const saved = await repo.save(
      repo.create({
        name: input.name.trim(),
        segmentId: input.segmentId,
        schedule: JSON.stringify(input.schedule),
        actions: JSON.stringify(input.actions),
        controlPercent: input.controlPercent,
        attributionDays: input.attributionDays,
        throttlePerMinute: input.throttlePerMinute,
        startsAt: input.schedule.kind === 'at' ? new Date(input.schedule.at) : null,
        createdByAccountId: accountId,
      }),
    );
    this.cache.invalidate(CAMPAIGN_SOURCES_KEY);
    return saved;
  }

  /** Only a draft can be edited; a launched campaign keeps what its members got. */
  async update(id: number, input: CampaignDefinitionInput, now = new Date()): Promise<Campaign> {
    this.assertValid(input, now);
    if (input.segmentId !== null) await this.segments.get(input.segmentId);
    const result = await this.dataSource.getRepository(Campaign).update(
      { id, status: 'draft' },
      {
        name: input.name.trim(),
        segmentId: input.segmentId,
        schedule: JSON.stringify(input.schedule),
        actions: JSON.stringify(input.actions),
        controlPercent: input.controlPercent,
        attributionDays: input.attributionDays,
        throttlePerMinute: input.throttlePerMinute,
        startsAt: input.schedule.kind === 'at' ? new Date(input.schedule.at) : null,
      },
    );
    if (!result.affected) {
      await this.get(id);
      throw new AppError(ErrorCode.CONFLICT, '活动已启动，不能再修改');
    }
    this.cache.invalidate(CAMPAIGN_SOURCES_KEY);
    return this.get(id);
  }

  /** Launch (draft → scheduled or running), pause, resume, cancel: each a checked, conditional transition. */
  async move(id: number, action: 'launch' | 'pause' | 'resume' | 'cancel'): Promise<Campaign> {
    const campaign = await this.get(id);
    const schedule = scheduleOf(campaign);
    const plan: Record<typeof action, { from: CampaignStatus[]; to: CampaignStatus }> = {
      launch: { from: ['draft'], to: schedule.kind === 'at' ? 'scheduled' : 'running' },
      pause: { from: ['running'], to: 'paused' },
      resume: { from: ['paused'], to: 'running' },
      cancel: { from: ['draft', 'scheduled', 'paused'], to: 'cancelled' },
    };
    const { from, to } = plan[action];
    const moved =
      from.includes(campaign.status) && (await transitionOne(this.dataSource.manager, Campaign, CAMPAIGN_STATES, { where: { id }, from: campaign.status, to }));
    if (!moved)
      throw new AppError(
        ErrorCode.CONFLICT,
        `活动当前「${CAMPAIGN_STATES.labels[campaign.status]}」，不能${{ launch: '启动', pause: '暂停', resume: '继续', cancel: '取消' }[action]}`,
      );
    return this.get(id);
  }

  // ---- runs -------------------------------------------------------------------------------

  /** The scheduler's minute: start due campaigns, advance one-off runs, fire triggers, retry stuck deliveries. */
  async runDue(now = new Date()): Promise<{ delivered: number; started: number; finished: number }> {
    let started = 0;
    for (const c of await this.dataSource.getRepository(Campaign).findBy({ status: 'scheduled', startsAt: LessThan(now) })) {
      if (await transitionOne(this.dataSource.manager, Campaign, CAMPAIGN_STATES, { where: { id: c.id }, from: 'scheduled', to: 'running' })) started += 1;
    }
    let delivered = 0;
    let finished = 0;
    for (const c of await this.dataSource.getRepository(Campaign).findBy({ status: 'running' })) {
      const schedule = scheduleOf(c);
      if (schedule.kind === 'trigger') delivered += await this.fireTrigger(c, schedule.trigger, now);
      else {
        const step = await this.advanceOneOff(c, now);
        delivered += step.delivered;
        if (step.finished) finished += 1;
      }
    }
    delivered += await this.retryPending(now);
    return { delivered, started, finished };
  }

  private async definitionOf(c: Campaign): Promise<SegmentGroup | null> {
    return c.segmentId === null ? null : parseDefinition(await this.segments.get(c.segmentId));
  }

  /** One throttled page of a one-off run, from the campaign's cursor; finishes it when the segment is exhausted. */
  private async advanceOneOff(c: Campaign, now: Date): Promise<{ delivered: number; finished: boolean }> {
    const definition = await this.definitionOf(c);
    if (!definition) return { delivered: 0, finished: false };
    const ids = await this.segments.memberIdsPage(definition, c.cursorMemberId, c.throttlePerMinute, now);
    if (ids.length === 0) {
      const done = await transitionOne(this.dataSource.manager, Campaign, CAMPAIGN_STATES, { where: { id: c.id }, from: 'running', to: 'finished' });
      return { delivered: 0, finished: done };
    }
    let delivered = 0;
    for (const memberId of ids) if (await this.deliver(c, memberId, 'once', now)) delivered += 1;
    const last = ids[ids.length - 1];
    await this.dataSource
      .createQueryBuilder()
      .update(Campaign)
      .set({ cursorMemberId: last })
      .where('id = :id AND cursor_member_id < :last', { id: c.id, last })
      .execute();
    return { delivered, finished: false };
  }

  /** Members for whom the trigger fires now, each with the occurrence that makes it once per member and occasion. */
  private async fireTrigger(c: Campaign, trigger: CampaignTrigger, now: Date): Promise<number> {
    const segment = await this.definitionOf(c);
    const today = beijingDate(now);
    const dayStart = beijingDayStart(today);
    const recent = new Date(now.getTime() - DAY_MS);
    const fact = (field: string, op: string, value?: unknown) => ({ kind: 'fact', field, op, value }) as SegmentGroup['conditions'][number];
    let condition: SegmentGroup['conditions'][number];
    let occurrence: (memberId: number) => Promise<string> | string;
    switch (trigger.kind) {
      case 'birthday': {
        // Facts know the month; the member service knows the day.
        const born = new Set(await this.members.birthdayIdsOn(today.slice(5)));
        if (born.size === 0) return 0;
        condition = fact('birthdayMonth', 'eq', Number(today.slice(5, 7)));
        return this.deliverMatching(c, segment, condition, now, (id) => (born.has(id) ? today.slice(0, 4) : null));
      }
      case 'date':
        if (today.slice(5) !== trigger.monthDay) return 0;
        condition = fact('orderCount', 'gte', 0);
        occurrence = () => today.slice(0, 4);
        break;
      case 'first_order':
        condition = { kind: 'group', match: 'all', conditions: [fact('orderCount', 'gte', 1), fact('firstOrderAt', 'withinDays', 1)] };
        occurrence = () => 'first';
        break;
      case 'joined_via_poster':
        condition = { kind: 'group', match: 'all', conditions: [fact('sourceChannel', 'eq', 'poster'), fact('registeredAt', 'withinDays', 1)] };
        occurrence = () => 'join';
        break;
      case 'days_after_last_order': {
        const from = new Date(dayStart.getTime() - trigger.days * DAY_MS);
        condition = fact('lastOrderAt', 'between', [from.toISOString(), new Date(from.getTime() + DAY_MS - 1).toISOString()]);
        occurrence = () => beijingDate(from);
        break;
      }
      case 'lifecycle_enter':
        condition = { kind: 'group', match: 'all', conditions: [fact('lifecycle', 'eq', trigger.stage)] };
        return this.deliverMatching(c, segment, condition, now, null, recent);
    }
    return this.deliverMatching(c, segment, condition, now, occurrence);
  }

  private async deliverMatching(
    c: Campaign,
    segment: SegmentGroup | null,
    condition: SegmentGroup['conditions'][number],
    now: Date,
    occurrence: ((memberId: number) => Promise<string> | string | null) | null,
    lifecycleSince?: Date,
  ): Promise<number> {
    const definition: SegmentGroup = { kind: 'group', match: 'all', conditions: segment ? [segment, condition] : [condition] };
    let delivered = 0;
    let afterId = 0;
    let budget = c.throttlePerMinute;
    while (budget > 0) {
      const ids = await this.segments.memberIdsPage(definition, afterId, Math.min(500, budget), now);
      if (ids.length === 0) break;
      const facts = lifecycleSince ? await this.segments.lifecycleSince(ids) : null;
      for (const memberId of ids) {
        let key: string | null;
        if (facts) {
          const since = facts.get(memberId);
          // Entered the stage within the last day: the occurrence is the day they entered it.
          key = since && since.getTime() >= lifecycleSince!.getTime() ? `enter:${beijingDate(since)}` : null;
        } else key = await occurrence!(memberId);
        if (key && (await this.deliver(c, memberId, key, now))) {
          delivered += 1;
          budget -= 1;
        }
      }
      afterId = ids[ids.length - 1];
    }
    return delivered;
  }

  /** Claims (campaign, member, occurrence) once, then runs the actions for the target group. True when this call claimed it. */
  async deliver(c: Campaign, memberId: number, occurrence: string, now = new Date()): Promise<boolean> {
    const cohort = inControlGroup(c.id, memberId, c.controlPercent) ? 'control' : 'target';
    const claimed = await insertIgnore(this.dataSource.manager, CampaignDelivery, {
      campaignId: c.id,
      memberId,
      occurrence: occurrence.slice(0, 32),
      cohort,
      outcome: cohort === 'control' ? 'done' : 'pending',
    });
    if (!claimed || cohort === 'control') return claimed;
    const delivery = await this.dataSource.getRepository(CampaignDelivery).findOneByOrFail({ campaignId: c.id, memberId, occurrence: occurrence.slice(0, 32) });
    await this.runActions(c, delivery, now);
    return true;
  }

  private async runActions(c: Campaign, delivery: CampaignDelivery, now: Date): Promise<void> {
    const errors: string[] = [];
    for (const [index, action] of actionsOf(c).entries()) {
      try {
        await this.runAction(c, delivery, action, index, now);
      } catch (error) {
        errors.push(`${action.type}: ${(error as Error).message}`);
      }
    }
    await this.dataSource
      .getRepository(CampaignDelivery)
      .update({ id: delivery.id, outcome: 'pending' }, { outcome: errors.length ? 'failed' : 'done', error: errors.join('; ').slice(0, 200) });
  }

  private async runAction(c: Campaign, d: CampaignDelivery, action: CampaignAction, index: number, now: Date): Promise<void> {
    const key = `campaign:${d.id}:${index}`;
    switch (action.type) {
      case 'coupon':
        await this.dataSource.transaction((m) => this.coupons.issue(m, d.memberId, action.couponTemplateId, `campaign:${c.id}`, key, now));
        return;
      case 'points':
        await this.dataSource.transaction((m) =>
          this.points.earn(
            m,
            { memberId: d.memberId, points: action.points, source: 'campaign', refType: 'campaign', refId: String(c.id), idempotencyKey: key, note: c.name },
            now,
          ),
        );
        return;
      case 'benefit':
        await insertIgnore(this.dataSource.manager, CampaignBenefitGrant, {
          deliveryId: d.id,
          campaignId: c.id,
          memberId: d.memberId,
          startsAt: now,
          endsAt: new Date(now.getTime() + action.days * DAY_MS),
        });
        return;
      case 'subscribe': {
        const outcome = await this.notifications.notify(
          d.memberId,
          'campaign_notice',
          { thing1: action.title, thing2: action.note, time3: beijingMinute(now) },
          { dedupeKey: key },
        );
        if (outcome && outcome.status !== 'sent') throw new Error(`订阅消息未发送（${outcome.reason ?? outcome.status}）`);
        return;
      }
      case 'sms': {
        const member = await this.members.getById(d.memberId);
        if (!member.phone) throw new Error('会员未绑定手机号');
        await this.sms.send(member.phone, action.text);
        return;
      }
      case 'banner':
        await insertIgnore(this.dataSource.manager, MemberBanner, {
          deliveryId: d.id,
          campaignId: c.id,
          memberId: d.memberId,
          kind: action.kind,
          title: action.title,
          body: action.body,
          link: action.link,
          expiresAt: new Date(now.getTime() + action.days * DAY_MS),
        });
        return;
      case 'task': {
        const binding = await this.bindings.bindingOf(d.memberId);
        if (!binding?.staffAccountId) throw new Error('会员没有专属导购');
        await insertIgnore(this.dataSource.manager, StaffTask, {
          deliveryId: d.id,
          campaignId: c.id,
          memberId: d.memberId,
          storeId: binding.storeId,
          staffAccountId: binding.staffAccountId,
          reason: action.reason,
          script: action.script,
          dueAt: new Date(now.getTime() + action.dueDays * DAY_MS),
        });
        return;
      }
    }
  }

  /** Deliveries claimed but left pending (a crash between claim and actions) run again; their actions are idempotent. */
  async retryPending(now = new Date()): Promise<number> {
    const stuck = await this.dataSource.getRepository(CampaignDelivery).find({
      where: { outcome: 'pending', createdAt: LessThan(new Date(now.getTime() - STALE_PENDING_MS)) },
      take: 200,
    });
    for (const d of stuck) await this.runActions(await this.get(d.campaignId), d, now);
    return stuck.length;
  }

  // ---- results ----------------------------------------------------------------------------

  async results(id: number): Promise<CampaignResultsView> {
    const c = await this.get(id);
    const deliveries = await this.dataSource.getRepository(CampaignDelivery).findBy({ campaignId: id });
    const memberIds = [...new Set(deliveries.map((d) => d.memberId))];
    const from = deliveries.length ? new Date(Math.min(...deliveries.map((d) => d.createdAt.getTime()))) : new Date();
    const to = new Date(Math.max(from.getTime(), ...deliveries.map((d) => d.createdAt.getTime())) + c.attributionDays * DAY_MS);
    const paidByMember = new Map<number, { paidAt: Date; payableFen: number }[]>();
    for (const o of await this.orders.paidOrdersOf(memberIds, from, to)) paidByMember.set(o.memberId, [...(paidByMember.get(o.memberId) ?? []), o]);
    const group = (cohort: 'target' | 'control'): CampaignResultGroup => {
      const rows = deliveries.filter((d) => d.cohort === cohort);
      let ordered = 0;
      let orders = 0;
      let gmvFen = 0;
      for (const d of rows) {
        const end = d.createdAt.getTime() + c.attributionDays * DAY_MS;
        const mine = (paidByMember.get(d.memberId) ?? []).filter((o) => o.paidAt.getTime() >= d.createdAt.getTime() && o.paidAt.getTime() <= end);
        if (mine.length) ordered += 1;
        orders += mine.length;
        gmvFen += mine.reduce((sum, o) => sum + o.payableFen, 0);
      }
      return { members: rows.length, ordered, orders, gmvFen, conversion: conversionOf(rows.length, ordered) };
    };
    const target = group('target');
    const control = group('control');
    const targets = deliveries.filter((d) => d.cohort === 'target');
    return {
      target: {
        ...target,
        reached: targets.filter((d) => d.outcome === 'done').length,
        failed: targets.filter((d) => d.outcome === 'failed').length,
        // A banner opened and a guide's follow-up done both stamp the delivery, so each member counts once.
        opened: targets.filter((d) => d.openedAt !== null).length,
      },
      control,
      couponsUsed: await this.coupons.usedCountBySource(`campaign:${id}`),
      uplift: target.conversion - control.conversion,
    };
  }

  /** What campaigns did to one member, newest first (用户画像 · 收到的活动); control deliveries included, marked as such. */
  async deliveriesOf(memberId: number, limit = 100): Promise<MemberCampaignDeliveryView[]> {
    const rows = await this.dataSource.getRepository(CampaignDelivery).find({ where: { memberId }, order: { id: 'DESC' }, take: limit });
    const names = new Map(
      rows.length === 0
        ? []
        : (await this.dataSource.getRepository(Campaign).findBy({ id: In([...new Set(rows.map((d) => d.campaignId))]) })).map((c) => [c.id, c.name]),
    );
    return rows.map((d) => ({
      id: d.id,
      campaignId: d.campaignId,
      campaignName: names.get(d.campaignId) ?? `活动 #${d.campaignId}`,
      occurrence: d.occurrence,
      cohort: d.cohort,
      outcome: d.outcome,
      error: d.error,
      openedAt: d.openedAt?.toISOString() ?? null,
      deliveredAt: d.createdAt.toISOString(),
    }));
  }

  // ---- member banners and staff tasks -------------------------------------------------------

  async bannersOf(memberId: number, now = new Date()): Promise<MemberBanner[]> {
    return this.dataSource
      .getRepository(MemberBanner)
      .find({ where: { memberId, dismissedAt: IsNull(), expiresAt: MoreThan(now) }, order: { id: 'DESC' }, take: 5 });
  }

  /** The member opened (tapped) or dismissed a banner; opening counts for the campaign's results. */
  async touchBanner(memberId: number, bannerId: number, action: 'open' | 'dismiss', now = new Date()): Promise<void> {
    const banner = await this.dataSource.getRepository(MemberBanner).findOneBy({ id: bannerId, memberId });
    if (!banner) throw AppError.notFound('活动');
    if (action === 'dismiss') await this.dataSource.getRepository(MemberBanner).update({ id: bannerId, memberId }, { dismissedAt: now });
    await this.dataSource
      .createQueryBuilder()
      .update(CampaignDelivery)
      .set({ openedAt: now })
      .where('id = :id AND opened_at IS NULL', { id: banner.deliveryId })
      .execute();
  }

  /** A guide's open tasks (or, for a store manager, the store's), overdue first. */
  async tasksFor(
    account: { id: number; role: string; storeId: number | null },
    scope: 'mine' | 'store',
    status: 'open' | 'done',
  ): Promise<(StaffTask & { overdue: boolean; memberName: string })[]> {
    if (account.storeId === null) return [];
    const where =
      scope === 'store' && account.role === 'store_manager'
        ? { storeId: account.storeId, status }
        : { staffAccountId: account.id, storeId: account.storeId, status };
    const rows = await this.dataSource.getRepository(StaffTask).find({ where, order: { dueAt: 'ASC', id: 'ASC' }, take: 200 });
    const now = Date.now();
    const members = await this.members.byIds(rows.map((t) => t.memberId));
    return rows.map((t) =>
      Object.assign(t, {
        overdue: t.status === 'open' && t.dueAt.getTime() < now,
        memberName: memberDisplayName(t.memberId, members.get(t.memberId)?.nickname),
      }),
    );
  }

  async completeTask(account: { id: number; storeId: number | null; role: string }, taskId: number, outcome: string, now = new Date()): Promise<StaffTask> {
    const task = await this.dataSource.getRepository(StaffTask).findOneBy({ id: taskId });
    if (!task) throw AppError.notFound('任务');
    if (task.storeId !== account.storeId) throw AppError.forbidden('只能处理本门店的任务');
    if (task.staffAccountId !== account.id && account.role !== 'store_manager') throw AppError.forbidden('只能完成自己的任务');
    const done = await transitionOne(this.dataSource.manager, StaffTask, STAFF_TASK_STATES, {
      where: { id: taskId },
      from: 'open',
      to: 'done',
      set: { outcome, doneAt: now },
    });
    if (!done) throw new AppError(ErrorCode.CONFLICT, '任务已完成');
    await this.dataSource
      .createQueryBuilder()
      .update(CampaignDelivery)
      .set({ openedAt: now })
      .where('id = :id AND opened_at IS NULL', { id: task.deliveryId })
      .execute();
    return this.dataSource.getRepository(StaffTask).findOneByOrFail({ id: taskId });
  }

  // ---- the `campaign` benefit source ----------------------------------------------------------

  async activeSources(memberId: number, at: Date): Promise<BenefitSource[]> {
    const grants = await this.dataSource.getRepository(CampaignBenefitGrant).findBy({ memberId, endsAt: MoreThan(at) });
    const live = grants.filter((g) => g.startsAt.getTime() <= at.getTime());
    if (live.length === 0) return [];
    const campaigns = await this.dataSource.getRepository(Campaign).findBy({ id: In([...new Set(live.map((g) => g.campaignId))]) });
    return campaigns.map((c) => ({ type: 'campaign', id: c.id, name: c.name }));
  }

  /** Campaigns that grant benefits (cached: read on every benefit resolution; create/update invalidate it). */
  catalogue(): Promise<BenefitSource[]> {
    return this.cache.get(CAMPAIGN_SOURCES_KEY, async () => {
      const campaigns = await this.dataSource.getRepository(Campaign).find({ order: { id: 'DESC' }, take: 200 });
      return campaigns.filter((c) => actionsOf(c).some((a) => a.type === 'benefit')).map((c) => ({ type: 'campaign', id: c.id, name: c.name }));
    });
  }

  async membersOf(source: BenefitSource, afterId: number, limit: number, at: Date): Promise<number[]> {
    if (source.type !== 'campaign') return [];
    const rows = await this.dataSource
      .getRepository(CampaignBenefitGrant)
      .createQueryBuilder('g')
      .select('DISTINCT g.member_id', 'memberId')
      .where('g.campaign_id = :id AND g.member_id > :afterId AND g.starts_at <= :at AND g.ends_at > :at', { id: source.id, afterId, at })
      .orderBy('g.member_id', 'ASC')
      .limit(limit)
      .getRawMany<{ memberId: number }>();
    return rows.map((r) => Number(r.memberId));
  }
}
