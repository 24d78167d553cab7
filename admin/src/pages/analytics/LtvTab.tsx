import { useState } from 'react';
import { Card, DatePicker, Empty, Space, Table, Typography } from 'antd';
import { Line } from '@ant-design/charts';
import dayjs from 'dayjs';
import type { LtvRow } from '@mall/shared';
import { useLoad } from '../../components/use-load';
import { fetchLtv } from '../../services/analytics';
import { yuan } from '../../services/format';
import { ExportButton } from './parts';

const MONTH = 'YYYY-MM';

/** Heat colour of a cell: white to gold by its share of the table's largest value. */
function heat(value: number, max: number): string {
  const t = max > 0 ? value / max : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(255, 214)}, ${mix(255, 158)}, ${mix(255, 46)})`;
}

/** LTV by monthly join cohort: cumulative spend per member by months since joining, as a heat table and lines. */
export function LtvTab() {
  const [months, setMonths] = useState<[string, string]>([dayjs().subtract(11, 'month').format(MONTH), dayjs().format(MONTH)]);
  const ltv = useLoad(() => fetchLtv(months[0], months[1]), [months[0], months[1]]);
  const rows = ltv.data?.rows ?? [];
  const max = Math.max(0, ...rows.flatMap((r) => r.cumulativePerMemberFen.filter((c): c is number => c !== null)));
  const offsets = Array.from({ length: (ltv.data?.maxOffset ?? 0) + 1 }, (_, i) => i);
  const lines = rows.flatMap((r) =>
    r.cumulativePerMemberFen.flatMap((c, i) => (c === null ? [] : [{ month: `第 ${i} 月`, offset: i, cohort: r.cohort, yuan: c / 100 }])),
  );
  return (
    <div data-testid='analytics-ltv'>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>加入月份：</Typography.Text>
        <DatePicker.RangePicker
          picker='month'
          allowClear={false}
          value={[dayjs(months[0]), dayjs(months[1])]}
          onChange={(v) => v?.[0] && v[1] && setMonths([v[0].format(MONTH), v[1].format(MONTH)])}
        />
        <ExportButton table='ltv' params={{ fromMonth: months[0], toMonth: months[1] }} />
      </Space>
      <Card size='small' title='累计人均消费（元 / 人，按加入月份）' style={{ marginBottom: 16 }}>
        <Table<LtvRow>
          size='small'
          rowKey='cohort'
          loading={ltv.loading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          data-testid='ltv-heat'
          locale={{ emptyText: '所选月份没有新会员' }}
          columns={[
            { title: '加入月份', dataIndex: 'cohort', fixed: 'left', width: 100 },
            { title: '会员数', dataIndex: 'members', align: 'right', width: 80 },
            ...offsets.map((i) => ({
              title: `第 ${i} 月`,
              key: `m${i}`,
              align: 'right' as const,
              width: 90,
              onCell: (r: LtvRow) => ({ style: { background: r.cumulativePerMemberFen[i] == null ? '#fafafa' : heat(r.cumulativePerMemberFen[i]!, max) } }),
              render: (_: unknown, r: LtvRow) => (r.cumulativePerMemberFen[i] == null ? '' : yuan(r.cumulativePerMemberFen[i]!)),
            })),
          ]}
        />
      </Card>
      <Card size='small' title='LTV 曲线' loading={ltv.loading}>
        {lines.length ? <Line data={lines} xField='month' yField='yuan' colorField='cohort' height={280} /> : <Empty description='暂无数据' />}
      </Card>
    </div>
  );
}
