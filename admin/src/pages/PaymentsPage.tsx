import { useRef, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Table, Tag } from 'antd';
import { ProForm, ProFormText, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  PAYMENT_PURPOSE_LABELS,
  PAYMENT_STATES,
  REFUND_STATES,
  stateLabel,
  yuanLabel,
  type AdminPaymentView,
  type Fen,
  type Page,
  type PaymentPurpose,
  type PaymentStatus,
  type RefundView,
} from '@mall/shared';
import { AdminTable, pageRows } from '../components/AdminTable';
import { EditModal } from '../components/EditModal';
import { labelValueEnum, stateValueEnum, StatusBadge } from '../components/status';
import { useAction } from '../components/use-action';
import { YuanInput } from '../components/YuanInput';
import { beijingDays, dateTime, yuan } from '../services/format';
import { http, newIdempotencyKey, qs } from '../services/http';
import { getSession } from '../services/session';

/** GET /api/admin/payments/:outTradeNo */
type PaymentDetail = AdminPaymentView & { refunds: RefundView[] };

interface PaymentQuery {
  status?: PaymentStatus;
  purpose?: PaymentPurpose;
  memberId?: number;
  from?: string;
  to?: string;
}

const STATUS = stateValueEnum(PAYMENT_STATES, { created: 'Warning', paid: 'Success' });
const REFUND_STATUS = stateValueEnum(REFUND_STATES, {
  processing: 'Processing',
  success: 'Success',
  failed: 'Error',
});
const PURPOSE = labelValueEnum(PAYMENT_PURPOSE_LABELS);

export default function PaymentsPage() {
  const run = useAction();
  const table = useRef<ActionType>();
  const role = getSession()?.account.role;
  const canRefund = role === 'admin' || role === 'finance';
  const [detail, setDetail] = useState<PaymentDetail | null>(null);
  /** The payment being refunded, with the key of this one refund (kept if the operator retries it). */
  const [refunding, setRefunding] = useState<{ payment: AdminPaymentView; key: string } | null>(null);

  const openDetail = (row: AdminPaymentView) => run(async () => setDetail(await http<PaymentDetail>(`/api/admin/payments/${row.outTradeNo}`)));
  const refundable = (p: AdminPaymentView): Fen => p.amountFen - p.refundedFen;

  const columns: ProColumns<AdminPaymentView>[] = [
    {
      title: '商户单号',
      dataIndex: 'outTradeNo',
      copyable: true,
      width: 290,
      render: (dom, row) => <a onClick={() => openDetail(row)}>{dom}</a>,
    },
    { title: '用途', dataIndex: 'purpose', valueEnum: PURPOSE, search: true, width: 110 },
    {
      title: '会员 ID',
      dataIndex: 'memberId',
      valueType: 'digit',
      search: true,
      width: 90,
      fieldProps: { min: 1, precision: 0 },
      render: (_, p) => p.memberId,
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
      valueEnum: STATUS,
      search: true,
      width: 220,
      render: (_, p) => (
        <Space size={4}>
          <StatusBadge values={STATUS} status={p.status} />
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
        canRefund && row.status === 'paid' && refundable(row) > 0 ? (
          <Button size='small' onClick={() => setRefunding({ payment: row, key: newIdempotencyKey() })}>
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
      <EditModal<{ amountFen: Fen; reason: string }>
        title={`退款 · ${refunding?.payment.outTradeNo ?? ''}`}
        open={refunding !== null}
        onOpenChange={(open) => !open && setRefunding(null)}
        modalProps={{ okText: '确认退款' }}
        onFinish={async ({ amountFen, reason }) => {
          const { payment, key } = refunding!;
          const done = await run(
            async () => {
              const refund = await http<RefundView>(`/api/admin/payments/${payment.outTradeNo}/refunds`, {
                method: 'POST',
                body: { amountFen, reason },
                idempotencyKey: key,
              });
              void table.current?.reload();
              return refund;
            },
            `已提交退款 ${yuanLabel(amountFen)}`,
          );
          return done;
        }}
      >
        {refunding && (
          <>
            <Alert type='warning' showIcon style={{ marginBottom: 16 }} message={`原路退回微信支付；最多可退 ${yuan(refundable(refunding.payment))}`} />
            <ProForm.Item name='amountFen' label='退款金额（元）' rules={[{ required: true, message: '请输入金额' }]}>
              <YuanInput min={1} max={refundable(refunding.payment)} style={{ width: '100%' }} />
            </ProForm.Item>
            <ProFormText name='reason' label='原因' rules={[{ required: true, message: '请填写原因' }]} fieldProps={{ maxLength: 80 }} />
          </>
        )}
      </EditModal>
      <Drawer title={detail?.outTradeNo} open={detail !== null} onClose={() => setDetail(null)} width={640}>
        {detail && (
          <Space direction='vertical' size='large' style={{ width: '100%' }}>
            <Descriptions column={2} size='small' bordered>
              <Descriptions.Item label='用途'>
                {PAYMENT_PURPOSE_LABELS[detail.purpose] ?? detail.purpose} #{detail.purposeId}
              </Descriptions.Item>
              <Descriptions.Item label='状态'>
                <StatusBadge values={STATUS} status={detail.status} />
              </Descriptions.Item>
              <Descriptions.Item label='金额'>{yuan(detail.amountFen)}</Descriptions.Item>
              <Descriptions.Item label='已退'>{yuan(detail.refundedFen)}</Descriptions.Item>
              <Descriptions.Item label='会员'>{detail.memberId}</Descriptions.Item>
              <Descriptions.Item label='微信支付单号'>{detail.transactionId ?? '-'}</Descriptions.Item>
              <Descriptions.Item label='创建时间'>{dateTime(detail.createdAt)}</Descriptions.Item>
              <Descriptions.Item label='支付时间'>{dateTime(detail.paidAt)}</Descriptions.Item>
              <Descriptions.Item label='说明' span={2}>
                {detail.description}
              </Descriptions.Item>
            </Descriptions>
            <Table<RefundView>
              rowKey='outRefundNo'
              size='small'
              pagination={false}
              dataSource={detail.refunds}
              locale={{ emptyText: '无退款' }}
              columns={[
                { title: '退款单号', dataIndex: 'outRefundNo' },
                { title: '金额', dataIndex: 'amountFen', align: 'right', width: 110, render: (v: Fen) => yuan(v) },
                { title: '原因', dataIndex: 'reason' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  render: (_, r) => (
                    <StatusBadge
                      values={REFUND_STATUS}
                      status={r.status}
                      text={r.failureReason ? `${stateLabel(REFUND_STATES, r.status)}：${r.failureReason}` : undefined}
                    />
                  ),
                },
                { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
              ]}
            />
          </Space>
        )}
      </Drawer>
    </>
  );
}
