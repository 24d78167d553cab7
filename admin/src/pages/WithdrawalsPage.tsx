import { useState } from 'react';
import { App, Button, Card, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useLoad } from '../components/use-load';
import { dateTime, yuan } from '../services/format';
import { http } from '../services/http';

interface WithdrawalRow {
  id: number;
  memberId: number;
  status: 'pending' | 'approved' | 'rejected';
  reason: string;
  principalFen: number;
  bonusForfeitFen: number;
  reviewNote: string;
  createdAt: string;
  reviewedAt: string | null;
}

const STATUS: Record<string, [string, string]> = { pending: ['待审核', 'orange'], approved: ['已通过', 'green'], rejected: ['已拒绝', 'default'] };

export default function WithdrawalsPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('pending');
  const { data, loading, reload } = useLoad(() => http<{ items: WithdrawalRow[] }>(`/api/admin/withdrawals?status=${status}`), [status]);
  const [review, setReview] = useState<{ row: WithdrawalRow; action: 'approve' | 'reject' } | null>(null);
  const [note, setNote] = useState('');

  const submit = async () => {
    if (!review || !note.trim()) return;
    try {
      await http(`/api/admin/withdrawals/${review.row.id}/${review.action}`, { method: 'POST', body: { note } });
      void message.success(review.action === 'approve' ? '已通过，本金将原路退回' : '已拒绝');
      setReview(null);
      setNote('');
      void reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Card title='提现审核' extra={<Segmented value={status} onChange={(v) => setStatus(String(v))} options={[{ value: 'pending', label: '待审核' }, { value: 'approved', label: '已通过' }, { value: 'rejected', label: '已拒绝' }]} />}>
      <Table<WithdrawalRow>
        rowKey='id'
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无申请' }}
        columns={[
          { title: '申请', dataIndex: 'id' },
          { title: '会员', dataIndex: 'memberId' },
          { title: '原因', dataIndex: 'reason' },
          { title: '退回本金', dataIndex: 'principalFen', render: (v, r) => (r.status === 'approved' ? yuan(v) : '审核时计算') },
          { title: '作废赠送金', dataIndex: 'bonusForfeitFen', render: (v, r) => (r.status === 'approved' ? yuan(v) : '-') },
          { title: '状态', dataIndex: 'status', render: (v) => <Tag color={STATUS[v][1]}>{STATUS[v][0]}</Tag> },
          { title: '申请时间', dataIndex: 'createdAt', render: dateTime },
          {
            title: '操作',
            render: (_, row) =>
              row.status === 'pending' && (
                <Space>
                  <Button size='small' type='primary' onClick={() => setReview({ row, action: 'approve' })}>通过</Button>
                  <Button size='small' danger onClick={() => setReview({ row, action: 'reject' })}>拒绝</Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal title={review?.action === 'approve' ? '通过提现：剩余本金原路退回，赠送金作废' : '拒绝提现'} open={!!review} onOk={submit} onCancel={() => setReview(null)} okButtonProps={{ disabled: !note.trim() }}>
        <Input.TextArea rows={3} placeholder='审核说明（必填）' value={note} onChange={(e) => setNote(e.target.value)} maxLength={120} />
      </Modal>
    </Card>
  );
}
