import { useState } from 'react';
import { Card, Col, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import type { MembershipMetrics } from '@mall/shared';
import { DayRangePicker, type DayRange } from '../../components/DayRangePicker';
import { useLoad } from '../../components/use-load';
import { beijingDays, thisMonthDays, yuan } from '../../services/format';
import { http, qs } from '../../services/http';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function MetricsTab() {
  const [range, setRange] = useState<DayRange>(thisMonthDays);
  const { data, loading } = useLoad(() => http<MembershipMetrics>(`/api/admin/membership/metrics${qs(beijingDays(...range))}`), [range[0], range[1]]);
  const stats: [string, string | number][] = [
    ['当前付费会员', data?.active ?? 0],
    ['新开通', data?.newMembers ?? 0],
    ['续费', data?.renewals ?? 0],
    ['流失', data?.churned ?? 0],
    ['续费率（到期队列）', pct(data?.renewalRate ?? null)],
    ['会员收入', yuan(data?.revenueFen ?? 0)],
  ];
  return (
    <Space direction='vertical' size='large' style={{ width: '100%' }}>
      <Space>
        <DayRangePicker value={range} onChange={setRange} />
        <Typography.Text type='secondary'>按北京时间自然日统计</Typography.Text>
      </Space>
      <Row gutter={16}>
        {stats.map(([title, value]) => (
          <Col span={4} key={title}>
            <Card loading={loading} size='small'>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size='small' title='到期队列续费'>
        <Table
          rowKey='month'
          loading={loading}
          pagination={false}
          size='small'
          dataSource={data?.cohorts ?? []}
          locale={{ emptyText: '本期没有到期的会员' }}
          columns={[
            { title: '到期月份', dataIndex: 'month' },
            { title: '到期人数', dataIndex: 'expired', align: 'right' },
            { title: '宽限期内续费', dataIndex: 'renewed', align: 'right' },
            {
              title: '续费率',
              dataIndex: 'rate',
              width: 320,
              render: (r: number | null) => (r === null ? '—' : <Progress percent={Math.round(r * 100)} size='small' strokeColor='#C8A063' />),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
