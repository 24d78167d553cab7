import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingMinute, formatYuan, ORDER_STATES, stateLabel } from '@mall/shared';
import { EmptyState, PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { staff, useStaffStore } from '@/stores/staff.store';
import { MemberCardView } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';

/** The scan result (from=scan) or one of my members (?id=): who they are and what they bought. */
export default function StaffMemberPage() {
  const { params } = useRouter();
  const lastScan = useStaffStore((s) => s.lastScan);
  const fromScan = params.from === 'scan' && lastScan ? lastScan : null;
  const id = Number(params.id);
  // A scan already answered with the member; a member opened from the list is loaded (and reloaded on show).
  const page = usePageData(() => (fromScan ? Promise.resolve(fromScan.member) : staff.member(id)), { deps: [id, fromScan] });
  const ok = fromScan !== null && (fromScan.outcome === 'bound' || fromScan.outcome === 'rebound' || fromScan.outcome === 'already_yours');

  return (
    <PageFrame page={page} skeleton='detail'>
      {(member) => (
        <>
          {fromScan && <View className={`staff-banner ${ok ? 'staff-banner--ok' : 'staff-banner--warn'}`}>{fromScan.message}</View>}
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
                      {o.paidAt ? beijingMinute(o.paidAt) : '未支付'} · {stateLabel(ORDER_STATES, o.status)}
                    </Text>
                  </View>
                  <Text className='staff-row__side'>¥{formatYuan(o.payFen)}</Text>
                </View>
              ))
            )}
          </SectionCard>
        </>
      )}
    </PageFrame>
  );
}
