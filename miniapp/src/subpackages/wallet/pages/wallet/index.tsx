import { useRef, useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { beijingMinute, formatYuan, newIdempotencyKey, parseYuan, yuanLabel } from '@mall/shared';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { pay } from '@/services/pay';
import { createRecharge, setPin } from '@/services/wallet.api';
import { useWalletStore } from '@/stores/wallet.store';
import './index.scss';

export default function WalletPage() {
  const { entries, cursor, loadingMore, load, loadMore } = useWalletStore();
  const page = usePageData(load);
  const [selected, setSelected] = useState<number | 'custom' | null>(null);
  const [customYuan, setCustomYuan] = useState('');
  const [paying, setPaying] = useState(false);
  const [pinInput, setPinInput] = useState('');
  // One key per recharge attempt, kept across retries of that attempt.
  const attemptKey = useRef<string | null>(null);

  useReachBottom(() => void loadMore());

  const options = page.data?.options;
  const plans = options?.plans ?? [];
  const customFen = parseYuan(customYuan);
  const customInRange = customFen !== null && !!options && customFen >= options.custom.minFen && customFen <= options.custom.maxFen;
  const chosenPlan = typeof selected === 'number' ? plans.find((p) => p.id === selected) : undefined;
  const payFen = chosenPlan ? chosenPlan.payFen : selected === 'custom' && customInRange ? customFen : null;

  const recharge = async () => {
    if (!payFen) return;
    setPaying(true);
    attemptKey.current ??= newIdempotencyKey();
    try {
      const body = chosenPlan ? { planId: chosenPlan.id } : { amount: payFen };
      const created = await createRecharge(body, attemptKey.current);
      attemptKey.current = null;
      const outcome = await pay(created.outTradeNo, created.payParams, created.payFen);
      if (outcome === 'paid') void Taro.showToast({ title: '充值成功', icon: 'success' });
      else if (outcome === 'pending') void Taro.showToast({ title: '支付结果确认中，请稍后查看', icon: 'none' });
      else void Taro.showToast({ title: '已取消支付', icon: 'none' });
      await page.reload();
    } catch {
      // The request wrapper already showed the reason; the same key is reused if the member retries.
    } finally {
      setPaying(false);
    }
  };

  const savePin = async () => {
    if (!/^\d{6}$/.test(pinInput)) {
      void Taro.showToast({ title: '请输入 6 位数字密码', icon: 'none' });
      return;
    }
    try {
      await setPin(pinInput);
      setPinInput('');
      void Taro.showToast({ title: '支付密码已设置', icon: 'success' });
      await page.reload();
    } catch {
      // the request wrapper toasted the reason
    }
  };

  const customRange = options ? `${formatYuan(options.custom.minFen, { trimZeros: true })}-${formatYuan(options.custom.maxFen, { trimZeros: true })}` : '';

  return (
    <PageFrame page={page} className='page wallet-page'>
      {({ summary, options }) => (
        <>
          <View className='wallet-balance'>
            <Text className='wallet-balance__label'>账户余额（元）</Text>
            <Text className='wallet-balance__total'>{formatYuan(summary.total)}</Text>
            <View className='wallet-balance__split'>
              <Text>本金 ¥{formatYuan(summary.principal)}</Text>
              <Text className='wallet-balance__dot'>·</Text>
              <Text>赠送金 ¥{formatYuan(summary.bonus)}</Text>
            </View>
          </View>

          <SectionCard title='充值'>
            {plans.length === 0 && !options.custom.enabled ? (
              <EmptyState title='暂无充值方案' icon='💳' />
            ) : (
              <View className='plan-grid'>
                {plans.map((p) => (
                  <View
                    key={p.id}
                    className={`plan-card ${selected === p.id ? 'plan-card--selected' : ''} ${p.remainingForMe === 0 ? 'plan-card--disabled' : ''}`}
                    onClick={() => p.remainingForMe !== 0 && setSelected(p.id)}
                  >
                    {p.badge && <Text className='plan-card__badge'>{p.badge}</Text>}
                    <PriceTag fen={p.payFen} size='lg' />
                    <Text className='plan-card__bonus'>{p.bonusFen > 0 ? `送 ${yuanLabel(p.bonusFen)}` : '无赠送'}</Text>
                    {p.bonusPoints > 0 && <Text className='plan-card__extra'>+{p.bonusPoints} 积分</Text>}
                    {p.remainingForMe !== null && (
                      <Text className='plan-card__limit'>{p.remainingForMe === 0 ? '已达上限' : `限购剩 ${p.remainingForMe} 次`}</Text>
                    )}
                  </View>
                ))}
                {options.custom.enabled && (
                  <View className={`plan-card plan-card--custom ${selected === 'custom' ? 'plan-card--selected' : ''}`} onClick={() => setSelected('custom')}>
                    <Text className='plan-card__custom-title'>自定义金额</Text>
                    <Input
                      className='plan-card__input'
                      type='digit'
                      placeholder={customRange}
                      value={customYuan}
                      onInput={(e) => setCustomYuan(e.detail.value)}
                      onFocus={() => setSelected('custom')}
                    />
                  </View>
                )}
              </View>
            )}
            <Button className='btn-gold wallet-page__pay' disabled={!payFen || paying} loading={paying} onClick={recharge}>
              {payFen ? `立即充值 ¥${formatYuan(payFen)}` : selected === 'custom' && customYuan ? `请输入 ${customRange} 元` : '请选择充值金额'}
            </Button>
            <Text className='wallet-page__note muted'>赠送金不可提现；本金可申请原路退回。</Text>
          </SectionCard>

          <SectionCard title='支付密码'>
            {summary.hasPin ? (
              <Text className='muted'>
                已设置。单笔余额支付 ≥ {yuanLabel(summary.pinRequiredFromFen)} 时需验证{summary.pinLocked ? '（已锁定，请稍后再试）' : ''}
              </Text>
            ) : (
              <View className='pin-row'>
                <Input
                  className='pin-row__input'
                  type='number'
                  password
                  maxlength={6}
                  placeholder='设置 6 位数字支付密码'
                  value={pinInput}
                  onInput={(e) => setPinInput(e.detail.value)}
                />
                <Button className='btn-ghost pin-row__btn' onClick={savePin}>
                  设置
                </Button>
              </View>
            )}
          </SectionCard>

          <SectionCard title='余额明细'>
            {entries.length === 0 ? (
              <EmptyState title='暂无明细' hint='充值或使用余额后会显示在这里' icon='🧾' />
            ) : (
              <View className='wallet-entries'>
                {entries.map((e) => {
                  const delta = e.deltaPrincipal + e.deltaBonus;
                  return (
                    <View key={e.id} className='wallet-entry'>
                      <View className='wallet-entry__main'>
                        <Text className='wallet-entry__title'>{e.title}</Text>
                        <Text className='wallet-entry__note'>{e.note || beijingMinute(e.createdAt)}</Text>
                      </View>
                      <View className='wallet-entry__amount'>
                        <Text className={delta >= 0 ? 'wallet-entry__plus' : 'wallet-entry__minus'}>
                          {delta >= 0 ? '+' : '-'}
                          {formatYuan(Math.abs(delta))}
                        </Text>
                        <Text className='wallet-entry__after'>余额 {formatYuan(e.principalAfter + e.bonusAfter)}</Text>
                      </View>
                    </View>
                  );
                })}
                <Text className='wallet-entries__more muted'>{loadingMore ? '加载中…' : cursor ? '上拉加载更多' : '没有更多了'}</Text>
              </View>
            )}
          </SectionCard>
        </>
      )}
    </PageFrame>
  );
}
