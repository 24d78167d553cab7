import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { formatYuan } from '@mall/shared';
import { ErrorState, PageLoading } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { cancelOrder, confirmReceipt, fetchOrder, requestRefund, type OrderView } from '@/services/mall.api';
import { newIdempotencyKey } from '@/services/request';
import { useSessionStore } from '@/stores/session.store';
import { QrCode } from '@/components/qr-code';
import '@/subpackages/mall/pages/mall.scss';

export default function OrderPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refundKey = useRef<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      await useSessionStore.getState().ready();
      setOrder(await fetchOrder(id));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      await load();
    } catch {
      // toast shown by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  const refundAll = async () => {
    if (!order) return;
    const { confirm } = await Taro.showModal({ title: '申请退款', content: '退回全部未退商品，款项原路退回（余额、积分、微信支付）', confirmText: '申请退款' });
    if (!confirm) return;
    refundKey.current ??= newIdempotencyKey();
    const lines = order.lines.filter((l) => l.quantity > l.refundedQuantity).map((l) => ({ lineId: l.id, quantity: l.quantity - l.refundedQuantity }));
    await act(() => requestRefund(order.id, lines, '会员申请退款', refundKey.current!), '已提交退款申请');
    refundKey.current = null;
  };

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!order) return <View className='page'><PageLoading /></View>;
  const a = order.amounts;
  const canRefund = ['paid', 'shipped', 'ready_for_pickup', 'completed'].includes(order.status);

  return (
    <View className='page order-page'>
      <View className='order-page__status'>
        <Text className='order-page__status-text'>{order.statusText}</Text>
        {order.cancelReason && <Text className='order-page__reason'>{order.cancelReason}</Text>}
        {order.pickupCode && (
          <View className='order-page__pickup-code'>
            <QrCode text={order.pickupCode} size={280} />
            <Text className='order-page__pickup'>自提码 {order.pickupCode}</Text>
            <Text className='muted'>到店出示给店员扫码核销</Text>
          </View>
        )}
      </View>
      {order.address && (
        <SectionCard>
          <Text className='checkout-address__who'>{order.address.name} {order.address.phone}</Text>
          <Text className='checkout-address__where'>{order.address.region} {order.address.detail}</Text>
        </SectionCard>
      )}
      <SectionCard title='商品'>
        {order.lines.map((l) => (
          <View key={l.id} className='checkout-line'>
            <Image className='checkout-line__image' src={`${API_BASE_URL}${l.imageUrl}`} mode='aspectFill' />
            <View className='checkout-line__main'>
              <Text className='checkout-line__name'>{l.productName}</Text>
              <Text className='muted checkout-line__specs'>{l.specs} × {l.quantity}{l.refundedQuantity ? `（已退 ${l.refundedQuantity}）` : ''}</Text>
            </View>
            <Text>¥{formatYuan(l.payFen)}</Text>
          </View>
        ))}
      </SectionCard>
      <SectionCard title='支付明细'>
        <View className='checkout-row'><Text>商品原价</Text><Text>¥{formatYuan(a.listTotalFen)}</Text></View>
        {a.memberDiscountFen > 0 && <View className='checkout-row'><Text>会员优惠</Text><Text className='checkout-minus'>-¥{formatYuan(a.memberDiscountFen)}</Text></View>}
        {a.couponDiscountFen > 0 && <View className='checkout-row'><Text>优惠券</Text><Text className='checkout-minus'>-¥{formatYuan(a.couponDiscountFen)}</Text></View>}
        {a.pointsDeductionFen > 0 && <View className='checkout-row'><Text>积分抵扣</Text><Text className='checkout-minus'>-¥{formatYuan(a.pointsDeductionFen)}</Text></View>}
        <View className='checkout-row'><Text>运费</Text><Text>¥{formatYuan(a.shippingFen)}</Text></View>
        {a.balanceFen > 0 && <View className='checkout-row'><Text>余额支付</Text><Text>¥{formatYuan(a.balanceFen)}</Text></View>}
        <View className='checkout-row checkout-row--total'><Text>微信支付</Text><Text className='checkout-cash'>¥{formatYuan(a.cashFen)}</Text></View>
        {order.savings.length > 0 && <Text className='order-page__savings'>本单会员共为你节省 ¥{formatYuan(order.savings.reduce((s, x) => s + x.fen, 0))}</Text>}
        <Text className='muted checkout-earn'>订单号 {order.orderNo} · {order.createdAt.slice(0, 16).replace('T', ' ')}</Text>
      </SectionCard>
      <View className='order-page__actions'>
        {order.status === 'pending_payment' && <Button className='btn-ghost' disabled={busy} onClick={() => act(() => cancelOrder(order.id), '订单已取消')}>取消订单</Button>}
        {(order.status === 'shipped' || order.status === 'ready_for_pickup') && <Button className='btn-gold' disabled={busy} onClick={() => act(() => confirmReceipt(order.id), '已确认收货')}>确认收货</Button>}
        {canRefund && order.lines.some((l) => l.quantity > l.refundedQuantity) && <Button className='btn-ghost order-page__refund' disabled={busy} onClick={refundAll}>申请退款</Button>}
      </View>
    </View>
  );
}
