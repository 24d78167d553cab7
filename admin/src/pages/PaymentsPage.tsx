import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useLoad } from '../components/use-load';
import { dateTime, toFen, yuan } from '../services/format';
import { http, newIdempotencyKey } from '../services/http';
import { getSession } from '../services/session';

interface PaymentRow {
  id: number;
  outTradeNo: string;
  purpose: string;
  purposeId: string;
  memberId: number;
  amountFen: number;
  refundedFen: number;
  status: 'created' | 'paid' | 'closed';
  description: string;
  transactionId: string | null;
  lateRefund: boolean;
  createdAt: string;
  paidAt: string | null;
}

interface RefundRow {
  outRefundNo: string;
  amountFen: number;
  reason: string;
  status: string;
  createdAt: string;
  succeededAt: string | null;
}

const STATUS: Record<string, [string, string]> = { created: ['待支付', 'default'], paid: ['已支付', 'green'], closed: ['已关闭', 'default'] };
const PURPOSE: Record<string, string> = { recharge: '储值充值', membership: '付费会员', order: '订单', deal: '活动', points_mall: '积分商城' };
const REFUND_STATUS: Record<string, [string, string]> = { processing: ['退款中', 'processing'], success: ['已退款', 'green'], failed: ['失败', 'red'] };

export default function PaymentsPage() {
  const { message } = App.useApp();
  const role = getSession()?.account.role;
  const canRefund = role === 'admin' || role === 'finance';
  const [filters, setFilters] = useState<{ status?: string; purpose?: string; memberId?: number; range?: [Dayjs, Dayjs] | null }>({});
  const [page, setPage] = useState(1);
  const [detail, setDetail] = useState<(PaymentRow & { refunds: RefundRow[] }) | null>(null);
  const [refunding, setRefunding] = useState<PaymentRow | null>(null);
  const [requestKey, setRequestKey] = useState(newIdempotencyKey());
  const [form] = Form.useForm<{ amountYuan: number; reason: string }>();

  const query = new URLSearchParams({ page: String(page), pageSize: '20' });
  if (filters.status) query.set('status', filters.status);
  if (filters.purpose) query.set('purpose', filters.purpose);
  if (filters.memberId) query.set('memberId', String(filters.memberId));
  if (filters.range) {
    query.set('from', filters.range[0].startOf('day').toISOString());
    query.set('to', filters.range[1].endOf('day').toISOString());
  }
  const { data, loading, reload } = useLoad(() => http<{ items: PaymentRow[]; total: number }>(`/api/admin/payments?${query}`), [query.toString()]);

  const openDetail = async (row: PaymentRow) => setDetail(await http(`/api/admin/payments/${row.outTradeNo}`));

  const submitRefund = async () => {
    const values = await form.validateFields();
    try {
      const refund = await http<RefundRow>(`/api/admin/payments/${refunding!.outTradeNo}/refunds`, {
        method: 'POST',
        body: { amountFen: toFen(values.amountYuan), reason: values.reason },
        idempotencyKey: requestKey,
      });
      void message.success(`已提交退款 ${yuan(refund.amountFen)}`);
      setRefunding(null);
      form.resetFields();
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Card title='支付记录'>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder='状态' style={{ width: 120 }} options={Object.entries(STATUS).map(([value, [label]]) => ({ value, label }))} onChange={(status) => { setPage(1); setFilters({ ...filters, status }); }} />
        <Select allowClear placeholder='用途' style={{ width: 140 }} options={Object.entries(PURPOSE).map(([value, label]) => ({ value, label }))} onChange={(purpose) => { setPage(1); setFilters({ ...filters, purpose }); }} />
        <InputNumber placeholder='会员 ID' min={1} style={{ width: 120 }} onChange={(v) => { setPage(1); setFilters({ ...filters, memberId: v ?? undefined }); }} />
        <DatePicker.RangePicker onChange={(range) => { setPage(1); setFilters({ ...filters, range: range as [Dayjs, Dayjs] | null }); }} />
      </Space>
      <Table<PaymentRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 笔` }}
        columns={[
          { title: '商户单号', dataIndex: 'outTradeNo', render: (v, row) => <a onClick={() => openDetail(row)}>{v}</a> },
          { title: '用途', dataIndex: 'purpose', render: (v) => PURPOSE[v] ?? v },
          { title: '会员', dataIndex: 'memberId' },
          { title: '金额', dataIndex: 'amountFen', render: yuan },
          { title: '已退', dataIndex: 'refundedFen', render: (v) => (v ? yuan(v) : '-') },
          { title: '状态', dataIndex: 'status', render: (v, row) => <Space><Tag color={STATUS[v][1]}>{STATUS[v][0]}</Tag>{row.lateRefund && <Tag color='orange'>关单后支付·已自动退款</Tag>}</Space> },
          { title: '创建时间', dataIndex: 'createdAt', render: dateTime },
          {
            title: '操作',
            render: (_, row) =>
              canRefund && row.status === 'paid' && row.refundedFen < row.amountFen ? (
                <Button size='small' onClick={() => { setRequestKey(newIdempotencyKey()); setRefunding(row); }}>退款</Button>
              ) : null,
          },
        ]}
      />
      <Modal title={`退款 · ${refunding?.outTradeNo ?? ''}`} open={!!refunding} onOk={submitRefund} onCancel={() => setRefunding(null)} okText='确认退款' destroyOnHidden>
        <Form form={form} layout='vertical'>
          <Form.Item label={`退款金额（元，最多 ${refunding ? yuan(refunding.amountFen - refunding.refundedFen) : ''}）`} name='amountYuan' rules={[{ required: true, message: '请输入金额' }]}>
            <InputNumber min={0.01} max={refunding ? (refunding.amountFen - refunding.refundedFen) / 100 : undefined} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label='原因' name='reason' rules={[{ required: true, message: '请填写原因' }]}>
            <Input maxLength={80} />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer title={detail?.outTradeNo} open={!!detail} onClose={() => setDetail(null)} width={560}>
        {detail && (
          <>
            <p>微信支付单号：{detail.transactionId ?? '-'}</p>
            <p>用途：{PURPOSE[detail.purpose]} #{detail.purposeId}</p>
            <p>金额：{yuan(detail.amountFen)}，支付时间：{dateTime(detail.paidAt)}</p>
            <Table<RefundRow>
              rowKey='outRefundNo'
              size='small'
              pagination={false}
              dataSource={detail.refunds}
              locale={{ emptyText: '无退款' }}
              columns={[
                { title: '退款单号', dataIndex: 'outRefundNo' },
                { title: '金额', dataIndex: 'amountFen', render: yuan },
                { title: '原因', dataIndex: 'reason' },
                { title: '状态', dataIndex: 'status', render: (v) => <Tag color={REFUND_STATUS[v]?.[1]}>{REFUND_STATUS[v]?.[0] ?? v}</Tag> },
              ]}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
