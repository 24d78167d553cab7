import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

/**
 * One line of a price breakdown: label left, value right. `tone` colours the value (a deduction
 * in red, the amount to pay large); `total` draws the rule above the last line.
 */
export function DetailRow({
  label,
  value,
  tone,
  total = false,
  valueClassName = '',
}: {
  label: ReactNode;
  value: ReactNode;
  tone?: 'minus' | 'cash';
  total?: boolean;
  valueClassName?: string;
}) {
  return (
    <View className={`detail-row ${total ? 'detail-row--total' : ''}`}>
      <Text className='detail-row__label'>{label}</Text>
      <Text className={`detail-row__value ${tone ? `detail-row__value--${tone}` : ''} ${valueClassName}`}>{value}</Text>
    </View>
  );
}

/** A small grey line under a breakdown (points earned, order number). */
export function DetailNote({ children }: { children: ReactNode }) {
  return <Text className='detail-note'>{children}</Text>;
}
