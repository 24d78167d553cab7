import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { staff, useStaffStore } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

/** The guide's own mini-program code: a new member who opens the app through it is bound to them. */
export default function StaffPosterPage() {
  const session = useStaffStore((s) => s.session);
  // The poster does not change while the page is open; pull down to draw it again.
  const page = usePageData(async () => (await staff.poster()).image, { reloadOnShow: false });
  return (
    <PageFrame page={page} skeleton='detail'>
      {(image) => (
        <View className='staff-poster'>
          <Text className='staff-link__title'>{session?.store.name}</Text>
          <Text className='staff-link__hint'>专属导购 {session?.account.displayName} · 扫码成为会员，享会员价与积分</Text>
          <Image className='staff-poster__image' src={image} showMenuByLongpress onClick={() => Taro.previewImage({ urls: [image] })} />
          <Text className='muted'>新顾客扫码注册后自动成为你的会员</Text>
        </View>
      )}
    </PageFrame>
  );
}
