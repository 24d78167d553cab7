import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { WalletEntryView } from '@mall/shared';
import { dateTime, toFen, yuan } from '../services/format';
import { http, newIdempotencyKey } from '../services/http';
import { getSession } from '../services/session';

interface WalletView {
  memberId: number;
  principal: number;
  bonus: number;
  total: number;
  hasPin: boolean;
  pinLocked: boolean;
  ledgerConsistent: boolean;
  entries: { items: WalletEntryView[]; nextCursor: string | null };
}

export default function WalletsPage() {
  const { message } = App.useApp();
  const role = getSession()?.account.role;
  const canAdjust = role === 'admin' || role === 'finance';
  const [memberId, setMemberId] = useState<number | null>(null);
  const [view, setView] = useState<WalletView | null>(null);
  const [loading, setLoading] = useState(false);
  const [adjusting, setAdjusting] = useState(false);
  const [requestKey, setRequestKey] = useState(newIdempotencyKey());
  const [form] = Form.useForm();

  const load = async (id = memberId) => {
    if (!id) return;
    setLoading(true);
    try {
      setView(await http<WalletView>(`/api/admin/wallets/${id}?limit=50`));
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const adjust = async () => {
    const v = await form.validateFields();
    try {
      await http(`/api/admin/wallets/${memberId}/adjustments`, {
        method: 'POST',
        body: { deltaPrincipalFen: toFen(v.principalYuan), deltaBonusFen: toFen(v.bonusYuan), reason: v.reason },
        idempotencyKey: requestKey,
      });
      void message.success('调整已记账');
      setAdjusting(false);
      form.resetFields();
      void load();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <Card title='会员钱包'>
      <Space style={{ marginBottom: 16 }}>
        <InputNumber placeholder='会员 ID' min={1} value={memberId ?? undefined} onChange={(v) => setMemberId(v)} style={{ width: 160 }} />
        <Button type='primary' onClick={() => load()} loading={loading}>查询</Button>
        {view && canAdjust && <Button onClick={() => { setRequestKey(newIdempotencyKey()); setAdjusting(true); }}>人工调整</Button>}
      </Space>
      {view && (
        <>
          {!view.ledgerConsistent && <Alert type='error' showIcon message='缓存余额与流水合计不一致，请联系技术排查' style={{ marginBottom: 16 }} />}
          <Descriptions bordered size='small' column={4} style={{ marginBottom: 16 }}>
            <Descriptions.Item label='本金'>{yuan(view.principal)}</Descriptions.Item>
            <Descriptions.Item label='赠送金'>{yuan(view.bonus)}</Descriptions.Item>
            <Descriptions.Item label='合计'>{yuan(view.total)}</Descriptions.Item>
            <Descriptions.Item label='支付密码'>{view.hasPin ? (view.pinLocked ? <Tag color='red'>已锁定</Tag> : <Tag color='green'>已设置</Tag>) : '未设置'}</Descriptions.Item>
          </Descriptions>
          <Table<WalletEntryView>
            rowKey='id'
            size='small'
            dataSource={view.entries.items}
            pagination={false}
            locale={{ emptyText: '暂无流水' }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', render: dateTime },
              { title: '类型', dataIndex: 'title' },
              { title: '本金变动', dataIndex: 'deltaPrincipal', render: yuan },
              { title: '赠送金变动', dataIndex: 'deltaBonus', render: yuan },
              { title: '本金余额', dataIndex: 'principalAfter', render: yuan },
              { title: '赠送金余额', dataIndex: 'bonusAfter', render: yuan },
              { title: '备注', dataIndex: 'note' },
            ]}
          />
        </>
      )}
      <Modal title={`调整会员 ${memberId} 的钱包`} open={adjusting} onOk={adjust} onCancel={() => setAdjusting(false)} okText='确认调整' destroyOnHidden>
        <Alert type='warning' showIcon message='调整会记入流水并留下审计记录；扣减不会使余额为负。' style={{ marginBottom: 16 }} />
        <Form form={form} layout='vertical' initialValues={{ principalYuan: 0, bonusYuan: 0 }}>
          <Space>
            <Form.Item label='本金（元，可为负）' name='principalYuan'>
              <InputNumber precision={2} />
            </Form.Item>
            <Form.Item label='赠送金（元，可为负）' name='bonusYuan'>
              <InputNumber precision={2} />
            </Form.Item>
          </Space>
          <Form.Item label='原因' name='reason' rules={[{ required: true, min: 2, max: 120 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
