import { useRef, useState } from 'react';
import { App, Button, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { ACCOUNT_ROLE_LABELS, AUDIT_ACTION_LABELS, AUDIT_TARGET_LABELS, type AccountRole, type AuditLogView, type Page } from '@mall/shared';
import { dateTime } from '../services/format';
import { downloadFile, http, qs } from '../services/http';
import { AdminTable, pageRows } from './AdminTable';
import { MemberLink } from './MemberLink';

interface Filters {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorAccountId?: number;
  from?: string;
  to?: string;
}

/** One detail value in words: money-looking keys in yuan are left to the operator; objects as compact JSON. */
const detailText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The entry's details as key: value lines (reason first: it is what a reader looks for). */
function Details({ details }: { details: Record<string, unknown> }) {
  const keys = Object.keys(details).sort((a, b) => (a === 'reason' ? -1 : b === 'reason' ? 1 : 0));
  if (keys.length === 0) return <Typography.Text type='secondary'>-</Typography.Text>;
  return (
    <Space direction='vertical' size={0}>
      {keys.map((k) => (
        <Typography.Text key={k} style={{ fontSize: 12 }} ellipsis={{ tooltip: detailText(details[k]) }}>
          <Typography.Text type='secondary' style={{ fontSize: 12 }}>
            {k}:
          </Typography.Text>{' '}
          {detailText(details[k])}
        </Typography.Text>
      ))}
    </Space>
  );
}

/**
 * The audit log (who changed what, newest first) with the server's filters. `fixed` pins filters
 * (a member's own log on their detail page) and hides them from the form.
 */
export function AuditLogTable({ fixed, tableKey = 'audit-logs', ghost }: { fixed?: Filters; tableKey?: string; ghost?: boolean }) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const pinned = (key: keyof Filters) => fixed?.[key] !== undefined;
  const columns: ProColumns<AuditLogView>[] = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (_, a) => dateTime(a.createdAt) },
    {
      title: '操作',
      dataIndex: 'action',
      search: !pinned('action'),
      fieldProps: { placeholder: '如 member.birthday.change，或前缀 wallet.' },
      render: (_, a) => (
        <Space direction='vertical' size={0}>
          <span>{AUDIT_ACTION_LABELS[a.action] ?? a.action}</span>
          <Typography.Text type='secondary' style={{ fontSize: 12 }}>
            {a.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '对象类型',
      dataIndex: 'targetType',
      hideInTable: true,
      search: !pinned('targetType'),
      valueType: 'select',
      valueEnum: Object.fromEntries(Object.entries(AUDIT_TARGET_LABELS).map(([k, text]) => [k, { text }])),
    },
    { title: '对象 ID', dataIndex: 'targetId', hideInTable: true, search: !pinned('targetId') },
    {
      title: '对象',
      key: 'target',
      render: (_, a) =>
        a.target.type === 'member' && /^\d+$/.test(a.target.id) ? (
          <MemberLink id={Number(a.target.id)} />
        ) : (
          `${AUDIT_TARGET_LABELS[a.target.type] ?? a.target.type} #${a.target.id}`
        ),
    },
    {
      title: '操作人',
      dataIndex: 'actorAccountId',
      search: !pinned('actorAccountId'),
      valueType: 'digit',
      fieldProps: { placeholder: '账号 ID', precision: 0, min: 1 },
      render: (_, a) => (
        <Space size={4}>
          <span>{a.actor.displayName ?? `账号 #${a.actor.id}`}</span>
          <Tag>{ACCOUNT_ROLE_LABELS[a.actor.role as AccountRole] ?? a.actor.role}</Tag>
        </Space>
      ),
    },
    { title: '详情', key: 'details', width: 360, render: (_, a) => <Details details={a.details} /> },
    {
      title: '日期',
      dataIndex: 'days',
      valueType: 'dateRange',
      hideInTable: true,
      hideInSetting: true,
      search: { transform: (days: [string, string]) => ({ from: days[0], to: days[1] }) },
    },
  ];
  const filters = useRef<Filters>({});
  const exportCsv = async () => {
    setExporting(true);
    try {
      const { action, targetId, ...rest } = filters.current;
      await downloadFile(
        `/api/admin/audit-logs/export.csv${qs({ ...rest, action: action?.trim(), targetId: targetId?.trim(), ...fixed })}`,
        `操作记录-${new Date().toISOString().slice(0, 10)}.csv`,
        () => http(`/api/admin/audit-logs${qs({ page: 1, pageSize: 1 })}`),
      );
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setExporting(false);
    }
  };
  return (
    <AdminTable<AuditLogView, Filters>
      tableKey={tableKey}
      ghost={ghost}
      headerTitle={ghost ? undefined : '操作记录'}
      columns={columns}
      toolBarRender={() => [
        <Button key='export' icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
          导出 CSV
        </Button>,
      ]}
      request={({ current, pageSize, action, targetType, targetId, actorAccountId, from, to }) => {
        filters.current = { action, targetType, targetId, actorAccountId, from, to };
        return pageRows(
          http<Page<AuditLogView>>(
            `/api/admin/audit-logs${qs({ page: current, pageSize, action: action?.trim(), targetType, targetId: targetId?.trim(), actorAccountId, from, to, ...fixed })}`,
          ),
        );
      }}
      locale={{ emptyText: '暂无操作记录' }}
    />
  );
}
