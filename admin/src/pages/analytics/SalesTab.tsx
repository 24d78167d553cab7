import { Card, Col, Empty, Row, Table, Tabs } from 'antd';
import { Column, Line, Pie } from '@ant-design/charts';
import type { SalesGroupView } from '@mall/shared';
import { useLoad } from '../../components/use-load';
import { fetchSales, fetchSalesBy, rangeParams, type Range } from '../../services/analytics';
import { yuan } from '../../services/format';
import { ExportButton, Kpi, pct, toYuan } from './parts';

const GROUPS = [
  { key: 'store', table: 'stores', title: '门店业绩', label: '门店' },
  { key: 'guide', table: 'guides', title: '导购业绩', label: '导购' },
  { key: 'channel', table: 'channels', title: '渠道', label: '渠道' },
] as const;

function GroupTable({ groupBy, label, range }: { groupBy: 'store' | 'guide' | 'channel'; label: string; range: Range }) {
  const rows = useLoad(() => fetchSalesBy(groupBy, range), [groupBy, range.from, range.to, range.storeId]);
  return (
    <Table<SalesGroupView>
      size='small'
      rowKey='key'
      loading={rows.loading}
      dataSource={rows.data ?? []}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: '所选日期内暂无数据' }}
      columns={[
        { title: label, dataIndex: 'label' },
        { title: '新增会员', dataIndex: 'newMembers', align: 'right' },
        { title: '订单数', dataIndex: 'orders', align: 'right' },
        { title: 'GMV', dataIndex: 'gmvFen', align: 'right', render: (v: number) => yuan(v) },
        { title: '退款', dataIndex: 'refundFen', align: 'right', render: (v: number) => yuan(v) },
        { title: '客单价', dataIndex: 'aovFen', align: 'right', render: (v: number | null) => yuan(v) },
        { title: 'SVIP 收入占比', dataIndex: 'svipShare', align: 'right', render: (v: number | null) => pct(v) },
      ]}
    />
  );
}

/** GMV, orders, AOV, new members and member vs non-member revenue per day, and performance by store, guide and channel. */
export function SalesTab({ range }: { range: Range }) {
  const sales = useLoad(() => fetchSales(range), [range.from, range.to, range.storeId]);
  const s = sales.data;
  const gmvLines = (s?.days ?? []).flatMap((d) => [
    { day: d.day, kind: 'GMV', yuan: toYuan(d.gmvFen) },
    { day: d.day, kind: '净 GMV（扣退款）', yuan: toYuan(d.netGmvFen) },
  ]);
  const orderColumns = (s?.days ?? []).flatMap((d) => [
    { day: d.day, kind: '订单数', n: d.orders },
    { day: d.day, kind: '新增会员', n: d.newMembers },
  ]);
  const share = s
    ? [
        { kind: 'SVIP 会员', yuan: toYuan(s.totals.svipGmvFen) },
        { kind: '非 SVIP', yuan: toYuan(s.totals.netGmvFen - s.totals.svipGmvFen) },
      ]
    : [];
  const params = rangeParams(range);
  return (
    <div data-testid='analytics-sales'>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={5}>
          <Kpi title='GMV' value={yuan(s?.totals.gmvFen ?? 0)} testId='kpi-gmv' />
        </Col>
        <Col span={5}>
          <Kpi title='净 GMV' value={yuan(s?.totals.netGmvFen ?? 0)} />
        </Col>
        <Col span={4}>
          <Kpi title='订单数' value={s?.totals.orders ?? 0} testId='kpi-orders' />
        </Col>
        <Col span={5}>
          <Kpi title='客单价' value={yuan(s?.totals.aovFen ?? null)} />
        </Col>
        <Col span={5}>
          <Kpi title='新增会员' value={s?.totals.newMembers ?? 0} testId='kpi-new-members' />
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={16}>
          <Card size='small' title='每日 GMV（元）' loading={sales.loading} extra={<ExportButton table='sales' params={params} />}>
            {gmvLines.length ? (
              <Line data={gmvLines} xField='day' yField='yuan' colorField='kind' height={260} axis={{ x: { labelAutoHide: true } }} />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <Card size='small' title={`会员 vs 非会员收入（SVIP 占比 ${pct(s?.totals.svipShare)}）`} loading={sales.loading}>
            {s && s.totals.netGmvFen > 0 ? (
              <Pie data={share} angleField='yuan' colorField='kind' height={260} innerRadius={0.6} legend={{ color: { position: 'bottom' } }} />
            ) : (
              <Empty description='暂无收入' />
            )}
          </Card>
        </Col>
      </Row>
      <Card size='small' title='每日订单与新增会员' loading={sales.loading} style={{ marginBottom: 16 }}>
        {orderColumns.length ? (
          <Column data={orderColumns} xField='day' yField='n' colorField='kind' group height={220} axis={{ x: { labelAutoHide: true } }} />
        ) : (
          <Empty />
        )}
      </Card>
      <Card size='small' title='门店 · 导购 · 渠道'>
        <Tabs
          items={GROUPS.map((g) => ({
            key: g.key,
            label: g.title,
            children: (
              <>
                <div style={{ textAlign: 'right', marginBottom: 8 }}>
                  <ExportButton table={g.table} params={params} />
                </div>
                <GroupTable groupBy={g.key} label={g.label} range={range} />
              </>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
