import { HttpCode, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { EntriesQuery } from '../wallet/dto/entries.query';
import { MonthQuery } from './dto/points.dto';
import { PointsService } from './points.service';
import { toMallItemView, toRedemptionView } from './points.view';
import type { PointsEntriesPage, PointsSummary, RedeemResult, RedemptionView, SignInMonth, SignInResult } from '@mall/shared';

@ApiTags('points')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/points')
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @Get()
  summary(@CurrentMember() caller: MemberPrincipal): Promise<PointsSummary> {
    return this.points.summary(caller.id);
  }

  @Get('entries')
  entries(@CurrentMember() caller: MemberPrincipal, @Query() query: EntriesQuery): Promise<PointsEntriesPage> {
    return this.points.entries(caller.id, query.cursor, query.limit);
  }

  @Post('sign-in')
  @Idempotent()
  signIn(@CurrentMember() caller: MemberPrincipal): Promise<SignInResult> {
    return this.points.signIn(caller.id);
  }

  @Get('sign-ins')
  signIns(@CurrentMember() caller: MemberPrincipal, @Query() query: MonthQuery): Promise<SignInMonth> {
    return this.points.signIns(caller.id, query.month);
  }

  @Get('mall')
  async mall() {
    return { items: (await this.points.mallItems()).map(toMallItemView) };
  }

  @Post('mall/:id/redeem')
  @Idempotent()
  async redeem(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const { redemption, payParams } = await this.points.redeem(caller.id, id);
    return { ...toRedemptionView(redemption), payParams } satisfies RedeemResult;
  }

  @Post('redemptions/:id/pay')
  @HttpCode(200)
  async payRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return { payParams: await this.points.payRedemption(caller.id, id) };
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  async cancelRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<RedemptionView> {
    return toRedemptionView(await this.points.cancelRedemption(caller.id, id));
  }

  @Get('redemptions')
  async redemptions(@CurrentMember() caller: MemberPrincipal) {
    return { items: (await this.points.redemptions(caller.id)).map(toRedemptionView) };
  }
}
