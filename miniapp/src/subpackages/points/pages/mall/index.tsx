import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  beijingDate,
  formatYuan,
  giftWriteOffCode,
  newIdempotencyKey,
  yuanLabel,
  type PointsMallItemView,
  type RedemptionView,
  type WechatPayParams,
} from '@mall/shared';
import { CodeSheet } from '@/components/code-sheet';
import { LoadMoreFooter, PageFrame, PageSection } from '@/components/page-frame';
import { ProductImage } from '@/components/product-image';
import { SectionCard } from '@/components/section-card';
import { usePageData, usePagedData } from '@/hooks/use-page-data';
import { pay } from '@/services/pay';
import { cancelRedemption, fetchMall, fetchPoints, fetchRedemptions, payRedemption, redeem } from '@/services/points.api';
import './index.scss';
import { AppButton } from '@/components/app-button';

/** Redemptions shown before 全部: the latest ones, where a code to show or a payment to finish usually is. */
const RECENT_RECORDS = 3;

export default function PointsMallPage() {
  const page = usePageData(async () => {
    const [points, redemptions] = await Promise.all([fetchPoints(), fetchRedemptions()]);
    return { balance: points.balance, records: redemptions.items };
  });
  const gifts = usePagedData(fetchMall);
  const [allRecords, setAllRecords] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const keys = useRef(new Map<number, string>());
  const [shown, setShown] = useState<RedemptionView | null>(null);

  const delivered = (r: RedemptionView) =>
    void Taro.showModal({
      title: '兑换成功',
      content: r.pickupCode ? `到店出示自提码 ${giftWriteOffCode(r.pickupCode)} 领取` : '优惠券已放入“我的优惠券”',
      showCancel: false,
    });

  /** The cash part of a points + cash redemption; the server says whether it went through. */
  const payFor = async (r: RedemptionView, params: WechatPayParams) => {
    const outcome = await pay(r.outTradeNo!, params, r.cashFen);
    const fresh = (await fetchRedemptions()).items.find((x) => x.id === r.id);
    if (outcome === 'paid' && fresh && fresh.status !== 'pending_payment') delivered(fresh);
    else void Taro.showToast({ title: outcome === 'cancelled' ? '已取消支付，可在兑换记录中继续' : '支付结果确认中', icon: 'none' });
  };

  const exchange = async (item: PointsMallItemView) => {
    const price = item.cashFen > 0 ? `${item.pricePoints} 积分 + ${yuanLabel(item.cashFen)}` : `${item.pricePoints} 积分`;
    const { confirm } = await Taro.showModal({ title: '确认兑换', content: `使用 ${price} 兑换「${item.name}」？`, confirmText: '兑换' });
    if (!confirm) return;
    setBusy(item.id);
    if (!keys.current.has(item.id)) keys.current.set(item.id, newIdempotencyKey());
    try {
      const r = await redeem(item.id, keys.current.get(item.id)!);
      keys.current.delete(item.id);
      if (r.payParams) await payFor(r, r.payParams);
      else delivered(r);
      await Promise.all([page.reload(), gifts.reload()]);
    } catch {
      // the request wrapper toasted the reason; the same key is reused if the member taps again
    } finally {
      setBusy(null);
    }
  };

  const payPending = async (r: RedemptionView) => {
    try {
      await payFor(r, (await payRedemption(r.id)).payParams);
    } catch {
      // the request wrapper toasted the reason
    } finally {
      void page.reload();
    }
  };

  return (
    <PageFrame page={page} className='page points-mall' skeleton='grid'>
      {({ balance, records }) => (
        <>
          <View className='points-mall__balance'>
            <Text>我的积分</Text>
            <Text className='points-mall__balance-value'>{balance}</Text>
          </View>
          {records.length > 0 && (
            <SectionCard
              title='兑换记录'
              extra={
                records.length > RECENT_RECORDS && (
                  <Text className='points-mall__more' onClick={() => setAllRecords(!allRecords)}>
                    {allRecords ? '收起' : `全部 ${records.length} 条 ›`}
                  </Text>
                )
              }
            >
              {(allRecords ? records : records.slice(0, RECENT_RECORDS)).map((r) => (
                <View key={r.id} className='redemption'>
                  <View className='redemption__main'>
                    <Text className='redemption__name'>{r.itemName}</Text>
                    <Text className='redemption__time'>
                      {beijingDate(r.createdAt)} · -{r.points} 积分
                    </Text>
                  </View>
                  {r.status === 'pending_payment' ? (
                    <View className='redemption__actions'>
                      <AppButton size='mini' kind='ghost' onClick={() => cancelRedemption(r.id).then(page.reload, () => undefined)}>
                        取消
                      </AppButton>
                      <AppButton size='mini' onClick={() => payPending(r)}>
                        支付 ¥{formatYuan(r.cashFen)}
                      </AppButton>
                    </View>
                  ) : (
                    <View className='redemption__side'>
                      <Text className='redemption__status'>{r.statusText}</Text>
                      {r.status === 'issued' && r.pickupCode && (
                        <Text className='redemption__code' onClick={() => setShown(r)}>
                          自提码 {giftWriteOffCode(r.pickupCode)} ›
                        </Text>
                      )}
                      {r.status === 'cancelled' && <Text className='redemption__note'>积分已退回</Text>}
                      {r.status === 'written_off' && r.pickupCode === null && <Text className='redemption__note'>券已放入我的优惠券</Text>}
                    </View>
                  )}
                </View>
              ))}
            </SectionCard>
          )}
          <PageSection
            page={gifts}
            skeleton='grid'
            empty={{ when: (items) => items.length === 0, title: '积分好礼即将上架', hint: '先攒攒积分，好礼马上就到', icon: '🎁' }}
          >
            {(items) => (
              <>
                <View className='points-mall__grid'>
                  {items.map((item) => {
                    const soldOut = item.stock <= 0;
                    const short = balance < item.pricePoints;
                    return (
                      <View key={item.id} className='mall-item'>
                        <ProductImage className='mall-item__image' src={item.imageUrl} name={item.name} />
                        <Text className='mall-item__name'>{item.name}</Text>
                        <Text className='mall-item__price'>
                          {item.pricePoints} 积分{item.cashFen > 0 ? ` + ${yuanLabel(item.cashFen)}` : ''}
                        </Text>
                        <View className='mall-item__stock'>
                          <View className='mall-item__stock-bar' style={{ width: `${Math.min(100, item.stock)}%` }} />
                        </View>
                        <Text className='mall-item__left'>{soldOut ? '已兑完' : `剩余 ${item.stock} 件`}</Text>
                        <AppButton
                          className='mall-item__btn'
                          disabled={soldOut || short || busy === item.id}
                          loading={busy === item.id}
                          onClick={() => exchange(item)}
                        >
                          {soldOut ? '已兑完' : short ? '积分不足' : '立即兑换'}
                        </AppButton>
                      </View>
                    );
                  })}
                </View>
                <LoadMoreFooter page={gifts} />
              </>
            )}
          </PageSection>
          {shown?.pickupCode && (
            <CodeSheet
              title={shown.itemName}
              code={giftWriteOffCode(shown.pickupCode)}
              caption={giftWriteOffCode(shown.pickupCode)}
              hint='到店出示自提码，店员扫码后领取'
              onClose={() => {
                setShown(null);
                void page.reload();
              }}
            />
          )}
        </>
      )}
    </PageFrame>
  );
}
