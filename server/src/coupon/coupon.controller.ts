import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ErrorCode, type ClaimCouponResult, type CouponCounts, type CursorPage, type MyCouponView, type ReceivedCouponView } from '@mall/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, CurrentMember, MemberOnly, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal, MemberPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { EntriesQuery } from '../wallet/dto/entries.query';
import { ClaimCouponDto, CouponTemplateDto, UpdateCouponTemplateDto } from './dto/coupon.dto';
import { CouponTemplate } from './coupon-template.entity';
import { CouponService, toCouponTemplateView } from './coupon.service';

@ApiTags('coupons')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/coupons')
export class CouponController {
  constructor(private readonly coupons: CouponService) {}

  @Get('centre')
  async centre(@CurrentMember() caller: MemberPrincipal) {
    return { items: await this.coupons.centre(caller.id) };
  }

  @Post('claim')
  @Idempotent()
  async claim(@CurrentMember() caller: MemberPrincipal, @Body() dto: ClaimCouponDto) {
    const coupon = await this.coupons.claim(caller.id, dto.templateId);
    return { id: coupon.id, validUntil: coupon.validUntil.toISOString() } satisfies ClaimCouponResult;
  }

  @Get('counts')
  counts(@CurrentMember() caller: MemberPrincipal): Promise<CouponCounts> {
    return this.coupons.counts(caller.id);
  }

  /** Coupons given to the member in the last week and still usable (the 收到优惠券 notice). */
  @Get('received')
  async received(@CurrentMember() caller: MemberPrincipal): Promise<{ items: ReceivedCouponView[] }> {
    return { items: await this.coupons.received(caller.id) };
  }

  @Get('mine')
  mine(@CurrentMember() caller: MemberPrincipal, @Query() query: EntriesQuery): Promise<CursorPage<MyCouponView>> {
    return this.coupons.mine(caller.id, query.cursor, query.limit);
  }
}

function templateChanges(dto: Partial<CouponTemplateDto>): Partial<CouponTemplate> {
  const { productIds, categoryIds, validFrom, validUntil, ...rest } = dto;
  return {
    ...rest,
    ...(productIds ? { productIds: JSON.stringify(productIds) } : {}),
    ...(categoryIds ? { categoryIds: JSON.stringify(categoryIds) } : {}),
    ...(validFrom ? { validFrom: new Date(validFrom) } : {}),
    ...(validUntil ? { validUntil: new Date(validUntil) } : {}),
  };
}

@ApiTags('admin: coupons')
@ApiBearerAuth()
@Roles('ops')
@Controller('api/admin/coupon-templates')
export class AdminCouponController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list() {
    const rows = await this.dataSource.getRepository(CouponTemplate).find({ order: { id: 'DESC' } });
    return { items: rows.map(toCouponTemplateView) };
  }

  @Post()
  async create(@CurrentAccount() caller: AccountPrincipal, @Body() dto: CouponTemplateDto) {
    if (dto.kind === 'fixed' && !dto.amountFen) throw new AppError(ErrorCode.VALIDATION_FAILED, '满减券需要填写减免金额');
    if (dto.kind === 'percent' && !dto.percentBps) throw new AppError(ErrorCode.VALIDATION_FAILED, '折扣券需要填写折扣');
    if (!dto.validDays && !dto.validUntil) throw new AppError(ErrorCode.VALIDATION_FAILED, '请设置有效期（固定日期或领取后天数）');
    const template = await this.dataSource.getRepository(CouponTemplate).save(this.dataSource.getRepository(CouponTemplate).create(templateChanges(dto)));
    await this.audit.record(caller, 'coupon_template.create', { type: 'coupon_template', id: template.id }, { ...dto });
    return toCouponTemplateView(template);
  }

  @Patch(':id')
  async update(@CurrentAccount() caller: AccountPrincipal, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateCouponTemplateDto) {
    if (!(await this.dataSource.getRepository(CouponTemplate).existsBy({ id }))) throw AppError.notFound('优惠券');
    await this.dataSource.getRepository(CouponTemplate).update({ id }, templateChanges(dto));
    await this.audit.record(caller, 'coupon_template.update', { type: 'coupon_template', id }, { ...dto });
    return toCouponTemplateView(await this.dataSource.getRepository(CouponTemplate).findOneByOrFail({ id }));
  }
}
