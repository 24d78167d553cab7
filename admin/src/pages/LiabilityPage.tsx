import { useState } from 'react';
import { Card, Col, Progress, Row, Space, Statistic, Table, Typography } from 'antd';
import type { Fen, LiabilityReport } from '@mall/shared';
import { DayRangePicker, type DayRange } from '../components/DayRangePicker';
import { useLoad } from '../components/use-load';
import { beijingDays, lastDays, yuan } from '../services/format';
import { http, qs } from '../services/http';

type FlowKey = Exclude<keyof LiabilityReport['period'], 'from' | 'to'>;

/** The period's movements, in the order finance reads them. */
const FLOWS: [FlowKey, string][] = [
  ['rechargedPrincipalFen', '充值本金'],
  ['rechargedBonusFen', '充值赠送金'],
  ['spentPrincipalFen', '消费本金'],
  ['spentBonusFen', '消费赠送金'],
  ['refundedPrincipalFen', '充值退款本金'],
  ['withdrawnPrincipalFen', '提现本金'],
  ['forfeitedBonusFen', '作废赠送金'],
  ['adjustedPrincipalFen', '人工调整本金'],
  ['adjustedBonusFen', '人工调整赠送金'],
];

export default function LiabilityPage() {
  const [range, setRange] = useState<DayRange>(() => lastDays(30));
  const { data, loading } = useLoad(() => http<LiabilityReport>(`/api/admin/wallet/liability${qs(beijingDays(...range))}`), [range[0], range[1]]);
  const total = (data?.outstanding.principalFen ?? 0) + (data?.outstanding.bonusFen ?? 0);
  const flows = data ? FLOWS.map(([key, item]) => ({ key, item, fen: data.period[key] })) : [];
  const maxFlow = Math.max(1, ...flows.map((f) => Math.abs(f.fen)));

  return (
    <Card
      title='储值负债报表'
      extra={
        <Space>
          <Typography.Text type='secondary'>期间按北京时间自然日</Typography.Text>
          <DayRangePicker value={range} onChange={setRange} />
        </Space>
      }
    >
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='未兑付合计' value={yuan(total)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='本金（可退）' value={yuan(data?.outstanding.principalFen ?? 0)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='赠送金' value={yuan(data?.outstanding.bonusFen ?? 0)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card loading={loading}>
            <Statistic title='有余额的钱包' value={data?.outstanding.wallets ?? 0} />
          </Card>
        </Col>
      </Row>
      <Table
        rowKey='key'
        loading={loading}
        pagination={false}
        dataSource={flows}
        columns={[
          { title: '期间发生额', dataIndex: 'item', width: 180 },
          { title: '金额', dataIndex: 'fen', width: 160, align: 'right', render: (v: Fen) => yuan(v) },
          {
            title: '',
            key: 'bar',
            render: (_, f) => <Progress percent={Math.round((Math.abs(f.fen) / maxFlow) * 100)} showInfo={false} strokeColor='#C8A063' />,
          },
        ]}
      />
    </Card>
  );
}
