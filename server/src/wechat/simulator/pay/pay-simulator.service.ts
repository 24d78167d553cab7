import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { NotifySender } from './notify-sender';
import { digits, PaySimulatorState, wechatNow, type SimOrder, type SimRefund } from './pay-simulator.state';

export type SimResult = { status: number; body: Record<string, unknown> | null };

const err = (status: number, code: string, message: string): SimResult => ({ status, body: { code, message } });
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** WeChat Pay's behaviour: JSAPI orders, payer actions, close, refunds. */
@Injectable()
export class PaySimulatorService implements OnModuleDestroy {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: PaySimulatorState,
    private readonly notifier: NotifySender,
  ) {}

  jsapi(body: Record<string, any>): SimResult {
    const { appid, mchid, description, out_trade_no, notify_url, amount, payer } = body ?? {};
    if (appid !== this.config.wechat.appId) return err(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (mchid !== this.config.wechatPay.mchId) return err(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (typeof description !== 'string' || !description) return err(400, 'PARAM_ERROR', '缺少参数description');
    if (typeof out_trade_no !== 'string' || !/^[A-Za-z0-9_*|-]{6,32}$/.test(out_trade_no)) return err(400, 'PARAM_ERROR', 'out_trade_no格式错误');
    if (typeof notify_url !== 'string' || !/^https?:\/\//.test(notify_url)) return err(400, 'PARAM_ERROR', 'notify_url格式错误');
    if (!isPositiveInt(amount?.total) || (amount.currency ?? 'CNY') !== 'CNY') return err(400, 'PARAM_ERROR', '订单金额错误');
    if (typeof payer?.openid !== 'string' || !payer.openid) return err(400, 'PARAM_ERROR', '缺少参数payer.openid');
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([appid, mchid, description, out_trade_no, notify_url, amount.total, payer.openid]))
      .digest('hex');
    const existing = this.state.orders.get(out_trade_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return err(400, 'INVALID_REQUEST', '201 商户订单号重复');
      if (existing.trade_state === 'SUCCESS') return err(400, 'ORDER_PAID', '订单已支付');
      if (existing.trade_state === 'CLOSED') return err(400, 'ORDER_CLOSED', '订单已关闭');
      return { status: 200, body: { prepay_id: existing.prepay_id } };
    }
    const order: SimOrder = {
      appid,
      mchid,
      description,
      out_trade_no,
      notify_url,
      attach: body.attach,
      time_expire: body.time_expire,
      total: amount.total,
      openid: payer.openid,
      prepay_id: `wx${digits(30)}`,
      fingerprint,
      trade_state: 'NOTPAY',
      refunded: 0,
    };
    this.state.orders.set(out_trade_no, order);
    return { status: 200, body: { prepay_id: order.prepay_id } };
  }

  query(outTradeNo: string, mchid: unknown): SimResult {
    if (mchid !== this.config.wechatPay.mchId) return err(400, 'PARAM_ERROR', 'mchid错误');
    const order = this.state.orders.get(outTradeNo);
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, body: this.transaction(order) };
  }

  close(outTradeNo: string, mchid: unknown): SimResult {
    if (mchid !== this.config.wechatPay.mchId) return err(400, 'PARAM_ERROR', 'mchid错误');
    const order = this.state.orders.get(outTradeNo);
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND') return err(400, 'ORDER_PAID', '订单已支付');
    order.trade_state = 'CLOSED';
    return { status: 204, body: null };
  }

  /** The payer in front of wx.requestPayment. */
  payerAction(input: { out_trade_no?: unknown; result?: unknown; notify?: unknown; force?: unknown }): SimResult {
    const order = typeof input.out_trade_no === 'string' ? this.state.orders.get(input.out_trade_no) : undefined;
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    const result = input.result ?? 'success';
    if (result === 'cancel') return { status: 200, body: this.summary(order) };
    if (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND') return err(409, 'ORDER_PAID', '订单已支付');
    if (order.trade_state === 'CLOSED' && input.force !== true) return err(409, 'ORDER_CLOSED', '订单已关闭');
    if (result === 'fail') {
      order.trade_state = 'PAYERROR';
      return { status: 200, body: this.summary(order) };
    }
    if (result !== 'success') return err(400, 'PARAM_ERROR', 'result must be success, fail or cancel');
    order.trade_state = 'SUCCESS';
    order.transaction_id = `42000${digits(23)}`;
    order.success_time = wechatNow();
    if (input.notify !== false) this.notifier.send('TRANSACTION.SUCCESS', order.out_trade_no, order.notify_url, this.transaction(order));
    return { status: 200, body: this.summary(order) };
  }

  refund(body: Record<string, any>): SimResult {
    const order = body?.out_trade_no
      ? this.state.orders.get(body.out_trade_no)
      : [...this.state.orders.values()].find((o) => o.transaction_id && o.transaction_id === body?.transaction_id);
    if (!order) return err(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    const outRefundNo = body.out_refund_no;
    if (typeof outRefundNo !== 'string' || !/^[A-Za-z0-9_*|@-]{1,64}$/.test(outRefundNo)) return err(400, 'PARAM_ERROR', 'out_refund_no格式错误');
    const refundFen = body.amount?.refund;
    if (!isPositiveInt(refundFen) || body.amount?.total !== order.total || (body.amount?.currency ?? 'CNY') !== 'CNY') {
      return err(400, 'PARAM_ERROR', '退款金额参数错误');
    }
    const existing = this.state.refunds.get(outRefundNo);
    if (existing) {
      if (existing.out_trade_no !== order.out_trade_no || existing.amount !== refundFen) return err(400, 'INVALID_REQUEST', '退款单号重复');
      return { status: 200, body: this.refundView(existing) };
    }
    if (order.trade_state !== 'SUCCESS' && order.trade_state !== 'REFUND') return err(400, 'INVALID_REQUEST', '订单未支付');
    if (order.refunded + refundFen > order.total) return err(400, 'NOT_ENOUGH', '申请退款金额超过订单可退金额');
    order.refunded += refundFen;
    const refund: SimRefund = {
      refund_id: `50300${digits(24)}`,
      out_refund_no: outRefundNo,
      out_trade_no: order.out_trade_no,
      transaction_id: order.transaction_id!,
      amount: refundFen,
      total: order.total,
      notify_url: typeof body.notify_url === 'string' ? body.notify_url : order.notify_url,
      status: 'PROCESSING',
      create_time: wechatNow(),
    };
    this.state.refunds.set(outRefundNo, refund);
    const outcome = this.state.refundOutcomes.get(order.out_trade_no) ?? 'SUCCESS';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      refund.status = outcome;
      if (outcome === 'SUCCESS') {
        refund.success_time = wechatNow();
        order.trade_state = 'REFUND';
      } else {
        order.refunded -= refund.amount; // the money never left: it can be refunded again
      }
      this.notifier.send(`REFUND.${outcome}`, order.out_trade_no, refund.notify_url, {
        mchid: order.mchid,
        out_trade_no: order.out_trade_no,
        transaction_id: order.transaction_id,
        out_refund_no: refund.out_refund_no,
        refund_id: refund.refund_id,
        refund_status: outcome,
        ...(refund.success_time ? { success_time: refund.success_time } : {}),
        amount: { total: order.total, refund: refund.amount, payer_total: order.total, payer_refund: refund.amount },
        user_received_account: '支付用户零钱',
      });
    }, 100);
    timer.unref();
    this.timers.add(timer);
    return { status: 200, body: this.refundView(refund) };
  }

  /** Test control: how the next refunds of a payment end. */
  setRefundOutcome(input: { out_trade_no?: unknown; status?: unknown }): SimResult {
    if (typeof input.out_trade_no !== 'string' || !this.state.orders.has(input.out_trade_no)) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (input.status !== 'SUCCESS' && input.status !== 'ABNORMAL' && input.status !== 'CLOSED')
      return err(400, 'PARAM_ERROR', 'status must be SUCCESS, ABNORMAL or CLOSED');
    this.state.refundOutcomes.set(input.out_trade_no, input.status);
    return { status: 200, body: { out_trade_no: input.out_trade_no, status: input.status } };
  }

  /**
   * Test control: WeChat delivers the success notify of a paid order `copies` times at once, each a
   * separately signed genuine notify (as retries and duplicate deliveries are).
   */
  deliverNotifies(input: { out_trade_no?: unknown; copies?: unknown }): SimResult {
    const order = typeof input.out_trade_no === 'string' ? this.state.orders.get(input.out_trade_no) : undefined;
    if (!order) return err(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.trade_state !== 'SUCCESS') return err(409, 'ORDER_NOT_PAID', '订单未支付');
    const copies = typeof input.copies === 'number' && Number.isSafeInteger(input.copies) && input.copies > 0 && input.copies <= 100 ? input.copies : 1;
    for (let i = 0; i < copies; i++) this.notifier.send('TRANSACTION.SUCCESS', order.out_trade_no, order.notify_url, this.transaction(order));
    return { status: 200, body: { out_trade_no: order.out_trade_no, sent: copies } };
  }

  queryRefund(outRefundNo: string): SimResult {
    const refund = this.state.refunds.get(outRefundNo);
    if (!refund) return err(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return { status: 200, body: this.refundView(refund) };
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  transaction(order: SimOrder): Record<string, unknown> {
    const paid = order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND';
    return {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.out_trade_no,
      ...(paid ? { transaction_id: order.transaction_id, bank_type: 'OTHERS', success_time: order.success_time } : {}),
      trade_type: 'JSAPI',
      trade_state: order.trade_state,
      trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', CLOSED: '已关闭', PAYERROR: '支付失败', REFUND: '转入退款' }[order.trade_state],
      attach: order.attach ?? '',
      payer: { openid: order.openid },
      amount: { total: order.total, ...(paid ? { payer_total: order.total } : {}), currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  private summary(order: SimOrder): Record<string, unknown> {
    return { out_trade_no: order.out_trade_no, trade_state: order.trade_state, ...(order.transaction_id ? { transaction_id: order.transaction_id } : {}) };
  }

  private refundView(r: SimRefund): Record<string, unknown> {
    return {
      refund_id: r.refund_id,
      out_refund_no: r.out_refund_no,
      transaction_id: r.transaction_id,
      out_trade_no: r.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      status: r.status,
      create_time: r.create_time,
      ...(r.success_time ? { success_time: r.success_time } : {}),
      amount: { total: r.total, refund: r.amount, payer_total: r.total, payer_refund: r.amount, currency: 'CNY' },
    };
  }
}
