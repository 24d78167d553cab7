import { useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Switch, Text, View } from '@tarojs/components';
import { formatYuan, maxDeductiblePoints, priceOrder } from '@mall/shared';
import { ErrorState, PageLoading } from '@/components/page-state';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { createOrder, fetchAddresses, fetchCheckoutContext, type AddressView, type CheckoutContext, type CheckoutLine } from '@/services/mall.api';
import { pay } from '@/services/pay';
import { ApiError, newIdempotencyKey } from '@/services/request';
import { useCartStore } from '@/stores/cart.store';
import { useSessionStore } from '@/stores/session.store';
import '@/subpackages/mall/pages/mall.scss';

function parseLines(raw?: string): CheckoutLine[] {
  return (raw ?? '')
    .split(',')
    .map((pair) => pair.split(':').map(Number))
    .filter(([skuId, quantity]) => skuId > 0 && quantity > 0)
    .map(([skuId, quantity]) => ({ skuId, quantity }));
}

/**
 * Checkout previews with the same pricing engine the server uses (@mall/shared priceOrder); the
 * server recomputes on submit and refuses the order if the member saw a stale price.
 */
export default function CheckoutPage() {
  const { params } = useRouter();
  const lines = useMemo(() => parseLines(params.lines), [params.lines]);
  const [fulfilment, setFulfilment] = useState<'delivery' | 'pickup'>('delivery');
  const [ctx, setCtx] = useState<CheckoutContext | null>(null);
  const [addresses, setAddresses] = useState<AddressView[]>([]);
  const [couponId, setCouponId] = useState<number | null>(null);
  const [usePoints, setUsePoints] = useState(false);
  const [useBalance, setUseBalance] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const orderKey = useRef<string | null>(null);
  const removeFromCart = useCartStore((s) => s.remove);

  const load = async () => {
    setError(null);
    try {
      await useSessionStore.getState().ready();
      const [context, addr] = await Promise.all([fetchCheckoutContext(lines, fulfilment), fetchAddresses()]);
      setCtx(context);
      setAddresses(addr.items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, [fulfilment]);
  useDidShow(() => {
    if (ctx) void fetchAddresses().then((a) => setAddresses(a.items));
  });

  const address = addresses.find((a) => a.isDefault) ?? addresses[0];
  const preview = useMemo(() => {
    if (!ctx) return null;
    const coupons = ctx.coupons.filter((c) => c.id === couponId).map((c) => c.terms);
    const base = { ...ctx.input, coupons, points: { ...ctx.input.points, use: 0 }, balance: { ...ctx.input.balance, useFen: 0 } };
    const beforePoints = priceOrder(base);
    const goodsLeft = beforePoints.breakdown.listTotalFen - beforePoints.breakdown.memberDiscountFen - beforePoints.breakdown.couponDiscountFen;
    const pointsUse = usePoints ? maxDeductiblePoints(goodsLeft, ctx.input.points.balance, ctx.input.points.rule) : 0;
    const withPoints = priceOrder({ ...base, points: { ...base.points, use: pointsUse } });
    const balanceUse = useBalance ? Math.min(ctx.input.balance.availableFen, withPoints.breakdown.payableFen) : 0;
    return priceOrder({ ...base, points: { ...base.points, use: pointsUse }, balance: { ...base.balance, useFen: balanceUse } });
  }, [ctx, couponId, usePoints, useBalance]);

  const submit = async () => {
    if (!ctx || !preview) return;
    if (fulfilment === 'delivery' && !address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
      return;
    }
    setSubmitting(true);
    orderKey.current ??= newIdempotencyKey();
    try {
      const order = await createOrder(
        {
          lines,
          couponIds: couponId ? [couponId] : [],
          pointsToUse: preview.breakdown.pointsUsed,
          balanceToUse: preview.breakdown.balanceFen,
          fulfilment,
          ...(fulfilment === 'delivery' ? { addressId: address!.id } : { storeId: 1 }),
          expectedPayableFen: preview.breakdown.payableFen,
        },
        orderKey.current,
      );
      orderKey.current = null;
      removeFromCart(lines.map((l) => l.skuId));
      if (order.payParams && order.outTradeNo) {
        const outcome = await pay(order.outTradeNo, order.payParams, order.cashFen);
        void Taro.showToast({ title: outcome === 'paid' ? '支付成功' : outcome === 'pending' ? '支付确认中' : '已取消支付，可在订单中继续支付', icon: 'none' });
      }
      void Taro.redirectTo({ url: `/subpackages/mall/pages/order/index?id=${order.orderId}` });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PRICE_CHANGED') void load();
    } finally {
      setSubmitting(false);
    }
  };

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!ctx || !preview) return <View className='page'><PageLoading /></View>;
  const b = preview.breakdown;

  return (
    <View className='page checkout-page'>
      <View className='segmented'>
        <Text className={`segmented__item ${fulfilment === 'delivery' ? 'segmented__item--on' : ''}`} onClick={() => setFulfilment('delivery')}>快递配送</Text>
        <Text className={`segmented__item ${fulfilment === 'pickup' ? 'segmented__item--on' : ''}`} onClick={() => setFulfilment('pickup')}>门店自提</Text>
      </View>
      {fulfilment === 'delivery' ? (
        <SectionCard className='checkout-address'>
          <View onClick={() => Taro.navigateTo({ url: '/subpackages/mall/pages/addresses/index' })}>
            {address ? (
              <>
                <Text className='checkout-address__who'>{address.name} {address.phone}</Text>
                <Text className='checkout-address__where'>{address.region} {address.detail}</Text>
              </>
            ) : (
              <Text className='checkout-address__empty'>＋ 添加收货地址</Text>
            )}
          </View>
        </SectionCard>
      ) : (
        <SectionCard>
          <Text>自提门店：上海南京西路旗舰店（10:00-22:00）</Text>
        </SectionCard>
      )}
      <SectionCard title='商品'>
        {ctx.products.map((p, i) => (
          <View key={p.skuId} className='checkout-line'>
            <Image className='checkout-line__image' src={`${API_BASE_URL}${p.imageUrl}`} mode='aspectFill' />
            <View className='checkout-line__main'>
              <Text className='checkout-line__name'>{p.name}</Text>
              <Text className='muted checkout-line__specs'>{p.specs} × {lines[i]?.quantity}</Text>
            </View>
            <PriceTag fen={preview.lines[i].listFen - preview.lines[i].memberDiscountFen} />
          </View>
        ))}
      </SectionCard>
      <SectionCard title='优惠与抵扣'>
        <View className='checkout-row'>
          <Text>优惠券</Text>
          <View className='coupon-picks'>
            {ctx.coupons.length === 0 ? (
              <Text className='muted'>暂无可用</Text>
            ) : (
              ctx.coupons.map((c) => (
                <Text key={c.id} className={`coupon-pick ${couponId === c.id ? 'coupon-pick--on' : ''}`} onClick={() => setCouponId(couponId === c.id ? null : c.id)}>
                  {c.text}
                </Text>
              ))
            )}
          </View>
        </View>
        {preview.problems.filter((p) => p.code.startsWith('COUPON')).map((p) => (
          <Text key={p.message} className='checkout-warn'>{p.message}</Text>
        ))}
        <View className='checkout-row'>
          <Text>积分抵扣（可用 {ctx.input.points.balance}）</Text>
          <Switch className='checkout-switch' checked={usePoints} color='#C8A063' onChange={(e) => setUsePoints(e.detail.value)} />
        </View>
        <View className='checkout-row'>
          <Text>余额支付（¥{formatYuan(ctx.input.balance.availableFen)}）</Text>
          <Switch className='checkout-switch checkout-switch--balance' checked={useBalance} color='#C8A063' disabled={ctx.input.balance.availableFen === 0} onChange={(e) => setUseBalance(e.detail.value)} />
        </View>
      </SectionCard>
      <SectionCard title='价格明细' className='checkout-breakdown'>
        <View className='checkout-row'><Text>商品原价</Text><Text>¥{formatYuan(b.listTotalFen)}</Text></View>
        {b.memberDiscountFen > 0 && <View className='checkout-row'><Text>会员优惠</Text><Text className='checkout-minus'>-¥{formatYuan(b.memberDiscountFen)}</Text></View>}
        {b.couponDiscountFen > 0 && <View className='checkout-row'><Text>优惠券</Text><Text className='checkout-minus'>-¥{formatYuan(b.couponDiscountFen)}</Text></View>}
        {b.pointsDeductionFen > 0 && <View className='checkout-row'><Text>积分抵扣（{b.pointsUsed}）</Text><Text className='checkout-minus'>-¥{formatYuan(b.pointsDeductionFen)}</Text></View>}
        <View className='checkout-row'><Text>运费</Text><Text>{b.shippingFen ? `¥${formatYuan(b.shippingFen)}` : '免运费'}</Text></View>
        {b.balanceFen > 0 && <View className='checkout-row'><Text>余额支付</Text><Text className='checkout-minus'>-¥{formatYuan(b.balanceFen)}</Text></View>}
        <View className='checkout-row checkout-row--total'><Text>微信支付</Text><Text className='checkout-cash'>¥{formatYuan(b.cashFen)}</Text></View>
        <Text className='muted checkout-earn'>本单预计获得 {preview.pointsEarned} 积分 · {preview.growthEarned} 成长值</Text>
      </SectionCard>
      <View className='buy-bar'>
        <View className='buy-bar__total'>
          <Text className='muted'>实付</Text>
          <PriceTag fen={b.payableFen} tone='red' />
        </View>
        <Button className='btn-gold buy-bar__btn checkout-submit' loading={submitting} disabled={submitting} onClick={submit}>提交订单</Button>
      </View>
    </View>
  );
}
