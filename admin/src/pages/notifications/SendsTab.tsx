import { Space, Typography } from 'antd';
import type { ProColumns } from '@ant-design/pro-components';
import {
  NOTIFICATION_SCENES,
  NOTIFICATION_SEND_STATES,
  type NotificationScene,
  type NotificationSendStatus,
  type NotificationSendView,
  type Page,
} from '@mall/shared';
import { AdminTable, pageRows } from '../../components/AdminTable';
import { labelValueEnum, stateValueEnum, StatusBadge } from '../../components/status';
import { dateTime } from '../../services/format';
import { http, qs } from '../../services/http';

const STATUS = stateValueEnum(NOTIFICATION_SEND_STATES, { sending: 'Processing', sent: 'Success', skipped: 'Default', failed: 'Error' });
const SCENES = labelValueEnum(
  Object.fromEntries(Object.entries(NOTIFICATION_SCENES).map(([scene, def]) => [scene, def.label])) as Record<NotificationScene, string>,
);

interface Filters {
  current?: number;
  pageSize?: number;
  scene?: NotificationScene;
  status?: NotificationSendStatus;
  memberId?: string;
}

/** Every send attempt, newest first: what was sent to whom, or why not (no template, no consent, WeChat's errcode). */
export function SendsTab() {
  const columns: ProColumns<NotificationSendView>[] = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (_, r) => dateTime(r.createdAt) },
    { title: '会员 ID', dataIndex: 'memberId', width: 90, search: true },
    { title: '场景', dataIndex: 'scene', width: 150, valueEnum: SCENES, search: true, render: (_, r) => r.sceneLabel },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      valueEnum: STATUS,
      search: true,
      render: (_, r) => <StatusBadge values={STATUS} status={r.status} text={r.statusText} />,
    },
    {
      title: '原因 / 微信返回',
      dataIndex: 'reason',
      width: 220,
      render: (_, r) =>
        r.reason ? (
          r.reasonText
        ) : r.errcode !== null && r.errcode !== 0 ? (
          <Typography.Text type='danger'>
            {r.errcode} {r.errorMessage}
          </Typography.Text>
        ) : r.errorMessage ? (
          <Typography.Text type='danger'>{r.errorMessage}</Typography.Text>
        ) : (
          '-'
        ),
    },
    {
      title: '内容',
      dataIndex: 'data',
      render: (_, r) => (
        <Space direction='vertical' size={0}>
          {Object.entries(r.data).map(([key, value]) => (
            <Typography.Text key={key} style={{ fontSize: 12 }}>
              <Typography.Text type='secondary'>{key}</Typography.Text> {value}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { title: '模板 ID', dataIndex: 'templateId', width: 140, ellipsis: true, copyable: true },
  ];

  return (
    <AdminTable<NotificationSendView, Filters>
      tableKey='notification-sends'
      columns={columns}
      request={({ current, pageSize, scene, status, memberId }) =>
        pageRows(
          http<Page<NotificationSendView>>(
            `/api/admin/notifications/sends${qs({ page: current, pageSize, scene, status, memberId: memberId && /^\d+$/.test(memberId) ? memberId : undefined })}`,
          ),
        )
      }
    />
  );
}
