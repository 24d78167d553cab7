import { HttpCode, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { EntriesQuery } from '../wallet/dto/entries.query';
import { MonthQuery } from './dto/points.dto';
import { PointsMallService } from './points-mall.service';
import { PointsReportService } from './points-report.service';
import { PointsSignInService } from './points-sign-in.service';
import { toMallItemView, toRedemptionView } from './points.view';
import type { CursorPage, PointsEntriesPage, PointsMallItemView, PointsSummary, RedeemResult, RedemptionView, SignInMonth, SignInResult } from '@mall/shared';

@ApiTags('points')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/points')
export class PointsController {
  constructor(
    private readonly reports: PointsReportService,
    private readonly signInService: PointsSignInService,
    private readonly pointsMall: PointsMallService,
  ) {}

  @Get()
  summary(@CurrentMember() caller: MemberPrincipal): Promise<PointsSummary> {
    return this.reports.summary(caller.id);
  }

  @Get('entries')
  entries(@CurrentMember() caller: MemberPrincipal, @Query() query: EntriesQuery): Promise<PointsEntriesPage> {
    return this.reports.entries(caller.id, query.cursor, query.limit);
  }

  @Post('sign-in')
  @Idempotent()
  signIn(@CurrentMember() caller: MemberPrincipal): Promise<SignInResult> {
    return this.signInService.signIn(caller.id);
  }

  @Get('sign-ins')
  signIns(@CurrentMember() caller: MemberPrincipal, @Query() query: MonthQuery): Promise<SignInMonth> {
    return this.signInService.signIns(caller.id, query.month);
  }

  @Get('mall')
  async mall(@Query() query: EntriesQuery): Promise<CursorPage<PointsMallItemView>> {
    const page = await this.pointsMall.items(query.cursor, query.limit);
    return { items: page.items.map(toMallItemView), nextCursor: page.nextCursor };
  }

  @Post('mall/:id/redeem')
  @Idempotent()
  async redeem(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const { redemption, payParams } = await this.pointsMall.redeem(caller.id, id);
    return { ...toRedemptionView(redemption), payParams } satisfies RedeemResult;
  }

  @Post('redemptions/:id/pay')
  @HttpCode(200)
  async payRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return { payParams: await this.pointsMall.payRedemption(caller.id, id) };
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  async cancelRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<RedemptionView> {
    return toRedemptionView(await this.pointsMall.cancelRedemption(caller.id, id));
  }

  @Get('redemptions')
  async redemptions(@CurrentMember() caller: MemberPrincipal) {
    return { items: (await this.pointsMall.redemptions(caller.id)).map(toRedemptionView) };
  }
}
