import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { AppButton } from '@/components/app-button';
import { PageFrame } from '@/components/page-frame';
import { imageSrc } from '@/components/product-image';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { resolveStoreCode } from '@/services/community.api';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** The member's location when they allow it (WeChat asks for consent); null when refused or unavailable. */
async function locate(): Promise<{ latitude: number; longitude: number } | null> {
  try {
    // Store coordinates are GCJ-02 (Chinese maps); the browser's geolocation only gives WGS-84 (≈500 m off, fine for "nearest").
    const at = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' });
    return { latitude: at.latitude, longitude: at.longitude };
  } catch {
    return null;
  }
}

function distanceText(m: number): string {
  return m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`;
}

/** 门店活码 landing: the brand poster's scan leads to the nearest open store's guide, or to the member's own store. */
export default function StoreCodePage() {
  const page = usePageData(async () => resolveStoreCode(await locate()));

  return (
    <PageFrame page={page} skeleton='detail'>
      {({ store, via, distanceM, guide }) => (
        <>
          <View className='store-code-hero' data-testid='store-code-hero'>
            <Text className='store-code-hero__tag'>{via === 'nearest' ? '离你最近的门店' : '你的专属门店'}</Text>
            <Text className='store-code-hero__name'>{store.name}</Text>
            {store.address && <Text className='store-code-hero__line'>{store.address}</Text>}
            <Text className='store-code-hero__line'>
              {store.openingHours ? `营业时间 ${store.openingHours}` : '全天营业'}
              {distanceM !== null ? ` · 距你 ${distanceText(distanceM)}` : ''}
            </Text>
          </View>
          {guide?.qrCode ? (
            <SectionCard title={`添加导购 ${guide.name}`}>
              <View className='store-code-qr' data-testid='guide-qr'>
                <Image className='store-code-qr__image' src={imageSrc(guide.qrCode)} mode='aspectFit' showMenuByLongpress />
                {IS_H5 ? (
                  <Text className='store-code-qr__hint store-code-qr__hint--h5'>当前在浏览器中，无法长按识别。请用微信「扫一扫」扫描上方二维码添加导购。</Text>
                ) : (
                  <Text className='store-code-qr__hint'>长按识别二维码，添加导购企业微信</Text>
                )}
              </View>
            </SectionCard>
          ) : (
            <SectionCard title='门店导购'>
              <Text className='store-code-empty'>门店导购暂未开通企业微信，可到店或致电门店咨询。</Text>
            </SectionCard>
          )}
          {via === 'bound' && (
            <SectionCard>
              <Text className='store-code-empty'>未获取到你的位置，已为你展示专属门店。开启定位后可找到离你最近的门店。</Text>
              <AppButton kind='ghost' className='store-code-retry' onClick={() => void page.reload()}>
                重新定位
              </AppButton>
            </SectionCard>
          )}
        </>
      )}
    </PageFrame>
  );
}
