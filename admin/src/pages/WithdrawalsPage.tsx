import { useRef, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { ProFormTextArea, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { canTransition, WITHDRAWAL_STATES, type WithdrawalStatus, type WithdrawalView } from '@mall/shared';
import { AdminTable, allRows } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { stateValueEnum } from '../components/status';
import { useAction } from '../components/use-action';
import { dateTime, yuan } from '../services/format';
import { http, qs } from '../services/http';
import { MemberLink } from '../components/MemberLink';

const STATUS = stateValueEnum(WITHDRAWAL_STATES, { pending: 'Warning', approved: 'Success' });

type Review = { row: WithdrawalView; action: 'approve' | 'reject' };

export default function WithdrawalsPage() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [review, setReview] = useState<Review | null>(null);

  const columns: ProColumns<WithdrawalView>[] = [
    { title: '申请', dataIndex: 'id', width: 70 },
    { title: '会员', dataIndex: 'memberId', width: 160, render: (_, w) => <MemberLink id={w.memberId} /> },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    {
      title: '退回本金',
      dataIndex: 'principalFen',
      align: 'right',
      render: (_, r) => (r.status === 'approved' ? yuan(r.principalFen) : <Typography.Text type='secondary'>审核时计算</Typography.Text>),
    },
    {
      title: '作废赠送金',
      dataIndex: 'bonusForfeitFen',
      align: 'right',
      render: (_, r) => (r.status === 'approved' ? yuan(r.bonusForfeitFen) : '-'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueEnum: STATUS,
      search: true,
      initialValue: 'pending',
      width: 100,
    },
    { title: '审核说明', dataIndex: 'reviewNote', ellipsis: true },
    { title: '申请时间', dataIndex: 'createdAt', width: 150, render: (_, r) => dateTime(r.createdAt) },
    { title: '审核时间', dataIndex: 'reviewedAt', width: 150, render: (_, r) => dateTime(r.reviewedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 140,
      render: (_, row) =>
        canTransition(WITHDRAWAL_STATES.transitions, row.status, 'approved') ? (
          <Space>
            <Button size='small' type='primary' onClick={() => setReview({ row, action: 'approve' })}>
              通过
            </Button>
            <Button size='small' danger onClick={() => setReview({ row, action: 'reject' })}>
              拒绝
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <AdminTable<WithdrawalView, { status?: WithdrawalStatus }>
        tableKey='withdrawals'
        headerTitle='提现审核'
        actionRef={table}
        columns={columns}
        request={({ status }) => allRows(http<{ items: WithdrawalView[] }>(`/api/admin/withdrawals${qs({ status })}`))}
        locale={{ emptyText: '暂无申请' }}
      />
      <EditModal<{ note: string }>
        title={review?.action === 'approve' ? `通过提现 · 会员 ${review.row.memberId}` : `拒绝提现 · 会员 ${review?.row.memberId ?? ''}`}
        open={review !== null}
        onOpenChange={(open) => !open && setReview(null)}
        modalProps={{ okText: review?.action === 'approve' ? '通过' : '拒绝' }}
        submitter={{ submitButtonProps: { danger: review?.action === 'reject' } }}
        onFinish={async ({ note }) => {
          const { row, action } = review!;
          const done = await run(
            () => http(`/api/admin/withdrawals/${row.id}/${action}`, { method: 'POST', body: { note } }),
            action === 'approve' ? '已通过，本金将原路退回' : '已拒绝',
          );
          if (done) void table.current?.reload();
          return done;
        }}
      >
        {review?.action === 'approve' && <Alert type='warning' showIcon style={{ marginBottom: 16 }} message='剩余本金按充值记录原路退回，赠送金作废。' />}
        <ProFormTextArea
          name='note'
          label='审核说明'
          rules={[{ required: true, whitespace: true, message: '请填写审核说明' }]}
          fieldProps={{ rows: 3, maxLength: 120, showCount: true }}
        />
      </EditModal>
    </>
  );
}
