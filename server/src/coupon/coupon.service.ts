import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import {
  claimedPercent,
  DAY_MS,
  COUPON_STATES,
  couponClaimState,
  ErrorCode,
  yuanLabel,
  type CouponCentreItem,
  type CouponTemplateView,
  type CouponTerms,
  type CursorPage,
  type MyCouponView,
  type ReceivedCouponView,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transition, transitionOne } from '../common/state/transition';
import { insertIgnore } from '../database/insert-ignore';
import { CouponTemplate } from './coupon-template.entity';
import { Coupon, CouponClaimCounter } from './coupon.entity';

/** Sources where the member took the coupon themselves (the coupon centre, the points mall): no notice for those. */
const SELF_SERVED_SOURCES = ['claim', 'points'];
const RECEIVED_NOTICE_MS = 7 * DAY_MS;

function receivedSourceLabel(source: string): string {
  if (source.startsWith('campaign')) return '活动赠送';
  if (source === 'benefit') return '会员权益';
  if (source === 'recharge') return '充值赠送';
  return '系统发放';
}

export function couponTerms(coupon: Coupon, template: CouponTemplate): CouponTerms {
  return {
    couponId: coupon.id,
    name: template.name,
    kind: template.kind,
    amountFen: template.amountFen,
    percentBps: template.percentBps,
    capFen: template.capFen,
    thresholdFen: template.thresholdFen,
    productIds: JSON.parse(template.productIds),
    categoryIds: JSON.parse(template.categoryIds),
    stackable: template.stackable,
  };
}

export function toCouponTemplateView(t: CouponTemplate): CouponTemplateView {
  return {
    id: t.id,
    name: t.name,
    text: describeCoupon(t),
    kind: t.kind,
    amountFen: t.amountFen,
    percentBps: t.percentBps,
    capFen: t.capFen,
    thresholdFen: t.thresholdFen,
    productIds: JSON.parse(t.productIds),
    categoryIds: JSON.parse(t.categoryIds),
    stackable: t.stackable,
    totalQuantity: t.totalQuantity,
    issuedCount: t.issuedCount,
    perMemberLimit: t.perMemberLimit,
    validDays: t.validDays,
    validFrom: t.validFrom?.toISOString() ?? null,
    validUntil: t.validUntil?.toISOString() ?? null,
    enabled: t.enabled,
    claimable: t.claimable,
  } satisfies CouponTemplateView;
}

export function describeCoupon(t: CouponTemplate): string {
  const off = t.kind === 'fixed' ? `减${yuanLabel(t.amountFen)}` : `${t.percentBps / 1000}折`;
  return t.thresholdFen > 0 ? `满${yuanLabel(t.thresholdFen)}${off}` : t.kind === 'fixed' ? `无门槛${off}` : off;
}

/**
 * Coupon issue, claim, lock/use/release and expiry. Quantities and per-member limits move by
 * conditional UPDATEs; a coupon is locked by one unpaid order at a time.
 */
@Injectable()
export class CouponService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Issues one coupon (claim, benefit gift, campaign). `issueKey` makes it exactly-once. */
  async issue(manager: EntityManager, memberId: number, templateId: number, source: string, issueKey?: string, now = new Date()): Promise<Coupon | null> {
    const template = await manager.getRepository(CouponTemplate).findOneBy({ id: templateId, enabled: true });
    if (!template) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '优惠券已下架');
    if (template.validUntil && template.validUntil <= now) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '优惠券已过期');
    if (issueKey && (await manager.getRepository(Coupon).existsBy({ issueKey }))) return null;
    const taken = await manager
      .createQueryBuilder()
      .update(CouponTemplate)
      .set({ issuedCount: () => 'issued_count + 1' })
      .where('id = :id AND (total_quantity IS NULL OR issued_count < total_quantity)', { id: templateId })
      .execute();
    if (!taken.affected) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '优惠券已领完');
    if (template.perMemberLimit !== null) {
      await insertIgnore(this.dataSource.manager, CouponClaimCounter, { templateId, memberId, count: 0 });
      const counted = await manager
        .createQueryBuilder()
        .update(CouponClaimCounter)
        .set({ count: () => 'count + 1' })
        .where('template_id = :templateId AND member_id = :memberId AND count < :limit', { templateId, memberId, limit: template.perMemberLimit })
        .execute();
      if (!counted.affected) throw new AppError(ErrorCode.COUPON_LIMIT_REACHED);
    }
    const validFrom = template.validDays ? now : (template.validFrom ?? now);
    const validUntil = template.validDays
      ? new Date(now.getTime() + template.validDays * 86_400_000)
      : (template.validUntil ?? new Date(now.getTime() + 365 * 86_400_000));
    return manager
      .getRepository(Coupon)
      .save(manager.getRepository(Coupon).create({ memberId, templateId, status: 'available', validFrom, validUntil, source, issueKey: issueKey ?? null }));
  }

  claim(memberId: number, templateId: number): Promise<Coupon> {
    return this.dataSource.transaction(async (manager) => {
      const template = await manager.getRepository(CouponTemplate).findOneBy({ id: templateId });
      if (!template?.claimable) throw new AppError(ErrorCode.COUPON_UNAVAILABLE);
      return (await this.issue(manager, memberId, templateId, 'claim'))!;
    });
  }

  async centre(memberId: number, now = new Date()): Promise<CouponCentreItem[]> {
    const templates = await this.dataSource.getRepository(CouponTemplate).find({ where: { enabled: true, claimable: true }, order: { id: 'DESC' } });
    const open = templates.filter((t) => !t.validUntil || t.validUntil > now);
    const ids = open.map((t) => t.id);
    const [counters, held] = ids.length
      ? await Promise.all([
          this.dataSource.getRepository(CouponClaimCounter).findBy({ memberId, templateId: In(ids) }),
          this.dataSource
            .getRepository(Coupon)
            .createQueryBuilder('c')
            .select('c.templateId', 'templateId')
            .addSelect('COUNT(*)', 'n')
            .where('c.memberId = :memberId AND c.templateId IN (:...ids)', { memberId, ids })
            .groupBy('c.templateId')
            .getRawMany<{ templateId: number; n: string | number }>(),
        ])
      : [[], []];
    return open.map((t) => {
      // The counter is what the limit is checked against; templates without a limit keep none.
      const counted = counters.find((c) => c.templateId === t.id)?.count ?? 0;
      const mine = Math.max(counted, Number(held.find((h) => Number(h.templateId) === t.id)?.n ?? 0));
      const claimState = couponClaimState({ issued: t.issuedCount, total: t.totalQuantity, perMemberLimit: t.perMemberLimit, mine: counted });
      return {
        templateId: t.id,
        name: t.name,
        text: describeCoupon(t),
        remaining: t.totalQuantity === null ? null : Math.max(0, t.totalQuantity - t.issuedCount),
        claimedPercent: claimedPercent(t.issuedCount, t.totalQuantity),
        canClaim: claimState === 'claimable',
        claimState,
        claimedByMe: mine,
        validUntil: t.validUntil?.toISOString() ?? null,
        validDays: t.validDays,
      };
    });
  }

  /** A page of the member's coupons, newest first; `cursor` is the last id seen. */
  async mine(memberId: number, cursor?: string, limit = 20, now = new Date()): Promise<CursorPage<MyCouponView>> {
    await this.expire(now, memberId);
    const found = await this.dataSource.getRepository(Coupon).find({
      where: { memberId, ...(cursor ? { id: LessThan(Number(cursor)) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const coupons = found.slice(0, limit);
    return { items: await this.views(coupons), nextCursor: found.length > limit ? String(coupons[coupons.length - 1].id) : null };
  }

  /** The member's coupons usable now, soonest to expire first (checkout offers these). */
  async available(memberId: number, now = new Date()): Promise<MyCouponView[]> {
    const coupons = await this.dataSource.getRepository(Coupon).find({
      where: { memberId, status: 'available', validFrom: LessThanOrEqual(now), validUntil: MoreThan(now) },
      order: { validUntil: 'ASC', id: 'ASC' },
      take: 100,
    });
    return this.views(coupons);
  }

  /**
   * Coupons the member was given rather than took (a campaign, a benefit, a recharge gift) in the last week and can still use:
   * the mini-program's 收到优惠券 notice. Which of them the member has already seen is kept on the device, like campaign popups.
   */
  async received(memberId: number, now = new Date()): Promise<ReceivedCouponView[]> {
    const coupons = await this.dataSource.getRepository(Coupon).find({
      where: {
        memberId,
        status: 'available',
        source: Not(In(SELF_SERVED_SOURCES)),
        createdAt: MoreThan(new Date(now.getTime() - RECEIVED_NOTICE_MS)),
        validUntil: MoreThan(now),
      },
      order: { id: 'DESC' },
      take: 20,
    });
    const templates = await this.templates(coupons.map((c) => c.templateId));
    return coupons.map((c) => {
      const t = templates.get(c.templateId)!;
      return {
        id: c.id,
        name: t.name,
        text: describeCoupon(t),
        sourceLabel: receivedSourceLabel(c.source),
        validUntil: c.validUntil.toISOString(),
        receivedAt: c.createdAt.toISOString(),
      };
    });
  }

  private async views(coupons: Coupon[]): Promise<MyCouponView[]> {
    const templates = await this.templates(coupons.map((c) => c.templateId));
    return coupons.map((c) => {
      const t = templates.get(c.templateId)!;
      return {
        id: c.id,
        templateId: c.templateId,
        name: t.name,
        text: describeCoupon(t),
        status: c.status,
        statusText: COUPON_STATES.labels[c.status],
        validFrom: c.validFrom.toISOString(),
        validUntil: c.validUntil.toISOString(),
        terms: couponTerms(c, t),
      };
    });
  }

  /** How many coupons the member can use now, and how many they ever held (read only: nothing is expired here). */
  /** Coupons issued with this source (e.g. campaign:7) that were used. */
  async usedCountBySource(source: string): Promise<number> {
    return this.dataSource.getRepository(Coupon).countBy({ source, status: 'used' });
  }

  async counts(memberId: number, now = new Date()): Promise<{ available: number; total: number }> {
    const repo = this.dataSource.getRepository(Coupon);
    const [available, total] = await Promise.all([
      repo.countBy({ memberId, status: 'available', validFrom: LessThanOrEqual(now), validUntil: MoreThan(now) }),
      repo.countBy({ memberId }),
    ]);
    return { available, total };
  }

  /** The member's usable coupons among `ids`, with their terms; anything else is refused. */
  async usable(manager: EntityManager, memberId: number, ids: number[], now = new Date()): Promise<CouponTerms[]> {
    if (ids.length === 0) return [];
    const coupons = await manager.getRepository(Coupon).findBy({ id: In(ids), memberId });
    const templates = await this.templates(
      coupons.map((c) => c.templateId),
      manager,
    );
    for (const id of ids) {
      const c = coupons.find((x) => x.id === id);
      if (!c || c.status !== 'available' || c.validFrom > now || c.validUntil <= now) {
        throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '所选优惠券已失效，请重新选择', { couponId: id });
      }
    }
    return coupons.map((c) => couponTerms(c, templates.get(c.templateId)!));
  }

  /** available → locked for an order (conditional: a coupon can be locked once). */
  async lock(manager: EntityManager, memberId: number, ids: number[], orderId: number): Promise<void> {
    for (const id of ids) {
      const locked = await transitionOne(manager, Coupon, COUPON_STATES, { where: { id, memberId }, from: 'available', to: 'locked', set: { orderId } });
      if (!locked) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '优惠券已被使用', { couponId: id });
    }
  }

  /** locked → used: the order holding them was paid. */
  async markUsed(manager: EntityManager, orderId: number): Promise<void> {
    await transition(manager, Coupon, COUPON_STATES, { where: { orderId }, from: 'locked', to: 'used' });
  }

  /** The unpaid order holding them was cancelled: locked → available (or expired, if they ran out meanwhile). */
  async releaseLocked(manager: EntityManager, orderId: number, now = new Date()): Promise<void> {
    await this.giveBack(manager, orderId, 'locked', now);
  }

  /** The order that used them was refunded in full: used → available (or expired). */
  async restoreUsed(manager: EntityManager, orderId: number, now = new Date()): Promise<void> {
    await this.giveBack(manager, orderId, 'used', now);
  }

  private async giveBack(manager: EntityManager, orderId: number, from: 'locked' | 'used', now: Date): Promise<void> {
    const set = { orderId: null };
    await transition(manager, Coupon, COUPON_STATES, { where: { orderId, validUntil: MoreThan(now) }, from, to: 'available', set });
    await transition(manager, Coupon, COUPON_STATES, { where: { orderId, validUntil: LessThanOrEqual(now) }, from, to: 'expired', set });
  }

  /** The member's coupon if it can be shown for use in store right now (for its in-store code). */
  async usableInStore(memberId: number, couponId: number, now = new Date()): Promise<Coupon> {
    const coupon = await this.dataSource.getRepository(Coupon).findOneBy({ id: couponId, memberId });
    if (!coupon) throw AppError.notFound('优惠券');
    if (coupon.status !== 'available' || coupon.validFrom > now || coupon.validUntil <= now)
      throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '该优惠券当前不可使用');
    return coupon;
  }

  /** Redeemed at the till: available → used, once (the conditional update is the guard). Returns its name. */
  async useInStore(manager: EntityManager, memberId: number, couponId: number, now = new Date()): Promise<string> {
    const coupon = await manager.getRepository(Coupon).findOneBy({ id: couponId, memberId });
    if (!coupon) throw AppError.notFound('优惠券');
    if (coupon.validFrom > now || coupon.validUntil <= now) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '该优惠券不在有效期内');
    const used = await transitionOne(manager, Coupon, COUPON_STATES, { where: { id: couponId, memberId }, from: 'available', to: 'used' });
    if (!used) throw new AppError(ErrorCode.COUPON_UNAVAILABLE, '该优惠券已使用或不可用');
    const template = await manager.getRepository(CouponTemplate).findOneByOrFail({ id: coupon.templateId });
    return template.name;
  }

  async expire(now = new Date(), memberId?: number): Promise<number> {
    return transition(this.dataSource.manager, Coupon, COUPON_STATES, {
      where: { validUntil: LessThan(now), ...(memberId ? { memberId } : {}) },
      from: 'available',
      to: 'expired',
    });
  }

  private async templates(ids: number[], manager: EntityManager = this.dataSource.manager): Promise<Map<number, CouponTemplate>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.getRepository(CouponTemplate).findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((t) => [t.id, t]));
  }
}
