import Taro from '@tarojs/taro';
import type { GroupBuyCheckoutRequest } from '@mall/shared';
import { fetchAddresses } from '@/services/order.api';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import type { GroupBuyPayResult } from '@/services/group-buy.api';

/** A slot is paid like any order: delivery to the default address, WeChat Pay for the cash part. Returns the group id once paid. */
export async function payForSlot(start: (body: GroupBuyCheckoutRequest) => Promise<GroupBuyPayResult>): Promise<number | null> {
  const addresses = (await fetchAddresses()).items;
  const address = addresses.find((a) => a.isDefault) ?? addresses[0];
  if (!address) {
    await Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
    await Taro.navigateTo({ url: '/subpackages/mall/pages/addresses/index' });
    return null;
  }
  // The tap that pays for a slot is the one that may ask: the group's result (成团/失败) and the refund.
  await requestConsent(['group_result', 'order_paid', 'refund_result']);
  const result = await start({ fulfilment: 'delivery', addressId: address.id });
  if (result.status === 'paid') return result.groupId;
  if (!result.outTradeNo || !result.payParams) return null;
  const outcome = await pay(result.outTradeNo, result.payParams, result.cashFen);
  if (outcome === 'paid') return result.groupId;
  await Taro.showToast({ title: outcome === 'cancelled' ? '已取消支付，名额保留至订单超时' : '支付结果确认中', icon: 'none' });
  return null;
}
