import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingMinute } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { fetchNotices } from '@/services/notification.api';
import './index.scss';

/** 消息通知: every message the mall had for the member (拼团结果, 活动提醒, 订单 …), also those WeChat could not deliver. */
export default function NoticesPage() {
  const page = usePageData(async () => (await fetchNotices()).items);
  return (
    <PageFrame
      page={page}
      className='page'
      skeleton='list'
      empty={{ when: (items) => items.length === 0, title: '暂无消息', hint: '拼团结果、活动提醒会显示在这里', icon: '🔔' }}
    >
      {(items) => (
        <View>
          {items.map((n) => (
            <View key={n.id} className='notice-card' data-testid='notice' onClick={() => n.page && void Taro.navigateTo({ url: `/${n.page}` })}>
              <View className='notice-card__head'>
                <Text className='notice-card__title'>{n.sceneLabel}</Text>
                <Text className='notice-card__time'>{beijingMinute(n.createdAt)}</Text>
              </View>
              {n.lines.map((line) => (
                <View key={line.label} className='notice-card__line'>
                  <Text className='notice-card__label'>{line.label}</Text>
                  <Text className={`notice-card__value${/结果|状态/.test(line.label) ? ' notice-card__value--result' : ''}`}>{line.value}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
