import type { PropsWithChildren } from 'react';
import { Text, View } from '@tarojs/components';
import { PriceTag } from '@/components/price-tag';
import './index.scss';

/** The bar fixed at the bottom of product, cart and checkout; buttons in it take `buy-bar__btn`. Pages leave room for it with `above-bottom-bar`. */
export function BuyBar({ children }: PropsWithChildren) {
  return <View className='buy-bar'>{children}</View>;
}

export function BuyBarTotal({ label, fen }: { label: string; fen: number }) {
  return (
    <View className='buy-bar__total'>
      <Text className='muted'>{label}</Text>
      <PriceTag fen={fen} tone='red' />
    </View>
  );
}
