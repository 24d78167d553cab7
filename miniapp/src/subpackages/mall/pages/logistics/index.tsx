import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingMinute } from '@mall/shared';
import { GoodsLine } from '@/components/goods-line';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchLogistics } from '@/services/after-sale.api';
import './index.scss';

/** Every parcel of an order with its tracking timeline, newest event first. */
export default function LogisticsPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const page = usePageData(() => fetchLogistics(id), { deps: [id] });
  return (
    <PageFrame
      page={page}
      className='page logistics-page'
      empty={{ when: (l) => l.parcels.length === 0, title: '订单还没有发货', hint: '发货后这里会显示物流信息', icon: '📦' }}
    >
      {(l) => (
        <>
          {l.address && (
            <View className='logistics-page__to'>
              <Text className='logistics-page__to-label'>送至</Text>
              <Text>
                {l.address.region} {l.address.detail}（{l.address.name}）
              </Text>
            </View>
          )}
          {l.parcels.map((p, i) => (
            <SectionCard key={p.shipmentId} title={l.parcels.length > 1 ? `包裹 ${i + 1}` : '包裹'} className='parcel'>
              <View className='parcel__head'>
                <Text className='parcel__stage'>{p.stageText}</Text>
                <Text className='parcel__no'>
                  {p.carrierName} {p.trackingNo}
                </Text>
              </View>
              {p.lines.map((line) => (
                <GoodsLine key={line.orderLineId} imageUrl={line.imageUrl} name={line.productName} sub={`${line.specs} × ${line.quantity}`} />
              ))}
              <View className='timeline'>
                {p.events.map((e, k) => (
                  <View key={e.at + k} className={`timeline__item ${k === 0 ? 'timeline__item--latest' : ''}`}>
                    <View className='timeline__dot' />
                    <Text className='timeline__desc'>{e.description}</Text>
                    <Text className='timeline__time'>{beijingMinute(e.at)}</Text>
                  </View>
                ))}
                <View className={`timeline__item ${p.events.length === 0 ? 'timeline__item--latest' : ''}`}>
                  <View className='timeline__dot' />
                  <Text className='timeline__desc'>商家已发货，等待快递揽收</Text>
                  <Text className='timeline__time'>{beijingMinute(p.shippedAt)}</Text>
                </View>
              </View>
            </SectionCard>
          ))}
        </>
      )}
    </PageFrame>
  );
}
