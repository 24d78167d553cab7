import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { ApiError, ErrorCode, yuanLabel, type MembershipPurchaseView, type RefundQuote } from '@mall/shared';
import { fetchRefundQuote, refundPurchase } from '@/services/membership.api';

const REASONS = ['不想要了', '权益不符合预期', '误购或重复购买', '其他原因'];

export interface RefundSheetProps {
  purchase: MembershipPurchaseView;
  /** The plan's refund policy (its label and the rule in a sentence), when the plan is still on offer. */
  policy: { label: string; rule: string } | null;
  onClose(): void;
  onRefunded(): void;
}

/**
 * 申请退款 for one SVIP purchase: the server's quote (amount, savings kept back), the plan's rule, a
 * reason, then the refund with the amount shown. When the quote moved meanwhile (an order used an SVIP
 * price) the server answers 409 PRICE_CHANGED and the sheet shows the new quote to confirm again.
 */
export function RefundSheet({ purchase, policy, onClose, onRefunded }: RefundSheetProps) {
  const [quote, setQuote] = useState<RefundQuote | null>(purchase.refundQuote);
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState(REASONS[0]);
  const [busy, setBusy] = useState<'quote' | 'refund' | null>('quote');

  const requote = async () => {
    setBusy('quote');
    try {
      setQuote(await fetchRefundQuote(purchase.id));
    } catch {
      // toasted by the request wrapper; the last quote stays on screen
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    void requote();
  }, [purchase.id]);

  const confirm = async () => {
    if (!quote?.refundable) return;
    setBusy('refund');
    try {
      await refundPurchase(purchase.id, { expectedAmountFen: quote.amountFen, reason });
      void Taro.showToast({ title: '退款已提交', icon: 'success' });
      onRefunded();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : null;
      if (code === ErrorCode.PRICE_CHANGED || code === ErrorCode.MEMBERSHIP_REFUND_NOT_ALLOWED) {
        await requote();
        setNotice(code === ErrorCode.PRICE_CHANGED ? '可退金额已更新，请确认后再提交' : (error as ApiError).message);
        return;
      }
      void Taro.showToast({ title: error instanceof ApiError ? error.message : '退款失败，请稍后重试', icon: 'none' });
    } finally {
      setBusy((b) => (b === 'refund' ? null : b));
    }
  };

  const refundTo = purchase.paidBy === 'balance' ? '账户余额' : '微信支付（原路退回）';
  return (
    <View className='refund-sheet' catchMove>
      <View className='refund-sheet__mask' onClick={() => busy !== 'refund' && onClose()} />
      <View className='refund-sheet__panel'>
        <Text className='refund-sheet__title'>申请退款 · {purchase.planName}</Text>
        {notice && <Text className='refund-sheet__notice'>{notice}</Text>}
        <View className='refund-sheet__amount'>
          <Text className='refund-sheet__amount-label'>可退金额</Text>
          <Text className='refund-sheet__amount-value'>{quote ? yuanLabel(quote.amountFen) : '—'}</Text>
        </View>
        <View className='refund-sheet__rows'>
          <View className='refund-sheet__row'>
            <Text>实付会员费</Text>
            <Text>{yuanLabel(purchase.priceFen)}</Text>
          </View>
          <View className='refund-sheet__row'>
            <Text>已享会员优惠扣除</Text>
            <Text className='refund-sheet__deducted'>{quote && quote.deductedFen > 0 ? `-${yuanLabel(quote.deductedFen)}` : yuanLabel(0)}</Text>
          </View>
          <View className='refund-sheet__row'>
            <Text>退回至</Text>
            <Text>{refundTo}</Text>
          </View>
        </View>
        {policy && (
          <View className='refund-sheet__rule'>
            <Text className='refund-sheet__rule-tag'>{policy.label}</Text>
            <Text className='refund-sheet__rule-text'>{policy.rule}</Text>
          </View>
        )}
        <Text className='refund-sheet__policy'>退款成功后，本期会员权益立即停止。</Text>
        {quote && !quote.refundable && <Text className='refund-sheet__refused'>{quote.reason ?? '该会员订单暂不符合退款条件'}</Text>}
        {quote?.refundable && (
          <View className='refund-sheet__reasons'>
            {REASONS.map((r) => (
              <Text key={r} className={`refund-sheet__reason ${reason === r ? 'refund-sheet__reason--on' : ''}`} onClick={() => setReason(r)}>
                {r}
              </Text>
            ))}
          </View>
        )}
        <View className='refund-sheet__buttons'>
          <Button className='btn-ghost' disabled={busy === 'refund'} onClick={onClose}>
            暂不退款
          </Button>
          <Button
            className='btn-gold refund-sheet__confirm'
            disabled={!quote?.refundable || busy !== null}
            loading={busy === 'refund'}
            onClick={() => void confirm()}
          >
            {quote?.refundable ? `确认退款 ${yuanLabel(quote.amountFen)}` : '不可退款'}
          </Button>
        </View>
      </View>
    </View>
  );
}
