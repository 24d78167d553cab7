import { Text, View } from '@tarojs/components';
import './index.scss';

/** − value +; `onBelowMin` (e.g. remove from cart) runs when − is pressed at the minimum. */
export function Stepper({
  value,
  min = 1,
  max = 99,
  onChange,
  onBelowMin,
}: {
  value: number;
  min?: number;
  max?: number;
  onChange(value: number): void;
  onBelowMin?(): void;
}) {
  return (
    <View className='stepper'>
      <Text className='stepper__btn' onClick={() => (value <= min ? onBelowMin?.() : onChange(value - 1))}>
        −
      </Text>
      <Text className='stepper__value'>{value}</Text>
      <Text className='stepper__btn' onClick={() => onChange(Math.min(max, value + 1))}>
        +
      </Text>
    </View>
  );
}
