import { useRef } from 'react';
import { Button, Popconfirm, Space, Typography } from 'antd';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { AFTER_SALE_STATES, canTransition, type AfterSaleStatus, type AfterSaleView } from '@mall/shared';
import { AdminTable, allRows } from '../../components/AdminTable';
import { stateValueEnum } from '../../components/status';
import { useAction } from '../../components/use-action';
import { dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { MemberLink } from '../../components/MemberLink';

const STATUS = stateValueEnum(AFTER_SALE_STATES, {
  pending: 'Warning',
  refunding: 'Processing',
  completed: 'Success',
  failed: 'Error',
});

export function AfterSalesTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const review = async (id: number, action: 'approve' | 'reject') => {
    const done = await run(
      () =>
        http(`/api/admin/after-sales/${id}/${action}`, {
          method: 'POST',
          body: { note: action === 'approve' ? '同意退款' : '不符合退款条件' },
        }),
      action === 'approve' ? '已同意，款项原路退回' : '已拒绝',
    );
    if (done) void table.current?.reload();
  };
  const columns: ProColumns<AfterSaleView>[] = [
    { title: '申请', dataIndex: 'id', width: 70 },
    { title: '订单', dataIndex: 'orderId', width: 80 },
    { title: '会员', dataIndex: 'memberId', width: 160, render: (_, a) => <MemberLink id={a.memberId} /> },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    { title: '退微信', dataIndex: 'cashFen', align: 'right', render: (_, a) => yuan(a.cashFen) },
    { title: '退余额', dataIndex: 'balanceFen', align: 'right', render: (_, a) => yuan(a.balanceFen) },
    { title: '退积分', dataIndex: 'pointsReturned', align: 'right' },
    { title: '状态', dataIndex: 'status', valueEnum: STATUS, search: true, width: 110 },
    { title: '审核说明', dataIndex: 'reviewNote', ellipsis: true },
    { title: '申请时间', dataIndex: 'createdAt', render: (_, a) => dateTime(a.createdAt), width: 150 },
    {
      title: '操作',
      valueType: 'option',
      width: 140,
      render: (_, a) =>
        canTransition(AFTER_SALE_STATES.transitions, a.status, 'refunding') ? (
          <Space>
            <Popconfirm title='同意退款？余额、积分和券立即退回，微信部分原路退回。' onConfirm={() => review(a.id, 'approve')}>
              <Button size='small' type='primary'>
                同意
              </Button>
            </Popconfirm>
            <Popconfirm title='拒绝这笔退款申请？' onConfirm={() => review(a.id, 'reject')}>
              <Button size='small' danger>
                拒绝
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Typography.Text type='secondary'>—</Typography.Text>
        ),
    },
  ];
  return (
    <AdminTable<AfterSaleView, { status?: AfterSaleStatus }>
      tableKey='after-sales'
      ghost
      actionRef={table}
      columns={columns}
      request={({ status }) => allRows(http<{ items: AfterSaleView[] }>(`/api/admin/after-sales${qs({ status })}`))}
      locale={{ emptyText: '暂无售后申请' }}
    />
  );
}
