import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Space, Typography } from 'antd';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { PAYMENT_PURPOSE_LABELS, REFUND_STATES, stateLabel, statesOf, type AdminRefundView, type Page, type RefundStatus } from '@mall/shared';
import { AdminTable, pageRows } from '../../components/AdminTable';
import { useLoad } from '../../components/use-load';
import { dateTime, yuan } from '../../services/format';
import { http, qs } from '../../services/http';
import { fetchFailedRefundCount } from '../../services/refunds';
import { PaymentDrawer, RefundStatusText } from './PaymentDrawer';
import { MemberLink } from '../../components/MemberLink';

type Filter = RefundStatus | 'all';

const isRefundStatus = (value: string | null): value is RefundStatus => statesOf(REFUND_STATES).includes(value as RefundStatus);

/**
 * Every refund with the payment it returns money from, newest first, paged by the server. The status tabs come from
 * REFUND_STATES (default all; 退款失败 carries the count), and the status is kept in the URL (?status=failed) so the
 * dashboard's warning can link straight to the failed ones.
 */
export function RefundsTab() {
  const table = useRef<ActionType>();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const status: Filter = isRefundStatus(requested) ? requested : 'all';
  const [payment, setPayment] = useState<string | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const failed = useLoad(fetchFailedRefundCount);

  const choose = (next: Filter) => setParams(next === 'all' ? { tab: 'refunds' } : { tab: 'refunds', status: next }, { replace: true });

  const columns: ProColumns<AdminRefundView>[] = [
    {
      title: '支付单 / 退款单号',
      dataIndex: 'outTradeNo',
      width: 270,
      render: (_, r) => (
        <Space direction='vertical' size={0}>
          <a onClick={() => setPayment(r.outTradeNo)} data-testid='refund-payment-link'>
            {r.outTradeNo}
          </a>
          <Typography.Text type='secondary' copyable={{ text: r.outRefundNo }} style={{ fontSize: 12 }}>
            退款单 {r.outRefundNo.slice(0, 12)}…
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '用途 / 会员',
      dataIndex: 'purpose',
      width: 130,
      render: (_, r) => (
        <Space direction='vertical' size={0}>
          <span>
            {PAYMENT_PURPOSE_LABELS[r.purpose] ?? r.purpose} #{r.purposeId}
          </span>
          <MemberLink id={r.memberId} />
        </Space>
      ),
    },
    {
      title: '退款金额',
      dataIndex: 'amountFen',
      align: 'right',
      width: 120,
      render: (_, r) => (
        <Space direction='vertical' size={0} align='end'>
          <span>{yuan(r.amountFen)}</span>
          <Typography.Text type='secondary'>支付 {yuan(r.paymentAmountFen)}</Typography.Text>
        </Space>
      ),
    },
    { title: '退款原因', dataIndex: 'reason', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 210,
      render: (_, r) => <RefundStatusText refund={r} />,
    },
    {
      title: '时间',
      dataIndex: 'createdAt',
      width: 190,
      render: (_, r) => (
        <Space direction='vertical' size={0}>
          <span>申请 {dateTime(r.createdAt)}</span>
          {r.succeededAt && <Typography.Text type='secondary'>到账 {dateTime(r.succeededAt)}</Typography.Text>}
        </Space>
      ),
    },
  ];

  const failedCount = failed.data ?? 0;
  return (
    <>
      <AdminTable<AdminRefundView, { status?: RefundStatus }>
        tableKey='refunds'
        actionRef={table}
        columns={columns}
        params={{ status: status === 'all' ? undefined : status }}
        request={async ({ current, pageSize, status: filter }) => {
          try {
            const rows = await pageRows(http<Page<AdminRefundView>>(`/api/admin/refunds${qs({ status: filter, page: current, pageSize })}`));
            setLoadFailed(false);
            return rows;
          } catch (error) {
            setLoadFailed(true);
            throw error;
          }
        }}
        onLoad={() => void failed.reload()}
        toolbar={{
          menu: {
            type: 'tab',
            activeKey: status,
            onChange: (key) => choose((key as Filter) ?? 'all'),
            items: [
              { key: 'all', label: '全部' },
              ...statesOf(REFUND_STATES).map((s) => ({
                key: s,
                label: s === 'failed' && failedCount > 0 ? `${stateLabel(REFUND_STATES, s)}（${failedCount}）` : stateLabel(REFUND_STATES, s),
              })),
            ],
          },
        }}
        locale={{
          emptyText: loadFailed ? '退款记录未能加载，请点右上角刷新重试' : status === 'all' ? '暂无退款' : `暂无「${stateLabel(REFUND_STATES, status)}」记录`,
        }}
        pagination={{ showTotal: (total) => `共 ${total} 笔` }}
      />
      <PaymentDrawer outTradeNo={payment} onClose={() => setPayment(null)} onChanged={() => void table.current?.reload()} />
    </>
  );
}
