import { Text, View } from '@tarojs/components';
import { QrCode } from '@/components/qr-code';
import './index.scss';
import { AppButton } from '@/components/app-button';

/** A bottom sheet with a code for staff to scan at the till (pickup, gift or coupon). */
export function CodeSheet({
  title,
  code,
  caption,
  hint,
  onClose,
  onRefresh,
}: {
  title: string;
  code: string;
  caption?: string;
  hint?: string;
  onClose: () => void;
  onRefresh?: () => void;
}) {
  return (
    <View className='code-sheet' onClick={onClose}>
      <View className='code-sheet__panel' onClick={(e) => e.stopPropagation()}>
        <Text className='code-sheet__title'>{title}</Text>
        <View className='code-sheet__code'>
          <QrCode text={code} size={400} />
        </View>
        {caption && <Text className='code-sheet__caption'>{caption}</Text>}
        {hint && <Text className='code-sheet__hint'>{hint}</Text>}
        <View className='code-sheet__buttons'>
          {onRefresh && (
            <AppButton kind='ghost' onClick={onRefresh}>
              刷新
            </AppButton>
          )}
          <AppButton onClick={onClose}>完成</AppButton>
        </View>
      </View>
    </View>
  );
}
