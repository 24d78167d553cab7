import { Text, View } from '@tarojs/components';
import './index.scss';

/** A store as a member picks or sees it: name (我的门店 for their own), address, opening hours. */
export function StoreCard({
  name,
  address,
  openingHours,
  isMyStore = false,
  selected,
  onClick,
}: {
  name: string;
  address: string;
  openingHours?: string;
  isMyStore?: boolean;
  selected?: boolean;
  onClick?(): void;
}) {
  return (
    <View className={`store-card ${selected ? 'store-card--selected' : ''} ${onClick ? 'store-card--pickable' : ''}`} onClick={onClick}>
      <View className='store-card__main'>
        <View className='store-card__head'>
          <Text className='store-card__name'>{name}</Text>
          {isMyStore && <Text className='store-card__mine'>我的门店</Text>}
        </View>
        <Text className='store-card__address'>{address}</Text>
        {openingHours && <Text className='store-card__hours'>营业时间 {openingHours}</Text>}
      </View>
      {selected !== undefined && <Text className={`store-card__radio ${selected ? 'store-card__radio--on' : ''}`}>{selected ? '✓' : ''}</Text>}
    </View>
  );
}
