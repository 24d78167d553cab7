import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingDate } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { usePagedData } from '@/hooks/use-page-data';
import { staff, useStaffStore } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

export default function StaffMembersPage() {
  const isManager = useStaffStore((s) => s.session?.account.role === 'store_manager');
  const [total, setTotal] = useState<number | null>(null);
  const page = usePagedData(async (cursor) => {
    const result = await staff.members(cursor);
    setTotal(result.total);
    return result;
  });

  return (
    <PageFrame
      page={page}
      skeleton='list'
      empty={{ when: (rows) => rows.length === 0, icon: '🤝', title: '还没有绑定的会员', hint: '在工作台扫顾客的会员码即可绑定' }}
    >
      {(rows) => (
        <>
          <Text className='muted'>{isManager ? `本店共 ${total ?? rows.length} 位会员` : `名下共 ${total ?? rows.length} 位会员`}</Text>
          <View className='staff-member staff-members__list'>
            {rows.map((r) => (
              <View key={r.memberId} className='staff-row' onClick={() => Taro.navigateTo({ url: `/subpackages/staff/pages/member/index?id=${r.memberId}` })}>
                <View className='staff-row__main'>
                  <Text className='staff-row__title'>{r.nickname}</Text>
                  <Text className='staff-row__sub'>
                    {r.phoneMasked ?? '未绑定手机'} · {beijingDate(r.binding.boundAt)} 绑定{isManager && r.binding.staffName ? ` · ${r.binding.staffName}` : ''}
                  </Text>
                </View>
                <Text className='staff-row__side muted'>›</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageFrame>
  );
}
