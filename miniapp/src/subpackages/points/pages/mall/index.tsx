import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { CodeSheet } from '@/components/code-sheet';
import { EmptyState, ErrorState, PageLoading } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { cancelRedemption, fetchMall, payRedemption, fetchPoints, fetchRedemptions, redeem, type MallItem, type Redemption } from '@/services/points.api';
import { pay } from '@/services/pay';
import { newIdempotencyKey } from '@/services/request';
import { useSessionStore } from '@/stores/session.store';
import { formatYuan, giftWriteOffCode } from '@mall/shared';
import './index.scss';

export default function PointsMallPage() {
  const [items, setItems] = useState<MallItem[] | null>(null);
  const [balance, setBalance] = useState(0);
  const [records, setRecords] = useState<Redemption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const keys = useRef(new Map<number, string>());
  const [shown, setShown] = useState<Redemption | null>(null);

  const load = async () => {
    setError(null);
    try {
      await useSessionStore.getState().ready();
      const [mall, points, redemptions] = await Promise.all([fetchMall(), fetchPoints(), fetchRedemptions()]);
      setItems(mall.items);
      setBalance(points.balance);
      setRecords(redemptions.items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const delivered = (r: Redemption) =>
    void Taro.showModal({ title: '兑换成功', content: r.pickupCode ? `到店出示提货码 ${giftWriteOffCode(r.pickupCode)} 领取` : '优惠券已放入“我的优惠券”', showCancel: false });

  /** The cash part of a points + cash redemption; the server says whether it went through. */
  const payFor = async (r: Redemption, params: Parameters<typeof pay>[1]) => {
    const outcome = await pay(r.outTradeNo!, params, r.cashFen);
    const fresh = (await fetchRedemptions()).items.find((x) => x.id === r.id);
    if (outcome === 'paid' && fresh && fresh.status !== 'pending_payment') delivered(fresh);
    else void Taro.showToast({ title: outcome === 'cancelled' ? '已取消支付，可在兑换记录中继续' : '支付结果确认中', icon: 'none' });
  };

  const exchange = async (item: MallItem) => {
    const price = item.cashFen > 0 ? `${item.pricePoints} 积分 + ¥${formatYuan(item.cashFen)}` : `${item.pricePoints} 积分`;
    const { confirm } = await Taro.showModal({ title: '确认兑换', content: `使用 ${price} 兑换「${item.name}」？`, confirmText: '兑换' });
    if (!confirm) return;
    setBusy(item.id);
    if (!keys.current.has(item.id)) keys.current.set(item.id, newIdempotencyKey());
    try {
      const r = await redeem(item.id, keys.current.get(item.id)!);
      keys.current.delete(item.id);
      if (r.payParams) await payFor(r, r.payParams);
      else delivered(r);
      await load();
    } catch {
      // toast shown by the request wrapper
    } finally {
      setBusy(null);
    }
  };

  if (error && !items) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!items) return <View className='page'><PageLoading rows={2} /></View>;

  return (
    <View className='page points-mall'>
      <View className='points-mall__balance'>
        <Text>我的积分</Text>
        <Text className='points-mall__balance-value'>{balance}</Text>
      </View>
      {items.length === 0 ? (
        <EmptyState title='积分好礼即将上架' icon='🎁' />
      ) : (
        <View className='points-mall__grid'>
          {items.map((item) => {
            const soldOut = item.stock <= 0;
            const short = balance < item.pricePoints;
            return (
              <View key={item.id} className='mall-item'>
                {item.imageUrl ? <Image className='mall-item__image' src={`${API_BASE_URL}${item.imageUrl}`} mode='aspectFill' /> : <View className='mall-item__image mall-item__image--placeholder'>🎁</View>}
                <Text className='mall-item__name'>{item.name}</Text>
                <Text className='mall-item__price'>
                  {item.pricePoints} 积分{item.cashFen > 0 ? ` + ¥${formatYuan(item.cashFen, { trimZeros: true })}` : ''}
                </Text>
                <View className='mall-item__stock'>
                  <View className='mall-item__stock-bar' style={{ width: `${Math.min(100, item.stock)}%` }} />
                </View>
                <Text className='mall-item__left'>{soldOut ? '已兑完' : `剩余 ${item.stock} 件`}</Text>
                <Button className='btn-gold mall-item__btn' disabled={soldOut || short || busy === item.id} loading={busy === item.id} onClick={() => exchange(item)}>
                  {soldOut ? '已兑完' : short ? '积分不足' : '立即兑换'}
                </Button>
              </View>
            );
          })}
        </View>
      )}
      <SectionCard title='兑换记录'>
        {records.length === 0 ? (
          <Text className='muted'>暂无兑换记录</Text>
        ) : (
          records.map((r) => (
            <View key={r.id} className='redemption'>
              <View>
                <Text className='redemption__name'>{r.itemName}</Text>
                <Text className='redemption__time'>{r.createdAt.slice(0, 10)} · -{r.points} 积分</Text>
              </View>
              {r.status === 'pending_payment' ? (
                <View className='redemption__actions'>
                  <Button size='mini' className='btn-ghost' onClick={() => cancelRedemption(r.id).then(load, () => undefined)}>
                    取消
                  </Button>
                  <Button
                    size='mini'
                    className='btn-gold'
                    onClick={async () => {
                      try {
                        await payFor(r, (await payRedemption(r.id)).payParams);
                      } finally {
                        void load();
                      }
                    }}
                  >
                    支付 ¥{formatYuan(r.cashFen)}
                  </Button>
                </View>
              ) : (
                <Text className='redemption__code' onClick={() => r.pickupCode && r.status === 'issued' && setShown(r)}>
                  {r.status === 'cancelled' ? '已取消，积分已退回' : r.pickupCode === null ? '券已发放' : r.status === 'issued' ? `提货码 ${r.pickupCode} ›` : '已领取'}
                </Text>
              )}
            </View>
          ))
        )}
      </SectionCard>
      {shown?.pickupCode && <CodeSheet title={shown.itemName} code={giftWriteOffCode(shown.pickupCode)} caption={giftWriteOffCode(shown.pickupCode)} hint='到店出示给店员扫码领取' onClose={() => { setShown(null); void load(); }} />}
    </View>
  );
}
