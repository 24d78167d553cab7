import { Text, View } from '@tarojs/components';
import { beijingMinute } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { usePageData } from '@/hooks/use-page-data';
import { staff } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

const KIND = { order_pickup: '自提单', points_gift: '积分礼品', coupon: '优惠券' } as const;

export default function StaffWriteOffsPage() {
  const page = usePageData(async () => (await staff.writeOffs()).items);
  return (
    <PageFrame
      page={page}
      skeleton='list'
      empty={{ when: (rows) => rows.length === 0, icon: '✅', title: '暂无核销记录', hint: '扫顾客的自提码或优惠券码即可核销' }}
    >
      {(rows) => (
        <View className='staff-member'>
          {rows.map((w) => (
            <View key={w.id} className='staff-row'>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>{w.title}</Text>
                <Text className='staff-row__sub'>
                  {w.nickname} · {beijingMinute(w.createdAt)}
                </Text>
              </View>
              <Text className='staff-tag staff-tag--gold'>{KIND[w.kind]}</Text>
            </View>
          ))}
        </View>
      )}
    </PageFrame>
  );
}
