import { useRef, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import type { AdminPaymentView, Page, PaymentPurpose, PaymentStatus } from '@mall/shared';
import { AdminTable, pageRows } from '../../components/AdminTable';
import { StatusBadge } from '../../components/status';
import { beijingDays, dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { canRefund, PAYMENT_STATUS, PURPOSE, refundable } from './labels';
import { PaymentDrawer } from './PaymentDrawer';
import { RefundModal } from './RefundModal';
import { MemberLink } from '../../components/MemberLink';
import { MemberPicker } from '../../components/MemberPicker';

interface PaymentQuery {
  status?: PaymentStatus;
  purpose?: PaymentPurpose;
  memberId?: number;
  from?: string;
  to?: string;
}

export function PaymentsTab() {
  const table = useRef<ActionType>();
  const mayRefund = canRefund();
  const [detail, setDetail] = useState<string | null>(null);
  const [refunding, setRefunding] = useState<AdminPaymentView | null>(null);

  const columns: ProColumns<AdminPaymentView>[] = [
    {
      title: '商户单号',
      dataIndex: 'outTradeNo',
      copyable: true,
      width: 290,
      render: (dom, row) => <a onClick={() => setDetail(row.outTradeNo)}>{dom}</a>,
    },
    { title: '用途', dataIndex: 'purpose', valueEnum: PURPOSE, search: true, width: 110 },
    {
      title: '会员',
      dataIndex: 'memberId',
      search: true,
      width: 160,
      renderFormItem: () => <MemberPicker width={220} />,
      render: (_, p) => <MemberLink id={p.memberId} />,
    },
    { title: '金额', dataIndex: 'amountFen', align: 'right', width: 110, render: (_, p) => yuan(p.amountFen) },
    {
      title: '已退',
      dataIndex: 'refundedFen',
      align: 'right',
      width: 100,
      render: (_, p) => (p.refundedFen ? yuan(p.refundedFen) : '-'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueEnum: PAYMENT_STATUS,
      search: true,
      width: 220,
      render: (_, p) => (
        <Space size={4}>
          <StatusBadge values={PAYMENT_STATUS} status={p.status} />
          {p.lateRefund && <Tag color='orange'>关单后支付·已自动退款</Tag>}
        </Space>
      ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (_, p) => dateTime(p.createdAt) },
    { title: '支付时间', dataIndex: 'paidAt', width: 150, render: (_, p) => dateTime(p.paidAt) },
    {
      title: '创建日期',
      dataIndex: 'createdRange',
      valueType: 'dateRange',
      hideInTable: true,
      hideInSetting: true,
      search: { transform: (days: [string, string]) => beijingDays(days[0], days[1]) },
    },
    {
      title: '操作',
      valueType: 'option',
      width: 90,
      render: (_, row) =>
        mayRefund && row.status === 'paid' && refundable(row) > 0 ? (
          <Button size='small' onClick={() => setRefunding(row)}>
            退款
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <AdminTable<AdminPaymentView, PaymentQuery>
        tableKey='payments'
        headerTitle='支付记录'
        actionRef={table}
        columns={columns}
        request={({ current, pageSize, status, purpose, memberId, from, to }) =>
          pageRows(http<Page<AdminPaymentView>>(`/api/admin/payments${qs({ page: current, pageSize, status, purpose, memberId, from, to })}`))
        }
        pagination={{ showTotal: (total) => `共 ${total} 笔` }}
      />
      <RefundModal payment={refunding} onClose={() => setRefunding(null)} onDone={() => void table.current?.reload()} />
      <PaymentDrawer outTradeNo={detail} onClose={() => setDetail(null)} onChanged={() => void table.current?.reload()} />
    </>
  );
}
