import { Card, Col, Empty, Row, Table } from 'antd';
import { Column, Line } from '@ant-design/charts';
import type { RenewalCohortView } from '@mall/shared';
import { useLoad } from '../../components/use-load';
import { fetchSvip, type Range } from '../../services/analytics';
import { yuan } from '../../services/format';
import { ExportButton, Kpi, pct, toYuan } from './parts';

/** Paid membership: new, renewed, active, churned; renewal rate by expiry month; benefit savings vs fees (优免占比). */
export function SvipTab({ range }: { range: Range }) {
  const svip = useLoad(() => fetchSvip(range), [range.from, range.to]);
  const v = svip.data;
  const counts = (v?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '新开通', n: d.newCount },
    { day: d.day, kind: '续费', n: d.renewedCount },
    { day: d.day, kind: '流失', n: d.churned ?? 0 },
  ]);
  const active = (v?.days ?? []).map((d) => ({ day: d.day, n: d.activeEnd }));
  const money = (v?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '会费（扣退款）', yuan: toYuan(d.feeFen - d.refundFen) },
    { day: d.day, kind: '会员优惠', yuan: toYuan(d.savingsFen) },
  ]);
  const params = { from: range.from, to: range.to };
  return (
    <div data-testid='analytics-svip'>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={5}>
          <Kpi title='有效 SVIP' value={v?.totals.activeNow ?? 0} testId='kpi-svip-active' />
        </Col>
        <Col span={5}>
          <Kpi title='新开通 / 续费' value={`${v?.totals.newCount ?? 0} / ${v?.totals.renewedCount ?? 0}`} />
        </Col>
        <Col span={5}>
          <Kpi title='会费收入' value={yuan((v?.totals.feeFen ?? 0) - (v?.totals.refundFen ?? 0))} />
        </Col>
        <Col span={4}>
          <Kpi title='流失' value={v?.totals.churned ?? 0} />
        </Col>
        <Col span={5}>
          <Kpi title='优免占比（优惠 / 会费）' value={pct(v?.totals.savingsToFee)} testId='kpi-savings-ratio' />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={12}>
          <Card size='small' title='开通 · 续费 · 流失' loading={svip.loading} extra={<ExportButton table='svip' params={params} />}>
            {counts.length ? (
              <Column data={counts} xField='day' yField='n' colorField='kind' stack height={240} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card size='small' title='日末有效会员' loading={svip.loading}>
            {active.length ? <Line data={active} xField='day' yField='n' height={240} axis={{ x: { labelAutoHide: true } }} /> : <Empty />}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size='small' title='会费 vs 会员优惠（元）' loading={svip.loading}>
            {money.length ? <Line data={money} xField='day' yField='yuan' colorField='kind' height={240} axis={{ x: { labelAutoHide: true } }} /> : <Empty />}
          </Card>
        </Col>
        <Col span={12}>
          <Card size='small' title='按到期月份的续费率（宽限 30 天）' extra={<ExportButton table='renewal' params={params} />}>
            <Table<RenewalCohortView>
              size='small'
              rowKey='month'
              loading={svip.loading}
              dataSource={v?.renewal ?? []}
              pagination={false}
              locale={{ emptyText: '所选日期内没有到期的会员' }}
              columns={[
                { title: '到期月份', dataIndex: 'month' },
                { title: '到期', dataIndex: 'ended', align: 'right' },
                { title: '已续费', dataIndex: 'renewed', align: 'right' },
                { title: '续费率', dataIndex: 'rate', align: 'right', render: (r: number | null) => pct(r) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
