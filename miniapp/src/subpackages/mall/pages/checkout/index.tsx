import { useMemo, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import {
  ApiError,
  bestCoupon,
  ErrorCode,
  formatYuan,
  FULFILMENT_LABELS,
  maxDeductiblePoints,
  newIdempotencyKey,
  priceOrder,
  type AddressView,
  type CheckoutContext,
  type Fulfilment,
  type OrderLineRequest,
} from '@mall/shared';
import { AddressLines } from '@/components/address-lines';
import { BuyBar, BuyBarTotal } from '@/components/buy-bar';
import { DetailNote, DetailRow } from '@/components/detail-row';
import { GoodsLine } from '@/components/goods-line';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { Segmented } from '@/components/segmented';
import { StoreCard } from '@/components/store-card';
import { usePageData } from '@/hooks/use-page-data';
import { createOrder, fetchAddresses, fetchCheckoutContext } from '@/services/order.api';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import { useCartStore } from '@/stores/cart.store';
import { StoreSheet } from './store-sheet';
import './index.scss';
import { AppButton } from '@/components/app-button';

const FULFILMENTS = (['delivery', 'pickup'] as const).map((key) => ({ key, label: FULFILMENT_LABELS[key] }));

/** Errors after which what checkout shows (prices, open stores) is stale and is loaded again. */
const STALE_CODES: string[] = [ErrorCode.PRICE_CHANGED, ErrorCode.STORE_CLOSED, ErrorCode.NOT_FOUND];

function parseLines(raw?: string): OrderLineRequest[] {
  return (raw ?? '')
    .split(',')
    .map((pair) => pair.split(':').map(Number))
    .filter(([skuId, quantity]) => skuId > 0 && quantity > 0)
    .map(([skuId, quantity]) => ({ skuId, quantity }));
}

/** The member's own store when they have one (the server lists it first), else the first open store. */
function defaultStore(stores: CheckoutContext['pickupStores']) {
  return stores.find((s) => s.isMyStore) ?? stores[0] ?? null;
}

/**
 * Checkout previews with the same pricing engine the server uses (@mall/shared priceOrder); the
 * server recomputes on submit and refuses the order if the member saw a stale price.
 */
export default function CheckoutPage() {
  const { params } = useRouter();
  const lines = useMemo(() => parseLines(params.lines), [params.lines]);
  const [fulfilment, setFulfilment] = useState<Fulfilment>('delivery');
  const page = usePageData(
    async (): Promise<{ ctx: CheckoutContext; addresses: AddressView[] } | null> => {
      if (lines.length === 0) return null;
      const [ctx, addresses] = await Promise.all([fetchCheckoutContext(lines, fulfilment), fetchAddresses()]);
      return { ctx, addresses: addresses.items };
    },
    { deps: [lines, fulfilment] },
  );
  // undefined until the member picks: then the best coupon for this cart (as the server would price it) is chosen.
  const [couponChoice, setCouponChoice] = useState<number | null | undefined>(undefined);
  const [usePoints, setUsePoints] = useState(false);
  const [useBalance, setUseBalance] = useState(false);
  const [storeId, setStoreId] = useState<number | null>(null);
  const [pickingStore, setPickingStore] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const orderKey = useRef<string | null>(null);
  const removeFromCart = useCartStore((s) => s.remove);

  const ctx = page.data?.ctx;
  const best = useMemo(
    () =>
      ctx
        ? bestCoupon(
            ctx.input,
            ctx.coupons.map((c) => c.terms),
          )
        : null,
    [ctx],
  );
  // A picked coupon that left the list (used elsewhere, expired) falls back to the best one.
  const picked = couponChoice === null || (couponChoice !== undefined && ctx?.coupons.some((c) => c.id === couponChoice));
  const couponId = picked ? (couponChoice ?? null) : (best?.coupon.couponId ?? null);
  const setCouponId = (id: number | null) => setCouponChoice(id);
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

  const address = page.data ? (page.data.addresses.find((a) => a.isDefault) ?? page.data.addresses[0]) : undefined;
  const stores = ctx?.pickupStores ?? [];
  const store = stores.find((s) => s.id === storeId) ?? defaultStore(stores);

  const submit = async () => {
    if (!ctx || !preview) return;
    if (fulfilment === 'delivery' && !address) {
      void Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
      return;
    }
    if (fulfilment === 'pickup' && !store) {
      void Taro.showToast({ title: '暂无可自提的门店', icon: 'none' });
      return;
    }
    await requestConsent(['order_paid', fulfilment === 'pickup' ? 'pickup_ready' : 'order_shipped', 'refund_result']);
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
          ...(fulfilment === 'delivery' ? { addressId: address!.id } : { storeId: store!.id }),
          expectedPayableFen: preview.breakdown.payableFen,
        },
        orderKey.current,
      );
      orderKey.current = null;
      removeFromCart(lines.map((l) => l.skuId));
      if (order.payParams && order.outTradeNo) {
        const outcome = await pay(order.outTradeNo, order.payParams, order.cashFen);
        void Taro.showToast({
          title: outcome === 'paid' ? '支付成功' : outcome === 'pending' ? '支付确认中' : '已取消支付，未支付的订单会自动取消',
          icon: 'none',
        });
      }
      void Taro.redirectTo({ url: `/subpackages/mall/pages/order/index?id=${order.orderId}` });
    } catch (e) {
      // The request wrapper toasted the server's reason; a changed price or a closed store needs fresh data.
      if (e instanceof ApiError && STALE_CODES.includes(e.code)) {
        orderKey.current = null;
        void page.reload();
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageFrame
      page={page}
      className='page checkout-page'
      empty={{
        when: (data) => data === null,
        title: '没有要结算的商品',
        hint: '先把喜欢的商品加入购物车吧',
        icon: '🛒',
        action: { text: '去购物车', onClick: () => void Taro.redirectTo({ url: '/subpackages/mall/pages/cart/index' }) },
      }}
    >
      {(data) => {
        if (!data || !preview) return null;
        const b = preview.breakdown;
        return (
          <>
            <Segmented items={FULFILMENTS} value={fulfilment} onChange={setFulfilment} />
            {fulfilment === 'delivery' ? (
              <SectionCard className='checkout-address'>
                <View onClick={() => Taro.navigateTo({ url: '/subpackages/mall/pages/addresses/index' })}>
                  {address ? <AddressLines address={address} /> : <Text className='checkout-address__empty'>＋ 添加收货地址</Text>}
                </View>
              </SectionCard>
            ) : (
              <SectionCard
                title='自提门店'
                className='checkout-store'
                extra={
                  stores.length > 1 && (
                    <Text className='checkout-store__change' onClick={() => setPickingStore(true)}>
                      更换门店 ›
                    </Text>
                  )
                }
              >
                {store ? (
                  <StoreCard
                    name={store.name}
                    address={store.address}
                    openingHours={store.openingHours}
                    isMyStore={store.isMyStore}
                    onClick={stores.length > 1 ? () => setPickingStore(true) : undefined}
                  />
                ) : (
                  <EmptyState
                    title='暂无可自提的门店'
                    hint='门店暂停营业中，可以改为快递配送'
                    icon='🏬'
                    action={{ text: '改为快递配送', onClick: () => setFulfilment('delivery') }}
                  />
                )}
              </SectionCard>
            )}
            <SectionCard title='商品'>
              {data.ctx.products.map((p, i) => (
                <GoodsLine
                  key={p.skuId}
                  imageUrl={p.imageUrl}
                  name={p.name}
                  sub={`${p.specs} × ${lines[i]?.quantity}`}
                  extra={<PriceTag fen={preview.lines[i].listFen - preview.lines[i].memberDiscountFen} />}
                />
              ))}
            </SectionCard>
            <SectionCard title='优惠与抵扣'>
              <View className='checkout-row'>
                <Text>优惠券</Text>
                <View className='coupon-picks'>
                  {data.ctx.coupons.length === 0 ? (
                    <Text className='muted'>暂无可用</Text>
                  ) : (
                    data.ctx.coupons.map((c) => (
                      <Text
                        key={c.id}
                        className={`coupon-pick ${couponId === c.id ? 'coupon-pick--on' : ''}`}
                        onClick={() => setCouponId(couponId === c.id ? null : c.id)}
                      >
                        {c.text}
                      </Text>
                    ))
                  )}
                </View>
              </View>
              {best && couponId === best.coupon.couponId && <Text className='checkout-best'>已选最优惠的券，省 ¥{formatYuan(best.savedFen)}</Text>}
              {preview.problems
                .filter((p) => p.code.startsWith('COUPON'))
                .map((p) => (
                  <Text key={p.message} className='checkout-warn'>
                    {p.message}
                  </Text>
                ))}
              <View className='checkout-row'>
                <Text>积分抵扣（可用 {data.ctx.input.points.balance}）</Text>
                <Switch className='checkout-switch' checked={usePoints} color='#C8A063' onChange={(e) => setUsePoints(e.detail.value)} />
              </View>
              <View className='checkout-row'>
                <Text>余额支付（¥{formatYuan(data.ctx.input.balance.availableFen)}）</Text>
                <Switch
                  className='checkout-switch checkout-switch--balance'
                  checked={useBalance}
                  color='#C8A063'
                  disabled={data.ctx.input.balance.availableFen === 0}
                  onChange={(e) => setUseBalance(e.detail.value)}
                />
              </View>
            </SectionCard>
            <SectionCard title='价格明细' className='checkout-breakdown'>
              <DetailRow label='商品原价' value={`¥${formatYuan(b.listTotalFen)}`} />
              {b.memberDiscountFen > 0 && <DetailRow label='会员优惠' value={`-¥${formatYuan(b.memberDiscountFen)}`} tone='minus' />}
              {b.couponDiscountFen > 0 && <DetailRow label='优惠券' value={`-¥${formatYuan(b.couponDiscountFen)}`} tone='minus' />}
              {b.pointsDeductionFen > 0 && <DetailRow label={`积分抵扣（${b.pointsUsed}）`} value={`-¥${formatYuan(b.pointsDeductionFen)}`} tone='minus' />}
              <DetailRow label='运费' value={b.shippingFen ? `¥${formatYuan(b.shippingFen)}` : '免运费'} />
              {b.balanceFen > 0 && <DetailRow label='余额支付' value={`-¥${formatYuan(b.balanceFen)}`} tone='minus' />}
              <DetailRow label='微信支付' value={`¥${formatYuan(b.cashFen)}`} tone='cash' total valueClassName='checkout-cash' />
              <DetailNote>
                本单预计获得 {preview.pointsEarned} 积分 · {preview.growthEarned} 成长值
              </DetailNote>
            </SectionCard>
            <BuyBar>
              <BuyBarTotal label='实付' fen={b.payableFen} />
              <AppButton
                className='buy-bar__btn checkout-submit'
                loading={submitting}
                disabled={submitting || (fulfilment === 'pickup' && !store)}
                onClick={submit}
              >
                提交订单
              </AppButton>
            </BuyBar>
            {pickingStore && store && (
              <StoreSheet
                stores={stores}
                value={store.id}
                onPick={(id) => {
                  setStoreId(id);
                  setPickingStore(false);
                }}
                onClose={() => setPickingStore(false)}
              />
            )}
          </>
        );
      }}
    </PageFrame>
  );
}
