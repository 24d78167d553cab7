import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCode, GROUP_BUY_GROUP_STATES, GROUP_BUY_MEMBER_STATES, type GroupBuyRole } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { OutboxService } from '../common/outbox/outbox.service';
import { transitionOne } from '../common/state/transition';
import { findCurrent } from '../database/current-read';
import { insertIgnore } from '../database/insert-ignore';
import type { ShopOrder } from '../order/order.entity';
import { OrderDealRegistry, type OrderDeal, type OrderDealHandler } from '../order/checkout/order-deal';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from './group-buy.entity';

/**
 * What the service decided before checkout, carried in the order's deal reference:
 * `open:<dealId>:<phone|->` opens a new group, `join:<groupId>:<phone|->` takes a slot in one.
 * The phone is only there for new-member deals (its unique key is one 拉新团 per phone number).
 */
export interface GroupBuyIntent {
  action: 'open' | 'join';
  id: number;
  phone: string | null;
}

export function intentRef(intent: GroupBuyIntent): string {
  return `${intent.action}:${intent.id}:${intent.phone ?? '-'}`;
}

export function parseIntentRef(ref: string): GroupBuyIntent {
  const [action, id, phone] = ref.split(':');
  if ((action !== 'open' && action !== 'join') || !/^\d+$/.test(id ?? '')) throw new Error(`bad group-buy deal ref ${ref}`);
  return { action, id: Number(id), phone: phone && phone !== '-' ? phone : null };
}

/**
 * The group buy's step in the order checkout. hold takes a slot: a new pending group for the
 * leader, or a conditional `held_count + 1 … WHERE held_count < group_size AND status = 'open'`
 * on the group row for a joiner (the hot row, last). confirm counts the payment and the one that
 * fills the group completes it on the same locked row, so a group completes at most once and
 * never after the timeout job failed it. release gives the slot back. All run inside the order's
 * transaction behind its conditional status change, and each is itself a conditional transition
 * of the slot, so each applies once.
 */
@Injectable()
export class GroupBuyDealHandler implements OrderDealHandler, OnModuleInit {
  readonly kind = 'group_buy' as const;

  constructor(
    private readonly registry: OrderDealRegistry,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async hold(manager: EntityManager, order: ShopOrder, deal: OrderDeal): Promise<void> {
    const intent = parseIntentRef(deal.refId);
    let group: GroupBuyGroup;
    let role: GroupBuyRole;
    if (intent.action === 'open') {
      const d = await manager.getRepository(GroupBuyDeal).findOneBy({ id: intent.id });
      if (!d) throw AppError.notFound('拼团活动');
      group = await manager.getRepository(GroupBuyGroup).save(
        manager.getRepository(GroupBuyGroup).create({
          dealId: d.id,
          leaderMemberId: order.memberId,
          groupSize: d.groupSize,
          timeLimitMinutes: d.timeLimitMinutes,
          status: 'pending',
          heldCount: 1,
          paidCount: 0,
        }),
      );
      role = 'leader';
    } else {
      const found = await manager.getRepository(GroupBuyGroup).findOneBy({ id: intent.id });
      if (!found) throw AppError.notFound('拼团');
      group = found;
      role = 'member';
    }
    const d = await manager.getRepository(GroupBuyDeal).findOneByOrFail({ id: group.dealId });
    // The member's own row first (no contention): its unique keys refuse a second slot and a second 拉新团 per phone.
    const inserted = await insertIgnore(manager, GroupBuyMember, {
      groupId: group.id,
      dealId: group.dealId,
      memberId: order.memberId,
      orderId: order.id,
      role,
      status: 'held',
      unitPriceFen: deal.unitPriceFen,
      memberKey: d.allowRejoin ? null : `${group.id}:${order.memberId}`,
      phoneKey: d.audience === 'new_member' ? intent.phone : null,
    });
    if (!inserted) {
      const sameMember = await manager.getRepository(GroupBuyMember).existsBy({ memberKey: `${group.id}:${order.memberId}` });
      if (sameMember) throw new AppError(ErrorCode.GROUP_BUY_ALREADY_IN);
      throw new AppError(ErrorCode.GROUP_BUY_PHONE_USED);
    }
    if (role === 'member') {
      const taken = await manager
        .createQueryBuilder()
        .update(GroupBuyGroup)
        .set({ heldCount: () => 'held_count + 1' })
        .where('id = :id AND status = :open AND held_count < group_size AND expires_at > :now', { id: group.id, open: 'open', now: new Date() })
        .execute();
      if (!taken.affected) throw new AppError(ErrorCode.GROUP_BUY_FULL);
    }
  }

  async confirm(manager: EntityManager, order: ShopOrder): Promise<void> {
    const slot = await manager.getRepository(GroupBuyMember).findOneBy({ orderId: order.id });
    if (!slot) return;
    const now = order.paidAt ?? new Date();
    if (!(await transitionOne(manager, GroupBuyMember, GROUP_BUY_MEMBER_STATES, { where: { id: slot.id }, from: 'held', to: 'paid', set: { paidAt: now } })))
      return;
    if (slot.role === 'leader') {
      const group = await manager.getRepository(GroupBuyGroup).findOneByOrFail({ id: slot.groupId });
      await transitionOne(manager, GroupBuyGroup, GROUP_BUY_GROUP_STATES, {
        where: { id: slot.groupId },
        from: 'pending',
        to: 'open',
        set: { paidCount: 1, openedAt: now, expiresAt: new Date(now.getTime() + group.timeLimitMinutes * 60_000) },
      });
      return;
    }
    // Counted only while the group is open; a payment for a group that failed stays 'paid' in a failed group and the refund job returns it in full.
    const counted = await manager
      .createQueryBuilder()
      .update(GroupBuyGroup)
      .set({ paidCount: () => 'paid_count + 1' })
      .where('id = :id AND status = :open AND paid_count < group_size', { id: slot.groupId, open: 'open' })
      .execute();
    if (!counted.affected) return;
    const [group] = await findCurrent(manager, GroupBuyGroup, { id: slot.groupId }, { forUpdate: true });
    if (
      group.paidCount >= group.groupSize &&
      (await transitionOne(manager, GroupBuyGroup, GROUP_BUY_GROUP_STATES, {
        where: { id: group.id },
        from: 'open',
        to: 'completed',
        set: { completedAt: now },
      }))
    )
      await this.outbox.publish(manager, 'group_buy.completed', { groupId: group.id });
  }

  async release(manager: EntityManager, order: ShopOrder): Promise<void> {
    const slot = await manager.getRepository(GroupBuyMember).findOneBy({ orderId: order.id });
    if (!slot) return;
    const moved = await transitionOne(manager, GroupBuyMember, GROUP_BUY_MEMBER_STATES, {
      where: { id: slot.id },
      from: 'held',
      to: 'released',
      set: { memberKey: null, phoneKey: null },
    });
    if (!moved) return;
    if (slot.role === 'leader') {
      await transitionOne(manager, GroupBuyGroup, GROUP_BUY_GROUP_STATES, { where: { id: slot.groupId }, from: 'pending', to: 'cancelled' });
      return;
    }
    await manager
      .createQueryBuilder()
      .update(GroupBuyGroup)
      .set({ heldCount: () => 'held_count - 1' })
      .where('id = :id AND held_count > 0', { id: slot.groupId })
      .execute();
  }

  /** A paid group order waits for its group: it ships only once the group completed (a failed group's order is refunded instead). */
  async heldBack(manager: EntityManager, order: ShopOrder): Promise<string | null> {
    const slot = await manager.getRepository(GroupBuyMember).findOneBy({ orderId: order.id });
    if (!slot) return null;
    const group = await manager.getRepository(GroupBuyGroup).findOneByOrFail({ id: slot.groupId });
    if (group.status === 'completed') return null;
    return group.status === 'failed' ? '拼团失败，该订单将全额退款，不能发货或申请售后' : '拼团尚未成团，成团后才能发货或申请售后';
  }
}
