import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type CheckoutContext, type OrderView } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { CouponService } from '../coupon/coupon.service';
import { AddressDto, AfterSaleDto, CheckoutDto, CreateOrderDto } from './dto/order.dto';
import { Address } from './order.entity';
import { OrderPricingService } from './order-pricing.service';
import { OrderService } from './order.service';
import { toAfterSaleView } from './order.view';

@ApiTags('orders')
@ApiBearerAuth()
@MemberOnly()
@Controller('api')
export class OrderController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderService,
    private readonly pricing: OrderPricingService,
    private readonly coupons: CouponService,
  ) {}

  /**
   * Everything the mini-program needs to preview checkout with the shared pricing engine:
   * prices, the member's effective benefits, their usable coupons, points and balance.
   */
  @Post('orders/checkout-context')
  @HttpCode(200)
  async checkoutContext(@CurrentMember() caller: MemberPrincipal, @Body() dto: CheckoutDto) {
    const request = { lines: dto.lines, couponIds: [], pointsToUse: 0, balanceToUse: 0, fulfilment: dto.fulfilment };
    const { input, snapshots } = await this.pricing.context(this.dataSource.manager, caller.id, request, []);
    const mine = await this.coupons.mine(caller.id);
    return {
      input,
      products: snapshots.map(({ sku, product }) => ({ skuId: sku.id, productId: product.id, name: product.name, specs: sku.specs, imageUrl: product.imageUrl })),
      coupons: mine.filter((c) => c.status === 'available').map((c) => ({ id: c.id, name: c.name, text: c.text, validUntil: c.validUntil, terms: c.terms })),
      pickupStores: await this.orders.pickupStores(caller.id),
    } satisfies CheckoutContext;
  }

  /** The server's price for a cart; the same engine as the mini-program's preview. */
  @Post('orders/preview')
  @HttpCode(200)
  async preview(@CurrentMember() caller: MemberPrincipal, @Body() dto: CreateOrderDto) {
    const { result } = await this.pricing.price(caller.id, { lines: dto.lines, couponIds: dto.couponIds ?? [], pointsToUse: dto.pointsToUse ?? 0, balanceToUse: dto.balanceToUse ?? 0, fulfilment: dto.fulfilment });
    return result;
  }

  @Post('orders')
  @Idempotent()
  create(@CurrentMember() caller: MemberPrincipal, @Body() dto: CreateOrderDto) {
    return this.orders.create(caller.id, { ...dto, couponIds: dto.couponIds ?? [], pointsToUse: dto.pointsToUse ?? 0, balanceToUse: dto.balanceToUse ?? 0 });
  }

  @Get('orders')
  async list(@CurrentMember() caller: MemberPrincipal, @Query('status') status?: string): Promise<{ items: OrderView[] }> {
    return { items: await this.orders.listViews(caller.id, status) };
  }

  @Get('orders/:id')
  get(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<OrderView> {
    return this.orders.view(caller.id, id);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  async cancel(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.orders.cancel(caller.id, id);
    return this.orders.view(caller.id, id);
  }

  @Post('orders/:id/confirm-receipt')
  @HttpCode(200)
  async confirm(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    await this.orders.confirmReceipt(caller.id, id);
    return this.orders.view(caller.id, id);
  }

  @Post('orders/:id/after-sales')
  @Idempotent()
  async afterSale(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AfterSaleDto) {
    return toAfterSaleView(await this.orders.requestAfterSale(caller.id, id, dto.lines, dto.reason));
  }

  @Get('addresses')
  async addresses(@CurrentMember() caller: MemberPrincipal) {
    return { items: await this.dataSource.getRepository(Address).find({ where: { memberId: caller.id }, order: { isDefault: 'DESC', id: 'DESC' } }) };
  }

  @Post('addresses')
  async addAddress(@CurrentMember() caller: MemberPrincipal, @Body() dto: AddressDto) {
    const repo = this.dataSource.getRepository(Address);
    if ((await repo.countBy({ memberId: caller.id })) >= 20) throw new AppError(ErrorCode.VALIDATION_FAILED, '最多保存 20 个地址');
    if (dto.isDefault) await repo.update({ memberId: caller.id }, { isDefault: false });
    return repo.save(repo.create({ ...dto, memberId: caller.id, isDefault: Boolean(dto.isDefault) }));
  }

  @Put('addresses/:id')
  async updateAddress(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AddressDto) {
    const repo = this.dataSource.getRepository(Address);
    if (!(await repo.existsBy({ id, memberId: caller.id }))) throw AppError.notFound('地址');
    if (dto.isDefault) await repo.update({ memberId: caller.id }, { isDefault: false });
    await repo.update({ id, memberId: caller.id }, { ...dto, isDefault: Boolean(dto.isDefault) });
    return repo.findOneByOrFail({ id });
  }

  @Delete('addresses/:id')
  @HttpCode(204)
  async deleteAddress(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const r = await this.dataSource.getRepository(Address).delete({ id, memberId: caller.id });
    if (!r.affected) throw AppError.notFound('地址');
  }
}
