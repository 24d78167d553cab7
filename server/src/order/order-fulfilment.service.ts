import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ErrorCode, ORDER_STATES } from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { transitionOne } from '../common/state/transition';
import { ShopOrder } from './order.entity';
import { OrderQueryService } from './order-query.service';

/** After payment: ops ship (or ready a pickup), the member confirms receipt, staff hand over a pickup. */
@Injectable()
export class OrderFulfilmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: OrderQueryService,
  ) {}

  /** paid → shipped (delivery) | ready_for_pickup (pickup). */
  async ship(orderId: number): Promise<void> {
    const order = await this.query.getById(orderId);
    const to = order.fulfilment === 'pickup' ? 'ready_for_pickup' : 'shipped';
    const moved = await transitionOne(this.dataSource.manager, ShopOrder, ORDER_STATES, {
      where: { id: orderId },
      from: 'paid',
      to,
      set: { shippedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待发货订单可以发货');
  }

  /** shipped | ready_for_pickup → completed, by the member. */
  async confirmReceipt(memberId: number, orderId: number): Promise<void> {
    await this.query.get(memberId, orderId);
    const moved = await transitionOne(this.dataSource.manager, ShopOrder, ORDER_STATES, {
      where: { id: orderId, memberId },
      from: ['shipped', 'ready_for_pickup'],
      to: 'completed',
      set: { completedAt: new Date() },
    });
    if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '订单当前不能确认收货');
  }

  /** Staff hand over a pickup order in their store: paid | ready_for_pickup → completed, once. */
  async handOverPickup(manager: EntityManager, pickupCode: string, storeId: number): Promise<ShopOrder> {
    const order = await manager.getRepository(ShopOrder).findOneBy({ pickupCode, fulfilment: 'pickup' });
    if (!order) throw AppError.notFound('自提码对应的订单');
    if (order.storeId !== storeId) throw new AppError(ErrorCode.FORBIDDEN, '该订单不在本门店自提');
    const done = await transitionOne(manager, ShopOrder, ORDER_STATES, {
      where: { id: order.id },
      from: ['paid', 'ready_for_pickup'],
      to: 'completed',
      set: { completedAt: new Date() },
    });
    if (!done) throw new AppError(ErrorCode.WRITE_OFF_DONE, order.status === 'completed' ? '该订单已核销，不能重复核销' : '该订单当前不可核销');
    return order;
  }
}
