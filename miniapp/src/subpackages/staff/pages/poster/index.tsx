import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { ErrorState, PageLoading } from '@/components/page-state';
import { staff, useStaffStore } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

/** The guide's own mini-program code: a new member who opens the app through it is bound to them. */
export default function StaffPosterPage() {
  const session = useStaffStore((s) => s.session);
  const [image, setImage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setImage((await staff.poster()).image);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!image) return <View className='page'><PageLoading rows={1} /></View>;
  return (
    <View className='page'>
      <View className='staff-poster'>
        <Text className='staff-link__title'>{session?.store.name}</Text>
        <Text className='staff-link__hint'>专属导购 {session?.account.displayName} · 扫码成为会员，享会员价与积分</Text>
        <Image className='staff-poster__image' src={image} showMenuByLongpress onClick={() => Taro.previewImage({ urls: [image] })} />
        <Text className='muted'>新顾客扫码注册后自动成为你的会员</Text>
      </View>
    </View>
  );
}
