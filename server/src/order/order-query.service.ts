import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager, In, LessThan } from 'typeorm';
import {
  AFTER_SALE_OPEN_STATES,
  BOUGHT_ORDER_STATUSES,
  type CursorPage,
  type OrderCounts,
  type OrderStatus,
  type OrderView,
  type PickupStoreOption,
} from '@mall/shared';
import { AppError } from '../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BindingService } from '../store/binding.service';
import { StoreService } from '../store/store.service';
import { AfterSale, OrderLine, Shipment, ShopOrder } from './order.entity';
import { toOrderView } from './order.view';

/** Reading orders: a member's own (404 for anyone else's), views that name the pickup store, savings. */
@Injectable()
export class OrderQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: StoreService,
    private readonly bindings: BindingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get autoConfirmDays(): number {
    return this.config.fulfilment.autoConfirmDays;
  }

  shipments(orderIds: number[], manager: EntityManager = this.dataSource.manager): Promise<Shipment[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(Shipment).find({ where: { orderId: In(orderIds) }, order: { id: 'ASC' } });
  }

  async get(memberId: number, orderId: number): Promise<ShopOrder> {
    const order = await this.dataSource.getRepository(ShopOrder).findOneBy({ id: orderId, memberId });
    if (!order) throw AppError.notFound('订单');
    return order;
  }

  async getById(orderId: number): Promise<ShopOrder> {
    const order = await this.dataSource.getRepository(ShopOrder).findOneBy({ id: orderId });
    if (!order) throw AppError.notFound('订单');
    return order;
  }

  lines(orderId: number, manager: EntityManager = this.dataSource.manager): Promise<OrderLine[]> {
    return manager.getRepository(OrderLine).find({ where: { orderId }, order: { id: 'ASC' } });
  }

  /** Paid orders (not cancelled or refunded in full) of these members in a time window, for campaign attribution. */
  async paidOrdersOf(memberIds: number[], from: Date, to: Date): Promise<{ memberId: number; paidAt: Date; payableFen: number }[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(ShopOrder).find({
      select: { memberId: true, paidAt: true, payableFen: true },
      where: { memberId: In(memberIds), status: In([...BOUGHT_ORDER_STATUSES]), paidAt: Between(from, to) },
    });
    return rows.map((o) => ({ memberId: o.memberId, paidAt: o.paidAt!, payableFen: o.payableFen }));
  }

  /** The member's order as the app shows it, naming its pickup store. */
  async view(memberId: number, orderId: number): Promise<OrderView> {
    const order = await this.get(memberId, orderId);
    const store = order.storeId ? ((await this.stores.byIds([order.storeId])).get(order.storeId) ?? null) : null;
    return toOrderView(order, await this.lines(orderId), { store, shipments: await this.shipments([orderId]), autoConfirmDays: this.autoConfirmDays });
  }

  /** The member's latest 50 orders (optionally of one status) with their lines. */
  async list(memberId: number, status?: OrderStatus): Promise<{ order: ShopOrder; lines: OrderLine[] }[]> {
    return (await this.memberPage(memberId, status, undefined, 50)).rows;
  }

  /** A page of the member's orders (optionally of one status), newest first, with their lines; `cursor` is the last id seen. */
  async memberPage(
    memberId: number,
    status?: OrderStatus,
    cursor?: string,
    limit = 20,
  ): Promise<{ rows: { order: ShopOrder; lines: OrderLine[] }[]; nextCursor: string | null }> {
    const found = await this.dataSource.getRepository(ShopOrder).find({
      where: { memberId, ...(status ? { status } : {}), ...(cursor ? { id: LessThan(Number(cursor)) } : {}) },
      order: { id: 'DESC' },
      take: limit + 1,
    });
    const orders = found.slice(0, limit);
    const lines = orders.length ? await this.dataSource.getRepository(OrderLine).findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
    return {
      rows: orders.map((o) => ({ order: o, lines: lines.filter((l) => l.orderId === o.id) })),
      nextCursor: found.length > limit ? String(orders[orders.length - 1].id) : null,
    };
  }

  async listViews(memberId: number, status?: OrderStatus, cursor?: string, limit?: number): Promise<CursorPage<OrderView>> {
    const { rows, nextCursor } = await this.memberPage(memberId, status, cursor, limit);
    const stores = await this.stores.byIds(rows.map((r) => r.order.storeId).filter((id): id is number => id !== null));
    const shipments = await this.shipments(rows.map((r) => r.order.id));
    return {
      items: rows.map(({ order, lines }) =>
        toOrderView(order, lines, { store: order.storeId ? (stores.get(order.storeId) ?? null) : null, shipments, autoConfirmDays: this.autoConfirmDays }),
      ),
      nextCursor,
    };
  }

  /** How many of the member's orders wait on them or the shop, and their after-sales in progress. */
  async counts(memberId: number): Promise<OrderCounts> {
    const byStatus = await this.dataSource
      .getRepository(ShopOrder)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('o.memberId = :memberId', { memberId })
      .andWhere('o.status IN (:...statuses)', { statuses: ['pending_payment', 'paid', 'shipped', 'ready_for_pickup'] })
      .groupBy('o.status')
      .getRawMany<{ status: OrderStatus; n: string | number }>();
    const n = (status: OrderStatus) => Number(byStatus.find((r) => r.status === status)?.n ?? 0);
    const afterSales = await this.dataSource.getRepository(AfterSale).countBy({ memberId, status: In([...AFTER_SALE_OPEN_STATES]) });
    return { pendingPayment: n('pending_payment'), toShip: n('paid'), toReceive: n('shipped') + n('ready_for_pickup'), afterSales };
  }

  /** A page of all orders for ops, with lines and store names. */
  async page(filter: { page: number; pageSize: number; status?: OrderStatus; memberId?: number }): Promise<{
    items: { order: ShopOrder; lines: OrderLine[]; store: { id: number; name: string; address: string } | null; shipments: Shipment[] }[];
    total: number;
  }> {
    const [orders, total] = await this.dataSource.getRepository(ShopOrder).findAndCount({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.memberId ? { memberId: filter.memberId } : {}) },
      order: { id: 'DESC' },
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
    });
    const lines = orders.length ? await this.dataSource.getRepository(OrderLine).findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
    const stores = await this.stores.byIds(orders.map((o) => o.storeId).filter((id): id is number => id !== null));
    const shipments = await this.shipments(orders.map((o) => o.id));
    return {
      total,
      items: orders.map((o) => ({
        order: o,
        lines: lines.filter((l) => l.orderId === o.id),
        store: o.storeId ? (stores.get(o.storeId) ?? null) : null,
        shipments: shipments.filter((s) => s.orderId === o.id),
      })),
    };
  }

  /** Open stores for the checkout page, the member's bound store first. */
  async pickupStores(memberId: number): Promise<PickupStoreOption[]> {
    return this.stores.pickupOptions((await this.bindings.bindingOf(memberId))?.storeId ?? null);
  }

  /** True when no other order of this member was paid before (first-order rewards). */
  /** Paid orders of a member that were not refunded in full (a new-member deal admits only members with none). */
  boughtOrderCount(memberId: number): Promise<number> {
    return this.dataSource.getRepository(ShopOrder).countBy({ memberId, status: In([...BOUGHT_ORDER_STATUSES]) });
  }

  async isFirstPaidOrder(manager: EntityManager, order: ShopOrder): Promise<boolean> {
    const earlier = await manager
      .getRepository(ShopOrder)
      .createQueryBuilder('o')
      .where('o.memberId = :m AND o.id <> :id AND o.paidAt IS NOT NULL', { m: order.memberId, id: order.id })
      .getCount();
    return earlier === 0;
  }

  /**
   * The deal performance report's view of a deal's orders: each paid one with its units, the refunds
   * completed on it (cash + balance), and whether it was its member's first paid order ever.
   */
  async dealOrderFigures(
    orderIds: number[],
  ): Promise<{ orderId: number; memberId: number; payableFen: number; units: number; refundFen: number; firstPaid: boolean }[]> {
    const out = [];
    for (let i = 0; i < orderIds.length; i += 1000) {
      const ids = orderIds.slice(i, i + 1000);
      const orders = await this.dataSource
        .getRepository(ShopOrder)
        .createQueryBuilder('o')
        .select(['o.id', 'o.memberId', 'o.payableFen'])
        .addSelect(
          'CASE WHEN EXISTS (SELECT 1 FROM shop_order e WHERE e.member_id = o.member_id AND e.paid_at IS NOT NULL AND (e.paid_at < o.paid_at OR (e.paid_at = o.paid_at AND e.id < o.id))) THEN 0 ELSE 1 END',
          'first_paid',
        )
        .where({ id: In(ids) })
        .andWhere('o.paidAt IS NOT NULL')
        .getRawAndEntities();
      if (orders.entities.length === 0) continue;
      const paidIds = orders.entities.map((o) => o.id);
      const units = await this.dataSource
        .getRepository(OrderLine)
        .createQueryBuilder('l')
        .select('l.orderId', 'orderId')
        .addSelect('SUM(l.quantity)', 'n')
        .where({ orderId: In(paidIds) })
        .groupBy('l.orderId')
        .getRawMany<{ orderId: number; n: string | number }>();
      const refunds = await this.dataSource
        .getRepository(AfterSale)
        .createQueryBuilder('a')
        .select('a.orderId', 'orderId')
        .addSelect('SUM(a.cashFen + a.balanceFen)', 'fen')
        .where({ orderId: In(paidIds), status: 'completed' })
        .groupBy('a.orderId')
        .getRawMany<{ orderId: number; fen: string | number }>();
      const firstPaid = new Map(orders.raw.map((r: { o_id: number; first_paid: number | string }) => [Number(r.o_id), Number(r.first_paid) === 1]));
      for (const o of orders.entities)
        out.push({
          orderId: o.id,
          memberId: o.memberId,
          payableFen: o.payableFen,
          units: Number(units.find((u) => Number(u.orderId) === o.id)?.n ?? 0),
          refundFen: Number(refunds.find((r) => Number(r.orderId) === o.id)?.fen ?? 0),
          firstPaid: firstPaid.get(o.id) ?? false,
        });
    }
    return out;
  }

  /** Whether the member has ever paid an order (a member who has not may still be invited by a KOC). */
  async hasPaidOrder(memberId: number): Promise<boolean> {
    return (
      (await this.dataSource.getRepository(ShopOrder).createQueryBuilder('o').where('o.memberId = :m AND o.paidAt IS NOT NULL', { m: memberId }).getCount()) > 0
    );
  }

  /** Savings that benefits of one source type brought on the member's paid, unrefunded orders in [from, to). */
  async savingsBySourceType(memberId: number, sourceType: 'tier' | 'plan' | 'campaign', from: Date, to: Date): Promise<number> {
    const orders = await this.dataSource
      .getRepository(ShopOrder)
      .createQueryBuilder('o')
      .where('o.memberId = :memberId AND o.paidAt >= :from AND o.paidAt < :to AND o.status NOT IN (:...gone)', {
        memberId,
        from,
        to,
        gone: ['cancelled', 'refunded'],
      })
      .getMany();
    let total = 0;
    for (const o of orders)
      for (const s of JSON.parse(o.savings ?? '[]') as { source: { type: string }; fen: number }[]) if (s.source.type === sourceType) total += s.fen;
    return total;
  }
}
