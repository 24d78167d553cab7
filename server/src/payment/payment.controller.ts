import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PaymentView } from '@mall/shared';
import { CurrentMember, MemberOnly } from '../common/auth/auth.decorators';
import type { MemberPrincipal } from '../common/auth/principal';
import { toPaymentView } from './payment.view';
import { PaymentService } from './payment.service';

@ApiTags('payments')
@ApiBearerAuth()
@MemberOnly()
@Controller('api/payments')
export class PaymentController {
  constructor(private readonly payments: PaymentService) {}

  /** The only truth the mini-program shows after wx.requestPayment returns. */
  @Get(':outTradeNo')
  async get(@CurrentMember() caller: MemberPrincipal, @Param('outTradeNo') outTradeNo: string): Promise<PaymentView> {
    return toPaymentView(await this.payments.getForMember(outTradeNo, caller.id));
  }
}
