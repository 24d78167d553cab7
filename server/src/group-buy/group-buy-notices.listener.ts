import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { yuanLabel } from '@mall/shared';
import { CatalogService } from '../catalog/catalog.service';
import type { OutboxEventMap } from '../common/events/domain-events';
import { NotificationService } from '../notification/notification.service';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from './group-buy.entity';

const GROUP_PAGE = 'subpackages/deals/pages/group/index';

/**
 * 拼团结果通知: 成团成功 to every paid member when the group completes, 拼团失败 with the amount
 * returned when a failed group's slot is refunded. The events are written once (by the one
 * transition that completes the group, by the one claim of a slot's refund) and each send is keyed
 * by its slot, so however often the jobs or the outbox run, a member hears each result once.
 */
@Injectable()
export class GroupBuyNoticesListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly notifications: NotificationService,
  ) {}

  @OnEvent('group_buy.completed', { suppressErrors: false })
  async completed(event: OutboxEventMap['group_buy.completed']): Promise<void> {
    const slots = await this.dataSource.getRepository(GroupBuyMember).findBy({ groupId: event.groupId, status: 'paid' });
    const product = await this.productName(event.groupId);
    for (const slot of slots)
      await this.notifications.notify(
        slot.memberId,
        'group_result',
        { thing1: product, phrase2: '拼团成功', thing3: '已成团，商品将尽快为你发出' },
        { dedupeKey: `group_buy.completed:${slot.id}`, page: GROUP_PAGE, query: `id=${event.groupId}` },
      );
  }

  @OnEvent('group_buy.slot_refunded', { suppressErrors: false })
  async refunded(event: OutboxEventMap['group_buy.slot_refunded']): Promise<void> {
    await this.notifications.notify(
      event.memberId,
      'group_result',
      { thing1: await this.productName(event.groupId), phrase2: '拼团失败', thing3: `未成团，退款${yuanLabel(event.refundFen)}原路退回` },
      { dedupeKey: `group_buy.failed:${event.slotId}`, page: GROUP_PAGE, query: `id=${event.groupId}` },
    );
  }

  private async productName(groupId: number): Promise<string> {
    const group = await this.dataSource.getRepository(GroupBuyGroup).findOneByOrFail({ id: groupId });
    const deal = await this.dataSource.getRepository(GroupBuyDeal).findOneByOrFail({ id: group.dealId });
    const [item] = await this.catalog.skusWithProducts(this.dataSource.manager, [deal.skuId]);
    return item?.product?.name ?? deal.name;
  }
}
