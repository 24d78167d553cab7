import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatYuan, type StaffPerformance } from '@mall/shared';
import { ErrorState, PageLoading } from '@/components/page-state';
import { SectionCard } from '@/components/section-card';
import { staff } from '@/stores/staff.store';
import { day } from '@/subpackages/staff/pages/staff-ui';
import '@/subpackages/staff/pages/staff.scss';

const yuan = (fen: number) => `¥${formatYuan(fen, { trimZeros: true })}`;

/** This month: my numbers; a manager sees every guide of the store, best first. */
export default function StaffPerformancePage() {
  const [report, setReport] = useState<StaffPerformance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setReport(await staff.performance());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useDidShow(() => void load());

  if (error) return <View className='page'><ErrorState message={error} onRetry={load} /></View>;
  if (!report) return <View className='page'><PageLoading rows={2} /></View>;
  const best = Math.max(1, ...report.rows.map((r) => r.gmvFen));
  return (
    <View className='page'>
      <View className='staff-hero'>
        <Text className='staff-hero__name'>{report.store.name}</Text>
        <Text className='staff-hero__meta'>
          {day(report.from)} 至 {day(new Date(new Date(report.to).getTime() - 1).toISOString())}
        </Text>
        <View className='staff-hero__stats'>
          <View className='staff-stat'>
            <Text className='staff-stat__value'>{yuan(report.rows.reduce((s, r) => s + r.gmvFen, 0))}</Text>
            <Text className='staff-stat__label'>商城业绩</Text>
          </View>
          <View className='staff-stat'>
            <Text className='staff-stat__value'>{yuan(report.rows.reduce((s, r) => s + r.rechargeFen, 0))}</Text>
            <Text className='staff-stat__label'>储值</Text>
          </View>
          <View className='staff-stat'>
            <Text className='staff-stat__value'>{yuan(report.rows.reduce((s, r) => s + r.svipFen, 0))}</Text>
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
                新绑定 {r.newBindings} · 名下 {r.boundMembers} · 储值 {yuan(r.rechargeFen)} · SVIP {yuan(r.svipFen)}
              </Text>
              <View style={{ height: '8px', background: '#f0ece6', borderRadius: '4px', marginTop: '10px' }}>
                <View style={{ height: '8px', width: `${Math.round((r.gmvFen / best) * 100)}%`, background: '#c8a063', borderRadius: '4px' }} />
              </View>
            </View>
            <Text className='staff-row__side' style={{ marginLeft: '20px' }}>
              {yuan(r.gmvFen)}
            </Text>
          </View>
        ))}
      </SectionCard>
    </View>
  );
}
