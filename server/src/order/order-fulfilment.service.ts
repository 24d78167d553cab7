import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThanOrEqual } from 'typeorm';
import {
  carrierName,
  ErrorCode,
  normalizeTrackingNo,
  ORDER_STATES,
  TRACKING_STAGE_LABELS,
  trackingNoProblem,
  type OrderLogisticsView,
  type ParcelTracking,
  type ShipmentLine,
  type ShippingAddress,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { OutboxService } from '../common/outbox/outbox.service';
import { transitionOne } from '../common/state/transition';
import { findCurrent } from '../database/current-read';
import { isUniqueViolation } from '../database/db-errors';
import { retryOnDeadlock } from '../database/transactions';
import { LOGISTICS_PROVIDER, type LogisticsProvider } from './logistics/logistics-provider';
import { OrderLine, Shipment, ShopOrder } from './order.entity';
import { OrderDealRegistry } from './checkout/order-deal';
import { OrderQueryService } from './order-query.service';

/** A carrier and tracking number, checked against the shared carrier list (400 with the reason otherwise). */
export function checkedParcel(carrierCode: string, trackingNo: string): { carrierCode: string; trackingNo: string } {
  const problem = trackingNoProblem(carrierCode, trackingNo);
  if (problem) throw new AppError(ErrorCode.VALIDATION_FAILED, problem, { fields: [{ field: 'trackingNo', errors: [problem] }] });
  return { carrierCode, trackingNo: normalizeTrackingNo(trackingNo) };
}

/**
 * After payment: ops ship delivery orders in one or more parcels (per line and quantity) or ready a
 * pickup order; the member confirms receipt, or the auto-confirm job does it ORDER_AUTO_CONFIRM_DAYS
 * after the last parcel; staff hand over a pickup. Every change publishes order.shipped /
 * order.completed to the outbox in its own transaction.
 */
@Injectable()
export class OrderFulfilmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly query: OrderQueryService,
    private readonly outbox: OutboxService,
    private readonly deals: OrderDealRegistry,
    @Inject(LOGISTICS_PROVIDER) private readonly provider: LogisticsProvider,
  ) {}

  /**
   * One parcel of a paid delivery order. Each line's shipped quantity rises by a conditional UPDATE
   * (never above what was bought minus what was refunded before shipping); the order becomes
   * shipped when every unit is shipped or cancelled, and stays paid (部分发货) until then.
   */
  async createShipment(
    orderId: number,
    input: { carrierCode: string; trackingNo: string; lines: ShipmentLine[] },
    accountId: number | null,
  ): Promise<Shipment> {
    const parcel = checkedParcel(input.carrierCode, input.trackingNo);
    const wanted = new Map<number, number>();
    for (const l of input.lines) wanted.set(l.orderLineId, (wanted.get(l.orderLineId) ?? 0) + l.quantity);
    try {
      return await retryOnDeadlock(() =>
        this.dataSource.transaction(async (manager) => {
          const [order] = await findCurrent(manager, ShopOrder, { id: orderId }, { forUpdate: true });
          if (!order) throw AppError.notFound('订单');
          if (order.fulfilment !== 'delivery') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '自提订单无需发货，请使用备货完成');
          if (order.status !== 'paid') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待发货订单可以发货');
          await this.deals.assertReleased(manager, order);
          const lines = await this.query.lines(orderId, manager);
          for (const [lineId, quantity] of wanted) {
            const line = lines.find((l) => l.id === lineId);
            if (!line) throw new AppError(ErrorCode.VALIDATION_FAILED, '发货商品不属于该订单', { lineId });
            const moved = await manager
              .createQueryBuilder()
              .update(OrderLine)
              .set({ shippedQuantity: () => 'shipped_quantity + :q' })
              .where('id = :id AND order_id = :orderId AND shipped_quantity + cancelled_quantity + :q <= quantity', { id: lineId, orderId, q: quantity })
              .execute();
            if (!moved.affected)
              throw new AppError(ErrorCode.VALIDATION_FAILED, `${line.productName} 发货数量超过待发数量`, {
                lineId,
                remaining: line.quantity - line.shippedQuantity - line.cancelledQuantity,
              });
          }
          const now = new Date();
          const shipment = await manager.getRepository(Shipment).save(
            manager.getRepository(Shipment).create({
              orderId,
              ...parcel,
              lines: JSON.stringify([...wanted].map(([orderLineId, quantity]) => ({ orderLineId, quantity }))),
              shippedAt: now,
              accountId,
            }),
          );
          await manager.getRepository(ShopOrder).update({ id: orderId }, { shippedAt: now });
          await this.completeShippingIfDone(manager, order);
          await this.outbox.publish(manager, 'order.shipped', { orderId, memberId: order.memberId, fulfilment: 'delivery', shipmentId: shipment.id });
          return shipment;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(ErrorCode.CONFLICT, '该快递单号已登记过');
      throw error;
    }
  }

  /** paid → shipped once every unit of every line is shipped or was refunded before shipping. */
  async completeShippingIfDone(manager: EntityManager, order: ShopOrder): Promise<boolean> {
    const lines = await this.query.lines(order.id, manager);
    const done = lines.every((l) => l.shippedQuantity + l.cancelledQuantity >= l.quantity) && lines.some((l) => l.shippedQuantity > 0);
    if (!done) return false;
    return transitionOne(manager, ShopOrder, ORDER_STATES, { where: { id: order.id }, from: 'paid', to: 'shipped' });
  }

  /** A pickup order is ready in its store: paid → ready_for_pickup (the member is told by order.shipped). */
  async readyForPickup(orderId: number): Promise<void> {
    const order = await this.query.getById(orderId);
    if (order.fulfilment !== 'pickup') throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '快递订单请填写快递单号发货');
    await this.dataSource.transaction(async (manager) => {
      await this.deals.assertReleased(manager, order);
      const moved = await transitionOne(manager, ShopOrder, ORDER_STATES, {
        where: { id: orderId },
        from: 'paid',
        to: 'ready_for_pickup',
        set: { shippedAt: new Date() },
      });
      if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '只有待自提订单可以备货');
      await this.outbox.publish(manager, 'order.shipped', { orderId, memberId: order.memberId, fulfilment: 'pickup', shipmentId: null });
    });
  }

  /** shipped | ready_for_pickup → completed, by the member. */
  async confirmReceipt(memberId: number, orderId: number): Promise<void> {
    await this.query.get(memberId, orderId);
    await this.dataSource.transaction(async (manager) => {
      const moved = await transitionOne(manager, ShopOrder, ORDER_STATES, {
        where: { id: orderId, memberId },
        from: ['shipped', 'ready_for_pickup'],
        to: 'completed',
        set: { completedAt: new Date() },
      });
      if (!moved) throw new AppError(ErrorCode.ORDER_STATE_CONFLICT, '订单当前不能确认收货');
      await this.outbox.publish(manager, 'order.completed', { orderId, memberId });
    });
  }

  /**
   * Delivery orders shipped at least ORDER_AUTO_CONFIRM_DAYS ago are confirmed received. Each order
   * is claimed by its own conditional transition (shipped → completed), so two runs, or two
   * instances, confirm it and announce it once.
   */
  async autoConfirmDue(now = new Date(), limit = 500): Promise<{ confirmed: number }> {
    const cutoff = new Date(now.getTime() - this.query.autoConfirmDays * 86_400_000);
    const due = await this.dataSource.getRepository(ShopOrder).find({
      select: { id: true, memberId: true },
      where: { status: 'shipped', fulfilment: 'delivery', shippedAt: LessThanOrEqual(cutoff) },
      order: { id: 'ASC' },
      take: limit,
    });
    let confirmed = 0;
    for (const order of due) {
      const moved = await retryOnDeadlock(() =>
        this.dataSource.transaction(async (manager) => {
          const claimed = await transitionOne(manager, ShopOrder, ORDER_STATES, {
            where: { id: order.id, shippedAt: LessThanOrEqual(cutoff) },
            from: 'shipped',
            to: 'completed',
            set: { completedAt: now },
          });
          if (claimed) await this.outbox.publish(manager, 'order.completed', { orderId: order.id, memberId: order.memberId });
          return claimed;
        }),
      );
      if (moved) confirmed += 1;
    }
    return { confirmed };
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
    await this.outbox.publish(manager, 'order.completed', { orderId: order.id, memberId: order.memberId });
    return order;
  }

  /** A parcel's tracking as the logistics provider reports it now. */
  async track(
    parcel: { carrierCode: string; trackingNo: string; shippedAt: Date },
    destination: string | undefined,
    now = new Date(),
  ): Promise<ParcelTracking> {
    const events = await this.provider.track({ ...parcel, destination }, now);
    const stage = events[0]?.stage ?? null;
    return {
      carrierCode: parcel.carrierCode,
      carrierName: carrierName(parcel.carrierCode),
      trackingNo: parcel.trackingNo,
      shippedAt: parcel.shippedAt.toISOString(),
      stage,
      stageText: stage ? TRACKING_STAGE_LABELS[stage] : '待揽收',
      events,
    };
  }

  /** Every parcel of an order with its events; `order` is already scoped to the caller. */
  async logistics(order: ShopOrder, now = new Date()): Promise<OrderLogisticsView> {
    const lines = await this.query.lines(order.id);
    const address = order.address ? (JSON.parse(order.address) as ShippingAddress) : null;
    const shipments = await this.query.shipments([order.id]);
    const parcels = await Promise.all(
      shipments.map(async (s) => ({
        ...(await this.track(s, address?.region, now)),
        shipmentId: s.id,
        lines: (JSON.parse(s.lines) as ShipmentLine[]).map((l) => {
          const line = lines.find((x) => x.id === l.orderLineId);
          return { ...l, productName: line?.productName ?? '', specs: line?.specs ?? '', imageUrl: line?.imageUrl ?? '' };
        }),
      })),
    );
    return { orderId: order.id, orderNo: order.orderNo, address, parcels: parcels.reverse() };
  }
}
