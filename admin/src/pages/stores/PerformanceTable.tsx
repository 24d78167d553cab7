import { Progress, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StaffPerformanceRow, StorePerformanceTotals } from '@mall/shared';
import { yuan } from '../../services/format';

/** GMV with a bar relative to the best row, in the panel's gold. */
export function GmvBar({ fen, best, width = 100 }: { fen: number; best: number; width?: number }) {
  return (
    <Space>
      <Progress percent={Math.round((fen / Math.max(1, best)) * 100)} showInfo={false} size='small' style={{ width }} strokeColor='#C8A063' />
      {yuan(fen)}
    </Space>
  );
}

/** The measures every performance row has (a guide's, a store's). */
export function performanceColumns<T extends StorePerformanceTotals>(rows: T[]): ColumnsType<T> {
  const best = Math.max(1, ...rows.map((r) => r.gmvFen));
  return [
    { title: '新绑定', dataIndex: 'newBindings', align: 'right' },
    { title: '名下会员', dataIndex: 'boundMembers', align: 'right' },
    { title: '商城 GMV', dataIndex: 'gmvFen', render: (v: number) => <GmvBar fen={v} best={best} /> },
    { title: '储值', dataIndex: 'rechargeFen', align: 'right', render: (v: number) => yuan(v) },
    { title: 'SVIP', dataIndex: 'svipFen', align: 'right', render: (v: number) => yuan(v) },
  ];
}

/** Guides ranked by attributed GMV; with a store column when the rows span stores. */
export function PerformanceTable({ rows, loading }: { rows: (StaffPerformanceRow & { storeName?: string })[]; loading?: boolean }) {
  return (
    <Table
      rowKey={(r) => `${r.storeName ?? ''}-${r.staffAccountId ?? 'store'}`}
      dataSource={rows}
      loading={loading}
      pagination={false}
      size='small'
      locale={{ emptyText: '本期暂无业绩' }}
      columns={[
        { title: '#', key: 'rank', width: 50, render: (_, __, i) => i + 1 },
        { title: '导购', dataIndex: 'staffName' },
        ...(rows.some((r) => r.storeName) ? [{ title: '门店', dataIndex: 'storeName' }] : []),
        ...performanceColumns(rows),
      ]}
    />
  );
}
