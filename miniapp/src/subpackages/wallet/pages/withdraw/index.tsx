import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { beijingMinute, bonusForfeit, formatYuan, newIdempotencyKey, stateLabel, WITHDRAWAL_STATES, yuanLabel, type WithdrawalView } from '@mall/shared';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchWallet, fetchWithdrawals, requestWithdrawal } from '@/services/wallet.api';
import './index.scss';

const RULES = [
  '仅可提现剩余本金，按原充值的支付方式原路退回；有多笔充值时，从最早的一笔开始退。',
  '赠送金不可提现：提现多少本金，就按相同比例扣除赠送金；提现全部本金时，赠送金全部失效。',
  '提交后由运营审核，退回金额以审核时的剩余本金为准；审核前余额可照常使用。',
  '审核通过后退款原路发起，到账时间以微信支付为准；同一时间只能有一笔申请在审核中。',
];

async function loadWithdraw() {
  const [summary, withdrawals] = await Promise.all([fetchWallet(), fetchWithdrawals()]);
  return { summary, withdrawals: withdrawals.items };
}

export default function WithdrawPage() {
  const page = usePageData(loadWithdraw);
  const [agreed, setAgreed] = useState(false);
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // One key per request attempt, kept across retries of that attempt (a lost answer is not a second request).
  const attemptKey = useRef<string | null>(null);

  const submit = async (principalFen: number, forfeitFen: number) => {
    const { confirm } = await Taro.showModal({
      title: '确认申请提现',
      content: `预计原路退回本金 ${yuanLabel(principalFen)}${forfeitFen > 0 ? `，赠送金 ${yuanLabel(forfeitFen)} 将失效` : ''}。提交后等待审核。`,
      confirmText: '确认提交',
      cancelText: '再想想',
    });
    if (!confirm) return;
    setSubmitting(true);
    attemptKey.current ??= newIdempotencyKey();
    try {
      await requestWithdrawal(reason.trim(), attemptKey.current);
      attemptKey.current = null;
      setAgreed(false);
      setReason('');
      void Taro.showToast({ title: '已提交，等待审核', icon: 'success' });
      await page.reload();
    } catch {
      // the request wrapper toasted the reason
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageFrame page={page} className='page withdraw-page'>
      {({ summary, withdrawals }) => {
        const principalFen = summary.principal;
        const forfeitFen = bonusForfeit({ principalFen: summary.principal, bonusFen: summary.bonus }, principalFen);
        const pending = withdrawals.find((w) => w.status === 'pending');
        const blocked = pending ? '已有提现申请审核中' : principalFen <= 0 ? '暂无可提现本金' : null;
        return (
          <>
            <View className='withdraw-hero'>
              <Text className='withdraw-hero__label'>可提现本金（元）</Text>
              <Text className='withdraw-hero__amount'>{formatYuan(principalFen)}</Text>
              <Text className='withdraw-hero__sub'>
                账户余额 ¥{formatYuan(summary.total)}，其中赠送金 ¥{formatYuan(summary.bonus)} 不可提现
              </Text>
            </View>

            <SectionCard title='提现规则'>
              <View className='withdraw-rules'>
                {RULES.map((rule, i) => (
                  <View key={i} className='withdraw-rules__item'>
                    <Text className='withdraw-rules__no'>{i + 1}</Text>
                    <Text className='withdraw-rules__text'>{rule}</Text>
                  </View>
                ))}
              </View>
            </SectionCard>

            <SectionCard title='本次提现预览'>
              <View className='withdraw-preview'>
                <View className='withdraw-preview__row'>
                  <Text>原路退回本金</Text>
                  <Text className='withdraw-preview__strong'>{yuanLabel(principalFen)}</Text>
                </View>
                <View className='withdraw-preview__row'>
                  <Text>赠送金失效</Text>
                  <Text className='withdraw-preview__minus'>{forfeitFen > 0 ? `-${yuanLabel(forfeitFen)}` : yuanLabel(0)}</Text>
                </View>
                <View className='withdraw-preview__row'>
                  <Text>提现后余额</Text>
                  <Text>{yuanLabel(summary.total - principalFen - forfeitFen)}</Text>
                </View>
              </View>
              <View className='withdraw-page__reason'>
                <Input
                  className='withdraw-page__reason-input'
                  maxlength={60}
                  placeholder='提现原因（选填）'
                  value={reason}
                  onInput={(e) => setReason(e.detail.value)}
                  disabled={Boolean(blocked)}
                />
              </View>
              <View className={`withdraw-agree ${agreed ? 'withdraw-agree--on' : ''}`} onClick={() => !blocked && setAgreed(!agreed)}>
                <Text className='withdraw-agree__box'>{agreed ? '✓' : ''}</Text>
                <Text className='withdraw-agree__text'>我已阅读并同意以上提现规则</Text>
              </View>
              <Button
                className='btn-gold withdraw-page__submit'
                disabled={Boolean(blocked) || !agreed || submitting}
                loading={submitting}
                onClick={() => void submit(principalFen, forfeitFen)}
              >
                {blocked ?? (agreed ? `申请提现 ¥${formatYuan(principalFen)}` : '请先阅读并同意提现规则')}
              </Button>
            </SectionCard>

            <SectionCard title='提现记录'>
              {withdrawals.length === 0 ? (
                <EmptyState title='暂无提现记录' hint='提交申请后可在这里查看审核进度' icon='🧾' />
              ) : (
                withdrawals.map((w) => <WithdrawalRow key={w.id} withdrawal={w} />)
              )}
            </SectionCard>
          </>
        );
      }}
    </PageFrame>
  );
}

function WithdrawalRow({ withdrawal: w }: { withdrawal: WithdrawalView }) {
  return (
    <View className='withdrawal-row'>
      <View className='withdrawal-row__head'>
        <Text className='withdrawal-row__title'>余额提现申请</Text>
        <Text className={`withdrawal-row__status withdrawal-row__status--${w.status}`}>{stateLabel(WITHDRAWAL_STATES, w.status)}</Text>
      </View>
      <Text className='withdrawal-row__meta'>申请时间 {beijingMinute(w.createdAt)}</Text>
      {w.status === 'approved' && (
        <Text className='withdrawal-row__meta'>
          已原路退回本金 {yuanLabel(w.principalFen)}
          {w.bonusForfeitFen > 0 ? `，赠送金失效 ${yuanLabel(w.bonusForfeitFen)}` : ''}
        </Text>
      )}
      {w.status === 'rejected' && <Text className='withdrawal-row__meta'>驳回原因：{w.reviewNote || '—'}</Text>}
      {w.status === 'pending' && <Text className='withdrawal-row__meta'>审核通过后按审核时的剩余本金原路退回</Text>}
      {w.reviewedAt && <Text className='withdrawal-row__meta'>审核时间 {beijingMinute(w.reviewedAt)}</Text>}
    </View>
  );
}
