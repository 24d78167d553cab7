import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan, groupMsLeft } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { ProductImage } from '@/components/product-image';
import { usePageData } from '@/hooks/use-page-data';
import { fetchGroupDeals, openGroup } from '@/services/group-buy.api';
import { useNow, countdownText } from '../group/countdown';
import { payForSlot } from '../group-pay';
import '../group/index.scss';

export default function GroupDealsPage() {
  const page = usePageData(async () => (await fetchGroupDeals()).items);
  const now = useNow();
  const start = async (dealId: number) => {
    const groupId = await payForSlot((body) => openGroup(dealId, body));
    if (groupId) await Taro.navigateTo({ url: `/subpackages/deals/pages/group/index?id=${groupId}` });
  };
  return (
    <PageFrame
      page={page}
      className='page group-page'
      skeleton='list'
      header={
        <View className='group-page__head'>
          <Text className='group-page__title'>好物拼团</Text>
          <Text className='group-page__link' onClick={() => Taro.navigateTo({ url: '/subpackages/deals/pages/group-mine/index' })}>
            我的拼团 ›
          </Text>
        </View>
      }
      empty={{ when: (deals) => deals.length === 0, title: '暂无拼团活动', hint: '新的拼团即将开始，敬请期待', icon: '👥' }}
    >
      {(deals) => (
        <View>
          {deals.map((d) => (
            <View key={d.id} className='group-card' data-testid='group-deal'>
              <View className='group-card__main'>
                <ProductImage className='group-card__image' src={d.imageUrl} name={d.productName} />
                <View className='group-card__body'>
                  <Text className='group-card__name'>{d.name}</Text>
                  <Text className='group-card__sub'>
                    {d.productName} · {d.groupSize} 人团{d.audience === 'new_member' ? ' · 新人专享' : ''}
                  </Text>
                  <View className='group-card__prices'>
                    <PriceTag fen={d.groupPriceFen} tone='red' />
                    <PriceTag fen={d.skuPriceFen} size='sm' tone='muted' strike />
                  </View>
                  {d.leaderDiscountFen > 0 && <Text className='group-card__badge'>团长再减 {formatYuan(d.leaderDiscountFen)} 元</Text>}
                </View>
              </View>
              {(d.openGroups ?? []).map((g) => (
                <View key={g.id} className='group-card__open' onClick={() => Taro.navigateTo({ url: `/subpackages/deals/pages/group/index?id=${g.id}` })}>
                  <Text>
                    {g.members[0]?.nickname ?? '团长'} 的团 · 还差 {g.groupSize - g.paidCount} 人
                  </Text>
                  <Text className='group-card__countdown'>{countdownText(groupMsLeft(g.expiresAt ? Date.parse(g.expiresAt) : null, now))}</Text>
                </View>
              ))}
              <AppButton className='group-card__cta' onClick={() => void start(d.id)}>
                发起拼团 ¥{formatYuan(d.leaderPriceFen)}
              </AppButton>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
