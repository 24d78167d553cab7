import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorState, PageLoading } from '@/components/page-state';
import type { StaffMemberRow } from '@/services/staff.api';
import { staff, useStaffStore } from '@/stores/staff.store';
import { day } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';

export default function StaffMembersPage() {
  const isManager = useStaffStore((s) => s.session?.account.role === 'store_manager');
  const [rows, setRows] = useState<StaffMemberRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setRows((await staff.members()).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!rows) return <View className='page'><PageLoading rows={3} /></View>;
  if (rows.length === 0) return <View className='page'><EmptyState icon='🤝' title='还没有绑定的会员' hint='在工作台扫顾客的会员码即可绑定' /></View>;

  return (
    <View className='page'>
      <Text className='muted'>{isManager ? `本店共 ${rows.length} 位会员` : `名下共 ${rows.length} 位会员`}</Text>
      <View className='staff-member' style={{ marginTop: '16px' }}>
        {rows.map((r) => (
          <View key={r.memberId} className='staff-row' onClick={() => Taro.navigateTo({ url: `/subpackages/staff/pages/member/index?id=${r.memberId}` })}>
            <View className='staff-row__main'>
              <Text className='staff-row__title'>{r.nickname}</Text>
              <Text className='staff-row__sub'>
                {r.phoneMasked ?? '未绑定手机'} · {day(r.binding.boundAt)} 绑定{isManager && r.binding.staffName ? ` · ${r.binding.staffName}` : ''}
              </Text>
            </View>
            <Text className='staff-row__side muted'>›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
