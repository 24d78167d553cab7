import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CreateOrderResult, FlashSaleAdminInput, FlashSaleAdminView, FlashSaleAudience, FlashSaleView } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { FlashSaleBuyDto, FlashSaleRemindDto, SaveFlashSaleDto } from './dto/flash-sale.dto';
import { FlashSaleService } from './flash-sale.service';

/** The audience as the shared union, without fields another kind would carry. */
function inputOf(dto: SaveFlashSaleDto): FlashSaleAdminInput {
  const { kind, level, segmentId, groupId } = dto.audience;
  const audience: FlashSaleAudience =
    kind === 'tier_at_least'
      ? { kind, level: level! }
      : kind === 'segment'
        ? { kind, segmentId: segmentId! }
        : kind === 'community_group'
          ? { kind, groupId: groupId! }
          : { kind };
  return { ...dto, audience };
}

@ApiTags('admin: flash sales')
@ApiBearerAuth()
@Roles('admin', 'ops')
@Controller('api/admin/flash-sales')
export class AdminFlashSaleController {
  constructor(
    private readonly flashSales: FlashSaleService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(): Promise<{ items: FlashSaleAdminView[] }> {
    return { items: await this.flashSales.adminViews(await this.flashSales.list()) };
  }

  /** The event with live counts: deal stock left, reserved (unpaid), sold (paid), reminders. */
  @Get(':id')
  async detail(@Param('id', ParseIntPipe) id: number): Promise<FlashSaleAdminView> {
    const [view] = await this.flashSales.adminViews([await this.flashSales.get(id)]);
    return view;
  }

  @Post()
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: SaveFlashSaleDto): Promise<FlashSaleAdminView> {
    const event = await this.flashSales.create(inputOf(dto), caller.id);
    await this.audit.record(caller, 'flash_sale.create', { type: 'flash_sale', id: event.id }, { ...dto });
    return (await this.flashSales.adminViews([event]))[0];
  }

  @Put(':id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: SaveFlashSaleDto): Promise<FlashSaleAdminView> {
    const event = await this.flashSales.update(id, inputOf(dto));
    await this.audit.record(caller, 'flash_sale.update', { type: 'flash_sale', id }, { ...dto });
    return (await this.flashSales.adminViews([event]))[0];
  }
}

@ApiTags('flash sales')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/flash-sales')
export class MemberFlashSaleController {
  constructor(private readonly flashSales: FlashSaleService) {}

  /** Running and upcoming events, each with this member's own start time, phase and limit used. */
  @Get()
  async list(@CurrentMember() caller: MemberPrincipal): Promise<{ items: FlashSaleView[] }> {
    return { items: await this.flashSales.memberViews(caller.id) };
  }

  @Get(':id')
  detail(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<FlashSaleView> {
    return this.flashSales.memberView(caller.id, id);
  }

  @Post(':id/orders')
  @Idempotent()
  buy(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: FlashSaleBuyDto): Promise<CreateOrderResult> {
    return this.flashSales.buy(caller.id, id, dto);
  }

  @Post(':id/reminder')
  @HttpCode(200)
  remind(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: FlashSaleRemindDto) {
    return this.flashSales.remind(caller.id, id, dto.subscribeResults ?? {});
  }
}
