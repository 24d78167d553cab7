import { Text, View } from '@tarojs/components';
import './index.scss';

/** A pill switch between a few options (fulfilment, order tabs). */
export function Segmented<K extends string>({
  items,
  value,
  onChange,
}: {
  items: readonly { key: K; label: string }[];
  value: K;
  onChange(key: NoInfer<K>): void;
}) {
  return (
    <View className='segmented'>
      {items.map((item) => (
        <Text
          key={item.key}
          className={`segmented__item ${item.key === value ? 'segmented__item--on' : ''}`}
          onClick={() => item.key !== value && onChange(item.key)}
        >
          {item.label}
        </Text>
      ))}
    </View>
  );
}
