import { useState } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { beijingMinute, KOC_REWARD_STATES, type KocCentre, type KocRewardStatus } from '@mall/shared';
import { AppButton } from '@/components/app-button';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { Segmented } from '@/components/segmented';
import { usePageData } from '@/hooks/use-page-data';
import { fetchKocCentre, fetchKocPoster } from '@/services/koc.api';
import './index.scss';

type Tab = 'invitees' | 'rewards' | 'board';
const TABS = [
  { key: 'invitees', label: '我的好友' },
  { key: 'rewards', label: '推荐奖励' },
  { key: 'board', label: '排行榜' },
] as const;

let sharedScene = '';

/** A KOC's own centre: the poster to share, who they invited, their rewards (pending / credited / clawed back) and the leaderboard. */
export default function KocCentrePage() {
  const page = usePageData(fetchKocCentre);
  const [tab, setTab] = useState<Tab>('invitees');
  const [poster, setPoster] = useState<string | null>(null);
  const [posterLoading, setPosterLoading] = useState(false);
  useShareAppMessage(() => ({ title: '我在这里买到了好东西，送你一张新人券', path: `/pages/index/index?scene=${sharedScene}` }));

  const showPoster = async () => {
    setPosterLoading(true);
    try {
      setPoster((await fetchKocPoster()).image);
    } catch {
      // toast shown by the request wrapper
    } finally {
      setPosterLoading(false);
    }
  };

  return (
    <PageFrame page={page} className='page koc-page' skeleton='list'>
      {(c: KocCentre) => {
        if (!c.isKoc || !c.programme) {
          return <EmptyState icon='🌟' title='你还不是推荐官' hint='常买常逛的会员会被邀请成为推荐官，推荐好友即可获得奖励' />;
        }
        sharedScene = c.scene ?? '';
        return (
          <>
            <View className='koc-hero'>
              <Text className='koc-hero__label'>{c.programme.name}</Text>
              <Text className='koc-hero__title'>{c.programme.rewardText}</Text>
              <View className='koc-hero__stats'>
                <View className='koc-hero__stat'>
                  <Text className='koc-hero__num'>{c.invitees.length}</Text>
                  <Text className='koc-hero__unit'>已邀请</Text>
                </View>
                <View className='koc-hero__stat'>
                  <Text className='koc-hero__num'>{c.totals.pendingPoints}</Text>
                  <Text className='koc-hero__unit'>待入账</Text>
                </View>
                <View className='koc-hero__stat'>
                  <Text className='koc-hero__num'>{c.totals.creditedPoints - c.totals.clawedBackPoints}</Text>
                  <Text className='koc-hero__unit'>已入账</Text>
                </View>
                <View className='koc-hero__stat'>
                  <Text className='koc-hero__num'>{c.totals.clawedBackPoints}</Text>
                  <Text className='koc-hero__unit'>已扣回</Text>
                </View>
              </View>
              <Text className='koc-hero__hint'>好友订单支付 {c.programme.refundWindowDays} 天后无退款即入账；退款会扣回相应奖励</Text>
            </View>

            <SectionCard title='我的推荐海报'>
              {poster ? (
                <View className='koc-poster'>
                  <Image className='koc-poster__code' src={poster} mode='aspectFit' showMenuByLongpress data-testid='koc-poster' />
                  <Text className='muted koc-poster__hint'>{process.env.TARO_ENV === 'weapp' ? '长按保存图片，分享给好友' : '截图或复制链接分享给好友'}</Text>
                </View>
              ) : (
                <Text className='muted'>好友扫码进入商城即成为你的好友，新人券自动到账</Text>
              )}
              <View className='koc-poster__actions'>
                <AppButton className='koc-poster__btn' loading={posterLoading} onClick={showPoster}>
                  {poster ? '刷新海报' : '生成海报'}
                </AppButton>
                {process.env.TARO_ENV === 'weapp' ? (
                  <AppButton kind='ghost' className='koc-poster__btn' openType='share'>
                    分享给好友
                  </AppButton>
                ) : (
                  <AppButton
                    kind='ghost'
                    className='koc-poster__btn'
                    onClick={() => Taro.setClipboardData({ data: `${window.location.origin}${window.location.pathname}#/pages/index/index?scene=${c.scene}` })}
                  >
                    复制链接
                  </AppButton>
                )}
              </View>
            </SectionCard>

            <Segmented items={TABS} value={tab} onChange={setTab} />
            <SectionCard>
              {tab === 'invitees' &&
                (c.invitees.length === 0 ? (
                  <EmptyState icon='🤝' title='还没有邀请好友' hint='分享海报，好友首次进入即绑定' />
                ) : (
                  c.invitees.map((i) => (
                    <View key={i.memberId} className='koc-row'>
                      <View className='koc-row__main'>
                        <Text className='koc-row__title'>{i.nickname}</Text>
                      </View>
                      <Text className='koc-row__time'>{beijingMinute(i.boundAt)} 加入</Text>
                    </View>
                  ))
                ))}
              {tab === 'rewards' &&
                (c.rewards.length === 0 ? (
                  <EmptyState icon='🎁' title='暂无推荐奖励' hint='好友下单后这里会显示奖励' />
                ) : (
                  c.rewards.map((r) => (
                    <View key={r.id} className='koc-row'>
                      <View className='koc-row__main'>
                        <Text className='koc-row__title'>
                          {r.inviteeName} · {r.kindLabel}
                        </Text>
                        <Text className='koc-row__meta'>
                          {r.status === 'pending' ? `预计 ${beijingMinute(r.dueAt)} 入账` : r.creditedAt ? `${beijingMinute(r.creditedAt)} 入账` : '订单已退款'}
                          {r.clawedBackPoints > 0 ? ` · 已扣回 ${r.clawedBackPoints}` : ''}
                        </Text>
                      </View>
                      <View className='koc-row__side'>
                        <Text className={`koc-tag koc-tag--${r.status as KocRewardStatus}`}>{KOC_REWARD_STATES.labels[r.status]}</Text>
                        {r.points > 0 && <Text className='koc-row__points'>+{r.points}</Text>}
                      </View>
                    </View>
                  ))
                ))}
              {tab === 'board' &&
                (c.leaderboard.length === 0 ? (
                  <EmptyState icon='🏆' title='排行榜暂无数据' />
                ) : (
                  c.leaderboard.map((b) => (
                    <View key={b.kocMemberId} className={`koc-row ${c.scene === `r${b.kocMemberId}` ? 'koc-row--me' : ''}`}>
                      <Text className={`koc-rank koc-rank--${Math.min(b.rank, 4)}`}>{b.rank}</Text>
                      <View className='koc-row__main'>
                        <Text className='koc-row__title'>{b.nickname}</Text>
                        <Text className='koc-row__meta'>邀请 {b.invitees} 人</Text>
                      </View>
                      <Text className='koc-row__points'>{b.creditedPoints} 积分</Text>
                    </View>
                  ))
                ))}
            </SectionCard>
          </>
        );
      }}
    </PageFrame>
  );
}
