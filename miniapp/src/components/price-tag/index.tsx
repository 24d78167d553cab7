import { Text, View } from '@tarojs/components';
import { formatYuan } from '@mall/shared';
import './index.scss';

/** ¥ price from fen; `strike` for the original price. */
export function PriceTag({
  fen,
  size = 'md',
  strike = false,
  tone = 'ink',
}: {
  fen: number;
  size?: 'sm' | 'md' | 'lg';
  strike?: boolean;
  tone?: 'ink' | 'gold' | 'red' | 'muted';
}) {
  const [yuan, cents] = formatYuan(fen).split('.');
  return (
    <View className={`price-tag price-tag--${size} price-tag--${tone} ${strike ? 'price-tag--strike' : ''}`}>
      <Text className='price-tag__symbol'>¥</Text>
      <Text className='price-tag__yuan'>{yuan}</Text>
      {cents !== '00' && <Text className='price-tag__cents'>.{cents}</Text>}
    </View>
  );
}
