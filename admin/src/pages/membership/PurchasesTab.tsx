import { useRef, useState } from 'react';
import { Alert, Space, Typography } from 'antd';
import { ProForm, ProFormTextArea, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  MEMBERSHIP_PURCHASE_STATES,
  type AdminMembershipPurchaseView,
  type AdminRefundMembershipRequest,
  type Fen,
  type MembershipPurchaseStatus,
  type Page,
} from '@mall/shared';
import { AdminTable, pageRows } from '../../components/AdminTable';
import { EditModal } from '../../components/EditModal';
import { MemberLink } from '../../components/MemberLink';
import { MemberPicker } from '../../components/MemberPicker';
import { stateValueEnum, StatusBadge } from '../../components/status';
import { useAction } from '../../components/use-action';
import { YuanInput } from '../../components/YuanInput';
import { dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { canRefund } from '../payments/labels';

const STATUS = stateValueEnum(MEMBERSHIP_PURCHASE_STATES, { pending: 'Warning', paid: 'Success', refunded: 'Error' });
const PAID_BY: Record<AdminMembershipPurchaseView['paidBy'], string> = { wechat: '微信支付', balance: '储值余额' };

interface RefundForm {
  amountFen: Fen | null;
  reason: string;
}

/** SVIP purchases; finance refunds a paid one with a reason, whatever the plan's policy (the server audits it). */
export function PurchasesTab() {
  const run = useAction();
  const table = useRef<ActionType>();
  const [refunding, setRefunding] = useState<AdminMembershipPurchaseView | null>(null);
  const financial = canRefund();

  const columns: ProColumns<AdminMembershipPurchaseView>[] = [
    { title: '单号', dataIndex: 'id', width: 70 },
    {
      title: '会员',
      dataIndex: 'memberId',
      search: true,
      renderFormItem: () => <MemberPicker width={240} />,
      render: (_, p) => <MemberLink id={p.memberId} />,
    },
    { title: '方案', dataIndex: 'planName' },
    { title: '实付', dataIndex: 'priceFen', align: 'right', render: (_, p) => yuan(p.priceFen) },
    { title: '支付方式', dataIndex: 'paidBy', render: (_, p) => PAID_BY[p.paidBy] },
    { title: '状态', dataIndex: 'status', valueEnum: STATUS, search: true, render: (_, p) => <StatusBadge values={STATUS} status={p.status} /> },
    { title: '支付时间', dataIndex: 'paidAt', render: (_, p) => dateTime(p.paidAt) },
    {
      title: '退款',
      key: 'refund',
      render: (_, p) =>
        p.status === 'refunded' ? (
          <Space direction='vertical' size={0}>
            <span>{yuan(p.refundedFen)}</span>
            <Typography.Text type='secondary' style={{ fontSize: 12 }}>
              {dateTime(p.refundedAt)} · {p.refundReason ?? '-'}
            </Typography.Text>
          </Space>
        ) : (
          '-'
        ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 80,
      hideInTable: !financial,
      render: (_, p) => (p.status === 'paid' ? <a onClick={() => setRefunding(p)}>退款</a> : <Typography.Text type='secondary'>—</Typography.Text>),
    },
  ];

  return (
    <>
      <AdminTable<AdminMembershipPurchaseView, { memberId?: number; status?: MembershipPurchaseStatus }>
        tableKey='svip-purchases'
        ghost
        actionRef={table}
        columns={columns}
        request={({ current, pageSize, memberId, status }) =>
          pageRows(http<Page<AdminMembershipPurchaseView>>(`/api/admin/membership/purchases${qs({ page: current, pageSize, memberId, status })}`))
        }
        locale={{ emptyText: '没有符合条件的 SVIP 订单' }}
      />
      <EditModal<RefundForm>
        title={`SVIP 退款 · 单号 ${refunding?.id ?? ''}`}
        open={refunding !== null}
        onOpenChange={(open) => !open && setRefunding(null)}
        initialValues={{ amountFen: refunding?.priceFen ?? null }}
        modalProps={{ okText: '确认退款', okButtonProps: { danger: true } }}
        onFinish={async ({ amountFen, reason }) => {
          const body: AdminRefundMembershipRequest = { reason: reason.trim(), ...(amountFen ? { amountFen } : {}) };
          const done = await run(() => http(`/api/admin/membership/purchases/${refunding!.id}/refund`, { method: 'POST', body }), '已退款，SVIP 权益已终止');
          if (done) void table.current?.reload();
          return done;
        }}
      >
        <Alert
          type='warning'
          showIcon
          style={{ marginBottom: 16 }}
          message={`${refunding?.planName ?? ''}，实付 ${yuan(refunding?.priceFen)}（${refunding ? PAID_BY[refunding.paidBy] : ''}）。退款后该会员的 SVIP 期立即终止，款项原路退回；此操作会记入操作记录。`}
        />
        <ProForm.Item
          name='amountFen'
          label='退款金额（元）'
          rules={[
            { required: true, message: '请输入退款金额' },
            {
              validator: async (_: unknown, v: Fen | null) =>
                v !== null && v > (refunding?.priceFen ?? 0) ? Promise.reject(new Error('不能超过实付金额')) : undefined,
            },
          ]}
        >
          <YuanInput min={1} max={refunding?.priceFen} />
        </ProForm.Item>
        <ProFormTextArea
          name='reason'
          label='原因'
          rules={[{ required: true, whitespace: true, max: 64, message: '请填写退款原因（64 字以内）' }]}
          fieldProps={{ rows: 2 }}
        />
      </EditModal>
    </>
  );
}
