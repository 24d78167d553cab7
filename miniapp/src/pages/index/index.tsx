import { useEffect } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FlashSaleStrip } from '@/components/flash-sale-strip';
import { CommunityInviteCard } from '@/components/community-invite-card';
import { ProductImage } from '@/components/product-image';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { usePageData } from '@/hooks/use-page-data';
import { fetchProducts } from '@/services/catalog.api';
import { fetchFlashSales } from '@/services/flash-sale.api';
import { useCampaignStore } from '@/stores/campaign.store';
import { useSessionStore } from '@/stores/session.store';
import './index.scss';

const SHORTCUTS = [
  { icon: '类', text: '全部分类', url: '/subpackages/mall/pages/category/index' },
  { icon: '券', text: '领券中心', url: '/subpackages/mall/pages/coupons/index' },
  { icon: '积', text: '积分商城', url: '/subpackages/points/pages/mall/index' },
  { icon: '车', text: '购物车', url: '/subpackages/mall/pages/cart/index' },
  { icon: '拼', text: '好物拼团', url: '/subpackages/deals/pages/group-deals/index' },
];

export default function HomePage() {
  const member = useSessionStore((s) => s.member);
  const page = usePageData(async () => (await fetchProducts()).items);
  // Silent and optional: a home page without deals (or before login) is still a home page.
  const deals = usePageData(async () => (member ? (await fetchFlashSales(true)).items : []), { deps: [member?.id] });
  const campaign = useCampaignStore();
  const showCampaigns = async () => {
    if (member) void campaign.loadReceivedCoupons();
    const popup = member ? await campaign.load() : null;
    if (!popup) return;
    const { confirm } = await Taro.showModal({ title: popup.title, content: popup.body, confirmText: popup.link ? '去看看' : '知道了', cancelText: '关闭' });
    void (confirm ? campaign.open(popup) : campaign.dismiss(popup));
  };
  useEffect(() => void showCampaigns(), [member?.id]);
  useDidShow(() => void showCampaigns());

  const header = (
    <>
      <View className='home-page__hello'>
        <Text className='home-page__greeting'>{member ? `${member.nickname}，欢迎回来` : '欢迎来到会员商城'}</Text>
        <Text className='home-page__sub'>会员专享价 · 储值有礼 · 积分好礼</Text>
      </View>
      <View className='home-page__banner' onClick={() => Taro.navigateTo({ url: '/subpackages/wallet/pages/wallet/index' })}>
        <View>
          <Text className='home-page__banner-title'>储值会员 充 500 送 50</Text>
          <Text className='home-page__banner-sub'>余额支付更便捷，赠送金立即到账</Text>
        </View>
        <Text className='home-page__banner-cta'>去充值</Text>
      </View>
      {campaign.receivedCoupons.length > 0 && (
        <View
          className='home-page__coupon-notice'
          data-testid='coupon-notice'
          onClick={() => {
            campaign.ackReceivedCoupons();
            void Taro.navigateTo({ url: '/subpackages/mall/pages/coupons/index' });
          }}
        >
          <Text className='home-page__coupon-notice-icon'>券</Text>
          <View className='home-page__campaign-text'>
            <Text className='home-page__coupon-notice-title'>{`收到 ${campaign.receivedCoupons.length} 张优惠券`}</Text>
            <Text className='home-page__campaign-body'>
              {campaign.receivedCoupons
                .slice(0, 2)
                .map((c) => `${c.name}（${c.sourceLabel}）`)
                .join('、')}
              {campaign.receivedCoupons.length > 2 ? ' 等' : ''}
            </Text>
          </View>
          <Text className='home-page__coupon-notice-cta'>去查看</Text>
          <Text
            className='home-page__campaign-close'
            onClick={(e) => {
              e.stopPropagation();
              campaign.ackReceivedCoupons();
            }}
          >
            ×
          </Text>
        </View>
      )}
      {campaign.banners.map((b) => (
        <View key={b.id} className='home-page__campaign' onClick={() => void campaign.open(b)} data-testid='campaign-banner'>
          <View className='home-page__campaign-text'>
            <Text className='home-page__campaign-title'>{b.title}</Text>
            {b.body && <Text className='home-page__campaign-body'>{b.body}</Text>}
          </View>
          <Text
            className='home-page__campaign-close'
            onClick={(e) => {
              e.stopPropagation();
              void campaign.dismiss(b);
            }}
          >
            ×
          </Text>
        </View>
      ))}
      <FlashSaleStrip items={deals.data ?? []} />
      <CommunityInviteCard />
      <View className='home-page__shortcuts'>
        {SHORTCUTS.map((s) => (
          <View key={s.text} className='home-page__shortcut' onClick={() => Taro.navigateTo({ url: s.url })}>
            <Text className='home-page__shortcut-icon'>{s.icon}</Text>
            <Text className='home-page__shortcut-text'>{s.text}</Text>
          </View>
        ))}
      </View>
      <View className='home-page__section-title'>
        <Text>会员精选</Text>
        <Text className='muted home-page__section-hint'>会员价已为你标出</Text>
      </View>
    </>
  );

  return (
    <PageFrame
      page={page}
      className='page home-page'
      header={header}
      skeleton='grid'
      empty={{ when: (products) => products.length === 0, title: '暂无商品', hint: '新品正在上架，敬请期待' }}
    >
      {(products) => (
        <View className='home-page__grid'>
          {products.map((p) => (
            <View key={p.id} className='product-card' onClick={() => Taro.navigateTo({ url: `/subpackages/mall/pages/product/index?id=${p.id}` })}>
              <ProductImage className='product-card__image' src={p.imageUrl} name={p.name} />
              <View className='product-card__body'>
                <Text className='product-card__name'>{p.name}</Text>
                <Text className='product-card__subtitle'>{p.subtitle}</Text>
                <View className='product-card__prices'>
                  {p.memberPriceFen !== null ? (
                    <>
                      <View className='product-card__member'>
                        <Text className='product-card__badge'>会员价</Text>
                        <PriceTag fen={p.memberPriceFen} tone='red' />
                      </View>
                      <PriceTag fen={p.priceFen} size='sm' tone='muted' strike />
                    </>
                  ) : (
                    <PriceTag fen={p.priceFen} />
                  )}
                </View>
              </View>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
