import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service';
import { CurrentAccount, Roles } from '../common/auth/auth.decorators';
import type { AccountPrincipal } from '../common/auth/principal';
import { AppError } from '../common/errors/app-error';
import { AdminRefundDto } from './dto/admin-refund.dto';
import { ListPaymentsQuery, ListRefundsQuery } from './dto/list-payments.query';
import { PaymentService } from './payment.service';
import { toAdminPaymentView, toAdminRefundView, toRefundView } from './payment.view';
import { Idempotent, IdempotencyKey } from '../common/idempotency/idempotency.interceptor';
import { RefundService } from './refund.service';
import type { AdminRefundView, Page } from '@mall/shared';

@ApiTags('admin: payments')
@ApiBearerAuth()
@Controller('api/admin/payments')
export class AdminPaymentController {
  constructor(
    private readonly payments: PaymentService,
    private readonly refunds: RefundService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles('finance', 'ops')
  async list(@Query() query: ListPaymentsQuery) {
    const { items, total } = await this.payments.list(query);
    return { total, items: items.map(toAdminPaymentView) };
  }

  @Get(':outTradeNo')
  @Roles('finance', 'ops')
  async get(@Param('outTradeNo') outTradeNo: string) {
    const payment = await this.payments.findByOutTradeNo(outTradeNo);
    if (!payment) throw AppError.notFound('支付单');
    return { ...toAdminPaymentView(payment), refunds: (await this.refunds.refundsOf(payment.id)).map(toRefundView) };
  }

  /** Finance refunds (part of) a payment; the Idempotency-Key makes a double click one refund. */
  @Post(':outTradeNo/refunds')
  @Roles('finance')
  @Idempotent({ required: true })
  async refund(
    @CurrentAccount() caller: AccountPrincipal,
    @Param('outTradeNo') outTradeNo: string,
    @Body() dto: AdminRefundDto,
    @IdempotencyKey() idempotencyKey: string,
  ) {
    const payment = await this.payments.findByOutTradeNo(outTradeNo);
    if (!payment) throw AppError.notFound('支付单');
    const refund = await this.refunds.refundByOperator(payment, dto.amountFen, dto.reason, idempotencyKey);
    await this.audit.record(
      caller,
      'payment.refund',
      { type: 'payment', id: outTradeNo },
      { amountFen: dto.amountFen, reason: dto.reason, outRefundNo: refund.outRefundNo, status: refund.status },
    );
    return toRefundView(refund);
  }
}

/** Refunds across payments, for finance: a failed one (退款异常/关闭) gave its amount back to the payment and needs a person. */
@ApiTags('admin: payments')
@ApiBearerAuth()
@Controller('api/admin/refunds')
export class AdminRefundController {
  constructor(private readonly refunds: RefundService) {}

  @Get()
  @Roles('finance', 'ops')
  async list(@Query() query: ListRefundsQuery): Promise<Page<AdminRefundView>> {
    const { items, total } = await this.refunds.list(query);
    return { total, items: items.map(({ refund, payment }) => toAdminRefundView(refund, payment)) };
  }
}
