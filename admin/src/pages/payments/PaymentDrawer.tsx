import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Table, Tag, Typography } from 'antd';
import { PAYMENT_PURPOSE_LABELS, type AdminPaymentView, type Fen, type RefundView } from '@mall/shared';
import { StatusBadge } from '../../components/status';
import { dateTime, yuan } from '../../services/format';
import { http } from '../../services/http';
import { canRefund, PAYMENT_STATUS, REFUND_STATUS, refundable } from './labels';
import { RefundModal } from './RefundModal';
import { MemberLink } from '../../components/MemberLink';

/** GET /api/admin/payments/:outTradeNo */
export type PaymentDetail = AdminPaymentView & { refunds: RefundView[] };

/** A refund's status, with WeChat's reason under it when it failed. */
export function RefundStatusText({ refund }: { refund: Pick<RefundView, 'status' | 'failureReason'> }) {
  return (
    <Space direction='vertical' size={0}>
      <StatusBadge values={REFUND_STATUS} status={refund.status} />
      {refund.failureReason && (
        <Typography.Text type='danger' data-testid='refund-failure-reason'>
          {refund.failureReason}
        </Typography.Text>
      )}
    </Space>
  );
}

/**
 * One payment with its refunds, loaded by merchant order number (from the payment list or a refund row). Finance can refund
 * what is left from here, which is how a failed refund (its amount is refundable again) is retried.
 */
export function PaymentDrawer({ outTradeNo, onClose, onChanged }: { outTradeNo: string | null; onClose: () => void; onChanged?: () => void }) {
  const [detail, setDetail] = useState<PaymentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refunding, setRefunding] = useState<AdminPaymentView | null>(null);

  const load = useCallback(async () => {
    if (!outTradeNo) return;
    setError(null);
    try {
      setDetail(await http<PaymentDetail>(`/api/admin/payments/${encodeURIComponent(outTradeNo)}`));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [outTradeNo]);

  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);

  const failed = detail?.refunds.filter((r) => r.status === 'failed') ?? [];
  const mayRefund = detail !== null && canRefund() && detail.status === 'paid' && refundable(detail) > 0;

  return (
    <Drawer
      title={outTradeNo ? `支付单 ${outTradeNo}` : ''}
      open={outTradeNo !== null}
      onClose={onClose}
      width={780}
      extra={
        mayRefund && (
          <Button type='primary' onClick={() => setRefunding(detail)}>
            发起退款
          </Button>
        )
      }
    >
      {error && (
        <Alert
          type='error'
          showIcon
          message={`支付单加载失败：${error}`}
          action={
            <Button size='small' onClick={() => void load()}>
              重试
            </Button>
          }
        />
      )}
      {!detail && !error && <Spin style={{ display: 'block', margin: '80px auto' }} />}
      {detail && (
        <Space direction='vertical' size='large' style={{ width: '100%' }} data-testid='payment-detail'>
          {failed.length > 0 && (
            <Alert
              type='warning'
              showIcon
              message={`${failed.length} 笔退款失败，金额已退回可退余额（现可退 ${yuan(refundable(detail))}）`}
              description={canRefund() ? '核实原因（如用户账户异常）后可重新发起退款，或线下处理。' : '请联系财务核实后重新发起退款。'}
            />
          )}
          <Descriptions column={2} size='small' bordered>
            <Descriptions.Item label='用途'>
              {PAYMENT_PURPOSE_LABELS[detail.purpose] ?? detail.purpose} #{detail.purposeId}
            </Descriptions.Item>
            <Descriptions.Item label='状态'>
              <Space size={4}>
                <StatusBadge values={PAYMENT_STATUS} status={detail.status} />
                {detail.lateRefund && <Tag color='orange'>关单后支付·已自动退款</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label='金额'>{yuan(detail.amountFen)}</Descriptions.Item>
            <Descriptions.Item label='已退'>{yuan(detail.refundedFen)}</Descriptions.Item>
            <Descriptions.Item label='会员'>
              <MemberLink id={detail.memberId} />
            </Descriptions.Item>
            <Descriptions.Item label='微信支付单号'>{detail.transactionId ?? '-'}</Descriptions.Item>
            <Descriptions.Item label='创建时间'>{dateTime(detail.createdAt)}</Descriptions.Item>
            <Descriptions.Item label='支付时间'>{dateTime(detail.paidAt)}</Descriptions.Item>
            <Descriptions.Item label='说明' span={2}>
              {detail.description}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>退款</Typography.Title>
            <Table<RefundView>
              rowKey='outRefundNo'
              size='small'
              pagination={false}
              dataSource={detail.refunds}
              locale={{ emptyText: '无退款' }}
              columns={[
                {
                  title: '退款单号',
                  dataIndex: 'outRefundNo',
                  width: 150,
                  render: (v: string) => (
                    <Typography.Text copyable={{ text: v }} title={v}>
                      {v.slice(0, 10)}…
                    </Typography.Text>
                  ),
                },
                { title: '金额', dataIndex: 'amountFen', align: 'right', width: 90, render: (v: Fen) => yuan(v) },
                { title: '原因', dataIndex: 'reason' },
                { title: '状态', dataIndex: 'status', width: 170, render: (_, r) => <RefundStatusText refund={r} /> },
                {
                  title: '时间',
                  dataIndex: 'createdAt',
                  width: 170,
                  render: (_, r) => (
                    <Space direction='vertical' size={0}>
                      <span>申请 {dateTime(r.createdAt)}</span>
                      {r.succeededAt && <Typography.Text type='secondary'>到账 {dateTime(r.succeededAt)}</Typography.Text>}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        </Space>
      )}
      <RefundModal
        payment={refunding}
        onClose={() => setRefunding(null)}
        onDone={() => {
          setRefunding(null);
          void load();
          onChanged?.();
        }}
      />
    </Drawer>
  );
}
