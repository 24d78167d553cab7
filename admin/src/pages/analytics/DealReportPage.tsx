import { useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Column } from '@ant-design/charts';
import { bpsPercent, type DealPerformanceRow, type FlashSalePerformanceRow, type GroupBuyPerformanceRow } from '@mall/shared';
import { DayRangePicker, type DayRange } from '../../components/DayRangePicker';
import { useLoad } from '../../components/use-load';
import { downloadDealReport, fetchDealReport, type Range } from '../../services/analytics';
import { dateTime, lastDays, yuan } from '../../services/format';
import { Kpi, toYuan } from './parts';
import type { ColumnsType } from 'antd/es/table';

function Hint({ title, tip }: { title: string; tip: string }) {
  return (
    <Tooltip title={tip}>
      {title} <QuestionCircleOutlined style={{ color: '#999' }} />
    </Tooltip>
  );
}

/** The columns both deal kinds share, in the order ops read them: reach → orders → money → people. */
function commonColumns<T extends DealPerformanceRow>(): NonNullable<Parameters<typeof Table<T>>[0]['columns']> {
  return [
    {
      title: '活动',
      dataIndex: 'name',
      fixed: 'left',
      render: (_, r) => (
        <Space direction='vertical' size={0}>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type='secondary' style={{ fontSize: 12 }}>
            {r.productName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '活动时间',
      dataIndex: 'startAt',
      render: (_, r) => (
        <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {dateTime(r.startAt).slice(5)} 起
          <br />
          {dateTime(r.endAt).slice(5)} 止
        </Typography.Text>
      ),
    },
    { title: '商品浏览', dataIndex: 'views', align: 'right' },
    { title: <Hint title='预占' tip='秒杀锁定 / 拼团占位（含未支付）' />, dataIndex: 'reservations', align: 'right' },
    { title: '支付订单', dataIndex: 'paidOrders', align: 'right' },
    { title: '售出件数', dataIndex: 'unitsSold', align: 'right' },
    { title: '成交额', dataIndex: 'revenueFen', align: 'right', render: (v) => yuan(v as number) },
    {
      title: '退款',
      dataIndex: 'refundFen',
      align: 'right',
      render: (_, r) => (r.refundOrders ? `${yuan(r.refundFen)}（${r.refundOrders} 单）` : '-'),
    },
    { title: '购买人数', dataIndex: 'uniqueBuyers', align: 'right' },
    { title: <Hint title='新客' tip='首笔支付订单来自本活动的会员' />, dataIndex: 'newMembers', align: 'right' },
  ];
}

function FlashSaleTable({ rows, loading }: { rows: FlashSalePerformanceRow[]; loading: boolean }) {
  const columns = commonColumns<FlashSalePerformanceRow>();
  columns.splice(5, 0, {
    title: '售罄率',
    dataIndex: 'sellThroughBps',
    align: 'right',
    width: 110,
    render: (_, r) => `${bpsPercent(r.sellThroughBps)}（${r.unitsSold}/${r.stockTotal}）`,
  });
  return <PerformanceTable rows={rows} loading={loading} columns={columns} emptyText='所选日期内没有秒杀活动' testId='deal-report-flash-sales' />;
}

function GroupBuyTable({ rows, loading }: { rows: GroupBuyPerformanceRow[]; loading: boolean }) {
  const columns = commonColumns<GroupBuyPerformanceRow>();
  columns.splice(
    5,
    0,
    { title: '开团', dataIndex: 'groupsOpened', align: 'right' },
    {
      title: '成团 / 失败',
      dataIndex: 'groupsCompleted',
      align: 'right',
      render: (_, r) => (
        <Space size={4}>
          <Tag color='success'>{r.groupsCompleted}</Tag>
          <Tag color={r.groupsFailed ? 'error' : 'default'}>{r.groupsFailed}</Tag>
        </Space>
      ),
    },
    { title: '成团率', dataIndex: 'completionBps', align: 'right', render: (_, r) => (r.groupsCompleted + r.groupsFailed ? bpsPercent(r.completionBps) : '-') },
    {
      title: <Hint title='虚拟成员' tip='开启「虚拟成团」的活动，到时用虚拟成员补齐成团的人数（非真实会员，无订单）' />,
      dataIndex: 'virtualMembers',
      align: 'right',
      render: (_, r) => (r.virtualMembers ? <Tag color='gold'>{`${r.virtualMembers} 人 / ${r.groupsCompletedWithVirtual} 团`}</Tag> : '-'),
    },
  );
  return <PerformanceTable rows={rows} loading={loading} columns={columns} emptyText='所选日期内没有拼团活动' testId='deal-report-group-buys' />;
}

/** One deal table: the same size, paging and scrolling for flash sales and group buys. */
function PerformanceTable<T extends { id: number }>(props: { rows: T[]; loading: boolean; columns: ColumnsType<T>; emptyText: string; testId: string }) {
  return (
    <Table<T>
      size='small'
      rowKey='id'
      loading={props.loading}
      dataSource={props.rows}
      columns={props.columns}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: props.emptyText }}
      data-testid={props.testId}
    />
  );
}

/** 活动效果: how each flash sale and group buy did — reach, orders, money, buyers, and for group buys how many groups made it. */
export default function DealReportPage() {
  const { message } = App.useApp();
  const [days, setDays] = useState<DayRange>(lastDays(30));
  const [busy, setBusy] = useState(false);
  const range: Range = { from: days[0], to: days[1] };
  const report = useLoad(() => fetchDealReport(range), [range.from, range.to]);
  const r = report.data;
  const all: (DealPerformanceRow & { kind: string })[] = [
    ...(r?.flashSales ?? []).map((x) => ({ ...x, kind: '秒杀' })),
    ...(r?.groupBuys ?? []).map((x) => ({ ...x, kind: '拼团' })),
  ];
  const sum = (f: (x: DealPerformanceRow) => number) => all.reduce((s, x) => s + f(x), 0);
  const chart = all.flatMap((x) => [
    { deal: `${x.kind}·${x.name}`, kind: '成交额', yuan: toYuan(x.revenueFen) },
    { deal: `${x.kind}·${x.name}`, kind: '退款', yuan: toYuan(x.refundFen) },
  ]);
  return (
    <Space direction='vertical' style={{ width: '100%' }} size={12} data-testid='deal-report'>
      <Space>
        <Typography.Text>日期范围：</Typography.Text>
        <DayRangePicker value={days} onChange={setDays} />
        <Typography.Text type='secondary'>活动时间与所选日期（北京时间）有交集的活动；数字为活动全程累计</Typography.Text>
      </Space>
      <Row gutter={16}>
        <Col span={4}>
          <Kpi title='活动数' value={all.length} />
        </Col>
        <Col span={5}>
          <Kpi title='成交额' value={yuan(sum((x) => x.revenueFen))} testId='deal-kpi-revenue' />
        </Col>
        <Col span={5}>
          <Kpi title='退款' value={yuan(sum((x) => x.refundFen))} />
        </Col>
        <Col span={5}>
          <Kpi title='支付订单' value={sum((x) => x.paidOrders)} />
        </Col>
        <Col span={5}>
          <Kpi title='带来新客' value={sum((x) => x.newMembers)} />
        </Col>
      </Row>
      <Card size='small' title='各活动成交额与退款（元）' loading={report.loading}>
        {chart.length ? (
          <Column data={chart} xField='deal' yField='yuan' colorField='kind' group height={260} axis={{ x: { labelAutoHide: true } }} />
        ) : (
          <Empty description='所选日期内没有活动' />
        )}
      </Card>
      <Card
        size='small'
        title='活动效果'
        extra={
          <Button
            size='small'
            icon={<DownloadOutlined />}
            loading={busy}
            data-testid='export-deal-report'
            onClick={async () => {
              setBusy(true);
              try {
                await downloadDealReport(range);
              } catch (error) {
                void message.error((error as Error).message);
              } finally {
                setBusy(false);
              }
            }}
          >
            导出 CSV
          </Button>
        }
      >
        <Tabs
          items={[
            {
              key: 'flash',
              label: `限时秒杀（${r?.flashSales.length ?? 0}）`,
              children: <FlashSaleTable rows={r?.flashSales ?? []} loading={report.loading} />,
            },
            { key: 'group', label: `拼团（${r?.groupBuys.length ?? 0}）`, children: <GroupBuyTable rows={r?.groupBuys ?? []} loading={report.loading} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
