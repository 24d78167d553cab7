import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import {
  beijingDate,
  beijingMinute,
  formatYuan,
  MEMBERSHIP_PURCHASE_STATES,
  newIdempotencyKey,
  stateLabel,
  yuanLabel,
  type MembershipPlanOffer,
  type MembershipPurchaseView,
} from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { buyMembership, fetchMembership } from '@/services/membership.api';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import { RefundSheet } from './refund-sheet';
import './index.scss';

// Worded like the server's benefit texts (全场8.8折 …); marks drawn in the brand's type rather than emoji, which some phones lack.
const PERKS = [
  { mark: '8.8', text: '全场8.8折' },
  { mark: '包邮', text: '全场包邮' },
  { mark: '×2', text: '积分2倍' },
  { mark: '60′', text: '秒杀提前60分钟' },
];

export default function SvipPage() {
  const page = usePageData(fetchMembership);
  const [picked, setPicked] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [refunding, setRefunding] = useState<MembershipPurchaseView | null>(null);
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
                    {data.currentPlan?.name} · 有效期至 {data.expiresAt ? beijingDate(data.expiresAt) : ''}
                  </Text>
                  <Text className='svip-hero__expire'>到期后可续费，时长顺延</Text>
                </>
              ) : (
                <>
                  <Text className='svip-hero__title'>
                    {data.status === 'grace' || data.status === 'expired' ? '会员已到期，续费恢复全部权益' : '开通 SVIP，买得越多省得越多'}
                  </Text>
                  <Text className='svip-hero__cost'>开通后以下权益立即生效；到期后可续费，时长顺延</Text>
                </>
              )}
            </View>
            <SectionCard title='会员权益'>
              <View className='svip-perks'>
                {PERKS.map((p) => (
                  <View key={p.text} className='svip-perks__item'>
                    <Text className='svip-perks__icon'>{p.mark}</Text>
                    <Text className='svip-perks__text'>{p.text}</Text>
                  </View>
                ))}
              </View>
            </SectionCard>
            <SectionCard title={active ? '续费（时长顺延）' : '选择方案'}>
              {data.plans.map((p) => (
                <View key={p.id} className={`svip-plan ${planId === p.id ? 'svip-plan--on' : ''}`} onClick={() => setPicked(p.id)}>
                  <View>
                    <Text className='svip-plan__name'>{p.name}</Text>
                    {p.tagline && <Text className='svip-plan__tagline'>{p.tagline}</Text>}
                    {p.firstPurchase && p.listPriceFen > p.priceFen && (
                      <Text className='svip-plan__renew'>
                        首期 {yuanLabel(p.priceFen)}，续费 {yuanLabel(p.listPriceFen)}
                      </Text>
                    )}
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
              {chosen && <Text className='muted svip-page__note'>{refundRule(chosen)}</Text>}
            </SectionCard>
            {data.purchases.length > 0 && (
              <SectionCard title='购买记录'>
                {data.purchases.map((p) => (
                  <PurchaseRow key={p.id} purchase={p} onRefund={() => setRefunding(p)} />
                ))}
              </SectionCard>
            )}
            {refunding && (
              <RefundSheet
                purchase={refunding}
                policy={policyFor(data.plans, refunding)}
                onClose={() => setRefunding(null)}
                onRefunded={() => {
                  setRefunding(null);
                  void page.reload();
                }}
              />
            )}
          </>
        );
      }}
    </PageFrame>
  );
}

/** The plan's refund rule in a sentence (the policy and its window come from the server's offer). */
function refundRule(plan: MembershipPlanOffer): string {
  switch (plan.refundPolicy) {
    case 'none':
      return '该方案开通后不支持退款。';
    case 'full_if_unused':
      return `开通 ${plan.refundDays} 天内且未使用会员权益，可全额退款。`;
    default:
      return `开通 ${plan.refundDays} 天内可申请退款，已享受的会员优惠将从退款中扣除。`;
  }
}

function policyFor(plans: MembershipPlanOffer[], purchase: MembershipPurchaseView): { label: string; rule: string } | null {
  const plan = plans.find((p) => p.name === purchase.planName);
  return plan ? { label: plan.refundPolicyText, rule: refundRule(plan) } : null;
}

/** One purchase: what and when, its state, and 申请退款 while the server's quote says it can be refunded. */
function PurchaseRow({ purchase: p, onRefund }: { purchase: MembershipPurchaseView; onRefund(): void }) {
  return (
    <View className='svip-purchase'>
      <View className='svip-purchase__main'>
        <Text className='svip-purchase__name'>{p.planName}</Text>
        <Text className='svip-purchase__time'>
          {p.paidAt ? beijingMinute(p.paidAt) : '未支付'} · {p.paidBy === 'balance' ? '余额支付' : '微信支付'}
        </Text>
        {p.status === 'refunded' && (
          <Text className='svip-purchase__refund'>
            已退 {yuanLabel(p.refundedFen)}
            {p.refundedAt ? ` · ${beijingMinute(p.refundedAt)}` : ''}
            {p.refundReason ? ` · ${p.refundReason}` : ''}
          </Text>
        )}
        {p.status === 'paid' && p.refundQuote && !p.refundQuote.refundable && p.refundQuote.reason && (
          <Text className='svip-purchase__refund'>{p.refundQuote.reason}</Text>
        )}
      </View>
      <View className='svip-purchase__side'>
        <Text>{yuanLabel(p.priceFen)}</Text>
        <Text className={`svip-purchase__status svip-purchase__status--${p.status}`}>{stateLabel(MEMBERSHIP_PURCHASE_STATES, p.status)}</Text>
        {p.status === 'paid' && p.refundQuote?.refundable && (
          <Button className='btn-ghost svip-purchase__refund-btn' onClick={onRefund}>
            申请退款
          </Button>
        )}
      </View>
    </View>
  );
}
