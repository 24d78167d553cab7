import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { beijingDate, beijingMinute, formatYuan, newIdempotencyKey, yuanLabel } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { buyMembership, fetchMembership } from '@/services/membership.api';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import './index.scss';

const PERKS = [
  { icon: '🏷️', text: '全场 88 折' },
  { icon: '🚚', text: '全场包邮' },
  { icon: '✨', text: '积分 2 倍' },
  { icon: '⏰', text: '秒杀提前 60 分钟' },
];

export default function SvipPage() {
  const page = usePageData(fetchMembership);
  const [picked, setPicked] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  // The longest plan (listed last) until the member picks one.
  const planId = picked ?? page.data?.plans[page.data.plans.length - 1]?.id ?? null;

  const buy = async (payWith: 'wechat' | 'balance') => {
    if (!planId) return;
    await requestConsent(['svip_renewed', 'svip_expiring']);
    setBusy(true);
    key.current ??= newIdempotencyKey();
    try {
      const r = await buyMembership({ planId, payWith }, key.current);
      key.current = null;
      if (r.payParams && r.outTradeNo) {
        const outcome = await pay(r.outTradeNo, r.payParams, r.priceFen);
        if (outcome !== 'paid') void Taro.showToast({ title: outcome === 'pending' ? '支付确认中' : '已取消支付', icon: 'none' });
      }
      await page.reload();
    } catch {
      // toast shown by the request wrapper
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame page={page} className='page svip-page'>
      {(data) => {
        const active = data.status === 'active';
        const chosen = data.plans.find((p) => p.id === planId);
        return (
          <>
            <View className='svip-hero'>
              <Text className='svip-hero__badge'>SVIP</Text>
              {active && data.period ? (
                <>
                  <Text className='svip-hero__title'>本期已为你省下</Text>
                  <Text className='svip-hero__saved'>{yuanLabel(data.period.savedFen)}</Text>
                  <Text className='svip-hero__cost'>
                    会员费 {yuanLabel(data.period.costFen)} ·{' '}
                    {data.period.savedFen >= data.period.costFen ? '已回本' : `再省 ${yuanLabel(data.period.costFen - data.period.savedFen)} 回本`}
                  </Text>
                  <View className='svip-hero__bar'>
                    <View
                      className='svip-hero__bar-fill'
                      style={{ width: `${Math.min(100, Math.round((data.period.savedFen * 100) / Math.max(1, data.period.costFen)))}%` }}
                    />
                  </View>
                  <Text className='svip-hero__expire'>
                    {data.currentPlan?.name} · 有效期至 {data.expiresAt ? beijingDate(data.expiresAt) : ''}，续费自动顺延
                  </Text>
                </>
              ) : (
                <>
                  <Text className='svip-hero__title'>
                    {data.status === 'grace' || data.status === 'expired' ? '会员已到期，续费恢复全部权益' : '开通 SVIP，买得越多省得越多'}
                  </Text>
                  <Text className='svip-hero__cost'>大多数会员一个月内即可回本</Text>
                </>
              )}
            </View>
            <SectionCard title='会员权益'>
              <View className='svip-perks'>
                {PERKS.map((p) => (
                  <View key={p.text} className='svip-perks__item'>
                    <Text className='svip-perks__icon'>{p.icon}</Text>
                    <Text className='svip-perks__text'>{p.text}</Text>
                  </View>
                ))}
              </View>
            </SectionCard>
            <SectionCard title={active ? '续费（叠加顺延）' : '选择方案'}>
              {data.plans.map((p) => (
                <View key={p.id} className={`svip-plan ${planId === p.id ? 'svip-plan--on' : ''}`} onClick={() => setPicked(p.id)}>
                  <View>
                    <Text className='svip-plan__name'>{p.name}</Text>
                    <Text className='svip-plan__tagline'>{p.tagline}</Text>
                  </View>
                  <View className='svip-plan__price'>
                    <PriceTag fen={p.priceFen} size='lg' tone='red' />
                    {p.strikePriceFen && <PriceTag fen={p.strikePriceFen} size='sm' tone='muted' strike />}
                    {p.firstPurchase && <Text className='svip-plan__first'>首购价</Text>}
                  </View>
                </View>
              ))}
              <Button className='btn-gold svip-page__buy' loading={busy} disabled={busy || !chosen} onClick={() => buy('wechat')}>
                {chosen ? `${active ? '续费' : '开通'} ¥${formatYuan(chosen.priceFen)}（微信支付）` : '请选择方案'}
              </Button>
              <Button className='btn-ghost svip-page__buy' disabled={busy || !chosen} onClick={() => buy('balance')}>
                用余额支付
              </Button>
              <Text className='muted svip-page__note'>开通 {chosen?.refundDays ?? 7} 天内且未使用会员权益，可全额退款。</Text>
            </SectionCard>
            {data.purchases.length > 0 && (
              <SectionCard title='购买记录'>
                {data.purchases.map((p) => (
                  <View key={p.id} className='svip-purchase'>
                    <View>
                      <Text className='svip-purchase__name'>{p.planName}</Text>
                      <Text className='svip-purchase__time'>
                        {p.paidAt ? beijingMinute(p.paidAt) : '未支付'} · {p.paidBy === 'balance' ? '余额支付' : '微信支付'}
                      </Text>
                    </View>
                    <View className='svip-purchase__side'>
                      <Text>{yuanLabel(p.priceFen)}</Text>
                      <Text className='svip-purchase__status'>{p.statusText}</Text>
                    </View>
                  </View>
                ))}
              </SectionCard>
            )}
          </>
        );
      }}
    </PageFrame>
  );
}
