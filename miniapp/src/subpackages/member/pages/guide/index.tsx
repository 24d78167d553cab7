import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { MyGuideView } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { fetchMyStore, revealGuidePhone } from '@/services/member.api';
import './index.scss';

type Store = NonNullable<MyGuideView['store']>;
type Guide = NonNullable<MyGuideView['guide']>;

export default function GuidePage() {
  const page = usePageData(fetchMyStore);

  return (
    <PageFrame
      page={page}
      className='page guide-page'
      empty={{
        when: (v) => !v.store,
        title: '还没有专属门店',
        hint: '到店消费时出示会员码，导购扫码后即成为你的专属导购',
        icon: '🏬',
        action: { text: '出示会员码', onClick: () => void Taro.navigateTo({ url: '/subpackages/member/pages/qr/index' }) },
      }}
    >
      {({ store, guide }) => (
        <>
          {guide ? (
            <GuideCard guide={guide} />
          ) : (
            <View className='guide-card guide-card--none'>
              <Text className='guide-card__none-title'>门店暂未为你指定导购</Text>
              <Text className='guide-card__none-hint'>到店时出示会员码，导购扫码即可为你服务</Text>
            </View>
          )}
          {store && <StoreSection store={store} />}
        </>
      )}
    </PageFrame>
  );
}

function GuideCard({ guide }: { guide: Guide }) {
  const [phone, setPhone] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);

  const reveal = async () => {
    setRevealing(true);
    try {
      setPhone((await revealGuidePhone()).phone);
    } catch {
      // the request wrapper toasted the reason
    } finally {
      setRevealing(false);
    }
  };

  const call = (number: string) => {
    Taro.makePhoneCall({ phoneNumber: number }).catch(() => {
      // the member dismissed the dialer
    });
  };

  return (
    <View className='guide-card'>
      <View className='guide-card__top'>
        {guide.avatarUrl ? (
          <Image
            className='guide-card__avatar'
            src={/^https?:/.test(guide.avatarUrl) ? guide.avatarUrl : `${API_BASE_URL}${guide.avatarUrl}`}
            mode='aspectFill'
          />
        ) : (
          <View className='guide-card__avatar guide-card__avatar--initial'>
            <Text>{guide.name.slice(0, 1)}</Text>
          </View>
        )}
        <View className='guide-card__who'>
          <Text className='guide-card__label'>我的专属导购</Text>
          <Text className='guide-card__name'>{guide.name}</Text>
          {phone && <Text className='guide-card__phone'>{phone}</Text>}
        </View>
      </View>
      <View className='guide-card__actions'>
        {guide.hasPhone &&
          (phone ? (
            <Button className='btn-gold guide-card__btn guide-card__call' onClick={() => call(phone)}>
              拨打电话
            </Button>
          ) : (
            <Button className='btn-gold guide-card__btn guide-card__reveal' loading={revealing} onClick={() => void reveal()}>
              显示手机号
            </Button>
          ))}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn-ghost guide-card__btn' openType='contact'>
            微信咨询
          </Button>
        ) : (
          <Button className='btn-ghost guide-card__btn' onClick={() => void Taro.showToast({ title: '请在微信小程序中使用在线咨询', icon: 'none' })}>
            微信咨询
          </Button>
        )}
      </View>
      {guide.hasPhone && !phone && <Text className='guide-card__privacy'>手机号仅在你点击后显示，用于联系导购</Text>}
    </View>
  );
}

function StoreSection({ store }: { store: Store }) {
  const located = store.latitude !== null && store.longitude !== null;
  const openMap = () => {
    if (!located) return;
    Taro.openLocation({ latitude: store.latitude!, longitude: store.longitude!, name: store.name, address: store.address, scale: 16 }).catch(() => {
      void Taro.showToast({ title: '暂时无法打开地图', icon: 'none' });
    });
  };
  return (
    <SectionCard title='我的门店' className='guide-store'>
      <Text className='guide-store__name'>{store.name}</Text>
      <View className='guide-store__row'>
        <Text className='guide-store__key'>地址</Text>
        <Text className='guide-store__text'>{store.address || '地址待补充'}</Text>
      </View>
      {store.openingHours && (
        <View className='guide-store__row'>
          <Text className='guide-store__key'>营业</Text>
          <Text className='guide-store__text'>{store.openingHours}</Text>
        </View>
      )}
      {located && (
        <Button className='btn-ghost guide-store__map' onClick={openMap}>
          查看地图 · 导航到店
        </Button>
      )}
    </SectionCard>
  );
}
