import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate, beijingMinute, newIdempotencyKey } from '@mall/shared';
import { CodeSheet } from '@/components/code-sheet';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { claimCoupon, couponStoreCode, fetchCouponCentre, fetchMyCoupons } from '@/services/coupon.api';
import { requestConsent } from '@/services/subscribe';
import './index.scss';
import { AppButton } from '@/components/app-button';

export default function CouponsPage() {
  const page = usePageData(async () => {
    const [centre, mine] = await Promise.all([fetchCouponCentre(), fetchMyCoupons()]);
    return { centre: centre.items, mine: mine.items };
  });
  const keys = useRef(new Map<number, string>());
  const [storeCode, setStoreCode] = useState<{ couponId: number; name: string; token: string; expiresAt: string } | null>(null);

  const showStoreCode = async (couponId: number, name: string) => {
    try {
      const code = await couponStoreCode(couponId);
      setStoreCode({ couponId, name, token: code.token, expiresAt: code.expiresAt });
    } catch {
      // the request wrapper toasted the reason
    }
  };

  const claim = async (templateId: number) => {
    await requestConsent(['coupon_expiring']);
    if (!keys.current.has(templateId)) keys.current.set(templateId, newIdempotencyKey());
    try {
      await claimCoupon(templateId, keys.current.get(templateId)!);
      keys.current.delete(templateId);
      void Taro.showToast({ title: '领取成功', icon: 'success' });
      await page.reload();
    } catch {
      // the request wrapper toasted the reason; the same key is reused if the member taps again
    }
  };

  return (
    <PageFrame page={page} skeleton='list'>
      {({ centre, mine }) => (
        <>
          <SectionCard title='领券中心'>
            {centre.length === 0 ? (
              <EmptyState title='暂无可领取的优惠券' hint='新券上架时会第一时间出现在这里' icon='🎟️' />
            ) : (
              centre.map((c) => (
                <View key={c.templateId} className='coupon-card'>
                  <View className='coupon-card__left'>
                    <Text className='coupon-card__text'>{c.text}</Text>
                    <Text className='coupon-card__name'>{c.name}</Text>
                    {c.remaining !== null && (
                      <View className='coupon-card__bar'>
                        <View className='coupon-card__bar-fill' style={{ width: `${c.claimedPercent}%` }} />
                      </View>
                    )}
                    <Text className='muted coupon-card__meta'>
                      {c.remaining !== null ? `已抢 ${c.claimedPercent}%` : '不限量'}
                      {c.validDays ? ` · 领取后 ${c.validDays} 天有效` : c.validUntil ? ` · ${beijingDate(c.validUntil)} 前有效` : ''}
                    </Text>
                  </View>
                  <AppButton className='coupon-card__btn' disabled={!c.canClaim} onClick={() => claim(c.templateId)}>
                    {c.canClaim ? '领取' : '已领取'}
                  </AppButton>
                </View>
              ))
            )}
          </SectionCard>
          <SectionCard title='我的优惠券'>
            {mine.length === 0 ? (
              <Text className='muted'>还没有优惠券</Text>
            ) : (
              mine.map((c) => (
                <View key={c.id} className='my-coupon'>
                  <View>
                    <Text className='my-coupon__name'>
                      {c.name}（{c.text}）
                    </Text>
                    <Text className='my-coupon__meta'>
                      {c.statusText} · {beijingDate(c.validUntil)} 到期
                    </Text>
                  </View>
                  {c.status === 'available' && (
                    <AppButton kind='ghost' className='my-coupon__store' size='mini' onClick={() => showStoreCode(c.id, c.name)}>
                      到店使用
                    </AppButton>
                  )}
                </View>
              ))
            )}
          </SectionCard>
          {storeCode && (
            <CodeSheet
              title={storeCode.name}
              code={storeCode.token}
              hint={`请向店员出示，${beijingMinute(storeCode.expiresAt).slice(11)} 前有效，核销后自动失效`}
              onRefresh={() => showStoreCode(storeCode.couponId, storeCode.name)}
              onClose={() => {
                setStoreCode(null);
                void page.reload();
              }}
            />
          )}
        </>
      )}
    </PageFrame>
  );
}
