import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AddressView,
  AfterSaleView,
  CheckoutContext,
  CreateOrderResult,
  CursorPage,
  OrderCounts,
  OrderLogisticsView,
  OrderView,
  PricingResult,
} from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { CouponService } from '../coupon/coupon.service';
import { AddressService } from './address.service';
import { AfterSaleService } from './after-sale.service';
import { AddressDto, AfterSaleDto, CheckoutDto, CreateOrderDto, MyAfterSaleQuery, OrderListQuery, ParcelDto } from './dto/order.dto';
import { OrderCheckoutService } from './order-checkout.service';
import { OrderFulfilmentService } from './order-fulfilment.service';
import { OrderPricingService } from './order-pricing.service';
import { OrderQueryService } from './order-query.service';

@ApiTags('orders')
@ApiBearerAuth()
@MemberOnly()
@Controller('api')
export class OrderController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checkout: OrderCheckoutService,
    private readonly query: OrderQueryService,
    private readonly fulfilment: OrderFulfilmentService,
    private readonly afterSales: AfterSaleService,
    private readonly pricing: OrderPricingService,
    private readonly coupons: CouponService,
    private readonly addresses: AddressService,
  ) {}

  /**
   * Everything the mini-program needs to preview checkout with the shared pricing engine:
   * prices, the member's effective benefits, their usable coupons, points and balance, pickup stores.
   */
  @Post('orders/checkout-context')
  @HttpCode(200)
  async checkoutContext(@CurrentMember() caller: MemberPrincipal, @Body() dto: CheckoutDto): Promise<CheckoutContext> {
    const request = { lines: dto.lines, couponIds: [], pointsToUse: 0, balanceToUse: 0, fulfilment: dto.fulfilment };
    const { input, snapshots } = await this.pricing.context(this.dataSource.manager, caller.id, request, []);
    const usable = await this.coupons.available(caller.id);
    return {
      input,
      products: snapshots.map(({ sku, product }) => ({
        skuId: sku.id,
        productId: product.id,
        name: product.name,
        specs: sku.specs,
        imageUrl: product.imageUrl,
      })),
      coupons: usable.map((c) => ({ id: c.id, name: c.name, text: c.text, validUntil: c.validUntil, terms: c.terms })),
      pickupStores: await this.query.pickupStores(caller.id),
    };
  }

  /** The server's price for a cart; the same engine as the mini-program's preview. */
  @Post('orders/preview')
  @HttpCode(200)
  async preview(@CurrentMember() caller: MemberPrincipal, @Body() dto: CreateOrderDto): Promise<PricingResult> {
    const { result } = await this.pricing.price(caller.id, {
      lines: dto.lines,
      couponIds: dto.couponIds ?? [],
      pointsToUse: dto.pointsToUse ?? 0,
      balanceToUse: dto.balanceToUse ?? 0,
      fulfilment: dto.fulfilment,
    });
    return result;
  }

  @Post('orders')
  @Idempotent()
  create(@CurrentMember() caller: MemberPrincipal, @Body() dto: CreateOrderDto): Promise<CreateOrderResult> {
    return this.checkout.create(caller.id, dto);
  }

  @Get('orders')
  list(@CurrentMember() caller: MemberPrincipal, @Query() query: OrderListQuery): Promise<CursorPage<OrderView>> {
    return this.query.listViews(caller.id, query.status, query.cursor, query.limit);
  }

  @Get('orders/counts')
  counts(@CurrentMember() caller: MemberPrincipal): Promise<OrderCounts> {
    return this.query.counts(caller.id);
  }

  @Get('orders/:id')
  get(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<OrderView> {
    return this.query.view(caller.id, id);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  async cancel(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<OrderView> {
    await this.checkout.cancel(caller.id, id);
    return this.query.view(caller.id, id);
  }

  @Post('orders/:id/confirm-receipt')
  @HttpCode(200)
  async confirm(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<OrderView> {
    await this.fulfilment.confirmReceipt(caller.id, id);
    return this.query.view(caller.id, id);
  }

  @Post('orders/:id/after-sales')
  @Idempotent()
  async afterSale(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AfterSaleDto): Promise<AfterSaleView> {
    const sale = await this.afterSales.request(caller.id, id, {
      kind: dto.kind ?? 'refund_only',
      lines: dto.lines,
      reasonCode: dto.reasonCode,
      reason: dto.reason,
      photoIds: dto.photoIds,
    });
    return this.afterSales.view(sale);
  }

  /** The parcels of the member's own order with their tracking events (404 for anyone else's order). */
  @Get('orders/:id/logistics')
  async logistics(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<OrderLogisticsView> {
    return this.fulfilment.logistics(await this.query.get(caller.id, id));
  }

  @Get('after-sales')
  async myAfterSales(@CurrentMember() caller: MemberPrincipal, @Query() query: MyAfterSaleQuery): Promise<{ items: AfterSaleView[] }> {
    return { items: await this.afterSales.views(await this.afterSales.listMine(caller.id, query.orderId)) };
  }

  @Get('after-sales/:id')
  async myAfterSale(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<AfterSaleView> {
    return this.afterSales.view(await this.afterSales.getMine(caller.id, id));
  }

  /** The member sent the goods back (return or exchange): the carrier and tracking number. */
  @Post('after-sales/:id/return-shipment')
  @HttpCode(200)
  async returnShipment(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: ParcelDto): Promise<AfterSaleView> {
    return this.afterSales.view(await this.afterSales.submitReturn(caller.id, id, dto.carrierCode, dto.trackingNo));
  }

  @Get('addresses')
  async listAddresses(@CurrentMember() caller: MemberPrincipal): Promise<{ items: AddressView[] }> {
    return { items: await this.addresses.list(caller.id) };
  }

  @Post('addresses')
  addAddress(@CurrentMember() caller: MemberPrincipal, @Body() dto: AddressDto): Promise<AddressView> {
    return this.addresses.add(caller.id, { ...dto, isDefault: dto.isDefault === true });
  }

  @Put('addresses/:id')
  updateAddress(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: AddressDto): Promise<AddressView> {
    return this.addresses.update(caller.id, id, { ...dto, isDefault: dto.isDefault === true });
  }

  @Delete('addresses/:id')
  @HttpCode(204)
  deleteAddress(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.addresses.remove(caller.id, id);
  }
}
