import { HttpCode, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { EntriesQuery } from '../wallet/dto/entries.query';
import { MonthQuery } from './dto/points.dto';
import { PointsService } from './points.service';

@ApiTags('points')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/points')
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @Get()
  summary(@CurrentMember() caller: MemberPrincipal) {
    return this.points.summary(caller.id);
  }

  @Get('entries')
  entries(@CurrentMember() caller: MemberPrincipal, @Query() query: EntriesQuery) {
    return this.points.entries(caller.id, query.cursor, query.limit);
  }

  @Post('sign-in')
  @Idempotent()
  signIn(@CurrentMember() caller: MemberPrincipal) {
    return this.points.signIn(caller.id);
  }

  @Get('sign-ins')
  signIns(@CurrentMember() caller: MemberPrincipal, @Query() query: MonthQuery) {
    return this.points.signIns(caller.id, query.month);
  }

  @Get('mall')
  async mall() {
    return { items: await this.points.mallItems() };
  }

  @Post('mall/:id/redeem')
  @Idempotent()
  async redeem(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    const { redemption, payParams } = await this.points.redeem(caller.id, id);
    return { ...redemption, payParams };
  }

  @Post('redemptions/:id/pay')
  @HttpCode(200)
  async payRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return { payParams: await this.points.payRedemption(caller.id, id) };
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  cancelRedemption(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number) {
    return this.points.cancelRedemption(caller.id, id);
  }

  @Get('redemptions')
  async redemptions(@CurrentMember() caller: MemberPrincipal) {
    return { items: await this.points.redemptions(caller.id) };
  }
}
