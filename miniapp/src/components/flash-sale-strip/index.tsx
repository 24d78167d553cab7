import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatCountdown, type FlashSaleView } from '@mall/shared';
import { PriceTag } from '@/components/price-tag';
import { ProductImage } from '@/components/product-image';
import { useNow } from './countdown';
import './index.scss';

export { useNow } from './countdown';

const FLASH_SALE_PAGE = '/subpackages/deals/pages/flash-sale/index';

/** The home page's 限时秒杀 section: the next events with a countdown each; nothing when there are none. */
export function FlashSaleStrip({ items }: { items: FlashSaleView[] }) {
  const now = useNow();
  if (items.length === 0) return null;
  return (
    <View className='flash-strip' data-testid='flash-sale-strip'>
      <View className='flash-strip__head' onClick={() => Taro.navigateTo({ url: FLASH_SALE_PAGE })}>
        <Text className='flash-strip__title'>限时秒杀</Text>
        <Text className='flash-strip__more'>全部 ›</Text>
      </View>
      <View className='flash-strip__list'>
        {items.slice(0, 3).map((e) => {
          const upcoming = e.phase === 'upcoming';
          const target = new Date(upcoming ? e.myStartAt : e.endAt).getTime();
          return (
            <View key={e.id} className='flash-strip__item' onClick={() => Taro.navigateTo({ url: `${FLASH_SALE_PAGE}?id=${e.id}` })}>
              <ProductImage className='flash-strip__image' src={e.imageUrl} name={e.productName} />
              <Text className='flash-strip__name'>{e.name}</Text>
              <PriceTag fen={e.dealPriceFen} tone='red' />
              <PriceTag fen={e.normalPriceFen} size='sm' tone='muted' strike />
              <Text className={`flash-strip__clock ${upcoming ? 'flash-strip__clock--soon' : ''}`}>
                {e.phase === 'sold_out' ? '已抢光' : `${upcoming ? '距开抢' : '距结束'} ${formatCountdown(target - now)}`}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
