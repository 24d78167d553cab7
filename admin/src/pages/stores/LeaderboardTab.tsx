import { useState } from 'react';
import { Card, Space, Table, Typography } from 'antd';
import type { StoreLeaderboard, StoreLeaderboardRow } from '@mall/shared';
import { DayRangePicker, type DayRange } from '../../components/DayRangePicker';
import { useLoad } from '../../components/use-load';
import { beijingDays, thisMonthDays } from '../../services/format';
import { http, qs } from '../../services/http';
import { PerformanceTable, performanceColumns } from './PerformanceTable';

export function LeaderboardTab() {
  const [range, setRange] = useState<DayRange>(thisMonthDays);
  const board = useLoad(() => http<StoreLeaderboard>(`/api/admin/leaderboard${qs(beijingDays(...range))}`), [range[0], range[1]]);
  const stores = board.data?.stores ?? [];
  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Space>
        <DayRangePicker value={range} onChange={setRange} />
        <Typography.Text type='secondary'>按北京时间自然日统计，业绩归属于会员绑定的门店与导购</Typography.Text>
      </Space>
      <Card size='small' title='门店排行'>
        <Table<StoreLeaderboardRow>
          rowKey='storeId'
          loading={board.loading}
          dataSource={stores}
          pagination={false}
          size='small'
          locale={{ emptyText: '本期暂无门店业绩' }}
          columns={[
            { title: '#', key: 'rank', width: 50, render: (_, __, i) => i + 1 },
            { title: '门店', dataIndex: 'storeName' },
            ...performanceColumns(stores),
          ]}
        />
      </Card>
      <Card size='small' title='导购排行（前 50）'>
        <PerformanceTable rows={board.data?.staff ?? []} loading={board.loading} />
      </Card>
    </Space>
  );
}
