import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CreateRechargeResponse, RechargeOptions, RechargeView, WalletEntriesPage, WalletSummary } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { Idempotent } from '../common/idempotency/idempotency.interceptor';
import { CreateRechargeDto } from './dto/create-recharge.dto';
import { EntriesQuery } from './dto/entries.query';
import { SetPinDto, VerifyPinDto } from './dto/wallet-pin.dto';
import { RequestWithdrawalDto } from './dto/withdrawal.dto';
import { RechargeService, toRechargeView } from './recharge.service';
import { WalletPinService } from './wallet-pin.service';
import { WalletService } from './wallet.service';
import { WithdrawalService } from './withdrawal.service';
import { toWithdrawalView } from './withdrawal.view';

@ApiTags('wallet')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/wallet')
export class WalletController {
  constructor(
    private readonly wallet: WalletService,
    private readonly recharges: RechargeService,
    private readonly pins: WalletPinService,
    private readonly withdrawals: WithdrawalService,
  ) {}

  @Get()
  summary(@CurrentMember() caller: MemberPrincipal): Promise<WalletSummary> {
    return this.wallet.summary(caller.id);
  }

  @Get('plans')
  plans(@CurrentMember() caller: MemberPrincipal): Promise<RechargeOptions> {
    return this.recharges.options(caller.id);
  }

  @Post('recharges')
  @Idempotent()
  recharge(@CurrentMember() caller: MemberPrincipal, @Body() dto: CreateRechargeDto): Promise<CreateRechargeResponse> {
    return this.recharges.create(caller.id, { planId: dto.planId, amountFen: dto.amount });
  }

  @Get('recharges/:id')
  async getRecharge(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<RechargeView> {
    return toRechargeView(await this.recharges.get(caller.id, id));
  }

  /** The member gives up an unpaid top-up: its payment is closed at WeChat first (it may just have been paid). */
  @Post('recharges/:id/cancel')
  @HttpCode(200)
  async cancelRecharge(@CurrentMember() caller: MemberPrincipal, @Param('id', ParseIntPipe) id: number): Promise<RechargeView> {
    return toRechargeView(await this.recharges.cancel(caller.id, id));
  }

  @Get('entries')
  entries(@CurrentMember() caller: MemberPrincipal, @Query() query: EntriesQuery): Promise<WalletEntriesPage> {
    return this.wallet.entries(caller.id, query.cursor, query.limit);
  }

  @Post('pin')
  @HttpCode(204)
  async setPin(@CurrentMember() caller: MemberPrincipal, @Body() dto: SetPinDto): Promise<void> {
    await this.pins.set(caller.id, dto);
  }

  @Post('pin/verify')
  @HttpCode(204)
  async verifyPin(@CurrentMember() caller: MemberPrincipal, @Body() dto: VerifyPinDto): Promise<void> {
    await this.pins.verify(caller.id, dto.pin);
  }

  @Post('withdrawals')
  @Idempotent()
  async requestWithdrawal(@CurrentMember() caller: MemberPrincipal, @Body() dto: RequestWithdrawalDto) {
    return toWithdrawalView(await this.withdrawals.request(caller.id, dto.reason ?? ''));
  }

  @Get('withdrawals')
  async myWithdrawals(@CurrentMember() caller: MemberPrincipal) {
    return { items: (await this.withdrawals.forMember(caller.id)).map(toWithdrawalView) };
  }
}
