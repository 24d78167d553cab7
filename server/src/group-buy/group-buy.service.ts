import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual, MoreThan } from 'typeorm';
import {
  ErrorCode,
  GROUP_BUY_AUDIENCE_LABELS,
  GROUP_BUY_GROUP_STATES,
  GROUP_BUY_MEMBER_STATES,
  GROUP_BUY_REFUSAL_MESSAGES,
  groupBuyRefusal,
  groupBuyUnitPrice,
  groupSuccessBps,
  validateGroupBuyDeal,
  type CreateOrderResult,
  type GroupBuyCheckoutRequest,
  type GroupBuyDealInput,
  type GroupBuyDealStatsView,
  type GroupBuyDealView,
  type GroupBuyGroupDetailView,
  type GroupBuyGroupView,
  type GroupBuyMineView,
  type GroupBuyRole,
  type MyGroupBuyView,
} from '@mall/shared';
import { CatalogService } from '../catalog/catalog.service';
import { AppError } from '../common/errors/app-error';
import { OutboxService } from '../common/outbox/outbox.service';
import { transitionOne } from '../common/state/transition';
import { findCurrent } from '../database/current-read';
import { retryOnDeadlock } from '../database/transactions';
import { MemberService } from '../member/member.service';
import { AfterSaleService, type PlannedCashRefund } from '../order/after-sale.service';
import { OrderCheckoutService } from '../order/order-checkout.service';
import { OrderQueryService } from '../order/order-query.service';
import { intentRef, type GroupBuyIntent } from './group-buy-deal.handler';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from './group-buy.entity';

const REFUND_REASON = '拼团失败自动退款';

/**
 * Group buys: deals (admin), opening and joining groups (members pay through the normal checkout
 * with the group-buy deal step), and the jobs that fail groups at their time limit and refund
 * every paid member of a failed group exactly once.
 */
@Injectable()
export class GroupBuyService {
  private readonly logger = new Logger('GroupBuy');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly members: MemberService,
    private readonly checkout: OrderCheckoutService,
    private readonly orders: OrderQueryService,
    private readonly afterSales: AfterSaleService,
    private readonly outbox: OutboxService,
  ) {}

  // ---- deals (admin) ----

  private async checked(input: GroupBuyDealInput): Promise<{ productId: number }> {
    const [found] = await this.catalog.skusWithProducts(this.dataSource.manager, [input.skuId]);
    if (!found?.product) throw new AppError(ErrorCode.VALIDATION_FAILED, '商品规格不存在', { fields: [{ field: 'skuId', errors: ['not found'] }] });
    const problems = validateGroupBuyDeal(input, found.sku.priceFen);
    if (problems.length > 0)
      throw new AppError(ErrorCode.VALIDATION_FAILED, problems[0].message, { fields: problems.map((p) => ({ field: p.field, errors: [p.message] })) });
    return { productId: found.product.id };
  }

  async createDeal(input: GroupBuyDealInput & { enabled?: boolean }, actorId: number): Promise<GroupBuyDeal> {
    const { productId } = await this.checked(input);
    const repo = this.dataSource.getRepository(GroupBuyDeal);
    return repo.save(repo.create({ ...this.columns(input), productId, enabled: input.enabled ?? true, createdByAccountId: actorId }));
  }

  /** Groups already opened keep their size and clock; the new terms apply to groups opened afterwards. */
  async updateDeal(id: number, input: GroupBuyDealInput & { enabled?: boolean }): Promise<GroupBuyDeal> {
    await this.getDeal(id);
    const { productId } = await this.checked(input);
    await this.dataSource
      .getRepository(GroupBuyDeal)
      .update({ id }, { ...this.columns(input), productId, ...(input.enabled === undefined ? {} : { enabled: input.enabled }) });
    return this.getDeal(id);
  }

  private columns(input: GroupBuyDealInput) {
    return {
      name: input.name.trim(),
      skuId: input.skuId,
      groupPriceFen: input.groupPriceFen,
      leaderDiscountFen: input.leaderDiscountFen,
      groupSize: input.groupSize,
      timeLimitMinutes: input.timeLimitMinutes,
      audience: input.audience,
      allowRejoin: input.allowRejoin,
      fillWithVirtual: input.fillWithVirtual ?? false,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
    };
  }

  async getDeal(id: number): Promise<GroupBuyDeal> {
    const deal = await this.dataSource.getRepository(GroupBuyDeal).findOneBy({ id });
    if (!deal) throw AppError.notFound('拼团活动');
    return deal;
  }

  listDeals(): Promise<GroupBuyDeal[]> {
    return this.dataSource.getRepository(GroupBuyDeal).find({ order: { id: 'DESC' }, take: 200 });
  }

  /** Deals a member can open a group on now. */
  listLive(now = new Date()): Promise<GroupBuyDeal[]> {
    return this.dataSource
      .getRepository(GroupBuyDeal)
      .find({ where: { enabled: true, startsAt: LessThanOrEqual(now), endsAt: MoreThan(now) }, order: { endsAt: 'ASC' }, take: 50 });
  }

  async dealViews(deals: GroupBuyDeal[]): Promise<GroupBuyDealView[]> {
    if (deals.length === 0) return [];
    const found = await this.catalog.skusWithProducts(this.dataSource.manager, [...new Set(deals.map((d) => d.skuId))]);
    return deals.map((d) => {
      const f = found.find((x) => x.sku.id === d.skuId);
      return {
        id: d.id,
        name: d.name,
        skuId: d.skuId,
        productId: d.productId,
        productName: f?.product?.name ?? '',
        imageUrl: f?.product?.imageUrl ?? '',
        specs: f?.sku.specs ?? '',
        skuPriceFen: f?.sku.priceFen ?? 0,
        groupPriceFen: d.groupPriceFen,
        leaderDiscountFen: d.leaderDiscountFen,
        leaderPriceFen: groupBuyUnitPrice(d, 'leader'),
        groupSize: d.groupSize,
        timeLimitMinutes: d.timeLimitMinutes,
        audience: d.audience,
        audienceLabel: GROUP_BUY_AUDIENCE_LABELS[d.audience],
        allowRejoin: d.allowRejoin,
        fillWithVirtual: d.fillWithVirtual,
        enabled: d.enabled,
        startsAt: d.startsAt.toISOString(),
        endsAt: d.endsAt.toISOString(),
      };
    });
  }

  /** Live deals with a few open groups each (the soonest to finish first), for the deals page. */
  async liveWithGroups(now = new Date()): Promise<GroupBuyDealView[]> {
    const deals = await this.listLive(now);
    const views = await this.dealViews(deals);
    const groups = deals.length
      ? await this.dataSource
          .getRepository(GroupBuyGroup)
          .find({ where: { dealId: In(deals.map((d) => d.id)), status: 'open', expiresAt: MoreThan(now) }, order: { expiresAt: 'ASC' }, take: 100 })
      : [];
    const groupViews = await this.groupViews(groups);
    return views.map((v) => ({ ...v, openGroups: groupViews.filter((g) => g.dealId === v.id).slice(0, 3) }));
  }

  // ---- groups (members) ----

  async groupViews(groups: GroupBuyGroup[]): Promise<GroupBuyGroupView[]> {
    if (groups.length === 0) return [];
    const slots = await this.dataSource
      .getRepository(GroupBuyMember)
      .find({ where: { groupId: In(groups.map((g) => g.id)), status: In(['paid', 'refunding', 'refunded']) }, order: { id: 'ASC' } });
    const people = await this.members.byIds([...new Set(slots.map((s) => s.memberId))]);
    return groups.map((g) => ({
      id: g.id,
      dealId: g.dealId,
      status: g.status,
      statusLabel: GROUP_BUY_GROUP_STATES.labels[g.status],
      groupSize: g.groupSize,
      paidCount: g.paidCount,
      heldCount: g.heldCount,
      expiresAt: g.expiresAt?.toISOString() ?? null,
      completedAt: g.completedAt?.toISOString() ?? null,
      failedAt: g.failedAt?.toISOString() ?? null,
      virtualCount: g.virtualCount,
      members: slots
        .filter((s) => s.groupId === g.id)
        .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'leader' ? -1 : 1))
        .map((s) => ({ nickname: people.get(s.memberId)?.nickname || '微信用户', avatarUrl: people.get(s.memberId)?.avatarUrl ?? null, role: s.role })),
    }));
  }

  private mineView(s: GroupBuyMember): GroupBuyMineView {
    return {
      memberStatus: s.status,
      memberStatusLabel: GROUP_BUY_MEMBER_STATES.labels[s.status],
      role: s.role,
      orderId: s.orderId,
      unitPriceFen: s.unitPriceFen,
      refundedAt: s.refundedAt?.toISOString() ?? null,
    };
  }

  /** A group as its share card opens it: any member may look (it is meant to be shared); slots show nickname and avatar only. */
  async groupDetail(memberId: number, groupId: number): Promise<GroupBuyGroupDetailView> {
    const group = await this.dataSource.getRepository(GroupBuyGroup).findOneBy({ id: groupId });
    if (!group || group.status === 'pending' || group.status === 'cancelled') throw AppError.notFound('拼团');
    const [view] = await this.groupViews([group]);
    const [deal] = await this.dealViews([await this.getDeal(group.dealId)]);
    const mine = await this.dataSource.getRepository(GroupBuyMember).findOne({ where: { groupId, memberId }, order: { id: 'DESC' } });
    return { ...view, deal, mine: mine ? this.mineView(mine) : null };
  }

  async myGroups(memberId: number): Promise<MyGroupBuyView[]> {
    const slots = await this.dataSource
      .getRepository(GroupBuyMember)
      .find({ where: { memberId, status: In(['held', 'paid', 'refunding', 'refunded']) }, order: { id: 'DESC' }, take: 50 });
    if (slots.length === 0) return [];
    const groups = await this.dataSource.getRepository(GroupBuyGroup).findBy({ id: In([...new Set(slots.map((s) => s.groupId))]) });
    const groupViews = await this.groupViews(groups);
    const deals = await this.dealViews(await this.dataSource.getRepository(GroupBuyDeal).findBy({ id: In([...new Set(slots.map((s) => s.dealId))]) }));
    return slots.map((s) => {
      const deal = deals.find((d) => d.id === s.dealId);
      return {
        ...this.mineView(s),
        group: groupViews.find((g) => g.id === s.groupId)!,
        dealName: deal?.name ?? '',
        productName: deal?.productName ?? '',
        imageUrl: deal?.imageUrl ?? '',
      };
    });
  }

  /** Opens a group: the member pays at the leader's price; the group opens (and its clock starts) when that order is paid. */
  async open(memberId: number, dealId: number, request: GroupBuyCheckoutRequest, now = new Date()): Promise<CreateOrderResult & { groupId: number }> {
    const deal = await this.getDeal(dealId);
    if (!deal.enabled || deal.startsAt > now || deal.endsAt <= now) throw new AppError(ErrorCode.GROUP_BUY_UNAVAILABLE);
    const phone = await this.admit(memberId, deal, null);
    const result = await this.pay(memberId, deal, 'leader', { action: 'open', id: deal.id, phone }, request);
    const slot = await this.dataSource.getRepository(GroupBuyMember).findOneByOrFail({ orderId: result.orderId });
    return { ...result, groupId: slot.groupId };
  }

  /** Joins through a share card: a slot is taken at checkout (409 when the group is full or over) and kept while the order is unpaid. */
  async join(memberId: number, groupId: number, request: GroupBuyCheckoutRequest, now = new Date()): Promise<CreateOrderResult & { groupId: number }> {
    const group = await this.dataSource.getRepository(GroupBuyGroup).findOneBy({ id: groupId });
    if (!group || group.status === 'pending' || group.status === 'cancelled') throw AppError.notFound('拼团');
    if (group.status !== 'open' || !group.expiresAt || group.expiresAt <= now || group.heldCount >= group.groupSize)
      throw new AppError(ErrorCode.GROUP_BUY_FULL);
    const deal = await this.getDeal(group.dealId);
    const phone = await this.admit(memberId, deal, groupId);
    const result = await this.pay(memberId, deal, 'member', { action: 'join', id: groupId, phone }, request);
    return { ...result, groupId };
  }

  /** The audience rules (shared groupBuyRefusal); returns the phone a new-member deal keys its one-per-phone rule on. */
  private async admit(memberId: number, deal: GroupBuyDeal, groupId: number | null): Promise<string | null> {
    const member = await this.members.getById(memberId);
    const inGroup = groupId !== null && (await this.dataSource.getRepository(GroupBuyMember).existsBy({ groupId, memberId, status: In(['held', 'paid']) }));
    const paidOrders = deal.audience === 'new_member' ? await this.orders.boughtOrderCount(memberId) : 0;
    const refusal = groupBuyRefusal(deal, { hasPhone: Boolean(member.phone), paidOrders, inGroup });
    if (refusal === 'ALREADY_IN_GROUP') throw new AppError(ErrorCode.GROUP_BUY_ALREADY_IN);
    if (refusal) throw new AppError(ErrorCode.GROUP_BUY_NOT_ELIGIBLE, GROUP_BUY_REFUSAL_MESSAGES[refusal], { reason: refusal });
    return deal.audience === 'new_member' ? member.phone : null;
  }

  private pay(memberId: number, deal: GroupBuyDeal, role: GroupBuyRole, intent: GroupBuyIntent, request: GroupBuyCheckoutRequest): Promise<CreateOrderResult> {
    return this.checkout.create(
      memberId,
      { ...request, lines: [{ skuId: deal.skuId, quantity: 1 }] },
      { kind: 'group_buy', refId: intentRef(intent), unitPriceFen: groupBuyUnitPrice(deal, role) },
    );
  }

  // ---- jobs ----

  /**
   * Ends every open group past its time limit with a conditional transition on the row the last
   * payment also locks, so a group completes or fails, never both: open → failed, or — when its
   * deal fills with virtual members — open → completed with the missing slots counted as virtual
   * (and the 成团 event, like a full group's). Then closes the unpaid orders still holding its
   * slots. Their payments may still land: the deal step counts them only for an open group, and
   * the refund job (or the payment core's late-payment refund for a closed order) returns them.
   */
  async failExpired(now = new Date(), limit = 200): Promise<{ failed: number; filled: number }> {
    const due = await this.dataSource
      .getRepository(GroupBuyGroup)
      .find({ select: { id: true, dealId: true }, where: { status: 'open', expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: limit });
    const filling = new Set(
      (
        await this.dataSource
          .getRepository(GroupBuyDeal)
          .find({ select: { id: true }, where: { id: In([...new Set(due.map((g) => g.dealId))]), fillWithVirtual: true } })
      ).map((d) => d.id),
    );
    let failed = 0;
    let filled = 0;
    for (const { id, dealId } of due) {
      const moved = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (manager) => {
          if (!filling.has(dealId))
            return transitionOne(manager, GroupBuyGroup, GROUP_BUY_GROUP_STATES, {
              where: { id, expiresAt: LessThanOrEqual(now) },
              from: 'open',
              to: 'failed',
              set: { failedAt: now },
            });
          // Locked, so the paid count the virtual members make up for cannot move under us.
          const [group] = await findCurrent(manager, GroupBuyGroup, { id }, { forUpdate: true });
          if (group?.status !== 'open' || !group.expiresAt || group.expiresAt > now) return false;
          const completed = await transitionOne(manager, GroupBuyGroup, GROUP_BUY_GROUP_STATES, {
            where: { id, paidCount: group.paidCount },
            from: 'open',
            to: 'completed',
            set: { completedAt: now, virtualCount: Math.max(0, group.groupSize - group.paidCount) },
          });
          if (completed) await this.outbox.publish(manager, 'group_buy.completed', { groupId: id });
          return completed;
        }),
      );
      if (!moved) continue;
      if (filling.has(dealId)) filled++;
      else failed++;
      const held = await this.dataSource.getRepository(GroupBuyMember).findBy({ groupId: id, status: 'held' });
      for (const slot of held) {
        try {
          await this.checkout.cancel(slot.memberId, slot.orderId);
        } catch (error) {
          // The order was paid or cancelled meanwhile: a paid one in a failed group is refunded by refundFailed.
          this.logger.warn({ msg: 'closing a failed group order', orderId: slot.orderId, error: (error as Error).message });
        }
      }
    }
    return { failed, filled };
  }

  /**
   * Refunds every paid slot of a failed group, once: the slot is claimed (paid → refunding) in the
   * transaction that applies the refund to every source (balance, points, coupons, stock, earned
   * points and growth) through the after-sale refund; the cash is asked of WeChat after commit,
   * idempotent by its refund number. Two runs at once claim each slot once.
   */
  async refundFailed(limit = 100): Promise<{ refunded: number; settled: number }> {
    const due = await this.dataSource
      .getRepository(GroupBuyMember)
      .createQueryBuilder('m')
      .innerJoin(GroupBuyGroup, 'g', 'g.id = m.groupId')
      .where('m.status = :paid AND g.status = :failed', { paid: 'paid', failed: 'failed' })
      .orderBy('m.id', 'ASC')
      .take(limit)
      .getMany();
    let refunded = 0;
    for (const slot of due) {
      let planned: PlannedCashRefund | null = null;
      try {
        planned = await retryOnDeadlock(() =>
          this.dataSource.transaction(async (manager) => {
            const claimed = await transitionOne(manager, GroupBuyMember, GROUP_BUY_MEMBER_STATES, {
              where: { id: slot.id },
              from: 'paid',
              to: 'refunding',
              set: { memberKey: null, phoneKey: null },
            });
            if (!claimed) return null;
            const plan = await this.afterSales.startDealRefund(manager, slot.orderId, REFUND_REASON);
            await manager.getRepository(GroupBuyMember).update({ id: slot.id }, { afterSaleId: plan.afterSaleId, refundedFen: plan.cash + plan.balanceFen });
            // Published with the claim, so the 拼团失败 message exists exactly when the refund does.
            await this.outbox.publish(manager, 'group_buy.slot_refunded', {
              slotId: slot.id,
              groupId: slot.groupId,
              memberId: slot.memberId,
              orderId: slot.orderId,
              refundFen: plan.cash + plan.balanceFen,
            });
            if (plan.cash === 0)
              await transitionOne(manager, GroupBuyMember, GROUP_BUY_MEMBER_STATES, {
                where: { id: slot.id },
                from: 'refunding',
                to: 'refunded',
                set: { refundedAt: new Date() },
              });
            return plan;
          }),
        );
      } catch (error) {
        this.logger.error({ msg: 'group refund failed; will retry', slotId: slot.id, error: (error as Error).message });
        continue;
      }
      if (!planned) continue;
      refunded++;
      await this.submit(planned);
    }
    return { refunded, settled: await this.settleRefunds() };
  }

  private async submit(planned: PlannedCashRefund): Promise<void> {
    try {
      await this.afterSales.submitCash(planned, REFUND_REASON);
    } catch (error) {
      this.logger.warn({ msg: 'group refund cash submit failed; will retry', afterSaleId: planned.afterSaleId, error: (error as Error).message });
    }
  }

  /** Slots whose cash refund is on its way: refunded once WeChat confirmed; a refund never submitted (crash) is submitted again. */
  async settleRefunds(limit = 200): Promise<number> {
    const open = await this.dataSource.getRepository(GroupBuyMember).find({ where: { status: 'refunding' }, order: { id: 'ASC' }, take: limit });
    let settled = 0;
    for (const slot of open) {
      if (!slot.afterSaleId) continue;
      const state = await this.afterSales.dealRefundState(slot.afterSaleId);
      if (state.status === 'refunding') {
        await this.submit(state.planned);
        const again = await this.afterSales.dealRefundState(slot.afterSaleId);
        if (again.status !== 'completed') continue;
      } else if (state.status !== 'completed') continue;
      if (
        await transitionOne(this.dataSource.manager, GroupBuyMember, GROUP_BUY_MEMBER_STATES, {
          where: { id: slot.id },
          from: 'refunding',
          to: 'refunded',
          set: { refundedAt: new Date() },
        })
      )
        settled++;
    }
    return settled;
  }

  // ---- admin reports ----

  async groupsOf(dealId: number, status?: string): Promise<GroupBuyGroupView[]> {
    const groups = await this.dataSource
      .getRepository(GroupBuyGroup)
      .find({ where: { dealId, ...(status ? { status: status as GroupBuyGroup['status'] } : {}) }, order: { id: 'DESC' }, take: 200 });
    return this.groupViews(groups);
  }

  /** Per deal: groups by status, paid and refunded members and amounts (the live stats and the performance report). */
  async stats(): Promise<GroupBuyDealStatsView[]> {
    const deals = await this.listDeals();
    if (deals.length === 0) return [];
    const ids = deals.map((d) => d.id);
    const groupRows = await this.dataSource
      .getRepository(GroupBuyGroup)
      .createQueryBuilder('g')
      .select('g.dealId', 'dealId')
      .addSelect('g.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where({ dealId: In(ids) })
      .groupBy('g.dealId')
      .addGroupBy('g.status')
      .getRawMany<{ dealId: number; status: string; n: string | number }>();
    const memberRows = await this.dataSource
      .getRepository(GroupBuyMember)
      .createQueryBuilder('m')
      .select('m.dealId', 'dealId')
      .addSelect('m.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(m.unitPriceFen)', 'paidFen')
      .addSelect('SUM(m.refundedFen)', 'refundedFen')
      .where({ dealId: In(ids) })
      .groupBy('m.dealId')
      .addGroupBy('m.status')
      .getRawMany<{ dealId: number; status: string; n: string | number; paidFen: string | number | null; refundedFen: string | number | null }>();
    return deals.map((d) => {
      const g = (status: string) => Number(groupRows.find((r) => Number(r.dealId) === d.id && r.status === status)?.n ?? 0);
      const m = (status: string) => memberRows.find((r) => Number(r.dealId) === d.id && r.status === status);
      const count = (status: string) => Number(m(status)?.n ?? 0);
      const paidStatuses = ['paid', 'refunding', 'refunded'];
      const completed = g('completed');
      const failed = g('failed');
      return {
        dealId: d.id,
        name: d.name,
        groupsPending: g('pending'),
        groupsOpen: g('open'),
        groupsCompleted: completed,
        groupsFailed: failed,
        paidMembers: paidStatuses.reduce((sum, s) => sum + count(s), 0),
        refundingMembers: count('refunding'),
        refundedMembers: count('refunded'),
        paidFen: paidStatuses.reduce((sum, s) => sum + Number(m(s)?.paidFen ?? 0), 0),
        refundedFen: ['refunding', 'refunded'].reduce((sum, s) => sum + Number(m(s)?.refundedFen ?? 0), 0),
        successBps: groupSuccessBps(completed, failed),
      };
    });
  }
}
