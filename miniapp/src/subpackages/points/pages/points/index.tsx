import { useRef, useState } from 'react';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate, beijingMinute, beijingMonth, newIdempotencyKey } from '@mall/shared';
import { LoadMoreFooter, PageFrame, PageSection } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData, usePagedData } from '@/hooks/use-page-data';
import { fetchPointsEntries, signIn } from '@/services/points.api';
import { requestConsent } from '@/services/subscribe';
import { usePointsStore } from '@/stores/points.store';
import './index.scss';
import { AppButton } from '@/components/app-button';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

function monthGrid(month: string): (string | null)[] {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [...Array(first).fill(null), ...Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`)];
}

export default function PointsPage() {
  const { signedDays, load } = usePointsStore();
  const page = usePageData(load);
  const entries = usePagedData(fetchPointsEntries);
  const [signing, setSigning] = useState(false);
  const signKey = useRef<string | null>(null);
  useShareAppMessage(() => ({ title: '一起来做会员，首单有礼', path: `/pages/index/index?scene=${usePointsStore.getState().summary?.referralScene ?? ''}` }));

  const today = beijingDate();
  const doSignIn = async () => {
    await requestConsent(['points_expiring', 'invitation']);
    setSigning(true);
    signKey.current ??= newIdempotencyKey();
    try {
      const res = await signIn(signKey.current);
      signKey.current = null;
      void Taro.showToast({ title: `签到成功 +${res.points}`, icon: 'success' });
      await Promise.all([page.reload(), entries.reload()]);
    } catch {
      // toast shown by the request wrapper
    } finally {
      setSigning(false);
    }
  };

  return (
    <PageFrame page={page} className='page points-page'>
      {(summary) => {
        const expiring = summary.expiringSoon.reduce((sum, lot) => sum + lot.points, 0);
        return (
          <>
            <View className='points-hero'>
              <Text className='points-hero__label'>可用积分</Text>
              <Text className='points-hero__balance'>{summary.balance}</Text>
              <Text className='points-hero__hint'>
                {expiring > 0
                  ? `${expiring} 积分将于 ${beijingDate(summary.expiringSoon[0].expiresAt)} 起陆续过期`
                  : `每 ${summary.deduction.pointsPerYuan} 积分可抵 ¥1`}
              </Text>
              <AppButton className='points-hero__mall' onClick={() => Taro.navigateTo({ url: '/subpackages/points/pages/mall/index' })}>
                积分商城
              </AppButton>
            </View>

            <SectionCard title='每日签到' extra={<Text className='muted'>已连续 {summary.streak} 天</Text>}>
              <View className='sign-calendar'>
                {WEEK.map((w) => (
                  <Text key={w} className='sign-calendar__week'>
                    {w}
                  </Text>
                ))}
                {monthGrid(beijingMonth()).map((day, i) => (
                  <View
                    key={i}
                    className={`sign-calendar__day ${day && signedDays.includes(day) ? 'sign-calendar__day--signed' : ''} ${day === today ? 'sign-calendar__day--today' : ''}`}
                  >
                    <Text className='sign-calendar__num'>{day ? Number(day.slice(8)) : ''}</Text>
                  </View>
                ))}
              </View>
              <AppButton className='points-page__sign' disabled={summary.signedToday || signing} loading={signing} onClick={doSignIn}>
                {summary.signedToday ? '今日已签到' : `签到领 ${summary.signInPoints} 积分`}
              </AppButton>
              <Text className='muted points-page__sign-tip'>连续签到 7 天额外奖励 {summary.signInStreakBonus} 积分</Text>
            </SectionCard>

            {summary.referralPoints > 0 && (
              <SectionCard title='邀请有礼'>
                <View className='points-invite'>
                  <View className='points-invite__text'>
                    <Text className='points-invite__title'>邀请好友，得 {summary.referralPoints} 积分</Text>
                    <Text className='muted points-invite__hint'>好友注册并完成首单后到账</Text>
                  </View>
                  {process.env.TARO_ENV === 'weapp' ? (
                    <AppButton className='points-invite__btn' openType='share'>
                      去邀请
                    </AppButton>
                  ) : (
                    <AppButton
                      className='points-invite__btn'
                      onClick={() =>
                        Taro.setClipboardData({
                          data: `${window.location.origin}${window.location.pathname}#/pages/index/index?scene=${summary.referralScene}`,
                        })
                      }
                    >
                      复制链接
                    </AppButton>
                  )}
                </View>
              </SectionCard>
            )}

            <SectionCard title='积分明细'>
              <PageSection
                page={entries}
                skeleton='list'
                empty={{ when: (rows) => rows.length === 0, title: '暂无积分记录', hint: '消费、签到都能获得积分', icon: '✨' }}
              >
                {(rows) => (
                  <View>
                    {rows.map((e) => (
                      <View key={e.id} className='points-entry'>
                        <View className='points-entry__main'>
                          <Text className='points-entry__title'>{e.title}</Text>
                          <Text className='points-entry__time'>{beijingMinute(e.createdAt)}</Text>
                        </View>
                        <Text className={e.deltaPoints >= 0 ? 'points-entry__plus' : 'points-entry__minus'}>
                          {e.deltaPoints >= 0 ? `+${e.deltaPoints}` : e.deltaPoints}
                        </Text>
                      </View>
                    ))}
                    <LoadMoreFooter page={entries} />
                  </View>
                )}
              </PageSection>
            </SectionCard>
          </>
        );
      }}
    </PageFrame>
  );
}
