import { Button, Text, View } from '@tarojs/components';
import './index.scss';

/** Skeleton blocks while loading. */
export function PageLoading({ rows = 3 }: { rows?: number }) {
  return (
    <View className='page-state page-state--loading'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='page-state__skeleton' style={{ height: i === 0 ? '300px' : '140px' }} />
      ))}
    </View>
  );
}

export function EmptyState({ title, hint, icon = '🛍️' }: { title: string; hint?: string; icon?: string }) {
  return (
    <View className='page-state page-state--empty'>
      <Text className='page-state__icon'>{icon}</Text>
      <Text className='page-state__title'>{title}</Text>
      {hint && <Text className='page-state__hint'>{hint}</Text>}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='page-state page-state--error'>
      <Text className='page-state__icon'>⚠️</Text>
      <Text className='page-state__title'>{message}</Text>
      <Button className='btn-ghost page-state__retry' onClick={onRetry}>
        重新加载
      </Button>
    </View>
  );
}
