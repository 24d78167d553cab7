import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ErrorCode, ApiError, beijingMinute, formatCountdown, newIdempotencyKey, type FlashSaleView } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { BuyBar } from '@/components/buy-bar';
import { useNow } from '@/components/flash-sale-strip';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { ProductImage } from '@/components/product-image';
import { usePageData } from '@/hooks/use-page-data';
import { buyFlashSale, fetchFlashSale, fetchFlashSales, remindFlashSale } from '@/services/flash-sale.api';
import { fetchAddresses } from '@/services/order.api';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import './index.scss';

/** One event (?id=) with its stock bar, countdown, early-access badge and 提醒我 / 立即抢购; without an id, all events. */
export default function FlashSalePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return Number.isSafeInteger(id) && id > 0 ? <FlashSaleDetail id={id} /> : <FlashSaleList />;
}

function FlashSaleList() {
  const page = usePageData(async () => (await fetchFlashSales()).items);
  const now = useNow();
  return (
    <PageFrame
      page={page}
      className='page flash-list'
      skeleton='list'
      empty={{ when: (items) => items.length === 0, icon: '⚡', title: '暂无秒杀活动', hint: '新的秒杀即将上线，敬请期待' }}
    >
      {(items) => (
        <View className='flash-list__items'>
          {items.map((e) => (
            <View key={e.id} className='flash-card' onClick={() => Taro.navigateTo({ url: `/subpackages/deals/pages/flash-sale/index?id=${e.id}` })}>
              <ProductImage className='flash-card__image' src={e.imageUrl} name={e.productName} />
              <View className='flash-card__body'>
                <Text className='flash-card__name'>{e.name}</Text>
                <Text className='flash-card__product'>{e.productName}</Text>
                <View className='flash-card__prices'>
                  <PriceTag fen={e.dealPriceFen} tone='red' />
                  <PriceTag fen={e.normalPriceFen} size='sm' tone='muted' strike />
                </View>
                <StockBar view={e} />
                <Text className='flash-card__clock'>{clockText(e, now)}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}

function clockText(e: FlashSaleView, now: number): string {
  if (e.phase === 'upcoming') return `距开抢 ${formatCountdown(new Date(e.myStartAt).getTime() - now)}`;
  if (e.phase === 'ended') return '活动已结束';
  if (e.phase === 'sold_out') return '已抢光';
  return `${e.phaseLabel} · 距结束 ${formatCountdown(new Date(e.endAt).getTime() - now)}`;
}

function StockBar({ view }: { view: FlashSaleView }) {
  return (
    <View className='stock-bar' data-testid='stock-bar'>
      <View className='stock-bar__track'>
        <View className='stock-bar__fill' style={{ width: `${view.soldPercent}%` }} />
      </View>
      <Text className='stock-bar__text'>
        已抢 {view.soldPercent}% · 剩 {view.stockLeft} 件
      </Text>
    </View>
  );
}

function FlashSaleDetail({ id }: { id: number }) {
  const page = usePageData(() => fetchFlashSale(id), { deps: [id] });
  return (
    <PageFrame page={page} className='flash-page' skeleton='product'>
      {(view) => <DetailView view={view} reload={page.reload} />}
    </PageFrame>
  );
}

function DetailView({ view, reload }: { view: FlashSaleView; reload(): Promise<void> }) {
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const buyKey = useRef<string | null>(null);
  const myStart = new Date(view.myStartAt).getTime();
  // The page flips from 提醒我 to 立即抢购 at the member's own start without a reload.
  const phase = view.phase === 'upcoming' && now >= myStart ? (now >= new Date(view.startAt).getTime() ? 'live' : 'early_access') : view.phase;
  const canBuy = (phase === 'live' || phase === 'early_access') && view.eligible && view.myTaken < view.perMemberLimit;

  const remind = async () => {
    await requestConsent(['deal_reminder']);
    setBusy(true);
    try {
      await remindFlashSale(view.id);
      void Taro.showToast({ title: '开抢时会提醒你', icon: 'success' });
      await reload();
    } catch {
      // The request wrapper showed the reason.
    } finally {
      setBusy(false);
    }
  };

  const buy = async () => {
    setBusy(true);
    try {
      const addresses = (await fetchAddresses()).items;
      const address = addresses.find((a) => a.isDefault) ?? addresses[0];
      if (!address) {
        void Taro.showToast({ title: '请先添加收货地址', icon: 'none' });
        void Taro.navigateTo({ url: '/subpackages/mall/pages/addresses/index' });
        return;
      }
      await requestConsent(['order_paid', 'order_shipped', 'refund_result']);
      buyKey.current ??= newIdempotencyKey();
      const order = await buyFlashSale(view.id, { quantity: 1, fulfilment: 'delivery', addressId: address.id }, buyKey.current);
      buyKey.current = null;
      if (order.payParams && order.outTradeNo) {
        const outcome = await pay(order.outTradeNo, order.payParams, order.cashFen);
        void Taro.showToast({ title: outcome === 'paid' ? '抢购成功' : '请尽快支付，超时将释放名额', icon: 'none' });
      }
      void Taro.navigateTo({ url: `/subpackages/mall/pages/order/index?id=${order.orderId}` });
    } catch (e) {
      buyKey.current = null;
      if (e instanceof ApiError && (e.code === ErrorCode.FLASH_SALE_SOLD_OUT || e.code === ErrorCode.FLASH_SALE_NOT_STARTED)) await reload();
    } finally {
      setBusy(false);
    }
  };

  const button = !view.eligible ? (
    <AppButton className='buy-bar__btn' disabled>
      仅限{view.audienceLabel}
    </AppButton>
  ) : phase === 'upcoming' ? (
    <AppButton className='buy-bar__btn' kind={view.reminded ? 'ghost' : 'primary'} disabled={busy || view.reminded} onClick={() => void remind()}>
      {view.reminded ? '已设置提醒' : '提醒我'}
    </AppButton>
  ) : (
    <AppButton className='buy-bar__btn' disabled={busy || !canBuy} onClick={() => void buy()}>
      {phase === 'sold_out' ? '已抢光' : phase === 'ended' ? '已结束' : view.myTaken >= view.perMemberLimit ? '已达限购' : '立即抢购'}
    </AppButton>
  );

  return (
    <>
      <ProductImage className='flash-page__image' src={view.imageUrl} name={view.productName} />
      <View className={`flash-page__hero ${phase === 'upcoming' ? 'flash-page__hero--soon' : ''}`}>
        <View className='flash-page__hero-prices'>
          <Text className='flash-page__tag'>秒杀价</Text>
          <PriceTag fen={view.dealPriceFen} size='lg' tone='gold' />
          <PriceTag fen={view.normalPriceFen} size='sm' tone='muted' strike />
        </View>
        <View className='flash-page__clock' data-testid='flash-countdown'>
          <Text className='flash-page__clock-label'>{phase === 'upcoming' ? '距开抢' : phase === 'ended' ? '' : '距结束'}</Text>
          <Text className='flash-page__clock-value'>
            {phase === 'ended' ? '已结束' : formatCountdown((phase === 'upcoming' ? myStart : new Date(view.endAt).getTime()) - now)}
          </Text>
        </View>
      </View>
      <View className='flash-page__info'>
        {view.earlyAccessMinutes > 0 && (
          <View className='flash-page__early' data-testid='early-access-badge'>
            <Text className='flash-page__early-badge'>抢先购</Text>
            <Text className='flash-page__early-text'>你的会员权益：比公开开抢提前 {view.earlyAccessMinutes} 分钟</Text>
          </View>
        )}
        <Text className='flash-page__name'>{view.name}</Text>
        <Text className='flash-page__product'>
          {view.productName} · {view.specs}
        </Text>
        <StockBar view={view} />
        <View className='flash-page__rules'>
          <Text className='flash-page__rule'>
            每人限购 {view.perMemberLimit} 件{view.myTaken > 0 ? `，你已抢 ${view.myTaken} 件` : ''}
          </Text>
          <Text className='flash-page__rule'>参与人群：{view.audienceLabel}</Text>
          <Text className='flash-page__rule'>公开开抢：{beijingMinute(view.startAt)}</Text>
          <Text className='flash-page__rule'>下单后请尽快支付，超时未支付名额将释放</Text>
        </View>
      </View>
      <BuyBar>
        <View className='flash-page__bar-price'>
          <PriceTag fen={view.dealPriceFen} tone='red' />
          <Text className='muted flash-page__bar-hint'>{view.phaseLabel}</Text>
        </View>
        {button}
      </BuyBar>
    </>
  );
}
