import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AdminOrderView, AfterSaleView, Page } from '@mall/shared';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { AfterSaleService } from './after-sale.service';
import { AdminOrderListQuery, AfterSaleListQuery, ReviewDto } from './dto/order.dto';
import { OrderFulfilmentService } from './order-fulfilment.service';
import { OrderQueryService } from './order-query.service';
import { toAdminOrderView, toAfterSaleView } from './order.view';

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
    return { total, items: items.map(({ order, lines, store }) => toAdminOrderView(order, lines, store)) };
  }

  @Post('orders/:id/ship')
  @Roles('ops')
  async ship(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.fulfilment.ship(id);
    await this.audit.record(caller, 'order.ship', { type: 'order', id }, {});
    return { ok: true };
  }

  @Get('after-sales')
  @Roles('ops', 'finance')
  async listAfterSales(@Query() query: AfterSaleListQuery): Promise<{ items: AfterSaleView[] }> {
    return { items: (await this.afterSales.list(query.status)).map(toAfterSaleView) };
  }

  @Post('after-sales/:id/approve')
  @Roles('finance', 'ops')
  async approve(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.approve(id, dto.note);
    await this.audit.record(
      caller,
      'after_sale.approve',
      { type: 'after_sale', id },
      { note: dto.note, cashFen: sale.cashFen, balanceFen: sale.balanceFen, pointsReturned: sale.pointsReturned },
    );
    return toAfterSaleView(sale);
  }

  @Post('after-sales/:id/reject')
  @Roles('finance', 'ops')
  async reject(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.reject(id, dto.note);
    await this.audit.record(caller, 'after_sale.reject', { type: 'after_sale', id }, { note: dto.note });
    return toAfterSaleView(sale);
  }
}
