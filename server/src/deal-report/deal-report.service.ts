import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, MoreThanOrEqual } from 'typeorm';
import {
  beijingDayStart,
  DAY_MS,
  groupSuccessBps,
  sellThroughBps,
  type DayKey,
  type DealPerformanceRow,
  type DealReport,
  type FlashSalePerformanceRow,
  type GroupBuyPerformanceRow,
} from '@mall/shared';
import { CatalogService } from '../catalog/catalog.service';
import { FlashSaleEvent, FlashSaleReservation } from '../flash-sale/flash-sale.entity';
import { GroupBuyDeal, GroupBuyGroup, GroupBuyMember } from '../group-buy/group-buy.entity';
import { MemberEvent } from '../insight/insight.entity';
import { OrderQueryService } from '../order/order-query.service';

/** The order-side figures a row is built from (the order module computes them). */
type OrderFigures = Awaited<ReturnType<OrderQueryService['dealOrderFigures']>>;

/**
 * Deal performance: a read model over the flash-sale and group-buy tables and the deals' orders.
 * It writes nothing; each figure is a count a person could redo by hand from those tables, which
 * is how the e2e suite checks it. Deals are picked by their window overlapping the chosen days.
 */
@Injectable()
export class DealReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderQueryService,
    private readonly catalog: CatalogService,
  ) {}

  async report(from: DayKey, to: DayKey): Promise<DealReport> {
    const start = beijingDayStart(from);
    const end = new Date(beijingDayStart(to).getTime() + DAY_MS);
    const [flashSales, groupBuys] = [await this.flashSales(start, end), await this.groupBuys(start, end)];
    return { from, to, flashSales, groupBuys };
  }

  private async flashSales(start: Date, end: Date): Promise<FlashSalePerformanceRow[]> {
    const events = await this.dataSource
      .getRepository(FlashSaleEvent)
      .find({ where: { startAt: LessThan(end), endAt: MoreThanOrEqual(start) }, order: { startAt: 'DESC', id: 'DESC' }, take: 500 });
    if (events.length === 0) return [];
    const reservations = await this.dataSource.getRepository(FlashSaleReservation).findBy({ eventId: In(events.map((e) => e.id)) });
    const names = await this.productNames(events.map((e) => e.skuId));
    const rows: FlashSalePerformanceRow[] = [];
    for (const e of events) {
      const mine = reservations.filter((r) => r.eventId === e.id);
      const figures = await this.orders.dealOrderFigures(mine.map((r) => r.orderId));
      const unitsSold = mine.filter((r) => r.status === 'sold').reduce((sum, r) => sum + r.quantity, 0);
      rows.push({
        ...(await this.common(e, e.productId, names.get(e.skuId), e.startAt, e.endAt, mine.length, figures, unitsSold)),
        stockTotal: e.stockTotal,
        sellThroughBps: sellThroughBps(unitsSold, e.stockTotal),
      });
    }
    return rows;
  }

  private async groupBuys(start: Date, end: Date): Promise<GroupBuyPerformanceRow[]> {
    const deals = await this.dataSource
      .getRepository(GroupBuyDeal)
      .find({ where: { startsAt: LessThan(end), endsAt: MoreThanOrEqual(start) }, order: { startsAt: 'DESC', id: 'DESC' }, take: 500 });
    if (deals.length === 0) return [];
    const ids = deals.map((d) => d.id);
    const groups = await this.dataSource.getRepository(GroupBuyGroup).findBy({ dealId: In(ids) });
    const slots = await this.dataSource.getRepository(GroupBuyMember).findBy({ dealId: In(ids) });
    const names = await this.productNames(deals.map((d) => d.skuId));
    const rows: GroupBuyPerformanceRow[] = [];
    for (const d of deals) {
      const mineGroups = groups.filter((g) => g.dealId === d.id);
      const mineSlots = slots.filter((s) => s.dealId === d.id);
      const figures = await this.orders.dealOrderFigures(mineSlots.map((s) => s.orderId));
      // Sold = a paid slot of a group that completed (a failed group's payments are refunded).
      const completedGroups = new Set(mineGroups.filter((g) => g.status === 'completed').map((g) => g.id));
      const soldOrders = new Set(mineSlots.filter((s) => s.status === 'paid' && completedGroups.has(s.groupId)).map((s) => s.orderId));
      const unitsSold = figures.filter((f) => soldOrders.has(f.orderId)).reduce((sum, f) => sum + f.units, 0);
      const completed = completedGroups.size;
      const failed = mineGroups.filter((g) => g.status === 'failed').length;
      rows.push({
        ...(await this.common(d, d.productId, names.get(d.skuId), d.startsAt, d.endsAt, mineSlots.length, figures, unitsSold)),
        sellThroughBps: null,
        groupSize: d.groupSize,
        groupsOpened: mineGroups.filter((g) => g.openedAt !== null).length,
        groupsCompleted: completed,
        groupsFailed: failed,
        completionBps: groupSuccessBps(completed, failed),
        virtualMembers: mineGroups.reduce((sum, g) => sum + g.virtualCount, 0),
        groupsCompletedWithVirtual: mineGroups.filter((g) => g.status === 'completed' && g.virtualCount > 0).length,
      });
    }
    return rows;
  }

  private async common(
    deal: { id: number; name: string },
    productId: number,
    productName: string | undefined,
    startAt: Date,
    endAt: Date,
    reservations: number,
    figures: OrderFigures,
    unitsSold: number,
  ): Promise<Omit<DealPerformanceRow, 'sellThroughBps'>> {
    const refunded = figures.filter((f) => f.refundFen > 0);
    return {
      id: deal.id,
      name: deal.name,
      productName: productName ?? '',
      startAt: startAt.toISOString(),
      endAt: endAt.toISOString(),
      views: await this.views(productId, startAt, endAt),
      reservations,
      paidOrders: figures.length,
      unitsSold,
      revenueFen: figures.reduce((sum, f) => sum + f.payableFen, 0),
      refundOrders: refunded.length,
      refundFen: refunded.reduce((sum, f) => sum + f.refundFen, 0),
      uniqueBuyers: new Set(figures.map((f) => f.memberId)).size,
      newMembers: new Set(figures.filter((f) => f.firstPaid).map((f) => f.memberId)).size,
    };
  }

  /** Product views the mini-program reported while the deal ran (deal pages are not tracked on their own). */
  private views(productId: number, startAt: Date, endAt: Date): Promise<number> {
    return this.dataSource
      .getRepository(MemberEvent)
      .createQueryBuilder('e')
      .where('e.type = :type AND e.objectId = :productId AND e.occurredAt >= :startAt AND e.occurredAt < :endAt', { type: 'view', productId, startAt, endAt })
      .getCount();
  }

  private async productNames(skuIds: number[]): Promise<Map<number, string>> {
    const items = await this.catalog.skusWithProducts(this.dataSource.manager, [...new Set(skuIds)]);
    return new Map(items.map((i) => [i.sku.id, i.product ? `${i.product.name} ${i.sku.specs}`.trim() : `SKU ${i.sku.id}`]));
  }
}
