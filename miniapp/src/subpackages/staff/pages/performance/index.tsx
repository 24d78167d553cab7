import { Text, View } from '@tarojs/components';
import { beijingDate, yuanLabel } from '@mall/shared';
import { PageFrame } from '@/components/page-frame';
import { SectionCard } from '@/components/section-card';
import { usePageData } from '@/hooks/use-page-data';
import { staff } from '@/stores/staff.store';
import '@/subpackages/staff/pages/staff.scss';

/** This month: my numbers; a manager sees every guide of the store, best first. */
export default function StaffPerformancePage() {
  const page = usePageData(staff.performance);
  return (
    <PageFrame page={page} skeleton='detail'>
      {(report) => {
        const best = Math.max(1, ...report.rows.map((r) => r.gmvFen));
        return (
          <>
            <View className='staff-hero'>
              <Text className='staff-hero__name'>{report.store.name}</Text>
              <Text className='staff-hero__meta'>
                {beijingDate(report.from)} 至 {beijingDate(new Date(report.to).getTime() - 1)}
              </Text>
              <View className='staff-hero__stats'>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{yuanLabel(report.rows.reduce((s, r) => s + r.gmvFen, 0))}</Text>
                  <Text className='staff-stat__label'>商城业绩</Text>
                </View>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{yuanLabel(report.rows.reduce((s, r) => s + r.rechargeFen, 0))}</Text>
                  <Text className='staff-stat__label'>储值</Text>
                </View>
                <View className='staff-stat'>
                  <Text className='staff-stat__value'>{yuanLabel(report.rows.reduce((s, r) => s + r.svipFen, 0))}</Text>
                  <Text className='staff-stat__label'>SVIP</Text>
                </View>
              </View>
            </View>
            <SectionCard title={report.rows.length > 1 ? '导购排行' : '我的业绩'}>
              {report.rows.map((r, i) => (
                <View key={r.staffAccountId ?? 'store'} className='staff-row'>
                  <View className='staff-row__main'>
                    <Text className='staff-row__title'>
                      {report.rows.length > 1 ? `${i + 1}. ` : ''}
                      {r.staffName}
                    </Text>
                    <Text className='staff-row__sub'>
                      新绑定 {r.newBindings} · 名下 {r.boundMembers} · 储值 {yuanLabel(r.rechargeFen)} · SVIP {yuanLabel(r.svipFen)}
                    </Text>
                    <View className='staff-bar'>
                      <View className='staff-bar__fill' style={{ width: `${Math.round((r.gmvFen / best) * 100)}%` }} />
                    </View>
                  </View>
                  <Text className='staff-row__side staff-row__side--gap'>{yuanLabel(r.gmvFen)}</Text>
                </View>
              ))}
            </SectionCard>
          </>
        );
      }}
    </PageFrame>
  );
}
