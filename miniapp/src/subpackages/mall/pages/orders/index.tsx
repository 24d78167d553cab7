import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, PageLoading } from '@/components/page-state';
import { PriceTag } from '@/components/price-tag';
import { fetchOrders, type OrderView } from '@/services/mall.api';
import { useSessionStore } from '@/stores/session.store';
import '@/subpackages/mall/pages/mall.scss';

const TABS = [
  { key: '', label: '全部' },
  { key: 'pending_payment', label: '待支付' },
  { key: 'paid', label: '待发货' },
  { key: 'shipped', label: '待收货' },
  { key: 'refunded', label: '退款' },
];

export default function OrdersPage() {
  const [tab, setTab] = useState('');
  const [orders, setOrders] = useState<OrderView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (status = tab) => {
    setError(null);
    try {
      await useSessionStore.getState().ready();
      setOrders((await fetchOrders(status || undefined)).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  return (
    <View className='page orders-page'>
      <View className='segmented'>
        {TABS.map((t) => (
          <Text key={t.key} className={`segmented__item ${tab === t.key ? 'segmented__item--on' : ''}`} onClick={() => { setTab(t.key); setOrders(null); void load(t.key); }}>{t.label}</Text>
        ))}
      </View>
      {error ? <ErrorState message={error} onRetry={load} /> : orders === null ? <PageLoading rows={2} /> : orders.length === 0 ? <EmptyState title='暂无订单' icon='📦' /> : (
        orders.map((o) => (
          <View key={o.id} className='order-card' onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/order/index?id=${o.id}` })}>
            <View className='order-card__head'>
              <Text className='muted'>订单号 {o.orderNo}</Text>
              <Text className='order-card__status'>{o.statusText}</Text>
            </View>
            {o.lines.map((l) => (
              <View key={l.id} className='checkout-line'>
                <Image className='checkout-line__image' src={`${API_BASE_URL}${l.imageUrl}`} mode='aspectFill' />
                <View className='checkout-line__main'>
                  <Text className='checkout-line__name'>{l.productName}</Text>
                  <Text className='muted checkout-line__specs'>{l.specs} × {l.quantity}</Text>
                </View>
              </View>
            ))}
            <View className='order-card__foot'>
              <Text className='muted'>实付</Text>
              <PriceTag fen={o.amounts.payableFen} />
            </View>
          </View>
        ))
      )}
    </View>
  );
}
