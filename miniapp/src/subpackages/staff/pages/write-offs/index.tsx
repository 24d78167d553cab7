import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WriteOffResult } from '@mall/shared';
import { EmptyState, ErrorState, PageLoading } from '@/components/page-state';
import { staff } from '@/stores/staff.store';
import { minute } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';

const KIND = { order_pickup: '自提', points_gift: '礼品', coupon: '优惠券' } as const;

export default function StaffWriteOffsPage() {
  const [rows, setRows] = useState<WriteOffResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setRows((await staff.writeOffs()).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!rows) return <View className='page'><PageLoading rows={3} /></View>;
  if (rows.length === 0) return <View className='page'><EmptyState icon='✅' title='暂无核销记录' hint='扫顾客的提货码、礼品码或优惠券码核销' /></View>;
  return (
    <View className='page'>
      <View className='staff-member'>
        {rows.map((w) => (
          <View key={w.id} className='staff-row'>
            <View className='staff-row__main'>
              <Text className='staff-row__title'>{w.title}</Text>
              <Text className='staff-row__sub'>
                {w.nickname} · {minute(w.createdAt)}
              </Text>
            </View>
            <Text className='staff-tag staff-tag--gold'>{KIND[w.kind]}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
