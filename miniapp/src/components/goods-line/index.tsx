import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { ProductImage } from '@/components/product-image';
import './index.scss';

/** A product row: picture, name, a grey line (specs × quantity), something under it (`below`) or on the right (`extra`). */
export function GoodsLine({
  imageUrl,
  name,
  sub,
  below,
  extra,
  onClick,
}: {
  imageUrl: string;
  name: string;
  sub?: string;
  below?: ReactNode;
  extra?: ReactNode;
  onClick?(): void;
}) {
  return (
    <View className='goods-line' onClick={onClick}>
      <ProductImage className='goods-line__image' src={imageUrl} name={name} />
      <View className='goods-line__main'>
        <Text className='goods-line__name'>{name}</Text>
        {sub !== undefined && <Text className='goods-line__sub'>{sub}</Text>}
        {below}
      </View>
      {extra}
    </View>
  );
}
