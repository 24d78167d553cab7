import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export function SectionCard({ title, extra, children, className = '' }: PropsWithChildren<{ title?: string; extra?: ReactNode; className?: string }>) {
  return (
    <View className={`section-card ${className}`}>
      {title && (
        <View className='section-card__header'>
          <Text className='section-card__title'>{title}</Text>
          {extra}
        </View>
      )}
      {children}
    </View>
  );
}
