import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminOrderView, AfterSaleView, OrderLogisticsView, Page, ShipmentView } from '@mall/shared';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AfterSaleService } from './after-sale.service';
import { AdminOrderListQuery, AfterSaleListQuery, ApproveAfterSaleDto, CreateShipmentDto, ParcelDto, ReviewDto } from './dto/order.dto';
import { OrderFulfilmentService } from './order-fulfilment.service';
import { OrderQueryService } from './order-query.service';
import { toAdminOrderView, toShipmentView } from './order.view';

@ApiTags('admin: orders')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminOrderController {
  constructor(
    private readonly query: OrderQueryService,
    private readonly fulfilment: OrderFulfilmentService,
    private readonly afterSales: AfterSaleService,
    private readonly audit: AuditService,
  ) {}

  @Get('orders')
  @Roles('ops', 'finance')
  async list(@Query() query: AdminOrderListQuery): Promise<Page<AdminOrderView>> {
    const { items, total } = await this.query.page(query);
    return {
      total,
      items: items.map(({ order, lines, store, shipments }) =>
        toAdminOrderView(order, lines, { store, shipments, autoConfirmDays: this.query.autoConfirmDays }),
      ),
    };
  }

  /** One parcel of a paid delivery order: carrier, tracking number and the units of each line it carries. */
  @Post('orders/:id/shipments')
  @Roles('ops')
  async createShipment(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: CreateShipmentDto,
  ): Promise<ShipmentView> {
    const shipment = await this.fulfilment.createShipment(id, dto, caller.id);
    await this.audit.record(
      caller,
      'order.ship',
      { type: 'order', id },
      { shipmentId: shipment.id, carrierCode: shipment.carrierCode, trackingNo: shipment.trackingNo, lines: dto.lines },
    );
    return toShipmentView(shipment);
  }

  /** A pickup order is ready in its store (paid → ready_for_pickup). Delivery orders ship with POST …/shipments. */
  @Post('orders/:id/ship')
  @Roles('ops')
  async ship(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.fulfilment.readyForPickup(id);
    await this.audit.record(caller, 'order.ready_for_pickup', { type: 'order', id }, {});
    return { ok: true };
  }

  @Get('orders/:id/logistics')
  @Roles('ops', 'finance')
  async logistics(@Param('id', ParseIntPipe) id: number): Promise<OrderLogisticsView> {
    return this.fulfilment.logistics(await this.query.getById(id));
  }

  @Get('after-sales')
  @Roles('ops', 'finance')
  async listAfterSales(@Query() query: AfterSaleListQuery): Promise<{ items: AfterSaleView[] }> {
    return { items: await this.afterSales.views(await this.afterSales.list(query.status)) };
  }

  @Post('after-sales/:id/approve')
  @Roles('finance', 'ops')
  async approve(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ApproveAfterSaleDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.approve(id, dto.note, dto.returnAddress);
    await this.audit.record(
      caller,
      'after_sale.approve',
      { type: 'after_sale', id },
      {
        note: dto.note,
        kind: sale.kind,
        cashFen: sale.cashFen,
        balanceFen: sale.balanceFen,
        pointsReturned: sale.pointsReturned,
        returnAddress: sale.returnAddress,
      },
    );
    return this.afterSales.view(sale);
  }

  @Post('after-sales/:id/reject')
  @Roles('finance', 'ops')
  async reject(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.reject(id, dto.note);
    await this.audit.record(caller, 'after_sale.reject', { type: 'after_sale', id }, { note: dto.note });
    return this.afterSales.view(sale);
  }

  /** The returned goods arrived: a return and refund refunds now (and restocks), an exchange waits for the replacement. */
  @Post('after-sales/:id/receive')
  @Roles('finance', 'ops')
  async receive(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number): Promise<AfterSaleView> {
    const sale = await this.afterSales.receive(id);
    await this.audit.record(caller, 'after_sale.receive', { type: 'after_sale', id }, { kind: sale.kind, cashFen: sale.cashFen, balanceFen: sale.balanceFen });
    return this.afterSales.view(sale);
  }

  @Post('after-sales/:id/replacement')
  @Roles('ops')
  async shipReplacement(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ParcelDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.shipReplacement(id, dto.carrierCode, dto.trackingNo);
    await this.audit.record(
      caller,
      'after_sale.replacement',
      { type: 'after_sale', id },
      { carrierCode: sale.replacementCarrierCode, trackingNo: sale.replacementTrackingNo },
    );
    return this.afterSales.view(sale);
  }
}
