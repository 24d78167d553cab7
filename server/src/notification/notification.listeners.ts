import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { beijingDate, beijingMinute, fitSubscribeValue, subscribeAmount } from '@mall/shared';
import type { OutboxEventMap } from '../common/events/domain-events';
import { MembershipPlan } from '../membership/membership.entity';
import { OrderQueryService } from '../order/order-query.service';
import { StoreService } from '../store/store.service';
import { NotificationService } from './notification.service';

const REFUND_PHRASE = { refunded: '退款成功', rejected: '已拒绝', failed: '退款失败' } as const;
const REFUND_NOTE = { refunded: '款项将原路退回，请留意到账', rejected: '售后申请未通过，详情见订单', failed: '退款遇到问题，客服会尽快处理' } as const;

/**
 * Turns after-commit domain events into subscribe messages. Events arrive at least once; each send
 * is keyed by its event so a redelivery sends nothing twice. Listeners throw only when the database
 * does (the outbox then retries); WeChat's refusals are recorded on the send, not thrown.
 */
@Injectable()
export class NotificationListeners {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly orders: OrderQueryService,
    private readonly stores: StoreService,
  ) {}

  @OnEvent('order.paid', { suppressErrors: false })
  async orderPaid(event: OutboxEventMap['order.paid']): Promise<void> {
    const order = await this.orders.getById(event.orderId);
    await this.notifications.notify(
      event.memberId,
      'order_paid',
      {
        character_string1: order.orderNo,
        thing2: await this.goodsTitle(event.orderId),
        amount3: subscribeAmount(event.payableFen),
        time4: beijingMinute(event.paidAt),
      },
      { dedupeKey: `order.paid:${event.orderId}`, query: `id=${event.orderId}` },
    );
  }

  @OnEvent('order.shipped', { suppressErrors: false })
  async orderShipped(event: OutboxEventMap['order.shipped']): Promise<void> {
    const order = await this.orders.getById(event.orderId);
    const options = { dedupeKey: `order.shipped:${event.orderId}:${event.shipmentId ?? 0}`, query: `id=${event.orderId}` };
    if (event.fulfilment === 'pickup') {
      const store = order.storeId ? await this.stores.getById(order.storeId) : null;
      await this.notifications.notify(
        event.memberId,
        'pickup_ready',
        { character_string1: order.orderNo, thing2: store?.name ?? '门店', thing3: store?.address || '见订单详情', thing4: '商品已备好，请凭取货码到店自提' },
        options,
      );
      return;
    }
    await this.notifications.notify(
      event.memberId,
      'order_shipped',
      {
        character_string1: order.orderNo,
        thing2: await this.goodsTitle(event.orderId),
        time3: beijingMinute(order.shippedAt ?? new Date()),
        thing4: '您的订单已发货，点击查看物流',
      },
      options,
    );
  }

  @OnEvent('after_sale.settled', { suppressErrors: false })
  async afterSaleSettled(event: OutboxEventMap['after_sale.settled']): Promise<void> {
    const order = await this.orders.getById(event.orderId);
    await this.notifications.notify(
      event.memberId,
      'refund_result',
      {
        character_string1: order.orderNo,
        amount2: subscribeAmount(event.cashFen + event.balanceFen),
        phrase3: REFUND_PHRASE[event.result],
        thing4: REFUND_NOTE[event.result],
      },
      { dedupeKey: `after_sale.settled:${event.afterSaleId}`, page: 'subpackages/mall/pages/order/index', query: `id=${event.orderId}` },
    );
  }

  @OnEvent('membership.refunded', { suppressErrors: false })
  async membershipRefunded(event: OutboxEventMap['membership.refunded']): Promise<void> {
    await this.notifications.notify(
      event.memberId,
      'refund_result',
      {
        character_string1: `SVIP${event.purchaseId}`,
        amount2: subscribeAmount(event.amountFen),
        phrase3: '退款成功',
        thing4: event.paidBy === 'wechat' ? '会员费已原路退回微信支付' : '会员费已退回储值余额',
      },
      { dedupeKey: `membership.refunded:${event.purchaseId}`, page: 'subpackages/member/pages/svip/index' },
    );
  }

  @OnEvent('recharge.credited', { suppressErrors: false })
  async rechargeCredited(event: OutboxEventMap['recharge.credited']): Promise<void> {
    await this.notifications.notify(
      event.memberId,
      'recharge_credited',
      {
        amount1: subscribeAmount(event.principalFen),
        amount2: subscribeAmount(event.bonusFen),
        time3: beijingMinute(new Date()),
        thing4: '储值已到账，可在钱包查看明细',
      },
      { dedupeKey: `recharge.credited:${event.rechargeId}` },
    );
  }

  @OnEvent('membership.purchased', { suppressErrors: false })
  async membershipPurchased(event: OutboxEventMap['membership.purchased']): Promise<void> {
    const plan = await this.dataSource.getRepository(MembershipPlan).findOneBy({ id: event.planId });
    await this.notifications.notify(
      event.memberId,
      'svip_renewed',
      {
        thing1: plan?.name ?? 'SVIP 会员',
        date2: beijingDate(event.endsAt),
        thing3: event.renewal ? '续费成功，有效期已延长' : '开通成功，会员权益已生效',
      },
      { dedupeKey: `membership.purchased:${event.purchaseId}` },
    );
  }

  @OnEvent('membership.expiring', { suppressErrors: false })
  async membershipExpiring(event: OutboxEventMap['membership.expiring']): Promise<void> {
    const soon = event.daysLeft <= 1;
    await this.notifications.notify(
      event.memberId,
      'svip_expiring',
      { date1: beijingDate(event.endsAt), thing2: soon ? '会员明天到期，续费权益不断档' : `会员 ${event.daysLeft} 天后到期，续费可叠加` },
      { dedupeKey: `membership.expiring:${event.memberId}:${event.endsAt.slice(0, 19)}:${soon ? '1d' : '7d'}` },
    );
  }

  @OnEvent('points.expiring', { suppressErrors: false })
  async pointsExpiring(event: OutboxEventMap['points.expiring']): Promise<void> {
    await this.notifications.notify(
      event.memberId,
      'points_expiring',
      { number1: String(event.points), date2: event.expiresDay, thing3: '积分即将过期，快去积分商城兑换吧' },
      { dedupeKey: `points.expiring:${event.memberId}:${event.expiresDay}` },
    );
  }

  /** 拿铁咖啡豆 等 3 件 */
  private async goodsTitle(orderId: number): Promise<string> {
    const lines = await this.orders.lines(orderId);
    if (lines.length === 0) return '商品';
    const count = lines.reduce((sum, l) => sum + l.quantity, 0);
    if (lines.length === 1 && count === 1) return lines[0].productName;
    const suffix = ` 等${count}件`;
    // Keep the count when the name is long: a thing holds 20 characters.
    return fitSubscribeValue('thing2', lines[0].productName.slice(0, 20 - suffix.length)) + suffix;
  }
}
