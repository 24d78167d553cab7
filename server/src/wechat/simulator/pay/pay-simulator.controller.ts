import { All, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createPublicKey, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Public } from '../../../common/auth/auth.decorators';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import {
  parseAuthorizationHeader,
  randomNonce,
  requestSignatureMessage,
  responseSignatureMessage,
  signSha256WithRsa,
  verifySha256WithRsa,
} from '../../../payment/wechatpay/wechatpay-crypto';
import { SimulatorAccessGuard } from '../simulator-access.guard';
import { PaySimulatorService, type SimResult } from './pay-simulator.service';
import { PaySimulatorState } from './pay-simulator.state';

const BASE = '/__wechat/pay';

/**
 * WeChat Pay API v3 in simulator mode, under /__wechat/pay: merchant requests must carry a valid
 * WECHATPAY2-SHA256-RSA2048 Authorization; every answer is signed with the platform key.
 */
@ApiExcludeController()
@Public()
@UseGuards(SimulatorAccessGuard)
@Controller()
export class PaySimulatorController {
  private readonly merchantPublicKey: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pay: PaySimulatorService,
    private readonly state: PaySimulatorState,
  ) {
    this.merchantPublicKey = createPublicKey(config.wechatPay.merchantPrivateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  }

  @Post('__wechat/pay/v3/pay/transactions/jsapi')
  jsapi(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => this.pay.jsapi(req.body));
  }

  @Get('__wechat/pay/v3/pay/transactions/out-trade-no/:outTradeNo')
  query(@Req() req: Request, @Res() res: Response, @Param('outTradeNo') outTradeNo: string, @Query('mchid') mchid: string): void {
    this.handle(req, res, () => this.pay.query(outTradeNo, mchid));
  }

  @Post('__wechat/pay/v3/pay/transactions/out-trade-no/:outTradeNo/close')
  close(@Req() req: Request, @Res() res: Response, @Param('outTradeNo') outTradeNo: string): void {
    this.handle(req, res, () => this.pay.close(outTradeNo, req.body?.mchid));
  }

  @Post('__wechat/pay/v3/refund/domestic/refunds')
  refund(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => this.pay.refund(req.body));
  }

  @Get('__wechat/pay/v3/refund/domestic/refunds/:outRefundNo')
  queryRefund(@Req() req: Request, @Res() res: Response, @Param('outRefundNo') outRefundNo: string): void {
    this.handle(req, res, () => this.pay.queryRefund(outRefundNo));
  }

  @All('__wechat/pay/*path')
  unknown(@Req() req: Request, @Res() res: Response): void {
    this.handle(req, res, () => ({ status: 404, body: { code: 'NOT_FOUND', message: '接口不存在' } }));
  }

  // ---- simulator controls (not WeChat contracts) -----------------------------------------

  @Post('__wechat/sim/pay')
  @HttpCode(200)
  payerAction(@Body() body: Record<string, unknown>, @Res() res: Response): void {
    const result = this.pay.payerAction(body);
    res.status(result.status).json(result.body);
  }

  @Post('__wechat/sim/notify')
  @HttpCode(200)
  deliver(@Body() body: Record<string, unknown>, @Res() res: Response): void {
    const result = this.pay.deliverNotifies(body);
    res.status(result.status).json(result.body);
  }

  @Post('__wechat/sim/refund-outcome')
  @HttpCode(200)
  refundOutcome(@Body() body: Record<string, unknown>, @Res() res: Response): void {
    const result = this.pay.setRefundOutcome(body);
    res.status(result.status).json(result.body);
  }

  @Get('__wechat/sim/notifies')
  notifies(@Query('out_trade_no') outTradeNo?: string) {
    return { items: this.state.notifies.filter((n) => !outTradeNo || n.outTradeNo === outTradeNo) };
  }

  @Get('__wechat/sim/orders/:outTradeNo')
  order(@Param('outTradeNo') outTradeNo: string, @Res() res: Response): void {
    const order = this.state.orders.get(outTradeNo);
    if (!order) res.status(404).json({ code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    else res.json({ ...this.pay.transaction(order), refunded: order.refunded });
  }

  /**
   * The platform public key as the merchant platform hands it out in public-key mode (download of
   * pub_key.pem with its PUB_KEY_ID): what a merchant puts in WECHATPAY_PUBLIC_KEY_ID/_PATH.
   */
  @Get('__wechat/sim/pay/public-key')
  publicKey() {
    return { publicKeyId: this.config.wechatPay.platformPublicKeyId, publicKeyPem: this.config.wechatPay.platformPublicKeyPem };
  }

  @Post('__wechat/sim/reset')
  @HttpCode(204)
  reset(): void {
    this.state.reset();
  }

  /** Verifies the merchant's signature, runs the operation, and signs the exact bytes answered. */
  private handle(req: Request & { rawBody?: Buffer }, res: Response, operation: () => SimResult): void {
    const failure = this.verifyRequest(req);
    this.send(res, failure ?? operation());
  }

  private verifyRequest(req: Request & { rawBody?: Buffer }): SimResult | null {
    const auth = parseAuthorizationHeader(req.headers.authorization);
    const signError: SimResult = { status: 401, body: { code: 'SIGN_ERROR', message: '签名错误' } };
    if (!auth) return signError;
    if (auth.mchid !== this.config.wechatPay.mchId) return { status: 400, body: { code: 'MCH_NOT_EXISTS', message: '商户号不存在' } };
    if (auth.serial_no !== this.config.wechatPay.merchantSerialNo) return signError;
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(Date.now() / 1000 - Number(auth.timestamp)) > 300) return signError;
    const body = req.method === 'GET' ? '' : (req.rawBody?.toString('utf8') ?? '');
    const message = requestSignatureMessage(req.method, req.originalUrl.slice(BASE.length), auth.timestamp, auth.nonce_str, body);
    return verifySha256WithRsa(message, auth.signature, this.merchantPublicKey) ? null : signError;
  }

  private send(res: Response, result: SimResult): void {
    const body = result.body === null ? '' : JSON.stringify(result.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomNonce(32);
    res.status(result.status);
    res.setHeader('Request-ID', randomUUID());
    res.setHeader('Wechatpay-Timestamp', timestamp);
    res.setHeader('Wechatpay-Nonce', nonce);
    res.setHeader('Wechatpay-Serial', this.config.wechatPay.platformPublicKeyId);
    res.setHeader('Wechatpay-Signature', signSha256WithRsa(responseSignatureMessage(timestamp, nonce, body), this.config.simulator!.platformPrivateKeyPem));
    if (body) res.type('application/json').send(body);
    else res.end();
  }
}
