import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { PageQuery } from '../common/dto/page.query';
import { BehaviourService } from './behaviour.service';
import { FavouriteDto, RecordEventsDto } from './dto/insight.dto';
import { MemberFactService } from './member-fact.service';

@ApiTags('behaviour')
@ApiBearerAuth()
@MemberOnly()
@Controller('api')
export class InsightController {
  constructor(
    private readonly behaviour: BehaviourService,
    private readonly facts: MemberFactService,
  ) {}

  /** A batch of behaviour events from the mini-program (views, favourites, cart, searches, visits). */
  @Post('events')
  @HttpCode(202)
  record(@CurrentMember() caller: MemberPrincipal, @Body() dto: RecordEventsDto): Promise<{ accepted: number }> {
    return this.behaviour.record(caller.id, dto.events);
  }

  @Get('favourites')
  favourites(@CurrentMember() caller: MemberPrincipal, @Query() query: PageQuery) {
    return this.behaviour.favourites(caller.id, query.page, query.pageSize);
  }

  @Get('favourites/:productId')
  async isFavourite(@CurrentMember() caller: MemberPrincipal, @Param('productId', ParseIntPipe) productId: number): Promise<{ favourite: boolean }> {
    return { favourite: await this.behaviour.isFavourite(caller.id, productId) };
  }

  @Post('favourites')
  @HttpCode(204)
  async favourite(@CurrentMember() caller: MemberPrincipal, @Body() dto: FavouriteDto): Promise<void> {
    await this.behaviour.favourite(caller.id, dto.productId);
    await this.facts.refresh([caller.id]);
  }

  @Delete('favourites/:productId')
  @HttpCode(204)
  async unfavourite(@CurrentMember() caller: MemberPrincipal, @Param('productId', ParseIntPipe) productId: number): Promise<void> {
    await this.behaviour.unfavourite(caller.id, productId);
    await this.facts.refresh([caller.id]);
  }
}
