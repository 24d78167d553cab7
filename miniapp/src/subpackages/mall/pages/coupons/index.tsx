import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate, beijingTime, COUPON_CLAIM_LABELS, newIdempotencyKey, type CouponCentreItem } from '@mall/shared';
import { CodeSheet } from '@/components/code-sheet';
import { EmptyState, LoadMoreFooter, PageFrame, PageSection } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData, usePagedData } from '@/hooks/use-page-data';
import { claimCoupon, couponStoreCode, fetchCouponCentre, fetchMyCoupons } from '@/services/coupon.api';
import { requestConsent } from '@/services/subscribe';
import './index.scss';
import { AppButton } from '@/components/app-button';

export default function CouponsPage() {
  const page = usePageData(async () => (await fetchCouponCentre()).items);
  const mine = usePagedData(fetchMyCoupons);
  const [claiming, setClaiming] = useState<number | null>(null);
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
    setClaiming(templateId);
    try {
      await claimCoupon(templateId, keys.current.get(templateId)!);
      keys.current.delete(templateId);
      void Taro.showToast({ title: '领取成功', icon: 'success' });
    } catch {
      // the request wrapper toasted the reason (sold out, limit reached); the same key is reused if the member taps again
    } finally {
      // Either way the centre's counts and states moved: show them as the server has them now.
      await Promise.all([page.reload(), mine.reload()]);
      setClaiming(null);
    }
  };

  return (
    <PageFrame page={page} skeleton='list'>
      {(centre) => (
        <>
          <SectionCard title='领券中心'>
            {centre.length === 0 ? (
              <EmptyState title='暂无可领取的优惠券' hint='新券上架时会第一时间出现在这里' icon='🎟️' />
            ) : (
              centre.map((c) => <CentreCoupon key={c.templateId} coupon={c} claiming={claiming === c.templateId} onClaim={() => claim(c.templateId)} />)
            )}
          </SectionCard>
          <SectionCard title='我的优惠券'>
            <PageSection
              page={mine}
              skeleton='list'
              empty={{ when: (rows) => rows.length === 0, title: '还没有优惠券', hint: '在上方领券中心领取吧', icon: '🎫' }}
            >
              {(rows) => (
                <>
                  {rows.map((c) => (
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
                  ))}
                  <LoadMoreFooter page={mine} />
                </>
              )}
            </PageSection>
          </SectionCard>
          {storeCode && (
            <CodeSheet
              title={storeCode.name}
              code={storeCode.token}
              hint={`请向店员出示，${beijingTime(storeCode.expiresAt)} 前有效，核销后自动失效`}
              onRefresh={() => showStoreCode(storeCode.couponId, storeCode.name)}
              onClose={() => {
                setStoreCode(null);
                void mine.reload();
              }}
            />
          )}
        </>
      )}
    </PageFrame>
  );
}

/** A claimable template: what it takes off, how much of it is gone, and 领取 / 再领一张 / 已领取 / 已抢光. */
function CentreCoupon({ coupon: c, claiming, onClaim }: { coupon: CouponCentreItem; claiming: boolean; onClaim(): void }) {
  const label = c.claimState === 'claimable' && c.claimedByMe > 0 ? '再领一张' : COUPON_CLAIM_LABELS[c.claimState];
  return (
    <View className={`coupon-card coupon-card--${c.claimState}`}>
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
          {c.claimedByMe > 0 ? ` · 已领 ${c.claimedByMe} 张` : ''}
        </Text>
      </View>
      <AppButton className='coupon-card__btn' disabled={c.claimState !== 'claimable' || claiming} loading={claiming} onClick={onClaim}>
        {label}
      </AppButton>
    </View>
  );
}
