import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingMinute, ORDER_STATES, type OrderStatus } from '@mall/shared';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { Segmented } from '@/components/segmented';
import { usePagedData } from '@/hooks/use-page-data';
import { fetchOrders } from '@/services/order.api';
import './index.scss';

type Tab = OrderStatus | 'all';
const TAB_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'shipped', 'refunded'];
const TABS: { key: Tab; label: string }[] = [{ key: 'all', label: '全部' }, ...TAB_STATUSES.map((key) => ({ key, label: ORDER_STATES.labels[key] }))];

export default function OrdersPage() {
  const { params } = useRouter();
  // 我的 opens a tab directly (?status=paid); anything unknown falls back to 全部.
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => t.key === params.status)?.key ?? 'all');
  const page = usePagedData((cursor) => fetchOrders(tab === 'all' ? undefined : tab, cursor), { deps: [tab], resetOnChange: true });

  return (
    <PageFrame
      page={page}
      className='page orders-page'
      header={<Segmented items={TABS} value={tab} onChange={setTab} />}
      skeleton='list'
      empty={{
        when: (orders) => orders.length === 0,
        title: tab === 'all' ? '还没有订单' : `暂无${TABS.find((t) => t.key === tab)?.label}的订单`,
        hint: '会员价好物正在等你',
        icon: '📦',
        action: { text: '去逛逛', onClick: () => void Taro.switchTab({ url: '/pages/index/index' }) },
      }}
    >
      {(orders) =>
        orders.map((o) => (
          <View key={o.id} className='order-card' onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/order/index?id=${o.id}` })}>
            <View className='order-card__head'>
              <Text className='muted'>订单号 {o.orderNo}</Text>
              <Text className='order-card__status'>{o.statusText}</Text>
            </View>
            {o.lines.map((l) => (
              <GoodsLine key={l.id} imageUrl={l.imageUrl} name={l.productName} sub={`${l.specs} × ${l.quantity}`} />
            ))}
            <View className='order-card__foot'>
              <Text className='muted order-card__time'>{beijingMinute(o.createdAt)}</Text>
              <Text className='muted'>实付</Text>
              <PriceTag fen={o.amounts.payableFen} />
            </View>
          </View>
        ))
      }
    </PageFrame>
  );
}
