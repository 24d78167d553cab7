import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan, type StaffMemberSummary } from '@mall/shared';
import { EmptyState, ErrorState, PageLoading } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { staff, useStaffStore } from '@/stores/staff.store';
import { MemberCardView, ORDER_STATUS, minute } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';

/** The scan result (from=scan) or one of my members (?id=): who they are and what they bought. */
export default function StaffMemberPage() {
  const { params } = useRouter();
  const lastScan = useStaffStore((s) => s.lastScan);
  const fromScan = params.from === 'scan' && lastScan;
  const [member, setMember] = useState<StaffMemberSummary | null>(fromScan ? lastScan.member : null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (fromScan || !params.id) return;
    setError(null);
    try {
      setMember(await staff.member(Number(params.id)));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!member) return <View className='page'><PageLoading rows={2} /></View>;
  const ok = fromScan && (lastScan.outcome === 'bound' || lastScan.outcome === 'rebound' || lastScan.outcome === 'already_yours');

  return (
    <View className='page'>
      {fromScan && <View className={`staff-banner ${ok ? 'staff-banner--ok' : 'staff-banner--warn'}`}>{lastScan.message}</View>}
      <MemberCardView member={member} />
      <SectionCard title='最近订单'>
        {member.recentOrders.length === 0 ? (
          <EmptyState icon='🧾' title='还没有订单' hint='可以向顾客推荐本店热销商品' />
        ) : (
          member.recentOrders.map((o) => (
            <View key={o.orderNo} className='staff-row'>
              <View className='staff-row__main'>
                <Text className='staff-row__title'>{o.title}</Text>
                <Text className='staff-row__sub'>
                  {o.paidAt ? minute(o.paidAt) : '未支付'} · {ORDER_STATUS[o.status] ?? o.status}
                </Text>
              </View>
              <Text className='staff-row__side'>¥{formatYuan(o.payFen)}</Text>
            </View>
          ))
        )}
      </SectionCard>
    </View>
  );
}
