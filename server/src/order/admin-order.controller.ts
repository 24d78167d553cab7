import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { PageQuery } from '../member/dto/list-members.query';
import { ReviewDto } from './dto/order.dto';
import { AfterSale, OrderLine, ShopOrder } from './order.entity';
import { OrderService } from './order.service';
import { toAdminOrderView, toAfterSaleView } from './order.view';

@ApiTags('admin: orders')
@ApiBearerAuth()
@Controller('api/admin')
export class AdminOrderController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderService,
    private readonly audit: AuditService,
  ) {}

  @Get('orders')
  @Roles('ops', 'finance')
  async list(@Query() page: PageQuery, @Query('status') status?: string) {
    const [orders, total] = await this.dataSource.getRepository(ShopOrder).findAndCount({
      where: status ? { status: status as ShopOrder['status'] } : {},
      order: { id: 'DESC' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    });
    const lines = orders.length ? await this.dataSource.getRepository(OrderLine).findBy({ orderId: In(orders.map((o) => o.id)) }) : [];
    return { total, items: orders.map((o) => toAdminOrderView(o, lines.filter((l) => l.orderId === o.id))) };
  }

  @Post('orders/:id/ship')
  @Roles('ops')
  async ship(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.orders.ship(id);
    await this.audit.record(caller, 'order.ship', { type: 'order', id }, {});
    return { ok: true };
  }

  @Get('after-sales')
  @Roles('ops', 'finance')
  async afterSales(@Query('status') status?: string) {
    const rows = await this.dataSource.getRepository(AfterSale).find({ where: status ? { status: status as AfterSale['status'] } : {}, order: { id: 'DESC' }, take: 200 });
    return { items: rows.map(toAfterSaleView) };
  }

  @Post('after-sales/:id/approve')
  @Roles('finance', 'ops')
  async approve(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDto) {
    const sale = await this.orders.approveAfterSale(id, dto.note);
    await this.audit.record(caller, 'after_sale.approve', { type: 'after_sale', id }, { note: dto.note, cashFen: sale.cashFen, balanceFen: sale.balanceFen, pointsReturned: sale.pointsReturned });
    return toAfterSaleView(sale);
  }

  @Post('after-sales/:id/reject')
  @Roles('finance', 'ops')
  async reject(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ReviewDto) {
    const sale = await this.orders.rejectAfterSale(id, dto.note);
    await this.audit.record(caller, 'after_sale.reject', { type: 'after_sale', id }, { note: dto.note });
    return toAfterSaleView(sale);
  }
}
