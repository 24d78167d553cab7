import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { beijingMinute, formatYuan, newIdempotencyKey, parseYuan, RECHARGE_STATES, stateLabel, yuanLabel, type WechatPayParams } from '@mall/shared';
import { EmptyState, LoadMoreFooter, PageFrame, PageSection } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { SectionCard } from '@/components/section-card';
import { usePageData, usePagedData } from '@/hooks/use-page-data';
import { pay } from '@/services/pay';
import { requestConsent } from '@/services/subscribe';
import { createRecharge, fetchEntries, setPin, type RechargeRequest } from '@/services/wallet.api';
import { useWalletStore, type PendingRecharge } from '@/stores/wallet.store';
import './index.scss';

type Activity = 'paying' | 'cancelling' | 'checking' | null;

export default function WalletPage() {
  const { pending, load } = useWalletStore();
  const page = usePageData(load);
  const entries = usePagedData(fetchEntries);
  /** After money moved: the balance and the entries both changed. */
  const reloadAll = async () => {
    await Promise.all([page.reload(), entries.reload()]);
  };
  const [selected, setSelected] = useState<number | 'custom' | null>(null);
  const [customYuan, setCustomYuan] = useState('');
  // What the page is doing about a recharge, so each button shows its own progress and none stays spinning after.
  const [activity, setActivity] = useState<Activity>(null);
  const [pinInput, setPinInput] = useState('');
  // One key per recharge attempt, kept across retries of that attempt.
  const attemptKey = useRef<string | null>(null);

  const options = page.data?.options;
  const plans = options?.plans ?? [];
  const customFen = parseYuan(customYuan);
  const customInRange = customFen !== null && !!options && customFen >= options.custom.minFen && customFen <= options.custom.maxFen;
  const chosenPlan = typeof selected === 'number' ? plans.find((p) => p.id === selected) : undefined;
  const payFen = chosenPlan ? chosenPlan.payFen : selected === 'custom' && customInRange ? customFen : null;

  /** Opens WeChat Pay for the remembered recharge and shows how it ended; the server's word decides, never the client's. */
  const payPending = async (outTradeNo: string, payParams: WechatPayParams, amountFen: number) => {
    const outcome = await pay(outTradeNo, payParams, amountFen);
    if (outcome !== 'cancelled') {
      // Paid or being confirmed: nothing stays chosen, so another charge takes a new, deliberate choice.
      setSelected(null);
      setCustomYuan('');
    }
    if (outcome === 'paid') {
      useWalletStore.getState().dismissPending();
      void Taro.showToast({ title: '充值成功', icon: 'success' });
    } else if (outcome === 'pending') {
      useWalletStore.getState().markConfirming();
      void Taro.showToast({ title: '支付结果确认中', icon: 'none' });
    } else {
      void Taro.showToast({ title: '支付未完成', icon: 'none' });
    }
    await reloadAll();
  };

  /** Busy while one action on the wallet runs, and free again whatever happened (never a stuck 支付中). */
  const busyWith = async (kind: NonNullable<Activity>, action: () => Promise<void>) => {
    setActivity(kind);
    try {
      await action();
    } catch {
      // The request wrapper already showed the reason.
    } finally {
      setActivity(null);
    }
  };

  /** A recharge left unpaid is settled first: the member keeps it (继续支付 on its card) or lets it go for the new one. */
  const letGoOfPending = async (current: PendingRecharge): Promise<boolean> => {
    const status = await useWalletStore.getState().cancelPending();
    useWalletStore.getState().dismissPending();
    if (status !== 'paid') return true;
    // WeChat had taken the money for it after all: it was credited, and the member decides again.
    void Taro.showToast({ title: `${yuanLabel(current.payFen)} 充值已到账`, icon: 'none' });
    await reloadAll();
    return false;
  };

  const recharge = async () => {
    if (!payFen) return;
    await requestConsent(['recharge_credited']);
    const current = useWalletStore.getState().pending;
    const replacing = current?.status === 'pending' ? current : null;
    if (replacing) {
      const { confirm } = await Taro.showModal({
        title: '有一笔充值待支付',
        content: `放弃待支付的 ${yuanLabel(replacing.payFen)} 充值，改为充值 ${yuanLabel(payFen)}？`,
        confirmText: '改充新的',
        cancelText: '再想想',
      });
      if (!confirm) return;
    }
    await busyWith('paying', async () => {
      if (replacing && !(await letGoOfPending(replacing))) return;
      attemptKey.current ??= newIdempotencyKey();
      const body: RechargeRequest = chosenPlan ? { planId: chosenPlan.id } : { amount: payFen };
      const created = await createRecharge(body, attemptKey.current);
      useWalletStore.getState().remember(created, body, attemptKey.current);
      attemptKey.current = null;
      await payPending(created.outTradeNo, created.payParams, created.payFen);
    });
  };

  const resume = () =>
    busyWith('paying', async () => {
      const store = useWalletStore.getState();
      if ((await store.refreshPending()) !== 'pending') {
        await reloadAll();
        return;
      }
      const again = await store.resume();
      await payPending(again.outTradeNo, again.payParams, again.payFen);
    });

  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消充值', content: '取消后这笔充值关闭，不会扣款。', confirmText: '取消充值', cancelText: '不取消' });
    if (!confirm) return;
    await busyWith('cancelling', async () => {
      try {
        const status = await useWalletStore.getState().cancelPending();
        void Taro.showToast({ title: status === 'paid' ? '这笔充值已支付并到账' : '充值已取消', icon: 'none' });
      } finally {
        await reloadAll();
      }
    });
  };

  const checkAgain = () =>
    busyWith('checking', async () => {
      const status = await useWalletStore.getState().refreshPending();
      if (status === 'pending') void Taro.showToast({ title: '暂未收到支付结果，请稍后再查', icon: 'none' });
      else if (status === null) void Taro.showToast({ title: '充值成功', icon: 'success' });
      await reloadAll();
    });

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
            <View className='wallet-balance__withdraw' onClick={() => Taro.navigateTo({ url: '/subpackages/wallet/pages/withdraw/index' })}>
              <Text>申请提现 · 提现记录</Text>
              <Text className='wallet-balance__withdraw-arrow'>›</Text>
            </View>
          </View>

          {pending && (
            <PendingRechargeCard
              pending={pending}
              activity={activity}
              onResume={resume}
              onCancel={cancel}
              onCheck={checkAgain}
              onDismiss={() => useWalletStore.getState().dismissPending()}
            />
          )}

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
                    {p.membershipDays > 0 && <Text className='plan-card__svip'>送 {p.membershipDays} 天 SVIP</Text>}
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
            <Button className='btn-gold wallet-page__pay' disabled={!payFen || activity !== null} loading={activity === 'paying'} onClick={recharge}>
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
            <PageSection
              page={entries}
              skeleton='list'
              empty={{ when: (rows) => rows.length === 0, title: '暂无明细', hint: '充值或使用余额后会显示在这里', icon: '🧾' }}
            >
              {(rows) => (
                <View className='wallet-entries'>
                  {rows.map((e) => {
                    const delta = e.deltaPrincipal + e.deltaBonus;
                    return (
                      <View key={e.id} className='wallet-entry'>
                        <View className='wallet-entry__main'>
                          <Text className='wallet-entry__title'>{e.title}</Text>
                          <Text className='wallet-entry__note'>{e.note ? `${e.note} · ${beijingMinute(e.createdAt)}` : beijingMinute(e.createdAt)}</Text>
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
                  <LoadMoreFooter page={entries} />
                </View>
              )}
            </PageSection>
          </SectionCard>
        </>
      )}
    </PageFrame>
  );
}

interface PendingCardProps {
  pending: PendingRecharge;
  activity: Activity;
  onResume(): void;
  onCancel(): void;
  onCheck(): void;
  onDismiss(): void;
}

/**
 * The recharge the member did not finish paying: 继续支付 or 取消; while its result is confirmed, 刷新结果; once closed,
 * 已关闭. While an action runs only that action's button shows, spinning; while WeChat Pay is open, none.
 */
function PendingRechargeCard({ pending, activity, onResume, onCancel, onCheck, onDismiss }: PendingCardProps) {
  const closed = pending.status === 'closed';
  const paying = activity === 'paying' && !closed;
  const tag = paying ? '支付中' : pending.confirming && !closed ? '确认中' : stateLabel(RECHARGE_STATES, pending.status);
  const hint = closed
    ? '这笔充值已关闭，未扣款。可重新选择金额充值。'
    : paying
      ? '正在等待支付结果，请稍候…'
      : pending.confirming
        ? '如已付款，到账可能稍有延迟，请稍后刷新。'
        : '支付未完成。继续支付，或取消后重新充值；长时间未支付会自动关闭。';
  const show = (kind: NonNullable<Activity>) => activity === null || activity === kind;
  return (
    <View className={`pending-recharge ${closed ? 'pending-recharge--closed' : ''}`}>
      <View className='pending-recharge__head'>
        <Text className='pending-recharge__title'>
          充值 {yuanLabel(pending.payFen)}
          {pending.bonusFen > 0 ? `（送 ${yuanLabel(pending.bonusFen)}）` : ''}
        </Text>
        <Text className={`pending-recharge__status pending-recharge__status--${closed ? 'closed' : 'pending'}`}>{tag}</Text>
      </View>
      <Text className='pending-recharge__hint'>{hint}</Text>
      {closed ? (
        <View className='pending-recharge__actions'>
          <Button className='btn-ghost pending-recharge__btn' onClick={onDismiss}>
            知道了
          </Button>
        </View>
      ) : (
        !paying && (
          <View className='pending-recharge__actions'>
            {show('cancelling') && (
              <Button
                className='btn-ghost pending-recharge__btn pending-recharge__cancel'
                loading={activity === 'cancelling'}
                onClick={() => activity === null && onCancel()}
              >
                取消充值
              </Button>
            )}
            {pending.confirming
              ? show('checking') && (
                  <Button
                    className='btn-gold pending-recharge__btn pending-recharge__check'
                    loading={activity === 'checking'}
                    onClick={() => activity === null && onCheck()}
                  >
                    刷新结果
                  </Button>
                )
              : activity === null && (
                  <Button className='btn-gold pending-recharge__btn pending-recharge__resume' onClick={onResume}>
                    继续支付
                  </Button>
                )}
          </View>
        )
      )}
    </View>
  );
}
