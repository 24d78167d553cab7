import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { formatYuan, groupMsLeft, groupSlots } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { PageFrame } from '@/components/page-frame';
import { PriceTag } from '@/components/price-tag';
import { ProductImage } from '@/components/product-image';
import { usePageData } from '@/hooks/use-page-data';
import { fetchGroup, joinGroup } from '@/services/group-buy.api';
import { countdownText, useNow } from './countdown';
import { payForSlot } from '../group-pay';
import './index.scss';

export default function GroupPage() {
  const id = Number(useRouter().params.id);
  const page = usePageData(() => fetchGroup(id), { deps: [id] });
  const now = useNow();
  // The share card carries the group id: whoever opens it lands on this page and can join.
  useShareAppMessage(() => {
    const g = page.data;
    return {
      title: g ? `就差 ${g.groupSize - g.paidCount} 人！¥${formatYuan(g.deal.groupPriceFen)} 拼 ${g.deal.productName}` : '一起来拼团',
      path: `/subpackages/deals/pages/group/index?id=${id}`,
      imageUrl: g?.deal.imageUrl,
    };
  });
  const join = async () => {
    const groupId = await payForSlot((body) => joinGroup(id, body));
    if (groupId) await page.reload();
  };
  return (
    <PageFrame page={page} className='page group-page' skeleton='detail'>
      {(g) => {
        const left = groupMsLeft(g.expiresAt ? Date.parse(g.expiresAt) : null, now);
        const canJoin = g.status === 'open' && left > 0 && g.heldCount < g.groupSize && (!g.mine || g.deal.allowRejoin);
        return (
          <View>
            <View className='group-card'>
              <View className='group-card__main'>
                <ProductImage className='group-card__image' src={g.deal.imageUrl} name={g.deal.productName} />
                <View className='group-card__body'>
                  <Text className='group-card__name'>{g.deal.productName}</Text>
                  <Text className='group-card__sub'>{g.deal.specs}</Text>
                  <View className='group-card__prices'>
                    <PriceTag fen={g.deal.groupPriceFen} tone='red' />
                    <PriceTag fen={g.deal.skuPriceFen} size='sm' tone='muted' strike />
                  </View>
                </View>
              </View>
            </View>
            <View className='group-card group-status' data-testid='group-status'>
              <Text className='group-status__state'>{g.statusLabel}</Text>
              {g.status === 'open' && (
                <>
                  <Text className='group-status__need'>还差 {g.groupSize - g.paidCount} 人成团</Text>
                  <Text className='group-status__countdown' data-testid='group-countdown'>
                    {countdownText(left)}
                  </Text>
                </>
              )}
              {g.status === 'completed' && (
                <Text className='group-status__need'>
                  {g.virtualCount > 0 ? `拼团成功（含 ${g.virtualCount} 位虚拟成员），订单将尽快发货` : '拼团成功，订单将尽快发货'}
                </Text>
              )}
              {g.status === 'failed' && <Text className='group-status__need'>未在时限内成团，已支付的款项将原路退回</Text>}
              <View className='group-slots'>
                {groupSlots(g.groupSize, g.members).map((m, i) => {
                  // Slots the 虚拟成团 option filled at the time limit: shown, and marked, as not people.
                  const virtual = !m && i - g.members.length < g.virtualCount;
                  return (
                    <View
                      key={i}
                      className={`group-slot ${m ? '' : virtual ? 'group-slot--virtual' : 'group-slot--empty'}`}
                      data-testid={m ? 'group-slot-filled' : virtual ? 'group-slot-virtual' : 'group-slot-empty'}
                    >
                      {m?.avatarUrl ? (
                        <Image className='group-slot__avatar' src={m.avatarUrl} />
                      ) : (
                        <Text className='group-slot__avatar'>{m ? m.nickname.slice(0, 1) : virtual ? '虚' : '?'}</Text>
                      )}
                      {m?.role === 'leader' && <Text className='group-slot__leader'>团长</Text>}
                      {virtual && <Text className='group-slot__leader'>虚拟成员</Text>}
                    </View>
                  );
                })}
              </View>
              {g.mine && (
                <Text className='group-status__mine'>
                  我的状态：{g.mine.memberStatusLabel}
                  {g.mine.memberStatus === 'held' ? '（请尽快支付）' : ''}
                </Text>
              )}
            </View>
            {canJoin && (
              <AppButton className='group-card__cta' onClick={() => void join()}>
                ¥{formatYuan(g.deal.groupPriceFen)} 参与拼团
              </AppButton>
            )}
            {g.mine && g.status === 'open' && process.env.TARO_ENV === 'weapp' && (
              <AppButton kind='ghost' className='group-card__cta' openType='share'>
                邀请好友参团
              </AppButton>
            )}
            <Text className='group-page__link group-page__center' onClick={() => Taro.navigateTo({ url: '/subpackages/deals/pages/group-deals/index' })}>
              查看更多拼团 ›
            </Text>
          </View>
        );
      }}
    </PageFrame>
  );
}
