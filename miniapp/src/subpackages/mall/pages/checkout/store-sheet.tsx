import { ScrollView, Text, View } from '@tarojs/components';
import type { PickupStoreOption } from '@mall/shared';
import { StoreCard } from '@/components/store-card';

/** A bottom sheet listing the open stores to pick up from; the current choice is ticked. */
export function StoreSheet({ stores, value, onPick, onClose }: { stores: PickupStoreOption[]; value: number; onPick(id: number): void; onClose(): void }) {
  return (
    <View className='store-sheet' onClick={onClose}>
      <View className='store-sheet__panel' onClick={(e) => e.stopPropagation()}>
        <View className='store-sheet__head'>
          <Text className='store-sheet__title'>选择自提门店</Text>
          <Text className='store-sheet__close' onClick={onClose}>
            ×
          </Text>
        </View>
        <ScrollView scrollY className='store-sheet__list'>
          {stores.map((s) => (
            <StoreCard
              key={s.id}
              name={s.name}
              address={s.address}
              openingHours={s.openingHours}
              isMyStore={s.isMyStore}
              selected={s.id === value}
              onClick={() => onPick(s.id)}
            />
          ))}
        </ScrollView>
      </View>
    </View>
  );
}
