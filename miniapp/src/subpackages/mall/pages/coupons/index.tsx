import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { CodeSheet } from '@/components/code-sheet';
import { EmptyState, PageLoading } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { claimCoupon, couponStoreCode, fetchCouponCentre, fetchMyCoupons } from '@/services/mall.api';
import { newIdempotencyKey } from '@/services/request';
import { useSessionStore } from '@/stores/session.store';
import '@/subpackages/mall/pages/mall.scss';

type Centre = Awaited<ReturnType<typeof fetchCouponCentre>>['items'];
type Mine = Awaited<ReturnType<typeof fetchMyCoupons>>['items'];
const STATUS: Record<string, string> = { available: '可使用', locked: '使用中', used: '已使用', expired: '已过期' };

export default function CouponsPage() {
  const [centre, setCentre] = useState<Centre | null>(null);
  const [mine, setMine] = useState<Mine>([]);
  const keys = useRef(new Map<number, string>());
  const [storeCode, setStoreCode] = useState<{ couponId: number; name: string; token: string; expiresAt: string } | null>(null);
  const showStoreCode = async (couponId: number, name: string) => {
    try {
      const code = await couponStoreCode(couponId);
      setStoreCode({ couponId, name, token: code.token, expiresAt: code.expiresAt });
    } catch {
      // toast shown by the request wrapper
    }
  };
  const load = async () => {
    await useSessionStore.getState().ready();
    const [c, m] = await Promise.all([fetchCouponCentre(), fetchMyCoupons()]);
    setCentre(c.items);
    setMine(m.items);
  };
  useEffect(() => {
    void load();
  }, []);
  const claim = async (templateId: number) => {
    if (!keys.current.has(templateId)) keys.current.set(templateId, newIdempotencyKey());
    try {
      await claimCoupon(templateId, keys.current.get(templateId)!);
      keys.current.delete(templateId);
      void Taro.showToast({ title: '领取成功', icon: 'success' });
      await load();
    } catch {
      // toast shown by the request wrapper
    }
  };
  if (!centre) return <View className='page'><PageLoading rows={2} /></View>;
  return (
    <View className='page'>
      <SectionCard title='领券中心'>
        {centre.length === 0 ? <EmptyState title='暂无可领取的优惠券' icon='🎟️' /> : centre.map((c) => (
          <View key={c.templateId} className='coupon-card'>
            <View className='coupon-card__left'>
              <Text className='coupon-card__text'>{c.text}</Text>
              <Text className='coupon-card__name'>{c.name}</Text>
              {c.remaining !== null && (
                <View className='coupon-card__bar'><View className='coupon-card__bar-fill' style={{ width: `${c.claimedPercent}%` }} /></View>
              )}
              <Text className='muted coupon-card__meta'>{c.remaining !== null ? `已抢 ${c.claimedPercent}%` : '不限量'}{c.validDays ? ` · 领取后 ${c.validDays} 天有效` : ''}</Text>
            </View>
            <Button className='btn-gold coupon-card__btn' disabled={!c.canClaim} onClick={() => claim(c.templateId)}>{c.canClaim ? '领取' : '已领取'}</Button>
          </View>
        ))}
      </SectionCard>
      <SectionCard title='我的优惠券'>
        {mine.length === 0 ? <Text className='muted'>还没有优惠券</Text> : mine.map((c) => (
          <View key={c.id} className='checkout-row'>
            <View>
              <Text>{c.name}（{c.text}）</Text>
              <Text className='muted' style={{ display: 'block' }}>{STATUS[c.status]} · {c.validUntil.slice(0, 10)} 到期</Text>
            </View>
            {c.status === 'available' && <Button className='btn-ghost coupon-card__store' size='mini' onClick={() => showStoreCode(c.id, c.name)}>到店使用</Button>}
          </View>
        ))}
      </SectionCard>
      {storeCode && (
        <CodeSheet
          title={storeCode.name}
          code={storeCode.token}
          hint={`请向店员出示，${new Date(storeCode.expiresAt).toTimeString().slice(0, 5)} 前有效，核销后自动失效`}
          onRefresh={() => showStoreCode(storeCode.couponId, storeCode.name)}
          onClose={() => {
            setStoreCode(null);
            void load();
          }}
        />
      )}
    </View>
  );
}
