import { useState } from 'react';
import { Card, Col, DatePicker, Progress, Row, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LiabilityReport } from '@mall/shared';
import { useLoad } from '../components/use-load';
import { yuan } from '../services/format';
import { http } from '../services/http';

export default function LiabilityPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')]);
  const { data, loading } = useLoad(
    () => http<LiabilityReport>(`/api/admin/wallet/liability?from=${range[0].toISOString()}&to=${range[1].toISOString()}`),
    [range[0].valueOf(), range[1].valueOf()],
  );
  const total = (data?.outstanding.principalFen ?? 0) + (data?.outstanding.bonusFen ?? 0);
  const p = data?.period;
  const flows = p
    ? [
        { key: 'recharged', item: '充值本金', fen: p.rechargedPrincipalFen },
        { key: 'bonus', item: '充值赠送金', fen: p.rechargedBonusFen },
        { key: 'spentP', item: '消费本金', fen: p.spentPrincipalFen },
        { key: 'spentB', item: '消费赠送金', fen: p.spentBonusFen },
        { key: 'refunded', item: '充值退款本金', fen: p.refundedPrincipalFen },
        { key: 'withdrawn', item: '提现本金', fen: p.withdrawnPrincipalFen },
        { key: 'forfeited', item: '作废赠送金', fen: p.forfeitedBonusFen },
        { key: 'adjP', item: '人工调整本金', fen: p.adjustedPrincipalFen },
        { key: 'adjB', item: '人工调整赠送金', fen: p.adjustedBonusFen },
      ]
    : [];
  const maxFlow = Math.max(1, ...flows.map((f) => Math.abs(f.fen)));

  return (
    <Card title='储值负债报表' extra={<DatePicker.RangePicker value={range} onChange={(v) => v && setRange([v[0]!.startOf('day'), v[1]!.endOf('day')])} allowClear={false} />}>
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col span={6}><Card loading={loading}><Statistic title='未兑付合计' value={yuan(total)} /></Card></Col>
        <Col span={6}><Card loading={loading}><Statistic title='本金（可退）' value={yuan(data?.outstanding.principalFen ?? 0)} /></Card></Col>
        <Col span={6}><Card loading={loading}><Statistic title='赠送金' value={yuan(data?.outstanding.bonusFen ?? 0)} /></Card></Col>
        <Col span={6}><Card loading={loading}><Statistic title='有余额的钱包' value={data?.outstanding.wallets ?? 0} /></Card></Col>
      </Row>
      <Table
        rowKey='key'
        loading={loading}
        pagination={false}
        dataSource={flows}
        columns={[
          { title: '期间发生额', dataIndex: 'item', width: 180 },
          { title: '金额', dataIndex: 'fen', width: 160, render: yuan },
          { title: '', dataIndex: 'fen', render: (v: number) => <Progress percent={Math.round((Math.abs(v) / maxFlow) * 100)} showInfo={false} strokeColor='#C8A063' /> },
        ]}
      />
    </Card>
  );
}
