import Taro from '@tarojs/taro';
import { formatYuan, type PaymentView, type WechatPayParams } from '@mall/shared';
import { request } from './request';

export type PayOutcome = 'paid' | 'cancelled' | 'pending';

export const fetchPayment = (outTradeNo: string) => request<PaymentView>({ url: `/api/payments/${outTradeNo}`, silent: true });

/** Polls the server, the only truth about a payment, until it is paid or we give up waiting. */
export async function waitForPaid(outTradeNo: string, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetchPayment(outTradeNo)).status === 'paid') return true;
    } catch {
      // keep polling: a blip must not read as "not paid"
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
  }
  return false;
}

/**
 * Pays with WeChat Pay. In WeChat: wx.requestPayment. In H5 there is no WeChat Pay; Taro's H5
 * build even *resolves* requestPayment with {errMsg:'暂时不支持 API'}, so it is never called and
 * never trusted — instead the bundled simulator plays the payer. Either way the result shown to
 * the member is what the server says about the payment, not what the client call returned.
 */
export async function pay(outTradeNo: string, params: WechatPayParams, amountFen: number): Promise<PayOutcome> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      await Taro.requestPayment({
        timeStamp: params.timeStamp,
        nonceStr: params.nonceStr,
        package: params.package,
        signType: params.signType,
        paySign: params.paySign,
      });
    } catch (error) {
      const message = (error as { errMsg?: string }).errMsg ?? '';
      if (message.includes('cancel')) return 'cancelled';
      // A failure report can be wrong too (network): ask the server before giving up.
      return (await waitForPaid(outTradeNo, 3000)) ? 'paid' : 'cancelled';
    }
  } else {
    const { confirm } = await Taro.showModal({
      title: '微信支付（模拟）',
      content: `支付 ¥${formatYuan(amountFen)}`,
      confirmText: '确认支付',
      cancelText: '取消',
    });
    const res = await Taro.request({
      url: `${API_BASE_URL}/__wechat/sim/pay`,
      method: 'POST',
      data: { out_trade_no: outTradeNo, result: confirm ? 'success' : 'cancel' },
      header: { 'content-type': 'application/json' },
    });
    if (!confirm || res.statusCode >= 300) return 'cancelled';
  }
  return (await waitForPaid(outTradeNo)) ? 'paid' : 'pending';
}
