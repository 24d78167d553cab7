import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual, MoreThan } from 'typeorm';
import {
  audienceAdmits,
  beijingMinute,
  describeAudience,
  ErrorCode,
  FLASH_SALE_PHASE_LABELS,
  FLASH_SALE_REMINDER_STATES,
  flashSalePhase,
  memberStartAt,
  soldPercent,
  validateFlashSaleEvent,
  type CreateOrderResult,
  type FlashSaleAdminInput,
  type FlashSaleAdminView,
  type FlashSaleAudience,
  type FlashSaleBuyRequest,
  type FlashSaleView,
  type SubscribeResult,
} from '@mall/shared';
import { BenefitService } from '../benefit/benefit.service';
import { CatalogService } from '../catalog/catalog.service';
import { FixedWindowRateLimiter } from '../common/auth/rate-limiter';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { insertIgnore } from '../database/insert-ignore';
import { parseDefinition } from '../insight/insight.entity';
import { SegmentService } from '../insight/segment.service';
import { MembershipService } from '../membership/membership.service';
import { NotificationService } from '../notification/notification.service';
import { OrderCheckoutService } from '../order/order-checkout.service';
import { OrderQueryService } from '../order/order-query.service';
import { GrowthService } from '../tier/growth.service';
import { ADMISSION_GATE, type AdmissionGate, type AdmissionSnapshot } from './admission/admission-gate';
import { CommunityGroupService } from '../community/community-group.service';
import { InvitationService } from '../community/invitation.service';
import { audienceOf, FlashSaleEvent, FlashSalePurchase, FlashSaleReminder, FlashSaleReservation } from './flash-sale.entity';
import { KeyedSemaphore } from './writer-semaphore';

const FLASH_SALE_PAGE = 'subpackages/deals/pages/flash-sale/index';
/** Event rows (not their stock) are read from memory this long on the hot path. */
const EVENT_CACHE_MS = 1000;

/**
 * Flash sales: events (admin), the member's view with their own start time, "提醒我", and buying:
 * rate limit → window and audience → admission gate → capped checkout whose deal step holds the
 * deal stock in the database. Jobs release unpaid holds, send due reminders and resync the gate.
 */
@Injectable()
export class FlashSaleService implements OnModuleDestroy {
  private readonly logger = new Logger('FlashSale');
  private readonly writers: KeyedSemaphore;
  private readonly buyLimiter: FixedWindowRateLimiter;
  private readonly eventCache = new Map<number, { event: FlashSaleEvent; at: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ADMISSION_GATE) readonly gate: AdmissionGate,
    private readonly catalog: CatalogService,
    private readonly checkout: OrderCheckoutService,
    private readonly orders: OrderQueryService,
    private readonly benefits: BenefitService,
    private readonly growth: GrowthService,
    private readonly memberships: MembershipService,
    private readonly segments: SegmentService,
    private readonly notifications: NotificationService,
    private readonly communityGroups: CommunityGroupService,
    private readonly community: InvitationService,
  ) {
    this.writers = new KeyedSemaphore(config.flashSale.maxWritersPerEvent);
    this.buyLimiter = new FixedWindowRateLimiter(config.flashSale.buysPerMinute, 60_000);
  }

  async onModuleDestroy(): Promise<void> {
    await this.gate.close();
  }

  // ---------------------------------------------------------------- admin

  async create(input: FlashSaleAdminInput, accountId: number): Promise<FlashSaleEvent> {
    const { sku, product } = await this.skuOf(input.skuId);
    this.validate(input, sku.priceFen);
    await this.checkAudience(input.audience);
    const repo = this.dataSource.getRepository(FlashSaleEvent);
    return repo.save(
      repo.create({
        ...this.columns(input),
        productId: product.id,
        stockTotal: input.stockTotal,
        stockLeft: input.stockTotal,
        createdByAccountId: accountId,
      }),
    );
  }

  async update(id: number, input: FlashSaleAdminInput): Promise<FlashSaleEvent> {
    const event = await this.get(id);
    if (input.skuId !== event.skuId && event.stockLeft !== event.stockTotal) throw new AppError(ErrorCode.CONFLICT, '活动已有订单，不能更换商品');
    const { sku, product } = await this.skuOf(input.skuId);
    this.validate(input, sku.priceFen);
    await this.checkAudience(input.audience);
    const delta = input.stockTotal - event.stockTotal;
    await this.dataSource.transaction(async (manager) => {
      const moved = await manager
        .createQueryBuilder()
        .update(FlashSaleEvent)
        .set({
          ...this.columns(input),
          productId: product.id,
          stockTotal: () => `stock_total + ${delta}`,
          stockLeft: () => `stock_left + ${delta}`,
        })
        .where('id = :id AND stock_total = :before AND stock_left + :delta >= 0', { id, before: event.stockTotal, delta })
        .execute();
      if (!moved.affected) throw new AppError(ErrorCode.CONFLICT, '秒杀库存不能少于已售出和待支付的数量', { minStock: event.stockTotal - event.stockLeft });
    });
    if (delta !== 0) await this.gate.adjustStock(id, delta);
    this.eventCache.delete(id);
    return this.get(id);
  }

  async list(): Promise<FlashSaleEvent[]> {
    return this.dataSource.getRepository(FlashSaleEvent).find({ order: { startAt: 'DESC', id: 'DESC' }, take: 200 });
  }

  async get(id: number): Promise<FlashSaleEvent> {
    const event = await this.dataSource.getRepository(FlashSaleEvent).findOneBy({ id });
    if (!event) throw new AppError(ErrorCode.NOT_FOUND, '秒杀活动不存在');
    return event;
  }

  async adminViews(events: FlashSaleEvent[], now = new Date()): Promise<FlashSaleAdminView[]> {
    if (events.length === 0) return [];
    const products = await this.catalog.skusWithProducts(
      this.dataSource.manager,
      events.map((e) => e.skuId),
    );
    const reminders = await this.dataSource
      .getRepository(FlashSaleReminder)
      .createQueryBuilder('r')
      .select('r.eventId', 'eventId')
      .addSelect('COUNT(*)', 'n')
      .where({ eventId: In(events.map((e) => e.id)) })
      .groupBy('r.eventId')
      .getRawMany<{ eventId: number; n: string }>();
    const names = await Promise.all(events.map((e) => this.audienceNames(audienceOf(e))));
    return events.map((e, index) => {
      const item = products.find((p) => p.sku.id === e.skuId);
      const audience = audienceOf(e);
      return {
        id: e.id,
        name: e.name,
        skuId: e.skuId,
        productId: e.productId,
        productName: item?.product ? `${item.product.name} ${item.sku.specs}` : `SKU ${e.skuId}`,
        normalPriceFen: item?.sku.priceFen ?? 0,
        dealPriceFen: e.dealPriceFen,
        stockTotal: e.stockTotal,
        stockLeft: e.stockLeft,
        reservedCount: e.reservedCount,
        soldCount: e.soldCount,
        perMemberLimit: e.perMemberLimit,
        startAt: e.startAt.toISOString(),
        endAt: e.endAt.toISOString(),
        holdMinutes: e.holdMinutes,
        audience,
        audienceLabel: describeAudience(audience, names[index]),
        enabled: e.enabled,
        reminders: Number(reminders.find((r) => Number(r.eventId) === e.id)?.n ?? 0),
        phaseLabel: e.enabled ? FLASH_SALE_PHASE_LABELS[flashSalePhase(e, now)] : '已停用',
        createdAt: e.createdAt.toISOString(),
      };
    });
  }

  private columns(input: FlashSaleAdminInput) {
    return {
      name: input.name.trim(),
      skuId: input.skuId,
      dealPriceFen: input.dealPriceFen,
      perMemberLimit: input.perMemberLimit,
      startAt: new Date(input.startAt),
      endAt: new Date(input.endAt),
      holdMinutes: input.holdMinutes,
      audience: JSON.stringify(input.audience),
      enabled: input.enabled,
    };
  }

  private validate(input: FlashSaleAdminInput, normalPriceFen: number): void {
    const problems = validateFlashSaleEvent({ ...input, startAt: new Date(input.startAt), endAt: new Date(input.endAt) }, normalPriceFen);
    if (problems.length > 0) throw new AppError(ErrorCode.VALIDATION_FAILED, problems[0].message, { problems });
  }

  /** The community group's name for a group-only deal's label (other audiences label themselves). */
  private async audienceNames(audience: FlashSaleAudience): Promise<{ group?: string }> {
    if (audience.kind !== 'community_group') return {};
    const group = await this.communityGroups.get(audience.groupId).catch(() => null);
    return group ? { group: group.name } : {};
  }

  private async checkAudience(audience: FlashSaleAudience): Promise<void> {
    if (audience.kind === 'segment') await this.segments.get(audience.segmentId);
    if (audience.kind === 'community_group') await this.communityGroups.get(audience.groupId);
  }

  private async skuOf(skuId: number) {
    const [item] = await this.catalog.skusWithProducts(this.dataSource.manager, [skuId]);
    if (!item?.product) throw new AppError(ErrorCode.VALIDATION_FAILED, '商品规格不存在', { problems: [{ field: 'skuId', message: '商品规格不存在' }] });
    return { sku: item.sku, product: item.product };
  }

  // ---------------------------------------------------------------- member views

  async earlyAccessMinutes(memberId: number, now = new Date()): Promise<number> {
    const { effective } = await this.benefits.effectiveFor(memberId, now);
    return effective.earlyAccessMinutes?.value ?? 0;
  }

  async memberViews(memberId: number, ids?: number[], now = new Date()): Promise<FlashSaleView[]> {
    const events = await this.dataSource.getRepository(FlashSaleEvent).find({
      where: ids ? { id: In(ids), enabled: true } : { enabled: true, endAt: MoreThan(now) },
      order: { startAt: 'ASC', id: 'ASC' },
      take: 50,
    });
    if (events.length === 0) return [];
    const eventIds = events.map((e) => e.id);
    const [early, products, taken, reminders] = await Promise.all([
      this.earlyAccessMinutes(memberId, now),
      this.catalog.skusWithProducts(
        this.dataSource.manager,
        events.map((e) => e.skuId),
      ),
      this.dataSource.getRepository(FlashSalePurchase).findBy({ memberId, eventId: In(eventIds) }),
      this.dataSource.getRepository(FlashSaleReminder).findBy({ memberId, eventId: In(eventIds) }),
    ]);
    const views: FlashSaleView[] = [];
    for (const e of events) {
      const item = products.find((p) => p.sku.id === e.skuId);
      const audience = audienceOf(e);
      const phase = flashSalePhase(e, now, early);
      const eligible = await this.admits(memberId, audience, now);
      // A group-only deal is not shown outside its group: absent from the list, and 403 when asked for by id.
      if (audience.kind === 'community_group' && !eligible) {
        if (ids) throw new AppError(ErrorCode.FLASH_SALE_NOT_ELIGIBLE, '该秒杀仅限社群成员参与');
        continue;
      }
      views.push({
        id: e.id,
        name: e.name,
        productId: e.productId,
        skuId: e.skuId,
        productName: item?.product?.name ?? '',
        imageUrl: item?.product?.imageUrl ?? '',
        specs: item?.sku.specs ?? '',
        dealPriceFen: e.dealPriceFen,
        normalPriceFen: item?.sku.priceFen ?? 0,
        stockTotal: e.stockTotal,
        stockLeft: e.stockLeft,
        soldPercent: soldPercent(e.stockTotal, e.stockLeft),
        perMemberLimit: e.perMemberLimit,
        startAt: e.startAt.toISOString(),
        endAt: e.endAt.toISOString(),
        myStartAt: memberStartAt(e.startAt, early).toISOString(),
        earlyAccessMinutes: early,
        phase,
        phaseLabel: FLASH_SALE_PHASE_LABELS[phase],
        audienceLabel: describeAudience(audience, await this.audienceNames(audience)),
        eligible,
        reminded: reminders.some((r) => r.eventId === e.id),
        myTaken: taken.find((t) => t.eventId === e.id)?.taken ?? 0,
      });
    }
    return views;
  }

  async memberView(memberId: number, id: number, now = new Date()): Promise<FlashSaleView> {
    const [view] = await this.memberViews(memberId, [id], now);
    if (!view) throw new AppError(ErrorCode.NOT_FOUND, '秒杀活动不存在');
    return view;
  }

  private async admits(memberId: number, audience: FlashSaleAudience, now: Date): Promise<boolean> {
    if (audience.kind === 'everyone') return true;
    const segment = audience.kind === 'segment' ? await this.segments.get(audience.segmentId).catch(() => null) : null;
    const inSegment =
      segment && audience.kind === 'segment' ? (await this.segments.memberIdsPage(parseDefinition(segment), memberId - 1, 1, now))[0] === memberId : false;
    const inGroup = audience.kind === 'community_group' ? await this.community.hasJoined(memberId, audience.groupId) : false;
    return audienceAdmits(audience, {
      paidOrders: audience.kind === 'new_members' ? (await this.orders.paidOrdersOf([memberId], new Date(0), now)).length : 0,
      tierLevel: audience.kind === 'tier_at_least' ? (await this.growth.state(this.dataSource.manager, memberId, now)).level : 0,
      svip: audience.kind === 'svip' ? (await this.memberships.activeSources(memberId, now)).length > 0 : false,
      inSegment: () => inSegment,
      inCommunityGroup: (groupId) => inGroup && audience.kind === 'community_group' && audience.groupId === groupId,
    });
  }

  // ---------------------------------------------------------------- reminders

  /** "提醒我": records the subscribe-message consents the mini-program got, then one reminder at the member's own start. */
  async remind(memberId: number, id: number, subscribeResults: Record<string, SubscribeResult> = {}, now = new Date()) {
    const event = await this.get(id);
    if (!event.enabled) throw new AppError(ErrorCode.NOT_FOUND, '秒杀活动不存在');
    if (event.endAt <= now) throw new AppError(ErrorCode.FLASH_SALE_ENDED);
    const notifyAt = memberStartAt(event.startAt, await this.earlyAccessMinutes(memberId, now));
    if (notifyAt <= now) throw new AppError(ErrorCode.CONFLICT, '秒杀已开始，直接去抢吧');
    await this.notifications.recordConsents(memberId, subscribeResults);
    await insertIgnore(this.dataSource.manager, FlashSaleReminder, { eventId: id, memberId, notifyAt, status: 'pending' });
    const reminder = await this.dataSource.getRepository(FlashSaleReminder).findOneByOrFail({ eventId: id, memberId });
    return { reminded: true, notifyAt: reminder.notifyAt.toISOString() };
  }

  /** Sends due reminders: each claimed pending → sent by a conditional update, then sent once (dedupe key). */
  async sendDueReminders(now = new Date(), limit = 200): Promise<{ sent: number }> {
    const due = await this.dataSource
      .getRepository(FlashSaleReminder)
      .find({ where: { status: 'pending', notifyAt: LessThanOrEqual(now) }, order: { notifyAt: 'ASC' }, take: limit });
    let sent = 0;
    for (const reminder of due) {
      const claimed = await transitionOne(this.dataSource.manager, FlashSaleReminder, FLASH_SALE_REMINDER_STATES, {
        where: { id: reminder.id },
        from: 'pending',
        to: 'sent',
        set: { sentAt: now },
      });
      if (!claimed) continue;
      const event = await this.dataSource.getRepository(FlashSaleEvent).findOneBy({ id: reminder.eventId });
      if (!event?.enabled || event.endAt <= now) continue;
      await this.notifications.notify(
        reminder.memberId,
        'deal_reminder',
        {
          thing1: event.name,
          time2: beijingMinute(reminder.notifyAt),
          thing3: reminder.notifyAt < event.startAt ? '你的提前抢购已开始' : '秒杀已开始，数量有限',
        },
        { dedupeKey: `flash-sale-reminder:${reminder.id}`, page: FLASH_SALE_PAGE, query: `id=${event.id}` },
      );
      sent += 1;
    }
    return { sent };
  }

  // ---------------------------------------------------------------- buying

  private async cachedEvent(id: number): Promise<FlashSaleEvent> {
    const cached = this.eventCache.get(id);
    if (cached && Date.now() - cached.at < EVENT_CACHE_MS) return cached.event;
    const event = await this.get(id);
    this.eventCache.set(id, { event, at: Date.now() });
    return event;
  }

  async snapshot(eventId: number): Promise<AdmissionSnapshot> {
    const event = await this.get(eventId);
    const purchases = await this.dataSource.getRepository(FlashSalePurchase).findBy({ eventId });
    return { eventId, stockLeft: event.stockLeft, taken: new Map(purchases.filter((p) => p.taken > 0).map((p) => [p.memberId, p.taken])) };
  }

  async buy(memberId: number, id: number, request: FlashSaleBuyRequest, now = new Date()): Promise<CreateOrderResult> {
    this.buyLimiter.hit(`${memberId}`);
    const event = await this.cachedEvent(id);
    if (!event.enabled) throw new AppError(ErrorCode.NOT_FOUND, '秒杀活动不存在');
    if (now >= event.endAt) throw new AppError(ErrorCode.FLASH_SALE_ENDED);
    if (now < event.startAt) {
      const myStartAt = memberStartAt(event.startAt, await this.earlyAccessMinutes(memberId, now));
      if (now < myStartAt) throw new AppError(ErrorCode.FLASH_SALE_NOT_STARTED, undefined, { startAt: myStartAt.toISOString() });
    }
    if (!(await this.admits(memberId, audienceOf(event), now))) throw new AppError(ErrorCode.FLASH_SALE_NOT_ELIGIBLE);
    if (request.quantity > event.perMemberLimit) throw new AppError(ErrorCode.FLASH_SALE_LIMIT_REACHED, undefined, { perMemberLimit: event.perMemberLimit });

    const verdict = await this.gate.admit(id, memberId, request.quantity, event.perMemberLimit, () => this.snapshot(id));
    if (verdict === 'sold_out') throw new AppError(ErrorCode.FLASH_SALE_SOLD_OUT);
    if (verdict === 'limit') throw new AppError(ErrorCode.FLASH_SALE_LIMIT_REACHED, undefined, { perMemberLimit: event.perMemberLimit });
    try {
      return await this.writers.run(String(id), () =>
        this.checkout.create(
          memberId,
          {
            lines: [{ skuId: event.skuId, quantity: request.quantity }],
            fulfilment: request.fulfilment,
            addressId: request.addressId,
            storeId: request.storeId,
            couponIds: request.couponIds,
            pointsToUse: request.pointsToUse,
            balanceToUse: request.balanceToUse,
            pin: request.pin,
            remark: request.remark,
          },
          { kind: 'flash_sale', refId: String(id), unitPriceFen: event.dealPriceFen },
        ),
      );
    } catch (error) {
      // A failure after the order committed (WeChat prepay unreachable) leaves the member's reservation
      // pending: its unit stays taken in the gate too, and comes back when the reservation is released.
      const afterCommit =
        error instanceof AppError &&
        error.code === ErrorCode.WECHATPAY_ERROR &&
        (await this.dataSource.getRepository(FlashSaleReservation).existsBy({ inflightKey: `${id}:${memberId}` }));
      if (!afterCommit) await this.gate.giveBack(id, memberId, request.quantity);
      throw error;
    }
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Unpaid reservations past their hold time: the order is cancelled through the order module
   * (which closes its payment at WeChat first); the order's cancel runs our release exactly once.
   */
  async expireDue(now = new Date(), limit = 200): Promise<{ expired: number }> {
    const due = await this.dataSource
      .getRepository(FlashSaleReservation)
      .find({ where: { status: 'pending', expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: limit });
    let expired = 0;
    for (const reservation of due) {
      try {
        await this.checkout.cancel(reservation.memberId, reservation.orderId);
        expired += 1;
      } catch (error) {
        // Paid or cancelled meanwhile: the order's own transition settled the reservation.
        if (!(error instanceof AppError)) this.logger.warn({ msg: 'flash sale expiry failed', reservationId: reservation.id, error: (error as Error).message });
      }
    }
    return { expired };
  }

  /** Puts the database's state into the gate for every running event the gate lost (a Redis restart). */
  async reconcileGate(now = new Date()): Promise<{ resynced: number }> {
    const events = await this.dataSource.getRepository(FlashSaleEvent).find({ where: { enabled: true, endAt: MoreThan(now) }, select: { id: true } });
    let resynced = 0;
    for (const { id } of events) {
      if (await this.gate.has(id)) continue;
      await this.gate.resync(await this.snapshot(id));
      resynced += 1;
    }
    return { resynced };
  }

  /** Ledger-style check: every event's counts add up, and match its reservations and members' limit rows. */
  async check(): Promise<{ eventId: number; problem: string }[]> {
    const problems: { eventId: number; problem: string }[] = [];
    for (const e of await this.dataSource.getRepository(FlashSaleEvent).find()) {
      if (e.stockLeft < 0 || e.stockLeft + e.reservedCount + e.soldCount !== e.stockTotal) problems.push({ eventId: e.id, problem: 'counts do not add up' });
      const rows = await this.dataSource.getRepository(FlashSaleReservation).findBy({ eventId: e.id });
      const sum = (status: string) => rows.filter((r) => r.status === status).reduce((s, r) => s + r.quantity, 0);
      if (sum('pending') !== e.reservedCount) problems.push({ eventId: e.id, problem: 'reserved count differs from pending reservations' });
      if (sum('sold') !== e.soldCount) problems.push({ eventId: e.id, problem: 'sold count differs from sold reservations' });
      const taken = (await this.dataSource.getRepository(FlashSalePurchase).findBy({ eventId: e.id })).reduce((s, p) => s + p.taken, 0);
      if (taken !== sum('pending') + sum('sold')) problems.push({ eventId: e.id, problem: 'member limits differ from reservations' });
    }
    return problems;
  }
}
