import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { AFTER_SALE_OPEN_STATES, beijingMinute, formatYuan, newIdempotencyKey, ORDER_REFUNDABLE_STATES, type OrderView } from '@mall/shared';
import { AddressLines } from '@/components/address-lines';
import { DetailNote, DetailRow } from '@/components/detail-row';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { QrCode } from '@/components/qr-code';
import { SectionCard } from '@/components/section-card';
import { StoreCard } from '@/components/store-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchAfterSales } from '@/services/after-sale.api';
import { cancelOrder, confirmReceipt, fetchOrder, requestRefund } from '@/services/order.api';
import './index.scss';

export default function OrderPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const page = usePageData(
    async () => {
      const [order, sales] = await Promise.all([fetchOrder(id), fetchAfterSales(id)]);
      return { order, sales: sales.items };
    },
    { deps: [id] },
  );
  const [busy, setBusy] = useState(false);
  const refundKey = useRef<string | null>(null);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      await page.reload();
      return true;
    } catch {
      return false; // the request wrapper toasted the reason
    } finally {
      setBusy(false);
    }
  };

  /** Before anything shipped: one tap refunds every unit not yet asked for (the after-sale page does parts, returns and exchanges). */
  const refundAll = async (order: OrderView) => {
    const { confirm } = await Taro.showModal({ title: '申请退款', content: '退回全部未退商品，款项原路退回（余额、积分、微信支付）', confirmText: '申请退款' });
    if (!confirm) return;
    refundKey.current ??= newIdempotencyKey();
    const lines = order.lines.filter((l) => l.quantity > l.afterSaleQuantity).map((l) => ({ lineId: l.id, quantity: l.quantity - l.afterSaleQuantity }));
    // A failed attempt keeps its key, so asking again cannot file the refund twice.
    if (await act(() => requestRefund(order.id, lines, '会员申请退款', refundKey.current!), '已提交退款申请')) refundKey.current = null;
  };

  return (
    <PageFrame page={page} className='page order-page'>
      {({ order, sales }) => {
        const a = order.amounts;
        const open = sales.some((x) => AFTER_SALE_OPEN_STATES.includes(x.status));
        const canAfterSale = ORDER_REFUNDABLE_STATES.includes(order.status) && order.lines.some((l) => l.quantity > l.afterSaleQuantity) && !open;
        const nothingShipped = order.status === 'paid' && order.lines.every((l) => l.shippedQuantity === 0);
        return (
          <>
            <View className='order-page__status'>
              <Text className='order-page__status-text'>{order.statusText}</Text>
              {order.cancelReason && <Text className='order-page__reason'>{order.cancelReason}</Text>}
              {order.autoConfirmAt && <Text className='order-page__reason'>{beijingMinute(order.autoConfirmAt)} 将自动确认收货</Text>}
              {order.shipments.length > 0 && (
                <View className='order-page__logistics' onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/logistics/index?id=${order.id}` })}>
                  <Text>
                    {order.shipments.length > 1 ? `已发出 ${order.shipments.length} 个包裹 · ` : ''}
                    {order.shipments[order.shipments.length - 1].carrierName} {order.shipments[order.shipments.length - 1].trackingNo}
                  </Text>
                  <Text className='order-page__logistics-link'>查看物流 ›</Text>
                </View>
              )}
              {order.pickupCode && (
                <View className='order-page__pickup-code'>
                  <View className='order-page__qr'>
                    <QrCode text={order.pickupCode} size={320} />
                  </View>
                  <Text className='order-page__pickup'>自提码 {order.pickupCode}</Text>
                  <Text className='muted'>到店出示给店员扫码核销</Text>
                </View>
              )}
            </View>
            {order.fulfilment === 'pickup' && order.store && (
              <SectionCard title='自提门店' className='order-page__store'>
                <StoreCard name={order.store.name} address={order.store.address} />
              </SectionCard>
            )}
            {order.address && (
              <SectionCard>
                <AddressLines address={order.address} />
              </SectionCard>
            )}
            <SectionCard title='商品'>
              {order.lines.map((l) => (
                <GoodsLine
                  key={l.id}
                  imageUrl={l.imageUrl}
                  name={l.productName}
                  sub={`${l.specs} × ${l.quantity}${order.partiallyShipped ? `（已发 ${l.shippedQuantity}）` : ''}${l.refundedQuantity ? `（已退 ${l.refundedQuantity}）` : ''}`}
                  extra={<Text>¥{formatYuan(l.payFen)}</Text>}
                />
              ))}
            </SectionCard>
            <SectionCard title='支付明细'>
              <DetailRow label='商品原价' value={`¥${formatYuan(a.listTotalFen)}`} />
              {a.memberDiscountFen > 0 && <DetailRow label='会员优惠' value={`-¥${formatYuan(a.memberDiscountFen)}`} tone='minus' />}
              {a.couponDiscountFen > 0 && <DetailRow label='优惠券' value={`-¥${formatYuan(a.couponDiscountFen)}`} tone='minus' />}
              {a.pointsDeductionFen > 0 && <DetailRow label='积分抵扣' value={`-¥${formatYuan(a.pointsDeductionFen)}`} tone='minus' />}
              <DetailRow label='运费' value={`¥${formatYuan(a.shippingFen)}`} />
              {a.balanceFen > 0 && <DetailRow label='余额支付' value={`¥${formatYuan(a.balanceFen)}`} />}
              <DetailRow label='微信支付' value={`¥${formatYuan(a.cashFen)}`} tone='cash' total />
              {order.savings.length > 0 && (
                <Text className='order-page__savings'>本单会员共为你节省 ¥{formatYuan(order.savings.reduce((s, x) => s + x.fen, 0))}</Text>
              )}
              <DetailNote>
                订单号 {order.orderNo} · {beijingMinute(order.createdAt)}
              </DetailNote>
            </SectionCard>
            {sales.length > 0 && (
              <SectionCard title='售后'>
                {sales.map((x) => (
                  <View
                    key={x.id}
                    className='order-page__after-sale'
                    onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/after-sale-detail/index?id=${x.id}` })}
                  >
                    <Text>
                      {x.kindText} · {x.lines.map((l) => `${l.productName}×${l.quantity}`).join('，')}
                    </Text>
                    <Text className='order-page__after-sale-status'>{x.statusText} ›</Text>
                  </View>
                ))}
              </SectionCard>
            )}
            <View className='order-page__actions'>
              <Button className='btn-ghost' openType='contact'>
                联系客服
              </Button>
              {order.status === 'pending_payment' && (
                <Button className='btn-ghost' disabled={busy} onClick={() => act(() => cancelOrder(order.id), '订单已取消')}>
                  取消订单
                </Button>
              )}
              {(order.status === 'shipped' || order.status === 'ready_for_pickup') && (
                <Button className='btn-gold' disabled={busy} onClick={() => act(() => confirmReceipt(order.id), '已确认收货')}>
                  确认收货
                </Button>
              )}
              {canAfterSale && nothingShipped && (
                <Button className='btn-ghost order-page__refund' disabled={busy} onClick={() => refundAll(order)}>
                  申请退款
                </Button>
              )}
              {canAfterSale && !nothingShipped && (
                <Button
                  className='btn-ghost order-page__after-sale-btn'
                  onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/after-sale/index?orderId=${order.id}` })}
                >
                  申请售后
                </Button>
              )}
            </View>
          </>
        );
      }}
    </PageFrame>
  );
}
